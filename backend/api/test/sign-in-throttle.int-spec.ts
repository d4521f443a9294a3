import { ServiceProcess, createTestEnv, createUser, type FixtureUser, type TestEnv } from '@leitstand/backend/testing';

/**
 * Issue 13, item 7, on two real API processes sharing one Redis: failed sign-ins are counted per
 * e-mail and per client address (X-Forwarded-For, the API trusts its proxy), a locked scope
 * answers 429 with Retry-After before any password is checked — the right one too — and the lock
 * backs off exponentially. Successful sign-ins are never throttled. Small limits via env keep it fast.
 */
describe('sign-in throttle', () => {
  const FREE = 5;
  const FREE_PER_IP = 12;
  const LOCK_BASE_MS = 3_000;
  let env: TestEnv;
  let apis: ServiceProcess[];

  beforeAll(async () => {
    env = await createTestEnv('sign_in_throttle', {
      AUTH_SIGN_IN_FREE_FAILURES: String(FREE),
      AUTH_SIGN_IN_FREE_FAILURES_PER_IP: String(FREE_PER_IP),
      AUTH_SIGN_IN_LOCK_BASE_MS: String(LOCK_BASE_MS),
      AUTH_SIGN_IN_LOCK_MAX_MS: String(4 * LOCK_BASE_MS),
    });
    apis = await Promise.all([ServiceProcess.start('api', env.env), ServiceProcess.start('api', env.env)]);
  });

  afterAll(async () => {
    await Promise.all((apis ?? []).map((api) => api.stop()));
    await env?.cleanup();
  });

  /** One sign-in attempt from `ip`, on the API process `i % 2` (the count must be shared). */
  function attempt(email: string, password: string, ip: string, i = 0): Promise<Response> {
    return fetch(`${apis[i % 2]?.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify({ email, password }),
    });
  }

  const wrong = (user: { email: string }, ip: string, i = 0): Promise<Response> =>
    attempt(user.email, 'not-the-password', ip, i);
  const right = (user: FixtureUser, ip: string, i = 0): Promise<Response> => attempt(user.email, user.password, ip, i);
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  async function expectThrottled(res: Response): Promise<number> {
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual((4 * LOCK_BASE_MS) / 1000);
    const body = (await res.json()) as { statusCode: number; message: string };
    expect(body).toEqual(
      expect.objectContaining({ statusCode: 429, message: 'Too many failed sign-ins; try again later' }),
    );
    return retryAfter;
  }

  it('answers 50 wrong passwords with 401 five times, then 429 with Retry-After — the right one too', async () => {
    const user = await createUser(env.dataSource, 'agent');
    const ip = '203.0.113.10';
    const statuses: number[] = [];
    let firstThrottled: Response | null = null;
    for (let i = 0; i < 50; i++) {
      const res = await wrong(user, ip, i);
      statuses.push(res.status);
      if (res.status === 429 && !firstThrottled) firstThrottled = res;
      else await res.body?.cancel();
    }
    expect(statuses.slice(0, FREE)).toEqual(Array<number>(FREE).fill(401));
    expect(statuses[FREE]).toBe(429);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(40);
    expect(statuses).not.toContain(200);
    expect(await expectThrottled(firstThrottled as Response)).toBe(LOCK_BASE_MS / 1000);

    // The right password is refused as well while the account is locked, on either process.
    const retryAfter = await expectThrottled(await right(user, ip, 1));
    await sleep(retryAfter * 1000 + 200);
    expect((await right(user, ip)).status).toBe(200);

    // The success forgot the account's failures: four more wrong ones are 401s, not a lock.
    for (let i = 0; i < FREE - 1; i++) expect((await wrong(user, ip, i)).status).toBe(401);
    expect((await right(user, ip)).status).toBe(200);
  });

  it('backs off: each failure after a lock doubles it', async () => {
    const user = await createUser(env.dataSource, 'technician');
    const ip = '203.0.113.20';
    for (let i = 0; i < FREE; i++) expect((await wrong(user, ip, i)).status).toBe(401);
    const first = await expectThrottled(await wrong(user, ip));
    await sleep(first * 1000 + 200);
    expect((await wrong(user, ip)).status).toBe(401); // the lock ran out: one more try, one more failure …
    expect(await expectThrottled(await wrong(user, ip, 1))).toBe((2 * LOCK_BASE_MS) / 1000); // … doubles it
  });

  it('locks unknown e-mails exactly like known ones (nobody learns which exist)', async () => {
    const ghost = { email: 'nobody-at-all@example.test' };
    const ip = '203.0.113.30';
    const bodies: unknown[] = [];
    for (let i = 0; i < FREE; i++) {
      const res = await wrong(ghost, ip, i);
      expect(res.status).toBe(401);
      const { requestId: _requestId, ...body } = (await res.json()) as Record<string, unknown>;
      bodies.push(body);
    }
    expect(bodies[0]).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Invalid email or password' });
    await expectThrottled(await wrong(ghost, ip));
    // The same e-mail in another case is the same account.
    await expectThrottled(await wrong({ email: ghost.email.toUpperCase() }, ip));
  });

  it('locks an account from every address, and leaves other accounts at that address alone', async () => {
    const [victim, colleague] = await Promise.all([
      createUser(env.dataSource, 'agent'),
      createUser(env.dataSource, 'agent'),
    ]);
    const ip = '203.0.113.40';
    for (let i = 0; i < FREE; i++) expect((await wrong(victim, ip, i)).status).toBe(401);
    await expectThrottled(await right(victim, '198.51.100.41'));
    expect((await right(colleague, ip)).status).toBe(200);
  });

  it('locks an address after its failures for every account, and not other addresses', async () => {
    const user = await createUser(env.dataSource, 'manager');
    const ip = '203.0.113.50';
    for (let i = 0; i < FREE_PER_IP; i++) {
      // A different e-mail each time: no account reaches its own limit.
      expect((await wrong({ email: `spray-${i}@example.test` }, ip, i)).status).toBe(401);
    }
    await expectThrottled(await right(user, ip));
    expect((await right(user, '203.0.113.51')).status).toBe(200);
    // IPv6 clients are counted per /64: another address of the same network is locked too.
    const v6 = '2001:db8:5:6::1';
    for (let i = 0; i < FREE_PER_IP; i++) {
      expect((await wrong({ email: `spray6-${i}@example.test` }, v6, i)).status).toBe(401);
    }
    await expectThrottled(await right(user, '2001:db8:5:6:ffff::2'));
    expect((await right(user, '2001:db8:5:7::1')).status).toBe(200);
  });

  it('never throttles successful sign-ins, and logs each lock as a security event', async () => {
    const user = await createUser(env.dataSource, 'admin');
    const statuses: number[] = [];
    // More than an address's free failures, all from one address: successes never count.
    for (let i = 0; i < FREE_PER_IP + 3; i++) statuses.push((await right(user, '203.0.113.60', i)).status);
    expect(statuses).toEqual(Array<number>(FREE_PER_IP + 3).fill(200));

    const logs = apis.flatMap((api) => api.logs());
    const locks = logs.filter((l) => l['event'] === 'auth.login.throttle');
    expect(locks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ scope: 'account', ip: '203.0.113.10', lockMs: LOCK_BASE_MS, level: 40 }),
        expect.objectContaining({ scope: 'ip', ip: '203.0.113.50', failures: FREE_PER_IP }),
        expect.objectContaining({ scope: 'ip', ip: '2001:db8:5:6::/64' }),
      ]),
    );
    expect(logs.some((l) => l['event'] === 'auth.login.throttled')).toBe(true);
    // Neither passwords nor e-mails reach the log.
    const text = JSON.stringify(logs);
    expect(text).not.toContain('not-the-password');
    expect(text).not.toContain('nobody-at-all@example.test');
  });
});

/**
 * The per-address request limit (@fastify/rate-limit, Redis store) over sign-in, refresh and
 * logout: every request counts, successful or not, shared by two API processes.
 */
describe('auth request rate limit per address', () => {
  const PER_MINUTE = 20;
  let env: TestEnv;
  let apis: ServiceProcess[];

  beforeAll(async () => {
    env = await createTestEnv('auth_rate_limit', { AUTH_REQUESTS_PER_MINUTE_PER_IP: String(PER_MINUTE) });
    apis = await Promise.all([ServiceProcess.start('api', env.env), ServiceProcess.start('api', env.env)]);
  });

  afterAll(async () => {
    await Promise.all((apis ?? []).map((api) => api.stop()));
    await env?.cleanup();
  });

  function post(path: string, body: unknown, ip: string, i = 0): Promise<Response> {
    return fetch(`${apis[i % 2]?.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify(body),
    });
  }

  it('answers the request past the limit 429 with Retry-After, per address and route', async () => {
    const user = await createUser(env.dataSource, 'agent');
    const credentials = { email: user.email, password: user.password };
    const ip = '198.51.100.70';
    let refreshToken = '';
    for (let i = 0; i < PER_MINUTE; i++) {
      const res = await post('/api/auth/login', credentials, ip, i);
      expect(res.status).toBe(200);
      refreshToken = ((await res.json()) as { refreshToken: string }).refreshToken;
    }
    const limited = await post('/api/auth/login', credentials, ip);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await limited.json()).toEqual(
      expect.objectContaining({
        statusCode: 429,
        error: 'Too Many Requests',
        message: 'Too many requests from this address; try again later',
      }),
    );
    // Another address, and another route from the same address, have counts of their own.
    expect((await post('/api/auth/login', credentials, '198.51.100.71', 1)).status).toBe(200);
    expect((await post('/api/auth/refresh', { refreshToken }, ip)).status).toBe(200);
    // Routes other than sign-in, refresh and logout are not limited.
    for (let i = 0; i < PER_MINUTE + 5; i++) {
      const res = await fetch(`${apis[i % 2]?.baseUrl}/api/health`, { headers: { 'x-forwarded-for': ip } });
      expect(res.status).toBe(200);
      await res.body?.cancel();
    }
    const events = apis.flatMap((api) => api.logs()).filter((l) => l['event'] === 'auth.rate_limited');
    expect(events).toEqual(expect.arrayContaining([expect.objectContaining({ ip })]));
  });

  it('takes the address from X-Forwarded-For only from a trusted proxy (TRUST_PROXY)', async () => {
    const untrusting = await ServiceProcess.start('api', { ...env.env, TRUST_PROXY: 'false' });
    try {
      const logout = (i: number): Promise<Response> =>
        fetch(`${untrusting.baseUrl}/api/auth/logout`, {
          method: 'POST',
          // A client making up a new address for every request …
          headers: { 'x-forwarded-for': `192.0.2.${i + 1}` },
        });
      for (let i = 0; i < PER_MINUTE; i++) expect((await logout(i)).status).toBe(204);
      // … is still one client (127.0.0.1 here): the next request is over the limit.
      const limited = await logout(PER_MINUTE);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await untrusting.stop();
    }
  });
});
