import { Inject, Injectable } from '@nestjs/common';
import { JobHandler, type HandlesJob, type JobContext, type JobPayloads } from '@leitstand/backend/jobs';
import { SlaTimerService } from './sla-timer.service';

/** The breach timer of an SLA clock (one millisecond past its deadline). */
@Injectable()
@JobHandler('sla.breach')
export class SlaBreachHandler implements HandlesJob<'sla.breach'> {
  constructor(@Inject(SlaTimerService) private readonly service: SlaTimerService) {}

  handle(payload: JobPayloads['sla.breach'], _context: JobContext): Promise<void> {
    return this.service.fireDue('breach', payload);
  }
}
