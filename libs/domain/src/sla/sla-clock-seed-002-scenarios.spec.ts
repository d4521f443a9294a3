import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';

import { BusinessCalendar } from '../calendar/business-calendar';
import type { CalendarSpec } from '../calendar/calendar.types';
import { computeSlaClocks } from './sla-clock';
import { buildSlaMatrix } from './sla-matrix';
import type { SlaMatrixSpec } from './sla-matrix';
import type { SlaEvent } from './sla.types';

// Seed 002: A-assets accept ≤ 15 min, restore ≤ 1 h; B-assets accept ≤ 30 min, restore ≤ 4 h.
// C is per contract; here "accept within 4 on-site hours, restore by the close of the next business day".
// The same matrix runs once on the 24/7 calendar and once on the on-site service calendar (Mon–Fri
// 06:00–22:00) of a Bavarian site. Warnings at 75 %.
const demo = (name: string): CalendarSpec =>
  JSON.parse(
    readFileSync(join(__dirname, '../../../demo-data/data/calendars', `${name}.json`), 'utf8'),
  ) as CalendarSpec;
const calendars = {
  '24-7': BusinessCalendar.fromSpec(demo('24-7')),
  'on-site': BusinessCalendar.fromSpec({ ...demo('seed-002-on-site'), holidayRegion: 'DE-BY' }),
};
const seed002 = (calendar: '24-7' | 'on-site'): SlaMatrixSpec => ({
  A: {
    response: { budget: { kind: 'minutes', minutes: 15 }, calendar },
    restore: { budget: { kind: 'minutes', minutes: 60 }, calendar },
  },
  B: {
    response: { budget: { kind: 'minutes', minutes: 30 }, calendar },
    restore: { budget: { kind: 'minutes', minutes: 240 }, calendar },
  },
  C: {
    response: { budget: { kind: 'minutes', minutes: 240 }, calendar: 'on-site' },
    restore: { budget: { kind: 'businessDays', days: 1 }, calendar: 'on-site' },
  },
});
const matrix247 = buildSlaMatrix(seed002('24-7'), calendars);
const matrixOnSite = buildSlaMatrix(seed002('on-site'), calendars);

const berlin = (d: Date | null): string | null =>
  d === null ? null : DateTime.fromJSDate(d, { zone: 'Europe/Berlin' }).toISO();
const at = (iso: string): Date => new Date(iso);

describe('seed 002: A-fault on Friday 2026-05-22 21:50, before Whit Monday', () => {
  const events: SlaEvent[] = [{ type: 'created', at: at('2026-05-22T21:50:00+02:00'), priority: 'A' }];

  it('24/7: accept by 22:05, restore by 22:50; at 22:10 the response clock is 5 min late', () => {
    const clocks = computeSlaClocks({ events, matrix: matrix247, now: at('2026-05-22T22:10:00+02:00') });
    expect(berlin(clocks.response.deadline)).toBe('2026-05-22T22:05:00.000+02:00'); // 21:50 + 15
    expect(berlin(clocks.response.warningAt)).toBe('2026-05-22T22:01:15.000+02:00'); // 0.75 × 15 = 11.25 min
    expect(clocks.response.state).toBe('breached');
    expect(clocks.response.breach).toEqual({ businessMinutes: 5, lateMs: 300_000 }); // used 20 − 15; 22:10 − 22:05
    expect(clocks.response.nextCheckAt).toBeNull();
    expect(berlin(clocks.restore.deadline)).toBe('2026-05-22T22:50:00.000+02:00'); // 21:50 + 60
    expect(berlin(clocks.restore.warningAt)).toBe('2026-05-22T22:35:00.000+02:00'); // + 45
    expect(clocks.restore).toMatchObject({
      state: 'running',
      usedMinutes: 20,
      remainingMinutes: 40,
      warned: false,
      breach: null,
      budgetMinutes: 60,
    });
    expect(berlin(clocks.restore.nextCheckAt)).toBe('2026-05-22T22:35:00.000+02:00');
  });

  it('on-site: 10 min on Friday, then Sat, Sun and Whit Monday are closed → accept by Tue 06:05, restore by Tue 06:50', () => {
    const clocks = computeSlaClocks({ events, matrix: matrixOnSite, now: at('2026-05-22T22:10:00+02:00') });
    expect(berlin(clocks.response.deadline)).toBe('2026-05-26T06:05:00.000+02:00'); // 15 − 10 = 5 after Tue 06:00
    expect(berlin(clocks.response.warningAt)).toBe('2026-05-26T06:01:15.000+02:00'); // 11.25 − 10 = 1.25 min
    expect(clocks.response).toMatchObject({ state: 'running', usedMinutes: 10, remainingMinutes: 5, warned: false });
    expect(berlin(clocks.response.nextCheckAt)).toBe('2026-05-26T06:01:15.000+02:00');
    expect(berlin(clocks.restore.deadline)).toBe('2026-05-26T06:50:00.000+02:00'); // 60 − 10 = 50 after Tue 06:00
    expect(berlin(clocks.restore.warningAt)).toBe('2026-05-26T06:35:00.000+02:00'); // 45 − 10 = 35
  });

  it('on-site: accepted Tue 06:04 is met, restored Tue 07:10 is 20 min late', () => {
    const clocks = computeSlaClocks({
      events: [
        ...events,
        { type: 'accepted', at: at('2026-05-26T06:04:00+02:00') },
        { type: 'restored', at: at('2026-05-26T07:10:00+02:00') },
      ],
      matrix: matrixOnSite,
      now: at('2026-05-26T12:00:00+02:00'),
    });
    expect(clocks.response).toMatchObject({
      state: 'met',
      usedMinutes: 14,
      remainingMinutes: 1,
      warned: true,
      breach: null,
      nextCheckAt: null,
    });
    expect(berlin(clocks.response.stoppedAt)).toBe('2026-05-26T06:04:00.000+02:00');
    expect(berlin(clocks.response.deadline)).toBe('2026-05-26T06:05:00.000+02:00');
    // used: 10 (Fri) + 70 (Tue 06:00–07:10) = 80; 80 − 60 = 20 business minutes late; 07:10 − 06:50 = 20 min
    expect(clocks.restore).toMatchObject({
      state: 'breached',
      usedMinutes: 80,
      remainingMinutes: 0,
      breach: { businessMinutes: 20, lateMs: 1_200_000 },
    });
  });
});

describe('seed 002: B-fault on Monday 2026-06-01 10:00 handled within hours', () => {
  const events: SlaEvent[] = [
    { type: 'created', at: at('2026-06-01T10:00:00+02:00'), priority: 'B' },
    { type: 'accepted', at: at('2026-06-01T10:20:00+02:00') },
    { type: 'restored', at: at('2026-06-01T13:30:00+02:00') },
  ];

  it.each([
    ['24/7', matrix247],
    ['on-site', matrixOnSite],
  ])('%s: both clocks met; accept due 10:30, restore due 14:00', (_name, matrix) => {
    const clocks = computeSlaClocks({ events, matrix, now: at('2026-06-01T15:00:00+02:00') });
    expect(clocks.response).toMatchObject({ state: 'met', usedMinutes: 20, remainingMinutes: 10, warned: false });
    expect(berlin(clocks.response.deadline)).toBe('2026-06-01T10:30:00.000+02:00');
    expect(clocks.restore).toMatchObject({ state: 'met', usedMinutes: 210, remainingMinutes: 30, warned: true }); // 75 % = 180 min ≤ 210
    expect(berlin(clocks.restore.deadline)).toBe('2026-06-01T14:00:00.000+02:00');
    expect(berlin(clocks.restore.warningAt)).toBe('2026-06-01T13:00:00.000+02:00');
  });
});

describe('seed 002: B-fault on Friday 2026-06-05 20:00 on the on-site calendar', () => {
  it('restore budget 240 = Fri 20:00–22:00 (120) + Mon 06:00–08:00 (120) → due Mon 08:00; restored 08:30 is 30 min late', () => {
    const clocks = computeSlaClocks({
      events: [
        { type: 'created', at: at('2026-06-05T20:00:00+02:00'), priority: 'B' },
        { type: 'accepted', at: at('2026-06-05T20:25:00+02:00') },
        { type: 'restored', at: at('2026-06-08T08:30:00+02:00') },
      ],
      matrix: matrixOnSite,
      now: at('2026-06-08T09:00:00+02:00'),
    });
    expect(berlin(clocks.restore.deadline)).toBe('2026-06-08T08:00:00.000+02:00');
    expect(clocks.restore.state).toBe('breached');
    expect(clocks.restore.breach).toEqual({ businessMinutes: 30, lateMs: 30 * 60_000 });
    expect(clocks.response.state).toBe('met');
  });

  it('the same ticket on 24/7 is due Saturday 00:00', () => {
    const clocks = computeSlaClocks({
      events: [{ type: 'created', at: at('2026-06-05T20:00:00+02:00'), priority: 'B' }],
      matrix: matrix247,
      now: at('2026-06-05T20:00:00+02:00'),
    });
    expect(berlin(clocks.restore.deadline)).toBe('2026-06-06T00:00:00.000+02:00');
    expect(clocks.restore).toMatchObject({ state: 'running', usedMinutes: 0, remainingMinutes: 240 });
  });
});

describe('seed 002: the closing-instant rule on the on-site calendar', () => {
  const events: SlaEvent[] = [{ type: 'created', at: at('2026-06-10T21:00:00+02:00'), priority: 'A' }];

  it('A-restore from Wed 21:00 is due at the closing 22:00, not Thu 06:00', () => {
    const clocks = computeSlaClocks({ events, matrix: matrixOnSite, now: at('2026-06-10T21:59:00+02:00') });
    expect(berlin(clocks.restore.deadline)).toBe('2026-06-10T22:00:00.000+02:00');
    expect(clocks.restore.state).toBe('running');
    expect(berlin(clocks.restore.nextCheckAt)).toBe('2026-06-10T22:00:00.001+02:00'); // first breached instant
  });

  it('exactly at the deadline the clock is not yet breached; a millisecond later it is', () => {
    expect(computeSlaClocks({ events, matrix: matrixOnSite, now: at('2026-06-10T22:00:00+02:00') }).restore.state).toBe(
      'running',
    );
    const late = computeSlaClocks({ events, matrix: matrixOnSite, now: at('2026-06-10T22:00:00.001+02:00') }).restore;
    expect(late.state).toBe('breached');
    expect(late.breach).toEqual({ businessMinutes: 0, lateMs: 1 });
  });

  it('restored at 22:30 (closed time) is breached by 30 wall-clock minutes and 0 business minutes', () => {
    const clocks = computeSlaClocks({
      events: [...events, { type: 'restored', at: at('2026-06-10T22:30:00+02:00') }],
      matrix: matrixOnSite,
      now: at('2026-06-11T09:00:00+02:00'),
    });
    expect(clocks.restore).toMatchObject({
      state: 'breached',
      usedMinutes: 60,
      breach: { businessMinutes: 0, lateMs: 1_800_000 },
    });
  });

  it('restored exactly at 22:00 is met', () => {
    const clocks = computeSlaClocks({
      events: [...events, { type: 'restored', at: at('2026-06-10T22:00:00+02:00') }],
      matrix: matrixOnSite,
      now: at('2026-06-11T09:00:00+02:00'),
    });
    expect(clocks.restore).toMatchObject({ state: 'met', usedMinutes: 60, remainingMinutes: 0, breach: null });
  });
});

describe('seed 002: pauses across the night', () => {
  // A-fault Wed 2026-06-10 21:30 on-site; "waiting for customer" 21:40 → Thu 07:00.
  const events: SlaEvent[] = [
    { type: 'created', at: at('2026-06-10T21:30:00+02:00'), priority: 'A' },
    { type: 'paused', at: at('2026-06-10T21:40:00+02:00') },
    { type: 'resumed', at: at('2026-06-11T07:00:00+02:00') },
  ];

  it('while paused (Thu 06:30) there is no deadline, and no timer', () => {
    const clocks = computeSlaClocks({ events, matrix: matrixOnSite, now: at('2026-06-11T06:30:00+02:00') });
    expect(clocks.response).toMatchObject({
      state: 'paused',
      usedMinutes: 10,
      remainingMinutes: 5,
      deadline: null,
      warningAt: null,
      warned: false,
      nextCheckAt: null,
    });
    expect(clocks.restore).toMatchObject({
      state: 'paused',
      usedMinutes: 10,
      remainingMinutes: 50,
      deadline: null,
      nextCheckAt: null,
    });
  });

  it('after the resume at 07:00 the remaining 5 / 50 minutes run from 07:00', () => {
    const clocks = computeSlaClocks({ events, matrix: matrixOnSite, now: at('2026-06-11T07:10:00+02:00') });
    expect(berlin(clocks.response.deadline)).toBe('2026-06-11T07:05:00.000+02:00');
    expect(clocks.response.state).toBe('breached');
    expect(clocks.response.breach).toEqual({ businessMinutes: 5, lateMs: 300_000 });
    expect(berlin(clocks.restore.deadline)).toBe('2026-06-11T07:50:00.000+02:00');
    expect(clocks.restore).toMatchObject({ state: 'running', usedMinutes: 20, remainingMinutes: 40 });
  });

  it('a pause after the deadline passed leaves the clock breached', () => {
    const clocks = computeSlaClocks({
      events: [...events, { type: 'paused', at: at('2026-06-11T07:20:00+02:00') }],
      matrix: matrixOnSite,
      now: at('2026-06-11T09:00:00+02:00'),
    });
    expect(clocks.response.state).toBe('breached');
    expect(berlin(clocks.response.deadline)).toBe('2026-06-11T07:05:00.000+02:00');
    expect(clocks.response.breach).toEqual({ businessMinutes: 15, lateMs: (9 * 60 - 7 * 60 - 5) * 60_000 }); // used 10 + 20 = 30 − 15; 09:00 − 07:05
    expect(clocks.restore).toMatchObject({ state: 'paused', usedMinutes: 30, deadline: null });
    expect(berlin(clocks.restore.warningAt)).toBeNull(); // 45 min not reached before the pause
  });
});

describe('C: "restore by the close of the next business day" on the on-site calendar', () => {
  it('created Wed 2026-06-03 10:00 → Thu is Corpus Christi → due Fri 22:00 (960 − 240 … = 16 + 12 h)', () => {
    const clocks = computeSlaClocks({
      events: [{ type: 'created', at: at('2026-06-03T10:00:00+02:00'), priority: 'C' }],
      matrix: matrixOnSite,
      now: at('2026-06-03T10:00:00+02:00'),
    });
    expect(berlin(clocks.restore.deadline)).toBe('2026-06-05T22:00:00.000+02:00');
    expect(clocks.restore.budgetMinutes).toBe(720 + 960); // Wed 10:00–22:00 = 720, Fri 06:00–22:00 = 960
    expect(clocks.restore.budget).toEqual({ kind: 'businessDays', days: 1 });
    expect(berlin(clocks.response.deadline)).toBe('2026-06-03T14:00:00.000+02:00');
  });

  it('created on Saturday → due Monday 22:00 (the whole Monday)', () => {
    const clocks = computeSlaClocks({
      events: [{ type: 'created', at: at('2026-06-06T11:00:00+02:00'), priority: 'C' }],
      matrix: matrixOnSite,
      now: at('2026-06-06T11:00:00+02:00'),
    });
    expect(berlin(clocks.restore.deadline)).toBe('2026-06-08T22:00:00.000+02:00');
    expect(clocks.restore.budgetMinutes).toBe(960);
  });
});
