import type { EntityManager } from 'typeorm';
import type { JobName, JobPayloads } from './jobs.constants';

export const OUTBOX_CHANNEL = 'leitstand_outbox';
export const OUTBOX_TABLE = 'outbox_messages';

/**
 * Writes the job a change implies into the outbox, inside the caller's transaction, and wakes the
 * relay (NOTIFY is delivered on commit, and dropped on rollback together with the row).
 */
export async function enqueueInTransaction<N extends JobName>(
  manager: EntityManager,
  jobName: N,
  payload: JobPayloads[N],
  runAt: Date | null = null,
): Promise<void> {
  await manager.query(
    `WITH row AS (INSERT INTO ${OUTBOX_TABLE} (job_name, payload, run_at) VALUES ($1, $2::jsonb, $3) RETURNING id)
     SELECT pg_notify($4, '') FROM row`,
    [jobName, JSON.stringify(payload), runAt, OUTBOX_CHANNEL],
  );
}

/** One job for {@link enqueueManyInTransaction}. */
export interface OutboxJob<N extends JobName = JobName> {
  jobName: N;
  payload: JobPayloads[N];
  runAt?: Date | null;
}

/**
 * {@link enqueueInTransaction} for many jobs in one statement (one round trip, one NOTIFY): the
 * outbox writes of a group-committed batch. Does nothing for an empty list.
 */
export async function enqueueManyInTransaction(manager: EntityManager, jobs: readonly OutboxJob[]): Promise<void> {
  if (jobs.length === 0) return;
  await manager.query(
    `WITH rows AS (
       INSERT INTO ${OUTBOX_TABLE} (job_name, payload, run_at)
       SELECT * FROM unnest($1::text[], $2::jsonb[], $3::timestamptz[]) RETURNING id)
     SELECT pg_notify($4, '') FROM (SELECT 1 FROM rows LIMIT 1) AS committed`,
    [...outboxColumnArrays(jobs), OUTBOX_CHANNEL],
  );
}

/** The jobs as the outbox's column arrays (job_name, payload, run_at) for an `INSERT … SELECT FROM unnest(…)`. */
export function outboxColumnArrays(jobs: readonly OutboxJob[]): [string[], string[], Array<Date | null>] {
  return [jobs.map((j) => j.jobName), jobs.map((j) => JSON.stringify(j.payload)), jobs.map((j) => j.runAt ?? null)];
}
