import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { AGENT, sessionFor } from './auth-test.fixtures';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';

const UNAUTHORIZED = { status: 401, statusText: 'Unauthorized' };

describe('authInterceptor', () => {
  let client: HttpClient;
  let http: HttpTestingController;
  let auth: AuthService;
  let navigateByUrl: jest.SpyInstance;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    client = TestBed.inject(HttpClient);
    http = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthService);
    const router = TestBed.inject(Router);
    navigateByUrl = jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);

    const signedIn = firstValueFrom(auth.login({ email: AGENT.email, password: 'geheim' }));
    http.expectOne('/api/auth/login').flush(sessionFor(AGENT));
    await signedIn;
  });

  afterEach(() => http.verify());

  it.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])(
    'adds x-requested-with: leitstand to %s /api requests',
    (method) => {
      client.request(method, '/api/tickets', { body: {} }).subscribe();

      const req = http.expectOne('/api/tickets');
      expect(req.request.headers.get('x-requested-with')).toBe('leitstand');
      req.flush({});
    },
  );

  it('adds the header to auth requests too (refresh and logout are cookie POSTs)', () => {
    auth.refresh().subscribe();
    const req = http.expectOne('/api/auth/refresh');
    expect(req.request.headers.get('x-requested-with')).toBe('leitstand');
    req.flush(sessionFor(AGENT));
  });

  it('leaves requests outside the API alone', () => {
    client.get('/assets/config.json').subscribe();
    client.get('/apidocs').subscribe();

    expect(http.expectOne('/assets/config.json').request.headers.has('x-requested-with')).toBe(false);
    expect(http.expectOne('/apidocs').request.headers.has('x-requested-with')).toBe(false);
  });

  it('on a 401 refreshes the session once and retries the request once', async () => {
    const result = firstValueFrom(client.get('/api/tickets'));
    http.expectOne('/api/tickets').flush(null, UNAUTHORIZED);
    http.expectOne({ method: 'POST', url: '/api/auth/refresh' }).flush(sessionFor(AGENT));
    const retry = http.expectOne('/api/tickets');
    expect(retry.request.headers.get('x-requested-with')).toBe('leitstand');
    retry.flush({ items: [], nextCursor: null });

    await expect(result).resolves.toEqual({ items: [], nextCursor: null });
    expect(navigateByUrl).not.toHaveBeenCalled();
  });

  it('retries a POST with its body after the refresh', async () => {
    const result = firstValueFrom(client.post('/api/tickets', { title: 'Aufzug steht' }));
    http.expectOne('/api/tickets').flush(null, UNAUTHORIZED);
    http.expectOne('/api/auth/refresh').flush(sessionFor(AGENT));
    const retry = http.expectOne({ method: 'POST', url: '/api/tickets' });
    expect(retry.request.body).toEqual({ title: 'Aufzug steht' });
    retry.flush({ id: 't-1' });

    await expect(result).resolves.toEqual({ id: 't-1' });
  });

  it('concurrent 401s trigger ONE refresh, then each request is retried', async () => {
    const results = ['/api/tickets', '/api/sites', '/api/assets'].map((url) => firstValueFrom(client.get(url)));
    for (const url of ['/api/tickets', '/api/sites', '/api/assets']) {
      http.expectOne(url).flush(null, UNAUTHORIZED);
    }

    const refreshes = http.match('/api/auth/refresh');
    expect(refreshes).toHaveLength(1);
    refreshes[0]?.flush(sessionFor(AGENT));
    for (const url of ['/api/tickets', '/api/sites', '/api/assets']) {
      http.expectOne(url).flush({ url });
    }

    await expect(Promise.all(results)).resolves.toEqual([
      { url: '/api/tickets' },
      { url: '/api/sites' },
      { url: '/api/assets' },
    ]);
  });

  it('a 401 on the retry goes to the caller without a second refresh', async () => {
    const result = firstValueFrom(client.get('/api/tickets'));
    http.expectOne('/api/tickets').flush(null, UNAUTHORIZED);
    http.expectOne('/api/auth/refresh').flush(sessionFor(AGENT));
    http.expectOne('/api/tickets').flush(null, UNAUTHORIZED);

    await expect(result).rejects.toMatchObject({ status: 401 });
    http.expectNone('/api/auth/refresh');
  });

  it('when the refresh is refused: signs out, navigates ONCE to /login?returnUrl=… and passes the 401 on', async () => {
    const router = TestBed.inject(Router);
    jest.spyOn(router, 'url', 'get').mockReturnValue('/tickets?status=new');
    const results = ['/api/tickets', '/api/sites'].map((url) =>
      firstValueFrom(client.get(url)).catch((error: unknown) => error),
    );
    http.expectOne('/api/tickets').flush(null, UNAUTHORIZED);
    http.expectOne('/api/sites').flush(null, UNAUTHORIZED);
    http.expectOne('/api/auth/refresh').flush({ message: 'Refresh token reused' }, UNAUTHORIZED);

    await expect(Promise.all(results)).resolves.toMatchObject([{ status: 401 }, { status: 401 }]);
    expect(auth.isAuthenticated()).toBe(false);
    expect(navigateByUrl).toHaveBeenCalledTimes(1);
    expect(router.serializeUrl(navigateByUrl.mock.calls[0][0])).toBe('/login?returnUrl=%2Ftickets%3Fstatus%3Dnew');
    http.expectNone('/api/tickets');
  });

  it('when the refresh fails for a passing reason (API down) the user stays signed in and sees that error', async () => {
    const result = firstValueFrom(client.get('/api/tickets'));
    http.expectOne('/api/tickets').flush(null, UNAUTHORIZED);
    http.expectOne('/api/auth/refresh').flush(null, { status: 503, statusText: 'Service Unavailable' });

    await expect(result).rejects.toMatchObject({ status: 503 });
    expect(auth.isAuthenticated()).toBe(true);
    expect(navigateByUrl).not.toHaveBeenCalled();
  });

  it.each(['/api/auth/login', '/api/auth/me', '/api/auth/refresh'])('never refreshes on a 401 from %s', async (url) => {
    const result = firstValueFrom(client.post(url, {}));
    http.expectOne(url).flush(null, UNAUTHORIZED);

    await expect(result).rejects.toMatchObject({ status: 401 });
    expect(navigateByUrl).not.toHaveBeenCalled();
  });

  it('passes other errors on untouched', async () => {
    const result = firstValueFrom(client.get('/api/tickets'));
    http.expectOne('/api/tickets').flush(null, { status: 403, statusText: 'Forbidden' });

    await expect(result).rejects.toMatchObject({ status: 403 });
  });
});
