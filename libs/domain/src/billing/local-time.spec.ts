import { formatLocalTime, parseIsoInstant } from './local-time';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
/** What the pricing did before the fast path: the same pattern, then Date.parse. */
const reference = (text: string): number => (ISO.test(text) ? Date.parse(text) : Number.NaN);

describe('parseIsoInstant', () => {
  it.each([
    '2024-03-18T17:10:00Z',
    '2024-02-29T23:59:59Z',
    '2023-02-29T10:00:00Z',
    '2024-02-30T10:00:00Z',
    '2024-04-31T00:00:00Z',
    '2100-02-29T00:00:00Z',
    '2000-02-29T00:00:00Z',
    '2024-01-01T24:00:00Z',
    '2024-01-01T23:60:00Z',
    '2024-01-01T23:59:60Z',
    '2024-13-01T00:00:00Z',
    '2024-00-10T00:00:00Z',
    '0050-01-01T00:00:00Z',
    '1899-12-31T23:00:00Z',
    '2024-03-18T17:10Z',
    '2024-03-18T17:10:00.5Z',
    '2024-03-18T18:10:00+01:00',
    '2024-03-18 17:10:00Z',
    '2024-03-18T17:10:00z',
    '2024-3-18T17:10:00Z',
    '2024-03-18T17:1a:00Z',
    '',
  ])('%s reads as Date.parse reads it', (text) => {
    expect(Object.is(parseIsoInstant(text), reference(text))).toBe(true);
  });

  it('agrees with Date.parse on every minute-aligned instant of a sample', () => {
    const start = Date.parse('1969-12-25T00:00:00Z');
    for (let i = 0; i < 20_000; i += 1) {
      const text = new Date(start + i * 7_919 * 60_000).toISOString().replace('.000Z', 'Z');
      expect(parseIsoInstant(text)).toBe(Date.parse(text));
    }
  });

  it('rejects what is not a string', () => {
    expect(parseIsoInstant(undefined as unknown as string)).toBeNaN();
  });
});

describe('formatLocalTime', () => {
  it('formats minutes after midnight', () => {
    expect([0, 9, 600, 1439, 1440, 1500].map(formatLocalTime)).toEqual([
      '00:00',
      '00:09',
      '10:00',
      '23:59',
      '24:00',
      '25:00',
    ]);
  });
});
