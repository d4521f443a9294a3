export { TICKET_DETAIL_ROUTES } from './lib/ticket-detail.routes';
export { TicketDetailPageComponent } from './lib/ticket-detail-page.component';
export { ACTION_FROM, actionsFor } from './lib/ticket-detail.constants';
