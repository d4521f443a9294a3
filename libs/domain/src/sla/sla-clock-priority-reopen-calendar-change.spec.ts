import { DateTime } from 'luxon';

import { BusinessCalendar } from '../calendar/business-calendar';
import { computeSlaClocks } from './sla-clock';
import { SlaInputError } from './sla.errors';
import type { SlaEvent, SlaMatrix, SlaTarget } from './sla.types';

const always = BusinessCalendar.always('Europe/Berlin');
const weekdays = [['06:00', '22:00']] as Array<[string, string]>;
const onSite = BusinessCalendar.fromSpec({
  timezone: 'Europe/Berlin',
  week: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays },
  holidayRegion: 'DE-BY',
});
const minutes = (m: number, calendar: BusinessCalendar, warningShare = 0.75): SlaTarget => ({
  budget: { kind: 'minutes', minutes: m },
  calendar,
  warningShare,
});
// Seed 002 budgets on 24/7; C runs on the on-site calendar (4 h accept, next business day restore).
const matrix: SlaMatrix = {
  A: { response: minutes(15, always), restore: minutes(60, always) },
  B: { response: minutes(30, always), restore: minutes(240, always) },
  C: {
    response: minutes(240, onSite),
    restore: { budget: { kind: 'businessDays', days: 1 }, calendar: onSite, warningShare: 0.75 },
  },
};
const berlin = (d: Date | null): string | null =>
  d === null ? null : DateTime.fromJSDate(d, { zone: 'Europe/Berlin' }).toISO();
const at = (iso: string): Date => new Date(iso);
const created = (iso: string, priority: 'A' | 'B' | 'C' = 'B'): SlaEvent => ({
  type: 'created',
  at: at(iso),
  priority,
});

describe('a priority change keeps the time used and swaps the budget', () => {
  it('B → A at 10:10: response 12 of 15 used at 10:12, due 10:15; restore due 11:00', () => {
    const clocks = computeSlaClocks({
      events: [
        created('2026-06-01T10:00:00+02:00'),
        { type: 'priority_changed', at: at('2026-06-01T10:10:00+02:00'), priority: 'A' },
      ],
      matrix,
      now: at('2026-06-01T10:12:00+02:00'),
    });
    expect(clocks.response).toMatchObject({
      priority: 'A',
      budgetMinutes: 15,
      usedMinutes: 12,
      remainingMinutes: 3,
      state: 'running',
      warned: true,
    });
    expect(berlin(clocks.response.deadline)).toBe('2026-06-01T10:15:00.000+02:00');
    expect(berlin(clocks.response.nextCheckAt)).toBe('2026-06-01T10:15:00.001+02:00'); // warning (10:11:15) passed
    expect(berlin(clocks.restore.deadline)).toBe('2026-06-01T11:00:00.000+02:00');
  });

  it('B → A at 10:20 after 20 min: the A budget (15) was used up at 10:15 → breached at once', () => {
    const clocks = computeSlaClocks({
      events: [
        created('2026-06-01T10:00:00+02:00'),
        { type: 'priority_changed', at: at('2026-06-01T10:20:00+02:00'), priority: 'A' },
      ],
      matrix,
      now: at('2026-06-01T10:21:00+02:00'),
    });
    expect(berlin(clocks.response.deadline)).toBe('2026-06-01T10:15:00.000+02:00');
    expect(clocks.response.state).toBe('breached');
    expect(clocks.response.breach).toEqual({ businessMinutes: 6, lateMs: 6 * 60_000 });
  });

  it('A → B at 10:10: response due 10:30 instead of 10:15', () => {
    const clocks = computeSlaClocks({
      events: [
        created('2026-06-01T10:00:00+02:00', 'A'),
        { type: 'priority_changed', at: at('2026-06-01T10:10:00+02:00'), priority: 'B' },
      ],
      matrix,
      now: at('2026-06-01T10:20:00+02:00'),
    });
    expect(berlin(clocks.response.deadline)).toBe('2026-06-01T10:30:00.000+02:00');
    expect(clocks.response).toMatchObject({ priority: 'B', state: 'running', usedMinutes: 20 });
  });

  it('A (24/7) → C (on-site) Fri 21:30: time before counts on 24/7, after on the on-site calendar', () => {
    // Created Fri 2026-06-05 21:00. C restore = close of the next business day from Fri 21:00 on on-site:
    // Fri 21:00 is open (not its first opening) → day 1 = Mon 8.6 → 22:00; budget = Fri 60 + Mon 960 = 1,020.
    // Used at Mon 07:00: 24/7 21:00–21:30 = 30, on-site Fri 21:30–22:00 = 30, Mon 06:00–07:00 = 60 → 120.
    const clocks = computeSlaClocks({
      events: [
        created('2026-06-05T21:00:00+02:00', 'A'),
        { type: 'priority_changed', at: at('2026-06-05T21:30:00+02:00'), priority: 'C' },
      ],
      matrix,
      now: at('2026-06-08T07:00:00+02:00'),
    });
    expect(clocks.restore).toMatchObject({
      priority: 'C',
      budgetMinutes: 1020,
      usedMinutes: 120,
      remainingMinutes: 900,
      state: 'running',
    });
    expect(berlin(clocks.restore.deadline)).toBe('2026-06-08T22:00:00.000+02:00'); // Mon 07:00 + 900 min
    // C response 240: 120 used → Mon 09:00
    expect(berlin(clocks.response.deadline)).toBe('2026-06-08T09:00:00.000+02:00');
  });
});

describe("'reopened' after 'restored'", () => {
  const base: SlaEvent[] = [
    created('2026-06-01T10:00:00+02:00', 'A'),
    { type: 'accepted', at: at('2026-06-01T10:05:00+02:00') },
    { type: 'restored', at: at('2026-06-01T10:40:00+02:00') },
    { type: 'reopened', at: at('2026-06-01T11:00:00+02:00') },
  ];

  it("'continue' (default): the restore clock resumes with 40 min used; restored → reopened does not count", () => {
    const clocks = computeSlaClocks({ events: base, matrix, now: at('2026-06-01T11:10:00+02:00') });
    expect(clocks.restore).toMatchObject({ state: 'running', usedMinutes: 50, remainingMinutes: 10, stoppedAt: null });
    expect(berlin(clocks.restore.deadline)).toBe('2026-06-01T11:20:00.000+02:00');
    expect(berlin(clocks.restore.startedAt)).toBe('2026-06-01T10:00:00.000+02:00');
    expect(clocks.response).toMatchObject({ state: 'met', usedMinutes: 5 }); // the response clock is not affected
  });

  it("'restart': the restore clock starts again from zero at the reopen", () => {
    const clocks = computeSlaClocks({
      events: base,
      matrix,
      now: at('2026-06-01T11:10:00+02:00'),
      reopenPolicy: 'restart',
    });
    expect(clocks.restore).toMatchObject({ state: 'running', usedMinutes: 10, remainingMinutes: 50 });
    expect(berlin(clocks.restore.startedAt)).toBe('2026-06-01T11:00:00.000+02:00');
    expect(berlin(clocks.restore.deadline)).toBe('2026-06-01T12:00:00.000+02:00');
  });

  it("a breached restore stays breached under 'continue'", () => {
    const clocks = computeSlaClocks({
      events: [
        created('2026-06-01T10:00:00+02:00', 'A'),
        { type: 'restored', at: at('2026-06-01T11:30:00+02:00') },
        { type: 'reopened', at: at('2026-06-01T12:00:00+02:00') },
      ],
      matrix,
      now: at('2026-06-01T12:05:00+02:00'),
    });
    // used 90 + 5 = 95; deadline 11:00; late since then 65 min
    expect(clocks.restore).toMatchObject({
      state: 'breached',
      usedMinutes: 95,
      breach: { businessMinutes: 35, lateMs: 65 * 60_000 },
    });
  });

  it("'restored' without 'accepted' stops the response clock too; 'reopened' of a running clock is ignored", () => {
    const clocks = computeSlaClocks({
      events: [
        created('2026-06-01T10:00:00+02:00', 'A'),
        { type: 'reopened', at: at('2026-06-01T10:01:00+02:00') },
        { type: 'restored', at: at('2026-06-01T10:10:00+02:00') },
      ],
      matrix,
      now: at('2026-06-01T12:00:00+02:00'),
    });
    expect(clocks.response).toMatchObject({ state: 'met', usedMinutes: 10 });
    expect(berlin(clocks.response.stoppedAt)).toBe('2026-06-01T10:10:00.000+02:00');
    expect(clocks.restore).toMatchObject({ state: 'met', usedMinutes: 10 });
  });
});

describe("'calendar_changed' is effective-dated and recomputes the deadline", () => {
  const onSiteB: SlaMatrix = { ...matrix, B: { response: minutes(30, onSite), restore: minutes(240, onSite) } };

  it('B on on-site from Mon 21:00; switched to 24/7 at 21:30 → 30 used on on-site, 210 on 24/7 → due Tue 01:00', () => {
    const events: SlaEvent[] = [
      created('2026-06-01T21:00:00+02:00'),
      { type: 'calendar_changed', at: at('2026-06-01T21:30:00+02:00'), calendar: always },
    ];
    const unchanged = computeSlaClocks({
      events: events.slice(0, 1),
      matrix: onSiteB,
      now: at('2026-06-01T21:45:00+02:00'),
    });
    expect(berlin(unchanged.restore.deadline)).toBe('2026-06-02T09:00:00.000+02:00'); // 60 Mon + Tue 06:00 + 180
    const changed = computeSlaClocks({ events, matrix: onSiteB, now: at('2026-06-01T21:45:00+02:00') });
    expect(berlin(changed.restore.deadline)).toBe('2026-06-02T01:00:00.000+02:00');
    expect(changed.restore.usedMinutes).toBe(45);
  });

  it('only the named clock changes', () => {
    const clocks = computeSlaClocks({
      events: [
        created('2026-06-05T21:50:00+02:00'),
        { type: 'calendar_changed', at: at('2026-06-05T21:55:00+02:00'), calendar: always, clock: 'restore' },
      ],
      matrix: onSiteB,
      now: at('2026-06-05T22:30:00+02:00'),
    });
    // response stays on-site: 10 min Fri, 20 left → Mon 06:20; restore: 5 on-site + 35 on 24/7 = 40 used, due 22:30 + 200 min = Sat 01:50
    expect(berlin(clocks.response.deadline)).toBe('2026-06-08T06:20:00.000+02:00');
    expect(clocks.restore.usedMinutes).toBe(40);
    expect(berlin(clocks.restore.deadline)).toBe('2026-06-06T01:50:00.000+02:00');
  });
});

describe('event log handling', () => {
  it('ignores events after now, before created, a second created, and repeated pauses/resumes', () => {
    const clocks = computeSlaClocks({
      events: [
        { type: 'paused', at: at('2026-06-01T09:00:00+02:00') },
        created('2026-06-01T10:00:00+02:00', 'A'),
        created('2026-06-01T10:01:00+02:00', 'C'),
        { type: 'paused', at: at('2026-06-01T10:02:00+02:00') },
        { type: 'paused', at: at('2026-06-01T10:03:00+02:00') },
        { type: 'resumed', at: at('2026-06-01T10:04:00+02:00') },
        { type: 'resumed', at: at('2026-06-01T10:05:00+02:00') },
        { type: 'accepted', at: at('2026-06-01T11:00:00+02:00') },
      ],
      matrix,
      now: at('2026-06-01T10:10:00+02:00'),
    });
    expect(clocks.response).toMatchObject({ priority: 'A', state: 'running', usedMinutes: 8, stoppedAt: null }); // 10:00–10:02 + 10:04–10:10
  });

  it('applies events in time order, stable for equal instants', () => {
    const clocks = computeSlaClocks({
      events: [
        { type: 'accepted', at: at('2026-06-01T10:05:00+02:00') },
        { type: 'resumed', at: at('2026-06-01T10:03:00+02:00') },
        created('2026-06-01T10:00:00+02:00', 'A'),
        { type: 'paused', at: at('2026-06-01T10:01:00+02:00') },
      ],
      matrix,
      now: at('2026-06-01T10:30:00+02:00'),
    });
    expect(clocks.response).toMatchObject({ state: 'met', usedMinutes: 3 }); // 10:00–10:01 + 10:03–10:05
  });

  it('ignores an event type it does not know instead of crashing (the backend should drop them anyway)', () => {
    const clocks = computeSlaClocks({
      events: [
        created('2026-06-01T10:00:00+02:00', 'A'),
        { type: 'comment_added', at: at('2026-06-01T10:01:00+02:00') } as unknown as SlaEvent,
      ],
      matrix,
      now: at('2026-06-01T10:10:00+02:00'),
    });
    expect(clocks.response).toMatchObject({ state: 'running', usedMinutes: 10 });
  });

  it('rejects an unknown reopen policy and a calendar change without a calendar', () => {
    const events = [created('2026-06-01T10:00:00+02:00', 'A')];
    expect(() =>
      computeSlaClocks({ events, matrix, now: at('2026-06-01T10:10:00+02:00'), reopenPolicy: 'reset' as never }),
    ).toThrow('reopenPolicy: ');
    const badChange = {
      type: 'calendar_changed',
      at: at('2026-06-01T10:05:00+02:00'),
      calendar: { timezone: 'UTC' },
    } as unknown as SlaEvent;
    expect(() =>
      computeSlaClocks({ events: [...events, badChange], matrix, now: at('2026-06-01T10:10:00+02:00') }),
    ).toThrow('events[1].calendar: ');
  });

  it('accepted exactly at the deadline is met', () => {
    const clocks = computeSlaClocks({
      events: [created('2026-06-01T10:00:00+02:00', 'A'), { type: 'accepted', at: at('2026-06-01T10:15:00+02:00') }],
      matrix,
      now: at('2026-06-01T11:00:00+02:00'),
    });
    expect(clocks.response).toMatchObject({
      state: 'met',
      usedMinutes: 15,
      remainingMinutes: 0,
      warned: true,
      breach: null,
    });
  });

  it.each([
    ['no created event', { events: [{ type: 'paused', at: at('2026-06-01T10:00:00+02:00') }] as SlaEvent[] }, 'events'],
    ['created after now', { events: [created('2026-06-01T12:00:00+02:00')] }, 'events'],
    [
      'an invalid date',
      { events: [created('2026-06-01T10:00:00+02:00'), { type: 'paused', at: at('nope') }] as SlaEvent[] },
      'events[1].at',
    ],
    [
      'an unknown priority',
      { events: [{ type: 'created', at: at('2026-06-01T10:00:00+02:00'), priority: 'D' }] as unknown as SlaEvent[] },
      'events[0].priority',
    ],
    [
      'a missing matrix row',
      { events: [created('2026-06-01T10:00:00+02:00', 'C')], matrix: { A: matrix.A, B: matrix.B } as SlaMatrix },
      'matrix.C.response',
    ],
    [
      'a warning share of 0',
      {
        events: [created('2026-06-01T10:00:00+02:00', 'A')],
        matrix: { ...matrix, A: { ...matrix.A, restore: minutes(60, always, 0) } },
      },
      'matrix.A.restore.warningShare',
    ],
    [
      'a negative budget',
      {
        events: [created('2026-06-01T10:00:00+02:00', 'A')],
        matrix: { ...matrix, A: { ...matrix.A, response: minutes(-1, always) } },
      },
      'matrix.A.response.budget.minutes',
    ],
    ['an invalid now', { events: [created('2026-06-01T10:00:00+02:00')], now: at('nope') }, 'now'],
  ])('rejects %s with SlaInputError(%s)', (_what, input, field) => {
    const call = (): unknown => computeSlaClocks({ matrix, now: at('2026-06-01T11:00:00+02:00'), ...input });
    expect(call).toThrow(SlaInputError);
    expect(call).toThrow(new RegExp(`^${field.replace(/[.[\]]/g, (c) => `\\${c}`)}: `));
  });
});
