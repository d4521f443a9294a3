import type { Routes } from '@angular/router';
import { provideLsIcons } from '@leitstand/frontend/ui';
import { OccurrenceExecutionComponent } from './occurrence-execution.component';
import { TechnicianOccurrencesComponent } from './technician-occurrences.component';
import { TechnicianPageComponent } from './technician-page.component';
import { TechnicianTicketComponent } from './technician-ticket.component';

/** The technician's phone view under `/technician` (the app guards it for technicians); the deadlines use the ls icons. */
export const TECHNICIAN_ROUTES: Routes = [
  {
    path: '',
    providers: [provideLsIcons()],
    children: [
      { path: '', component: TechnicianPageComponent, title: 'Leitstand – Meine Einsätze' },
      { path: 'tickets/:id', component: TechnicianTicketComponent, title: 'Leitstand – Einsatz' },
      { path: 'occurrences', component: TechnicianOccurrencesComponent, title: 'maint.pageTitle' },
      { path: 'occurrences/:id', component: OccurrenceExecutionComponent, title: 'maint.pageTitle' },
    ],
  },
];
