import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { UnknownHolidayRegionError } from '../calendar/public-holidays';
import type { CalendarSpec } from '../calendar/calendar.types';
import { assertCadence, cadenceFromTimesPerYear, cadenceLabelDe, defaultLeadDays } from './cadence';
import { MaintenanceError } from './maintenance.errors';
import type { RequirementSchedule } from './maintenance.types';
import { planOccurrences } from './schedule';
import { nextWorkingDay, previousWorkingDay, workingDayRule, workingDayRuleFromCalendar } from './working-days';

const always = (): boolean => true;

describe('cadences', () => {
  it.each([
    [1, { every: 1, unit: 'year' }],
    [2, { every: 6, unit: 'month' }],
    [3, { every: 4, unit: 'month' }],
    [4, { every: 3, unit: 'month' }],
    [6, { every: 2, unit: 'month' }],
    [12, { every: 1, unit: 'month' }],
    [52, { every: 1, unit: 'week' }],
  ])('%i× a year = %j', (n, cadence) => {
    expect(cadenceFromTimesPerYear(n)).toEqual(cadence);
  });

  it.each([0, 5, 8, 24, 1.5, -2])('%d× a year has no whole interval → MaintenanceError', (n) => {
    expect(() => cadenceFromTimesPerYear(n)).toThrow(MaintenanceError);
  });

  it('validates every and unit, naming the field', () => {
    expect(() => assertCadence({ every: 2, unit: 'day' })).toThrow(expect.objectContaining({ field: 'cadence.unit' }));
    expect(() => assertCadence({ every: 21, unit: 'year' })).toThrow(
      expect.objectContaining({ field: 'cadence.every' }),
    );
    expect(() => assertCadence(null)).toThrow(expect.objectContaining({ field: 'cadence' }));
  });

  it.each([
    [{ every: 1, unit: 'week' }, 2, 'wöchentlich'],
    [{ every: 2, unit: 'week' }, 4, 'alle 2 Wochen'],
    [{ every: 1, unit: 'month' }, 28, 'monatlich'], // UpKeep: monthly 28 days ahead
    [{ every: 2, unit: 'month' }, 35, 'alle 2 Monate'],
    [{ every: 3, unit: 'month' }, 42, 'alle 3 Monate'],
    [{ every: 6, unit: 'month' }, 63, 'alle 6 Monate'],
    [{ every: 12, unit: 'month' }, 91, 'alle 12 Monate'], // 21 + 84 = 105, capped at 91
    [{ every: 1, unit: 'year' }, 91, 'jährlich'], // UpKeep: yearly 3 months ahead
    [{ every: 4, unit: 'year' }, 91, 'alle 4 Jahre'],
  ] as const)('%j: lead %i days, "%s"', (cadence, lead, label) => {
    expect(defaultLeadDays(cadence)).toBe(lead);
    expect(cadenceLabelDe(cadence)).toBe(label);
  });
});

describe('working days of the site', () => {
  it('weekends and the public holidays of the region close a day; plant shutdown dates too', () => {
    const by = workingDayRule({ holidayRegion: 'DE-BY', holidays: ['2027-08-02'] });
    expect(by('2027-06-03')).toBe(true); // Thu — not Corpus Christi in 2027 (that is 2027-05-27)
    expect(by('2027-05-27')).toBe(false); // Corpus Christi, public in Bavaria
    expect(workingDayRule({ holidayRegion: 'DE-BE' })('2027-05-27')).toBe(true); // not in Berlin
    expect(by('2027-08-02')).toBe(false); // shutdown
    expect(by('2027-08-07')).toBe(false); // Saturday
    expect(workingDayRule({ weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'] })('2027-08-07')).toBe(true);
  });

  it('a calendar spec gives its open weekdays and holidays', () => {
    const spec = JSON.parse(
      readFileSync(join(__dirname, '../../../demo-data/data/calendars/seed-002-on-site.json'), 'utf8'),
    ) as CalendarSpec;
    const site = workingDayRuleFromCalendar({ ...spec, holidayRegion: 'DE-SN' });
    expect(site('2027-11-17')).toBe(false); // Repentance Day, public in Saxony only
    expect(site('2027-11-16')).toBe(true);
    expect(site('2027-11-20')).toBe(false); // Saturday: no window on Saturdays
  });

  it('moving earlier and later', () => {
    const by = workingDayRule({ holidayRegion: 'DE-BY' });
    // Good Friday 2027-03-26 … Easter Monday 2027-03-29
    expect(previousWorkingDay('2027-03-29', by)).toBe('2027-03-25');
    expect(nextWorkingDay('2027-03-26', by)).toBe('2027-03-30');
    expect(nextWorkingDay('2027-03-30', by)).toBe('2027-03-30');
  });

  it('an unknown region fails at once; a calendar without any working day is a MaintenanceError', () => {
    expect(() => workingDayRule({ holidayRegion: 'DE-XX' })).toThrow(UnknownHolidayRegionError);
    const s: RequirementSchedule = {
      cadence: { every: 1, unit: 'month' },
      anchor: { kind: 'fixed-grid', start: '2027-01-15' },
      leadDays: 28,
      statutory: true,
    };
    expect(() => planOccurrences(s, { from: '2027-01-01', to: '2027-12-31', isWorkingDay: () => false })).toThrow(
      expect.objectContaining({ field: 'isWorkingDay' }),
    );
  });
});

describe('statutory anchor: half-way for other intervals, and which facts count', () => {
  const statutory = (every: number, unit: 'week' | 'month' | 'year', lastTest: string): RequirementSchedule => ({
    cadence: { every, unit },
    anchor: { kind: 'statutory', lastTest, intermediate: true },
    leadDays: 0,
    statutory: true,
  });
  const brief = (s: RequirementSchedule, extra: object = {}): string[] =>
    planOccurrences(s, { from: '2027-01-01', to: '2028-12-31', isWorkingDay: always, ...extra })
      .slice(0, 2)
      .map((o) => `${o.periodNo} ${o.kind} ${o.legalLatest}`);

  it('yearly: half-way = 6 months; 3 months (odd): 90 days ÷ 2 = 45 days; 4 weeks: 14 days', () => {
    expect(brief(statutory(1, 'year', '2027-01-15'))).toEqual(['1 intermediate 2027-07-15', '2 main 2028-01-15']);
    // 2027-01-15 → 2027-04-15 = 90 days; + 45 = 2027-03-01
    expect(brief(statutory(3, 'month', '2027-01-15'))).toEqual(['1 intermediate 2027-03-01', '2 main 2027-04-15']);
    expect(brief(statutory(4, 'week', '2027-01-04'))).toEqual(['1 intermediate 2027-01-18', '2 main 2027-02-01']);
  });

  it('an older lastMainInspection than the anchor is ignored; an odd lastPeriodNo is refused', () => {
    const s = statutory(1, 'year', '2027-01-15');
    expect(brief(s, { lastMainInspection: '2026-01-15', lastPeriodNo: 4 })).toEqual([
      '1 intermediate 2027-07-15',
      '2 main 2028-01-15',
    ]);
    expect(() =>
      planOccurrences(s, {
        from: '2027-01-01',
        to: '2027-12-31',
        isWorkingDay: always,
        lastMainInspection: '2027-02-01',
        lastPeriodNo: 3,
      }),
    ).toThrow(expect.objectContaining({ field: 'lastPeriodNo' }));
  });

  it('a body deadline from an older report (on or before the last main test) no longer applies', () => {
    const s = statutory(2, 'year', '2026-10-05');
    expect(brief(s, { bodyDeadline: '2026-06-30' })).toEqual(['1 intermediate 2027-10-05', '2 main 2028-10-05']);
  });

  it('without intermediate only main inspections, numbered 2, 4, 6 …', () => {
    const os = planOccurrences(
      {
        ...statutory(1, 'year', '2024-03-01'),
        anchor: { kind: 'statutory', lastTest: '2024-03-01', intermediate: false },
      },
      { from: '2024-01-01', to: '2027-12-31', isWorkingDay: always },
    );
    expect(os.map((o) => [o.periodNo, o.kind, o.targetDate])).toEqual([
      [2, 'main', '2025-03-01'],
      [4, 'main', '2026-03-01'],
      [6, 'main', '2027-03-01'],
    ]);
  });
});

describe('floating: an early completion pulls the next target earlier', () => {
  it('period 1 due 2027-03-15 done on 2027-03-01 → period 2 due 2027-04-01', () => {
    const os = planOccurrences(
      {
        cadence: { every: 1, unit: 'month' },
        anchor: { kind: 'floating', start: '2027-02-15' },
        leadDays: 28,
        statutory: false,
      },
      { from: '2027-03-01', to: '2027-05-31', isWorkingDay: always, lastCompletion: '2027-03-01', lastPeriodNo: 1 },
    );
    expect(os.map((o) => [o.periodNo, o.earliestStart, o.targetDate, o.legalLatest])).toEqual([
      [2, '2027-03-02', '2027-04-01', '2027-04-30'],
      [3, '2027-04-02', '2027-05-01', '2027-05-31'],
    ]);
  });
});
