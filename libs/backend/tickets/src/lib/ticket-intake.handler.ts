import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GroupCommitQueue, Metrics, preparedQuery } from '@leitstand/backend/core';
import { JobHandler, type HandlesJob, type JobContext, type JobPayloads } from '@leitstand/backend/jobs';

export const INTAKE_CONFIRMED = 'intake_confirmed';

/** Confirmations written in one statement at most. */
export const INTAKE_CONFIRM_BATCH = 200;

interface Confirmation {
  ticketId: string;
  jobId: string;
  attempt: number;
}

/**
 * Handles 'ticket.created' (the intake batches of one relay round): confirms each ticket's intake in its
 * event log, exactly once.
 * The job is delivered at least once; the unique dedup key turns a repeat into a no-op, and a ticket
 * that is gone is skipped. Jobs that arrive while a batch is being written are confirmed together in
 * the next one (group commit: one INSERT … SELECT for the batch); a failed batch fails each of its
 * jobs, and BullMQ retries them.
 */
@Injectable()
@JobHandler('ticket.created')
export class TicketIntakeHandler implements HandlesJob<'ticket.created'> {
  private readonly batches = new GroupCommitQueue<Confirmation, void>({
    write: (items) => this.confirm(items),
    maxBatch: INTAKE_CONFIRM_BATCH,
    isolate: false,
    onBatch: (size) => this.metrics.groupCommitBatchSize.observe({ writer: 'intake-confirmation' }, size),
  });

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Metrics) private readonly metrics: Metrics,
  ) {}

  async handle(payload: JobPayloads['ticket.created'], context: JobContext): Promise<void> {
    await Promise.all(
      payload.ticketIds.map((ticketId) =>
        this.batches.submit({ ticketId, jobId: context.jobId, attempt: context.attempt }),
      ),
    );
  }

  private async confirm(items: readonly Confirmation[]): Promise<void[]> {
    await preparedQuery(
      this.dataSource,
      `INSERT INTO ticket_events (ticket_id, type, actor, payload, dedup_key)
       SELECT t.id, $3::text, 'system:worker', c.payload, $3::text || '.' || t.id
         FROM unnest($1::uuid[], $2::jsonb[]) AS c(ticket_id, payload)
         JOIN tickets t ON t.id = c.ticket_id
       ON CONFLICT (dedup_key) DO NOTHING`,
      [
        items.map((i) => i.ticketId),
        items.map((i) => JSON.stringify({ jobId: i.jobId, attempt: i.attempt })),
        INTAKE_CONFIRMED,
      ],
    );
    return items.map(() => undefined);
  }
}
