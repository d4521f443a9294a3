export { TICKET_LIST_ROUTES } from './lib/ticket-list.routes';
export { TicketListPageComponent } from './lib/ticket-list-page.component';
export { provideTicketListIcons } from './lib/ticket-list.icons';
/** Moved to `@leitstand/frontend/ui`; re-exported here for existing imports. */
export { DateTimePipe, DISPLAY_TIME_ZONE, formatInstant } from '@leitstand/frontend/ui';
