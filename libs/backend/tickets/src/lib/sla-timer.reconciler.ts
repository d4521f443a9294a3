import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger as PinoLogger } from 'pino';
import { DataSource } from 'typeorm';
import { ROOT_LOGGER, describeError } from '@leitstand/backend/core';
import { QueueRegistry, REDIS_PRODUCER, JOB_DEFINITIONS } from '@leitstand/backend/jobs';
import {
  SLA_TIMER_CLOCK_COLUMNS,
  planSlaTimers,
  toTimerClock,
  withinTimerHorizon,
  type PlannedSlaTimer,
  type SlaTimerClockRow,
} from './sla-timers';
import { CLOCK, type Clock } from '@leitstand/backend/core';

export const SLA_RECONCILE_OPTIONS = Symbol('SLA_RECONCILE_OPTIONS');

export interface SlaReconcileOptions {
  /** Period of the reconciliation (default 60 s). */
  intervalMs: number;
  /** Missing timers are armed once due within this span (SLA_TIMER_HORIZON_MS, ≥ 2 periods). */
  horizonMs: number;
  /** Clocks read per PostgreSQL round trip. */
  batchSize: number;
}

export interface SlaReconcileReport {
  clocks: number;
  expected: number;
  present: number;
  created: number;
  overdue: number;
  /** Planned timers Redis lacks that are due beyond the horizon: armed by a later run. */
  deferred: number;
  orphansRemoved: number;
  ms: number;
}

const SLA_QUEUE = JOB_DEFINITIONS['sla.breach'].queue;
const ADD_CHUNK = 1_000;
const REMOVE_CHUNK = 500;
const TIMER_ID = /^sla-(warning|breach)\.[0-9a-f-]{36}\.(response|restore)\.v\d+$/;

/**
 * Keeps Redis' delayed SLA timers in line with PostgreSQL's clocks, at worker start, every minute and
 * whenever the Redis connection comes back:
 *  1. snapshot the timer ids Redis holds (delayed, waiting, active, prioritized: pipelined ZRANGE/LRANGE);
 *  2. read the clocks that need timers (running, or breached with the breach not yet recorded) in
 *     keyset batches and plan their timers (planSlaTimers, the same function the write path uses);
 *  3. add every planned timer Redis lacks that is due within the horizon (SLA_TIMER_HORIZON_MS; addBulk, 1,000
 *     per round trip) — an overdue one with delay 0, so it fires at once; an id Redis still holds is a no-op
 *     there anyway. A later timer is left for a later run: with the horizon at least two periods, every
 *     timer is armed minutes before it is due (Redis holds the near timers, not every open clock's);
 *  4. remove delayed timers no clock wants any more (old versions, stopped clocks, deleted tickets).
 * The Redis snapshot is taken BEFORE the PostgreSQL read: a job in the snapshot was added after its
 * clock row committed, so the read sees that version — a current timer is never taken for an orphan.
 * Running twice at once is prevented; a failed run (Redis or PostgreSQL away) is retried next time.
 */
@Injectable()
export class SlaTimerReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SlaReconcileReport | null> | null = null;
  private again = false;
  private stopped = false;
  private readonly logger: PinoLogger;
  private readonly onReady = (): void => this.trigger();

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(QueueRegistry) private readonly queues: QueueRegistry,
    @Inject(REDIS_PRODUCER) private readonly redis: Redis,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SLA_RECONCILE_OPTIONS) private readonly options: SlaReconcileOptions,
    @Inject(ROOT_LOGGER) logger: PinoLogger,
  ) {
    this.logger = logger.child({ component: 'sla-reconcile' });
  }

  onApplicationBootstrap(): void {
    this.trigger();
    this.timer = setInterval(() => this.trigger(), this.options.intervalMs);
    this.redis.on('ready', this.onReady);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.redis.off('ready', this.onReady);
    await this.running?.catch(() => undefined);
  }

  /** Starts a run unless one is under way (then one more follows it). */
  trigger(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.reconcile()
      .catch((error: unknown) => {
        this.logger.warn(`sla timer reconciliation failed (${describeError(error)}); retrying next round`);
        return null;
      })
      .finally(() => {
        this.running = null;
        if (this.again && !this.stopped) {
          this.again = false;
          this.trigger();
        }
      });
  }

  async reconcile(): Promise<SlaReconcileReport> {
    const started = Date.now();
    const queue = this.queues.queue(SLA_QUEUE);
    const present = await this.snapshot(queue);
    const now = this.clock.now();
    const expected = new Set<string>();
    const missing: PlannedSlaTimer[] = [];
    let clocks = 0;
    let deferred = 0;
    let after: [string, string] = ['00000000-0000-0000-0000-000000000000', ''];
    for (;;) {
      const rows = (await this.dataSource.query(
        `SELECT ${SLA_TIMER_CLOCK_COLUMNS} FROM ticket_sla_clocks
          WHERE (state = 'running' OR (state = 'breached' AND breached_at IS NULL)) AND (ticket_id, clock) > ($1::uuid, $2)
          ORDER BY ticket_id, clock LIMIT $3`,
        [after[0], after[1], this.options.batchSize],
      )) as SlaTimerClockRow[];
      if (rows.length === 0) break;
      clocks += rows.length;
      for (const row of rows) {
        for (const t of planSlaTimers(toTimerClock(row))) {
          expected.add(t.jobId);
          if (present.all.has(t.jobId)) continue;
          if (withinTimerHorizon(t.dueAt, now, this.options.horizonMs)) missing.push(t);
          else deferred += 1;
        }
      }
      const last = rows[rows.length - 1] as SlaTimerClockRow;
      after = [last.ticket_id, last.clock];
      if (rows.length < this.options.batchSize) break;
    }

    let overdue = 0;
    for (let i = 0; i < missing.length; i += ADD_CHUNK) {
      const chunk = missing.slice(i, i + ADD_CHUNK);
      await queue.addBulk(
        chunk.map((t) => {
          const delay = Math.max(0, t.dueAt.getTime() - now.getTime());
          if (delay === 0) overdue += 1;
          return {
            name: t.name,
            data: t.payload,
            opts: { ...JOB_DEFINITIONS[t.name].options, jobId: t.jobId, ...(delay > 0 ? { delay } : {}) },
          };
        }),
      );
    }

    const orphans = [...present.delayed].filter((id) => !expected.has(id) && TIMER_ID.test(id));
    for (let i = 0; i < orphans.length; i += REMOVE_CHUNK) {
      await Promise.all(orphans.slice(i, i + REMOVE_CHUNK).map((id) => queue.remove(id).catch(() => 0)));
    }

    const report: SlaReconcileReport = {
      clocks,
      expected: expected.size,
      present: present.all.size,
      created: missing.length,
      overdue,
      deferred,
      orphansRemoved: orphans.length,
      ms: Date.now() - started,
    };
    if (report.created > 0 || report.orphansRemoved > 0) {
      this.logger.info(report, 'sla timers reconciled: repaired');
    } else {
      this.logger.debug(report, 'sla timers reconciled');
    }
    return report;
  }

  /** Ids of the timers Redis holds, in one pipelined round trip. */
  private async snapshot(queue: Queue): Promise<{ all: Set<string>; delayed: Set<string> }> {
    const results = await this.redis
      .pipeline()
      .zrange(queue.toKey('delayed'), 0, -1)
      .lrange(queue.toKey('wait'), 0, -1)
      .lrange(queue.toKey('active'), 0, -1)
      .zrange(queue.toKey('prioritized'), 0, -1)
      .lrange(queue.toKey('paused'), 0, -1)
      .exec();
    if (!results) throw new Error('redis pipeline aborted');
    const lists: string[][] = results.map(([error, value]: [Error | null, unknown]) => {
      if (error) throw error;
      return value as string[];
    });
    const delayed = new Set(lists[0] ?? []);
    const all = new Set<string>();
    for (const list of lists) for (const id of list) all.add(id);
    return { all, delayed };
  }
}
