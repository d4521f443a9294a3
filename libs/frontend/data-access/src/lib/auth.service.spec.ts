import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { AGENT, sessionFor } from './auth-test.fixtures';
import { AuthService, refreshRefused } from './auth.service';

describe('AuthService', () => {
  let auth: AuthService;
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    auth = TestBed.inject(AuthService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('starts signed out', () => {
    expect(auth.user()).toBeNull();
    expect(auth.isAuthenticated()).toBe(false);
  });

  it('login() POSTs the credentials, then knows the user and stores no token in the browser', async () => {
    const result = firstValueFrom(auth.login({ email: AGENT.email, password: 'geheim' }));
    const req = http.expectOne({ method: 'POST', url: '/api/auth/login' });
    expect(req.request.body).toEqual({ email: AGENT.email, password: 'geheim' });
    req.flush(sessionFor(AGENT));

    await expect(result).resolves.toEqual(AGENT);
    expect(auth.user()).toEqual(AGENT);
    expect(auth.isAuthenticated()).toBe(true);
    expect(localStorage).toHaveLength(0);
    expect(sessionStorage).toHaveLength(0);
  });

  it('login() passes a 401 to the caller and stays signed out', async () => {
    const result = firstValueFrom(auth.login({ email: AGENT.email, password: 'falsch' }));
    http
      .expectOne('/api/auth/login')
      .flush({ statusCode: 401, message: 'Invalid credentials' }, { status: 401, statusText: 'Unauthorized' });

    await expect(result).rejects.toMatchObject({ status: 401 });
    expect(auth.isAuthenticated()).toBe(false);
  });

  it('logout() POSTs an empty JSON object (never an empty JSON body) and signs out', async () => {
    await signIn();

    const result = firstValueFrom(auth.logout(), { defaultValue: undefined });
    const req = http.expectOne({ method: 'POST', url: '/api/auth/logout' });
    expect(req.request.body).toEqual({});
    req.flush(null, { status: 204, statusText: 'No Content' });

    await expect(result).resolves.toBeUndefined();
    expect(auth.user()).toBeNull();
  });

  it('logout() signs out locally even when the server cannot be reached', async () => {
    await signIn();

    const result = firstValueFrom(auth.logout(), { defaultValue: undefined });
    http.expectOne('/api/auth/logout').error(new ProgressEvent('error'));

    await expect(result).rejects.toMatchObject({ status: 0 });
    expect(auth.isAuthenticated()).toBe(false);
  });

  it('restore() asks GET /api/auth/me who is signed in', async () => {
    const restored = auth.restore();
    http.expectOne({ method: 'GET', url: '/api/auth/me' }).flush(AGENT);

    await expect(restored).resolves.toEqual(AGENT);
    expect(auth.user()).toEqual(AGENT);
  });

  it('restore() refreshes once when the access cookie has expired, and takes the user from the refresh', async () => {
    const restored = auth.restore();
    http.expectOne('/api/auth/me').flush(null, { status: 401, statusText: 'Unauthorized' });
    const refresh = http.expectOne({ method: 'POST', url: '/api/auth/refresh' });
    expect(refresh.request.body).toEqual({});
    refresh.flush(sessionFor(AGENT));

    await expect(restored).resolves.toEqual(AGENT);
    expect(auth.isAuthenticated()).toBe(true);
  });

  it('restore() resolves to null (never rejects) without a session', async () => {
    const restored = auth.restore();
    http.expectOne('/api/auth/me').flush(null, { status: 401, statusText: 'Unauthorized' });
    http.expectOne('/api/auth/refresh').flush(null, { status: 401, statusText: 'Unauthorized' });

    await expect(restored).resolves.toBeNull();
    expect(auth.isAuthenticated()).toBe(false);
  });

  it('restore() resolves to null when the API is down, without trying a refresh', async () => {
    const restored = auth.restore();
    http.expectOne('/api/auth/me').error(new ProgressEvent('error'));
    http.expectNone('/api/auth/refresh');

    await expect(restored).resolves.toBeNull();
  });

  it('refresh() is single-flight: callers during a refresh share one request', async () => {
    const first = firstValueFrom(auth.refresh());
    const second = firstValueFrom(auth.refresh());
    http.expectOne('/api/auth/refresh').flush(sessionFor(AGENT));

    await expect(Promise.all([first, second])).resolves.toEqual([AGENT, AGENT]);
    expect(auth.user()).toEqual(AGENT);
  });

  it('refresh() starts a new request once the previous one has finished (also after a failure)', async () => {
    const failed = firstValueFrom(auth.refresh());
    http.expectOne('/api/auth/refresh').flush(null, { status: 503, statusText: 'Service Unavailable' });
    await expect(failed).rejects.toMatchObject({ status: 503 });

    const next = firstValueFrom(auth.refresh());
    http.expectOne('/api/auth/refresh').flush(sessionFor(AGENT));
    await expect(next).resolves.toEqual(AGENT);

    const third = firstValueFrom(auth.refresh());
    http.expectOne('/api/auth/refresh').flush(sessionFor(AGENT));
    await expect(third).resolves.toEqual(AGENT);
  });

  it('switchLanguage() switches at once and stores the language on the account only when signed in', async () => {
    auth.switchLanguage('en');
    http.expectNone('/api/account'); // nobody signed in: the device keeps it
    expect(localStorage.getItem('ls.language')).toBe('en');
    await signIn();
    auth.switchLanguage('de');
    const req = http.expectOne({ method: 'PATCH', url: '/api/account' });
    expect(req.request.body).toEqual({ language: 'de' });
    req.flush(null);
    expect(auth.user()?.language).toBe('de');
    auth.switchLanguage('de');
    http.expectNone('/api/account'); // already the account's language
  });

  it('endSession() forgets the user and says whether somebody was signed in', async () => {
    expect(auth.endSession()).toBe(false);
    await signIn();
    expect(auth.endSession()).toBe(true);
    expect(auth.user()).toBeNull();
  });

  it('refreshRefused() tells a refused session (4xx) from a passing problem (network, 5xx)', async () => {
    const errors = await Promise.all(
      [401, 403, 0, 503].map(async (status) => {
        const attempt = firstValueFrom(auth.refresh());
        const req = http.expectOne('/api/auth/refresh');
        if (status === 0) {
          req.error(new ProgressEvent('error'));
        } else {
          req.flush(null, { status, statusText: 'x' });
        }
        return attempt.catch((error: unknown) => error);
      }),
    );
    expect(errors.map(refreshRefused)).toEqual([true, true, false, false]);
  });

  async function signIn(): Promise<void> {
    const done = firstValueFrom(auth.login({ email: AGENT.email, password: 'geheim' }));
    http.expectOne('/api/auth/login').flush(sessionFor(AGENT));
    await done;
  }
});
