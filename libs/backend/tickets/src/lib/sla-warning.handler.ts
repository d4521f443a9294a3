import { Inject, Injectable } from '@nestjs/common';
import { JobHandler, type HandlesJob, type JobContext, type JobPayloads } from '@leitstand/backend/jobs';
import { SlaTimerService } from './sla-timer.service';

/** The warning timer of an SLA clock (at its warning share of the budget). */
@Injectable()
@JobHandler('sla.warning')
export class SlaWarningHandler implements HandlesJob<'sla.warning'> {
  constructor(@Inject(SlaTimerService) private readonly service: SlaTimerService) {}

  handle(payload: JobPayloads['sla.warning'], _context: JobContext): Promise<void> {
    return this.service.fireDue('warning', payload);
  }
}
