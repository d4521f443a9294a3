import { parseChanges } from './ticket-changes';

const change = (ticketId: string, version: number) => ({
  ticketId,
  tenantId: 't-1',
  type: 'created',
  version,
  at: '2026-11-22T08:00:00.000Z',
});

describe('parseChanges (the message of one published batch)', () => {
  it('reads a batch — a JSON array — in order', () => {
    expect(parseChanges(JSON.stringify([change('a', 1), change('b', 1), change('a', 2)]))).toEqual([
      change('a', 1),
      change('b', 1),
      change('a', 2),
    ]);
  });

  it('reads a single change (as an older API instance publishes it)', () => {
    expect(parseChanges(JSON.stringify(change('a', 3)))).toEqual([change('a', 3)]);
  });

  it('drops what is not a change, keeping the rest, and never throws', () => {
    expect(parseChanges(JSON.stringify([change('a', 1), { ticketId: 'b' }, 7, null, change('c', 1)]))).toEqual([
      change('a', 1),
      change('c', 1),
    ]);
    expect(parseChanges('not json')).toEqual([]);
    expect(parseChanges('null')).toEqual([]);
    expect(parseChanges(JSON.stringify({ ...change('a', 1), extra: 'dropped' }))).toEqual([change('a', 1)]);
  });
});
