import { registerLocaleData } from '@angular/common';
import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import localeDe from '@angular/common/locales/de';
import localeEnGb from '@angular/common/locales/en-GB';
import {
  type ApplicationConfig,
  LOCALE_ID,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { TitleStrategy, provideRouter, withComponentInputBinding } from '@angular/router';
import { AuthService, authInterceptor } from '@leitstand/frontend/data-access';
import { I18nService, LANGUAGE_LOCALES } from '@leitstand/frontend/i18n';
import { APP_ROUTES } from './app.routes';
import { I18nTitleStrategy } from './i18n-title.strategy';

/** The default formats (1.234,56 · 21.11.2026): the helpdesk works in German unless English is chosen. */
export const APP_LOCALE = LANGUAGE_LOCALES.de;
// Angular's locale data for both UI languages, so that its locale-aware pieces work in either.
registerLocaleData(localeDe, LANGUAGE_LOCALES.de);
registerLocaleData(localeEnGb, LANGUAGE_LOCALES.en);

/**
 * Angular's LOCALE_ID is read once, when the app starts: it is the locale of the language chosen then (German by
 * default, en-GB after "English" was chosen and the page reloaded). What is on screen follows a switch at runtime
 * without it: texts, money and dates go through the i18n library (`t`, `lsMoney`, `lsDateTime`), which read
 * `I18nService.locale()`; no view uses Angular's DatePipe, DecimalPipe or CurrencyPipe.
 */
export function startupLocale(): string {
  return inject(I18nService).locale();
}

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(APP_ROUTES, withComponentInputBinding()),
    // Cookie sessions: the interceptor adds the CSRF header and refreshes an expired access cookie once.
    provideHttpClient(withFetch(), withInterceptors([authInterceptor])),
    // Who is signed in is known before the first route is guarded (GET /api/auth/me, one refresh if needed).
    provideAppInitializer(() => inject(AuthService).restore()),
    { provide: LOCALE_ID, useFactory: startupLocale },
    // Route titles may be text keys: the browser tab shows them in the UI language.
    { provide: TitleStrategy, useClass: I18nTitleStrategy },
  ],
};
