import { createHmac, randomBytes } from 'node:crypto';
import {
  ServiceProcess,
  createTenant,
  createTestEnv,
  createUser,
  login,
  type FixtureUser,
  type TestEnv,
} from '@leitstand/backend/testing';

/**
 * Sign-in, sessions and the global guard on the real API process: login, identical 401s, token
 * validation, refresh-token rotation with reuse detection, logout, cookie flags, the CSRF header
 * for cookie-authenticated writes, roles, and 400s naming fields.
 */
describe('auth: login, sessions and the global guard', () => {
  const secret = randomBytes(32).toString('hex');
  let env: TestEnv;
  let api: ServiceProcess;
  let tenantA: string;
  let tenantB: string;
  let admin: FixtureUser;
  let agent: FixtureUser;
  let manager: FixtureUser;
  let technician: FixtureUser;
  let customer: FixtureUser;

  beforeAll(async () => {
    env = await createTestEnv('auth', { JWT_SECRET: secret });
    api = await ServiceProcess.start('api', env.env);
    tenantA = (await createTenant(env.dataSource)).id;
    tenantB = (await createTenant(env.dataSource)).id;
    [admin, agent, manager, technician, customer] = await Promise.all([
      createUser(env.dataSource, 'admin'),
      createUser(env.dataSource, 'agent'),
      createUser(env.dataSource, 'manager', { servesTenantIds: [tenantA, tenantB] }),
      createUser(env.dataSource, 'technician', { servesTenantIds: [tenantB] }),
      createUser(env.dataSource, 'customer', { tenantId: tenantA }),
    ]);
  });

  afterAll(async () => {
    await api?.stop();
    await env?.cleanup();
  });

  const url = (path: string): string => `${api.baseUrl}${path}`;

  function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(url(path), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  }

  /** POST without a body (what a browser sends for a cookie refresh/logout). */
  function postEmpty(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(url(path), { method: 'POST', headers });
  }

  interface Tokens {
    accessToken: string;
    accessTokenExpiresAt: string;
    refreshToken: string;
    refreshTokenExpiresAt: string;
    user: { id: string; email: string; role: string; tenantId: string | null; tenantIds: 'all' | string[] };
  }

  async function signIn(user: FixtureUser): Promise<{ body: Tokens; setCookies: string[] }> {
    const res = await post('/api/auth/login', { email: user.email, password: user.password });
    expect(res.status).toBe(200);
    return { body: (await res.json()) as Tokens, setCookies: res.headers.getSetCookie() };
  }

  const cookieHeader = (setCookies: string[]): string => setCookies.map((c) => c.split(';')[0]).join('; ');
  const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

  /** An HS256 JWT built by hand (no jose), to forge expired, foreign and tampered tokens. */
  function jwt(
    claims: Record<string, unknown>,
    key = secret,
    header: Record<string, unknown> = { alg: 'HS256' },
  ): string {
    const enc = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
    const unsigned = `${enc(header)}.${enc(claims)}`;
    return `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`;
  }

  function claimsFor(user: FixtureUser, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const now = Math.floor(Date.now() / 1000);
    return {
      sub: user.id,
      sid: '00000000-0000-4000-8000-000000000000',
      role: user.role,
      email: user.email,
      name: 'Forged',
      tid: user.tenantId,
      tenants: 'all',
      iss: 'leitstand',
      aud: 'leitstand-api',
      iat: now,
      exp: now + 600,
      ...overrides,
    };
  }

  async function expectApiError(res: Response, status: number): Promise<{ message: string; statusCode: number }> {
    expect(res.status).toBe(status);
    const body = (await res.json()) as { statusCode: number; error: string; message: string };
    expect(body.statusCode).toBe(status);
    expect(typeof body.message).toBe('string');
    expect(typeof body.error).toBe('string');
    return body;
  }

  it('signs in and answers /me with role and tenant scope for every role (Bearer)', async () => {
    const cases: Array<[FixtureUser, string | null, 'all' | string[]]> = [
      [admin, null, 'all'],
      [agent, null, 'all'],
      [manager, null, [tenantA, tenantB].sort()],
      [technician, null, [tenantB]],
      [customer, tenantA, [tenantA]],
    ];
    for (const [user, tenantId, tenantIds] of cases) {
      const before = Date.now();
      const { body } = await signIn(user);
      expect(body.user).toEqual({
        id: user.id,
        email: user.email,
        displayName: expect.any(String),
        role: user.role,
        tenantId,
        tenantIds,
        language: 'de',
      });
      const expiresIn = Date.parse(body.accessTokenExpiresAt) - before;
      expect(expiresIn).toBeGreaterThan(14 * 60_000);
      expect(expiresIn).toBeLessThanOrEqual(15 * 60_000 + 1_000);
      expect(body.refreshToken).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);

      const me = await fetch(url('/api/auth/me'), { headers: bearer(body.accessToken) });
      expect(me.status).toBe(200);
      expect(await me.json()).toEqual(body.user);
    }
  });

  it('keeps the contract of the test helper login() (Bearer headers and cookies)', async () => {
    const session = await login(api.baseUrl, customer);
    expect((await fetch(url('/api/auth/me'), { headers: session.headers })).status).toBe(200);
    expect((await fetch(url('/api/auth/me'), { headers: { cookie: session.cookie } })).status).toBe(200);
  });

  it('stores only a hash of the refresh token and accepts the e-mail in any case', async () => {
    const { body } = await signIn({ ...manager, email: manager.email.toUpperCase() });
    const rows = (await env.dataSource.query(`SELECT id, refresh_token_hash FROM sessions WHERE user_id = $1`, [
      manager.id,
    ])) as Array<{ id: string; refresh_token_hash: string }>;
    const row = rows.find((r) => body.refreshToken.startsWith(r.id));
    expect(row?.refresh_token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.refresh_token_hash).not.toContain(body.refreshToken.split('.')[1]);
  });

  it('answers unknown e-mail, wrong password and inactive user with the same 401', async () => {
    const inactive = await createUser(env.dataSource, 'agent');
    await env.dataSource.query(`UPDATE users SET active = false WHERE id = $1`, [inactive.id]);
    const attempts = [
      { email: admin.email, password: 'wrong-password' },
      { email: 'nobody@example.test', password: 'whatever-it-is' },
      { email: inactive.email, password: inactive.password },
    ];
    const bodies: unknown[] = [];
    for (const attempt of attempts) {
      const res = await post('/api/auth/login', attempt);
      expect(res.status).toBe(401);
      expect(res.headers.getSetCookie()).toEqual([]);
      const { requestId: _requestId, ...rest } = (await res.json()) as Record<string, unknown>;
      bodies.push(rest);
    }
    expect(bodies[0]).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Invalid email or password' });
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
  });

  it('spends comparable time on unknown e-mails and wrong passwords (dummy hash)', async () => {
    const time = async (email: string): Promise<number> => {
      const started = performance.now();
      expect((await post('/api/auth/login', { email, password: 'not-the-password' })).status).toBe(401);
      return performance.now() - started;
    };
    await time('warm-up@example.test');
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time(admin.email));
      unknown.push(await time(`ghost-${i}@example.test`));
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[1] ?? 0;
    // An argon2id verification costs tens of milliseconds; without the dummy hash the unknown
    // e-mail would answer in about a millisecond.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.4);
  });

  it('protects routes without a token while health stays public', async () => {
    for (const path of ['/api/auth/me', '/api/tickets']) {
      const body = await expectApiError(await fetch(url(path)), 401);
      expect(body.message).toBe('Authentication required');
    }
    expect((await fetch(url('/api/health'))).status).toBe(200);
    // not public: 404 without METRICS_TOKEN (unset here), 401 without the token (security-surface.int-spec)
    expect((await fetch(url('/metrics'))).status).toBe(404);
  });

  it('rejects garbage, forged, tampered, expired and wrongly addressed tokens with 401', async () => {
    const { body } = await signIn(admin);
    const [h, p, s] = body.accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin', tenants: 'all', sub: customer.id })).toString('base64url')}.${s}`;
    const now = Math.floor(Date.now() / 1000);
    const bad: Array<[string, string]> = [
      ['garbage', 'not-a-jwt'],
      ['tampered payload', tampered],
      ['foreign secret', jwt(claimsFor(admin), randomBytes(32).toString('hex'))],
      ['expired', jwt(claimsFor(admin, { iat: now - 1000, exp: now - 60 }))],
      ['wrong audience', jwt(claimsFor(admin, { aud: 'someone-else' }))],
      ['wrong issuer', jwt(claimsFor(admin, { iss: 'evil' }))],
      [
        'alg none',
        `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claimsFor(admin))).toString('base64url')}.`,
      ],
      ['unknown role', jwt(claimsFor(admin, { role: 'root' }))],
    ];
    for (const [what, token] of bad) {
      const res = await fetch(url('/api/auth/me'), { headers: bearer(token) });
      expect([what, res.status]).toEqual([what, 401]);
      await expectApiError(res, 401);
      const viaCookie = await fetch(url('/api/auth/me'), { headers: { cookie: `ls_access=${token}` } });
      expect([what, viaCookie.status]).toEqual([what, 401]);
    }
    // Not a Bearer scheme: no fallback to anything else.
    expect(
      (
        await fetch(url('/api/auth/me'), {
          headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
        })
      ).status,
    ).toBe(401);
    // The same hand-made token with the right secret, issuer and audience is accepted: the forgeries failed for their flaw.
    // A genuine signature is not enough: the token's session must exist and be live (SessionLiveness).
    const noSession = await fetch(url('/api/auth/me'), { headers: bearer(jwt(claimsFor(admin))) });
    expect(noSession.status).toBe(401);
    const { body: real } = await signIn(admin);
    const { sid } = JSON.parse(Buffer.from(real.accessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      sid: string;
    };
    const genuine = await fetch(url('/api/auth/me'), { headers: bearer(jwt(claimsFor(admin, { sid }))) });
    expect(genuine.status).toBe(200);
    expect(((await genuine.json()) as { displayName: string }).displayName).toBe('Forged');
  });

  it('sets HttpOnly, SameSite=Strict cookies scoped to /api and /api/auth', async () => {
    const { setCookies } = await signIn(agent);
    const access = setCookies.find((c) => c.startsWith('ls_access='));
    const refresh = setCookies.find((c) => c.startsWith('ls_refresh='));
    const attrs = (c: string | undefined): string[] =>
      (c ?? '')
        .split(';')
        .slice(1)
        .map((a) => a.trim().toLowerCase());
    expect(attrs(access)).toEqual(expect.arrayContaining(['path=/api', 'httponly', 'samesite=strict', 'max-age=900']));
    expect(attrs(refresh)).toEqual(
      expect.arrayContaining(['path=/api/auth', 'httponly', 'samesite=strict', 'max-age=604800']),
    );
    // NODE_ENV=test: not Secure (the tests speak plain HTTP); production adds Secure.
    expect(attrs(access)).not.toContain('secure');
  });

  it('rotates the refresh token; reusing a rotated one revokes the whole session', async () => {
    const { body: first } = await signIn(technician);
    const r1 = await post('/api/auth/refresh', { refreshToken: first.refreshToken });
    expect(r1.status).toBe(200);
    const second = (await r1.json()) as Tokens;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.refreshToken.split('.')[0]).toBe(first.refreshToken.split('.')[0]);
    expect(second.user).toEqual(first.user);
    expect((await fetch(url('/api/auth/me'), { headers: bearer(second.accessToken) })).status).toBe(200);

    // Within the grace window (AUTH_REFRESH_GRACE_MS, 5 s) the old token would yield the same
    // successor (a second tab); let the window pass.
    await env.dataSource.query(`UPDATE sessions SET rotated_at = rotated_at - interval '10 seconds' WHERE id = $1`, [
      first.refreshToken.split('.')[0],
    ]);
    // The old token again: theft detected, the session ends …
    const reuse = await post('/api/auth/refresh', { refreshToken: first.refreshToken });
    expect((await expectApiError(reuse, 401)).message).toBe('Session expired or revoked');
    // … so the legitimate holder's current token no longer works either.
    await expectApiError(await post('/api/auth/refresh', { refreshToken: second.refreshToken }), 401);
    const [row] = (await env.dataSource.query(`SELECT revoked_at FROM sessions WHERE id = $1`, [
      first.refreshToken.split('.')[0],
    ])) as Array<{ revoked_at: Date | null }>;
    expect(row?.revoked_at).toBeInstanceOf(Date);
  });

  it('picks up a changed tenant scope at the next refresh', async () => {
    const user = await createUser(env.dataSource, 'technician', { servesTenantIds: [tenantA] });
    const { body } = await signIn(user);
    expect(body.user.tenantIds).toEqual([tenantA]);
    await env.dataSource.query(`INSERT INTO user_tenants (user_id, tenant_id) VALUES ($1, $2)`, [user.id, tenantB]);
    const refreshed = (await (await post('/api/auth/refresh', { refreshToken: body.refreshToken })).json()) as Tokens;
    expect(refreshed.user.tenantIds).toEqual([tenantA, tenantB].sort());
    const me = (await (
      await fetch(url('/api/auth/me'), { headers: bearer(refreshed.accessToken) })
    ).json()) as Tokens['user'];
    expect(me.tenantIds).toEqual([tenantA, tenantB].sort());
  });

  it('refuses expired sessions, deactivated users and malformed refresh tokens', async () => {
    const { body: expired } = await signIn(customer);
    await env.dataSource.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      expired.refreshToken.split('.')[0],
    ]);
    await expectApiError(await post('/api/auth/refresh', { refreshToken: expired.refreshToken }), 401);

    const leaver = await createUser(env.dataSource, 'agent');
    const { body: leaverTokens } = await signIn(leaver);
    await env.dataSource.query(`UPDATE users SET active = false WHERE id = $1`, [leaver.id]);
    await expectApiError(await post('/api/auth/refresh', { refreshToken: leaverTokens.refreshToken }), 401);

    for (const refreshToken of ['x', `${expired.refreshToken.split('.')[0]}.short`, 'a'.repeat(80)]) {
      await expectApiError(await post('/api/auth/refresh', { refreshToken }), 401);
    }
    await expectApiError(await postEmpty('/api/auth/refresh', { 'x-requested-with': 'leitstand' }), 401);
  });

  it('refreshes by cookie only with the CSRF header, and sets rotated cookies', async () => {
    const { setCookies } = await signIn(customer);
    const cookie = cookieHeader(setCookies);
    const withoutHeader = await postEmpty('/api/auth/refresh', { cookie });
    expect((await expectApiError(withoutHeader, 403)).message).toContain('x-requested-with');

    const res = await postEmpty('/api/auth/refresh', { cookie, 'x-requested-with': 'leitstand' });
    expect(res.status).toBe(200);
    const rotated = res.headers.getSetCookie();
    expect(rotated.map((c) => c.split('=')[0]).sort()).toEqual(['ls_access', 'ls_refresh']);
    expect(cookieHeader(rotated)).not.toBe(cookie);
    expect((await fetch(url('/api/auth/me'), { headers: { cookie: cookieHeader(rotated) } })).status).toBe(200);
  });

  it('logs out: the session is revoked, cookies are cleared and the refresh token is dead', async () => {
    const { body } = await signIn(manager);
    const res = await postEmpty('/api/auth/logout', bearer(body.accessToken));
    expect(res.status).toBe(204);
    const cleared = res.headers.getSetCookie();
    expect(cleared).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ls_access=;.*Max-Age=0/),
        expect.stringMatching(/^ls_refresh=;.*Max-Age=0/),
      ]),
    );
    await expectApiError(await post('/api/auth/refresh', { refreshToken: body.refreshToken }), 401);

    // Cookie logout needs the CSRF header, then ends the session the refresh cookie names.
    const { body: b2, setCookies } = await signIn(manager);
    const cookie = cookieHeader(setCookies);
    await expectApiError(await postEmpty('/api/auth/logout', { cookie }), 403);
    expect((await post('/api/auth/refresh', { refreshToken: b2.refreshToken })).status).toBe(200);
    const { body: b3, setCookies: c3 } = await signIn(manager);
    expect(
      (await postEmpty('/api/auth/logout', { cookie: cookieHeader(c3), 'x-requested-with': 'leitstand' })).status,
    ).toBe(204);
    await expectApiError(await post('/api/auth/refresh', { refreshToken: b3.refreshToken }), 401);

    // Body logout for non-cookie clients.
    const { body: b4 } = await signIn(manager);
    expect((await post('/api/auth/logout', { refreshToken: b4.refreshToken })).status).toBe(204);
    await expectApiError(await post('/api/auth/refresh', { refreshToken: b4.refreshToken }), 401);
  });

  it('requires the CSRF header for cookie-authenticated writes, not for Bearer ones', async () => {
    const target = await createUser(env.dataSource, 'technician');
    const { body, setCookies } = await signIn(admin);
    const cookie = cookieHeader(setCookies);
    const path = `/api/auth/users/${target.id}/sessions`;

    const noHeader = await fetch(url(path), { method: 'DELETE', headers: { cookie } });
    expect((await expectApiError(noHeader, 403)).message).toContain('x-requested-with');
    const wrongHeader = await fetch(url(path), {
      method: 'DELETE',
      headers: { cookie, 'x-requested-with': 'XMLHttpRequest' },
    });
    await expectApiError(wrongHeader, 403);
    const withHeader = await fetch(url(path), {
      method: 'DELETE',
      headers: { cookie, 'x-requested-with': 'leitstand' },
    });
    expect(withHeader.status).toBe(200);
    const viaBearer = await fetch(url(path), { method: 'DELETE', headers: bearer(body.accessToken) });
    expect(viaBearer.status).toBe(200);
    // Safe methods by cookie need no header.
    expect((await fetch(url('/api/auth/me'), { headers: { cookie } })).status).toBe(200);
  });

  it('lets only admins force a sign-out (403 for other roles) and ends every session of the user', async () => {
    const target = await createUser(env.dataSource, 'technician', { servesTenantIds: [tenantA] });
    const sessions = [await signIn(target), await signIn(target)];
    const path = `/api/auth/users/${target.id}/sessions`;
    for (const caller of [customer, agent, manager, technician]) {
      const { body } = await signIn(caller);
      await expectApiError(await fetch(url(path), { method: 'DELETE', headers: bearer(body.accessToken) }), 403);
    }
    expect((await post('/api/auth/refresh', { refreshToken: sessions[0]?.body.refreshToken })).status).toBe(200);

    const { body: adminTokens } = await signIn(admin);
    const res = await fetch(url(path), { method: 'DELETE', headers: bearer(adminTokens.accessToken) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ revokedSessions: 2 });
    await expectApiError(await post('/api/auth/refresh', { refreshToken: sessions[1]?.body.refreshToken }), 401);

    const unknown = await fetch(url('/api/auth/users/00000000-0000-4000-8000-000000000000/sessions'), {
      method: 'DELETE',
      headers: bearer(adminTokens.accessToken),
    });
    await expectApiError(unknown, 404);
    const notUuid = await fetch(url('/api/auth/users/nope/sessions'), {
      method: 'DELETE',
      headers: bearer(adminTokens.accessToken),
    });
    const error = (await notUuid.json()) as { statusCode: number; fields: Array<{ field: string }> };
    expect(error.statusCode).toBe(400);
    expect(error.fields.map((f) => f.field)).toEqual(['userId']);
  });

  it('answers malformed login and refresh bodies with 400 naming each field', async () => {
    const bodies: Array<[unknown, string[]]> = [
      [{}, ['email', 'password']],
      [{ email: 'not-an-email', password: 'x' }, ['email']],
      [{ email: 'a@example.test', password: '' }, ['password']],
      [{ email: 42, password: ['x'] }, ['email', 'password']],
      [{ email: 'a@example.test', password: 'x'.repeat(1025) }, ['password']],
      [{ email: 'a@example.test', password: 'x', role: 'admin' }, ['role']],
    ];
    for (const [body, fields] of bodies) {
      const res = await post('/api/auth/login', body);
      expect(res.status).toBe(400);
      const error = (await res.json()) as { fields: Array<{ field: string }> };
      expect(error.fields.map((f) => f.field).sort()).toEqual([...fields].sort());
    }
    const refresh = await post('/api/auth/refresh', { refreshToken: 7, extra: true });
    expect(refresh.status).toBe(400);
    const error = (await refresh.json()) as { fields: Array<{ field: string }> };
    expect(error.fields.map((f) => f.field).sort()).toEqual(['extra', 'refreshToken']);
    // Malformed JSON is a client error too.
    const broken = await fetch(url('/api/auth/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    expect(broken.status).toBe(400);
  });
});

/** The adapter benchmark runs the API on Express: Bearer and cookie sign-in work there too. */
describe('auth under the Express adapter', () => {
  let env: TestEnv;
  let api: ServiceProcess;

  beforeAll(async () => {
    env = await createTestEnv('auth_express', { HTTP_ADAPTER: 'express' });
    api = await ServiceProcess.start('api', env.env);
  });

  afterAll(async () => {
    await api?.stop();
    await env?.cleanup();
  });

  it('signs in, guards by Bearer and by cookie (with the CSRF rule), and keeps health public', async () => {
    const user = await createUser(env.dataSource, 'agent');
    const session = await login(api.baseUrl, user);
    expect((await fetch(`${api.baseUrl}/api/auth/me`)).status).toBe(401);
    expect((await fetch(`${api.baseUrl}/api/health`)).status).toBe(200);
    expect((await fetch(`${api.baseUrl}/api/auth/me`, { headers: session.headers })).status).toBe(200);
    expect(session.cookie).toMatch(/ls_access=.+; ls_refresh=.+/);
    const me = await fetch(`${api.baseUrl}/api/auth/me`, { headers: { cookie: session.cookie } });
    expect(((await me.json()) as { email: string }).email).toBe(user.email);

    const cookieRefresh = await fetch(`${api.baseUrl}/api/auth/refresh`, {
      method: 'POST',
      headers: { cookie: session.cookie },
    });
    expect(cookieRefresh.status).toBe(403);
    const refreshed = await fetch(`${api.baseUrl}/api/auth/refresh`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-requested-with': 'leitstand' },
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.getSetCookie()).toHaveLength(2);
  });
});
