import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { CalendarSpec } from '../calendar/calendar.types';
import { defaultLeadDays } from './cadence';
import { computeCompliance } from './compliance';
import type { AnchorRule, ComplianceInput, PlannedOccurrence, TaskDefinition } from './maintenance.types';
import { planOccurrences } from './schedule';
import { occurrenceStatus, onTimeLimit } from './status';
import { MAINTENANCE_TASKS, findTask } from './task-catalogue';
import { workingDayRule, workingDayRuleFromCalendar } from './working-days';

const calendar = (name: string): CalendarSpec =>
  JSON.parse(
    readFileSync(join(__dirname, '../../../demo-data/data/calendars', `${name}.json`), 'utf8'),
  ) as CalendarSpec;
const task = (key: string): TaskDefinition => {
  const t = findTask(key);
  if (t === undefined) throw new Error(`catalogue lacks ${key}`);
  return t;
};

describe('seed 002 (Total Technical Service, 01/2027 – 12/2031): the year plan 2027', () => {
  // the on-site calendar Mon–Fri of seed 002 at a Bavarian site
  const isWorkingDay = workingDayRuleFromCalendar({ ...calendar('seed-002-on-site'), holidayRegion: 'DE-BY' });
  const trades = new Set(MAINTENANCE_TASKS.filter((t) => t.trade !== 'it-systems').map((t) => t.trade));

  it('every task of the 22 trades plans its seed cadence: n occurrences in 2027 for n×/a, one test in 2027', () => {
    expect(trades.size).toBe(22); // trade 23 (spare parts & capex fund) is money, not a task
    const counts: Record<string, number> = {};
    for (const t of MAINTENANCE_TASKS.filter((x) => x.trade !== 'it-systems')) {
      // grids on the 15th from January 2027 (weekly from Mon 2027-01-04); statutory tests last done one
      // interval before 2027-01-15, so the next one falls on Fri 2027-01-15 again
      const weekly = t.defaultCadence.unit === 'week';
      const anchor: AnchorRule =
        t.defaultAnchor === 'statutory'
          ? {
              kind: 'statutory',
              lastTest: t.defaultCadence.unit === 'year' ? `${2027 - t.defaultCadence.every}-01-15` : '2026-07-15',
              intermediate: t.intermediate === true,
            }
          : { kind: 'fixed-grid', start: weekly ? '2027-01-04' : '2027-01-15' };
      const os = planOccurrences(
        { cadence: t.defaultCadence, anchor, leadDays: defaultLeadDays(t.defaultCadence), statutory: t.statutory },
        { from: '2027-01-01', to: '2027-12-31', isWorkingDay },
      );
      counts[t.key] = os.length;
    }
    expect(counts).toEqual({
      'ga-software-update': 1,
      'msr-sensor-calibration': 1,
      'elevator-maintenance': 6, // 15 Jan, Mar, May (Sat → Mon 17), Jul, Sep, Nov
      'elevator-statutory-inspection': 1, // main 2027-01-15; intermediates 2026-01-15 and 2028-01-15 lie outside
      'fire-alarm-service': 2,
      'smoke-extraction-service': 1,
      'fire-door-inspection': 1,
      'compressor-service': 3,
      'compressed-air-leak-audit': 2,
      'dguv-device-test': 1, // every 2 years, last complete round 2025-01-15
      thermography: 1,
      'mv-switchgear-test': 1, // every 4 years, last 2023-01-15
      'main-distribution-test': 1,
      'ups-service': 1,
      'generator-test-run': 12,
      'generator-service': 1,
      'pv-service': 1,
      'energy-monthly-report': 12,
      'energy-iso50001-review': 1,
      'coolant-check': 52, // Mondays 2027-01-04 … 2027-12-27
      'hydraulics-monitoring': 12,
      'gas-line-tightness': 1,
      'gas-detector-calibration': 1,
      'boiler-burner-service': 1,
      'chimney-sweep-measurement': 1,
      'crane-annual-inspection': 1,
      'emergency-lighting-function-test': 12,
      'emergency-lighting-duration-test': 1,
      'lighting-maintenance': 1,
      'safety-systems-expert-inspection': 1,
      'ahu-filter-change': 6,
      'ahu-hygiene-inspection': 1,
      'refrigerant-leak-test': 2, // last 2026-07-15 → 2027-01-15, 2027-07-15
      'grease-separator-service': 4,
      'lifting-station-service': 1,
      'intrusion-alarm-service': 1,
      'cctv-cleaning': 2,
      'sprinkler-service': 2,
      'sprinkler-pump-test': 12,
      'sprinkler-vds-inspection': 1,
      'legionella-sampling': 1,
      'stagnation-flushing': 52,
      'wayfinding-check': 1,
      'access-control-service': 1,
    });
  });

  it('January 2027 compliance under the 20 % grace rule: late never heals a miss', () => {
    const grace = 'twenty-percent' as const;
    const today = '2027-02-15';
    const items: ComplianceInput[] = [];
    const add = (
      id: string,
      t: TaskDefinition,
      o: PlannedOccurrence,
      completedOn: string | undefined,
      expectedStatus: string,
    ): void => {
      const limit = onTimeLimit(o, t.defaultCadence, grace);
      const status = occurrenceStatus(
        { ...o, onTimeLimit: limit, cancelled: false, ...(completedOn ? { completedOn, startedOn: completedOn } : {}) },
        today,
      );
      expect([id, status]).toEqual([id, expectedStatus]);
      items.push({
        occurrenceId: id,
        trade: t.trade,
        targetDate: o.targetDate,
        onTimeLimit: limit,
        legalLatest: o.legalLatest,
        evidenceAccepted: true,
        cancelled: false,
        ...(completedOn ? { completedOn } : {}),
      });
    };
    const month = { from: '2027-01-01', to: '2027-01-31' };
    const isWorkingDay = workingDayRule({ holidayRegion: 'DE-BY' });

    // five elevators, 6× a year from Fri 2027-01-15: legal latest 2027-03-14 (day before 15 Mar);
    // grace 20 % of 2 months = 12 days → on time until Wed 2027-01-27
    const lift = task('elevator-maintenance');
    const [liftJan] = planOccurrences(
      {
        cadence: lift.defaultCadence,
        anchor: { kind: 'fixed-grid', start: '2027-01-15' },
        leadDays: 35,
        statutory: false,
      },
      { ...month, isWorkingDay },
    );
    if (liftJan === undefined) throw new Error('no January occurrence');
    expect(onTimeLimit(liftJan, lift.defaultCadence, grace)).toBe('2027-01-27');
    add('E1', lift, liftJan, '2027-01-14', 'done-on-time');
    add('E2', lift, liftJan, '2027-01-27', 'done-on-time');
    add('E3', lift, liftJan, '2027-01-28', 'done-late');
    add('E4', lift, liftJan, '2027-02-10', 'done-late');
    add('E5', lift, liftJan, undefined, 'overdue'); // not started after its target, legal latest not passed: open

    // sprinkler pump test, statutory, monthly on the 15th: target = legal latest = 2027-01-15, so the 6 days of
    // grace cannot apply
    const pump = task('sprinkler-pump-test');
    const [pumpJan] = planOccurrences(
      {
        cadence: pump.defaultCadence,
        anchor: { kind: 'fixed-grid', start: '2027-01-15' },
        leadDays: 28,
        statutory: true,
      },
      { ...month, isWorkingDay },
    );
    if (pumpJan === undefined) throw new Error('no January occurrence');
    expect(onTimeLimit(pumpJan, pump.defaultCadence, grace)).toBe('2027-01-15');
    add('P1', pump, pumpJan, '2027-01-15', 'done-on-time');

    // stagnation flushing weekly from Mon 2027-01-04: legal latest = the Sunday after, grace 20 % of 7 days = 1
    const flush = task('stagnation-flushing');
    const weeks = planOccurrences(
      {
        cadence: flush.defaultCadence,
        anchor: { kind: 'fixed-grid', start: '2027-01-04' },
        leadDays: 2,
        statutory: false,
      },
      { ...month, isWorkingDay },
    );
    expect(weeks.map((w) => [w.targetDate, w.legalLatest])).toEqual([
      ['2027-01-04', '2027-01-10'],
      ['2027-01-11', '2027-01-17'],
      ['2027-01-18', '2027-01-24'],
      ['2027-01-25', '2027-01-31'],
    ]);
    const [w1, w2, w3, w4] = weeks as [PlannedOccurrence, PlannedOccurrence, PlannedOccurrence, PlannedOccurrence];
    add('W1', flush, w1, '2027-01-04', 'done-on-time');
    add('W2', flush, w2, '2027-01-12', 'done-on-time'); // target + 1 day
    add('W3', flush, w3, '2027-01-20', 'done-late'); // after Tue 19, by Sun 24
    add('W4', flush, w4, '2027-02-02', 'missed'); // completed after Sun 31: still a miss

    const r = computeCompliance(items, month, today);
    // due 5 + 1 + 4 = 10; on time E1 E2 P1 W1 W2 = 5; late E3 E4 W3 = 3; missed W4 = 1; open E5 = 1
    // 5 ÷ 10 × 100 = 50.00 % — far from the contract's "100 % fristgerecht"
    expect(r.total).toMatchObject({ due: 10, onTime: 5, late: 3, missed: 1, open: 1, cancelled: 0, percent: '50.00' });
    expect(r.total.derivation.at(-1)).toBe('Quote: 5 ÷ 10 × 100 = 50,00 %');
    expect(r.total.nonCompliant).toEqual([
      { occurrenceId: 'E3', reason: 'late' },
      { occurrenceId: 'E4', reason: 'late' },
      { occurrenceId: 'E5', reason: 'open' },
      { occurrenceId: 'W3', reason: 'late' },
      { occurrenceId: 'W4', reason: 'missed' },
    ]);
    // per trade: elevators 2 ÷ 5 = 40.00 %, sprinkler 1 ÷ 1 = 100.00 %, drinking water 2 ÷ 4 = 50.00 %
    expect(Object.fromEntries(Object.entries(r.byTrade).map(([k, v]) => [k, v.percent]))).toEqual({
      'drinking-water': '50.00',
      elevators: '40.00',
      sprinkler: '100.00',
    });
  });
});

describe('seed 001 (six lifts): ZÜS main inspection ≤ 2 years, intermediate half-way, one test per lift a year', () => {
  const isWorkingDay = workingDayRule({ holidayRegion: 'DE-NW' });
  const lift = task('elevator-statutory-inspection');
  const plan = (lastTest: string, extra: object = {}): PlannedOccurrence[] =>
    planOccurrences(
      {
        cadence: lift.defaultCadence,
        anchor: { kind: 'statutory', lastTest, intermediate: true },
        leadDays: defaultLeadDays(lift.defaultCadence),
        statutory: true,
      },
      { from: '2027-01-01', to: '2027-12-31', isWorkingDay, ...extra },
    );
  const brief = (os: PlannedOccurrence[]): string[] => os.map((o) => `${o.periodNo} ${o.kind} ${o.legalLatest}`);

  it('2027: three main and three intermediate inspections = 6 × 400 € at the seed fee', () => {
    const plans = {
      // office lift A1: last main 2025-05-12 → main due Wed 2027-05-12
      A1: plan('2025-05-12'),
      // office lift A2: last main 2025-05-06 → 2027-05-06 is Ascension Day (NW) → Wed 2027-05-05
      A2: plan('2025-05-06'),
      // office lift A3: last main due 2027-11-03 was done early on 2026-10-05 (periodNo 2):
      // intermediate 2026-10-05 + 12 months = Tue 2027-10-05, main 2028-10-05
      A3: plan('2025-11-03', { lastMainInspection: '2026-10-05', lastPeriodNo: 2 }),
      // residential lifts: last main 2026-02-02 / 2026-04-20 → intermediate 2027-02-02 / 2027-04-20
      W1: plan('2026-02-02'),
      W2: plan('2026-04-20'),
      // freight lift: the body shortened the next main to 12 months (poor condition): 2026-06-08 → 2027-06-08;
      // the intermediate moves half-way, 2026-06-08 + 182 days = 2026-12-07 (outside 2027)
      L1: plan('2026-06-08', { bodyDeadline: '2027-06-08' }),
    };
    expect(Object.fromEntries(Object.entries(plans).map(([k, v]) => [k, brief(v)]))).toEqual({
      A1: ['2 main 2027-05-12'],
      A2: ['2 main 2027-05-05'],
      A3: ['3 intermediate 2027-10-05'],
      W1: ['1 intermediate 2027-02-02'],
      W2: ['1 intermediate 2027-04-20'],
      L1: ['2 main 2027-06-08'],
    });
    // work orders three months (91 days) ahead: A1 from 2027-02-10
    expect(plans.A1[0]?.workOrderFrom).toBe('2027-02-10');
    const count = Object.values(plans).flat().length;
    expect(count).toBe(6); // 6 × 400 € = 2,400 € in 2027, inside the stated 1,800–3,300 €
  });

  it('the intermediate of the freight lift after the shortened deadline, and its next cycle', () => {
    const os = planOccurrences(
      {
        cadence: lift.defaultCadence,
        anchor: { kind: 'statutory', lastTest: '2026-06-08', intermediate: true },
        leadDays: 91,
        statutory: true,
      },
      { from: '2026-06-09', to: '2029-12-31', isWorkingDay, bodyDeadline: '2027-06-08' },
    );
    expect(brief(os)).toEqual([
      '1 intermediate 2026-12-07', // 365 days ÷ 2 = 182 (rounded down) → Mon 2026-12-07
      '2 main 2027-06-08',
      '3 intermediate 2028-06-08', // the next cycle counts from the body's deadline: + 12 months, Thu
      '4 main 2029-06-08', // + 24 months, Fri
    ]);
  });
});

describe('seed 000 (IT flat rate from 2026-01-01): February 2026', () => {
  const isWorkingDay = workingDayRule({ holidayRegion: 'DE-BY' });
  const feb = { from: '2026-02-01', to: '2026-02-28', isWorkingDay };
  const grid = (key: string, start: string): PlannedOccurrence[] => {
    const t = task(key);
    return planOccurrences(
      {
        cadence: t.defaultCadence,
        anchor: { kind: 'fixed-grid', start },
        leadDays: defaultLeadDays(t.defaultCadence),
        statutory: false,
      },
      feb,
    );
  };

  it('4 weekly backup checks, 1 monthly off-site check, 8 lens cleanings (8 cameras), no device cleaning', () => {
    // weekly on Mondays from 2026-01-05: Feb 2, 9, 16, 23
    expect(grid('it-backup-check-weekly', '2026-01-05').map((o) => o.targetDate)).toEqual([
      '2026-02-02',
      '2026-02-09',
      '2026-02-16',
      '2026-02-23',
    ]);
    // monthly from Mon 2026-01-05: Thu 2026-02-05, work order 28 days ahead (2026-01-08)
    expect(grid('it-backup-check-monthly', '2026-01-05')).toEqual([
      expect.objectContaining({
        periodNo: 1,
        targetDate: '2026-02-05',
        legalLatest: '2026-03-04',
        workOrderFrom: '2026-01-08',
      }),
    ]);
    // lens cleaning monthly on the 15th: Sun 2026-02-15 → Mon 02-16; one occurrence per camera
    const lens = Array.from({ length: 8 }, () => grid('it-camera-lens-cleaning', '2026-01-15')).flat();
    expect(lens).toHaveLength(8);
    expect(new Set(lens.map((o) => o.targetDate))).toEqual(new Set(['2026-02-16']));
    // device cleaning once a year from 2026-01-15: nothing in February
    expect(grid('it-device-cleaning', '2026-01-15')).toEqual([]);
  });
});
