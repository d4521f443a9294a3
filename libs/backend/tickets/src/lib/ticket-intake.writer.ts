import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { GroupCommitQueue, Metrics } from '@leitstand/backend/core';
import { enqueueManyInTransaction, type OutboxJob } from '@leitstand/backend/jobs';
import { slaClockUpsertMany, type SlaClockRow } from './sla-projection';
import { newClockTimer, slaTimerJobs } from './sla-timers';
import type { TicketRow } from './ticket-views';

/** Largest group-committed batch of new tickets (≈ 60 bind parameters each stay far below PostgreSQL's 65,535). */
export const TICKET_INTAKE_BATCH = 100;

/** A validated new ticket, ready to be written; its human number is given by the writer. */
export interface TicketIntakeRecord {
  row: Omit<TicketRow, 'number'>;
  /** Payload of the 'created' event. */
  eventPayload: Record<string, unknown>;
  /** Actor of the 'created' event (the reporting user's id). */
  actor: string;
  /** The new SLA clocks (none without a contract). */
  clocks: readonly SlaClockRow[];
  /** With an Idempotency-Key: the key's row, answered with `response(number)`. */
  idempotency: { userId: string; key: string; hash: string; response: (number: string) => unknown } | null;
}

/**
 * Writes new tickets by group commit: requests that arrive while a batch is being written share the
 * next transaction — one number allocation, one INSERT per table and one COMMIT for the whole batch —
 * instead of a transaction each. Each ticket still gets everything a single create writes, atomically:
 * its row, the 'created' event, both SLA clocks, the SLA timers and 'ticket.created' through the
 * outbox, and the Idempotency-Key row. Numbers come from the year's counter row inside the
 * transaction, so a failed batch leaves no gap. A failed batch is retried ticket by ticket
 * (GroupCommitQueue), so a bad ticket — a second request with the same Idempotency-Key, say — fails
 * alone. Idle, a ticket is written at once (a batch of one).
 */
@Injectable()
export class TicketIntakeWriter {
  private readonly queue = new GroupCommitQueue<TicketIntakeRecord, string>({
    write: (records) => this.dataSource.transaction((manager) => writeTickets(manager, records)),
    maxBatch: TICKET_INTAKE_BATCH,
    onBatch: (size) => this.metrics.groupCommitBatchSize.observe({ writer: 'ticket-intake' }, size),
  });

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Metrics) private readonly metrics: Metrics,
  ) {}

  /** Writes `record` with the next batch; resolves with its ticket number once committed. */
  write(record: TicketIntakeRecord): Promise<string> {
    return this.queue.submit(record);
  }
}

/** "2026-000123" for the numbers of each record's UTC year, in order, from the year counters. */
async function allocateNumbers(manager: EntityManager, records: readonly TicketIntakeRecord[]): Promise<string[]> {
  const perYear = new Map<number, number>();
  for (const r of records) {
    const year = r.row.created_at.getUTCFullYear();
    perYear.set(year, (perYear.get(year) ?? 0) + 1);
  }
  const next = new Map<number, number>();
  for (const [year, count] of [...perYear].sort(([a], [b]) => a - b)) {
    const [row] = (await manager.query(
      `INSERT INTO ticket_number_counters (year, last_value) VALUES ($1, $2)
       ON CONFLICT (year) DO UPDATE SET last_value = ticket_number_counters.last_value + $2
       RETURNING last_value`,
      [year, count],
    )) as Array<{ last_value: number | string }>;
    next.set(year, Number(row?.last_value) - count + 1);
  }
  return records.map((r) => {
    const year = r.row.created_at.getUTCFullYear();
    const n = next.get(year) as number;
    next.set(year, n + 1);
    return `${year}-${String(n).padStart(6, '0')}`;
  });
}

/** One batch inside the caller's transaction; the numbers of `records`, in order. */
export async function writeTickets(manager: EntityManager, records: readonly TicketIntakeRecord[]): Promise<string[]> {
  const numbers = await allocateNumbers(manager, records);
  const col = <V>(pick: (r: TicketIntakeRecord, i: number) => V): V[] => records.map(pick);
  await manager.query(
    `WITH t AS (
       INSERT INTO tickets (id, number, tenant_id, site_id, asset_id, contract_id, title, description, category, priority,
         priority_reason, status, channel, reporter, fault_began_at, asset_down, in_scope, next_deadline, at_risk, breached,
         created_at, updated_at, version)
       SELECT id, number, tenant_id, site_id, asset_id, contract_id, title, description, category, priority,
         priority_reason, 'new', channel, reporter, fault_began_at, asset_down, in_scope, next_deadline, at_risk, breached,
         created_at, created_at, 1
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::text[],
                     $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::timestamptz[], $15::boolean[],
                     $16::boolean[], $17::timestamptz[], $18::boolean[], $19::boolean[], $20::timestamptz[])
           AS x(id, number, tenant_id, site_id, asset_id, contract_id, title, description, category, priority,
                priority_reason, channel, reporter, fault_began_at, asset_down, in_scope, next_deadline, at_risk,
                breached, created_at)
       RETURNING id)
     INSERT INTO ticket_events (ticket_id, type, actor, occurred_at, payload)
     SELECT id, 'created', actor, occurred_at, payload
       FROM unnest($1::uuid[], $21::text[], $20::timestamptz[], $22::jsonb[]) AS e(id, actor, occurred_at, payload)`,
    [
      col((r) => r.row.id),
      numbers,
      col((r) => r.row.tenant_id),
      col((r) => r.row.site_id),
      col((r) => r.row.asset_id),
      col((r) => r.row.contract_id),
      col((r) => r.row.title),
      col((r) => r.row.description),
      col((r) => r.row.category),
      col((r) => r.row.priority),
      col((r) => r.row.priority_reason),
      col((r) => r.row.channel),
      col((r) => r.row.reporter),
      col((r) => r.row.fault_began_at),
      col((r) => r.row.asset_down),
      col((r) => r.row.in_scope),
      col((r) => r.row.next_deadline),
      col((r) => r.row.at_risk),
      col((r) => r.row.breached),
      col((r) => r.row.created_at),
      col((r) => r.actor),
      col((r) => JSON.stringify(r.eventPayload)),
    ],
  );
  const withClocks = records.filter((r) => r.clocks.length > 0);
  if (withClocks.length > 0) {
    const upsert = slaClockUpsertMany(
      withClocks.map((r) => ({ ticketId: r.row.id, tenantId: r.row.tenant_id, rows: r.clocks })),
    );
    await manager.query(upsert.sql, upsert.params);
  }
  // SLA timers of the new clocks (timer version 0), then the intake confirmation.
  const jobs: OutboxJob[] = records.flatMap((r) => [
    ...slaTimerJobs(r.clocks.map((c) => newClockTimer(r.row.id, c))),
    { jobName: 'ticket.created', payload: { ticketId: r.row.id, version: 1 } },
  ]);
  await enqueueManyInTransaction(manager, jobs);
  const keyed = records.flatMap((r, i) =>
    r.idempotency ? [{ ...r.idempotency, number: numbers[i] as string, at: r.row.created_at }] : [],
  );
  if (keyed.length > 0) {
    await manager.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash, status_code, response, created_at)
       SELECT user_id, key, request_hash, 201, response, created_at
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::timestamptz[])
           AS k(user_id, key, request_hash, response, created_at)`,
      [
        keyed.map((k) => k.userId),
        keyed.map((k) => k.key),
        keyed.map((k) => k.hash),
        keyed.map((k) => JSON.stringify(k.response(k.number))),
        keyed.map((k) => k.at),
      ],
    );
  }
  return numbers;
}
