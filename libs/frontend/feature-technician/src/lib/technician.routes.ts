import type { Routes } from '@angular/router';
import { TechnicianPageComponent } from './technician-page.component';
import { TechnicianTicketComponent } from './technician-ticket.component';

/** The technician's phone view under `/technician` (the app guards it for technicians). */
export const TECHNICIAN_ROUTES: Routes = [
  { path: '', component: TechnicianPageComponent, title: 'Leitstand – Meine Einsätze' },
  { path: 'tickets/:id', component: TechnicianTicketComponent, title: 'Leitstand – Einsatz' },
];
