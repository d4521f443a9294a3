import { Pipe, type PipeTransform, inject } from '@angular/core';
import { I18nService } from './i18n.service';

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * An ISO instant as date and minute in `locale` and an IANA zone: "21.11.2026, 14:05" (de-DE),
 * "21/11/2026, 14:05" (en-GB). "–" for a missing or unparseable value.
 */
/** The one formatter of instants in the UI (Angular's DatePipe knows only fixed offsets, not IANA zones). */
export function formatInstant(value: string | null | undefined, locale: string, timeZone: string): string {
  if (!value) {
    return '–';
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    return '–';
  }
  const key = `${locale}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, {
      timeZone,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(key, formatter);
  }
  return formatter.format(date);
}

/**
 * `{{ ticket.createdAt | lsLocalDateTime }}`: like `lsDateTime`, but in the UI language's locale, following a
 * switch at runtime. The zone defaults to Europe/Berlin (the site zone of the demo tenants).
 */
@Pipe({ name: 'lsLocalDateTime', pure: false })
export class LocalizedDateTimePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(value: string | null | undefined, timeZone = 'Europe/Berlin'): string {
    return formatInstant(value, this.i18n.locale(), timeZone);
  }
}
