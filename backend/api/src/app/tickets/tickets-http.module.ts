import { Module } from '@nestjs/common';
import { TicketsModule } from '@leitstand/backend/tickets';
import { TicketsController } from './tickets.controller';

/** HTTP surface of tickets: intake, queue, transitions, timeline, work logs, materials, SSE. */
@Module({ imports: [TicketsModule], controllers: [TicketsController] })
export class TicketsHttpModule {}
