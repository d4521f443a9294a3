import { computeSlaClocks, type ClockKind, type Priority, type SlaClockState, type SlaEvent } from '@leitstand/domain';
import {
  ContractEntity,
  contractTermsForSite,
  type ContractTerms,
  type SiteEntity,
} from '@leitstand/backend/data-access';
import type { EntityManager } from 'typeorm';
import {
  SLA_TIMER_CLOCK_COLUMNS,
  armSlaTimers,
  needsNewTimers,
  toTimerClock,
  type SlaTimerClockRow,
} from './sla-timers';

/**
 * The SLA projection of a ticket: its two clocks (response, restore) computed with @leitstand/domain
 * from the append-only event log and the contract's SLA matrix, stored in ticket_sla_clocks, plus the
 * ticket's queue columns (next_deadline, at_risk, breached). One function, used by every ticket action
 * and (issue 6) by the worker's SLA timers.
 */

/** Event types that move SLA clocks; everything else in the log is ignored by the projection. */
export const SLA_EVENT_TYPES = [
  'created',
  'priority_changed',
  'paused',
  'resumed',
  'accepted',
  'restored',
  'reopened',
] as const;

export interface TicketEventRow {
  type: string;
  occurredAt: Date;
  payload: Record<string, unknown>;
}

/** Maps event log rows onto the domain's SlaEvent union (unknown types dropped). */
export function slaEventsFromLog(rows: readonly TicketEventRow[]): SlaEvent[] {
  const events: SlaEvent[] = [];
  for (const row of rows) {
    const at = row.occurredAt;
    switch (row.type) {
      case 'created':
      case 'priority_changed': {
        const priority = row.payload['priority'];
        if (priority === 'A' || priority === 'B' || priority === 'C') events.push({ type: row.type, at, priority });
        break;
      }
      case 'paused':
      case 'resumed':
      case 'accepted':
      case 'restored':
      case 'reopened':
        events.push({ type: row.type, at });
        break;
      default:
        break;
    }
  }
  return events;
}

/** One row of ticket_sla_clocks as written by the projection. */
export interface SlaClockRow {
  clock: ClockKind;
  priority: Priority;
  budget: Record<string, unknown>;
  budgetMinutes: number;
  calendarKey: string;
  warningShare: number;
  state: SlaClockState['state'];
  startedAt: Date;
  stoppedAt: Date | null;
  deadline: Date | null;
  warningAt: Date | null;
  usedMinutes: number;
  remainingMinutes: number;
  breachMinutes: number | null;
  lateMs: number | null;
}

export interface TicketSlaProjection {
  clocks: SlaClockRow[];
  /** Nearest deadline of a clock that still counts (running, or breached and not yet stopped). */
  nextDeadline: Date | null;
  /** A running clock passed its warning instant at `now`. */
  atRisk: boolean;
  /** A clock is breached. */
  breached: boolean;
}

export const NO_SLA: TicketSlaProjection = Object.freeze({
  clocks: [],
  nextDeadline: null,
  atRisk: false,
  breached: false,
}) as TicketSlaProjection;

interface StoredTarget {
  budget?: Record<string, unknown>;
  calendar?: string;
  warningShare?: number;
}

/** Pure: the clocks of a ticket from its SLA events under `terms` at `now`. */
export function computeTicketSla(terms: ContractTerms, events: readonly SlaEvent[], now: Date): TicketSlaProjection {
  if (!events.some((e) => e.type === 'created')) return NO_SLA;
  const clocks = computeSlaClocks({ events, matrix: terms.slaMatrix, now });
  const spec = terms.contract.slaMatrix as Record<string, Record<string, StoredTarget> | undefined>;
  const rows: SlaClockRow[] = (['response', 'restore'] as const).map((kind) => {
    const c = clocks[kind];
    const stored = spec[c.priority]?.[kind] ?? {};
    const target = terms.slaMatrix[c.priority][kind];
    return {
      clock: kind,
      priority: c.priority,
      budget: stored.budget ?? { ...c.budget },
      budgetMinutes: c.budgetMinutes,
      calendarKey: stored.calendar ?? '',
      warningShare: target.warningShare,
      state: c.state,
      startedAt: c.startedAt,
      stoppedAt: c.stoppedAt,
      deadline: c.deadline,
      warningAt: c.warningAt,
      usedMinutes: c.usedMinutes,
      remainingMinutes: c.remainingMinutes,
      breachMinutes: c.breach ? c.breach.businessMinutes : null,
      lateMs: c.breach ? Math.round(c.breach.lateMs) : null,
    };
  });
  let nextDeadline: Date | null = null;
  for (const r of rows) {
    const counting = r.stoppedAt === null && (r.state === 'running' || r.state === 'breached');
    if (counting && r.deadline && (nextDeadline === null || r.deadline < nextDeadline)) nextDeadline = r.deadline;
  }
  return {
    clocks: rows,
    nextDeadline,
    atRisk: rows.some((r) => r.state === 'running' && clocks[r.clock].warned),
    breached: rows.some((r) => r.state === 'breached'),
  };
}

const round3 = (n: number): string => (Math.round(n * 1000) / 1000).toFixed(3);

const SLA_CLOCK_INSERT = `INSERT INTO ticket_sla_clocks AS c (ticket_id, clock, tenant_id, priority, budget, budget_minutes,
      calendar_key, warning_share, state, started_at, stopped_at, deadline, warning_at, used_minutes, breach_minutes, late_ms,
      updated_at)`;
const SLA_CLOCK_ON_CONFLICT = `ON CONFLICT (ticket_id, clock) DO UPDATE SET
      priority = EXCLUDED.priority, budget = EXCLUDED.budget, budget_minutes = EXCLUDED.budget_minutes,
      calendar_key = EXCLUDED.calendar_key, warning_share = EXCLUDED.warning_share, state = EXCLUDED.state,
      started_at = EXCLUDED.started_at, stopped_at = EXCLUDED.stopped_at, deadline = EXCLUDED.deadline,
      warning_at = EXCLUDED.warning_at, used_minutes = EXCLUDED.used_minutes, breach_minutes = EXCLUDED.breach_minutes,
      late_ms = EXCLUDED.late_ms, updated_at = EXCLUDED.updated_at,
      warned_at = CASE WHEN c.started_at IS DISTINCT FROM EXCLUDED.started_at THEN NULL ELSE c.warned_at END,
      breached_at = CASE WHEN c.started_at IS DISTINCT FROM EXCLUDED.started_at THEN NULL ELSE c.breached_at END,
      timer_version = c.timer_version + CASE WHEN c.deadline IS DISTINCT FROM EXCLUDED.deadline
        OR c.warning_at IS DISTINCT FROM EXCLUDED.warning_at THEN 1 ELSE 0 END`;

/**
 * Clock rows as column arrays for `INSERT INTO ticket_sla_clocks (SLA_CLOCK_COLUMNS.names, updated_at)
 * SELECT …, clock_timestamp() FROM unnest(…)`: one bind parameter per column whatever the batch size (the
 * group-committed intake, slaClockUpsertMany). Same columns and rounding as slaClockUpsert.
 */
export const SLA_CLOCK_COLUMNS = {
  names: [
    'ticket_id',
    'clock',
    'tenant_id',
    'priority',
    'budget',
    'budget_minutes',
    'calendar_key',
    'warning_share',
    'state',
    'started_at',
    'stopped_at',
    'deadline',
    'warning_at',
    'used_minutes',
    'breach_minutes',
    'late_ms',
  ],
  types: [
    'uuid',
    'text',
    'uuid',
    'text',
    'jsonb',
    'numeric',
    'text',
    'numeric',
    'text',
    'timestamptz',
    'timestamptz',
    'timestamptz',
    'timestamptz',
    'numeric',
    'numeric',
    'bigint',
  ],
} as const;

export function slaClockColumnArrays(
  entries: ReadonlyArray<{ ticketId: string; tenantId: string; rows: readonly SlaClockRow[] }>,
): unknown[][] {
  const columns: unknown[][] = Array.from({ length: 16 }, () => []);
  for (const e of entries) {
    for (const r of e.rows) {
      const values = [
        e.ticketId,
        r.clock,
        e.tenantId,
        r.priority,
        JSON.stringify(r.budget),
        round3(r.budgetMinutes),
        r.calendarKey,
        r.warningShare.toFixed(3),
        r.state,
        r.startedAt,
        r.stoppedAt,
        r.deadline,
        r.warningAt,
        round3(r.usedMinutes),
        r.breachMinutes === null ? null : round3(r.breachMinutes),
        r.lateMs,
      ];
      values.forEach((v, i) => (columns[i] as unknown[]).push(v));
    }
  }
  return columns;
}

/**
 * slaClockUpsert for the clocks of many tickets in one statement (the SLA timers' batches): one bind
 * parameter per column (slaClockColumnArrays), whatever the batch size.
 */
export function slaClockUpsertMany(
  entries: ReadonlyArray<{ ticketId: string; tenantId: string; rows: readonly SlaClockRow[] }>,
): {
  sql: string;
  params: unknown[];
} {
  const columns = SLA_CLOCK_COLUMNS.types.map((type, i) => `$${i + 1}::${type}[]`).join(', ');
  return {
    sql: `${SLA_CLOCK_INSERT} SELECT u.*, clock_timestamp() FROM unnest(${columns}) AS u ${SLA_CLOCK_ON_CONFLICT}`,
    params: slaClockColumnArrays(entries),
  };
}

/**
 * The INSERT … ON CONFLICT statement writing clock rows ($1 ticket, $2 tenant, then 14 per row).
 * timer_version grows whenever a stored deadline or warning instant moves (timer job ids change);
 * a clock that starts a new cycle (restart) forgets its recorded warning and breach.
 */
export function slaClockUpsert(
  ticketId: string,
  tenantId: string,
  rows: readonly SlaClockRow[],
  first = 1,
): {
  sql: string;
  params: unknown[];
} {
  const params: unknown[] = [ticketId, tenantId];
  const values: string[] = [];
  for (const r of rows) {
    const base = first + params.length - 1;
    params.push(
      r.clock,
      r.priority,
      JSON.stringify(r.budget),
      round3(r.budgetMinutes),
      r.calendarKey,
      r.warningShare.toFixed(3),
      r.state,
      r.startedAt,
      r.stoppedAt,
      r.deadline,
      r.warningAt,
      round3(r.usedMinutes),
      r.breachMinutes === null ? null : round3(r.breachMinutes),
      r.lateMs,
    );
    const p = (i: number): string => `$${base + i}`;
    values.push(
      `($${first}::uuid, ${p(1)}, $${first + 1}::uuid, ${p(2)}, ${p(3)}::jsonb, ${p(4)}::numeric, ${p(5)}, ${p(6)}::numeric, ${p(7)}, ${p(8)}::timestamptz, ${p(9)}::timestamptz, ${p(10)}::timestamptz, ${p(11)}::timestamptz, ${p(12)}::numeric, ${p(13)}::numeric, ${p(14)}::bigint, clock_timestamp())`,
    );
  }
  const sql = `${SLA_CLOCK_INSERT} VALUES ${values.join(', ')} ${SLA_CLOCK_ON_CONFLICT}`;
  return { sql, params };
}

/** Stores `value` under `key`, making room by dropping the oldest entry when `map` holds `capacity`. */
function remember<V>(map: Map<string, V>, key: string, value: V, capacity: number): void {
  if (map.size >= capacity) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
  map.set(key, value);
}

/**
 * Contract terms (domain calendars and SLA matrix) per contract and site version. Building calendars
 * is not free and tickets of one site share them; a changed contract or site has a new version.
 */
export class ContractTermsCache {
  private readonly entries = new Map<string, ContractTerms>();
  private readonly contracts = new Map<string, ContractEntity>();

  constructor(private readonly capacity = 500) {}

  termsFor(contract: ContractEntity, site: Pick<SiteEntity, 'id' | 'state' | 'timezone'>): ContractTerms {
    const key = `${contract.id}:${contract.version}:${site.id}:${site.state}:${site.timezone}`;
    const hit = this.entries.get(key);
    if (hit) return hit;
    const terms = contractTermsForSite(contract, site);
    remember(this.entries, key, terms, this.capacity);
    return terms;
  }

  /**
   * The contract `contractId` as stored at `version` (a contract's version grows with every change, so
   * an entry never goes stale: a newer version is read afresh). Null when it is gone.
   */
  async contract(manager: EntityManager, contractId: string, version: number): Promise<ContractEntity | null> {
    const key = `${contractId}:${version}`;
    const hit = this.contracts.get(key);
    if (hit) return hit;
    const contract = await manager.getRepository(ContractEntity).findOne({ where: { id: contractId } });
    if (!contract) return null;
    remember(this.contracts, `${contract.id}:${contract.version}`, contract, this.capacity);
    return contract;
  }

  /** The terms of `contractId` at `site`, or null without a contract. */
  async load(
    manager: EntityManager,
    contractId: string | null,
    site: Pick<SiteEntity, 'id' | 'state' | 'timezone'>,
  ): Promise<ContractTerms | null> {
    if (!contractId) return null;
    const contract = await manager.getRepository(ContractEntity).findOne({ where: { id: contractId } });
    return contract ? this.termsFor(contract, site) : null;
  }
}

/**
 * Recomputes a ticket's SLA clocks from its event log at `now` and stores them (ticket_sla_clocks rows,
 * tickets.next_deadline / at_risk / breached; `breached` never goes back to false). Call inside the
 * transaction that holds the ticket row lock (SELECT … FOR UPDATE). Without contract terms the
 * ticket has no clocks. Does not bump the ticket's version: the caller does, with its own change.
 */
export async function projectSlaClocks(
  manager: EntityManager,
  a: { ticketId: string; tenantId: string; terms: ContractTerms | null; now: Date },
): Promise<TicketSlaProjection> {
  let projection = NO_SLA;
  if (a.terms) {
    const rows = (await manager.query(
      `SELECT type, occurred_at AS "occurredAt", payload FROM ticket_events
        WHERE ticket_id = $1 AND type = ANY($2::text[]) ORDER BY occurred_at, id`,
      [a.ticketId, SLA_EVENT_TYPES],
    )) as TicketEventRow[];
    projection = computeTicketSla(a.terms, slaEventsFromLog(rows), a.now);
    if (projection.clocks.length > 0) {
      const before = (await manager.query(
        `SELECT clock, state, timer_version FROM ticket_sla_clocks WHERE ticket_id = $1`,
        [a.ticketId],
      )) as Array<{ clock: string; state: string; timer_version: number }>;
      const upsert = slaClockUpsert(a.ticketId, a.tenantId, projection.clocks);
      const after = (await manager.query(
        `${upsert.sql} RETURNING ${SLA_TIMER_CLOCK_COLUMNS}`,
        upsert.params,
      )) as SlaTimerClockRow[];
      // SLA timers (issue 6): a clock whose deadline or warning instant moved, or that changed state,
      // gets timers for its new version through the outbox, in this transaction.
      const changed = after.map(toTimerClock).filter((clock) => {
        const prior = before.find((b) => b.clock === clock.clock);
        return needsNewTimers(prior && { state: prior.state, timerVersion: prior.timer_version }, clock);
      });
      if (changed.length > 0) await armSlaTimers(manager, changed);
    }
  }
  await manager.query(`UPDATE tickets SET next_deadline = $2, at_risk = $3, breached = breached OR $4 WHERE id = $1`, [
    a.ticketId,
    projection.nextDeadline,
    projection.atRisk,
    projection.breached,
  ]);
  return projection;
}

/**
 * For the worker (issue 6): locks the ticket and re-projects its clocks at `now` with its contract's
 * terms. Returns null when the ticket does not exist.
 */
export async function refreshTicketSla(
  manager: EntityManager,
  ticketId: string,
  now: Date,
  cache: ContractTermsCache,
): Promise<TicketSlaProjection | null> {
  const locked = await lockAndProjectTicketSla(manager, ticketId, now, cache);
  return locked ? locked.projection : null;
}

export interface LockedTicketSla {
  tenantId: string;
  number: string;
  title: string;
  priority: string;
  terms: ContractTerms | null;
  projection: TicketSlaProjection;
}

/** refreshTicketSla, also answering the ticket's tenant and contract terms (the SLA timer handler needs them). */
export async function lockAndProjectTicketSla(
  manager: EntityManager,
  ticketId: string,
  now: Date,
  cache: ContractTermsCache,
): Promise<LockedTicketSla | null> {
  const [row] = (await manager.query(
    `SELECT t.id, t.tenant_id, t.contract_id, t.number, t.title, t.priority, s.id AS site_id, s.state, s.timezone
       FROM tickets t JOIN sites s ON s.id = t.site_id WHERE t.id = $1 FOR UPDATE OF t`,
    [ticketId],
  )) as Array<{
    id: string;
    tenant_id: string;
    contract_id: string | null;
    number: string;
    title: string;
    priority: string;
    site_id: string;
    state: string;
    timezone: string;
  }>;
  if (!row) return null;
  const terms = await cache.load(manager, row.contract_id, {
    id: row.site_id,
    state: row.state,
    timezone: row.timezone,
  });
  const projection = await projectSlaClocks(manager, { ticketId, tenantId: row.tenant_id, terms, now });
  return { tenantId: row.tenant_id, number: row.number, title: row.title, priority: row.priority, terms, projection };
}

/** The locked ticket and its stored clocks after a batched re-projection. */
export interface LockedTicketSlaBatchEntry extends LockedTicketSla {
  ticketId: string;
  /** The clock rows as stored now (timer columns). */
  clocks: SlaTimerClockRow[];
}

/**
 * lockAndProjectTicketSla for many tickets in one transaction with a fixed number of statements: locks
 * them in id order (no deadlocks between batches), reads their SLA events at once, projects each with
 * the domain, writes all clock rows in one upsert and all queue columns in one update, and arms
 * timers for clocks that need new ones — exactly what projectSlaClocks does per ticket.
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
    `SELECT t.id, t.tenant_id, t.contract_id, t.number, t.title, t.priority, s.id AS site_id, s.state, s.timezone
       FROM tickets t JOIN sites s ON s.id = t.site_id WHERE t.id = ANY($1::uuid[]) ORDER BY t.id FOR UPDATE OF t`,
    [ids],
  )) as Array<{
    id: string;
    tenant_id: string;
    contract_id: string | null;
    number: string;
    title: string;
    priority: string;
    site_id: string;
    state: string;
    timezone: string;
  }>;
  if (tickets.length === 0) return result;
  const lockedIds = tickets.map((t) => t.id);
  const eventRows = (await manager.query(
    `SELECT ticket_id, type, occurred_at AS "occurredAt", payload FROM ticket_events
      WHERE ticket_id = ANY($1::uuid[]) AND type = ANY($2::text[]) ORDER BY ticket_id, occurred_at, id`,
    [lockedIds, SLA_EVENT_TYPES],
  )) as Array<TicketEventRow & { ticket_id: string }>;
  const eventsOf = new Map<string, TicketEventRow[]>();
  for (const e of eventRows) {
    const list = eventsOf.get(e.ticket_id) ?? [];
    list.push(e);
    eventsOf.set(e.ticket_id, list);
  }
  const before = (await manager.query(
    `SELECT ticket_id, clock, state, timer_version FROM ticket_sla_clocks WHERE ticket_id = ANY($1::uuid[])`,
    [lockedIds],
  )) as Array<{ ticket_id: string; clock: string; state: string; timer_version: number }>;
  const upserts: Array<{ ticketId: string; tenantId: string; rows: readonly SlaClockRow[] }> = [];
  for (const t of tickets) {
    const terms = await cache.load(manager, t.contract_id, { id: t.site_id, state: t.state, timezone: t.timezone });
    const projection = terms ? computeTicketSla(terms, slaEventsFromLog(eventsOf.get(t.id) ?? []), now) : NO_SLA;
    if (projection.clocks.length > 0) upserts.push({ ticketId: t.id, tenantId: t.tenant_id, rows: projection.clocks });
    result.set(t.id, {
      ticketId: t.id,
      tenantId: t.tenant_id,
      number: t.number,
      title: t.title,
      priority: t.priority,
      terms,
      projection,
      clocks: [],
    });
  }
  if (upserts.length > 0) {
    const upsert = slaClockUpsertMany(upserts);
    const after = (await manager.query(
      `${upsert.sql} RETURNING ${SLA_TIMER_CLOCK_COLUMNS}`,
      upsert.params,
    )) as SlaTimerClockRow[];
    const changed = [];
    for (const row of after) {
      result.get(row.ticket_id)?.clocks.push(row);
      const clock = toTimerClock(row);
      const prior = before.find((b) => b.ticket_id === row.ticket_id && b.clock === row.clock);
      if (needsNewTimers(prior && { state: prior.state, timerVersion: prior.timer_version }, clock)) {
        changed.push(clock);
      }
    }
    if (changed.length > 0) await armSlaTimers(manager, changed);
  }
  const entries = [...result.values()];
  await manager.query(
    `UPDATE tickets t SET next_deadline = u.next_deadline, at_risk = u.at_risk, breached = t.breached OR u.breached
       FROM unnest($1::uuid[], $2::timestamptz[], $3::boolean[], $4::boolean[]) AS u(id, next_deadline, at_risk, breached)
      WHERE t.id = u.id`,
    [
      entries.map((e) => e.ticketId),
      entries.map((e) => e.projection.nextDeadline),
      entries.map((e) => e.projection.atRisk),
      entries.map((e) => e.projection.breached),
    ],
  );
  return result;
}
