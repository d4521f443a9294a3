import type { Routes } from '@angular/router';
import { provideLsIcons } from '@leitstand/frontend/ui';
import { TicketDetailPageComponent } from './ticket-detail-page.component';

/** Mount at `tickets/:id` with `loadChildren`; the page reads `id` through component input binding. */
export const TICKET_DETAIL_ROUTES: Routes = [
  {
    path: '',
    title: 'detail.pageTitle',
    providers: [provideLsIcons()],
    component: TicketDetailPageComponent,
  },
];
