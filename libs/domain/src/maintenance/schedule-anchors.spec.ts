import { planOccurrences } from './schedule';
import { workingDayRule } from './working-days';
import { MaintenanceError } from './maintenance.errors';
import type { PlannedOccurrence, RequirementSchedule, ScheduleContext } from './maintenance.types';

// Bavaria (DE-BY): Mon–Fri, public holidays of date-holidays (New Year, Good Friday, Easter Monday, …).
const bavaria = workingDayRule({ holidayRegion: 'DE-BY' });
const always = (): boolean => true;
const plan = (
  s: RequirementSchedule,
  ctx: Partial<ScheduleContext> & { from: string; to: string },
): PlannedOccurrence[] => planOccurrences(s, { isWorkingDay: bavaria, ...ctx });
const dates = (os: PlannedOccurrence[]): [number, string, string][] =>
  os.map((o) => [o.periodNo, o.targetDate, o.legalLatest]);

describe('fixed grid from the contract start (seed 002: elevators 6× maintenance a year from 01/2027)', () => {
  const sixPerYear: RequirementSchedule = {
    cadence: { every: 2, unit: 'month' },
    anchor: { kind: 'fixed-grid', start: '2027-01-01' },
    leadDays: 35,
    statutory: false,
  };

  it('period k targets start + k × 2 months, moved LATER to a working day; legal latest = day before the next target', () => {
    const os = plan(sixPerYear, { from: '2027-01-01', to: '2027-12-31' });
    expect(os).toHaveLength(6);
    // k=0: Fri 2027-01-01 is New Year → Sat, Sun closed → Mon 2027-01-04; next raw target 2027-03-01 − 1 = 2027-02-28
    expect(os[0]).toEqual({
      periodNo: 0,
      kind: 'regular',
      earliestStart: '2026-11-03', // day after the virtual period −1 target (Sun 2026-11-01 → Mon 11-02)
      targetDate: '2027-01-04',
      legalLatest: '2027-02-28',
      workOrderFrom: '2026-11-30', // 2027-01-04 − 35 days
    });
    // k=1: Mon 2027-03-01, opens the day after k=0's target, work order 2027-03-01 − 35 = 2027-01-25
    expect(os[1]).toEqual({
      periodNo: 1,
      kind: 'regular',
      earliestStart: '2027-01-05',
      targetDate: '2027-03-01',
      legalLatest: '2027-04-30',
      workOrderFrom: '2027-01-25',
    });
    expect(dates(os)).toEqual([
      [0, '2027-01-04', '2027-02-28'],
      [1, '2027-03-01', '2027-04-30'],
      [2, '2027-05-03', '2027-06-30'], // Sat 2027-05-01 (Labour Day) → Mon 05-03
      [3, '2027-07-01', '2027-08-31'],
      [4, '2027-09-01', '2027-10-31'],
      [5, '2027-11-02', '2027-12-31'], // Mon 2027-11-01 All Saints (BY) → Tue 11-02
    ]);
  });

  it('month ends clamp per period from the anchor, never chained: 31 Jan → 28 Feb → 31 Mar → 30 Apr', () => {
    const os = planOccurrences(
      {
        cadence: { every: 1, unit: 'month' },
        anchor: { kind: 'fixed-grid', start: '2027-01-31' },
        leadDays: 28,
        statutory: false,
      },
      { from: '2027-01-01', to: '2027-06-30', isWorkingDay: always },
    );
    expect(dates(os)).toEqual([
      [0, '2027-01-31', '2027-02-27'], // next target 2027-02-28 − 1
      [1, '2027-02-28', '2027-03-30'], // 31 Jan + 1 month clamps to 28 Feb; 31 Jan + 2 months = 31 Mar (not 28 Mar)
      [2, '2027-03-31', '2027-04-29'],
      [3, '2027-04-30', '2027-05-30'],
      [4, '2027-05-31', '2027-06-29'],
      [5, '2027-06-30', '2027-07-30'],
    ]);
  });

  it('a 29 Feb anchor: yearly targets 28 Feb in common years and 29 Feb again in 2032', () => {
    const os = planOccurrences(
      {
        cadence: { every: 1, unit: 'year' },
        anchor: { kind: 'fixed-grid', start: '2028-02-29' },
        leadDays: 91,
        statutory: false,
      },
      { from: '2028-01-01', to: '2032-12-31', isWorkingDay: always },
    );
    expect(os.map((o) => o.targetDate)).toEqual(['2028-02-29', '2029-02-28', '2030-02-28', '2031-02-28', '2032-02-29']);
  });

  it('the horizon only filters: the same periodNo has the same dates in any horizon', () => {
    const whole = plan(sixPerYear, { from: '2027-01-01', to: '2031-12-31' });
    const later = plan(sixPerYear, { from: '2030-03-15', to: '2030-09-30' });
    expect(later.map((o) => o.periodNo)).toEqual([20, 21, 22]);
    expect(later).toEqual(whole.filter((o) => o.periodNo >= 20 && o.periodNo <= 22));
  });
});

describe('floating from the last completion', () => {
  const monthly: RequirementSchedule = {
    cadence: { every: 1, unit: 'month' },
    anchor: { kind: 'floating', start: '2027-01-15' },
    leadDays: 28,
    statutory: false,
  };

  it('before the first completion the targets run from the start', () => {
    expect(dates(plan(monthly, { from: '2027-01-01', to: '2027-03-31' }))).toEqual([
      [0, '2027-01-15', '2027-02-14'],
      [1, '2027-02-15', '2027-03-14'],
      [2, '2027-03-15', '2027-04-14'],
    ]);
  });

  it('after a completion the next target is completion + interval, numbered after the completed period', () => {
    // period 0 (target 2027-01-15) completed late on 2027-02-20 → period 1 = 2027-03-20 (Sat) → Mon 2027-03-22;
    // legal latest = next raw target 2027-04-20 − 1 = 2027-04-19; earliest start = day after the completion
    const os = plan(monthly, { from: '2027-01-01', to: '2027-04-30', lastCompletion: '2027-02-20', lastPeriodNo: 0 });
    expect(os[0]).toEqual({
      periodNo: 1,
      kind: 'regular',
      earliestStart: '2027-02-21',
      targetDate: '2027-03-22',
      legalLatest: '2027-04-19',
      workOrderFrom: '2027-02-22', // 2027-03-22 − 28
    });
    expect(dates(os)).toEqual([
      [1, '2027-03-22', '2027-04-19'],
      [2, '2027-04-20', '2027-05-19'],
    ]);
  });

  it('a completion without the periodNo it completed is refused, naming lastPeriodNo', () => {
    expect(() => plan(monthly, { from: '2027-01-01', to: '2027-04-30', lastCompletion: '2027-02-20' })).toThrow(
      expect.objectContaining({ field: 'lastPeriodNo' }),
    );
  });
});

describe('statutory from the last legal test (seed 001: ZÜS main inspection ≤ 2 years, intermediate half-way)', () => {
  const lift: RequirementSchedule = {
    cadence: { every: 2, unit: 'year' },
    anchor: { kind: 'statutory', lastTest: '2025-03-10', intermediate: true },
    leadDays: 91,
    statutory: true,
  };

  it('intermediate at 12 months, main at 24 months after the last main test; numbered 2c+1 / 2c+2', () => {
    const os = plan(lift, { from: '2025-01-01', to: '2029-12-31' });
    expect(os.map((o) => [o.periodNo, o.kind, o.targetDate, o.legalLatest, o.earliestStart])).toEqual([
      [1, 'intermediate', '2026-03-10', '2026-03-10', '2025-03-11'],
      [2, 'main', '2027-03-10', '2027-03-10', '2026-03-11'],
      [3, 'intermediate', '2028-03-10', '2028-03-10', '2027-03-11'],
      // 2025-03-10 + 4 years = Sat 2029-03-10: the legal deadline moves EARLIER to Fri 2029-03-09
      [4, 'main', '2029-03-09', '2029-03-09', '2028-03-11'],
    ]);
  });

  it('a main inspection done early moves both: intermediate and main count from it, numbers continue', () => {
    // the main inspection of period 2 (due 2027-03-10) was done on Fri 2026-11-20
    const os = plan(lift, { from: '2025-01-01', to: '2029-12-31', lastMainInspection: '2026-11-20', lastPeriodNo: 2 });
    expect(os.map((o) => [o.periodNo, o.kind, o.targetDate, o.legalLatest])).toEqual([
      // 2026-11-20 + 12 months = Sat 2027-11-20 → Fri 2027-11-19 (earlier, never later)
      [3, 'intermediate', '2027-11-19', '2027-11-19'],
      // 2026-11-20 + 24 months = Mon 2028-11-20
      [4, 'main', '2028-11-20', '2028-11-20'],
      [5, 'intermediate', '2029-11-20', '2029-11-20'],
    ]);
  });

  it('a main inspection done LATE (after its deadline) also restarts the cycle from the day it was done', () => {
    // period 2 was due Wed 2027-03-10 (missed); the ZÜS came on Tue 2027-04-20: the next intermediate is due
    // 2028-04-20 (Thu), the main 2029-04-20 (Fri) — the miss of period 2 stays a miss in its own period
    const os = plan(lift, { from: '2027-01-01', to: '2029-12-31', lastMainInspection: '2027-04-20', lastPeriodNo: 2 });
    expect(os.map((o) => [o.periodNo, o.kind, o.legalLatest])).toEqual([
      [3, 'intermediate', '2028-04-20'],
      [4, 'main', '2029-04-20'],
    ]);
  });

  it('a shorter deadline written by the body replaces the next main one; the intermediate is half-way to it', () => {
    // body: next main by Wed 2026-09-30 (instead of 2027-03-10). 2025-03-10 → 2026-09-30 = 569 days,
    // half = 284 days → Fri 2025-12-19. The cycles after it count from 2026-09-30.
    const os = plan(lift, { from: '2025-01-01', to: '2028-12-31', bodyDeadline: '2026-09-30' });
    expect(os.map((o) => [o.periodNo, o.kind, o.legalLatest])).toEqual([
      [1, 'intermediate', '2025-12-19'],
      [2, 'main', '2026-09-30'],
      [3, 'intermediate', '2027-09-30'], // 2026-09-30 + 12 months, Thu
      [4, 'main', '2028-09-29'], // 2026-09-30 + 24 months = Sat 2028-09-30 → Fri 09-29
    ]);
  });

  it('a body deadline later than the legal one does not extend it', () => {
    const os = plan(lift, { from: '2025-01-01', to: '2027-12-31', bodyDeadline: '2027-06-30' });
    expect(os.map((o) => o.legalLatest)).toEqual(['2026-03-10', '2027-03-10']);
  });

  it('a legal deadline on Easter Monday moves earlier over Good Friday to Maundy Thursday', () => {
    // last test 2025-03-29 + 2 years = Mon 2027-03-29 (Easter Monday) → Sun, Sat, Fri 26 (Good Friday) → Thu 2027-03-25
    const os = plan(
      { ...lift, anchor: { kind: 'statutory', lastTest: '2025-03-29', intermediate: false } },
      { from: '2027-01-01', to: '2027-12-31' },
    );
    expect(os).toEqual([
      {
        periodNo: 2,
        kind: 'main',
        earliestStart: '2025-03-30',
        targetDate: '2027-03-25',
        legalLatest: '2027-03-25',
        workOrderFrom: '2026-12-24', // 2027-03-25 − 91
      },
    ]);
  });

  it('a 29 Feb last test: yearly deadlines from the anchor (28 Feb, or earlier on weekends), 29 Feb in 2028', () => {
    const os = plan(
      {
        cadence: { every: 1, unit: 'year' },
        anchor: { kind: 'statutory', lastTest: '2024-02-29', intermediate: false },
        leadDays: 91,
        statutory: true,
      },
      { from: '2024-01-01', to: '2028-12-31' },
    );
    expect(os.map((o) => o.legalLatest)).toEqual([
      '2025-02-28', // Fri
      '2026-02-27', // Sat 28 → Fri 27
      '2027-02-26', // Sun 28 → Fri 26
      '2028-02-29', // Tue — not 28 Feb: computed from the anchor, not chained
    ]);
  });
});

describe('holiday and weekend rules', () => {
  it('a non-statutory planning target moves LATER (Easter Monday → Tuesday)', () => {
    const os = plan(
      {
        cadence: { every: 1, unit: 'month' },
        anchor: { kind: 'fixed-grid', start: '2027-03-29' },
        leadDays: 28,
        statutory: false,
      },
      { from: '2027-03-01', to: '2027-03-31' },
    );
    expect(dates(os)).toEqual([[0, '2027-03-30', '2027-04-28']]);
  });

  it('a statutory fixed-grid deadline on a Sunday moves earlier to Friday; the target stays on it', () => {
    const os = plan(
      {
        cadence: { every: 1, unit: 'month' },
        anchor: { kind: 'fixed-grid', start: '2027-02-28' },
        leadDays: 28,
        statutory: true,
      },
      { from: '2027-02-01', to: '2027-02-28' },
    );
    expect(dates(os)).toEqual([[0, '2027-02-26', '2027-02-26']]);
  });

  it('a planning target never passes the legal latest date, even in a two-week plant shutdown', () => {
    const shutdown = workingDayRule({
      holidays: [
        '2027-08-02',
        '2027-08-03',
        '2027-08-04',
        '2027-08-05',
        '2027-08-06',
        '2027-08-09',
        '2027-08-10',
        '2027-08-11',
        '2027-08-12',
        '2027-08-13',
      ],
    });
    // weekly from Mon 2027-08-02: the next working day is Mon 08-16, but the legal latest date is 08-09 − 1 = Sun 08-08
    const os = planOccurrences(
      {
        cadence: { every: 1, unit: 'week' },
        anchor: { kind: 'fixed-grid', start: '2027-08-02' },
        leadDays: 2,
        statutory: false,
      },
      { from: '2027-08-01', to: '2027-08-08', isWorkingDay: shutdown },
    );
    expect(dates(os)).toEqual([[0, '2027-08-08', '2027-08-08']]);
  });
});

describe('input errors name the field', () => {
  const s: RequirementSchedule = {
    cadence: { every: 1, unit: 'month' },
    anchor: { kind: 'fixed-grid', start: '2027-01-01' },
    leadDays: 28,
    statutory: false,
  };
  it.each([
    [
      { ...s, anchor: { kind: 'fixed-grid', start: '2027-02-30' } },
      { from: '2027-01-01', to: '2027-12-31' },
      'anchor.start',
    ],
    [{ ...s, cadence: { every: 0, unit: 'month' } }, { from: '2027-01-01', to: '2027-12-31' }, 'cadence.every'],
    [{ ...s, leadDays: -1 }, { from: '2027-01-01', to: '2027-12-31' }, 'leadDays'],
    [s, { from: '2027-12-31', to: '2027-01-01' }, 'to'],
    [s, { from: '2027-1-1', to: '2027-12-31' }, 'from'],
  ] as const)('%#: %j', (schedule, ctx, field) => {
    let error: unknown;
    try {
      planOccurrences(schedule as RequirementSchedule, { ...ctx, isWorkingDay: always });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MaintenanceError);
    expect((error as MaintenanceError).field).toBe(field);
  });
});
