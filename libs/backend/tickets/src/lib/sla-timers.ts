import type { EntityManager } from 'typeorm';
import {
  enqueueManyInTransaction,
  slaTimerJobId,
  slaTimerJobName,
  type OutboxJob,
  type SlaClockName,
  type SlaTimerKind,
  type SlaTimerPayload,
} from '@leitstand/backend/jobs';

/**
 * SLA timers: for each running clock its next timer — the warning job (at warning_at) until the warning is
 * recorded, then the breach job (at deadline + 1 ms, the first breached instant — the domain's nextCheckAt)
 * — as BullMQ delayed jobs whose ids carry the clock's timer_version. The warning's handler arms the
 * breach in the transaction that records the warning, so one job per clock waits at a time (most clocks
 * stop before their warning: their breach job is never written). A change that moves a clock's deadline or warning instant bumps the version
 * (writeSlaClocks), so the new timers get new ids and the old ones become orphans: their handler sees
 * the version mismatch and does nothing, reconciliation removes them. Nothing ever stacks.
 */

/** The stored timer state of one clock (a ticket_sla_clocks row, the columns timers depend on). */
export interface SlaTimerClock {
  ticketId: string;
  clock: SlaClockName;
  state: string;
  warningAt: Date | null;
  deadline: Date | null;
  warnedAt: Date | null;
  breachedAt: Date | null;
  timerVersion: number;
}

export interface PlannedSlaTimer {
  kind: SlaTimerKind;
  name: 'sla.warning' | 'sla.breach';
  jobId: string;
  payload: SlaTimerPayload;
  /** When the job is due (BullMQ delay = dueAt − now at the time it is added; ≤ 0 fires at once). */
  dueAt: Date;
}

/** The first breached instant: one millisecond after the deadline (a clock stopped AT the deadline is met). */
export function breachDueAt(deadline: Date): Date {
  return new Date(deadline.getTime() + 1);
}

/**
 * Pure: the timers a clock needs now. A running clock: a warning while none was recorded for this
 * cycle, and a breach. A clock already breached (a priority upgrade or a late stop noticed by an
 * action before the timer fired) whose breach is not yet recorded: a breach timer that is overdue,
 * so it fires at once and records the breach.
 */
export function planSlaTimers(c: SlaTimerClock): PlannedSlaTimer[] {
  if (c.deadline === null) return [];
  const payload: SlaTimerPayload = { ticketId: c.ticketId, clock: c.clock, timerVersion: c.timerVersion };
  const breach = (): PlannedSlaTimer => ({
    kind: 'breach',
    name: slaTimerJobName('breach'),
    jobId: slaTimerJobId('breach', payload),
    payload,
    dueAt: breachDueAt(c.deadline as Date),
  });
  if (c.state === 'breached') return c.breachedAt === null ? [breach()] : [];
  if (c.state !== 'running') return [];
  if (c.warningAt !== null && c.warnedAt === null && c.warningAt.getTime() <= c.deadline.getTime()) {
    // Only the next timer: the breach timer is armed when the warning fires (nextSlaTimersAfterWarning).
    return [
      {
        kind: 'warning',
        name: slaTimerJobName('warning'),
        jobId: slaTimerJobId('warning', payload),
        payload,
        dueAt: c.warningAt,
      },
    ];
  }
  return c.breachedAt === null ? [breach()] : [];
}

/**
 * Pure: the clock whose timers a fired warning timer hands on to — the breach timer that follows it —
 * or null. A clock keeps one armed timer at a time: the warning, and once the warning fired, the breach.
 * So whenever a warning timer of the clock's current version has run (it recorded the warning, found it
 * recorded already, or found the clock breached meanwhile), the clock's next timers are planned from the
 * clock as it now is; a stale, early or vanished warning hands on nothing (whoever moved the clock armed
 * its new timers; an early one is retried).
 */
export function clockAfterWarning(
  timerVersion: number,
  clock: SlaTimerClockRow | undefined,
  decision: SlaTimerDecision,
  now: Date,
): SlaTimerClock | null {
  if (!clock || clock.timer_version !== timerVersion) return null;
  if (!decision.act && decision.reason !== 'already-recorded' && decision.reason !== 'not-applicable') return null;
  const after = toTimerClock(clock);
  return decision.act ? { ...after, warnedAt: now } : after;
}

/**
 * Whether a projection write needs new timers for a clock: it has timers to plan and it is new, has a
 * new timer version (deadline or warning moved — including a priority upgrade that breaches it at
 * once), or (re)started running (a reopened clock may keep its deadline and version). A running clock
 * that merely passed its deadline keeps the timer it has (its breach timer is firing right now, or its
 * warning timer, due earlier, hands on to the breach when it runs).
 */
export function needsNewTimers(
  before: { state: string; timerVersion: number } | undefined,
  after: SlaTimerClock,
): boolean {
  if (planSlaTimers(after).length === 0) return false;
  if (before === undefined || before.timerVersion !== after.timerVersion) return true;
  return after.state === 'running' && before.state !== 'running';
}

/**
 * Whether a planned timer goes to Redis when its clock is written: it is due within `horizonMs` of `now`
 * (an overdue one included). A later one is armed by reconciliation once it comes within the horizon —
 * minutes before it is due, so it still fires on time — and most never are: their clock stops first.
 */
export function withinTimerHorizon(dueAt: Date, now: Date, horizonMs: number): boolean {
  return dueAt.getTime() <= now.getTime() + horizonMs;
}

/**
 * The outbox jobs of the timers of `clocks` (what {@link armSlaTimers} writes); with `horizon`, only those
 * due within it (see {@link withinTimerHorizon}).
 */
export function slaTimerJobs(
  clocks: readonly SlaTimerClock[],
  horizon?: { now: Date; horizonMs: number },
): OutboxJob[] {
  return clocks.flatMap((c) =>
    planSlaTimers(c)
      .filter((t) => !horizon || withinTimerHorizon(t.dueAt, horizon.now, horizon.horizonMs))
      .map((t) => ({ jobName: t.name, payload: t.payload, runAt: t.dueAt })),
  );
}

/** The timer view of a clock that has just started: timer version 0, no warning or breach recorded. */
export function newClockTimer(
  ticketId: string,
  c: Pick<SlaTimerClock, 'clock' | 'state' | 'warningAt' | 'deadline'>,
): SlaTimerClock {
  const { clock, state, warningAt, deadline } = c;
  return { ticketId, clock, state, warningAt, deadline, warnedAt: null, breachedAt: null, timerVersion: 0 };
}

/** Writes outbox rows for the timers of `clocks` (one statement), inside the caller's transaction. */
export async function armSlaTimers(manager: EntityManager, clocks: readonly SlaTimerClock[]): Promise<number> {
  const jobs = slaTimerJobs(clocks);
  await enqueueManyInTransaction(manager, jobs);
  return jobs.length;
}

/** Raw ticket_sla_clocks row (the timer columns) as read by handlers and reconciliation. */
export interface SlaTimerClockRow {
  ticket_id: string;
  clock: SlaClockName;
  state: string;
  warning_at: Date | null;
  deadline: Date | null;
  warned_at: Date | null;
  breached_at: Date | null;
  timer_version: number;
  started_at: Date;
  stopped_at: Date | null;
}

export const SLA_TIMER_CLOCK_COLUMNS = `ticket_id, clock, state, warning_at, deadline, warned_at, breached_at, timer_version, started_at, stopped_at`;

export function toTimerClock(r: SlaTimerClockRow): SlaTimerClock {
  return {
    ticketId: r.ticket_id,
    clock: r.clock,
    state: r.state,
    warningAt: r.warning_at,
    deadline: r.deadline,
    warnedAt: r.warned_at,
    breachedAt: r.breached_at,
    timerVersion: r.timer_version,
  };
}

export type SlaTimerDecision =
  { act: true } | { act: false; reason: 'gone' | 'stale-version' | 'not-due' | 'not-applicable' | 'already-recorded' };

/**
 * Pure: whether a timer of `kind` armed for `timerVersion` acts on the clock as re-read (and
 * re-projected) at `now`. 'not-due' means the job came early (the handler retries it).
 */
export function decideSlaTimer(
  kind: SlaTimerKind,
  timerVersion: number,
  clock: SlaTimerClockRow | undefined,
  now: Date,
): SlaTimerDecision {
  if (!clock) return { act: false, reason: 'gone' };
  if (clock.timer_version !== timerVersion) return { act: false, reason: 'stale-version' };
  if (kind === 'breach') {
    if (clock.breached_at !== null) return { act: false, reason: 'already-recorded' };
    if (clock.state === 'breached') return { act: true };
    if (clock.state === 'running' && clock.deadline && now.getTime() <= clock.deadline.getTime()) {
      return { act: false, reason: 'not-due' };
    }
    return { act: false, reason: 'not-applicable' };
  }
  if (clock.warned_at !== null) return { act: false, reason: 'already-recorded' };
  if (clock.state !== 'running' || clock.warning_at === null) return { act: false, reason: 'not-applicable' };
  if (now.getTime() < clock.warning_at.getTime()) return { act: false, reason: 'not-due' };
  return { act: true };
}

export const SLA_EVENT_BY_KIND = { warning: 'sla_warning', breach: 'sla_breached' } as const;

/**
 * The event's dedup key: one warning / breach per ticket, clock and clock cycle (the clock's start:
 * a restarted clock can warn and breach again, the same breach is never recorded twice).
 */
export function slaEventDedupKey(kind: SlaTimerKind, ticketId: string, clock: SlaClockName, startedAt: Date): string {
  return `${SLA_EVENT_BY_KIND[kind]}.${ticketId}.${clock}.${startedAt.getTime()}`;
}
