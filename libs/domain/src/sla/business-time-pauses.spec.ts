import { DateTime } from 'luxon';

import { BusinessCalendar } from '../calendar/business-calendar';
import { computeDeadline, computeElapsed } from './business-time';
import { SlaInputError } from './sla.errors';
import type { Pause } from './sla.types';

// Seed 002 on-site hours Mon–Fri 06:00–22:00 in Bavaria. June 2026 is CEST (+02:00); Thu 2026-06-04 is Corpus Christi.
const week = {
  mon: [['06:00', '22:00']],
  tue: [['06:00', '22:00']],
  wed: [['06:00', '22:00']],
  thu: [['06:00', '22:00']],
  fri: [['06:00', '22:00']],
} as const;
const onSite = BusinessCalendar.fromSpec({
  timezone: 'Europe/Berlin',
  week: JSON.parse(JSON.stringify(week)) as never,
  holidayRegion: 'DE-BY',
});
const always = BusinessCalendar.always('Europe/Berlin');
const berlin = (d: Date | null): string | null =>
  d === null ? null : DateTime.fromJSDate(d, { zone: 'Europe/Berlin' }).toISO();
const at = (iso: string): Date => new Date(iso);
const pause = (from: string, to?: string): Pause =>
  to === undefined ? { from: at(from) } : { from: at(from), to: at(to) };

describe('computeDeadline with pauses across nights', () => {
  it.each([
    // [why, start, budget, pauses, expected]
    [
      'no pause: Wed 10.6 21:30 + 60 = 30 on Wed + Thu 11.6 06:00–06:30',
      '2026-06-10T21:30:00+02:00',
      60,
      [],
      '2026-06-11T06:30:00.000+02:00',
    ],
    [
      'paused 21:40 → Thu 07:00: 10 min Wed, the pause hides 21:40–22:00 and 06:00–07:00, then 50 min → 07:50',
      '2026-06-10T21:30:00+02:00',
      60,
      [pause('2026-06-10T21:40:00+02:00', '2026-06-11T07:00:00+02:00')],
      '2026-06-11T07:50:00.000+02:00',
    ],
    [
      'two pauses, unsorted and overlapping, are merged: 21:40 → Thu 06:30 ∪ Thu 06:15 → 07:00',
      '2026-06-10T21:30:00+02:00',
      60,
      [
        pause('2026-06-11T06:15:00+02:00', '2026-06-11T07:00:00+02:00'),
        pause('2026-06-10T21:40:00+02:00', '2026-06-11T06:30:00+02:00'),
      ],
      '2026-06-11T07:50:00.000+02:00',
    ],
    [
      'a pause before the start changes nothing',
      '2026-06-10T21:30:00+02:00',
      60,
      [pause('2026-06-10T08:00:00+02:00', '2026-06-10T09:00:00+02:00')],
      '2026-06-11T06:30:00.000+02:00',
    ],
    [
      'budget used up exactly when the pause starts ends there',
      '2026-06-10T21:30:00+02:00',
      10,
      [pause('2026-06-10T21:40:00+02:00')],
      '2026-06-10T21:40:00.000+02:00',
    ],
    [
      'budget used up before an open-ended pause',
      '2026-06-10T21:30:00+02:00',
      5,
      [pause('2026-06-10T21:40:00+02:00')],
      '2026-06-10T21:35:00.000+02:00',
    ],
    [
      'budget left when an open-ended pause starts: no deadline yet',
      '2026-06-10T21:30:00+02:00',
      60,
      [pause('2026-06-10T21:40:00+02:00')],
      null,
    ],
    [
      'zero budget at a closed instant: the next opening (Sat → Mon 06:00)',
      '2026-06-06T12:00:00+02:00',
      0,
      [],
      '2026-06-08T06:00:00.000+02:00',
    ],
    [
      'zero budget inside a pause: the end of the pause',
      '2026-06-08T10:00:00+02:00',
      0,
      [pause('2026-06-08T09:00:00+02:00', '2026-06-08T11:00:00+02:00')],
      '2026-06-08T11:00:00.000+02:00',
    ],
    [
      'a pause over the Corpus Christi weekend: Wed 3.6 21:00 + 120, paused Wed 21:30 → Mon 8.6 06:30: 30 + 90 → Mon 08:00',
      '2026-06-03T21:00:00+02:00',
      120,
      [pause('2026-06-03T21:30:00+02:00', '2026-06-08T06:30:00+02:00')],
      '2026-06-08T08:00:00.000+02:00',
    ],
    [
      'several weeks: 15 open days of 960 from Mon 1.6 06:00 — Mon–Wed + Fri (4.6 closed) = 4, two full weeks = 14, Mon 22.6 = 15 → ends at its closing 22:00',
      '2026-06-01T06:00:00+02:00',
      15 * 960,
      [],
      '2026-06-22T22:00:00.000+02:00',
    ],
  ])('%s', (_why, start, budgetMinutes, pauses, expected) => {
    expect(berlin(computeDeadline({ calendar: onSite, start: at(start), budgetMinutes, pauses }))).toBe(expected);
  });

  it('on a 24/7 calendar a pause shifts the deadline by its wall-clock length', () => {
    // 10:00 + 60, paused 10:20–10:50 (30 min) → 11:30
    expect(
      berlin(
        computeDeadline({
          calendar: always,
          start: at('2026-06-08T10:00:00+02:00'),
          budgetMinutes: 60,
          pauses: [pause('2026-06-08T10:20:00+02:00', '2026-06-08T10:50:00+02:00')],
        }),
      ),
    ).toBe('2026-06-08T11:30:00.000+02:00');
  });

  it('rejects a pause that ends before it starts, naming it', () => {
    const call = (): unknown =>
      computeDeadline({
        calendar: onSite,
        start: at('2026-06-08T10:00:00+02:00'),
        budgetMinutes: 60,
        pauses: [
          pause('2026-06-08T10:20:00+02:00', '2026-06-08T10:50:00+02:00'),
          pause('2026-06-08T12:00:00+02:00', '2026-06-08T11:00:00+02:00'),
        ],
      });
    expect(call).toThrow(SlaInputError);
    expect(call).toThrow('pauses[1].to: the pause ends before it starts');
  });

  it('rejects a negative or non-finite budget and invalid dates', () => {
    expect(() =>
      computeDeadline({ calendar: onSite, start: at('2026-06-08T10:00:00+02:00'), budgetMinutes: -1, pauses: [] }),
    ).toThrow('budgetMinutes:');
    expect(() =>
      computeDeadline({
        calendar: onSite,
        start: at('2026-06-08T10:00:00+02:00'),
        budgetMinutes: Number.NaN,
        pauses: [],
      }),
    ).toThrow('budgetMinutes:');
    expect(() => computeDeadline({ calendar: onSite, start: at('x'), budgetMinutes: 1, pauses: [] })).toThrow(
      'start: expected a valid Date',
    );
    expect(() =>
      computeDeadline({
        calendar: onSite,
        start: at('2026-06-08T10:00:00+02:00'),
        budgetMinutes: 1,
        pauses: [{ from: at('x') }],
      }),
    ).toThrow('pauses[0].from');
  });
});

describe('computeElapsed excludes pauses', () => {
  it.each([
    [
      'Wed 21:30 → Thu 08:00 without pause: 30 + 120 = 150',
      '2026-06-10T21:30:00+02:00',
      '2026-06-11T08:00:00+02:00',
      [],
      150,
    ],
    [
      '… paused 21:40 → Thu 07:00: 10 + 60 = 70',
      '2026-06-10T21:30:00+02:00',
      '2026-06-11T08:00:00+02:00',
      [pause('2026-06-10T21:40:00+02:00', '2026-06-11T07:00:00+02:00')],
      70,
    ],
    [
      '… still paused since 21:40: 10',
      '2026-06-10T21:30:00+02:00',
      '2026-06-11T08:00:00+02:00',
      [pause('2026-06-10T21:40:00+02:00')],
      10,
    ],
    ['end before start: 0', '2026-06-11T08:00:00+02:00', '2026-06-10T21:30:00+02:00', [], 0],
    [
      'a pause after the end changes nothing',
      '2026-06-08T10:00:00+02:00',
      '2026-06-08T10:30:00+02:00',
      [pause('2026-06-08T11:00:00+02:00', '2026-06-08T12:00:00+02:00')],
      30,
    ],
    ['seconds count: 10:00:00 → 10:00:45 = 0.75', '2026-06-08T10:00:00+02:00', '2026-06-08T10:00:45+02:00', [], 0.75],
  ])('%s', (_why, start, end, pauses, minutes) => {
    expect(computeElapsed({ calendar: onSite, start: at(start), end: at(end), pauses })).toBe(minutes);
  });

  it('elapsed up to the deadline equals the budget', () => {
    const pauses = [pause('2026-06-10T21:40:00+02:00', '2026-06-11T07:00:00+02:00')];
    const start = at('2026-06-10T21:30:00+02:00');
    const deadline = computeDeadline({ calendar: onSite, start, budgetMinutes: 60, pauses }) as Date;
    expect(computeElapsed({ calendar: onSite, start, end: deadline, pauses })).toBe(60);
  });
});
