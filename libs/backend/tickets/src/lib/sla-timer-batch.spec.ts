import { BusinessCalendar, buildSlaMatrix, type SlaMatrixSpec } from '@leitstand/domain';
import { SLA_CLOCK_COLUMNS, slaClockUpsert } from './sla-clock.writer';
import { slaEventsFromLog } from './sla-event-log';
import { computeTicketSla, type ContractEntity, type ContractTerms } from '@leitstand/backend/data-access';
import { isQuietNow } from './sla-timer.service';

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

describe('slaClockUpsert', () => {
  it('binds one array per written column, an entry per clock row, whatever the number of tickets', () => {
    const t0 = new Date('2026-03-10T08:00:00.000Z');
    const p = computeTicketSla(
      terms(null),
      slaEventsFromLog([{ type: 'created', occurredAt: t0, payload: { priority: 'A' } }]),
      t0,
    );
    const one = slaClockUpsert([{ ticketId: 't1', tenantId: 'n1', rows: p.clocks }]);
    const many = slaClockUpsert([
      { ticketId: 't1', tenantId: 'n1', rows: p.clocks },
      { ticketId: 't2', tenantId: 'n2', rows: p.clocks },
    ]);
    // constant statement text: a single ticket is a batch of one
    expect(many.sql).toBe(one.sql);
    const columns = many.params as unknown[][];
    expect(columns).toHaveLength(SLA_CLOCK_COLUMNS.names.length);
    expect(SLA_CLOCK_COLUMNS.types).toHaveLength(SLA_CLOCK_COLUMNS.names.length);
    expect(many.sql).toContain(`$${SLA_CLOCK_COLUMNS.names.length}::bigint[]`);
    const column = (name: string): unknown[] => columns[SLA_CLOCK_COLUMNS.names.indexOf(name)] as unknown[];
    expect(column('ticket_id')).toEqual(['t1', 't1', 't2', 't2']);
    expect(column('tenant_id')).toEqual(['n1', 'n1', 'n2', 'n2']);
    expect(column('clock')).toEqual(['response', 'restore', 'response', 'restore']);
    expect(column('budget_minutes')).toEqual(['60.000', '60.000', '60.000', '60.000']);
    expect(column('warning_share')).toEqual(['0.750', '0.750', '0.750', '0.750']);
    expect(column('deadline')).toEqual([...Array(4)].map(() => new Date('2026-03-10T09:00:00.000Z')));
    (one.params as unknown[][]).forEach((values, i) => expect((columns[i] as unknown[]).slice(0, 2)).toEqual(values));
    expect(many.sql).toContain('ON CONFLICT (ticket_id, clock) DO UPDATE');
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
