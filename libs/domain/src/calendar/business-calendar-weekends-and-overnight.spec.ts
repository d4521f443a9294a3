import { DateTime } from 'luxon';

import { BusinessCalendar } from './business-calendar';

// Office hours Mon–Fri 08:00–18:00 (10 h = 600 min a day), Europe/Berlin, no public holidays.
// January 2026 is CET (+01:00): Fri 2026-01-09, Sat 10, Sun 11, Mon 12.
const office = BusinessCalendar.fromSpec({
  timezone: 'Europe/Berlin',
  week: {
    mon: [['08:00', '18:00']],
    tue: [['08:00', '18:00']],
    wed: [['08:00', '18:00']],
    thu: [['08:00', '18:00']],
    fri: [['08:00', '18:00']],
  },
});

// Seed 002 on-call: Mon–Fri 00:00–06:00 and 22:00–24:00, weekends all day.
const onCall = BusinessCalendar.fromSpec({
  timezone: 'Europe/Berlin',
  week: {
    mon: [
      ['00:00', '06:00'],
      ['22:00', '24:00'],
    ],
    tue: [
      ['00:00', '06:00'],
      ['22:00', '24:00'],
    ],
    wed: [
      ['00:00', '06:00'],
      ['22:00', '24:00'],
    ],
    thu: [
      ['00:00', '06:00'],
      ['22:00', '24:00'],
    ],
    fri: [
      ['00:00', '06:00'],
      ['22:00', '24:00'],
    ],
    sat: [['00:00', '24:00']],
    sun: [['00:00', '24:00']],
  },
});

// Open only Monday evenings 20:00–24:00: the midnight is a real closing (Tuesday is closed).
const mondayEvenings = BusinessCalendar.fromSpec({ timezone: 'Europe/Berlin', week: { mon: [['20:00', '24:00']] } });

const berlin = (d: Date): string | null => DateTime.fromJSDate(d, { zone: 'Europe/Berlin' }).toISO();
const at = (iso: string): Date => new Date(iso);

/** The tables' signed minutes: a negative row subtracts (semantics 6: the direction is the operation's). */
const move = (c: BusinessCalendar, start: Date, minutes: number): Date =>
  minutes < 0 ? c.subtractMinutes(start, -minutes) : c.addMinutes(start, minutes);

describe('office hours Mon–Fri 08:00–18:00: addMinutes across weekends', () => {
  it.each([
    // [start, minutes, expected, arithmetic]
    ['2026-01-09T17:30:00+01:00', 60, '2026-01-12T08:30:00.000+01:00', 'Fri 17:30–18:00 = 30, Mon 08:00–08:30 = 30'],
    ['2026-01-10T12:00:00+01:00', 60, '2026-01-12T09:00:00.000+01:00', 'Sat is closed: starts Mon 08:00, + 60'],
    [
      '2026-01-09T17:30:00+01:00',
      30,
      '2026-01-09T18:00:00.000+01:00',
      'used up exactly at closing: ends at 18:00, not Mon 08:00',
    ],
    ['2026-01-09T18:00:00+01:00', 0, '2026-01-12T08:00:00.000+01:00', 'zero budget at a closed instant: next opening'],
    ['2026-01-12T08:00:00+01:00', 0, '2026-01-12T08:00:00.000+01:00', 'zero budget at an opening: that instant'],
    ['2026-01-12T07:00:00+01:00', 0, '2026-01-12T08:00:00.000+01:00', 'zero budget before opening: the opening'],
    [
      '2026-01-12T09:00:00+01:00',
      3000,
      '2026-01-19T09:00:00.000+01:00',
      'Mon 09–18 = 540, Tue–Fri 4 × 600 = 2400, Mon 08–09 = 60; 540+2400+60 = 3000',
    ],
    ['2026-01-12T08:00:00+01:00', 0.5, '2026-01-12T08:00:30.000+01:00', 'half a minute = 30 s'],
    ['2026-01-12T08:00:00+01:00', 1 / 3, '2026-01-12T08:00:20.000+01:00', 'a third of a minute = 20 s'],
    [
      '2026-01-12T08:30:00+01:00',
      -60,
      '2026-01-09T17:30:00.000+01:00',
      'backwards: Mon 08:30→08:00 = 30, Fri 18:00→17:30 = 30',
    ],
    [
      '2026-01-10T12:00:00+01:00',
      -60,
      '2026-01-09T17:00:00.000+01:00',
      'backwards from closed Saturday: from Fri 18:00',
    ],
    [
      '2026-01-12T09:00:00+01:00',
      -60,
      '2026-01-12T08:00:00.000+01:00',
      'backwards, used up exactly at the opening instant',
    ],
  ])('%s %p min → %s (%s)', (start, minutes, expected) => {
    expect(berlin(move(office, at(start), minutes))).toBe(expected);
  });
});

describe('office hours: minutesBetween', () => {
  it.each([
    ['2026-01-09T17:00:00+01:00', '2026-01-12T09:00:00+01:00', 120, 'Fri 17–18 = 60 + Mon 08–09 = 60'],
    ['2026-01-12T09:00:00+01:00', '2026-01-09T17:00:00+01:00', -120, 'signed: reversed order is negative'],
    ['2026-01-10T00:00:00+01:00', '2026-01-12T00:00:00+01:00', 0, 'a weekend has no business time'],
    ['2026-01-12T10:00:00+01:00', '2026-01-12T10:00:00+01:00', 0, 'empty span'],
    ['2026-01-12T10:00:00+01:00', '2026-01-12T10:00:30+01:00', 0.5, '30 s'],
    ['2026-01-05T00:00:00+01:00', '2026-02-02T00:00:00+01:00', 12000, 'four full weeks: 4 × 5 × 600 = 12,000'],
  ])('%s → %s = %p (%s)', (from, to, minutes) => {
    expect(office.minutesBetween(at(from), at(to))).toBe(minutes);
  });
});

describe('seed 002 on-call: overnight windows are one open span across midnight', () => {
  it.each([
    ['2026-01-09T21:50:00+01:00', 60, '2026-01-09T23:00:00.000+01:00', 'Fri 21:50 is on-site time: starts 22:00, + 60'],
    [
      '2026-01-13T23:30:00+01:00',
      60,
      '2026-01-14T00:30:00.000+01:00',
      'Tue 23:30–24:00 = 30, Wed 00:00–00:30 = 30 without a gap',
    ],
    ['2026-01-15T05:30:00+01:00', 60, '2026-01-15T22:30:00.000+01:00', 'Thu 05:30–06:00 = 30, Thu 22:00–22:30 = 30'],
    // Fri 23–24 = 60, Sat 1440 → 1500, Sun 1440 → 2940, Mon 00–06 = 360 → 3300, Mon 22–24 = 120 → 3420,
    // Tue 00–06 → 3780, Tue 22–24 → 3900, Wed 00–06 → 4260, remaining 60: Wed 22:00 + 60 = 23:00
    [
      '2026-01-09T23:00:00+01:00',
      3 * 1440,
      '2026-01-14T23:00:00.000+01:00',
      'three days of on-call time over a weekend',
    ],
  ])('%s %p min → %s (%s)', (start, minutes, expected) => {
    expect(berlin(move(onCall, at(start), minutes))).toBe(expected);
  });

  it('is open at midnight and at 22:00, closed at 06:00', () => {
    expect(onCall.isOpen(at('2026-01-14T00:00:00+01:00'))).toBe(true);
    expect(onCall.isOpen(at('2026-01-14T05:59:59.999+01:00'))).toBe(true);
    expect(onCall.isOpen(at('2026-01-14T06:00:00+01:00'))).toBe(false);
    expect(onCall.isOpen(at('2026-01-14T21:59:59.999+01:00'))).toBe(false);
    expect(onCall.isOpen(at('2026-01-14T22:00:00+01:00'))).toBe(true);
  });

  it('counts a weekend: Fri 00:00 → Mon 00:00 = Fri 6 h + 2 h, Sat 24 h, Sun 24 h = 56 h = 3,360 min', () => {
    expect(onCall.minutesBetween(at('2026-01-09T00:00:00+01:00'), at('2026-01-12T00:00:00+01:00'))).toBe(3360);
  });

  it('goes backwards across midnight: Wed 00:30 − 60 = Tue 23:30', () => {
    expect(berlin(onCall.subtractMinutes(at('2026-01-14T00:30:00+01:00'), 60))).toBe('2026-01-13T23:30:00.000+01:00');
  });
});

describe("a window ending '24:00' before a closed day closes at midnight", () => {
  it('Mon 23:00 + 60 ends at the closing midnight Tue 00:00, not next Monday', () => {
    expect(berlin(mondayEvenings.addMinutes(at('2026-01-12T23:00:00+01:00'), 60))).toBe(
      '2026-01-13T00:00:00.000+01:00',
    );
  });

  it('Mon 23:00 + 61 continues next Monday 20:01', () => {
    expect(berlin(mondayEvenings.addMinutes(at('2026-01-12T23:00:00+01:00'), 61))).toBe(
      '2026-01-19T20:01:00.000+01:00',
    );
  });

  it('is closed at that midnight, open just before', () => {
    expect(mondayEvenings.isOpen(at('2026-01-13T00:00:00+01:00'))).toBe(false);
    expect(mondayEvenings.isOpen(at('2026-01-12T23:59:59.999+01:00'))).toBe(true);
  });

  it('nextOpening from Tuesday is next Monday 20:00, and an open instant is its own next opening', () => {
    expect(berlin(mondayEvenings.nextOpening(at('2026-01-13T10:00:00+01:00')))).toBe('2026-01-19T20:00:00.000+01:00');
    expect(berlin(mondayEvenings.nextOpening(at('2026-01-12T21:00:00+01:00')))).toBe('2026-01-12T21:00:00.000+01:00');
  });
});
