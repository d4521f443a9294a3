/**
 * Display of the API's decimal strings, de-DE, without binary floating point: `Intl.NumberFormat#format`
 * takes the string itself (ECMA-402 "exact decimal" input), so "0.1" + rounding never goes through a double.
 * Percentages from shares are a decimal-point shift on the string. Local helper until the shared i18n
 * library's `lsMoney` pipe lands.
 */
const DECIMAL_STRING = /^-?\d+(\.\d+)?$/;

type NumericText = Intl.StringNumericLiteral;

function asNumeric(value: string): NumericText {
  if (!DECIMAL_STRING.test(value)) {
    throw new Error(`not a decimal string: ${value}`);
  }
  return value as NumericText;
}

const moneyFormat = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });
const plainFormats = new Map<number, Intl.NumberFormat>();

function plain(maxFraction: number): Intl.NumberFormat {
  let found = plainFormats.get(maxFraction);
  if (!found) {
    found = new Intl.NumberFormat('de-DE', { maximumFractionDigits: maxFraction });
    plainFormats.set(maxFraction, found);
  }
  return found;
}

/** "1234.5" → "1.234,50 €"; null → "–". */
export function formatMoney(value: string | null | undefined): string {
  return value === null || value === undefined ? '–' : moneyFormat.format(asNumeric(value));
}

/** "22260.5" → "22.260,5"; null → "–". Up to `maxFraction` places (default 3), no trailing zeros. */
export function formatDecimal(value: string | null | undefined, maxFraction = 3): string {
  return value === null || value === undefined ? '–' : plain(maxFraction).format(asNumeric(value));
}

/** A percentage string "99.4631" → "99,4631 %". */
export function formatPercent(value: string | null | undefined, maxFraction = 4): string {
  return value === null || value === undefined ? '–' : `${plain(maxFraction).format(asNumeric(value))} %`;
}

/** A share "0.995" → "99.5" (the decimal point moved two places, exact). */
export function shareToPercent(share: string): string {
  const text = asNumeric(share);
  const negative = text.startsWith('-');
  const [intPart = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const padded = fraction.padEnd(2, '0');
  const whole = `${intPart}${padded.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  const rest = padded.slice(2).replace(/0+$/, '');
  const result = rest ? `${whole}.${rest}` : whole;
  return negative && result !== '0' ? `-${result}` : result;
}

/** A share "0.666667" → "66,6667 %". */
export function formatShareAsPercent(share: string | null | undefined, maxFraction = 4): string {
  return share === null || share === undefined ? '–' : formatPercent(shareToPercent(share), maxFraction);
}

/** For CSV: the decimal string with a decimal comma, no grouping, no unit ("-5.54" → "-5,54"). */
export function csvDecimal(value: string | null | undefined): string {
  return value === null || value === undefined ? '' : asNumeric(value).replace('.', ',');
}

/** An instant as "21.11.2026, 14:05" in the given zone (the contract's). */
export function formatInstant(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('de-DE', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
}
