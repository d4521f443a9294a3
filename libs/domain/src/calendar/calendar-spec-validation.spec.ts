import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { BusinessCalendar, alwaysOpenSpec } from './business-calendar';
import { CalendarRangeError, CalendarSpecError } from './calendar.errors';
import type { CalendarSpec } from './calendar.types';

const weekdays = (windows: Array<[string, string]>): CalendarSpec['week'] => ({
  mon: windows,
  tue: windows,
  wed: windows,
  thu: windows,
  fri: windows,
});
const base: CalendarSpec = { timezone: 'Europe/Berlin', week: weekdays([['08:00', '18:00']]) };

function rejection(spec: unknown): CalendarSpecError {
  try {
    BusinessCalendar.fromSpec(spec as CalendarSpec);
  } catch (error) {
    if (error instanceof CalendarSpecError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the spec to be rejected');
}

describe('invalid calendar specs are rejected with the bad field named', () => {
  it.each([
    // [what, spec, field, message fragment]
    ['not an object', null, 'spec', 'expected an object'],
    ['missing zone', { week: base.week }, 'timezone', 'IANA'],
    ['unknown zone', { ...base, timezone: 'Europe/Berlinn' }, 'timezone', "unknown time zone 'Europe/Berlinn'"],
    ['offset instead of a zone', { ...base, timezone: '+01:00' }, 'timezone', 'unknown time zone'],
    ['week missing', { timezone: 'Europe/Berlin' }, 'week', 'expected an object'],
    ['unknown weekday', { ...base, week: { monday: [['08:00', '18:00']] } }, 'week.monday', "unknown weekday 'monday'"],
    ['windows not a list', { ...base, week: { mon: '08:00-18:00' } }, 'week.mon', 'expected a list'],
    ['window not a pair', { ...base, week: { mon: [['08:00']] } }, 'week.mon[0]', 'expected a window'],
    ['malformed start H:mm', { ...base, week: { mon: [['8:00', '18:00']] } }, 'week.mon[0]', "malformed time '8:00'"],
    ['malformed minutes', { ...base, week: { mon: [['08:00', '18:60']] } }, 'week.mon[0]', "malformed time '18:60'"],
    ['hour 25', { ...base, week: { mon: [['08:00', '25:00']] } }, 'week.mon[0]', "malformed time '25:00'"],
    ['24:30', { ...base, week: { mon: [['08:00', '24:30']] } }, 'week.mon[0]', "malformed time '24:30'"],
    ['start at 24:00', { ...base, week: { mon: [['24:00', '24:00']] } }, 'week.mon[0]', "malformed time '24:00'"],
    ['a number', { ...base, week: { mon: [[8, 18]] } }, 'week.mon[0]', "expected a time 'HH:mm'"],
    [
      'end before start (overnight)',
      { ...base, week: { fri: [['22:00', '06:00']] } },
      'week.fri[0]',
      'ends before it starts',
    ],
    ['empty window', { ...base, week: { fri: [['10:00', '10:00']] } }, 'week.fri[0]', 'ends before it starts'],
    [
      'overlap',
      {
        ...base,
        week: {
          tue: [
            ['08:00', '12:00'],
            ['11:00', '14:00'],
          ],
        },
      },
      'week.tue[1]',
      'overlaps week.tue[0]',
    ],
    [
      'overlap, unsorted',
      {
        ...base,
        week: {
          tue: [
            ['11:00', '14:00'],
            ['08:00', '12:00'],
          ],
        },
      },
      'week.tue[1]',
      'overlaps week.tue[0]',
    ],
    [
      'contained window',
      {
        ...base,
        week: {
          wed: [
            ['08:00', '18:00'],
            ['09:00', '10:00'],
            ['19:00', '20:00'],
          ],
        },
      },
      'week.wed[1]',
      'overlaps week.wed[0]',
    ],
    ['no open time at all', { ...base, week: {} }, 'week', 'no open time at all'],
    ['only empty days', { ...base, week: { mon: [], sun: [] } }, 'week', 'no open time at all'],
    ['holidays not a list', { ...base, holidays: '2026-12-24' }, 'holidays', 'expected a list'],
    ['impossible holiday', { ...base, holidays: ['2026-12-24', '2026-02-30'] }, 'holidays[1]', "'YYYY-MM-DD'"],
    ['holiday with time', { ...base, holidays: ['2026-12-24T00:00'] }, 'holidays[0]', "'YYYY-MM-DD'"],
    ['unknown state', { ...base, holidayRegion: 'DE-XX' }, 'holidayRegion', "unknown holiday region 'DE-XX'"],
    ['state name', { ...base, holidayRegion: 'Bayern' }, 'holidayRegion', "unknown holiday region 'Bayern'"],
    ['region not a string', { ...base, holidayRegion: 9 }, 'holidayRegion', 'expected a region code'],
    [
      'bad holiday windows',
      { ...base, holidayWindows: [['10:00', '09:00']] },
      'holidayWindows[0]',
      'ends before it starts',
    ],
  ])('%s → %s', (_what, spec, field, fragment) => {
    const error = rejection(spec);
    expect(error.field).toBe(field);
    expect(error.message).toContain(fragment);
    expect(error.message.startsWith(`${field}: `)).toBe(true);
    expect(error.name).toBe('CalendarSpecError');
  });

  it('accepts adjacent windows and merges them: 08:00–12:00 + 12:00–18:00 is one span', () => {
    const calendar = BusinessCalendar.fromSpec({
      ...base,
      week: {
        mon: [
          ['12:00', '18:00'],
          ['08:00', '12:00'],
        ],
      },
    });
    expect(calendar.isOpen(new Date('2026-01-12T12:00:00+01:00'))).toBe(true);
    expect(calendar.addMinutes(new Date('2026-01-12T11:30:00+01:00'), 60).toISOString()).toBe(
      '2026-01-12T11:30:00.000Z',
    ); // 12:30+01:00
  });

  it('accepts a lunch break and skips it: 11:30 + 60 with 08:00–12:00, 13:00–17:00 = 13:30', () => {
    const calendar = BusinessCalendar.fromSpec({
      ...base,
      week: {
        mon: [
          ['08:00', '12:00'],
          ['13:00', '17:00'],
        ],
      },
    });
    expect(calendar.addMinutes(new Date('2026-01-12T11:30:00+01:00'), 60).toISOString()).toBe(
      '2026-01-12T12:30:00.000Z',
    );
  });
});

describe('calendar helpers', () => {
  it('always() is a 24/7 calendar in the given zone (UTC by default)', () => {
    expect(BusinessCalendar.always().timezone).toBe('UTC');
    expect(BusinessCalendar.always('Europe/Berlin').toSpec()).toEqual(alwaysOpenSpec('Europe/Berlin'));
    expect(BusinessCalendar.always().isOpen(new Date('2026-12-25T03:00:00Z'))).toBe(true);
  });

  it('toSpec() returns a copy of the spec, not the caller’s object', () => {
    const fresh = (): CalendarSpec => ({
      timezone: 'Europe/Berlin',
      week: { mon: [['08:00', '18:00']] },
      holidays: ['2026-12-24'],
      holidayRegion: 'DE-BY',
      holidayWindows: [['10:00', '12:00']],
    });
    const spec = fresh();
    const calendar = BusinessCalendar.fromSpec(spec);
    spec.week.mon?.push(['19:00', '20:00']);
    spec.holidays?.push('2026-12-31');
    expect(calendar.toSpec()).toEqual(fresh());
    expect(calendar.toSpec()).not.toBe(calendar.toSpec());
  });

  it('rejects invalid instants and minutes with CalendarRangeError', () => {
    const calendar = BusinessCalendar.fromSpec(base);
    expect(() => calendar.addMinutes(new Date('nope'), 5)).toThrow(CalendarRangeError);
    expect(() => calendar.addMinutes(new Date(), Number.NaN)).toThrow(CalendarRangeError);
    expect(() => calendar.addMinutes(new Date(), Infinity)).toThrow(CalendarRangeError);
    expect(() => calendar.subtractMinutes(new Date(), Number.NaN)).toThrow(CalendarRangeError);
    // the direction is the operation's: a negative amount is an error, not the other direction
    expect(() => calendar.addMinutes(new Date(), -1)).toThrow('expected a finite number ≥ 0, got -1');
    expect(() => calendar.subtractMinutes(new Date(), -1)).toThrow('expected a finite number ≥ 0, got -1');
    expect(() => calendar.addBusinessMs(0, -1)).toThrow('addBusinessMs: expected business ms ≥ 0, got -1');
    expect(() => calendar.subtractBusinessMs(0, -1)).toThrow('subtractBusinessMs: expected business ms ≥ 0, got -1');
    expect(() => calendar.minutesBetween(new Date(0), new Date(Number.NaN))).toThrow(CalendarRangeError);
    expect(() => calendar.isOpen(new Date(Number.NaN))).toThrow(CalendarRangeError);
    expect(() => calendar.addMinutes(new Date('9999-12-31T12:00:00Z'), 1e6)).toThrow('outside the supported years');
  });

  it('gives up with CalendarRangeError when ten years are closed', () => {
    const holidays: string[] = [];
    for (let day = Date.UTC(2026, 0, 1); day < Date.UTC(2037, 0, 1); day += 86_400_000) {
      holidays.push(new Date(day).toISOString().slice(0, 10));
    }
    const calendar = BusinessCalendar.fromSpec({ ...base, holidays });
    expect(() => calendar.addMinutes(new Date('2026-01-01T00:00:00Z'), 1)).toThrow('no open time within');
    expect(() => calendar.subtractMinutes(new Date('2036-12-31T00:00:00Z'), 1)).toThrow('no open time within');
    expect(() => calendar.closeOfBusinessDay(new Date('2026-01-01T00:00:00Z'), 1)).toThrow('no open time within');
  });
});

describe('the shipped demo calendars (libs/demo-data/data/calendars) are valid specs', () => {
  const folder = join(__dirname, '../../../demo-data/data/calendars');
  const files = readdirSync(folder).filter((file) => file.endsWith('.json'));

  it('ships the seed calendars', () => {
    expect(files.sort()).toEqual([
      '24-7.json',
      'seed-002-on-call.json',
      'seed-002-on-site.json',
      'seed-003-office-hours.json',
      'seed-003-regular.json',
      'seed-004-regular.json',
    ]);
  });

  it.each(files)('%s parses, with and without a site region', (file) => {
    const spec = JSON.parse(readFileSync(join(folder, file), 'utf8')) as CalendarSpec;
    expect(() => BusinessCalendar.fromSpec(spec)).not.toThrow();
    expect(() => BusinessCalendar.fromSpec({ ...spec, holidayRegion: 'DE-SN' })).not.toThrow();
    expect(spec.timezone).toBe('Europe/Berlin');
  });
});
