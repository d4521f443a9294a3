import { NO_SLA, computeTicketSla, type ContractTerms, type TicketSlaProjection } from '@leitstand/backend/data-access';
import type { EntityManager } from 'typeorm';
import type { ContractTermsCache } from './contract-terms.cache';
import { writeSlaClocks } from './sla-clock.writer';
import { readSlaEvents } from './sla-event-log';
import type { SlaTimerClockRow } from './sla-timers';

/**
 * The SLA projection of a ticket: its two clocks (response, restore) computed with @leitstand/domain
 * from the append-only event log (sla-event-log) and the contract's SLA matrix (contract-terms.cache),
 * stored in ticket_sla_clocks (sla-clock.writer), plus the ticket's queue columns (next_deadline,
 * at_risk, breached). Every ticket action projects one ticket, the worker's SLA timers a batch; both
 * go through projectLockedTickets with a fixed number of statements.
 */

/** A ticket whose row lock the caller holds, with its contract terms (null: no clocks). */
export interface LockedTicketTerms {
  ticketId: string;
  tenantId: string;
  terms: ContractTerms | null;
}

/**
 * Recomputes the SLA clocks of `tickets` from their event logs at `now` and stores them: clock rows
 * and their timers (writeSlaClocks), and the queue columns (tickets.next_deadline / at_risk / breached;
 * `breached` never goes back to false) in one update. At most five statements whatever the number of
 * tickets. Call inside the transaction that holds the tickets' row locks. Does not bump a ticket's
 * version: the caller does, with its own change.
 */
export async function projectLockedTickets(
  manager: EntityManager,
  tickets: readonly LockedTicketTerms[],
  now: Date,
): Promise<{ projections: Map<string, TicketSlaProjection>; clocks: SlaTimerClockRow[] }> {
  const projections = new Map<string, TicketSlaProjection>();
  if (tickets.length === 0) return { projections, clocks: [] };
  const withTerms = tickets.filter((t) => t.terms !== null);
  const events = await readSlaEvents(
    manager,
    withTerms.map((t) => t.ticketId),
  );
  for (const t of tickets) {
    projections.set(t.ticketId, t.terms ? computeTicketSla(t.terms, events.get(t.ticketId) ?? [], now) : NO_SLA);
  }
  const clocks = await writeSlaClocks(
    manager,
    tickets.map((t) => ({
      ticketId: t.ticketId,
      tenantId: t.tenantId,
      rows: projections.get(t.ticketId)?.clocks ?? [],
    })),
  );
  const projected = [...projections.entries()];
  await manager.query(
    `UPDATE tickets t SET next_deadline = u.next_deadline, at_risk = u.at_risk, breached = t.breached OR u.breached
       FROM unnest($1::uuid[], $2::timestamptz[], $3::boolean[], $4::boolean[]) AS u(id, next_deadline, at_risk, breached)
      WHERE t.id = u.id`,
    [
      projected.map(([id]) => id),
      projected.map(([, p]) => p.nextDeadline),
      projected.map(([, p]) => p.atRisk),
      projected.map(([, p]) => p.breached),
    ],
  );
  return { projections, clocks };
}

/** projectLockedTickets for one ticket (a ticket action). */
export async function projectSlaClocks(
  manager: EntityManager,
  a: { ticketId: string; tenantId: string; terms: ContractTerms | null; now: Date },
): Promise<TicketSlaProjection> {
  const { projections } = await projectLockedTickets(manager, [a], a.now);
  return projections.get(a.ticketId) ?? NO_SLA;
}

/** A ticket locked and re-projected by lockAndProjectTicketSlaBatch. */
export interface LockedTicketSlaBatchEntry {
  ticketId: string;
  tenantId: string;
  number: string;
  title: string;
  priority: string;
  terms: ContractTerms | null;
  projection: TicketSlaProjection;
  /** The clock rows as stored now (timer columns). */
  clocks: SlaTimerClockRow[];
}

/**
 * For the worker's SLA timers: locks the tickets `ticketIds` in id order (no deadlocks between
 * batches), reads their contract terms (one statement at most, for contracts not cached at the
 * version read with the tickets) and re-projects them at `now` (projectLockedTickets). Tickets that do
 * not exist are missing from the answer.
 */
export async function lockAndProjectTicketSlaBatch(
  manager: EntityManager,
  ticketIds: readonly string[],
  now: Date,
  cache: ContractTermsCache,
): Promise<Map<string, LockedTicketSlaBatchEntry>> {
  const ids = [...new Set(ticketIds)].sort();
  const result = new Map<string, LockedTicketSlaBatchEntry>();
  if (ids.length === 0) return result;
  const tickets = (await manager.query(
    `SELECT t.id, t.tenant_id, t.contract_id, c.version AS contract_version, t.number, t.title, t.priority,
            s.id AS site_id, s.state, s.timezone
       FROM tickets t JOIN sites s ON s.id = t.site_id LEFT JOIN contracts c ON c.id = t.contract_id
      WHERE t.id = ANY($1::uuid[]) ORDER BY t.id FOR UPDATE OF t`,
    [ids],
  )) as Array<{
    id: string;
    tenant_id: string;
    contract_id: string | null;
    contract_version: number | null;
    number: string;
    title: string;
    priority: string;
    site_id: string;
    state: string;
    timezone: string;
  }>;
  if (tickets.length === 0) return result;
  const terms = await cache.loadMany(
    manager,
    tickets.map((t) => ({
      contractId: t.contract_id,
      contractVersion: t.contract_version,
      site: { id: t.site_id, state: t.state, timezone: t.timezone },
    })),
  );
  const { projections, clocks } = await projectLockedTickets(
    manager,
    tickets.map((t, i) => ({ ticketId: t.id, tenantId: t.tenant_id, terms: terms[i] ?? null })),
    now,
  );
  tickets.forEach((t, i) => {
    result.set(t.id, {
      ticketId: t.id,
      tenantId: t.tenant_id,
      number: t.number,
      title: t.title,
      priority: t.priority,
      terms: terms[i] ?? null,
      projection: projections.get(t.id) ?? NO_SLA,
      clocks: [],
    });
  });
  for (const row of clocks) result.get(row.ticket_id)?.clocks.push(row);
  return result;
}
