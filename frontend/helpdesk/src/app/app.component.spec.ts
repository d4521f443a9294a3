import { DOCUMENT, formatDate, formatNumber } from '@angular/common';
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, LOCALE_ID } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { firstValueFrom, of } from 'rxjs';
import type { MeResponse, RefreshResponse, TicketListResponse } from '@leitstand/api-contracts';
import { AuthService, TicketsApiService, authInterceptor } from '@leitstand/frontend/data-access';
import { I18nService, LANGUAGE_STORAGE_KEY } from '@leitstand/frontend/i18n';
import { AppComponent, NAV_BY_ROLE } from './app.component';
import { APP_LOCALE, appConfig } from './app.config';
import { APP_ROUTES } from './app.routes';

@Component({ selector: 'ls-plain-page', template: '' })
class PlainPage {}

const EMPTY_PAGE: TicketListResponse = { items: [], nextCursor: null };

const AGENT: MeResponse = {
  id: 'u-1',
  email: 'helpdesk@leitstand.example',
  displayName: 'Anna Agentin',
  role: 'agent',
  tenantId: null,
  tenantIds: 'all',
};

const MANAGER: MeResponse = {
  id: 'u-7',
  email: 'objektleitung@leitstand.example',
  displayName: 'Otto Objektleiter',
  role: 'manager',
  tenantId: null,
  tenantIds: ['t-1'],
};

function session(user: MeResponse): RefreshResponse {
  return {
    accessToken: 'a',
    accessTokenExpiresAt: '2026-11-21T13:20:00.000Z',
    refreshToken: 'r',
    refreshTokenExpiresAt: '2026-11-28T13:05:00.000Z',
    user,
  };
}

describe('helpdesk app', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter(APP_ROUTES),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        { provide: LOCALE_ID, useValue: APP_LOCALE },
        { provide: TicketsApiService, useValue: { list: () => of(EMPTY_PAGE) } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function signIn(user: MeResponse = MANAGER): Promise<void> {
    const done = firstValueFrom(TestBed.inject(AuthService).login({ email: user.email, password: 'geheim' }));
    http.expectOne('/api/auth/login').flush(session(user));
    await done;
  }

  it('renders the shell with a skip link, the brand and a main landmark', async () => {
    const fixture = TestBed.createComponent(AppComponent);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;

    expect(root.querySelector('a.skip-link')?.getAttribute('href')).toBe('#main');
    expect(root.querySelector('.brand')?.textContent).toBe('Leitstand');
    expect(root.querySelector('main#main router-outlet')).not.toBeNull();
  });

  it('shows nobody and no "Abmelden" while signed out', async () => {
    const fixture = TestBed.createComponent(AppComponent);
    await fixture.whenStable();

    expect((fixture.nativeElement as HTMLElement).querySelector('.signed-in')).toBeNull();
    expect(
      await TestbedHarnessEnvironment.loader(fixture).getAllHarnesses(MatButtonHarness.with({ text: 'Abmelden' })),
    ).toHaveLength(0);
  });

  it('switches the shell to English and back at runtime', async () => {
    localStorage.clear();
    await signIn();
    const fixture = TestBed.createComponent(AppComponent);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const loader = TestbedHarnessEnvironment.loader(fixture);

    await (await loader.getHarness(MatButtonHarness.with({ text: 'English' }))).click();
    // The choice is kept on the account too, so the next sign-in on any device starts in English.
    const store = http.expectOne({ method: 'PATCH', url: '/api/account' });
    expect(store.request.body).toEqual({ language: 'en' });
    store.flush(null);
    await fixture.whenStable();
    expect(root.querySelector('.logout')?.textContent?.trim()).toBe('Sign out');
    expect(root.querySelector('.signed-in')?.textContent).toBe('Signed in as Otto Objektleiter, Facility manager');
    expect(document.documentElement.lang).toBe('en');

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Deutsch' }))).click();
    http.expectOne({ method: 'PATCH', url: '/api/account' }).flush(null, { status: 503, statusText: 'Unavailable' });
    await fixture.whenStable();
    // Storing is best effort: a failed PATCH leaves the switch done.
    expect(root.querySelector('.logout')?.textContent?.trim()).toBe('Abmelden');
    expect(document.documentElement.lang).toBe('de');
    localStorage.clear();
  });

  it("shows the signed-in user's name and role in the top bar", async () => {
    await signIn();
    const fixture = TestBed.createComponent(AppComponent);
    await fixture.whenStable();

    const signedIn = (fixture.nativeElement as HTMLElement).querySelector('.signed-in');
    expect(signedIn?.textContent).toBe('Angemeldet als Otto Objektleiter, Objektleitung');
    expect(signedIn?.querySelector('.user-name')?.textContent).toBe('Otto Objektleiter');
    expect(signedIn?.querySelector('.user-role')?.textContent).toBe(', Objektleitung');
  });

  it('"Abmelden" signs out at the API and shows the sign-in page', async () => {
    await signIn(AGENT);
    const harness = await RouterTestingHarness.create('/');
    const fixture = TestBed.createComponent(AppComponent);
    await fixture.whenStable();
    const logout = await TestbedHarnessEnvironment.loader(fixture).getHarness(
      MatButtonHarness.with({ text: 'Abmelden' }),
    );

    await logout.click();
    const req = http.expectOne({ method: 'POST', url: '/api/auth/logout' });
    expect(req.request.headers.get('x-requested-with')).toBe('leitstand');
    expect(req.request.body).toEqual({});
    req.flush(null, { status: 204, statusText: 'No Content' });
    await harness.fixture.whenStable();
    await fixture.whenStable();

    expect(TestBed.inject(Router).url).toBe('/login');
    expect(TestBed.inject(AuthService).isAuthenticated()).toBe(false);
    expect((fixture.nativeElement as HTMLElement).querySelector('.signed-in')).toBeNull();
  });

  it('sends a signed-out visitor to the sign-in page', async () => {
    const harness = await RouterTestingHarness.create();

    await harness.navigateByUrl('/');
    expect(TestBed.inject(Router).url).toBe('/login');
    expect(harness.routeNativeElement?.tagName.toLowerCase()).toBe('ls-login-page');
    expect(harness.routeNativeElement?.querySelector('h1')?.textContent?.trim()).toBe('Anmelden');
  });

  it('shows an agent the ticket list at "/" and a 404 page (address kept) for an unknown path', async () => {
    await signIn(AGENT);
    const harness = await RouterTestingHarness.create();

    await harness.navigateByUrl('/');
    // The feature is lazy-loaded, so it is recognised by what it renders rather than imported here.
    expect(harness.routeNativeElement?.tagName.toLowerCase()).toBe('ls-ticket-list-page');
    expect(harness.routeNativeElement?.querySelector('h1')?.textContent).toBe('Störmeldungen');
    await harness.navigateByUrl('/gibt-es-nicht?x=1');
    expect(TestBed.inject(Router).url).toBe('/gibt-es-nicht?x=1');
    const page = harness.routeNativeElement as HTMLElement;
    expect(page.tagName.toLowerCase()).toBe('ls-not-found-page');
    expect(page.querySelector('h1')?.textContent).toBe('Seite nicht gefunden');
    expect(page.querySelector('code')?.textContent).toBe('/gibt-es-nicht?x=1');
    expect(page.querySelector('a')?.getAttribute('href')).toBe('/');
  });

  it('sends a signed-out visitor from /admin to the sign-in page, but shows an unknown path as 404', async () => {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/admin');
    expect(TestBed.inject(Router).url).toBe('/login?returnUrl=%2Fadmin%2Ftenants');
    await harness.navigateByUrl('/x/y');
    expect(TestBed.inject(Router).url).toBe('/x/y');
    expect(harness.routeNativeElement?.tagName.toLowerCase()).toBe('ls-not-found-page');
  });

  it('offers each role its navigation: admins queue, figures and administration; technicians none', async () => {
    const fixture = TestBed.createComponent(AppComponent);
    const links = (): string[] =>
      Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('nav.main-nav a')).map(
        (a) => `${a.textContent?.trim()} ${a.getAttribute('href')}`,
      );
    await fixture.whenStable();
    expect(links()).toEqual([]);

    await signIn({ ...AGENT, role: 'admin' });
    await fixture.whenStable();
    expect(links()).toEqual([
      'Störmeldungen /queue',
      'Kennzahlen /dashboard',
      'Wartung /maintenance',
      'Verwaltung /admin',
    ]);
    expect((fixture.nativeElement as HTMLElement).querySelector('nav.main-nav')?.getAttribute('aria-label')).toBe(
      'Hauptnavigation',
    );
    TestBed.inject(I18nService).setLanguage('en');
    await fixture.whenStable();
    expect(links()).toEqual([
      'Tickets /queue',
      'Figures /dashboard',
      'Maintenance /maintenance',
      'Administration /admin',
    ]);
    TestBed.inject(I18nService).setLanguage('de');
  });

  it('gives agents no administration link and technicians no navigation at all', () => {
    expect(NAV_BY_ROLE.agent.map((l) => l.path)).toEqual(['/queue', '/dashboard', '/maintenance']);
    expect(NAV_BY_ROLE.manager.map((l) => l.path)).toEqual(['/dashboard', '/queue', '/maintenance', '/admin']);
    expect(NAV_BY_ROLE.technician).toEqual([]);
    expect(NAV_BY_ROLE.customer).toEqual([]);
  });

  it('keeps agents out of /admin (back to their start page) and lets admins in', async () => {
    await signIn(AGENT);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/admin');
    expect(TestBed.inject(Router).url).toBe('/');

    await signIn({ ...AGENT, role: 'admin' });
    await harness.navigateByUrl('/admin');
    expect(TestBed.inject(Router).url).toBe('/admin/tenants');
    http.expectOne('/api/tenants').flush({ items: [], nextCursor: null });
    await harness.fixture.whenStable();
    expect(harness.routeNativeElement?.querySelector('h1')?.textContent).toBe('Mandanten');
  });

  it('sends a manager from "/" (where sign-in leads) to the contract dashboard, and opens the queue at /queue', async () => {
    await signIn(MANAGER);
    const harness = await RouterTestingHarness.create();

    await harness.navigateByUrl('/');
    expect(TestBed.inject(Router).url).toBe('/dashboard');
    expect(harness.routeNativeElement?.tagName.toLowerCase()).toBe('ls-dashboard-page');
    expect(harness.routeNativeElement?.querySelector('h1')?.textContent).toBe('Vertragskennzahlen');
    http.expectOne('/api/contracts').flush({ items: [], nextCursor: null });
    await harness.fixture.whenStable();
    expect(harness.routeNativeElement?.textContent).toContain('Für Ihre Mandanten sind keine Verträge hinterlegt.');

    await harness.navigateByUrl('/queue');
    expect(TestBed.inject(Router).url).toBe('/queue');
    expect(harness.routeNativeElement?.tagName.toLowerCase()).toBe('ls-ticket-list-page');
  });

  it('has de-DE and en-GB number and date formats registered for Angular', () => {
    expect(APP_LOCALE).toBe('de-DE');
    expect(formatNumber(1234.56, 'de-DE', '1.2-2')).toBe('1.234,56');
    expect(formatDate('2026-11-21T14:05:00', 'EEEE, d. MMMM y', 'de-DE')).toBe('Samstag, 21. November 2026');
    expect(formatNumber(1234.56, 'en-GB', '1.2-2')).toBe('1,234.56');
    expect(formatDate('2026-11-21T14:05:00', 'dd/MM/y, HH:mm', 'en-GB')).toBe('21/11/2026, 14:05');
  });
});

describe('helpdesk app config', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => localStorage.clear());

  function configure(): HttpTestingController {
    TestBed.configureTestingModule({ providers: [...appConfig.providers, provideHttpClientTesting()] });
    return TestBed.inject(HttpTestingController);
  }

  it('takes LOCALE_ID from the language chosen at startup: de-DE by default', () => {
    configure();
    expect(TestBed.inject(LOCALE_ID)).toBe('de-DE');
  });

  it('takes LOCALE_ID from the language chosen at startup: en-GB after English was chosen', () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    configure();
    expect(TestBed.inject(LOCALE_ID)).toBe('en-GB');
  });

  it('shows route titles given as text keys in the UI language and switches them with it', async () => {
    const http = configure();
    http.expectOne('/api/auth/me').flush(MANAGER);
    const router = TestBed.inject(Router);
    const doc = TestBed.inject(DOCUMENT);

    await router.navigateByUrl('/tickets/new');
    expect(doc.title).toBe('Neue Störmeldung – Leitstand');
    TestBed.inject(I18nService).setLanguage('en');
    TestBed.tick();
    expect(doc.title).toBe('New incident report – Leitstand');

    // A title that is not a key is shown as it is.
    router.resetConfig([{ path: 'plain', component: PlainPage, title: 'Ein fester Titel' }, ...router.config]);
    await router.navigateByUrl('/plain');
    expect(doc.title).toBe('Ein fester Titel');
  });

  it('restores the session at startup with GET /api/auth/me (sending the CSRF header)', async () => {
    TestBed.configureTestingModule({ providers: [...appConfig.providers, provideHttpClientTesting()] });
    const http = TestBed.inject(HttpTestingController);
    const auth = TestBed.inject(AuthService);

    const me = http.expectOne({ method: 'GET', url: '/api/auth/me' });
    expect(me.request.headers.get('x-requested-with')).toBe('leitstand');
    me.flush(MANAGER);
    await TestBed.inject(Router).navigateByUrl('/login');

    expect(auth.user()).toEqual(MANAGER);
    http.verify();
  });
});
