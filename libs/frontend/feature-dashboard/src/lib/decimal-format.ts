/**
 * Display of the API's decimal strings in the UI locale (de-DE "1.234,56 €", en-GB "€1,234.56"), without binary
 * floating point: `Intl.NumberFormat#format` takes the string itself (ECMA-402 "exact decimal" input), so
 * "0.1" + rounding never goes through a double. Percentages from shares are a decimal-point shift on the string.
 * Every function takes the locale (`I18nService.locale()`), so a language switch re-renders the figures.
 */
const DECIMAL_STRING = /^-?\d+(\.\d+)?$/;

type NumericText = Intl.StringNumericLiteral;

function asNumeric(value: string): NumericText {
  if (!DECIMAL_STRING.test(value)) {
    throw new Error(`not a decimal string: ${value}`);
  }
  return value as NumericText;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let found = numberFormats.get(key);
  if (!found) {
    found = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, found);
  }
  return found;
}

/** Money: the shared i18n formatter ("1234.5" → "1.234,50 €" / "€1,234.50"; null → "–"). */
export { formatMoney } from '@leitstand/frontend/i18n';

/** "22260.5" → "22.260,5" / "22,260.5"; null → "–". Up to `maxFraction` places (default 3), no trailing zeros. */
export function formatDecimal(value: string | null | undefined, locale: string, maxFraction = 3): string {
  return value === null || value === undefined
    ? '–'
    : numberFormat(locale, { maximumFractionDigits: maxFraction }).format(asNumeric(value));
}

/** The percent sign as the locale writes it: "99,5 %" in German (with a space), "99.5%" in English. */
function percentSuffix(locale: string): string {
  return locale.startsWith('de') ? ' %' : '%';
}

/** A percentage string "99.4631" → "99,4631 %" / "99.4631%". */
export function formatPercent(value: string | null | undefined, locale: string, maxFraction = 4): string {
  return value === null || value === undefined
    ? '–'
    : `${formatDecimal(value, locale, maxFraction)}${percentSuffix(locale)}`;
}

/**
 * A number ECharts hands back (an axis tick, a tooltip value) with the locale's separators and its unit:
 * 2360000 → "2.360.000 €" / "€2,360,000", 99.5 → "99,5 %" / "99.5%". For display only, never for sums.
 */
export function formatChartNumber(value: number, locale: string, unit: 'percent' | 'euro'): string {
  const text = numberFormat(locale, { maximumFractionDigits: unit === 'percent' ? 4 : 2 }).format(value);
  if (unit === 'percent') return `${text}${percentSuffix(locale)}`;
  return locale.startsWith('de') ? `${text} €` : `€${text}`;
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

/** A share "0.666667" → "66,6667 %" / "66.6667%". */
export function formatShareAsPercent(share: string | null | undefined, locale: string, maxFraction = 4): string {
  return share === null || share === undefined ? '–' : formatPercent(shareToPercent(share), locale, maxFraction);
}

/** For CSV: the decimal string with a decimal comma, no grouping, no unit ("-5.54" → "-5,54"). */
export function csvDecimal(value: string | null | undefined): string {
  return value === null || value === undefined ? '' : asNumeric(value).replace('.', ',');
}
