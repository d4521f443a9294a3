import { Decimal as DecimalBase } from 'decimal.js';

/**
 * The one decimal type of the domain: a LOCAL clone of decimal.js with 40 significant digits and
 * ROUND_HALF_UP as its rounding mode. The global `Decimal.set` is never touched, so other code that
 * uses decimal.js keeps its own configuration.
 *
 * 40 significant digits are far more than any euro amount needs (a billion euros with 20 decimal
 * places still fits), so intermediate products and quotients are exact for all practical inputs;
 * rounding to cents happens only at the named points documented in `money.ts`.
 */
export const Dec = DecimalBase.clone({
  precision: 40,
  rounding: DecimalBase.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});

/** An instance of the domain's decimal clone. */
export type Dec = DecimalBase;

/** A decimal number written as a plain string, e.g. "197.45", "0.995", "-47200.00". */
export type DecimalString = string;

const DECIMAL_PATTERN = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/** True when `value` is a plain decimal string: optional minus, digits, optional fraction; no exponent, no spaces. */
export function isDecimalString(value: unknown): value is DecimalString {
  return typeof value === 'string' && DECIMAL_PATTERN.test(value);
}

export const ZERO: Dec = new Dec(0);
export const ONE: Dec = new Dec(1);
export const HUNDRED: Dec = new Dec(100);

/** Converts a percentage ("25" → 0.25). Exact. */
export function percentToFactor(percent: Dec): Dec {
  return percent.div(HUNDRED);
}

/** Sums decimals exactly (no rounding). */
export function sumDec(values: readonly Dec[]): Dec {
  let acc = ZERO;
  for (const v of values) {
    acc = acc.plus(v);
  }
  return acc;
}

const PARSE_CACHE_LIMIT = 4096;
const parseCache = new Map<string, DecimalBase>();

/**
 * Parses a VALIDATED decimal string, reusing earlier results: decimals are immutable, and service
 * reports repeat the same prices and quantities ("1", "2", "12.50"), so parsing is mostly a map hit.
 * The cache is bounded and cleared when full.
 */
export function parseDecimalCached(text: DecimalString): Dec {
  let d = parseCache.get(text);
  if (d === undefined) {
    if (parseCache.size >= PARSE_CACHE_LIMIT) {
      parseCache.clear();
    }
    d = new Dec(text);
    parseCache.set(text, d);
  }
  return d;
}
