import type { EntityManager } from 'typeorm';
import { toSummaries, type TicketRow } from './ticket-views';

const T0 = new Date('2026-11-20T08:00:00.000Z');

function row(id: string, status: TicketRow['status']): TicketRow {
  return {
    id,
    number: `2026-00000${id}`,
    tenant_id: 'tenant-a',
    site_id: 'site-1',
    site_name: 'Werk Nord',
    site_state: 'DE-BY',
    site_timezone: 'Europe/Berlin',
    asset_id: null,
    asset_name: null,
    asset_class: null,
    contract_id: 'contract-1',
    title: `Ticket ${id}`,
    description: null,
    category: null,
    priority: 'A',
    priority_reason: null,
    status,
    paused_from: status === 'paused' ? 'on_site' : null,
    channel: 'phone',
    reporter: null,
    fault_began_at: T0,
    asset_down: false,
    in_scope: true,
    scope_note: null,
    assignee_id: null,
    next_deadline: null,
    at_risk: false,
    breached: false,
    restored_at: null,
    closed_at: null,
    created_at: T0,
    updated_at: T0,
    version: 1,
  };
}

function clockRow(ticketId: string, clock: 'response' | 'restore', state: string) {
  return {
    ticket_id: ticketId,
    clock,
    state,
    priority: 'A',
    budget_minutes: '60.000',
    used_minutes: '12.500',
    deadline: new Date('2026-11-20T09:00:00.000Z'),
    warning_at: new Date('2026-11-20T08:45:00.000Z'),
    breach_minutes: null,
    late_ms: null,
    calendar_key: '24-7',
  };
}

/** Records every statement and answers from the rows given per table. */
function recordingManager(answers: { clocks: unknown[]; pauses: unknown[] }) {
  const statements: Array<{ sql: string; params: unknown[] }> = [];
  const manager = {
    query: (sql: string, params: unknown[] = []) => {
      statements.push({ sql, params });
      if (sql.includes('FROM ticket_sla_clocks')) return Promise.resolve(answers.clocks);
      if (sql.includes('FROM ticket_events')) return Promise.resolve(answers.pauses);
      return Promise.reject(new Error(`unexpected statement: ${sql}`));
    },
  } as unknown as EntityManager;
  return { manager, statements };
}

describe('toSummaries (a page of the queue)', () => {
  it('loads the clocks of the whole page in one statement and the pauses of its paused tickets in another', async () => {
    const rows = [row('1', 'new'), row('2', 'paused'), row('3', 'accepted'), row('4', 'paused')];
    const { manager, statements } = recordingManager({
      clocks: [
        clockRow('1', 'response', 'running'),
        clockRow('1', 'restore', 'running'),
        clockRow('2', 'response', 'paused'),
        clockRow('2', 'restore', 'paused'),
        clockRow('3', 'response', 'met'),
        clockRow('3', 'restore', 'running'),
      ],
      pauses: [
        { ticket_id: '2', reason: 'Ersatzteil bestellt', until: '2026-11-22T08:00:00.000Z' },
        { ticket_id: '4', reason: 'Kunde nicht erreichbar', until: null },
      ],
    });

    const items = await toSummaries(manager, rows);

    expect(statements).toHaveLength(2);
    const clocks = statements.find((s) => s.sql.includes('ticket_sla_clocks'));
    expect(clocks?.sql).toContain('ticket_id = ANY($1::uuid[])');
    expect(clocks?.params).toEqual([['1', '2', '3', '4']]);
    const pauses = statements.find((s) => s.sql.includes('ticket_events'));
    expect(pauses?.sql).toContain("type = 'paused'");
    expect(pauses?.params).toEqual([['2', '4']]);

    expect(items.map((t) => t.id)).toEqual(['1', '2', '3', '4']);
    expect(items[0]?.clocks.map((c) => [c.clock, c.state])).toEqual([
      ['response', 'running'],
      ['restore', 'running'],
    ]);
    expect(items[0]?.clocks[0]).toMatchObject({
      budgetMinutes: 60,
      usedMinutes: 12.5,
      remainingMinutes: 47.5,
      deadline: '2026-11-20T09:00:00.000Z',
      warningAt: '2026-11-20T08:45:00.000Z',
    });
    expect(items[2]?.clocks.map((c) => c.state)).toEqual(['met', 'running']);
    expect(items[3]?.clocks).toEqual([]);
    expect(items.map((t) => [t.pauseReason, t.pausedUntil])).toEqual([
      [null, null],
      ['Ersatzteil bestellt', '2026-11-22T08:00:00.000Z'],
      [null, null],
      ['Kunde nicht erreichbar', null],
    ]);
  });

  it('asks nothing about pauses when no ticket on the page is paused, and nothing at all for an empty page', async () => {
    const some = recordingManager({ clocks: [], pauses: [] });
    const items = await toSummaries(some.manager, [row('1', 'new'), row('2', 'restored')]);
    expect(some.statements).toHaveLength(1);
    expect(items.map((t) => [t.clocks, t.pauseReason, t.pausedUntil])).toEqual([
      [[], null, null],
      [[], null, null],
    ]);

    const none = recordingManager({ clocks: [], pauses: [] });
    expect(await toSummaries(none.manager, [])).toEqual([]);
    expect(none.statements).toHaveLength(0);
  });
});
