import { registerLocaleData } from '@angular/common';
import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import localeDe from '@angular/common/locales/de';
import {
  type ApplicationConfig,
  LOCALE_ID,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { AuthService, authInterceptor } from '@leitstand/frontend/data-access';
import { APP_ROUTES } from './app.routes';

/** German formats everywhere (1.234,56 · 21.11.2026): the helpdesk works in German by default. */
export const APP_LOCALE = 'de-DE';
registerLocaleData(localeDe, APP_LOCALE);

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(APP_ROUTES, withComponentInputBinding()),
    // Cookie sessions: the interceptor adds the CSRF header and refreshes an expired access cookie once.
    provideHttpClient(withFetch(), withInterceptors([authInterceptor])),
    // Who is signed in is known before the first route is guarded (GET /api/auth/me, one refresh if needed).
    provideAppInitializer(() => inject(AuthService).restore()),
    { provide: LOCALE_ID, useValue: APP_LOCALE },
  ],
};
