export { TICKET_INTAKE_ROUTES } from './lib/ticket-intake.routes';
export { TicketIntakePageComponent } from './lib/ticket-intake-page.component';
