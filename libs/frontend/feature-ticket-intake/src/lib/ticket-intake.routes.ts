import type { Routes } from '@angular/router';
import { provideLsIcons } from '@leitstand/frontend/ui';
import { TicketIntakePageComponent } from './ticket-intake-page.component';

/** Mount at `tickets/new` with `loadChildren`. */
export const TICKET_INTAKE_ROUTES: Routes = [
  {
    path: '',
    title: 'intake.pageTitle',
    providers: [provideLsIcons()],
    component: TicketIntakePageComponent,
  },
];
