import type { SlaClockRow } from '@leitstand/backend/data-access';
import type { EntityManager } from 'typeorm';
import {
  SLA_TIMER_CLOCK_COLUMNS,
  armSlaTimers,
  needsNewTimers,
  toTimerClock,
  type SlaTimerClock,
  type SlaTimerClockRow,
} from './sla-timers';

/** The clock rows of one ticket. */
export interface TicketClocks {
  ticketId: string;
  tenantId: string;
  rows: readonly SlaClockRow[];
}

const round3 = (n: number): string => (Math.round(n * 1000) / 1000).toFixed(3);

/** The written columns of ticket_sla_clocks: name, SQL type and the value of a clock row. */
const CLOCK_COLUMNS: ReadonlyArray<readonly [string, string, (t: TicketClocks, r: SlaClockRow) => unknown]> = [
  ['ticket_id', 'uuid', (t) => t.ticketId],
  ['clock', 'text', (_, r) => r.clock],
  ['tenant_id', 'uuid', (t) => t.tenantId],
  ['priority', 'text', (_, r) => r.priority],
  ['budget', 'jsonb', (_, r) => JSON.stringify(r.budget)],
  ['budget_minutes', 'numeric', (_, r) => round3(r.budgetMinutes)],
  ['calendar_key', 'text', (_, r) => r.calendarKey],
  ['warning_share', 'numeric', (_, r) => r.warningShare.toFixed(3)],
  ['state', 'text', (_, r) => r.state],
  ['started_at', 'timestamptz', (_, r) => r.startedAt],
  ['stopped_at', 'timestamptz', (_, r) => r.stoppedAt],
  ['deadline', 'timestamptz', (_, r) => r.deadline],
  ['warning_at', 'timestamptz', (_, r) => r.warningAt],
  ['used_minutes', 'numeric', (_, r) => round3(r.usedMinutes)],
  ['breach_minutes', 'numeric', (_, r) => (r.breachMinutes === null ? null : round3(r.breachMinutes))],
  ['late_ms', 'bigint', (_, r) => r.lateMs],
];

/**
 * The written columns for `INSERT INTO ticket_sla_clocks (names…, updated_at) SELECT …, clock_timestamp()
 * FROM unnest($n::type[], …)`: one bind parameter per column whatever the number of tickets.
 */
export const SLA_CLOCK_COLUMNS = {
  names: CLOCK_COLUMNS.map(([name]) => name),
  types: CLOCK_COLUMNS.map(([, type]) => type),
} as const;

/** The clock rows of `tickets` as one array per column of SLA_CLOCK_COLUMNS. */
export function slaClockColumnArrays(tickets: readonly TicketClocks[]): unknown[][] {
  return CLOCK_COLUMNS.map(([, , value]) => tickets.flatMap((t) => t.rows.map((r) => value(t, r))));
}

/**
 * The INSERT … ON CONFLICT statement writing the clock rows of `tickets` (a single ticket is a batch
 * of one). timer_version grows whenever a stored deadline or warning instant moves (timer job ids
 * change); a clock that starts a new cycle (restart) forgets its recorded warning and breach.
 */
export function slaClockUpsert(tickets: readonly TicketClocks[]): { sql: string; params: unknown[] } {
  const columns = SLA_CLOCK_COLUMNS.types.map((type, i) => `$${i + 1}::${type}[]`).join(', ');
  return {
    sql: `INSERT INTO ticket_sla_clocks AS c (${SLA_CLOCK_COLUMNS.names.join(', ')}, updated_at)
      SELECT u.*, clock_timestamp() FROM unnest(${columns}) AS u
      ON CONFLICT (ticket_id, clock) DO UPDATE SET
      priority = EXCLUDED.priority, budget = EXCLUDED.budget, budget_minutes = EXCLUDED.budget_minutes,
      calendar_key = EXCLUDED.calendar_key, warning_share = EXCLUDED.warning_share, state = EXCLUDED.state,
      started_at = EXCLUDED.started_at, stopped_at = EXCLUDED.stopped_at, deadline = EXCLUDED.deadline,
      warning_at = EXCLUDED.warning_at, used_minutes = EXCLUDED.used_minutes, breach_minutes = EXCLUDED.breach_minutes,
      late_ms = EXCLUDED.late_ms, updated_at = EXCLUDED.updated_at,
      warned_at = CASE WHEN c.started_at IS DISTINCT FROM EXCLUDED.started_at THEN NULL ELSE c.warned_at END,
      breached_at = CASE WHEN c.started_at IS DISTINCT FROM EXCLUDED.started_at THEN NULL ELSE c.breached_at END,
      timer_version = c.timer_version + CASE WHEN c.deadline IS DISTINCT FROM EXCLUDED.deadline
        OR c.warning_at IS DISTINCT FROM EXCLUDED.warning_at THEN 1 ELSE 0 END`,
    params: slaClockColumnArrays(tickets),
  };
}

/**
 * Writes the clock rows of `tickets` (three statements whatever their number: the prior timer state,
 * the upsert, and the timers) and arms, through the outbox in the caller's transaction, the timers of
 * every clock whose deadline or warning instant moved or whose state changed. Returns the clock rows
 * as stored now (timer columns).
 */
export async function writeSlaClocks(
  manager: EntityManager,
  tickets: readonly TicketClocks[],
): Promise<SlaTimerClockRow[]> {
  const written = tickets.filter((t) => t.rows.length > 0);
  if (written.length === 0) return [];
  const before = (await manager.query(
    `SELECT ticket_id, clock, state, timer_version FROM ticket_sla_clocks WHERE ticket_id = ANY($1::uuid[])`,
    [written.map((t) => t.ticketId)],
  )) as Array<{ ticket_id: string; clock: string; state: string; timer_version: number }>;
  const prior = new Map(before.map((b) => [`${b.ticket_id}.${b.clock}`, b]));
  const upsert = slaClockUpsert(written);
  const after = (await manager.query(
    `${upsert.sql} RETURNING ${SLA_TIMER_CLOCK_COLUMNS}`,
    upsert.params,
  )) as SlaTimerClockRow[];
  const changed: SlaTimerClock[] = [];
  for (const row of after) {
    const clock = toTimerClock(row);
    const b = prior.get(`${row.ticket_id}.${row.clock}`);
    if (needsNewTimers(b && { state: b.state, timerVersion: b.timer_version }, clock)) changed.push(clock);
  }
  if (changed.length > 0) await armSlaTimers(manager, changed);
  return after;
}
