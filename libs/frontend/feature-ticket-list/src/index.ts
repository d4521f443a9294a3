export { TICKET_LIST_ROUTES } from './lib/ticket-list.routes';
export { TicketListPageComponent } from './lib/ticket-list-page.component';
export { provideTicketListIcons } from './lib/ticket-list.icons';
export { DateTimePipe, DISPLAY_TIME_ZONE, formatInstant } from './lib/date-time.pipe';
