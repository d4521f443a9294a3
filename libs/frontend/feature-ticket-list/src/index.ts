export { TICKET_LIST_ROUTES } from './lib/ticket-list.routes';
export { TicketListPageComponent } from './lib/ticket-list-page.component';
export { provideTicketListIcons } from './lib/ticket-list.icons';
