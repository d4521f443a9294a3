import type { Routes } from '@angular/router';

export const APP_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    loadChildren: () => import('@leitstand/frontend/feature-ticket-list').then((m) => m.TICKET_LIST_ROUTES),
  },
  { path: '**', redirectTo: '' },
];
