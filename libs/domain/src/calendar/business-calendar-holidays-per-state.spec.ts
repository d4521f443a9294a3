import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';

import { BusinessCalendar } from './business-calendar';
import type { CalendarSpec } from './calendar.types';

const demo = (name: string): CalendarSpec =>
  JSON.parse(
    readFileSync(join(__dirname, '../../../demo-data/data/calendars', `${name}.json`), 'utf8'),
  ) as CalendarSpec;
const berlin = (d: Date): string | null => DateTime.fromJSDate(d, { zone: 'Europe/Berlin' }).toISO();
const at = (iso: string): Date => new Date(iso);

// Seed 002 on-site service hours Mon–Fri 06:00–22:00 (16 h = 960 min a day) at sites in different states.
const onSite = (holidayRegion: string, holidays?: string[]): BusinessCalendar =>
  BusinessCalendar.fromSpec({ ...demo('seed-002-on-site'), holidayRegion, ...(holidays ? { holidays } : {}) });

describe('holidays close whole local days, per state', () => {
  it.each([
    // Wed 2026-06-03 21:30 + 60: 30 min on Wednesday, then Thursday 2026-06-04 (Corpus Christi) …
    [
      'DE-BY',
      '2026-06-03T21:30:00+02:00',
      60,
      '2026-06-05T06:30:00.000+02:00',
      'Bavaria: Thursday closed, Fri 06:00 + 30',
    ],
    [
      'DE-BE',
      '2026-06-03T21:30:00+02:00',
      60,
      '2026-06-04T06:30:00.000+02:00',
      'Berlin: Thursday open, Thu 06:00 + 30',
    ],
    // Fri 2025-10-31 (Reformation Day): Thu 2025-10-30 21:00 + 120 = 60 Thu + 60 next open day
    [
      'DE-SN',
      '2025-10-30T21:00:00+01:00',
      120,
      '2025-11-03T07:00:00.000+01:00',
      'Saxony: Fri 31.10 closed → Mon 06:00 + 60',
    ],
    ['DE-BB', '2025-10-30T21:00:00+01:00', 120, '2025-11-03T07:00:00.000+01:00', 'Brandenburg: Fri 31.10 closed'],
    ['DE-BY', '2025-10-30T21:00:00+01:00', 120, '2025-10-31T07:00:00.000+01:00', 'Bavaria: Fri 31.10 open'],
    // Tue 2026-11-17 21:00 + 120 with Wed 2026-11-18 (Repentance Day)
    ['DE-SN', '2026-11-17T21:00:00+01:00', 120, '2026-11-19T07:00:00.000+01:00', 'Saxony: Wed 18.11 closed'],
    ['DE-BY', '2026-11-17T21:00:00+01:00', 120, '2026-11-18T07:00:00.000+01:00', 'Bavaria: Wed 18.11 open'],
    // Fri 2027-03-05 21:00 + 120 with Mon 2027-03-08 (Women's Day)
    ['DE-BE', '2027-03-05T21:00:00+01:00', 120, '2027-03-09T07:00:00.000+01:00', 'Berlin: Mon 8.3 closed'],
    ['DE-BY', '2027-03-05T21:00:00+01:00', 120, '2027-03-08T07:00:00.000+01:00', 'Bavaria: Mon 8.3 open'],
    // Thu 2025-08-14 21:00 + 120 with Fri 2025-08-15 (Assumption)
    ['DE-BY', '2025-08-14T21:00:00+02:00', 120, '2025-08-15T07:00:00.000+02:00', 'plain DE-BY: 15.8 open'],
    [
      'DE-BY-KATH',
      '2025-08-14T21:00:00+02:00',
      120,
      '2025-08-18T07:00:00.000+02:00',
      'Catholic Bavarian community: 15.8 closed',
    ],
    ['DE-SL', '2025-08-14T21:00:00+02:00', 120, '2025-08-18T07:00:00.000+02:00', 'Saarland: 15.8 closed'],
  ])('%s: %s + %p min → %s (%s)', (region, start, minutes, expected) => {
    expect(berlin(onSite(region).addMinutes(at(start), minutes))).toBe(expected);
  });

  it('Corpus Christi 2026-06-04 at noon: closed in DE-BY, open in DE-BE', () => {
    expect(onSite('DE-BY').isOpen(at('2026-06-04T12:00:00+02:00'))).toBe(false);
    expect(onSite('DE-BE').isOpen(at('2026-06-04T12:00:00+02:00'))).toBe(true);
  });

  it('a holiday is the whole local day: Wed 21:59 open, Thu 06:00 closed, Fri 06:00 open (DE-BY)', () => {
    const calendar = onSite('DE-BY');
    expect(calendar.isOpen(at('2026-06-03T21:59:00+02:00'))).toBe(true);
    expect(calendar.isOpen(at('2026-06-04T06:00:00+02:00'))).toBe(false);
    expect(calendar.isOpen(at('2026-06-05T06:00:00+02:00'))).toBe(true);
  });

  it('Christmas week in DE-BY: Mon 21.12 – Mon 28.12 = Mon–Thu 4 × 960 = 3,840 (25.12 public, 24.12 only a bank holiday)', () => {
    expect(onSite('DE-BY').minutesBetween(at('2026-12-21T00:00:00+01:00'), at('2026-12-28T00:00:00+01:00'))).toBe(3840);
  });

  it("extra 'holidays' close further days: with 2026-12-24 closed, 3 × 960 = 2,880", () => {
    const calendar = onSite('DE-BY', ['2026-12-24']);
    expect(calendar.minutesBetween(at('2026-12-21T00:00:00+01:00'), at('2026-12-28T00:00:00+01:00'))).toBe(2880);
    expect(calendar.isOpen(at('2026-12-24T10:00:00+01:00'))).toBe(false);
  });

  it('a whole June 2026 in DE-BY: 22 weekdays − Corpus Christi = 21 × 960 = 20,160', () => {
    // June 2026: Mon 1 … Tue 30 → 22 weekdays; 4.6 closed
    expect(onSite('DE-BY').minutesBetween(at('2026-06-01T00:00:00+02:00'), at('2026-07-01T00:00:00+02:00'))).toBe(
      20160,
    );
    expect(onSite('DE-BE').minutesBetween(at('2026-06-01T00:00:00+02:00'), at('2026-07-01T00:00:00+02:00'))).toBe(
      21120,
    );
  });

  it('extra holidays work without a region', () => {
    const calendar = BusinessCalendar.fromSpec({ ...demo('seed-004-regular'), holidays: ['2026-01-12'] });
    // Fri 2026-01-09 17:30 + 60: Fri 30, Mon 12.1 closed, Tue 08:00 + 30
    expect(berlin(calendar.addMinutes(at('2026-01-09T17:30:00+01:00'), 60))).toBe('2026-01-13T08:30:00.000+01:00');
  });
});

describe("seed 002 on-call covers public holidays all day ('holidayWindows')", () => {
  const onCall = BusinessCalendar.fromSpec({ ...demo('seed-002-on-call'), holidayRegion: 'DE-BY' });

  it('is open all of Corpus Christi 2026-06-04 in DE-BY', () => {
    expect(onCall.isOpen(at('2026-06-04T12:00:00+02:00'))).toBe(true);
    // Wed 22:00 → Fri 06:00: Wed 22–24 = 120, Thu 1440, Fri 00–06 = 360 → 1,920
    expect(onCall.minutesBetween(at('2026-06-03T22:00:00+02:00'), at('2026-06-05T06:00:00+02:00'))).toBe(1920);
  });

  it('on-site and on-call together cover every instant exactly once (a 24/7 week with a holiday)', () => {
    const site = onSite('DE-BY');
    const from = at('2026-06-01T00:00:00+02:00');
    const to = at('2026-06-08T00:00:00+02:00');
    // 7 × 1440 = 10,080 = on-site 4 × 960 = 3,840 + on-call 6,240
    expect(site.minutesBetween(from, to)).toBe(3840);
    expect(onCall.minutesBetween(from, to)).toBe(6240);
    for (let t = from.getTime(); t < to.getTime(); t += 15 * 60_000) {
      expect(site.isOpen(new Date(t)) !== onCall.isOpen(new Date(t))).toBe(true);
    }
  });
});
