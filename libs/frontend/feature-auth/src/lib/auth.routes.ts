import type { Routes } from '@angular/router';
import { guestGuard } from '@leitstand/frontend/data-access';
import { LoginPageComponent } from './login-page.component';

/** Mount at `login` with `loadChildren: () => import('@leitstand/frontend/feature-auth').then((m) => m.AUTH_ROUTES)`. */
export const AUTH_ROUTES: Routes = [
  {
    path: '',
    title: 'Anmelden – Leitstand',
    canActivate: [guestGuard],
    component: LoginPageComponent,
  },
];
