import { randomBytes } from 'node:crypto';
import { ServiceProcess, createTestEnv, createUser, type FixtureUser, type TestEnv } from '@leitstand/backend/testing';

/**
 * Issue 13, items 5 and 6, on two real API processes sharing one database: a session ends only
 * for whoever proves its current refresh secret (or is signed in to it, or is an admin), and two
 * parallel refreshes of one token — the two tabs of one browser, possibly served by different
 * processes — both get the same successor within a short grace window; after it, reuse is theft.
 */
describe('sessions: only the owner ends them, parallel refreshes share a successor', () => {
  const GRACE_MS = 2_000;
  let env: TestEnv;
  let apis: ServiceProcess[];

  beforeAll(async () => {
    env = await createTestEnv('sessions', {
      JWT_SECRET: randomBytes(32).toString('hex'),
      AUTH_REFRESH_GRACE_MS: String(GRACE_MS),
    });
    apis = await Promise.all([ServiceProcess.start('api', env.env), ServiceProcess.start('api', env.env)]);
  });

  afterAll(async () => {
    await Promise.all((apis ?? []).map((api) => api.stop()));
    await env?.cleanup();
  });

  interface Tokens {
    accessToken: string;
    refreshToken: string;
    refreshTokenExpiresAt: string;
  }

  const url = (path: string, api = 0): string => `${apis[api]?.baseUrl}${path}`;

  function post(path: string, body: unknown, headers: Record<string, string> = {}, api = 0): Promise<Response> {
    return fetch(url(path, api), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  }

  async function signIn(user: FixtureUser): Promise<{ tokens: Tokens; cookie: string }> {
    const res = await post('/api/auth/login', { email: user.email, password: user.password });
    expect(res.status).toBe(200);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    return { tokens: (await res.json()) as Tokens, cookie };
  }

  const sidOf = (token: string): string => token.split('.')[0] ?? '';
  const forge = (token: string): string => `${sidOf(token)}.${randomBytes(32).toString('base64url')}`;

  async function revokedAt(token: string): Promise<Date | null> {
    const [row] = (await env.dataSource.query(`SELECT revoked_at FROM sessions WHERE id = $1`, [
      sidOf(token),
    ])) as Array<{
      revoked_at: Date | null;
    }>;
    return row?.revoked_at ?? null;
  }

  const refresh = (refreshToken: string, api = 0): Promise<Response> =>
    post('/api/auth/refresh', { refreshToken }, {}, api);

  it('answers a logout with a forged secret for a known session 401 and leaves the session alive', async () => {
    const user = await createUser(env.dataSource, 'technician');
    const { tokens, cookie } = await signIn(user);

    // Anonymous body logout: the session id is public (it is the sid claim of every access token).
    const forged = await post('/api/auth/logout', { refreshToken: forge(tokens.refreshToken) });
    expect(forged.status).toBe(401);
    // The same by cookie (with the CSRF header a foreign page cannot send, so this is a script).
    const forgedCookie = await fetch(url('/api/auth/logout'), {
      method: 'POST',
      headers: { cookie: `ls_refresh=${forge(tokens.refreshToken)}`, 'x-requested-with': 'leitstand' },
    });
    expect(forgedCookie.status).toBe(401);
    expect(await revokedAt(tokens.refreshToken)).toBeNull();

    // The real holder still refreshes …
    const res = await refresh(tokens.refreshToken);
    expect(res.status).toBe(200);
    const next = (await res.json()) as Tokens;
    // … and the real owner can end it: by the current secret, by cookie, or signed in by Bearer.
    expect((await post('/api/auth/logout', { refreshToken: next.refreshToken })).status).toBe(204);
    expect(await revokedAt(tokens.refreshToken)).toBeInstanceOf(Date);
    expect((await refresh(next.refreshToken)).status).toBe(401);

    const second = await signIn(user);
    const byCookie = await fetch(url('/api/auth/logout'), {
      method: 'POST',
      headers: { cookie: second.cookie, 'x-requested-with': 'leitstand' },
    });
    expect(byCookie.status).toBe(204);
    expect(await revokedAt(second.tokens.refreshToken)).toBeInstanceOf(Date);
    expect(cookie).not.toBe(second.cookie);

    const third = await signIn(user);
    const byBearer = await fetch(url('/api/auth/logout'), {
      method: 'POST',
      headers: { authorization: `Bearer ${third.tokens.accessToken}` },
    });
    expect(byBearer.status).toBe(204);
    expect(await revokedAt(third.tokens.refreshToken)).toBeInstanceOf(Date);

    // Unknown or malformed tokens end nothing and stay an idempotent 204.
    expect((await post('/api/auth/logout', { refreshToken: 'not-a-token' })).status).toBe(204);
    expect((await post('/api/auth/logout', { refreshToken: next.refreshToken })).status).toBe(204);
  });

  it('answers a refresh with a forged secret 401 and nothing more; the holder keeps the session', async () => {
    const user = await createUser(env.dataSource, 'agent');
    const { tokens } = await signIn(user);
    for (let i = 0; i < 3; i++) {
      const forged = await refresh(forge(tokens.refreshToken), i % 2);
      expect(forged.status).toBe(401);
    }
    expect(await revokedAt(tokens.refreshToken)).toBeNull();
    const res = await refresh(tokens.refreshToken);
    expect(res.status).toBe(200);
    // Both processes logged the failed attempt as a structured security event.
    const events = apis.flatMap((api) => api.logs()).filter((l) => l['event'] === 'auth.refresh.bad_secret');
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(events[0]).toEqual(expect.objectContaining({ sessionId: sidOf(tokens.refreshToken) }));
    expect(JSON.stringify(events)).not.toContain(tokens.refreshToken.split('.')[1]);
  });

  it('gives two parallel refreshes of one token (on two processes) the same successor, which works', async () => {
    const user = await createUser(env.dataSource, 'manager');
    for (let round = 0; round < 3; round++) {
      const { tokens } = await signIn(user);
      const [a, b] = await Promise.all([refresh(tokens.refreshToken, 0), refresh(tokens.refreshToken, 1)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      const [ta, tb] = [(await a.json()) as Tokens, (await b.json()) as Tokens];
      expect(ta.refreshToken).toBe(tb.refreshToken);
      expect(ta.refreshToken).not.toBe(tokens.refreshToken);
      for (const t of [ta, tb]) {
        expect(
          (await fetch(url('/api/auth/me'), { headers: { authorization: `Bearer ${t.accessToken}` } })).status,
        ).toBe(200);
      }
      // The shared successor rotates on as usual, and the session is alive.
      const after = await refresh(ta.refreshToken);
      expect(after.status).toBe(200);
      expect(await revokedAt(tokens.refreshToken)).toBeNull();
    }
  });

  it('treats the rotated token after the grace window as theft: the whole session ends', async () => {
    const user = await createUser(env.dataSource, 'technician');
    const { tokens } = await signIn(user);
    const res = await refresh(tokens.refreshToken);
    expect(res.status).toBe(200);
    const next = (await res.json()) as Tokens;
    // Within the window the old token yields the same successor (the second tab) …
    const again = await refresh(tokens.refreshToken, 1);
    expect(again.status).toBe(200);
    expect(((await again.json()) as Tokens).refreshToken).toBe(next.refreshToken);

    await new Promise((resolve) => setTimeout(resolve, GRACE_MS + 300));
    // … after it, presenting it is reuse: 401, and the current holder loses the session too.
    expect((await refresh(tokens.refreshToken)).status).toBe(401);
    expect(await revokedAt(tokens.refreshToken)).toBeInstanceOf(Date);
    expect((await refresh(next.refreshToken, 1)).status).toBe(401);
    const events = apis.flatMap((api) => api.logs()).filter((l) => l['event'] === 'auth.refresh.reuse');
    expect(events).toEqual(
      expect.arrayContaining([expect.objectContaining({ sessionId: sidOf(tokens.refreshToken), userId: user.id })]),
    );
  });

  it('also ends the session when a token two rotations old comes back, even within the window', async () => {
    const user = await createUser(env.dataSource, 'agent');
    const { tokens: t0 } = await signIn(user);
    const t1 = (await (await refresh(t0.refreshToken)).json()) as Tokens;
    const t2 = (await (await refresh(t1.refreshToken)).json()) as Tokens;
    expect(t2.refreshToken).not.toBe(t1.refreshToken);
    expect((await refresh(t0.refreshToken)).status).toBe(401);
    expect(await revokedAt(t0.refreshToken)).toBeInstanceOf(Date);
    expect((await refresh(t2.refreshToken)).status).toBe(401);
  });
});
