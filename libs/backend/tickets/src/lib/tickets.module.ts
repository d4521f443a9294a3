import { Module } from '@nestjs/common';
import { ContractTermsCache } from './contract-terms.cache';
import { TicketActionsService } from './ticket-actions.service';
import { TicketChangesHub, TicketChangesPublisher } from './ticket-changes';
import { SYSTEM_CLOCK, CLOCK } from '@leitstand/backend/core';
import { TicketIntakeWriter } from './ticket-intake.writer';
import { PlaceLookup } from './place-lookup';
import { TicketsService } from './tickets.service';

/**
 * Tickets for the API: intake, queries, actions and the live change stream (its Redis subscription
 * is opened once per process that imports this module). The worker only uses TicketIntakeHandler.
 */
@Module({
  providers: [
    { provide: CLOCK, useValue: SYSTEM_CLOCK },
    { provide: ContractTermsCache, useValue: new ContractTermsCache() },
    TicketChangesPublisher,
    TicketChangesHub,
    TicketIntakeWriter,
    PlaceLookup,
    TicketsService,
    TicketActionsService,
  ],
  exports: [TicketsService, TicketActionsService, TicketChangesHub, CLOCK],
})
export class TicketsModule {}
