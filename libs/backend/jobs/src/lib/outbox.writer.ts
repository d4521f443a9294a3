import type { EntityManager } from 'typeorm';
import type { JobName, JobPayloads } from './jobs.constants';

export const OUTBOX_CHANNEL = 'leitstand_outbox';
const OUTBOX_TABLE = 'outbox_messages';

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
