import { TimeOrderedIds } from './time-ordered-id';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('TimeOrderedIds', () => {
  it('makes RFC 9562 version 7 ids carrying the millisecond', () => {
    const ids = new TimeOrderedIds(() => 0x0190_1234_5678);
    const id = ids.next();
    expect(id).toMatch(UUID_V7);
    expect(id.startsWith('01901234-5678-7000-')).toBe(true);
  });

  it('keeps ids of one millisecond in order and unique', () => {
    const ids = new TimeOrderedIds(() => 1_700_000_000_000);
    const made = Array.from({ length: 10_000 }, () => ids.next());
    expect(new Set(made).size).toBe(made.length);
    expect([...made].sort()).toEqual(made);
    for (const id of made) expect(id).toMatch(UUID_V7);
  });

  it('never goes backwards when the clock does', () => {
    let now = 1_700_000_000_500;
    const ids = new TimeOrderedIds(() => now);
    const first = ids.next();
    now -= 400;
    const second = ids.next();
    expect(second > first).toBe(true);
  });
});
