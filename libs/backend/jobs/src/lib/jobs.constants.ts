import { createHash } from 'node:crypto';
import type { JobsOptions } from 'bullmq';

/**
 * The job registry of Leitstand: every queue, every job name (explicit strings, never a class name),
 * its payload type, its default options and its jobId rule live here and only here.
 * Payloads carry ids plus a version or expected state — handlers re-read the rows.
 */
export const QUEUE_NAMES = ['tickets', 'sla-timers', 'kpi', 'maintenance', 'billing'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/**
 * Jobs a worker process runs at once per queue, where it differs from WORKER_CONCURRENCY: SLA timer
 * jobs and intake confirmations mostly wait for their group-committed batch (one database connection
 * per batch, not per job), so many may be in flight — that is what lets 1,000 timers due in one second,
 * or a burst of new tickets, share a few transactions.
 */
export const QUEUE_CONCURRENCY: Partial<Record<QueueName, number>> = { 'sla-timers': 256, tickets: 64 };

export interface JobPayloads {
  /**
   * Tickets were created — one outbox row per committed intake batch, its tickets in number order (the
   * relay merges the rows of one round into one job): the worker confirms each intake in the ticket's
   * event log.
   */
  'ticket.created': { ticketIds: string[] };
  /** Recompute a contract's KPI roll-ups (the named periods, or the current/previous ones and every stored one). */
  'kpi.recompute-contract': { contractId: string; periods?: string[] };
  /** Every few minutes (job scheduler 'kpi-sweep'): enqueue a recompute for each contract whose tickets changed. */
  'kpi.sweep': { reason: 'schedule' | 'manual' };
  /** Nightly (job scheduler 'kpi-nightly'): recompute every contract's roll-ups. */
  'kpi.recompute-all': { reason: 'schedule' | 'manual' };
  /** A running SLA clock reaches its warning instant (delayed job, armed for `timerVersion` of the clock). */
  'sla.warning': SlaTimerPayload;
  /** A running SLA clock passes its deadline (delayed job due at deadline + 1 ms, the first breached instant). */
  'sla.breach': SlaTimerPayload;
  /**
   * Materialise occurrences of a contract's requirements over the rolling 12-month horizon, reschedule
   * and release them (no contractId: every contract — the daily job scheduler 'maintenance-daily').
   * 'occurrence-completed': a floating or statutory occurrence was completed, so the dates after it move
   * (the next period counts from the completion; a main inspection re-plans the intermediate one, and the
   * body's shorter deadline in its record overrides the schedule).
   * 'asset-changed': an asset joined a site with requirements, or its trade, class or contract membership changed.
   */
  'maintenance.generate': {
    contractId?: string;
    reason: 'schedule' | 'requirement-changed' | 'occurrence-completed' | 'asset-changed' | 'manual';
  };
  /** Hourly (job scheduler 'maintenance-sweep'): reminder, overdue and missed events; statuses in step. */
  'maintenance.sweep': { reason: 'schedule' | 'manual' };
  /**
   * Monthly (job scheduler 'billing-monthly'): draft the invoice of every contract active in `period` (default:
   * the month before the run, Europe/Berlin). Idempotent: a draft is replaced, an issued month is left alone.
   */
  'billing.monthly-run': { reason: 'schedule' | 'manual'; period?: string };
}

export type SlaClockName = 'response' | 'restore';

/** What an SLA timer carries: the clock and the timer version it was armed for; the handler re-reads the rest. */
export interface SlaTimerPayload {
  ticketId: string;
  clock: SlaClockName;
  timerVersion: number;
}
export type JobName = keyof JobPayloads;

export interface JobDefinition<N extends JobName> {
  queue: QueueName;
  /** Deterministic id: publishing the same outbox row twice never creates two jobs. No ':' allowed. */
  jobId: (payload: JobPayloads[N]) => string;
  options: JobsOptions;
  /**
   * 'keep-last': the id is a BullMQ deduplication id instead of the job id. While a job with it waits,
   * adding another changes nothing (as with a job id); while one RUNS, the newest add is kept and runs
   * after it (keepLastIfActive) — so a change made during a recompute is never lost.
   */
  whileActive?: 'keep-last';
  /**
   * Jobs of this name that one relay round moves (due at once) go to BullMQ as ONE job with the merged
   * payload — fewer jobs under load. The merged payload's id must differ from every other merge's (a
   * re-published row may be merged with other rows than before), so the job id digests the whole payload.
   */
  merge?: (payloads: ReadonlyArray<JobPayloads[N]>) => JobPayloads[N];
}

/** Retention: keep completed jobs an hour (dedup window), failed ones a week for inspection. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 3_600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3_600 },
};

/**
 * SLA timers leave nothing behind: a finished (or finally failed) timer is removed at once, so the
 * same id can be armed again (reopened clock, reconciliation re-arming a timer that failed). Repeats
 * are harmless: the handler re-reads the clock and records each event exactly once (dedup key).
 */
export const SLA_TIMER_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: true,
  removeOnFail: true,
};

export type SlaTimerKind = 'warning' | 'breach';

/** `sla-breach.<ticketId>.<clock>.v<timerVersion>`: one id per clock, kind and timer version. */
export function slaTimerJobId(kind: SlaTimerKind, p: SlaTimerPayload): string {
  return `sla-${kind}.${p.ticketId}.${p.clock}.v${p.timerVersion}`;
}

/** The job name of a timer kind. */
export function slaTimerJobName(kind: SlaTimerKind): 'sla.warning' | 'sla.breach' {
  return kind === 'warning' ? 'sla.warning' : 'sla.breach';
}

/** KPI jobs leave nothing behind, so the same deterministic id can be added again once a run is done. */
export const KPI_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: true,
  removeOnFail: { age: 24 * 3_600 },
};

/** How often the sweep looks for changed contracts, and how long a recompute waits to absorb more changes. */
export const KPI_SWEEP_EVERY_MS = 5 * 60_000;
export const KPI_RECOMPUTE_DEBOUNCE_MS = 30_000;
/** Nightly full recompute at 02:30 Europe/Berlin (BullMQ job scheduler, stable key 'kpi-nightly'). */
export const KPI_NIGHTLY_CRON = '0 30 2 * * *';
export const KPI_NIGHTLY_TZ = 'Europe/Berlin';

/** Maintenance jobs leave nothing behind, so the same deterministic id can be added again once a run is done. */
export const MAINTENANCE_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 10_000 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3_600 },
};
export const BILLING_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 60_000 },
  removeOnComplete: true,
  removeOnFail: { age: 30 * 24 * 3_600 },
};
/** The monthly billing run: 03:00 Europe/Berlin on the 2nd (after the nightly KPI recompute of the 1st and 2nd). */
export const BILLING_MONTHLY_CRON = '0 0 3 2 * *';
export const BILLING_TZ = 'Europe/Berlin';

/** Daily generation at 01:15 Europe/Berlin and the hourly sweep (BullMQ job schedulers with stable keys). */
export const MAINTENANCE_DAILY_CRON = '0 15 1 * * *';
export const MAINTENANCE_SWEEP_CRON = '0 5 * * * *';
export const MAINTENANCE_TZ = 'Europe/Berlin';

export const JOB_DEFINITIONS: { [N in JobName]: JobDefinition<N> } = {
  'ticket.created': {
    queue: 'tickets',
    // The first ticket names the job; the digest of all its tickets tells merges that start alike apart.
    jobId: (p) =>
      `ticket-created.${p.ticketIds[0] ?? 'none'}.${createHash('sha1').update(p.ticketIds.join(',')).digest('hex').slice(0, 16)}`,
    options: DEFAULT_JOB_OPTIONS,
    merge: (payloads) => ({ ticketIds: payloads.flatMap((p) => p.ticketIds) }),
  },
  'kpi.recompute-contract': {
    queue: 'kpi',
    // One pending recompute per contract: while it waits (KPI_RECOMPUTE_DEBOUNCE_MS) further changes add nothing;
    // a change while it runs queues one more recompute after it.
    jobId: (p) => `kpi-recompute.${p.contractId}`,
    options: KPI_JOB_OPTIONS,
    whileActive: 'keep-last',
  },
  'kpi.sweep': { queue: 'kpi', jobId: () => 'kpi-sweep', options: KPI_JOB_OPTIONS },
  'kpi.recompute-all': { queue: 'kpi', jobId: () => 'kpi-recompute-all', options: KPI_JOB_OPTIONS },
  'sla.warning': {
    queue: 'sla-timers',
    jobId: (p) => slaTimerJobId('warning', p),
    options: SLA_TIMER_JOB_OPTIONS,
  },
  'sla.breach': {
    queue: 'sla-timers',
    jobId: (p) => slaTimerJobId('breach', p),
    options: SLA_TIMER_JOB_OPTIONS,
  },
  'maintenance.generate': {
    queue: 'maintenance',
    // One pending generation per contract; a change while one runs queues one more after it.
    jobId: (p) => `maintenance-generate.${p.contractId ?? 'all'}`,
    options: MAINTENANCE_JOB_OPTIONS,
    whileActive: 'keep-last',
  },
  'maintenance.sweep': { queue: 'maintenance', jobId: () => 'maintenance-sweep', options: MAINTENANCE_JOB_OPTIONS },
  'billing.monthly-run': {
    queue: 'billing',
    jobId: (p) => `billing-monthly-run.${p.period ?? 'previous'}`,
    options: BILLING_JOB_OPTIONS,
  },
};

export const JOB_NAMES = Object.keys(JOB_DEFINITIONS) as JobName[];

export function isJobName(name: string): name is JobName {
  return Object.prototype.hasOwnProperty.call(JOB_DEFINITIONS, name);
}

/** BullMQ rejects custom ids containing ':' and purely numeric ids; fail early and loudly. */
export function assertValidJobId(jobId: string): void {
  if (jobId.includes(':') || /^\d+$/.test(jobId) || jobId.length === 0) {
    throw new Error(`invalid BullMQ job id '${jobId}'`);
  }
}

/** The deterministic, validated job id of a payload read back from storage. */
export function jobIdFor(name: JobName, payload: unknown): string {
  const jobId = (JOB_DEFINITIONS[name].jobId as (p: unknown) => string)(payload);
  assertValidJobId(jobId);
  return jobId;
}

/**
 * The BullMQ options of adding `name` with `payload`: the definition's options and its deterministic job
 * id, or — for `whileActive: 'keep-last'` jobs — that id as deduplication id with keepLastIfActive.
 */
export function jobOptionsFor(name: JobName, payload: unknown, delayMs = 0): JobsOptions {
  const def = JOB_DEFINITIONS[name] as JobDefinition<JobName>;
  const id = jobIdFor(name, payload);
  return {
    ...def.options,
    ...(def.whileActive === 'keep-last' ? { deduplication: { id, keepLastIfActive: true } } : { jobId: id }),
    ...(delayMs > 0 ? { delay: delayMs } : {}),
  };
}
