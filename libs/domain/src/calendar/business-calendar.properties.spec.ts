import fc from 'fast-check';
import { DateTime } from 'luxon';

import { BusinessCalendar } from './business-calendar';
import type { CalendarSpec, Weekday } from './calendar.types';
import { WEEKDAYS } from './calendar.types';
import { isPublicHoliday } from './public-holidays';

// Property-based checks of the calendar laws over a mix of calendars and instants from 2024 to 2030,
// densest around the 2026 DST switches in Europe/Berlin.
const weekdays = (windows: Array<[string, string]>): CalendarSpec['week'] => ({
  mon: windows,
  tue: windows,
  wed: windows,
  thu: windows,
  fri: windows,
});
const specs: Record<string, CalendarSpec> = {
  onSiteBY: { timezone: 'Europe/Berlin', week: weekdays([['06:00', '22:00']]), holidayRegion: 'DE-BY' },
  onCallBY: {
    timezone: 'Europe/Berlin',
    week: {
      ...weekdays([
        ['00:00', '06:00'],
        ['22:00', '24:00'],
      ]),
      sat: [['00:00', '24:00']],
      sun: [['00:00', '24:00']],
    },
    holidayRegion: 'DE-BY',
    holidayWindows: [['00:00', '24:00']],
  },
  lunchBreakSN: {
    timezone: 'Europe/Berlin',
    week: {
      ...weekdays([
        ['07:00', '12:00'],
        ['12:45', '17:15'],
      ]),
      sat: [['09:00', '13:00']],
    },
    holidayRegion: 'DE-SN',
    holidays: ['2026-12-24', '2026-12-31'],
  },
  nightsAcrossDst: {
    timezone: 'Europe/Berlin',
    week: {
      sat: [['22:00', '24:00']],
      sun: [
        ['00:00', '04:00'],
        ['20:00', '21:00'],
      ],
    },
  },
  newYork: { timezone: 'America/New_York', week: weekdays([['09:00', '17:00']]), holidays: ['2026-07-03'] },
};
const calendars = Object.fromEntries(
  Object.entries(specs).map(([name, spec]) => [name, BusinessCalendar.fromSpec(spec)]),
) as Record<string, BusinessCalendar>;
const always = BusinessCalendar.always('Europe/Berlin');
const alwaysViaDays = BusinessCalendar.fromSpec({
  timezone: 'Europe/Berlin',
  week: Object.fromEntries(WEEKDAYS.map((d) => [d, [['00:00', '24:00']]])) as CalendarSpec['week'],
  holidays: ['1999-01-01'],
});

const MINUTE = 60_000;
const from2024 = Date.UTC(2024, 0, 1);
const to2030 = Date.UTC(2030, 11, 31);
const instantMs = fc.oneof(
  fc.integer({ min: from2024, max: to2030 }),
  fc.integer({ min: Date.UTC(2026, 2, 27), max: Date.UTC(2026, 2, 31) }), // spring forward
  fc.integer({ min: Date.UTC(2026, 9, 23), max: Date.UTC(2026, 9, 27) }), // fall back
);
const calendarName = fc.constantFrom(...Object.keys(calendars));
const wholeMinutes = fc.integer({ min: 0, max: 5 * 24 * 60 * 3 }); // up to ~3 weeks of office time
const anyMinutes = fc.double({ min: 0, max: 20_000, noNaN: true, noDefaultInfinity: true });
const cal = (name: string): BusinessCalendar => calendars[name] as BusinessCalendar;

describe('calendar laws (fast-check)', () => {
  it('minutesBetween(s, addMinutes(s, m)) === m for an open s and whole minutes', () => {
    fc.assert(
      fc.property(calendarName, instantMs, wholeMinutes, (name, t, m) => {
        const s = cal(name).nextOpening(new Date(t));
        expect(cal(name).isOpen(s)).toBe(true);
        expect(cal(name).minutesBetween(s, cal(name).addMinutes(s, m))).toBe(m);
      }),
      { numRuns: 400 },
    );
  });

  it('… and for any s (closed time adds nothing) and fractional m, within the 1 ms rounding', () => {
    fc.assert(
      fc.property(calendarName, instantMs, anyMinutes, (name, t, m) => {
        const s = new Date(t);
        expect(Math.abs(cal(name).minutesBetween(s, cal(name).addMinutes(s, m)) - m)).toBeLessThanOrEqual(
          0.5 / MINUTE + 1e-9,
        );
      }),
      { numRuns: 400 },
    );
  });

  it('going backwards mirrors it: minutesBetween(subtractMinutes(s, m), s) === m', () => {
    fc.assert(
      fc.property(calendarName, instantMs, wholeMinutes, (name, t, m) => {
        const s = new Date(t);
        expect(cal(name).minutesBetween(cal(name).subtractMinutes(s, m), s)).toBe(m);
      }),
      { numRuns: 300 },
    );
  });

  it('subtractMinutes(s, 0) is s when open, else the end of the last open time before s', () => {
    fc.assert(
      fc.property(calendarName, instantMs, (name, t) => {
        const c = cal(name);
        const back = c.subtractMinutes(new Date(t), 0).getTime();
        if (c.isOpen(new Date(t))) {
          expect(back).toBe(t);
        } else {
          expect(back).toBeLessThanOrEqual(t);
          expect(c.isOpen(new Date(back - 1))).toBe(true);
          expect(c.minutesBetween(new Date(back), new Date(t))).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('addMinutes is monotonic in the duration and in the start', () => {
    fc.assert(
      fc.property(calendarName, instantMs, instantMs, wholeMinutes, wholeMinutes, (name, t1, t2, m1, m2) => {
        const c = cal(name);
        const [sLo, sHi] = t1 <= t2 ? [t1, t2] : [t2, t1];
        const [mLo, mHi] = m1 <= m2 ? [m1, m2] : [m2, m1];
        expect(c.addMinutes(new Date(sLo), mLo).getTime()).toBeLessThanOrEqual(
          c.addMinutes(new Date(sLo), mHi).getTime(),
        );
        expect(c.addMinutes(new Date(sLo), mLo).getTime()).toBeLessThanOrEqual(
          c.addMinutes(new Date(sHi), mLo).getTime(),
        );
        expect(c.subtractMinutes(new Date(sLo), mHi).getTime()).toBeLessThanOrEqual(
          c.subtractMinutes(new Date(sLo), mLo).getTime(),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('minutesBetween is monotonic in its end, antisymmetric, and additive over any split point', () => {
    fc.assert(
      fc.property(
        calendarName,
        instantMs,
        fc.integer({ min: 0, max: 21 * 1440 * MINUTE }),
        fc.integer({ min: 0, max: 21 * 1440 * MINUTE }),
        (name, a, d1, d2) => {
          const c = cal(name);
          const b = a + d1;
          const d = a + d1 + d2;
          expect(c.businessMsBetween(a, b)).toBeLessThanOrEqual(c.businessMsBetween(a, d));
          expect(c.businessMsBetween(d, a)).toBe(0 - c.businessMsBetween(a, d));
          expect(c.businessMsBetween(a, d)).toBe(c.businessMsBetween(a, b) + c.businessMsBetween(b, d));
          expect(c.businessMsBetween(b, a) + c.businessMsBetween(a, d)).toBe(c.businessMsBetween(b, d)); // split outside [b, d]
        },
      ),
      { numRuns: 300 },
    );
  });

  it('addMinutes is additive: addMinutes(addMinutes(s, m1), m2) === addMinutes(s, m1 + m2)', () => {
    fc.assert(
      fc.property(calendarName, instantMs, wholeMinutes, wholeMinutes, (name, t, m1, m2) => {
        const c = cal(name);
        const s = new Date(t);
        expect(c.addMinutes(c.addMinutes(s, m1), m2).getTime()).toBe(c.addMinutes(s, m1 + m2).getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('on a 24/7 calendar business time is wall-clock time (both code paths)', () => {
    fc.assert(
      fc.property(
        instantMs,
        fc.integer({ min: -30 * 1440, max: 30 * 1440 }),
        fc.integer({ min: 0, max: 40 * 1440 * MINUTE }),
        (t, m, span) => {
          for (const c of [always, alwaysViaDays]) {
            const moved = m < 0 ? c.subtractMinutes(new Date(t), -m) : c.addMinutes(new Date(t), m);
            expect(moved.getTime()).toBe(t + m * MINUTE);
            expect(c.minutesBetween(new Date(t), new Date(t + span))).toBe(span / MINUTE);
            expect(c.isOpen(new Date(t))).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('isOpen agrees with nextOpening and with minutesBetween over the next millisecond', () => {
    fc.assert(
      fc.property(calendarName, instantMs, (name, t) => {
        const c = cal(name);
        const open = c.isOpen(new Date(t));
        expect(c.nextOpening(new Date(t)).getTime() === t).toBe(open);
        expect(c.businessMsBetween(t, t + 1) === 1).toBe(open);
      }),
      { numRuns: 500 },
    );
  });
});

// An independent oracle: read each minute's local wall time with luxon and look the spec up directly.
function oracleOpen(spec: CalendarSpec, ms: number): boolean {
  const local = DateTime.fromMillis(ms, { zone: spec.timezone });
  const date = local.toISODate() as string;
  const holiday =
    (spec.holidays ?? []).includes(date) ||
    (spec.holidayRegion !== undefined && isPublicHoliday(spec.holidayRegion, date));
  const windows = holiday ? (spec.holidayWindows ?? []) : (spec.week[WEEKDAYS[local.weekday - 1] as Weekday] ?? []);
  const hhmm = local.toFormat('HH:mm');
  return windows.some(([from, to]) => hhmm >= from && hhmm < to);
}

describe('differential check against a minute-by-minute luxon oracle (windows without DST-gap edges)', () => {
  it('minutesBetween equals the number of open minutes over up to 3 days', () => {
    const names = ['onSiteBY', 'onCallBY', 'lunchBreakSN', 'newYork'];
    fc.assert(
      fc.property(fc.constantFrom(...names), instantMs, fc.integer({ min: 0, max: 3 * 1440 }), (name, t, minutes) => {
        const start = Math.floor(t / MINUTE) * MINUTE;
        let open = 0;
        for (let k = 0; k < minutes; k += 1) {
          if (oracleOpen(specs[name] as CalendarSpec, start + k * MINUTE)) {
            open += 1;
          }
        }
        expect(cal(name).minutesBetween(new Date(start), new Date(start + minutes * MINUTE))).toBe(open);
      }),
      { numRuns: 40 },
    );
  });
});
