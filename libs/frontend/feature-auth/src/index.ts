export { AUTH_ROUTES } from './lib/auth.routes';
export { LoginPageComponent, LOGIN_ERROR_MESSAGES } from './lib/login-page.component';
