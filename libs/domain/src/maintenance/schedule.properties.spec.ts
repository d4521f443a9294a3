import fc from 'fast-check';

import { planOccurrences } from './schedule';
import { workingDayRule } from './working-days';
import { dayNumber, fromDayNumber } from './plain-date';
import type { AnchorRule, Cadence, PlannedOccurrence, RequirementSchedule, ScheduleContext } from './maintenance.types';

// The generator materialises a rolling 12-month horizon every day and inserts by (requirement, asset, periodNo)
// with ON CONFLICT DO NOTHING. That is only sound when a period's dates never depend on the horizon: these
// properties plan random requirements over two overlapping horizons and compare.
const calendars = [
  workingDayRule({ holidayRegion: 'DE-BY' }),
  workingDayRule({ holidayRegion: 'DE-SN' }),
  workingDayRule({ holidayRegion: 'DE-NW', holidays: ['2027-12-27', '2027-12-28', '2027-12-29', '2027-12-30'] }),
];
const day = (min: string, max: string): fc.Arbitrary<string> =>
  fc.integer({ min: dayNumber(min, 'd'), max: dayNumber(max, 'd') }).map(fromDayNumber);

const cadence: fc.Arbitrary<Cadence> = fc.oneof(
  fc.record({ every: fc.integer({ min: 1, max: 4 }), unit: fc.constant('week' as const) }),
  fc.record({ every: fc.constantFrom(1, 2, 3, 4, 6, 12, 18), unit: fc.constant('month' as const) }),
  fc.record({ every: fc.integer({ min: 1, max: 4 }), unit: fc.constant('year' as const) }),
);
const anchor: fc.Arbitrary<AnchorRule> = fc.oneof(
  fc.record({ kind: fc.constant('fixed-grid' as const), start: day('2020-01-01', '2028-12-31') }),
  fc.record({ kind: fc.constant('floating' as const), start: day('2020-01-01', '2028-12-31') }),
  fc.record({
    kind: fc.constant('statutory' as const),
    lastTest: day('2020-01-01', '2028-12-31'),
    intermediate: fc.boolean(),
  }),
);
const scenario = fc
  .record({
    cadence,
    anchor,
    leadDays: fc.integer({ min: 0, max: 120 }),
    statutory: fc.boolean(),
    calendar: fc.integer({ min: 0, max: calendars.length - 1 }),
    from: day('2024-01-01', '2030-12-31'),
    lengthA: fc.integer({ min: 30, max: 800 }),
    shift: fc.integer({ min: 1, max: 400 }),
    lengthB: fc.integer({ min: 30, max: 800 }),
    completion: fc.option(
      fc.record({ offset: fc.integer({ min: 0, max: 900 }), periodNo: fc.integer({ min: 0, max: 40 }) }),
    ),
  })
  .map((x) => {
    const schedule: RequirementSchedule = {
      cadence: x.cadence,
      anchor: x.anchor,
      leadDays: x.leadDays,
      statutory: x.statutory,
    };
    const base = x.anchor.kind === 'statutory' ? x.anchor.lastTest : x.anchor.start;
    const facts: Partial<ScheduleContext> = {};
    if (x.completion !== null && x.anchor.kind === 'floating') {
      Object.assign(facts, {
        lastCompletion: fromDayNumber(dayNumber(base, 'd') + x.completion.offset),
        lastPeriodNo: x.completion.periodNo,
      });
    }
    if (x.completion !== null && x.anchor.kind === 'statutory') {
      Object.assign(facts, {
        lastMainInspection: fromDayNumber(dayNumber(base, 'd') + x.completion.offset),
        lastPeriodNo: 2 * x.completion.periodNo,
      });
    }
    const fromA = dayNumber(x.from, 'd');
    const fromB = fromA + x.shift;
    return {
      schedule,
      facts: { ...facts, isWorkingDay: calendars[x.calendar] as (d: string) => boolean },
      a: { from: x.from, to: fromDayNumber(fromA + x.lengthA) },
      b: { from: fromDayNumber(fromB), to: fromDayNumber(fromB + x.lengthB) },
    };
  });

const byPeriod = (os: PlannedOccurrence[]): Map<number, PlannedOccurrence> => new Map(os.map((o) => [o.periodNo, o]));

describe('planOccurrences is stable for overlapping horizons', () => {
  it('the same periodNo has the same dates in both horizons; each horizon is the union plan filtered', () => {
    fc.assert(
      fc.property(scenario, ({ schedule, facts, a, b }) => {
        const inA = planOccurrences(schedule, { ...facts, ...a });
        const inB = planOccurrences(schedule, { ...facts, ...b });
        const union = planOccurrences(schedule, {
          ...facts,
          from: a.from < b.from ? a.from : b.from,
          to: a.to > b.to ? a.to : b.to,
        });
        const mapB = byPeriod(inB);
        for (const o of inA) {
          const other = mapB.get(o.periodNo);
          if (other !== undefined) {
            expect(other).toEqual(o);
          }
        }
        const within = (h: { from: string; to: string }) =>
          union.filter((o) => o.targetDate >= h.from && o.targetDate <= h.to);
        expect(inA).toEqual(within(a));
        expect(inB).toEqual(within(b));
      }),
      { numRuns: 400, seed: 1515 },
    );
  });

  it('every occurrence is ordered: earliestStart ≤ workOrderFrom ≤ targetDate ≤ legalLatest; numbers unique', () => {
    fc.assert(
      fc.property(scenario, ({ schedule, facts, a }) => {
        const os = planOccurrences(schedule, { ...facts, ...a });
        expect(new Set(os.map((o) => o.periodNo)).size).toBe(os.length);
        for (const o of os) {
          expect(o.earliestStart <= o.workOrderFrom && o.workOrderFrom <= o.targetDate).toBe(true);
          expect(o.targetDate <= o.legalLatest).toBe(true);
          expect(dayNumber(o.targetDate, 'd') - dayNumber(o.workOrderFrom, 'd')).toBeLessThanOrEqual(schedule.leadDays);
          if (schedule.statutory || schedule.anchor.kind === 'statutory') {
            // statutory: the deadline is on a working day and the target is the deadline or before it
            expect(facts.isWorkingDay(o.legalLatest)).toBe(true);
          } else if (!facts.isWorkingDay(o.targetDate)) {
            // a planning target off a working day only where it hit the legal latest date
            expect(o.targetDate).toBe(o.legalLatest);
          }
        }
        for (let i = 1; i < os.length; i++) {
          expect((os[i] as PlannedOccurrence).periodNo).toBeGreaterThan((os[i - 1] as PlannedOccurrence).periodNo);
          expect((os[i] as PlannedOccurrence).targetDate >= (os[i - 1] as PlannedOccurrence).targetDate).toBe(true);
        }
      }),
      { numRuns: 400, seed: 4242 },
    );
  });
});
