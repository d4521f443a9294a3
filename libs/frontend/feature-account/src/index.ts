export { ACCOUNT_ROUTES, SET_PASSWORD_ROUTES, USER_ADMIN_ROUTES } from './lib/account.routes';
export { AccountPageComponent } from './lib/account-page.component';
export { SetPasswordPageComponent } from './lib/set-password-page.component';
export { UserAdminPageComponent } from './lib/user-admin-page.component';
export { AccountApiService, describeAccountError } from './lib/account-api.service';
