import { InjectionToken } from '@angular/core';

/**
 * Where the Leitstand API lives, without a trailing slash. Defaults to the same origin (`/api`):
 * the dev server proxies it, and in production the API (or nginx) serves the UI next to it.
 */
export const API_BASE_URL = new InjectionToken<string>('API_BASE_URL', {
  providedIn: 'root',
  factory: () => '/api',
});
