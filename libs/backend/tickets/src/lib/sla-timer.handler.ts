import { Inject, Injectable } from '@nestjs/common';
import type { Logger as PinoLogger } from 'pino';
import { DataSource } from 'typeorm';
import { ROOT_LOGGER } from '@leitstand/backend/core';
import type { ContractTerms } from '@leitstand/backend/data-access';
import {
  JobHandler,
  type HandlesJob,
  type JobContext,
  type JobPayloads,
  type SlaTimerKind,
  type SlaTimerPayload,
} from '@leitstand/backend/jobs';
import { NOTIFICATION_CHANNELS, type NotificationChannel } from './notifications';
import { ContractTermsCache, lockAndProjectTicketSla } from './sla-projection';
import {
  SLA_EVENT_BY_KIND,
  SLA_TIMER_CLOCK_COLUMNS,
  decideSlaTimer,
  slaEventDedupKey,
  type SlaTimerClockRow,
  type SlaTimerDecision,
} from './sla-timers';
import { TicketChangesPublisher } from './ticket-changes';
import { TICKET_CLOCK, type TicketClock } from './ticket-clock';

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

/**
 * Fires one SLA timer, exactly once in effect. In ONE transaction: lock the ticket, re-project its
 * clocks at `now` (the job's time), re-read the clock (FOR UPDATE), and act only if the timer's version
 * is the clock's current one and the condition holds (warning instant reached while running; clock
 * breached and not yet recorded). Acting = record the 'sla_warning' / 'sla_breached' event under a
 * unique dedup key (ticket, clock, clock cycle), set warned_at / breached_at, bump the ticket version
 * (its flags changed), deliver notifications through every channel. After COMMIT the change is
 * published to the live stream.
 */
@Injectable()
export class SlaTimerService {
  private readonly logger: PinoLogger;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ContractTermsCache) private readonly cache: ContractTermsCache,
    @Inject(TicketChangesPublisher) private readonly changes: TicketChangesPublisher,
    @Inject(NOTIFICATION_CHANNELS) private readonly channels: NotificationChannel[],
    @Inject(TICKET_CLOCK) private readonly clock: TicketClock,
    @Inject(ROOT_LOGGER) logger: PinoLogger,
  ) {
    this.logger = logger.child({ component: 'sla-timers' });
  }

  async fire(kind: SlaTimerKind, p: SlaTimerPayload): Promise<SlaTimerOutcome> {
    const now = this.clock.now();
    let published: { tenantId: string; version: number } | null = null;
    const outcome = await this.dataSource.transaction(async (manager): Promise<SlaTimerOutcome> => {
      const locked = await lockAndProjectTicketSla(manager, p.ticketId, now, this.cache);
      if (!locked) return { act: false, reason: 'gone' };
      const [clock] = (await manager.query(
        `SELECT ${SLA_TIMER_CLOCK_COLUMNS} FROM ticket_sla_clocks WHERE ticket_id = $1 AND clock = $2 FOR UPDATE`,
        [p.ticketId, p.clock],
      )) as SlaTimerClockRow[];
      const decision = decideSlaTimer(kind, p.timerVersion, clock, now);
      if (!decision.act || !clock) return decision;

      const type = SLA_EVENT_BY_KIND[kind];
      const quiet = kind === 'warning' && isQuietNow(locked.terms, now);
      const payload: Record<string, unknown> = {
        clock: p.clock,
        priority: locked.priority,
        deadline: clock.deadline?.toISOString() ?? null,
        warningAt: clock.warning_at?.toISOString() ?? null,
        timerVersion: p.timerVersion,
        ...(kind === 'breach' && clock.deadline ? { lateMs: now.getTime() - clock.deadline.getTime() } : {}),
        ...(quiet ? { quiet: true } : {}),
      };
      const inserted = (await manager.query(
        `INSERT INTO ticket_events (ticket_id, type, actor, occurred_at, payload, dedup_key)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6) ON CONFLICT (dedup_key) DO NOTHING RETURNING id`,
        [
          p.ticketId,
          type,
          SLA_TIMER_ACTOR,
          now,
          JSON.stringify(payload),
          slaEventDedupKey(kind, p.ticketId, p.clock, clock.started_at),
        ],
      )) as Array<{ id: string }>;
      const column = kind === 'warning' ? 'warned_at' : 'breached_at';
      await manager.query(`UPDATE ticket_sla_clocks SET ${column} = $3 WHERE ticket_id = $1 AND clock = $2`, [
        p.ticketId,
        p.clock,
        now,
      ]);
      if (inserted.length === 0) return { act: true, recorded: false, quiet };
      const [ticket] = (await manager.query(
        `UPDATE tickets SET version = version + 1, updated_at = $2 WHERE id = $1 RETURNING version`,
        [p.ticketId, now],
      )) as [Array<{ version: number }>, number];
      const version = ticket[0]?.version ?? 0;
      if (!quiet) {
        for (const channel of this.channels) {
          await channel.deliver(manager, {
            tenantId: locked.tenantId,
            ticketId: p.ticketId,
            kind: type,
            payload: { ...payload, ticketNumber: locked.number, title: locked.title },
            at: now,
          });
        }
      }
      published = { tenantId: locked.tenantId, version };
      return { act: true, recorded: true, quiet };
    });
    const change = published as { tenantId: string; version: number } | null;
    if (change) {
      this.changes.publish({
        ticketId: p.ticketId,
        tenantId: change.tenantId,
        type: SLA_EVENT_BY_KIND[kind],
        version: change.version,
        at: now.toISOString(),
      });
    }
    this.logger.debug({ kind, ...p, outcome }, 'sla timer');
    return outcome;
  }
}

async function run(service: SlaTimerService, kind: SlaTimerKind, p: SlaTimerPayload): Promise<void> {
  const outcome = await service.fire(kind, p);
  if (!outcome.act && outcome.reason === 'not-due') {
    throw new SlaTimerNotDueError(`sla ${kind} timer of ${p.ticketId}/${p.clock} came early`);
  }
}

@Injectable()
@JobHandler('sla.warning')
export class SlaWarningHandler implements HandlesJob<'sla.warning'> {
  constructor(@Inject(SlaTimerService) private readonly service: SlaTimerService) {}

  handle(payload: JobPayloads['sla.warning'], _context: JobContext): Promise<void> {
    return run(this.service, 'warning', payload);
  }
}

@Injectable()
@JobHandler('sla.breach')
export class SlaBreachHandler implements HandlesJob<'sla.breach'> {
  constructor(@Inject(SlaTimerService) private readonly service: SlaTimerService) {}

  handle(payload: JobPayloads['sla.breach'], _context: JobContext): Promise<void> {
    return run(this.service, 'breach', payload);
  }
}
