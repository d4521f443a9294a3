import type { Routes } from '@angular/router';
import { provideLsIcons } from '@leitstand/frontend/ui';
import { PortalPageComponent } from './portal-page.component';
import { PortalReportComponent } from './portal-report.component';
import { PortalTicketComponent } from './portal-ticket.component';

/** The customer portal under `/portal` (the app guards it for customers). */
export const CUSTOMER_PORTAL_ROUTES: Routes = [
  {
    path: '',
    providers: [provideLsIcons()],
    children: [
      { path: '', component: PortalPageComponent, title: 'Leitstand – Störmeldungen' },
      { path: 'new', component: PortalReportComponent, title: 'Leitstand – Störung melden' },
      { path: 'tickets/:id', component: PortalTicketComponent, title: 'Leitstand – Störmeldung' },
    ],
  },
];
