import { alwaysCalendar, regularHoursCalendar, toCalendarSpec, toCalendars } from './contract-form';
import { DEFAULT_REGION, buildPreviewCalendars, nextOpenings, sampleDeadlines } from './contract-preview';
import type { SlaMatrixInput } from '@leitstand/api-contracts';

const BAVARIA = { timezone: 'Europe/Berlin', state: 'DE-BY' };
const target = (minutes: number, calendar: string) => ({ budget: { kind: 'minutes' as const, minutes }, calendar });
const MATRIX: SlaMatrixInput = {
  A: { response: target(15, '24-7'), restore: target(60, '24-7') },
  B: { response: target(30, 'regular'), restore: target(240, 'regular') },
  C: {
    response: { budget: { kind: 'businessDays', days: 1 }, calendar: 'regular' },
    restore: { budget: { kind: 'businessDays', days: 2 }, calendar: 'regular' },
  },
};

describe('contract preview (domain calendars in the browser)', () => {
  const { calendars, problems } = buildPreviewCalendars(
    toCalendars([alwaysCalendar(), regularHoursCalendar()]),
    BAVARIA,
  );

  const calendarOf = (key: string) => {
    const calendar = calendars[key];
    if (!calendar) throw new Error(`no calendar ${key}`);
    return calendar;
  };

  it('builds both calendars without problems', () => {
    expect(problems).toEqual([]);
    expect(Object.keys(calendars)).toEqual(['24-7', 'regular']);
  });

  it('lists the next openings of Mon–Fri 08–18 in Bavaria, skipping Christmas and the weekend', () => {
    // Wed 2026-12-23 19:00 local (18:00Z): next opening Thu 24th 08:00 (24 Dec is no public holiday),
    // then 25/26 Dec are holidays, 27th Sunday → Mon 28th.
    const openings = nextOpenings(calendarOf('regular'), new Date('2026-12-23T18:00:00Z'), 3);
    expect(openings.map((o) => [o.from.toISOString(), o.to?.toISOString()])).toEqual([
      ['2026-12-24T07:00:00.000Z', '2026-12-24T17:00:00.000Z'],
      ['2026-12-28T07:00:00.000Z', '2026-12-28T17:00:00.000Z'],
      ['2026-12-29T07:00:00.000Z', '2026-12-29T17:00:00.000Z'],
    ]);
  });

  it('ends the current opening at the window edge when "now" is inside it, seconds and all', () => {
    // Mon 2026-12-07 10:49:31.250 local (09:49:31.250Z), open until 18:00 local (17:00Z).
    const [current] = nextOpenings(calendarOf('regular'), new Date('2026-12-07T09:49:31.250Z'), 1);
    expect(current).toEqual({ from: new Date('2026-12-07T09:49:31.250Z'), to: new Date('2026-12-07T17:00:00Z') });
  });

  it('reports a 24/7 calendar as one opening without end', () => {
    const openings = nextOpenings(calendarOf('24-7'), new Date('2026-12-23T18:00:00Z'), 5);
    expect(openings).toEqual([{ from: new Date('2026-12-23T18:00:00Z'), to: null }]);
  });

  it('computes a sample deadline as the SLA clock does: B reported Fri 17:30 → response Fri 18:00, restore Mon 11:30', () => {
    // Fri 2026-12-04 17:30 local (16:30Z): the 30 business minutes of the response end at 18:00 (17:00Z).
    const result = sampleDeadlines(MATRIX, calendars, 'B', new Date('2026-12-04T16:30:00Z'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.deadlines[0]?.deadline?.toISOString()).toBe('2026-12-04T17:00:00.000Z');
    // restore 240 min: 30 min Fri (17:30–18:00) + 210 min Mon 08:00–11:30 local = 10:30Z
    expect(result.deadlines[1]?.deadline?.toISOString()).toBe('2026-12-07T10:30:00.000Z');
    // warning at 75 % = 180 min: 30 min Fri + 150 min Mon 08:00–10:30 local = 09:30Z
    expect(result.deadlines[1]?.warningAt?.toISOString()).toBe('2026-12-07T09:30:00.000Z');
  });

  it('puts a bad window at the API path of its calendar, and a matrix naming an unknown calendar at its cell', () => {
    const broken = regularHoursCalendar('regular');
    broken.week.mon = '18:00-08:00';
    const built = buildPreviewCalendars({ regular: toCalendarSpec(broken) }, DEFAULT_REGION);
    expect(built.problems[0]?.field).toBe('calendars.regular.week.mon[0]');
    expect(built.problems[0]?.messages[0]).toContain('window ends before it starts');

    const result = sampleDeadlines(MATRIX, built.calendars, 'A', new Date('2026-12-04T16:30:00Z'));
    expect(result).toEqual({
      ok: false,
      problems: [{ field: 'slaMatrix.A.response.calendar', messages: ["unknown calendar '24-7'"] }],
    });
  });
});
