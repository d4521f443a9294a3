import { Module } from '@nestjs/common';
import {
  CalendarFeedService,
  ComplianceService,
  FOLLOW_UP_TICKETS,
  OccurrenceApproversService,
  OccurrenceExecutionService,
} from '@leitstand/backend/maintenance';
import { TicketsModule, TicketsService } from '@leitstand/backend/tickets';
import { CalendarFeedController, CalendarTokenController } from './calendar-feed.controller';
import { ComplianceController } from './compliance.controller';
import { OccurrenceApproversController } from './occurrence-approvers.controller';
import { OccurrenceExecutionController, TechnicianOccurrencesController } from './occurrence-execution.controller';

/**
 * HTTP surface of executing occurrences (issue 15): the technician's flow behind the evidence gate,
 * compliance and the iCalendar feed. Failed checklist items raise their fault tickets through the ticket
 * intake (TicketsService.createWithin, bound here: one feature library never imports another); the clock
 * is TicketsModule's.
 */
@Module({
  imports: [TicketsModule],
  providers: [
    OccurrenceExecutionService,
    OccurrenceApproversService,
    ComplianceService,
    CalendarFeedService,
    { provide: FOLLOW_UP_TICKETS, useExisting: TicketsService },
  ],
  controllers: [
    TechnicianOccurrencesController,
    OccurrenceExecutionController,
    OccurrenceApproversController,
    ComplianceController,
    CalendarTokenController,
    CalendarFeedController,
  ],
})
export class MaintenanceExecutionHttpModule {}
