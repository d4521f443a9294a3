import type { Router, UrlTree } from '@angular/router';

/** The route of the sign-in page. */
export const LOGIN_PATH = '/login';

/** The sign-in page, remembering where the user wanted to go (`/login?returnUrl=%2Ftickets`). */
export function loginUrlTree(router: Router, returnUrl: string): UrlTree {
  const target = safeReturnUrl(returnUrl);
  return router.createUrlTree([LOGIN_PATH], target === '/' ? {} : { queryParams: { returnUrl: target } });
}

/**
 * Where to go after signing in: only an in-app path ("/…", never "//host" or "https://…", which would be
 * an open redirect), never the sign-in page itself; "/" otherwise.
 */
export function safeReturnUrl(returnUrl: string | null | undefined): string {
  if (!returnUrl || !returnUrl.startsWith('/') || returnUrl.startsWith('//') || returnUrl.startsWith('/\\')) {
    return '/';
  }
  const path = returnUrl.split(/[?#]/, 1)[0] ?? '';
  return path === LOGIN_PATH || path.startsWith(`${LOGIN_PATH}/`) ? '/' : returnUrl;
}
