import type { Dec, DecimalString } from './decimal';
import type { MoneyString } from './money';

/**
 * The exact fixed-point money core of the pricing hot path: a value is an integer number of units of
 * 10^-scale held in a BigInt (never a JS number — BigInt is an exact integer type and cannot be mixed
 * with numbers), e.g. 82.50 € = { units: 8250n, scale: 2 }, 17.475 = { units: 17475n, scale: 3 }, and a
 * money amount after its rounding point is a BigInt of whole cents.
 *
 * Products are exact (units multiply, scales add), sums of cents are exact, and rounding happens only
 * where `money.ts` documents it (half-up to cents, `roundToCents`). So these functions give exactly the
 * results of the decimal.js (`Dec`, 40 significant digits, ROUND_HALF_UP) operations they replace:
 *   - `mulToCents(a, b)`    = roundCents(a.times(b)); a product with more than 40 significant digits is
 *                             first rounded to 40 digits half-up, as `Dec#times` does (only inputs with
 *                             very long fractions get there), then to cents;
 *   - `roundToCents(v)`     = roundCents(v);
 *   - `centsToMoneyString`  = toMoneyString of a cent amount;
 *   - `decimalText(v)`      = toDecimalString(v), including decimal.js's exponent form beyond 10^±40.
 * Scope of that equivalence: amounts below 10^36 € — there every sum of cents has at most 40 digits, so
 * decimal.js added exactly too. Larger amounts are no money (decimal.js printed them in exponent
 * notation, "1.8e+43.00"); here they stay exact, plain digits.
 *
 * decimal.js stays the tool for parsing and validating price lists, and for the one genuinely
 * non-terminating division of the engine: the price of an increment, hourly rate × minutes / 60 (e.g.
 * 71.37 € per 20 minutes), computed once per price list in `price-list.compiled.ts` at 40 digits; its
 * exact decimal value is converted here with `scaledFromDec`, so the engine keeps using the same value.
 */
export interface Scaled {
  readonly units: bigint;
  /** Number of fraction digits; negative after rounding a huge product to 40 significant digits. */
  readonly scale: number;
}

const POWERS: bigint[] = [1n];

/** 10^n as a BigInt (n ≥ 0), from a table that grows on demand. */
export function pow10(n: number): bigint {
  let p = POWERS[n];
  while (p === undefined) {
    const last: bigint = POWERS[POWERS.length - 1] ?? 1n;
    POWERS.push(last * 10n);
    p = POWERS[n];
  }
  return p;
}
for (let i = 1; i <= 64; i += 1) {
  pow10(i);
}

/** decimal.js precision of the domain's `Dec` clone (significant digits of every product and sum). */
const PRECISION = 40;
const PRECISION_LIMIT: bigint = pow10(PRECISION);

/** Reads a decimal string that has already passed `isDecimalString` ("82.50", "-3", "0.125"). */
export function parseScaled(text: DecimalString): Scaled {
  const dot = text.indexOf('.');
  if (dot < 0) {
    return { units: BigInt(text), scale: 0 };
  }
  return { units: BigInt(text.slice(0, dot) + text.slice(dot + 1)), scale: text.length - dot - 1 };
}

/** The exact value of a `Dec` (every finite decimal.js value is a finite decimal). */
export function scaledFromDec(value: Dec): Scaled {
  // Decimal#toFixed() without arguments: normal notation, no rounding
  return parseScaled(value.toFixed());
}

/** Rounding point (money.ts): units × 10^-scale rounded half-up (away from zero on .5) to whole cents. */
export function roundToCents(units: bigint, scale: number): bigint {
  if (scale <= 2) {
    return scale === 2 ? units : units * pow10(2 - scale);
  }
  const divisor = pow10(scale - 2);
  const q = units / divisor; // BigInt division truncates toward zero
  const r = units - q * divisor;
  if (r === 0n) {
    return q;
  }
  if (r > 0n) {
    return 2n * r >= divisor ? q + 1n : q;
  }
  return -2n * r >= divisor ? q - 1n : q;
}

/**
 * roundCents(a × b): the exact product, rounded to 40 significant digits half-up when it has more (as
 * `Dec#times` does), then half-up to cents.
 */
export function mulToCents(aUnits: bigint, aScale: number, bUnits: bigint, bScale: number): bigint {
  const product: bigint = aUnits * bUnits;
  if (product < PRECISION_LIMIT && product > -PRECISION_LIMIT) {
    return roundToCents(product, aScale + bScale);
  }
  const negative = product < 0n;
  const magnitude: bigint = negative ? -product : product;
  const drop = magnitude.toString().length - PRECISION;
  const divisor = pow10(drop);
  let kept: bigint = magnitude / divisor;
  if (2n * (magnitude - kept * divisor) >= divisor) {
    kept += 1n;
  }
  return roundToCents(negative ? -kept : kept, aScale + bScale - drop);
}

/** -1, 0 or 1 as a < b, a = b, a > b (exact). */
export function compareScaled(aUnits: bigint, aScale: number, bUnits: bigint, bScale: number): number {
  let a: bigint = aUnits;
  let b: bigint = bUnits;
  if (aScale < bScale) {
    a = aUnits * pow10(bScale - aScale);
  } else if (bScale < aScale) {
    b = bUnits * pow10(aScale - bScale);
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whole cents → money string with exactly two fraction digits ("197.45", "0.05", "-47200.00"). */
export function centsToMoneyString(cents: bigint): MoneyString {
  const negative = cents < 0n;
  let digits = (negative ? -cents : cents).toString();
  if (digits.length < 3) {
    digits = digits.length === 1 ? `00${digits}` : `0${digits}`;
  }
  const cut = digits.length - 2;
  return `${negative ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

/**
 * The text decimal.js gives a value (`toDecimalString`): no trailing zeros ("2.5", "12", "0.333"), "0" for
 * zero, and exponent notation when the decimal exponent is ≤ -40 or ≥ 40 ("1e-41", "1.5e+40").
 */
export function decimalText(units: bigint, scale: number): DecimalString {
  if (units === 0n) {
    return '0';
  }
  const negative = units < 0n;
  const all = (negative ? -units : units).toString();
  let end = all.length;
  let s = scale;
  while (end > 1 && all.charCodeAt(end - 1) === 48 /* 0 */) {
    end -= 1;
    s -= 1;
  }
  const digits = all.slice(0, end);
  const exponent = digits.length - 1 - s;
  let text: string;
  if (exponent <= -PRECISION || exponent >= PRECISION) {
    const mantissa = digits.length > 1 ? `${digits.charAt(0)}.${digits.slice(1)}` : digits;
    text = `${mantissa}e${exponent < 0 ? '' : '+'}${exponent}`;
  } else if (exponent < 0) {
    text = `0.${'0'.repeat(-exponent - 1)}${digits}`;
  } else if (exponent + 1 >= digits.length) {
    text = digits + '0'.repeat(exponent + 1 - digits.length);
  } else {
    text = `${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
  }
  return negative ? `-${text}` : text;
}

/**
 * `decimalText` of a validated decimal string, without BigInt work for the common forms ("2", "12.5",
 * "2.50" → "2.5", "1.000" → "1"); other forms (exponent range, all-zero fraction of zero) go the long way.
 */
export function canonicalDecimalText(text: DecimalString): DecimalString {
  const dot = text.indexOf('.');
  if (dot < 0) {
    return text.length <= PRECISION && text !== '-0' ? text : decimalText(BigInt(text), 0);
  }
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48 /* 0 */) {
    end -= 1;
  }
  if (end === dot + 1) {
    end = dot; // "1.000" → "1"
  }
  const zeroWhole = dot === 1 && text.charCodeAt(0) === 48;
  if (dot >= PRECISION || text.startsWith('-') || (zeroWhole && end === dot)) {
    const s = parseScaled(text);
    return decimalText(s.units, s.scale);
  }
  if (zeroWhole) {
    // 0.000…0d: exponent −(leading zeros + 1) must stay above −40
    let firstDigit = dot + 1;
    while (text.charCodeAt(firstDigit) === 48) {
      firstDigit += 1;
    }
    if (firstDigit - dot >= PRECISION) {
      const s = parseScaled(text);
      return decimalText(s.units, s.scale);
    }
  }
  return end === text.length ? text : text.slice(0, end);
}

/**
 * `toUnitPriceString` of a validated decimal string: two fraction digits when the value has at most two
 * ("41.25", "12" → "12.00"), otherwise every digit it has ("17.475"); never rounded.
 */
export function unitPriceText(text: DecimalString): DecimalString {
  const canonical = canonicalDecimalText(text);
  if (canonical.includes('e')) {
    return canonical.includes('e+') ? `${canonical}.00` : canonical;
  }
  const dot = canonical.indexOf('.');
  if (dot < 0) {
    return `${canonical}.00`;
  }
  const places = canonical.length - dot - 1;
  return places === 1 ? `${canonical}0` : canonical;
}
