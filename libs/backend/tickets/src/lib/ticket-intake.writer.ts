import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, GroupCommitQueue, Metrics, preparedQuery, type AppConfig } from '@leitstand/backend/core';
import { OUTBOX_CHANNEL, OUTBOX_TABLE, outboxColumnArrays, type OutboxJob } from '@leitstand/backend/jobs';
import type { SlaClockRow } from '@leitstand/backend/data-access';
import { SLA_CLOCK_COLUMNS, slaClockColumnArrays } from './sla-clock.writer';
import { newClockTimer, slaTimerJobs } from './sla-timers';
import type { TicketRow } from './ticket-views';

/** Largest group-committed batch of new tickets (one statement; its bind parameters are column arrays). */
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
 * next statement — one number allocation, one INSERT per table and one COMMIT for the whole batch, in
 * one round trip — instead of a transaction each. Each ticket still gets everything a single create
 * writes, atomically: its row, the 'created' event, both SLA clocks, the SLA timers and 'ticket.created'
 * through the outbox, and the Idempotency-Key row. Numbers come from the year's counter row inside the
 * statement, so a failed batch leaves no gap. A failed batch is retried ticket by ticket
 * (GroupCommitQueue), so a bad ticket — a second request with the same Idempotency-Key, say — fails
 * alone. Idle, a ticket is written at once (a batch of one).
 */
@Injectable()
export class TicketIntakeWriter {
  private readonly queue = new GroupCommitQueue<TicketIntakeRecord, string>({
    write: (records) => writeTickets(this.dataSource, records, { timerHorizonMs: this.config.slaTimers.horizonMs }),
    maxBatch: TICKET_INTAKE_BATCH,
    onBatch: (size) => this.metrics.groupCommitBatchSize.observe({ writer: 'ticket-intake' }, size),
  });

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Metrics) private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Writes `record` with the next batch; resolves with its ticket number once committed. */
  write(record: TicketIntakeRecord): Promise<string> {
    return this.queue.submit(record);
  }

  /**
   * Writes `record` with `manager` — inside the caller's transaction, outside the group commit — so the
   * ticket commits or rolls back with the caller's work. Resolves with its number.
   */
  async writeWithin(manager: EntityManager, record: TicketIntakeRecord): Promise<string> {
    const [number] = await writeTickets(manager, [record], { timerHorizonMs: this.config.slaTimers.horizonMs });
    return number as string;
  }
}

export interface IntakeWriteOptions {
  /** New clocks' timers due within this many ms are armed with the ticket; later ones by reconciliation. */
  timerHorizonMs: number;
}

/** The columns of a new ticket row, in the order of the unnest arrays, with their PostgreSQL types. */
const TICKET_COLUMNS: ReadonlyArray<readonly [keyof TicketIntakeRecord['row'], string]> = [
  ['id', 'uuid'],
  ['tenant_id', 'uuid'],
  ['site_id', 'uuid'],
  ['asset_id', 'uuid'],
  ['contract_id', 'uuid'],
  ['title', 'text'],
  ['description', 'text'],
  ['category', 'text'],
  ['priority', 'text'],
  ['priority_reason', 'text'],
  ['channel', 'text'],
  ['reporter', 'text'],
  ['fault_began_at', 'timestamptz'],
  ['asset_down', 'boolean'],
  ['in_scope', 'boolean'],
  ['next_deadline', 'timestamptz'],
  ['at_risk', 'boolean'],
  ['breached', 'boolean'],
  ['created_at', 'timestamptz'],
];

/**
 * Writes `records` — tickets created in one UTC year — in ONE statement, atomic on its own: the year's
 * counter row moves by the batch size (its row lock orders concurrent batches, numbers stay gapless),
 * and data-modifying CTEs insert the tickets numbered from it, their 'created' events, their SLA clocks,
 * their outbox jobs (SLA timers and 'ticket.created', with one NOTIFY) and their Idempotency-Key rows
 * (the stored answer gets its number in SQL). Returns each record's number, in order.
 */
async function writeYear(
  manager: EntityManager,
  year: number,
  records: readonly TicketIntakeRecord[],
  options: IntakeWriteOptions,
): Promise<string[]> {
  const params: unknown[] = [];
  /** Binds `value` as the next parameter; its placeholder with a cast to `type`. */
  const p = (type: string, value: unknown): string => {
    params.push(value);
    return `$${params.length}::${type}`;
  };
  /** Binds one column of the records as an array. */
  const column = (type: string, pick: (r: TicketIntakeRecord) => unknown): string => p(`${type}[]`, records.map(pick));
  const yearParam = p('int', year);
  const countParam = p('int', records.length);
  const tickets = TICKET_COLUMNS.map(([name, type]) => column(type, (r) => r.row[name]));
  const actors = column('text', (r) => r.actor);
  const payloads = column('jsonb', (r) => JSON.stringify(r.eventPayload));
  const clockArrays = slaClockColumnArrays(
    records.map((r) => ({ ticketId: r.row.id, tenantId: r.row.tenant_id, rows: r.clocks })),
  );
  const clocks = clockArrays.map((values, i) => p(`${SLA_CLOCK_COLUMNS.types[i] as string}[]`, values));
  // SLA timers of the new clocks (timer version 0) due within the horizon (reconciliation arms the later
  // ones), then one intake confirmation job for the batch.
  const jobs: OutboxJob[] = [
    ...records.flatMap((r) =>
      slaTimerJobs(
        r.clocks.map((c) => newClockTimer(r.row.id, c)),
        { now: r.row.created_at, horizonMs: options.timerHorizonMs },
      ),
    ),
    { jobName: 'ticket.created', payload: { ticketIds: records.map((r) => r.row.id) } },
  ];
  const [jobNames, jobPayloads, jobRunAts] = outboxColumnArrays(jobs);
  const jobColumns = [p('text[]', jobNames), p('jsonb[]', jobPayloads), p('timestamptz[]', jobRunAts)];
  const keyed = records.flatMap((r) => (r.idempotency ? [{ ticketId: r.row.id, ...r.idempotency }] : []));
  const keyColumn = (type: string, pick: (k: (typeof keyed)[number]) => unknown): string =>
    p(`${type}[]`, keyed.map(pick));
  const keyColumns = [
    keyColumn('uuid', (k) => k.ticketId),
    keyColumn('uuid', (k) => k.userId),
    keyColumn('text', (k) => k.key),
    keyColumn('text', (k) => k.hash),
    // the stored answer; its number is set in SQL, once the counter has given it
    keyColumn('jsonb', (k) => JSON.stringify(k.response(''))),
  ];
  const channel = p('text', OUTBOX_CHANNEL);

  // Constant text (the batch size is in the arrays): a prepared statement, parsed and planned once per connection.
  const rows = await preparedQuery<{ id: string; number: string }>(
    manager,
    `WITH counter AS (
       INSERT INTO ticket_number_counters (year, last_value) VALUES (${yearParam}, ${countParam})
       ON CONFLICT (year) DO UPDATE SET last_value = ticket_number_counters.last_value + EXCLUDED.last_value
       RETURNING last_value
     ), x AS (
       SELECT u.*, ${yearParam} || '-' || lpad(n::text, greatest(6, length(n::text)), '0') AS number
         FROM unnest(${tickets.join(', ')}, ${actors}, ${payloads}) WITH ORDINALITY
              AS u(${TICKET_COLUMNS.map(([name]) => name).join(', ')}, actor, payload, ord)
        CROSS JOIN counter
        CROSS JOIN LATERAL (SELECT counter.last_value - ${countParam} + u.ord::int AS n) AS numbered
     ), t AS (
       INSERT INTO tickets (id, number, tenant_id, site_id, asset_id, contract_id, title, description, category, priority,
         priority_reason, status, channel, reporter, fault_began_at, asset_down, in_scope, next_deadline, at_risk, breached,
         created_at, updated_at, version)
       SELECT id, number, tenant_id, site_id, asset_id, contract_id, title, description, category, priority,
         priority_reason, 'new', channel, reporter, fault_began_at, asset_down, in_scope, next_deadline, at_risk, breached,
         created_at, created_at, 1
         FROM x
       RETURNING id, number
     ), created AS (
       INSERT INTO ticket_events (ticket_id, type, actor, occurred_at, payload)
       SELECT id, 'created', actor, created_at, payload FROM x
     ), clocks AS (
       INSERT INTO ticket_sla_clocks (${SLA_CLOCK_COLUMNS.names.join(', ')}, updated_at)
       SELECT c.*, clock_timestamp() FROM unnest(${clocks.join(', ')}) AS c
     ), jobs AS (
       INSERT INTO ${OUTBOX_TABLE} (job_name, payload, run_at)
       SELECT * FROM unnest(${jobColumns.join(', ')})
     ), keys AS (
       INSERT INTO idempotency_keys (user_id, key, request_hash, status_code, response, created_at)
       SELECT k.user_id, k.key, k.request_hash, 201, jsonb_set(k.response, '{number}', to_jsonb(x.number)), x.created_at
         FROM unnest(${keyColumns.join(', ')}) AS k(ticket_id, user_id, key, request_hash, response)
         JOIN x ON x.id = k.ticket_id
     )
     SELECT t.id, t.number FROM t CROSS JOIN (SELECT pg_notify(${channel}, '')) AS woken`,
    params,
  );
  const numberOf = new Map(rows.map((r) => [r.id, r.number]));
  return records.map((r) => numberOf.get(r.row.id) as string);
}

/**
 * One batch: one statement per UTC year of its tickets (one, but around New Year), in a transaction only
 * when there are two. The numbers of `records`, in order.
 */
export async function writeTickets(
  dataSource: DataSource | EntityManager,
  records: readonly TicketIntakeRecord[],
  options: IntakeWriteOptions,
): Promise<string[]> {
  const byYear = new Map<number, TicketIntakeRecord[]>();
  for (const r of records) {
    const year = r.row.created_at.getUTCFullYear();
    byYear.set(year, [...(byYear.get(year) ?? []), r]);
  }
  const years = [...byYear].sort(([a], [b]) => a - b);
  const manager = dataSource instanceof DataSource ? dataSource.manager : dataSource;
  const write = async (m: EntityManager): Promise<string[]> => {
    const numbers = new Map<string, string>();
    for (const [year, group] of years) {
      const written = await writeYear(m, year, group, options);
      group.forEach((r, i) => numbers.set(r.row.id, written[i] as string));
    }
    return records.map((r) => numbers.get(r.row.id) as string);
  };
  return years.length === 1 || manager.queryRunner?.isTransactionActive ? write(manager) : manager.transaction(write);
}
