import type { DataSource } from 'typeorm';
import { Redis } from 'ioredis';
import { createContract, createTenantWorld } from './ticket-test-world';

/**
 * Armed SLA clocks written straight in SQL, fast enough for 100,000: per ticket a 'created' event
 * (priority A) and the two clock rows exactly as the projection computes them on the 24/7 contract of
 * ticket-test-world (response 15 min, restore 60 min, warning at 75 %) — so a timer handler that
 * re-projects the ticket finds the same deadlines and versions. The response warning is marked as
 * already recorded (unless `warnResponse`), so each ticket has exactly one timer that falls due soon: the
 * response breach at its deadline (+ 1 ms); the restore clock's timers are 30+ minutes later.
 */
export interface SlaWorld {
  tenantId: string;
  siteId: string;
  contractId: string;
}

export async function createSlaWorld(ds: DataSource): Promise<SlaWorld> {
  const w = await createTenantWorld(ds, { contract: false });
  const contractId = await createContract(ds, w.tenantId, [w.siteId]);
  return { tenantId: w.tenantId, siteId: w.siteId, contractId };
}

const RESPONSE_MS = 15 * 60_000;
const RESTORE_MS = 60 * 60_000;

/**
 * Inserts `n` tickets whose response deadlines are `firstDeadline + i * stepMs` (i = 0…n−1).
 * `viaOutbox`: also writes the outbox rows of their timers (as intake does); otherwise only
 * reconciliation can arm them. Returns the ticket ids in order.
 */
export async function armTickets(
  ds: DataSource,
  world: SlaWorld,
  a: { n: number; firstDeadline: Date; stepMs: number; viaOutbox: boolean; tag: string; warnResponse?: boolean },
): Promise<string[]> {
  const ids: string[] = [];
  const BATCH = 5_000;
  for (let from = 0; from < a.n; from += BATCH) {
    const size = Math.min(BATCH, a.n - from);
    const rows = (await ds.query(
      `WITH g AS (
         SELECT i, gen_random_uuid() AS id,
                $4::timestamptz + (i * $5::bigint) * interval '1 millisecond' - interval '${RESPONSE_MS} milliseconds' AS created
           FROM generate_series($6::int, $6::int + $7::int - 1) AS i
       ), t AS (
         INSERT INTO tickets (id, number, tenant_id, site_id, contract_id, title, priority, status, channel,
                              fault_began_at, next_deadline, created_at, updated_at, version)
         SELECT id, $8 || '-' || i, $1::uuid, $2::uuid, $3::uuid, 'SLA timer ' || i, 'A', 'new', 'phone',
                created, created + interval '${RESPONSE_MS} milliseconds', created, created, 1
           FROM g RETURNING id
       ), e AS (
         INSERT INTO ticket_events (ticket_id, type, actor, occurred_at, payload)
         SELECT g.id, 'created', 'test', g.created, '{"priority":"A"}'::jsonb FROM g JOIN t ON t.id = g.id
       ), c AS (
         INSERT INTO ticket_sla_clocks (ticket_id, clock, tenant_id, priority, budget, budget_minutes, calendar_key,
             warning_share, state, started_at, deadline, warning_at, used_minutes, warned_at, timer_version)
         SELECT g.id, k.clock, $1::uuid, 'A', jsonb_build_object('kind', 'minutes', 'minutes', k.ms / 60000),
                k.ms / 60000.0, '24-7', 0.75, 'running', g.created,
                g.created + k.ms * interval '1 millisecond', g.created + (k.ms * 3 / 4) * interval '1 millisecond', 0,
                CASE WHEN k.clock = 'response' AND NOT $10::boolean THEN g.created + (k.ms * 3 / 4) * interval '1 millisecond' END, 0
           FROM g JOIN t ON t.id = g.id
          CROSS JOIN (VALUES ('response', ${RESPONSE_MS}::bigint), ('restore', ${RESTORE_MS}::bigint)) AS k(clock, ms)
       ), o AS (
         INSERT INTO outbox_messages (job_name, payload, run_at)
         SELECT j.name, jsonb_build_object('ticketId', g.id, 'clock', j.clock, 'timerVersion', 0),
                g.created + j.ms * interval '1 millisecond'
           FROM g JOIN t ON t.id = g.id
          CROSS JOIN (VALUES ('sla.warning', 'response', ${(RESPONSE_MS * 3) / 4}::bigint),
                             ('sla.breach', 'response', ${RESPONSE_MS + 1}::bigint),
                             ('sla.warning', 'restore', ${(RESTORE_MS * 3) / 4}::bigint),
                             ('sla.breach', 'restore', ${RESTORE_MS + 1}::bigint)) AS j(name, clock, ms)
          WHERE $9::boolean AND (j.name = 'sla.warning') = (j.clock = 'restore' OR $10::boolean)
       )
       SELECT id FROM g ORDER BY i`,
      [
        world.tenantId,
        world.siteId,
        world.contractId,
        a.firstDeadline,
        a.stepMs,
        from,
        size,
        a.tag,
        a.viaOutbox,
        a.warnResponse ?? false,
      ],
    )) as Array<{ id: string }>;
    ids.push(...rows.map((r) => r.id));
  }
  if (a.viaOutbox) await ds.query(`SELECT pg_notify('leitstand_outbox', '')`);
  return ids;
}

/**
 * Timers each armed ticket has: one per clock, its next (the response breach — its warning counts as
 * recorded — and the restore warning; the restore breach follows once that warning fires).
 */
export const TIMERS_PER_TICKET = 2;

/** The 'sla_breached' events of `ids`: how many, for how many tickets, and the most for one ticket. */
export async function breachesOf(
  ds: DataSource,
  ids: readonly string[],
): Promise<{ events: number; tickets: number; max: number }> {
  const [row] = (await ds.query(
    `SELECT count(*)::int AS events, count(DISTINCT ticket_id)::int AS tickets,
            COALESCE(max(n), 0)::int AS max
       FROM (SELECT ticket_id, count(*) OVER (PARTITION BY ticket_id) AS n FROM ticket_events
              WHERE type = 'sla_breached' AND ticket_id = ANY($1::uuid[])) x`,
    [ids],
  )) as Array<{ events: number; tickets: number; max: number }>;
  return { events: row?.events ?? 0, tickets: row?.tickets ?? 0, max: row?.max ?? 0 };
}

export async function countEvents(ds: DataSource, type: string): Promise<{ events: number; tickets: number }> {
  const [row] = (await ds.query(
    `SELECT count(*)::int AS events, count(DISTINCT ticket_id)::int AS tickets FROM ticket_events WHERE type = $1`,
    [type],
  )) as Array<{ events: number; tickets: number }>;
  return { events: row?.events ?? 0, tickets: row?.tickets ?? 0 };
}

/** Ids of the sla-timers jobs Redis holds in `state` ('delayed' is a sorted set, the rest lists). */
export async function timerJobIds(redisUrl: string, prefix: string, state = 'delayed'): Promise<string[]> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const key = `${prefix}:sla-timers:${state}`;
    return state === 'delayed' || state === 'prioritized'
      ? await redis.zrange(key, 0, -1)
      : await redis.lrange(key, 0, -1);
  } finally {
    redis.disconnect();
  }
}
