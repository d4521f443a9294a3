import { formatInstant } from '@leitstand/frontend/i18n';

describe('formatInstant', () => {
  it.each([
    ['2026-11-21T13:05:00.000Z', '21.11.2026, 14:05'], // CET, UTC+1
    ['2026-07-01T12:00:00.000Z', '01.07.2026, 14:00'], // CEST, UTC+2
    ['2026-03-29T00:59:00.000Z', '29.03.2026, 01:59'], // last minute before the spring switch
    ['2026-03-29T01:00:00.000Z', '29.03.2026, 03:00'], // first minute after it
    ['2026-12-31T23:30:00.000Z', '01.01.2027, 00:30'], // the Berlin date is already the next year
  ])('formats %s as "%s" in de-DE and Europe/Berlin', (instant, expected) => {
    expect(formatInstant(instant, 'de-DE', 'Europe/Berlin')).toBe(expected);
  });

  it.each([[null], [undefined], [''], ['kein Datum']])('returns a dash for %p', (value) => {
    expect(formatInstant(value, 'de-DE', 'Europe/Berlin')).toBe('–');
  });
});
