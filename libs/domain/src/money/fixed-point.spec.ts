import * as fc from 'fast-check';
import { Dec } from './decimal';
import {
  canonicalDecimalText,
  centsToMoneyString,
  compareScaled,
  decimalText,
  mulToCents,
  parseScaled,
  roundToCents,
  scaledFromDec,
  unitPriceText,
} from './fixed-point';
import { roundCents, toDecimalString, toMoneyString, toUnitPriceString } from './money';

/** Non-negative decimal strings: short money-like ones, and long ones beyond 40 significant digits. */
const decimalString = fc.oneof(
  fc.bigInt({ min: 0n, max: 10n ** 9n }).map((c) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`),
  fc.bigInt({ min: 0n, max: 10n ** 6n }).map(String),
  fc
    .tuple(
      fc.oneof(fc.constant('0'), fc.bigInt({ min: 1n, max: 10n ** 14n }).map(String)),
      fc
        .integer({ min: 1, max: 48 })
        .chain((n) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n })),
    )
    .map(([w, f]) => `${w}.${f.join('')}`),
);
const signed = fc.tuple(fc.boolean(), decimalString).map(([neg, d]) => (neg && d !== '0' ? `-${d}` : d));
/** Cents below 10^36 € (the range where the fixed-point core equals decimal.js exactly). */
const cents = fc.bigInt({ min: -(10n ** 38n), max: 10n ** 38n });

/** Dec's text of cents: the engine's amounts are whole cents. */
const decOfCents = (c: bigint): Dec => new Dec(c.toString()).div(100);

describe('fixed-point money core = decimal.js at the domain precision', () => {
  it('mulToCents(a, b) = roundCents(a.times(b)), including products beyond 40 significant digits', () => {
    fc.assert(
      fc.property(signed, decimalString, (a, b) => {
        const x = parseScaled(a);
        const y = parseScaled(b);
        const expected = roundCents(new Dec(a).times(b));
        expect(centsToMoneyString(mulToCents(x.units, x.scale, y.units, y.scale))).toBe(toMoneyString(expected));
      }),
      { numRuns: 3000 },
    );
  });

  it('rounds half-up, away from zero, only when asked', () => {
    const cases: [string, string][] = [
      ['37.5155', '37.52'],
      ['0.005', '0.01'],
      ['-0.005', '-0.01'],
      ['0.0049999', '0.00'],
      ['-37.5149', '-37.51'],
      ['12', '12.00'],
      ['12.3', '12.30'],
    ];
    for (const [input, money] of cases) {
      const s = parseScaled(input);
      expect(centsToMoneyString(roundToCents(s.units, s.scale))).toBe(money);
      expect(toMoneyString(roundCents(new Dec(input)))).toBe(money);
    }
  });

  it('formats cents like toMoneyString and compares exactly', () => {
    fc.assert(
      fc.property(cents, cents, (a, b) => {
        expect(centsToMoneyString(a)).toBe(toMoneyString(decOfCents(a)));
        expect(compareScaled(a, 2, b * 10n, 3)).toBe(decOfCents(a).comparedTo(decOfCents(b)));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes decimal and unit-price texts like toDecimalString and toUnitPriceString', () => {
    fc.assert(
      fc.property(decimalString, (text) => {
        const s = parseScaled(text);
        expect(decimalText(s.units, s.scale)).toBe(toDecimalString(new Dec(text)));
        expect(canonicalDecimalText(text)).toBe(toDecimalString(new Dec(text)));
        expect(unitPriceText(text)).toBe(toUnitPriceString(new Dec(text)));
      }),
      { numRuns: 3000 },
    );
    for (const text of ['0', '0.000', '1.000', '2.50', '1000', `0.${'0'.repeat(40)}1`, `0.${'0'.repeat(38)}12`]) {
      expect(canonicalDecimalText(text)).toBe(toDecimalString(new Dec(text)));
      expect(unitPriceText(text)).toBe(toUnitPriceString(new Dec(text)));
    }
  });

  it('converts a Dec exactly, also a 40-digit quotient such as 71.37 € × 20 / 60', () => {
    const quotient = new Dec('71.37').times(20).div(60);
    const s = scaledFromDec(quotient);
    expect(decimalText(s.units, s.scale)).toBe(quotient.toString());
    expect(centsToMoneyString(mulToCents(s.units, s.scale, 7n, 0))).toBe(toMoneyString(roundCents(quotient.times(7))));
  });
});
