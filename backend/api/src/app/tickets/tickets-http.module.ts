import { Module } from '@nestjs/common';
import { TicketsService } from '@leitstand/backend/tickets';
import { TicketsController } from './tickets.controller';

/** HTTP surface of tickets: intake, queue, transitions, timeline, work logs, SSE. */
@Module({ controllers: [TicketsController], providers: [TicketsService] })
export class TicketsHttpModule {}
