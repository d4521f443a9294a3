import type { Routes } from '@angular/router';
import { authGuard, roleGuard, roleHomeGuard } from '@leitstand/frontend/data-access';
import { NotFoundPageComponent } from './not-found-page.component';

export const APP_ROUTES: Routes = [
  {
    path: 'login',
    loadChildren: () => import('@leitstand/frontend/feature-auth').then((m) => m.AUTH_ROUTES),
  },
  {
    path: '',
    pathMatch: 'full',
    // Where sign-in leads: customers, technicians and managers go on to their own start page (roleHomeGuard,
    // ROLE_HOME: /portal, /technician, /dashboard); agents and admins stay in the queue.
    canActivate: [authGuard, roleHomeGuard],
    loadChildren: () => import('@leitstand/frontend/feature-ticket-list').then((m) => m.TICKET_LIST_ROUTES),
  },
  {
    // The queue for every staff role, managers included (their "/" is the dashboard).
    path: 'queue',
    canActivate: [authGuard, roleGuard('agent', 'admin', 'manager')],
    loadChildren: () => import('@leitstand/frontend/feature-ticket-list').then((m) => m.TICKET_LIST_ROUTES),
  },
  {
    path: 'tickets/new',
    canActivate: [authGuard, roleGuard('agent', 'admin', 'manager')],
    loadChildren: () => import('@leitstand/frontend/feature-ticket-intake').then((m) => m.TICKET_INTAKE_ROUTES),
  },
  {
    path: 'tickets/:id',
    canActivate: [authGuard, roleGuard('agent', 'admin', 'manager')],
    loadChildren: () => import('@leitstand/frontend/feature-ticket-detail').then((m) => m.TICKET_DETAIL_ROUTES),
  },
  {
    path: 'dashboard',
    canActivate: [authGuard],
    loadChildren: () => import('@leitstand/frontend/feature-dashboard').then((m) => m.DASHBOARD_ROUTES),
  },
  {
    // Planned maintenance and statutory inspections: the planner's calendar, plans, occurrence detail, asset log.
    path: 'maintenance',
    canActivate: [authGuard, roleGuard('agent', 'admin', 'manager')],
    loadChildren: () => import('@leitstand/frontend/feature-maintenance').then((m) => m.MAINTENANCE_ROUTES),
  },
  {
    path: 'portal',
    canActivate: [authGuard, roleGuard('customer')],
    loadChildren: () => import('@leitstand/frontend/feature-customer-portal').then((m) => m.CUSTOMER_PORTAL_ROUTES),
  },
  {
    path: 'technician',
    canActivate: [authGuard, roleGuard('technician')],
    loadChildren: () => import('@leitstand/frontend/feature-technician').then((m) => m.TECHNICIAN_ROUTES),
  },
  {
    // The one-time password link's page (public): a new user or a reset sets the password here.
    path: 'set-password',
    loadChildren: () => import('@leitstand/frontend/feature-account').then((m) => m.SET_PASSWORD_ROUTES),
  },
  {
    path: 'account',
    canActivate: [authGuard],
    loadChildren: () => import('@leitstand/frontend/feature-account').then((m) => m.ACCOUNT_ROUTES),
  },
  {
    // Before 'admin' (feature-admin): user administration lives in feature-account.
    path: 'admin/users',
    canActivate: [authGuard, roleGuard('admin', 'manager')],
    loadChildren: () => import('@leitstand/frontend/feature-account').then((m) => m.USER_ADMIN_ROUTES),
  },
  {
    // The administration: admins; managers for their tenants (the API narrows what they may write).
    path: 'admin',
    canActivate: [authGuard, roleGuard('admin', 'manager')],
    loadChildren: () => import('@leitstand/frontend/feature-admin').then((m) => m.ADMIN_ROUTES),
  },
  // A real 404 (the address stays as typed) instead of silently landing on the queue.
  { path: '**', title: 'notFound.pageTitle', component: NotFoundPageComponent },
];
