import { DateTime } from 'luxon';

import { BusinessCalendar } from './business-calendar';
import { WEEKDAYS } from './calendar.types';
import type { CalendarSpec } from './calendar.types';

const berlin = (d: Date): string | null => DateTime.fromJSDate(d, { zone: 'Europe/Berlin' }).toISO();
const at = (iso: string): Date => new Date(iso);

/** The tables' signed minutes: a negative row subtracts (semantics 6: the direction is the operation's). */
const move = (c: BusinessCalendar, start: Date, minutes: number): Date =>
  minutes < 0 ? c.subtractMinutes(start, -minutes) : c.addMinutes(start, minutes);
const everyDay = (windows: Array<[string, string]>): CalendarSpec['week'] =>
  Object.fromEntries(WEEKDAYS.map((day) => [day, windows])) as CalendarSpec['week'];

// 24/7 twice: the fast path (always open) and the general day-by-day path (a far-away extra holiday
// makes it take the per-day route). Both must agree with real elapsed time.
const always = BusinessCalendar.always('Europe/Berlin');
const alwaysViaDays = BusinessCalendar.fromSpec({
  timezone: 'Europe/Berlin',
  week: everyDay([['00:00', '24:00']]),
  holidays: ['1999-01-01'],
});
// Daily 06:00–22:00 (weekends included), and a night window around the switch.
const daytime = BusinessCalendar.fromSpec({ timezone: 'Europe/Berlin', week: everyDay([['06:00', '22:00']]) });
const night = BusinessCalendar.fromSpec({ timezone: 'Europe/Berlin', week: everyDay([['01:00', '04:00']]) });
const gapStart = BusinessCalendar.fromSpec({ timezone: 'Europe/Berlin', week: { sun: [['02:30', '05:00']] } });

describe('DST in Europe/Berlin: business time is real elapsed time', () => {
  it('is exercised on both 24/7 code paths', () => {
    expect(always.isAlwaysOpen).toBe(true);
    expect(alwaysViaDays.isAlwaysOpen).toBe(false);
  });

  describe.each([
    ['fast path', always],
    ['per-day path', alwaysViaDays],
  ])('24/7 (%s)', (_name, calendar) => {
    it.each([
      ['2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00', 1380, 'spring forward: 23 h = 1,380'],
      ['2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00', 1500, 'fall back: 25 h = 1,500'],
      ['2026-03-22T00:00:00+01:00', '2026-03-23T00:00:00+01:00', 1440, 'an ordinary Sunday: 24 h'],
      [
        '2026-03-23T00:00:00+01:00',
        '2026-11-02T00:00:00+01:00',
        224 * 1440,
        '224 local days incl. one 23 h and one 25 h day: 224 × 1,440',
      ],
    ])('%s → %s = %p (%s)', (from, to, minutes) => {
      expect(calendar.minutesBetween(at(from), at(to))).toBe(minutes);
    });

    it.each([
      ['2026-03-29T01:30:00+01:00', 60, '2026-03-29T03:30:00.000+02:00', '01:30 CET + 1 h: 02:00 CET is 03:00 CEST'],
      [
        '2026-10-25T01:30:00+02:00',
        120,
        '2026-10-25T02:30:00.000+01:00',
        '01:30 CEST + 2 h passes 02:00–03:00 CEST, then 02:00–02:30 CET',
      ],
      [
        '2026-03-29T00:00:00+01:00',
        1440,
        '2026-03-30T01:00:00.000+02:00',
        'one 24 h budget from midnight ends at 01:00 next day',
      ],
      ['2026-10-25T03:00:00+01:00', -120, '2026-10-25T02:00:00.000+02:00', 'backwards over the repeated hour'],
    ])('%s %p min → %s (%s)', (start, minutes, expected) => {
      expect(berlin(move(calendar, at(start), minutes))).toBe(expected);
    });
  });

  it('a 06:00–22:00 window is 16 h on both switch days, because the switch lies outside it', () => {
    expect(daytime.minutesBetween(at('2026-03-29T00:00:00+01:00'), at('2026-03-30T00:00:00+02:00'))).toBe(960);
    expect(daytime.minutesBetween(at('2026-10-25T00:00:00+02:00'), at('2026-10-26T00:00:00+01:00'))).toBe(960);
    // Sat 21:30 CET + 60: 30 min Saturday, Sunday opens 06:00 CEST → 06:30 CEST
    expect(berlin(daytime.addMinutes(at('2026-03-28T21:30:00+01:00'), 60))).toBe('2026-03-29T06:30:00.000+02:00');
  });

  it('a 01:00–04:00 window spanning the switch is 2 h in spring and 4 h in autumn', () => {
    // 01:00 CET = 00:00Z … 04:00 CEST = 02:00Z → 120; 01:00 CEST = 23:00Z … 04:00 CET = 03:00Z → 240
    expect(night.minutesBetween(at('2026-03-29T00:00:00+01:00'), at('2026-03-30T00:00:00+02:00'))).toBe(120);
    expect(night.minutesBetween(at('2026-10-25T00:00:00+02:00'), at('2026-10-26T00:00:00+01:00'))).toBe(240);
    // 01:30 CET (00:30Z) + 90 = 02:00Z = 04:00 CEST: used up exactly at the closing instant
    expect(berlin(night.addMinutes(at('2026-03-29T01:30:00+01:00'), 90))).toBe('2026-03-29T04:00:00.000+02:00');
    // + 91 continues at the next day's opening 01:00 CEST + 1
    expect(berlin(night.addMinutes(at('2026-03-29T01:30:00+01:00'), 91))).toBe('2026-03-30T01:01:00.000+02:00');
  });

  it("a window starting at a non-existent local time moves forward by the gap: '02:30' on 2026-03-29 opens 03:30 CEST", () => {
    expect(berlin(gapStart.nextOpening(at('2026-03-29T00:00:00+01:00')))).toBe('2026-03-29T03:30:00.000+02:00');
    expect(gapStart.isOpen(at('2026-03-29T03:29:59.999+02:00'))).toBe(false);
    expect(gapStart.isOpen(at('2026-03-29T03:30:00+02:00'))).toBe(true);
    // 03:30–05:00 CEST = 90 min that day, 150 min on an ordinary Sunday
    expect(gapStart.minutesBetween(at('2026-03-29T00:00:00+01:00'), at('2026-03-30T00:00:00+02:00'))).toBe(90);
    expect(gapStart.minutesBetween(at('2026-03-22T00:00:00+01:00'), at('2026-03-23T00:00:00+01:00'))).toBe(150);
  });

  it("a window starting at a repeated local time starts at its standard-time occurrence: '02:30' on 2026-10-25 is 02:30 CET", () => {
    expect(berlin(gapStart.nextOpening(at('2026-10-25T00:00:00+02:00')))).toBe('2026-10-25T02:30:00.000+01:00');
    expect(gapStart.isOpen(at('2026-10-25T02:30:00+02:00'))).toBe(false);
    expect(gapStart.minutesBetween(at('2026-10-25T00:00:00+02:00'), at('2026-10-26T00:00:00+01:00'))).toBe(150);
  });

  it('a window inside the gap moves forward whole: 02:15–02:45 on 2026-03-29 is 03:15–03:45 CEST', () => {
    const inGap = BusinessCalendar.fromSpec({ timezone: 'Europe/Berlin', week: { sun: [['02:15', '02:45']] } });
    expect(inGap.minutesBetween(at('2026-03-29T00:00:00+01:00'), at('2026-03-30T00:00:00+02:00'))).toBe(30);
    expect(berlin(inGap.nextOpening(at('2026-03-29T00:00:00+01:00')))).toBe('2026-03-29T03:15:00.000+02:00');
  });

  it('a window the shift turns inside out is dropped: 02:30–03:15 on 2026-03-29 (03:30 → 03:15 CEST)', () => {
    const inverted = BusinessCalendar.fromSpec({ timezone: 'Europe/Berlin', week: { sun: [['02:30', '03:15']] } });
    expect(inverted.minutesBetween(at('2026-03-29T00:00:00+01:00'), at('2026-03-30T00:00:00+02:00'))).toBe(0);
    expect(berlin(inverted.nextOpening(at('2026-03-29T00:00:00+01:00')))).toBe('2026-04-05T02:30:00.000+02:00');
  });

  it('a window the shift makes overlap its predecessor is clipped: 01:00–02:30 + 03:00–04:00 on 2026-03-29', () => {
    // 01:00 CET–03:30 CEST (the end moved forward) and 03:00–04:00 CEST overlap → 01:00 CET–04:00 CEST = 2 h
    const clipped = BusinessCalendar.fromSpec({
      timezone: 'Europe/Berlin',
      week: {
        sun: [
          ['01:00', '02:30'],
          ['03:00', '04:00'],
        ],
      },
    });
    expect(clipped.minutesBetween(at('2026-03-29T00:00:00+01:00'), at('2026-03-30T00:00:00+02:00'))).toBe(120);
  });
});

describe("day boundaries are the calendar zone's, never the server's", () => {
  const tokyo = BusinessCalendar.fromSpec({ timezone: 'Asia/Tokyo', week: { mon: [['00:00', '09:00']] } });
  const newYork = BusinessCalendar.fromSpec({ timezone: 'America/New_York', week: { mon: [['09:00', '17:00']] } });

  it('Monday 00:00–09:00 in Tokyo is Sunday 15:00 – Monday 00:00 UTC', () => {
    expect(tokyo.isOpen(at('2026-01-11T15:00:00Z'))).toBe(true); // a Sunday in UTC
    expect(tokyo.isOpen(at('2026-01-11T14:59:59.999Z'))).toBe(false);
    expect(tokyo.isOpen(at('2026-01-12T00:00:00Z'))).toBe(false); // Monday 09:00 JST: closing instant
    expect(tokyo.nextOpening(at('2026-01-05T12:00:00Z')).toISOString()).toBe('2026-01-11T15:00:00.000Z');
    expect(tokyo.minutesBetween(at('2026-01-11T00:00:00Z'), at('2026-01-13T00:00:00Z'))).toBe(540);
  });

  it('Monday 09:00 in New York is 14:00 UTC in winter and 13:00 UTC in summer', () => {
    expect(newYork.nextOpening(at('2026-01-12T00:00:00Z')).toISOString()).toBe('2026-01-12T14:00:00.000Z');
    expect(newYork.nextOpening(at('2026-06-08T00:00:00Z')).toISOString()).toBe('2026-06-08T13:00:00.000Z');
    // US DST starts 2026-03-08: Mon 2026-03-09 09:00 EDT = 13:00Z
    expect(newYork.nextOpening(at('2026-03-09T00:00:00Z')).toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });
});
