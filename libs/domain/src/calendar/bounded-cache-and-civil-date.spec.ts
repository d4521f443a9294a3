import { BoundedCache } from './bounded-cache';
import { civilFromDays, daysFromCivil, isoDate, parseIsoDate, weekdayIndex } from './civil-date';

describe('BoundedCache (two-generation approximate LRU)', () => {
  it('never holds more than twice its generation size', () => {
    const cache = new BoundedCache<number, string>(3);
    for (let i = 0; i < 100; i += 1) {
      cache.set(i, String(i));
      expect(cache.size).toBeLessThanOrEqual(cache.capacity);
    }
    expect(cache.capacity).toBe(6);
    expect(cache.get(99)).toBe('99');
    expect(cache.get(0)).toBeUndefined();
  });

  it('keeps recently read entries alive by promoting them', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3); // a, b become the old generation
    expect(cache.get('a')).toBe(1); // promoted into the young generation
    cache.set('d', 4); // young {c, a} is full → old = {c, a}, b dropped
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
  });

  it('rejects a non-positive size', () => {
    expect(() => new BoundedCache(0)).toThrow(RangeError);
  });
});

describe('civil dates on day numbers', () => {
  it.each([
    [0, '1970-01-01', 3],
    [-1, '1969-12-31', 2],
    [20_454, '2026-01-01', 3],
    [20_513, '2026-03-01', 6],
    [11_016, '2000-02-29', 1],
  ])('day %p is %s, weekday index %p (0 = Monday)', (day, iso, weekday) => {
    expect(isoDate(day)).toBe(iso);
    expect(weekdayIndex(day)).toBe(weekday);
    const c = civilFromDays(day);
    expect(daysFromCivil(c.year, c.month, c.day)).toBe(day);
  });

  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2024-02-29', true],
    ['1900-02-29', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-1-01', false],
  ])('parseIsoDate(%p) valid = %p', (text, valid) => {
    expect(parseIsoDate(text) !== undefined).toBe(valid);
  });
});
