export * from './lib/create-ticket.dto';
export * from './lib/tickets.service';
export * from './lib/ticket-intake.handler';
