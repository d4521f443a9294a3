import type { JobsOptions } from 'bullmq';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { Logger as PinoLogger } from 'pino';
import { describeError, preparedQuery } from '@leitstand/backend/core';
import {
  JOB_DEFINITIONS,
  isJobName,
  jobOptionsFor,
  type JobDefinition,
  type JobName,
  type QueueName,
} from './jobs.constants';
import type { QueueRegistry } from './queue-registry';
import { OUTBOX_CHANNEL } from './outbox.writer';

export interface OutboxRow {
  id: string;
  job_name: string;
  payload: Record<string, unknown>;
  run_at: Date | null;
}

/** One BullMQ job of a relay round and the outbox rows it delivers. */
export interface RelayJob {
  queue: QueueName;
  name: JobName;
  data: unknown;
  opts: JobsOptions;
  rowIds: string[];
}

/**
 * Pure: the BullMQ jobs of one round's rows — one per row with its deterministic id and remaining delay,
 * except that the rows of a mergeable job (JobDefinition.merge) that are due at once become one job —
 * and the rows naming no known job (they stay unpublished).
 */
export function planRelayRound(rows: readonly OutboxRow[], now: number): { jobs: RelayJob[]; poison: OutboxRow[] } {
  const jobs: RelayJob[] = [];
  const merging = new Map<JobName, OutboxRow[]>();
  const poison: OutboxRow[] = [];
  for (const row of rows) {
    const name = row.job_name;
    if (!isJobName(name)) {
      poison.push(row);
      continue;
    }
    const def = JOB_DEFINITIONS[name] as JobDefinition<JobName>;
    const delay = row.run_at ? Math.max(0, row.run_at.getTime() - now) : 0;
    if (def.merge && delay === 0) {
      const group = merging.get(name);
      if (group) group.push(row);
      else merging.set(name, [row]);
      continue;
    }
    jobs.push({
      queue: def.queue,
      name,
      data: row.payload,
      opts: jobOptionsFor(name, row.payload, delay),
      rowIds: [row.id],
    });
  }
  for (const [name, merged] of merging) {
    const def = JOB_DEFINITIONS[name] as JobDefinition<JobName>;
    const merge = def.merge as (payloads: unknown[]) => unknown;
    const data = merge(merged.map((r) => r.payload));
    jobs.push({ queue: def.queue, name, data, opts: jobOptionsFor(name, data), rowIds: merged.map((r) => r.id) });
  }
  return { jobs, poison };
}

export interface OutboxRelayOptions {
  pollMs: number;
  batchSize: number;
  databaseUrl: string;
  /** Delivered rows older than this are deleted (at most every PURGE_EVERY_MS, PURGE_CHUNK rows a statement). */
  retentionMs: number;
}

/**
 * While rows keep coming, the relay lets the commits of this many milliseconds gather before its next round,
 * so one round (one transaction, one merged intake job) carries several intake batches. Idle, a round
 * starts as soon as NOTIFY arrives.
 */
export const OUTBOX_GATHER_MS = 5;

/** How often the relay deletes delivered rows past their retention, and how many per statement. */
export const OUTBOX_PURGE_EVERY_MS = 60_000;
export const OUTBOX_PURGE_CHUNK = 5_000;

/**
 * Moves outbox rows into BullMQ, at least once.
 * One round: lock a batch of unpublished rows (FOR UPDATE SKIP LOCKED, so several relays can run),
 * add them to their queues with their deterministic job ids, mark them published, commit.
 * A crash between "added" and "marked" re-adds the same job ids next round: BullMQ ignores an id it
 * still holds, and handlers are idempotent for the rest (a re-added row of a mergeable job may be merged
 * with other rows than before: another job id, the same effects). While Redis is down the round fails fast
 * and the rows wait in PostgreSQL; nothing is lost.
 * Rounds run when NOTIFY says a row was committed (under load a few milliseconds later, OUTBOX_GATHER_MS),
 * and every `pollMs` as a fallback.
 * Delivered rows stay for `retentionMs` (to trace what was sent), then the relay deletes them, so the
 * table does not grow without end; undelivered rows are never deleted.
 */
export class OutboxRelay {
  private running = false;
  private wake: (() => void) | null = null;
  /** A NOTIFY came while a round ran: rows it announced may have committed after the round's SELECT. */
  private notified = false;
  private loop: Promise<void> | null = null;
  private listener: Client | null = null;
  private redisDownLogged = false;
  private lastPurge = 0;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly logger: PinoLogger,
    private readonly options: OutboxRelayOptions,
  ) {}

  /** One round; returns the number of rows published. */
  async relayOnce(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await preparedQuery<OutboxRow>(
        manager,
        `SELECT id, job_name, payload, run_at FROM outbox_messages
          WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize],
      );
      if (rows.length === 0) return 0;
      const { jobs, poison } = planRelayRound(rows, Date.now());
      const byQueue = new Map<QueueName, RelayJob[]>();
      for (const job of jobs) {
        const queued = byQueue.get(job.queue);
        if (queued) queued.push(job);
        else byQueue.set(job.queue, [job]);
      }
      const published: string[] = [];
      try {
        for (const [queueName, queued] of byQueue) {
          await this.queues.queue(queueName).addBulk(queued.map((j) => ({ name: j.name, data: j.data, opts: j.opts })));
          published.push(...queued.flatMap((j) => j.rowIds));
        }
        if (this.redisDownLogged) {
          this.redisDownLogged = false;
          this.logger.info('outbox relay: Redis is reachable again, delivering pending jobs');
        }
      } catch (error) {
        if (!this.redisDownLogged) {
          this.redisDownLogged = true;
          this.logger.warn(
            `outbox relay: cannot reach Redis (${describeError(error)}); rows stay in PostgreSQL and are retried`,
          );
        }
        const failed = rows.filter((r) => !published.includes(r.id)).map((r) => r.id);
        await manager.query(
          `UPDATE outbox_messages SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])`,
          [failed, describeError(error)],
        );
      }
      if (poison.length > 0) {
        this.logger.error(
          { ids: poison.map((p) => p.id) },
          'outbox relay: rows name unknown jobs; they stay unpublished',
        );
        await manager.query(
          `UPDATE outbox_messages SET attempts = attempts + 1, last_error = 'unknown job name' WHERE id = ANY($1::bigint[])`,
          [poison.map((p) => p.id)],
        );
      }
      if (published.length > 0) {
        // Not prepared: a generic plan cannot see how few ids the array holds and may scan the table.
        await manager.query(`UPDATE outbox_messages SET published_at = now() WHERE id = ANY($1::bigint[])`, [
          published,
        ]);
      }
      return published.length;
    });
  }

  /**
   * Deletes rows delivered more than `retentionMs` ago, oldest first, in chunks (the primary key walks
   * from the oldest row, so a chunk reads little more than it deletes); returns how many.
   */
  async purgeDelivered(): Promise<number> {
    let deleted = 0;
    for (;;) {
      const rows = (await this.dataSource.query(
        `DELETE FROM outbox_messages WHERE id IN (
           SELECT id FROM outbox_messages
            WHERE published_at < now() - $1 * interval '1 millisecond'
            ORDER BY id LIMIT $2)
         RETURNING id`,
        [this.options.retentionMs, OUTBOX_PURGE_CHUNK],
      )) as [unknown[], number];
      deleted += rows[1];
      if (rows[1] < OUTBOX_PURGE_CHUNK || this.stopping) return deleted; // the rest waits for the next purge
    }
  }

  /** Unpublished rows and the age of the oldest one, for metrics. */
  async lag(): Promise<{ pending: number; oldestAgeSeconds: number }> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS pending, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS age
         FROM outbox_messages WHERE published_at IS NULL`,
    )) as Array<{ pending: number; age: number }>;
    return { pending: row?.pending ?? 0, oldestAgeSeconds: row?.age ?? 0 };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.listen();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let moved = 0;
      this.notified = false;
      try {
        moved = await this.relayOnce();
      } catch (error) {
        this.logger.warn(`outbox relay round failed (${describeError(error)}); retrying`);
      }
      if (Date.now() - this.lastPurge >= OUTBOX_PURGE_EVERY_MS) {
        this.lastPurge = Date.now();
        await this.purgeDelivered()
          .then((n) => n > 0 && this.logger.info({ deleted: n }, 'outbox: delivered rows past retention deleted'))
          .catch((error: unknown) => this.logger.warn(`outbox purge failed (${describeError(error)}); retrying`));
      }
      // A full batch means there may be more, and so does a NOTIFY during the round: go again at once;
      // otherwise sleep until NOTIFY or poll.
      if (moved < this.options.batchSize && !this.notified && this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.options.pollMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
      }
      // Busy (the last round moved rows): let the next few milliseconds' commits join the next round.
      if (moved > 0 && moved < this.options.batchSize && this.running) {
        await new Promise((resolve) => setTimeout(resolve, OUTBOX_GATHER_MS));
      }
    }
  }

  private async listen(): Promise<void> {
    while (this.running) {
      const client = new Client({ connectionString: this.options.databaseUrl });
      try {
        await client.connect();
        client.on('notification', () => {
          this.notified = true;
          this.wake?.();
        });
        await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
        this.listener = client;
        await new Promise<void>((resolve) => {
          client.on('error', () => resolve());
          client.on('end', () => resolve());
        });
      } catch {
        // PostgreSQL away: the poll fallback keeps working; try to listen again shortly.
      }
      await client.end().catch(() => undefined);
      if (this.running) await new Promise((r) => setTimeout(r, 1_000));
    }
  }
}
