import { DateTime } from 'luxon';

import { BusinessCalendar } from './business-calendar';

// Semantics 6 of business-calendar.ts: add and subtract are two operations with a non-negative amount.
// Office hours Mon–Fri 08:00–18:00, Europe/Berlin, public holidays of Baden-Württemberg
// (Tue 2026-01-06 Epiphany). January 2026 is CET (+01:00): Fri 9, Sat 10, Sun 11, Mon 12, Tue 13.
const office = BusinessCalendar.fromSpec({
  timezone: 'Europe/Berlin',
  holidayRegion: 'DE-BW',
  week: {
    mon: [['08:00', '18:00']],
    tue: [['08:00', '18:00']],
    wed: [['08:00', '18:00']],
    thu: [['08:00', '18:00']],
    fri: [['08:00', '18:00']],
  },
});
// Overnight: Tue 22:00–24:00 and Wed 00:00–06:00 are one open span.
const overnight = BusinessCalendar.fromSpec({
  timezone: 'Europe/Berlin',
  week: { tue: [['22:00', '24:00']], wed: [['00:00', '06:00']] },
});
// Open only Monday evenings 20:00–24:00: Tuesday's midnight is a real closing.
const mondayEvenings = BusinessCalendar.fromSpec({ timezone: 'Europe/Berlin', week: { mon: [['20:00', '24:00']] } });
const always = BusinessCalendar.always('Europe/Berlin');

const calendars = { office, overnight, mondayEvenings, always } as const;
type Name = keyof typeof calendars;

const berlin = (d: Date): string | null => DateTime.fromJSDate(d, { zone: 'Europe/Berlin' }).toISO();
const at = (iso: string): Date => new Date(iso);

// [calendar, start, minutes, expected, why]
type Row = readonly [Name, string, number, string, string];

const subtractZero: readonly Row[] = [
  ['office', '2026-01-10T10:00:00+01:00', 0, '2026-01-09T18:00:00.000+01:00', 'Saturday: Friday’s closing'],
  [
    'office',
    '2026-01-12T07:00:00+01:00',
    0,
    '2026-01-09T18:00:00.000+01:00',
    'Monday before opening: Friday’s closing',
  ],
  [
    'office',
    '2026-01-13T07:00:00+01:00',
    0,
    '2026-01-12T18:00:00.000+01:00',
    'before opening: the day before’s closing',
  ],
  ['office', '2026-01-13T19:00:00+01:00', 0, '2026-01-13T18:00:00.000+01:00', 'after closing: that closing'],
  ['office', '2026-01-13T18:00:00+01:00', 0, '2026-01-13T18:00:00.000+01:00', 'a closing instant is its own closing'],
  ['office', '2026-01-13T08:00:00+01:00', 0, '2026-01-13T08:00:00.000+01:00', 'an opening instant is open: itself'],
  ['office', '2026-01-13T12:34:56+01:00', 0, '2026-01-13T12:34:56.000+01:00', 'open: itself'],
  ['office', '2026-01-07T07:00:00+01:00', 0, '2026-01-05T18:00:00.000+01:00', 'after the Epiphany holiday: Monday'],
  ['office', '2026-03-30T07:00:00+02:00', 0, '2026-03-27T18:00:00.000+01:00', 'across the DST switch (CEST → CET)'],
  ['overnight', '2026-01-14T10:00:00+01:00', 0, '2026-01-14T06:00:00.000+01:00', 'overnight span: its end'],
  ['overnight', '2026-01-14T00:00:00+01:00', 0, '2026-01-14T00:00:00.000+01:00', 'midnight inside the span is open'],
  ['mondayEvenings', '2026-01-13T00:00:00+01:00', 0, '2026-01-13T00:00:00.000+01:00', 'the closing midnight'],
  ['mondayEvenings', '2026-01-14T10:00:00+01:00', 0, '2026-01-13T00:00:00.000+01:00', 'two days later: that midnight'],
  ['always', '2026-01-10T10:00:00+01:00', 0, '2026-01-10T10:00:00.000+01:00', '24/7: itself'],
];

const addZero: readonly Row[] = [
  ['office', '2026-01-10T10:00:00+01:00', 0, '2026-01-12T08:00:00.000+01:00', 'Saturday: Monday’s opening'],
  ['office', '2026-01-13T18:00:00+01:00', 0, '2026-01-14T08:00:00.000+01:00', 'a closing instant: the next opening'],
  ['office', '2026-01-13T08:00:00+01:00', 0, '2026-01-13T08:00:00.000+01:00', 'an opening instant: itself'],
  ['office', '2026-01-13T12:34:56+01:00', 0, '2026-01-13T12:34:56.000+01:00', 'open: itself'],
  ['office', '2026-01-05T19:00:00+01:00', 0, '2026-01-07T08:00:00.000+01:00', 'before the Epiphany holiday: Wednesday'],
  [
    'mondayEvenings',
    '2026-01-13T00:00:00+01:00',
    0,
    '2026-01-19T20:00:00.000+01:00',
    'the closing midnight: next Monday',
  ],
  ['always', '2026-01-10T10:00:00+01:00', 0, '2026-01-10T10:00:00.000+01:00', '24/7: itself'],
];

const subtract: readonly Row[] = [
  ['office', '2026-01-13T09:00:00+01:00', 60, '2026-01-13T08:00:00.000+01:00', 'used up exactly at an opening'],
  ['office', '2026-01-13T09:00:00+01:00', 61, '2026-01-12T17:59:00.000+01:00', 'one more: the day before'],
  ['office', '2026-01-13T08:00:00+01:00', 1, '2026-01-12T17:59:00.000+01:00', 'from an opening: before it'],
  ['office', '2026-01-10T10:00:00+01:00', 30, '2026-01-09T17:30:00.000+01:00', 'from Saturday: Friday'],
  ['office', '2026-01-12T09:00:00+01:00', 720, '2026-01-08T17:00:00.000+01:00', 'over a weekend (1 h + 10 h + 1 h)'],
  ['office', '2026-01-07T09:00:00+01:00', 120, '2026-01-05T17:00:00.000+01:00', 'over the Epiphany holiday'],
  ['office', '2026-01-13T09:00:00+01:00', 0.5, '2026-01-13T08:59:30.000+01:00', 'fractional minutes'],
  ['overnight', '2026-01-14T01:00:00+01:00', 120, '2026-01-13T23:00:00.000+01:00', 'back across the open midnight'],
  ['mondayEvenings', '2026-01-14T10:00:00+01:00', 60, '2026-01-12T23:00:00.000+01:00', 'from closed days'],
  ['always', '2026-01-10T10:00:00+01:00', 90, '2026-01-10T08:30:00.000+01:00', '24/7: real time'],
];

describe('subtractMinutes(start, 0): start when open, otherwise the previous closing', () => {
  it.each(subtractZero)('%s %s − %d → %s (%s)', (name, start, minutes, expected) => {
    expect(berlin(calendars[name].subtractMinutes(at(start), minutes))).toBe(expected);
    expect(calendars[name].subtractBusinessMs(at(start).getTime(), minutes * 60_000)).toBe(at(expected).getTime());
  });
});

describe('addMinutes(start, 0): start when open, otherwise the next opening (unchanged)', () => {
  it.each(addZero)('%s %s + %d → %s (%s)', (name, start, minutes, expected) => {
    expect(berlin(calendars[name].addMinutes(at(start), minutes))).toBe(expected);
    expect(berlin(calendars[name].nextOpening(at(start)))).toBe(expected);
  });
});

describe('subtractMinutes(start, m > 0)', () => {
  it.each(subtract)('%s %s − %d → %s (%s)', (name, start, minutes, expected) => {
    expect(berlin(calendars[name].subtractMinutes(at(start), minutes))).toBe(expected);
  });
});

describe('−0 is 0: the direction comes from the operation, not the sign', () => {
  it.each([
    ['addMinutes', '2026-01-12T08:00:00.000+01:00'],
    ['subtractMinutes', '2026-01-09T18:00:00.000+01:00'],
  ] as const)('%s(Saturday, −0) → %s', (operation, expected) => {
    expect(berlin(office[operation](at('2026-01-10T10:00:00+01:00'), -0))).toBe(expected);
  });
});
