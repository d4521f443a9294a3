import { BusinessCalendar, buildSlaMatrix, type SlaMatrixSpec } from '@leitstand/domain';
import type { ContractEntity, ContractTerms } from '@leitstand/backend/data-access';
import { computeTicketSla, slaClockUpsert, slaClockUpsertMany, slaEventsFromLog } from './sla-projection';
import { isQuietNow } from './sla-timer.handler';

const allWeek = (hours: [string, string]) =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [hours]]));
const always = BusinessCalendar.fromSpec({ timezone: 'Europe/Berlin', week: allWeek(['00:00', '24:00']) });
const office = BusinessCalendar.fromSpec({ timezone: 'Europe/Berlin', week: allWeek(['08:00', '17:00']) });
const target = { budget: { kind: 'minutes', minutes: 60 }, calendar: '24-7', warningShare: 0.75 };
const spec = {
  A: { response: target, restore: target },
  B: { response: target, restore: target },
  C: { response: target, restore: target },
} as SlaMatrixSpec;
const terms = (quiet: string | null): ContractTerms => ({
  contract: { slaMatrix: spec, quietWarningsCalendar: quiet } as unknown as ContractEntity,
  calendars: { '24-7': always, office },
  slaMatrix: buildSlaMatrix(spec, { '24-7': always }),
});

describe('slaClockUpsertMany', () => {
  it('writes the clocks of several tickets with the same values as the per-ticket upsert', () => {
    const t0 = new Date('2026-03-10T08:00:00.000Z');
    const p = computeTicketSla(
      terms(null),
      slaEventsFromLog([{ type: 'created', occurredAt: t0, payload: { priority: 'A' } }]),
      t0,
    );
    const one = slaClockUpsert('t1', 'n1', p.clocks);
    const many = slaClockUpsertMany([
      { ticketId: 't1', tenantId: 'n1', rows: p.clocks },
      { ticketId: 't2', tenantId: 'n2', rows: p.clocks },
    ]);
    // one array per column, an entry per clock row: ticket, clock, tenant, then the same 13 values as the
    // single-ticket statement
    const columns = many.params as unknown[][];
    expect(columns).toHaveLength(16);
    expect(columns.map((c) => c[0])).toEqual([one.params[0], one.params[2], one.params[1], ...one.params.slice(3, 16)]);
    expect(columns[0]).toEqual(['t1', 't1', 't2', 't2']);
    expect(columns[2]).toEqual(['n1', 'n1', 'n2', 'n2']);
    expect(many.sql).toContain('$16::bigint[]');
    expect(many.sql).toContain('ON CONFLICT (ticket_id, clock) DO UPDATE');
    expect(many.sql.split('ON CONFLICT')[1]).toBe(one.sql.split('ON CONFLICT')[1]);
  });
});

describe('isQuietNow (quiet warnings)', () => {
  it('is quiet only outside the open hours of the contract quiet calendar', () => {
    const night = new Date('2026-03-10T22:00:00.000Z'); // 23:00 in Berlin
    const noon = new Date('2026-03-10T11:00:00.000Z');
    expect(isQuietNow(terms('office'), night)).toBe(true);
    expect(isQuietNow(terms('office'), noon)).toBe(false);
    expect(isQuietNow(terms(null), night)).toBe(false);
    expect(isQuietNow(null, night)).toBe(false);
  });
});
