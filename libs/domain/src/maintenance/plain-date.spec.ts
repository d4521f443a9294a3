import fc from 'fast-check';
import { DateTime } from 'luxon';

import { addCadence, addMonthsToDay, dayNumber, fromDayNumber } from './plain-date';

// The planner adds calendar months on integers; luxon's DateTime.plus({ months }) is the reference rule
// (keep the day, clamp to the month's end). These checks compare the two.
const luxonPlusMonths = (iso: string, months: number): string =>
  DateTime.fromISO(iso, { zone: 'UTC' }).plus({ months }).toISODate() as string;

describe('calendar months on day numbers agree with luxon', () => {
  it('every day of 2027–2029 (2028 a leap year) for the cadences of the catalogue, forwards and back', () => {
    const offsets = [1, 2, 3, 4, 6, 12, 24, 48, -1, -2, -12, -24];
    const mismatches: string[] = [];
    for (let n = dayNumber('2027-01-01', 'd'); n <= dayNumber('2029-12-31', 'd'); n++) {
      const iso = fromDayNumber(n);
      for (const m of offsets) {
        const ours = fromDayNumber(addMonthsToDay(n, m));
        if (ours !== luxonPlusMonths(iso, m)) {
          mismatches.push(`${iso} + ${m}: ${ours} vs ${luxonPlusMonths(iso, m)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('random days of 1900–2200 and offsets of ±50 years', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: dayNumber('1900-01-01', 'd'), max: dayNumber('2200-12-31', 'd') }),
        fc.integer({ min: -600, max: 600 }),
        (n, m) => fromDayNumber(addMonthsToDay(n, m)) === luxonPlusMonths(fromDayNumber(n), m),
      ),
      { numRuns: 3000, seed: 15 },
    );
  });

  it('k × interval from the anchor, never chained: 31 Jan + k months', () => {
    const monthly = { every: 1, unit: 'month' } as const;
    // chained, 31 Jan → 28 Feb → 28 Mar would stick at the 28th; from the anchor it returns to the 31st
    expect([0, 1, 2, 3, 12, 13].map((k) => addCadence('2027-01-31', monthly, k))).toEqual([
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
      '2028-01-31',
      '2028-02-29',
    ]);
    expect(addCadence('2028-02-29', { every: 1, unit: 'year' }, 4)).toBe('2032-02-29');
    expect(addCadence('2027-12-28', { every: 1, unit: 'week' }, 1)).toBe('2028-01-04');
  });
});
