import type { Routes } from '@angular/router';
import { AccountPageComponent } from './account-page.component';
import { SetPasswordPageComponent } from './set-password-page.component';
import { UserAdminPageComponent } from './user-admin-page.component';

/** Mount at `account` (signed in). */
export const ACCOUNT_ROUTES: Routes = [{ path: '', title: 'Mein Konto – Leitstand', component: AccountPageComponent }];

/** Mount at `set-password` (public: the one-time link's page, `?token=…`). */
export const SET_PASSWORD_ROUTES: Routes = [
  { path: '', title: 'Passwort festlegen – Leitstand', component: SetPasswordPageComponent },
];

/** Mount at `admin/users` (admins and managers). */
export const USER_ADMIN_ROUTES: Routes = [
  { path: '', title: 'Benutzer – Leitstand', component: UserAdminPageComponent },
];
