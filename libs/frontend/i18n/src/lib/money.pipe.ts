import { Pipe, type PipeTransform, inject } from '@angular/core';
import { I18nService } from './i18n.service';

const DECIMAL = /^-?\d+(\.\d+)?$/;
const formatters = new Map<string, Intl.NumberFormat>();

/**
 * Formats a decimal string (as the API sends money, e.g. "1234.56") as euros in `locale`:
 * "1.234,56 €" (de-DE), "€1,234.56" (en-GB). The string goes to Intl as it is — Intl reads a numeric
 * string as an exact decimal — so no binary floating point ever touches the amount. "–" for anything else.
 */
export function formatMoney(value: string | null | undefined, locale: string, currency = 'EUR'): string {
  if (value === null || value === undefined || !DECIMAL.test(value.trim())) {
    return '–';
  }
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, formatter);
  }
  // `format` takes a string as an exact mathematical value (ECMA-402, Intl.NumberFormat v3).
  return formatter.format(value.trim() as unknown as number);
}

/** `{{ line.netUnitPrice | lsMoney }}` in the current UI locale. */
@Pipe({ name: 'lsMoney', pure: false })
export class MoneyPipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(value: string | null | undefined, currency = 'EUR'): string {
    return formatMoney(value, this.i18n.locale(), currency);
  }
}
