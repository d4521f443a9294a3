import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ServiceProcess, TEST_METRICS_TOKEN, createTestEnv, type TestEnv } from '@leitstand/backend/testing';

/**
 * Issue 13, "also expected of a hardened API": security headers on every answer (API JSON, the UI,
 * errors, Swagger UI), HSTS only in production, /metrics behind METRICS_TOKEN, and the OpenAPI
 * document that `npm run openapi:lint` lints is the one the API serves.
 */
const WEB_DIST = join(__dirname, '../../../dist/frontend/helpdesk/browser');
const OPENAPI_JS = join(__dirname, '../../../dist/backend/api/openapi.js');

/** The CSP as a map of directive → sources. */
function csp(headers: Headers): Map<string, string[]> {
  const value = headers.get('content-security-policy') ?? '';
  return new Map(
    value
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name as string, sources]),
  );
}

function expectAppHeaders(headers: Headers): void {
  const policy = csp(headers);
  expect(policy.get('default-src')).toEqual(["'self'"]);
  expect(policy.get('script-src')).toEqual(["'self'"]);
  expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(headers.get('x-frame-options')).toBe('DENY');
}

describe('security surface (issue 13): headers, metrics token, OpenAPI', () => {
  let env: TestEnv;
  let api: ServiceProcess;

  beforeAll(async () => {
    env = await createTestEnv('security_surface');
    api = await ServiceProcess.start('api', { ...env.env, WEB_DIST, METRICS_TOKEN: TEST_METRICS_TOKEN });
  });

  afterAll(async () => {
    await api?.stop();
    await env?.cleanup();
  });

  const get = (path: string, init?: RequestInit): Promise<Response> => fetch(`${api.baseUrl}${path}`, init);

  describe('security headers', () => {
    it('are on API JSON answers, without HSTS outside production', async () => {
      const res = await get('/api/health');
      expect(res.status).toBe(200);
      expectAppHeaders(res.headers);
      expect(res.headers.get('strict-transport-security')).toBeNull();
    });

    it('are on the UI index, its deep links and its files', async () => {
      for (const path of ['/', '/portal/tickets/8b0c2a4e-0000-4000-8000-000000000000']) {
        const res = await get(path, { headers: { accept: 'text/html' } });
        expect([path, res.status, res.headers.get('content-type')]).toEqual([path, 200, 'text/html; charset=utf-8']);
        expect(await res.text()).toContain('<ls-root');
        expectAppHeaders(res.headers);
      }
      const script = /<script src="([^"]+)"/.exec(readFileSync(join(WEB_DIST, 'index.html'), 'utf8'))?.[1];
      const file = await get(`/${script}`);
      expect(file.status).toBe(200);
      expectAppHeaders(file.headers);
    });

    it('leave the built UI nothing the CSP would block: no inline script, handler or critical-CSS loader', () => {
      const html = readFileSync(join(WEB_DIST, 'index.html'), 'utf8');
      expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? []).toEqual([]);
      expect(html.match(/\son[a-z]+=/gi) ?? []).toEqual([]);
      expect(html.match(/javascript:/gi) ?? []).toEqual([]);
    });

    it('are on error answers (401, 404, 400, 415)', async () => {
      const answers = await Promise.all([
        get('/api/tickets'),
        get('/api/no-such-route'),
        get('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }),
        get('/api/auth/login', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }),
      ]);
      expect(answers.map((r) => r.status)).toEqual([401, 404, 400, 415]);
      for (const res of answers) {
        expect(res.headers.get('content-type')).toContain('application/json');
        expectAppHeaders(res.headers);
      }
    });

    it('are on the public iCalendar feed too, which answers an unknown token with 404 (never a hint)', async () => {
      const res = await get(`/api/calendar/${'A'.repeat(43)}.ics`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/json');
      expectAppHeaders(res.headers);
    });

    it('keep Swagger UI working under the same policy: no inline script on its page, its files served', async () => {
      const page = await get('/api/docs');
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('swagger-ui');
      expectAppHeaders(page.headers);
      expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? []).toEqual([]);
      expect(html.match(/\son[a-z]+=/gi) ?? []).toEqual([]);
      // every script and stylesheet the page loads comes from this origin and is served
      const assets = [...html.matchAll(/(?:src|href)="(\.?\/?[^"]+\.(?:js|css))"/g)].map((m) => m[1] as string);
      expect(assets.length).toBeGreaterThan(0);
      for (const asset of assets) {
        expect(asset).not.toMatch(/^https?:/);
        const res = await get(new URL(asset, `${api.baseUrl}/api/docs/`).pathname);
        expect([asset, res.status]).toEqual([asset, 200]);
      }
    });
  });

  describe('/metrics', () => {
    it('answers 401 without or with a wrong bearer token, 200 with METRICS_TOKEN', async () => {
      const none = await get('/metrics');
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      expect(await none.text()).not.toContain('leitstand_');
      const wrong = await get('/metrics', { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}x` } });
      expect(wrong.status).toBe(401);
      const basic = await get('/metrics', { headers: { authorization: `Basic ${TEST_METRICS_TOKEN}` } });
      expect(basic.status).toBe(401);
      const ok = await get('/metrics', { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('leitstand_http_request_duration_seconds');
    });
  });

  describe('OpenAPI', () => {
    it('is the same document that openapi.js writes for the lint (no database needed)', async () => {
      const served = (await (await get('/api/docs/openapi.json')).json()) as Record<string, unknown>;
      const written = JSON.parse(execFileSync(process.execPath, [OPENAPI_JS], { encoding: 'utf8' })) as Record<
        string,
        unknown
      >;
      expect(written).toEqual(served);
      const paths = served['paths'] as Record<string, Record<string, { security?: unknown[] }>>;
      expect(paths['/metrics']?.['get']?.security).toEqual([{ metricsToken: [] }]);
      expect(paths['/api/auth/login']?.['post']?.security).toEqual([{}]);
      expect(paths['/api/tickets']?.['get']?.security).toBeUndefined(); // the document's default: bearer or cookie
      // the technicians' iCalendar feed is anonymous (calendar apps send no credentials; the token is the secret)
      expect(paths['/api/calendar/{token}.ics']?.['get']?.security).toEqual([{}]);
      expect(paths['/api/account/calendar-token']?.['post']?.security).toBeUndefined();
      expect(served['security']).toEqual([{ bearer: [] }, { ls_access: [] }]);
    });
  });

  describe('in production', () => {
    let prod: ServiceProcess;

    beforeAll(async () => {
      prod = await ServiceProcess.start('api', {
        ...env.env,
        NODE_ENV: 'production',
        JWT_SECRET: 'security-surface-test-secret-0123456789abcdef',
      });
    });

    afterAll(async () => {
      await prod?.stop();
    });

    it('adds HSTS and upgrade-insecure-requests, and answers 404 on /metrics while METRICS_TOKEN is unset', async () => {
      const res = await fetch(`${prod.baseUrl}/api/health`);
      expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expect(csp(res.headers).has('upgrade-insecure-requests')).toBe(true);
      expectAppHeaders(res.headers);
      const metrics = await fetch(`${prod.baseUrl}/metrics`, {
        headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` },
      });
      expect(metrics.status).toBe(404);
      expectAppHeaders(metrics.headers);
    });
  });
});
