import { Inject, Injectable } from '@nestjs/common';
import type { Logger as PinoLogger } from 'pino';
import { DataSource } from 'typeorm';
import { GroupCommitQueue, Metrics, ROOT_LOGGER } from '@leitstand/backend/core';
import type { ContractTerms } from '@leitstand/backend/data-access';
import type { TicketEventType } from '@leitstand/domain';
import type { SlaTimerKind, SlaTimerPayload } from '@leitstand/backend/jobs';
import { NOTIFICATION_CHANNELS, type NotificationChannel, type NotificationMessage } from './notification-channel';
import { ContractTermsCache } from './contract-terms.cache';
import { lockAndProjectTicketSlaBatch, type LockedTicketSlaBatchEntry } from './sla-projection';
import {
  SLA_EVENT_BY_KIND,
  armSlaTimers,
  clockAfterWarning,
  decideSlaTimer,
  slaEventDedupKey,
  type SlaTimerClock,
  type SlaTimerClockRow,
  type SlaTimerDecision,
} from './sla-timers';
import { TicketChangesPublisher } from './ticket-changes';
import { CLOCK, type Clock } from '@leitstand/backend/core';

export const SLA_TIMER_ACTOR = 'system:sla-timer';

/** A timer that came before its instant (should not happen with BullMQ delays); thrown so BullMQ retries it. */
export class SlaTimerNotDueError extends Error {
  override readonly name = 'SlaTimerNotDueError';
}

export type SlaTimerOutcome = SlaTimerDecision | { act: true; recorded: boolean; quiet: boolean };

/**
 * Quiet warnings: with `quiet_warnings_calendar` set, a warning outside that calendar's open hours is
 * recorded (event, flags, live stream) but nobody is notified — the notification is suppressed, not
 * deferred: by the next opening the ticket may long be accepted or breached, and the queue shows the
 * at-risk flag anyway. Breaches always notify.
 */
export function isQuietNow(terms: ContractTerms | null, now: Date): boolean {
  const key = terms?.contract.quietWarningsCalendar;
  if (!terms || !key) return false;
  const calendar = terms.calendars[key];
  return calendar ? !calendar.isOpen(now) : false;
}

/** Timers fired in one transaction at most. */
export const SLA_TIMER_BATCH = 200;
/**
 * Timer batches in flight at once: batches lock their tickets in id order (no deadlock between them) and
 * each transaction is a chain of round trips, so two side by side keep PostgreSQL busy while one waits.
 */
export const SLA_TIMER_PARALLEL_BATCHES = 2;

/**
 * Fires SLA timers, exactly once in effect. In ONE transaction: lock the ticket, re-project its
 * clocks at `now` (the job's time), and act only if the timer's version is the clock's current one and
 * the condition holds (warning instant reached while running; clock breached and not yet recorded).
 * Acting = record the 'sla_warning' / 'sla_breached' event under a unique dedup key (ticket, clock,
 * clock cycle), set warned_at / breached_at, bump the ticket version (its flags changed), deliver
 * notifications through every channel. A warning of the current version also arms, in the same
 * transaction, the breach timer that follows it (one armed timer per clock, see planSlaTimers).
 * After COMMIT the change is published to the live stream.
 *
 * Group commit: timers that arrive while a transaction is running wait and are then fired together in
 * the next one, with a fixed number of statements per batch (lockAndProjectTicketSlaBatch). Idle, a
 * timer is fired at once (batch of one); 1,000 due in the same second share a handful of transactions.
 * A failed batch (PostgreSQL away, deadlock) fails each of its jobs, and BullMQ retries them.
 */
@Injectable()
export class SlaTimerService {
  private readonly logger: PinoLogger;
  private readonly batches = new GroupCommitQueue<{ kind: SlaTimerKind; payload: SlaTimerPayload }, SlaTimerOutcome>({
    write: (items) => this.fireBatch(items),
    maxBatch: SLA_TIMER_BATCH,
    isolate: false, // a failed batch fails each of its jobs, and BullMQ retries them
    parallel: SLA_TIMER_PARALLEL_BATCHES,
    onBatch: (size) => this.metrics.groupCommitBatchSize.observe({ writer: 'sla-timers' }, size),
  });

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ContractTermsCache) private readonly cache: ContractTermsCache,
    @Inject(TicketChangesPublisher) private readonly changes: TicketChangesPublisher,
    @Inject(NOTIFICATION_CHANNELS) private readonly channels: NotificationChannel[],
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(Metrics) private readonly metrics: Metrics,
    @Inject(ROOT_LOGGER) logger: PinoLogger,
  ) {
    this.logger = logger.child({ component: 'sla-timers' });
  }

  /** Fires one timer (joining the next batch); resolves with what it did. */
  fire(kind: SlaTimerKind, payload: SlaTimerPayload): Promise<SlaTimerOutcome> {
    return this.batches.submit({ kind, payload });
  }

  /** One transaction for `items` (see the class comment); outcomes in the order of `items`. */
  async fireBatch(items: ReadonlyArray<{ kind: SlaTimerKind; payload: SlaTimerPayload }>): Promise<SlaTimerOutcome[]> {
    const now = this.clock.now();
    const published: Array<{ ticketId: string; tenantId: string; type: TicketEventType; version: number }> = [];
    const outcomes = await this.dataSource.transaction(async (manager): Promise<SlaTimerOutcome[]> => {
      const locked = await lockAndProjectTicketSlaBatch(
        manager,
        items.map((i) => i.payload.ticketId),
        now,
        this.cache,
      );
      const results: SlaTimerOutcome[] = [];
      const acting: Array<{
        index: number;
        kind: SlaTimerKind;
        p: SlaTimerPayload;
        clock: SlaTimerClockRow;
        quiet: boolean;
        payload: Record<string, unknown>;
        dedupKey: string;
      }> = [];
      const seen = new Set<string>();
      /** Per ticket and clock: the clock whose next timer (the breach) a warning hands on to. */
      const handedOn = new Map<string, SlaTimerClock>();
      items.forEach((item, index) => {
        const p = item.payload;
        const ticket = locked.get(p.ticketId);
        const clock = ticket?.clocks.find((c) => c.clock === p.clock);
        const decision = decideSlaTimer(item.kind, p.timerVersion, clock, now);
        if (item.kind === 'warning') {
          const next = clockAfterWarning(p.timerVersion, clock, decision, now);
          const key = `${p.ticketId}.${p.clock}`;
          if (next && (decision.act || !handedOn.has(key))) handedOn.set(key, next);
        }
        const dedupKey = clock ? slaEventDedupKey(item.kind, p.ticketId, p.clock, clock.started_at) : '';
        if (!decision.act || !clock || !ticket) {
          results.push(decision);
          return;
        }
        if (seen.has(dedupKey)) {
          results.push({ act: false, reason: 'already-recorded' }); // the same timer twice in one batch
          return;
        }
        seen.add(dedupKey);
        const quiet = item.kind === 'warning' && isQuietNow(ticket.terms, now);
        results.push({ act: true, recorded: false, quiet });
        acting.push({
          index,
          kind: item.kind,
          p,
          clock,
          quiet,
          dedupKey,
          payload: {
            clock: p.clock,
            priority: ticket.priority,
            deadline: clock.deadline?.toISOString() ?? null,
            warningAt: clock.warning_at?.toISOString() ?? null,
            timerVersion: p.timerVersion,
            ...(item.kind === 'breach' && clock.deadline ? { lateMs: now.getTime() - clock.deadline.getTime() } : {}),
            ...(quiet ? { quiet: true } : {}),
          },
        });
      });
      // The breach timers that follow the warnings, in this transaction (so a recorded warning never
      // lacks its breach timer).
      if (handedOn.size > 0) await armSlaTimers(manager, [...handedOn.values()]);
      if (acting.length === 0) return results;

      const inserted = (await manager.query(
        `INSERT INTO ticket_events (ticket_id, type, actor, occurred_at, payload, dedup_key)
         SELECT u.ticket_id, u.type, $1, $2, u.payload::jsonb, u.dedup_key
           FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[]) AS u(ticket_id, type, payload, dedup_key)
         ON CONFLICT (dedup_key) DO NOTHING RETURNING dedup_key`,
        [
          SLA_TIMER_ACTOR,
          now,
          acting.map((a) => a.p.ticketId),
          acting.map((a) => SLA_EVENT_BY_KIND[a.kind]),
          acting.map((a) => JSON.stringify(a.payload)),
          acting.map((a) => a.dedupKey),
        ],
      )) as Array<{ dedup_key: string }>;
      const recorded = new Set(inserted.map((r) => r.dedup_key));
      await manager.query(
        `UPDATE ticket_sla_clocks c
            SET warned_at = CASE WHEN u.kind = 'warning' THEN $1 ELSE c.warned_at END,
                breached_at = CASE WHEN u.kind = 'breach' THEN $1 ELSE c.breached_at END
           FROM unnest($2::uuid[], $3::text[], $4::text[]) AS u(ticket_id, clock, kind)
          WHERE c.ticket_id = u.ticket_id AND c.clock = u.clock`,
        [now, acting.map((a) => a.p.ticketId), acting.map((a) => a.p.clock), acting.map((a) => a.kind)],
      );
      const fresh = acting.filter((a) => recorded.has(a.dedupKey));
      if (fresh.length === 0) return results;
      const versions = (await manager.query(
        `UPDATE tickets SET version = version + 1, updated_at = $2 WHERE id = ANY($1::uuid[]) RETURNING id, version`,
        [[...new Set(fresh.map((a) => a.p.ticketId))], now],
      )) as [Array<{ id: string; version: number }>, number];
      const versionOf = new Map(versions[0].map((r) => [r.id, r.version]));
      const messages: NotificationMessage[] = [];
      for (const a of fresh) {
        const ticket = locked.get(a.p.ticketId) as LockedTicketSlaBatchEntry;
        results[a.index] = { act: true, recorded: true, quiet: a.quiet };
        published.push({
          ticketId: a.p.ticketId,
          tenantId: ticket.tenantId,
          type: SLA_EVENT_BY_KIND[a.kind],
          version: versionOf.get(a.p.ticketId) ?? 0,
        });
        if (!a.quiet) {
          messages.push({
            tenantId: ticket.tenantId,
            ticketId: a.p.ticketId,
            kind: SLA_EVENT_BY_KIND[a.kind],
            payload: { ...a.payload, ticketNumber: ticket.number, title: ticket.title },
            at: now,
          });
        }
      }
      for (const channel of this.channels) await channel.deliver(manager, messages);
      return results;
    });
    for (const change of published) this.changes.publish({ ...change, at: now.toISOString() });
    this.logger.debug({ timers: items.length, recorded: published.length }, 'sla timers fired');
    return outcomes;
  }

  /**
   * Fires a timer as a job does: a timer that came before its instant is thrown as SlaTimerNotDueError so
   * BullMQ retries it; every other outcome (acted, stale version, condition gone) completes the job.
   */
  async fireDue(kind: SlaTimerKind, p: SlaTimerPayload): Promise<void> {
    const outcome = await this.fire(kind, p);
    if (!outcome.act && outcome.reason === 'not-due') {
      throw new SlaTimerNotDueError(`sla ${kind} timer of ${p.ticketId}/${p.clock} came early`);
    }
  }
}
