import { Dec, isDecimalString } from './decimal';
import type { DecimalString } from './decimal';

/**
 * Money in the domain.
 *
 * - Inside the domain an amount is a `Dec` (decimal.js clone, 40 digits, ROUND_HALF_UP).
 * - Across every boundary (JSON data files, API, results) an amount is a `MoneyString`: a plain
 *   decimal string with exactly two fraction digits, e.g. "197.45" or "-47200.00". Never a JS number.
 * - Rounding to cents happens ONLY through `roundCents`, and only at these named points:
 *     1. a priced line's amount (billing: labour, travel, fee, material, partner, pass-through lines;
 *        contract: each annual or pro-rata line amount),
 *     2. a material's unit sell price (net unit price + overhead) before it is multiplied by the quantity,
 *     3. each discount amount,
 *     4. the VAT amount of an invoice,
 *     5. derived contract figures that are shown as money (indexed price, bonus/malus, €/m²).
 *   Sums of already rounded amounts are exact and need no rounding. Rounding is half-up
 *   (commercial rounding: 37.5155 → 37.52, 0.005 → 0.01, -0.005 → -0.01).
 */
export type MoneyString = string;

export const CENT_PLACES = 2;

export class InvalidMoneyError extends Error {
  override readonly name = 'InvalidMoneyError';
  constructor(readonly input: string) {
    super(`not a decimal amount: '${input}' (expected a plain decimal string such as "197.45")`);
  }
}

/** Parses a decimal string (e.g. "82.50", "-3", "0.125") into a `Dec`. Throws InvalidMoneyError otherwise. */
export function dec(value: DecimalString | Dec): Dec {
  if (typeof value !== 'string') {
    return value;
  }
  if (!isDecimalString(value)) {
    throw new InvalidMoneyError(value);
  }
  return new Dec(value);
}

/** Rounding point: rounds to whole cents, half-up (away from zero on .5). */
export function roundCents(value: Dec): Dec {
  return value.decimalPlaces() <= CENT_PLACES ? value : value.toDecimalPlaces(CENT_PLACES, Dec.ROUND_HALF_UP);
}

/** Formats an amount for a boundary: rounded half-up to cents, exactly two fraction digits ("197.45"). */
export function toMoneyString(value: Dec): MoneyString {
  const places = value.decimalPlaces();
  if (places > CENT_PLACES) {
    // Decimal#toFixed on a Dec instance: the single formatting point for money strings (lint allows it here)
    const rounded = value.toFixed(CENT_PLACES, Dec.ROUND_HALF_UP);
    return rounded === '-0.00' ? '0.00' : rounded;
  }
  // fast path (no rounding needed): plain toString plus padding; toExpPos/toExpNeg keep it exponent-free
  const text = value.isZero() ? '0' : value.toString();
  return places === 0 ? `${text}.00` : places === 1 ? `${text}0` : text;
}

/** Formats a non-money decimal (quantity, percentage, factor) without trailing zeros ("1.032", "25", "0.5"). */
export function toDecimalString(value: Dec): DecimalString {
  const text = value.toString();
  return text === '-0' ? '0' : text;
}

function groupThousands(digits: string, separator: string): string {
  const length = digits.length;
  if (length <= 3) {
    return digits;
  }
  // first group has 1–3 digits, then groups of three: "2435520" → "2" + ".435" + ".520"
  const head = length % 3 === 0 ? 3 : length % 3;
  let out = digits.slice(0, head);
  for (let i = head; i < length; i += 3) {
    out += separator + digits.slice(i, i + 3);
  }
  return out;
}

/**
 * A unit price for a boundary: two fraction digits when the value has at most two ("41.25"), otherwise
 * every digit it has ("17.475" = 69.90 €/h per ¼ h). Unit prices are NOT rounded: the line amount is.
 */
export function toUnitPriceString(value: Dec): DecimalString {
  return value.decimalPlaces() <= CENT_PLACES ? toMoneyString(value) : toDecimalString(value);
}

/** German amount without currency: "2.435.520,00", "82,50", "-47.200,00". Rounds half-up to cents. */
export function formatAmountDe(value: Dec): string {
  return formatDecimalTextDe(toMoneyString(value));
}

/** German form of an already formatted decimal string: "2435520.00" → "2.435.520,00", "17.475" → "17,475". */
export function formatDecimalTextDe(text: DecimalString): string {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  // the part before the first '.', and the part up to a second '.' (a text without '.' gets ",00")
  const dot = body.indexOf('.');
  let whole = body;
  let fraction = '00';
  if (dot >= 0) {
    whole = body.slice(0, dot);
    const second = body.indexOf('.', dot + 1);
    fraction = second < 0 ? body.slice(dot + 1) : body.slice(dot + 1, second);
  }
  return (negative ? '-' : '') + groupThousands(whole, '.') + ',' + fraction;
}

/** German euro amount: "82,50 €". */
export function formatEuroDe(value: Dec): string {
  return `${formatAmountDe(value)} €`;
}

/** German decimal without forced places: "1,5", "25", "0,995". */
export function formatDecimalDe(value: Dec): string {
  return toDecimalString(value).replace('.', ',');
}
