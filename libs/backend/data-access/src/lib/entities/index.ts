import { OutboxMessageEntity } from './outbox-message.entity';
import { TicketEventEntity } from './ticket-event.entity';
import { TicketNumberCounterEntity } from './ticket-number-counter.entity';
import { TicketEntity } from './ticket.entity';

export { OutboxMessageEntity, TicketEventEntity, TicketNumberCounterEntity, TicketEntity };

export const ENTITIES = [TicketEntity, TicketEventEntity, OutboxMessageEntity, TicketNumberCounterEntity];
