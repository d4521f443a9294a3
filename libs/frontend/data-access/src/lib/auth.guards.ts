import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { AuthService } from './auth.service';
import { loginUrlTree, safeReturnUrl } from './login-redirect';

/** Lets only signed-in users in; everybody else goes to `/login?returnUrl=<where they wanted to go>`. */
export const authGuard: CanActivateFn = (_route, state) => {
  const router = inject(Router);
  return inject(AuthService).isAuthenticated() || loginUrlTree(router, state.url);
};

/** The sign-in page is for signed-out users; a signed-in user goes on to where the page would have led. */
export const guestGuard: CanActivateFn = (route) => {
  const router = inject(Router);
  return !inject(AuthService).isAuthenticated() || router.parseUrl(safeReturnUrl(route.queryParamMap.get('returnUrl')));
};
