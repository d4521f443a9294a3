import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, switchMap, throwError } from 'rxjs';
import { API_BASE_URL } from './api-base-url.token';
import { AuthService, refreshRefused } from './auth.service';
import { loginUrlTree } from './login-redirect';

/** The API's CSRF check: cookie-authenticated POST/PUT/PATCH/DELETE without it are refused (403). */
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_HEADER_VALUE = 'leitstand';

/**
 * For every request to the API: adds `x-requested-with: leitstand`. When a non-auth endpoint answers 401
 * (the 15-minute access cookie expired), refreshes the session once — shared with every other request that
 * failed meanwhile — and retries the request once. When the server refuses the refresh, the session is over:
 * the user is signed out locally and sent to `/login?returnUrl=…`, and the caller gets the original 401.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const baseUrl = inject(API_BASE_URL);
  if (!isUnder(request.url, baseUrl)) {
    return next(request);
  }
  const withCsrf = request.clone({ setHeaders: { [CSRF_HEADER]: CSRF_HEADER_VALUE } });
  if (isUnder(request.url, `${baseUrl}/auth`)) {
    // Login, refresh, logout and /me answer 401 as a result, not as an expired session.
    return next(withCsrf);
  }
  const auth = inject(AuthService);
  const router = inject(Router);
  return next(withCsrf).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401) {
        return throwError(() => error);
      }
      return auth.refresh().pipe(
        catchError((refreshError: unknown) => {
          if (!refreshRefused(refreshError)) {
            return throwError(() => refreshError);
          }
          // Only the first of several requests failing together navigates.
          if (auth.endSession()) {
            void router.navigateByUrl(loginUrlTree(router, currentUrl(router)));
          }
          return throwError(() => error);
        }),
        // Straight to the next handler: a second 401 is the caller's, never a second refresh.
        switchMap(() => next(withCsrf)),
      );
    }),
  );
};

function isUnder(url: string, prefix: string): boolean {
  return url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`);
}

/** Where the user is (or is going, while a navigation runs): that is where the sign-in should lead back to. */
function currentUrl(router: Router): string {
  const navigation = router.currentNavigation();
  return navigation ? router.serializeUrl(navigation.finalUrl ?? navigation.extractedUrl) : router.url;
}
