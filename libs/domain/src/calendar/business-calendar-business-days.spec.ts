import { DateTime } from 'luxon';

import { BusinessCalendar } from './business-calendar';

// "By the close of the n-th business day" on office hours Mon–Fri 08:00–18:00, DE-BY.
const office = BusinessCalendar.fromSpec({
  timezone: 'Europe/Berlin',
  week: {
    mon: [['08:00', '18:00']],
    tue: [['08:00', '18:00']],
    wed: [['08:00', '18:00']],
    thu: [['08:00', '18:00']],
    fri: [
      ['08:00', '12:00'],
      ['13:00', '16:00'],
    ],
  },
  holidayRegion: 'DE-BY',
});
const berlin = (d: Date): string | null => DateTime.fromJSDate(d, { zone: 'Europe/Berlin' }).toISO();
const at = (iso: string): Date => new Date(iso);

describe('closeOfBusinessDay: day 1 is the start day only if the clock starts at its first opening', () => {
  it.each([
    ['2026-06-01T10:00:00+02:00', 1, '2026-06-02T18:00:00.000+02:00', 'Mon 10:00 → day 1 = Tue'],
    ['2026-06-01T07:00:00+02:00', 1, '2026-06-01T18:00:00.000+02:00', 'Mon 07:00 (before opening) → day 1 = Mon'],
    ['2026-06-01T08:00:00+02:00', 1, '2026-06-01T18:00:00.000+02:00', 'Mon 08:00 exactly at opening → day 1 = Mon'],
    ['2026-06-01T18:00:00+02:00', 1, '2026-06-02T18:00:00.000+02:00', 'Mon 18:00 (closing) → Tue opens → day 1 = Tue'],
    [
      '2026-06-03T10:00:00+02:00',
      1,
      '2026-06-05T16:00:00.000+02:00',
      'Wed 10:00 → Thu is Corpus Christi → Fri, closing 16:00',
    ],
    [
      '2026-06-05T12:30:00+02:00',
      1,
      '2026-06-08T18:00:00.000+02:00',
      'Fri lunch break 12:30 → opens 13:00, not the first opening → Mon',
    ],
    ['2026-06-06T11:00:00+02:00', 1, '2026-06-08T18:00:00.000+02:00', 'Saturday → day 1 = Mon'],
    [
      '2026-06-01T10:00:00+02:00',
      5,
      '2026-06-09T18:00:00.000+02:00',
      'Mon 10:00, 5 days: Tue, Wed, Fri, Mon, Tue (Thu holiday)',
    ],
  ])('%s, n = %p → %s (%s)', (start, n, expected) => {
    expect(berlin(office.closeOfBusinessDay(at(start), n))).toBe(expected);
  });

  it('rejects n < 1 and fractions', () => {
    expect(() => office.closeOfBusinessDay(at('2026-06-01T10:00:00+02:00'), 0)).toThrow('whole number ≥ 1');
    expect(() => office.closeOfBusinessDay(at('2026-06-01T10:00:00+02:00'), 1.5)).toThrow('whole number ≥ 1');
  });
});
