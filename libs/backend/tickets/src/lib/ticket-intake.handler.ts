import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TicketEntity, TicketEventEntity } from '@leitstand/backend/data-access';
import { JobHandler, type HandlesJob, type JobContext, type JobPayloads } from '@leitstand/backend/jobs';

export const INTAKE_CONFIRMED = 'intake_confirmed';

/**
 * Handles 'ticket.created': confirms the intake in the ticket's event log, exactly once.
 * The job is delivered at least once; the unique dedup key turns a repeat into a no-op.
 */
@Injectable()
@JobHandler('ticket.created')
export class TicketIntakeHandler implements HandlesJob<'ticket.created'> {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async handle(payload: JobPayloads['ticket.created'], context: JobContext): Promise<void> {
    const ticket = await this.dataSource
      .getRepository(TicketEntity)
      .findOne({ where: { id: payload.ticketId }, select: { id: true } });
    if (!ticket) return; // gone: nothing to confirm
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(TicketEventEntity)
      .values({
        ticketId: ticket.id,
        type: INTAKE_CONFIRMED,
        actor: 'system:worker',
        payload: { jobId: context.jobId, attempt: context.attempt },
        dedupKey: `${INTAKE_CONFIRMED}.${ticket.id}`,
      })
      .orIgnore()
      .execute();
  }
}
