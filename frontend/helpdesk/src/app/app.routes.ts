import type { Routes } from '@angular/router';
import { authGuard } from '@leitstand/frontend/data-access';

export const APP_ROUTES: Routes = [
  {
    path: 'login',
    loadChildren: () => import('@leitstand/frontend/feature-auth').then((m) => m.AUTH_ROUTES),
  },
  {
    path: '',
    pathMatch: 'full',
    canActivate: [authGuard],
    loadChildren: () => import('@leitstand/frontend/feature-ticket-list').then((m) => m.TICKET_LIST_ROUTES),
  },
  {
    path: 'tickets/new',
    canActivate: [authGuard],
    loadChildren: () => import('@leitstand/frontend/feature-ticket-intake').then((m) => m.TICKET_INTAKE_ROUTES),
  },
  {
    path: 'tickets/:id',
    canActivate: [authGuard],
    loadChildren: () => import('@leitstand/frontend/feature-ticket-detail').then((m) => m.TICKET_DETAIL_ROUTES),
  },
  {
    path: 'dashboard',
    canActivate: [authGuard],
    loadChildren: () => import('@leitstand/frontend/feature-dashboard').then((m) => m.DASHBOARD_ROUTES),
  },
  { path: '**', redirectTo: '' },
];
