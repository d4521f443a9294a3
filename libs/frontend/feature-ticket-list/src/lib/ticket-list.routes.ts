import type { Routes } from '@angular/router';
import { TicketListPageComponent } from './ticket-list-page.component';
import { provideTicketListIcons } from './ticket-list.icons';

/** Mount with `loadChildren: () => import('@leitstand/frontend/feature-ticket-list').then((m) => m.TICKET_LIST_ROUTES)`. */
export const TICKET_LIST_ROUTES: Routes = [
  {
    path: '',
    title: 'queue.pageTitle',
    providers: [provideTicketListIcons()],
    component: TicketListPageComponent,
  },
];
