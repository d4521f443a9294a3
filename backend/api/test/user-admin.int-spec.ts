import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  ServiceProcess,
  WORKSPACE_ROOT,
  createSite,
  createTenant,
  createTestEnv,
  login,
  sleep,
  type TestEnv,
} from '@leitstand/backend/testing';
import type {
  ApiError,
  CreateUserResponse,
  PasswordLinkView,
  UserAdminListResponse,
  UserAdminView,
} from '@leitstand/api-contracts';
import { signIn, type Client } from './ticket-test-world';

const run = promisify(execFile);
const GOOD_PASSWORD = 'Kessel-Ventil-Morgenrot-7';

/**
 * Users and roles (issue 14) on two real API processes sharing one database: an admin creates a user
 * and gets a one-time set-password link, the user sets a password and signs in; the link is single
 * use, expires after 24 h, is stored hashed; managers manage only technicians and customers of their
 * tenants; bad input names the field; common passwords are refused; deactivation cuts an already
 * issued access token on the other process within 5 s (measured); the own account (password change,
 * language, sign out everywhere) and the create-admin CLI.
 */
describe('user administration', () => {
  let env: TestEnv;
  let api: ServiceProcess;
  let api2: ServiceProcess;
  let tenantA: string;
  let tenantB: string;
  let siteA: string;
  let siteB: string;
  let admin: Client;
  let manager: Client;

  beforeAll(async () => {
    env = await createTestEnv('user_admin');
    [api, api2] = await Promise.all([ServiceProcess.start('api', env.env), ServiceProcess.start('api', env.env)]);
    const ds = env.dataSource;
    tenantA = (await createTenant(ds)).id;
    tenantB = (await createTenant(ds)).id;
    siteA = (await createSite(ds, tenantA)).id;
    siteB = (await createSite(ds, tenantB)).id;
    admin = await signIn(ds, api.baseUrl, 'admin', { displayName: 'Ada Admin' });
    manager = await signIn(ds, api.baseUrl, 'manager', { displayName: 'Max Manager', servesTenantIds: [tenantA] });
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), api2?.stop()]);
    await env?.cleanup();
  });

  const unique = (): string => Math.random().toString(36).slice(2, 10);

  async function publicPost<T>(base: string, path: string, body: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  const tokenOf = (link: PasswordLinkView): string => new URL(link.path, 'http://x').searchParams.get('token') ?? '';

  async function createTechnician(by: Client, overrides: Record<string, unknown> = {}): Promise<CreateUserResponse> {
    const res = await by.post<CreateUserResponse>('/api/admin/users', {
      email: `tech-${unique()}@example.test`,
      displayName: 'Paula Pumpe',
      role: 'technician',
      tenantIds: [tenantA],
      priceListRole: 'service-technician',
      homeSiteId: siteA,
      ...overrides,
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  function fieldsOf(body: unknown): Array<{ field: string; code?: string }> {
    return ((body as ApiError).fields ?? []).map((f) => ({ field: f.field, ...(f.code ? { code: f.code } : {}) }));
  }

  it('creates a technician with a one-time link; the link sets the password (stored hashed) and they sign in', async () => {
    const created = await createTechnician(admin, { language: 'en' });
    expect(created.user).toMatchObject({
      role: 'technician',
      active: true,
      language: 'en',
      tenantIds: [tenantA],
      tenantId: null,
      priceListRole: 'service-technician',
      homeSiteId: siteA,
      version: 1,
    });
    const link = created.passwordLink;
    expect(link).toMatchObject({ purpose: 'set', delivery: 'caller' });
    expect(link.path).toMatch(/^\/set-password\?token=[A-Za-z0-9_-]{43}$/);
    const hours = (Date.parse(link.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    // Stored as sha256 only: the secret is nowhere in the table.
    const token = tokenOf(link);
    const rows = (await env.dataSource.query(
      `SELECT token_hash, created_by, purpose FROM password_tokens WHERE user_id = $1`,
      [created.user.id],
    )) as Array<{ token_hash: string; created_by: string; purpose: string }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.token_hash).not.toContain(token);
    expect(rows[0]?.created_by).toBe(admin.user.id);

    // No password before the link was used.
    const before = await publicPost(api.baseUrl, '/api/auth/login', {
      email: created.user.email,
      password: GOOD_PASSWORD,
    });
    expect(before.status).toBe(401);
    // Set on the other process: the database is the one truth.
    const set = await publicPost<{ email: string }>(api2.baseUrl, '/api/auth/set-password', {
      token,
      password: GOOD_PASSWORD,
    });
    expect(set).toEqual({ status: 200, body: { email: created.user.email } });
    const session = await login(api.baseUrl, { email: created.user.email, password: GOOD_PASSWORD });
    const me = await fetch(`${api.baseUrl}/api/auth/me`, { headers: session.headers });
    expect(await me.json()).toMatchObject({
      id: created.user.id,
      role: 'technician',
      language: 'en',
      tenantIds: [tenantA],
    });

    // Single use.
    const again = await publicPost(api.baseUrl, '/api/auth/set-password', { token, password: `${GOOD_PASSWORD}x` });
    expect(again.status).toBe(400);
    expect(fieldsOf(again.body)).toEqual([{ field: 'token', code: 'password_token_used' }]);
  });

  it('refuses unknown and expired links with their codes; a refused password leaves the link usable', async () => {
    const unknown = await publicPost(api.baseUrl, '/api/auth/set-password', {
      token: 'A'.repeat(43),
      password: GOOD_PASSWORD,
    });
    expect(unknown.status).toBe(400);
    expect(fieldsOf(unknown.body)).toEqual([{ field: 'token', code: 'password_token_unknown' }]);
    const garbage = await publicPost(api.baseUrl, '/api/auth/set-password', { token: 'x', password: GOOD_PASSWORD });
    expect(fieldsOf(garbage.body)).toEqual([{ field: 'token', code: 'password_token_unknown' }]);

    const created = await createTechnician(admin, {
      displayName: 'Otto Ohm',
      email: `otto.ohm-${unique()}@example.test`,
    });
    const token = tokenOf(created.passwordLink);
    for (const [password, code] of [
      ['kurz', 'password_too_short'],
      ['Passwort2026!', 'password_common'],
      ['123456789012', 'password_common'],
      ['QWERTZUIOP12', 'password_common'],
      [created.user.email, 'password_contains_identity'],
      ['Otto Ohm 2026!!', 'password_contains_identity'],
    ] as const) {
      const res = await publicPost(api.baseUrl, '/api/auth/set-password', { token, password });
      expect({ password, status: res.status, fields: fieldsOf(res.body) }).toEqual({
        password,
        status: 400,
        fields: [{ field: 'password', code }],
      });
    }
    const missing = await publicPost(api.baseUrl, '/api/auth/set-password', { password: GOOD_PASSWORD });
    expect(missing.status).toBe(400);
    expect(fieldsOf(missing.body).map((f) => f.field)).toEqual(['token']);

    // Expired: 24 h are over (the row's expires_at in the past).
    await env.dataSource.query(
      `UPDATE password_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [created.user.id],
    );
    const expired = await publicPost(api.baseUrl, '/api/auth/set-password', { token, password: GOOD_PASSWORD });
    expect(fieldsOf(expired.body)).toEqual([{ field: 'token', code: 'password_token_expired' }]);

    // A reset link works, and issuing one ends the older unused link.
    const first = await admin.post<PasswordLinkView>(`/api/admin/users/${created.user.id}/password-link`);
    expect(first.status).toBe(201);
    expect(first.body.purpose).toBe('reset');
    const second = await admin.post<PasswordLinkView>(`/api/admin/users/${created.user.id}/password-link`);
    const stale = await publicPost(api.baseUrl, '/api/auth/set-password', {
      token: tokenOf(first.body),
      password: GOOD_PASSWORD,
    });
    expect(fieldsOf(stale.body)).toEqual([{ field: 'token', code: 'password_token_expired' }]);
    expect(
      (
        await publicPost(api.baseUrl, '/api/auth/set-password', {
          token: tokenOf(second.body),
          password: GOOD_PASSWORD,
        })
      ).status,
    ).toBe(200);
  });

  it('answers 400 naming the fields for bad input and 409 email_taken for a taken e-mail', async () => {
    const bad = await admin.post('/api/admin/users', {
      email: 'not-an-email',
      displayName: '',
      role: 'boss',
      tenantIds: ['nope'],
      priceListRole: 'Service Technician',
    });
    expect(bad.status).toBe(400);
    expect(
      fieldsOf(bad.body)
        .map((f) => f.field)
        .sort(),
    ).toEqual(['displayName', 'email', 'priceListRole', 'role', 'tenantIds'].sort());
    const shape = await admin.post('/api/admin/users', {
      email: `c-${unique()}@example.test`,
      displayName: 'Kunde ohne Mandant',
      role: 'customer',
      priceListRole: 'service-technician',
    });
    expect(shape.status).toBe(400);
    expect(
      fieldsOf(shape.body)
        .map((f) => f.field)
        .sort(),
    ).toEqual(['priceListRole', 'tenantId']);
    const foreignSite = await admin.post('/api/admin/users', {
      email: `t-${unique()}@example.test`,
      displayName: 'Fremder Standort',
      role: 'technician',
      tenantIds: [tenantA],
      homeSiteId: siteB,
    });
    expect(fieldsOf(foreignSite.body)).toEqual([{ field: 'homeSiteId', code: 'home_site_invalid' }]);

    const created = await createTechnician(admin);
    const taken = await admin.post<ApiError>('/api/admin/users', {
      email: created.user.email.toUpperCase(),
      displayName: 'Doppelt',
      role: 'agent',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.details).toMatchObject({ field: 'email', code: 'email_taken' });
    const count = (await env.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE email = $1`, [
      created.user.email,
    ])) as Array<{ n: number }>;
    expect(count[0]?.n).toBe(1);
  });

  it('keeps managers to technicians and customers of their own tenants', async () => {
    const own = await createTechnician(manager);
    expect(own.user.tenantIds).toEqual([tenantA]);
    const customer = await manager.post<CreateUserResponse>('/api/admin/users', {
      email: `kunde-${unique()}@example.test`,
      displayName: 'Karl Kunde',
      role: 'customer',
      tenantId: tenantA,
    });
    expect(customer.status).toBe(201);
    for (const role of ['admin', 'agent', 'manager']) {
      const res = await manager.post('/api/admin/users', {
        email: `${role}-${unique()}@example.test`,
        displayName: 'Nicht erlaubt',
        role,
        ...(role === 'manager' ? { tenantIds: [tenantA] } : {}),
      });
      expect({ role, status: res.status }).toEqual({ role, status: 403 });
    }
    const foreignTenant = await manager.post('/api/admin/users', {
      email: `t-${unique()}@example.test`,
      displayName: 'Fremd',
      role: 'technician',
      tenantIds: [tenantA, tenantB],
    });
    expect(foreignTenant.status).toBe(404);

    // A technician of tenant B only, or of A and B, is not the manager's to see or edit.
    const foreign = await createTechnician(admin, { tenantIds: [tenantA, tenantB], homeSiteId: siteB });
    expect((await manager.get(`/api/admin/users/${foreign.user.id}`)).status).toBe(404);
    expect(
      (await manager.patch(`/api/admin/users/${foreign.user.id}`, { active: false }, { 'if-match': '"1"' })).status,
    ).toBe(404);
    expect((await manager.post(`/api/admin/users/${foreign.user.id}/password-link`)).status).toBe(404);
    expect((await manager.get(`/api/admin/users/${admin.user.id}`)).status).toBe(404);
    const listed = await manager.get<UserAdminListResponse>('/api/admin/users');
    expect(listed.status).toBe(200);
    const ids = listed.body.items.map((u) => u.id);
    expect(ids).toEqual(expect.arrayContaining([own.user.id, customer.body.user?.id]));
    expect(ids).not.toContain(foreign.user.id);
    expect(ids).not.toContain(admin.user.id);
    expect(listed.body.items.every((u) => u.role === 'technician' || u.role === 'customer')).toBe(true);
    expect((await manager.get(`/api/admin/users?tenantId=${tenantB}`)).status).toBe(404);

    // Moving their own technician to a tenant outside their scope is refused too.
    const move = await manager.patch(
      `/api/admin/users/${own.user.id}`,
      { tenantIds: [tenantB] },
      { 'if-match': '"1"' },
    );
    expect(move.status).toBe(404);
    // Technicians, agents and customers do not administer users.
    const technician = await signIn(env.dataSource, api.baseUrl, 'technician', { servesTenantIds: [tenantA] });
    expect((await technician.get('/api/admin/users')).status).toBe(403);
  });

  it('filters the list by role, tenant and active', async () => {
    const t = await createTechnician(admin, { tenantIds: [tenantB], homeSiteId: siteB });
    const byRole = await admin.get<UserAdminListResponse>(`/api/admin/users?role=technician&tenantId=${tenantB}`);
    expect(byRole.body.items.map((u) => u.id)).toContain(t.user.id);
    expect(byRole.body.items.every((u) => u.role === 'technician' && u.tenantIds.includes(tenantB))).toBe(true);
    const bad = await admin.get('/api/admin/users?active=maybe&role=boss');
    expect(
      fieldsOf(bad.body)
        .map((f) => f.field)
        .sort(),
    ).toEqual(['active', 'role']);
    await admin.patch(`/api/admin/users/${t.user.id}`, { active: false }, { 'if-match': '"1"' });
    const inactive = await admin.get<UserAdminListResponse>('/api/admin/users?active=false');
    expect(inactive.body.items.map((u) => u.id)).toContain(t.user.id);
    const active = await admin.get<UserAdminListResponse>('/api/admin/users?active=true');
    expect(active.body.items.map((u) => u.id)).not.toContain(t.user.id);
  });

  it('edits with If-Match: a stale version is 412 and writes nothing, a missing one 428', async () => {
    const created = await createTechnician(admin);
    const path = `/api/admin/users/${created.user.id}`;
    const first = await admin.patch<UserAdminView>(path, { displayName: 'Paula Pumpe-Meier' }, { 'if-match': '"1"' });
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"2"');
    expect(first.body).toMatchObject({ displayName: 'Paula Pumpe-Meier', version: 2 });
    const stale = await admin.patch(path, { displayName: 'Verloren' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect((await admin.patch(path, { displayName: 'Verloren' })).status).toBe(428);
    const tenantsOnly = await admin.patch<UserAdminView>(
      path,
      { tenantIds: [tenantA, tenantB] },
      { 'if-match': '"2"' },
    );
    expect(tenantsOnly.body).toMatchObject({ tenantIds: [tenantA, tenantB].sort(), version: 3 });
    const now = await admin.get<UserAdminView>(path);
    expect(now.body.displayName).toBe('Paula Pumpe-Meier');
    // Admins cannot lock themselves out.
    const self = await admin.get<UserAdminView>(`/api/admin/users/${admin.user.id}`);
    const selfOff = await admin.patch(
      `/api/admin/users/${admin.user.id}`,
      { active: false },
      { 'if-match': `"${self.body.version}"` },
    );
    expect(fieldsOf(selfOff.body)).toEqual([{ field: 'active', code: 'self_change_refused' }]);
  });

  it('deactivation cuts an access token already issued, on the other API process, within 5 s', async () => {
    const created = await createTechnician(admin);
    await publicPost(api.baseUrl, '/api/auth/set-password', {
      token: tokenOf(created.passwordLink),
      password: GOOD_PASSWORD,
    });
    const session = await login(api.baseUrl, { email: created.user.email, password: GOOD_PASSWORD });
    // The token works on both processes (each has it verified and its session cached now).
    for (const base of [api.baseUrl, api2.baseUrl]) {
      expect((await fetch(`${base}/api/auth/me`, { headers: session.headers })).status).toBe(200);
    }
    const started = Date.now();
    const off = await admin.patch(`/api/admin/users/${created.user.id}`, { active: false }, { 'if-match': '"1"' });
    expect(off.status).toBe(200);
    let cutMs = -1;
    while (Date.now() - started < 10_000) {
      const res = await fetch(`${api2.baseUrl}/api/auth/me`, { headers: session.headers });
      if (res.status === 401) {
        cutMs = Date.now() - started;
        break;
      }
      await sleep(50);
    }
    // On the process that deactivated the user, at once.
    expect((await fetch(`${api.baseUrl}/api/auth/me`, { headers: session.headers })).status).toBe(401);
    // eslint-disable-next-line no-console -- the figure issue 14 asks for
    console.log(`user-admin: deactivation cut the access token on the other API process after ${cutMs} ms`);
    expect(cutMs).toBeGreaterThanOrEqual(0);
    expect(cutMs).toBeLessThanOrEqual(5000);
    // Every session ended, and nobody signs in while inactive.
    const live = (await env.dataSource.query(
      `SELECT count(*)::int AS n FROM sessions WHERE user_id = $1 AND revoked_at IS NULL`,
      [created.user.id],
    )) as Array<{ n: number }>;
    expect(live[0]?.n).toBe(0);
    expect(
      (await publicPost(api.baseUrl, '/api/auth/login', { email: created.user.email, password: GOOD_PASSWORD })).status,
    ).toBe(401);
    // Reactivated: signs in again; a reset link for an inactive user is refused meanwhile.
    expect((await admin.post(`/api/admin/users/${created.user.id}/password-link`)).status).toBe(409);
    expect(
      (await admin.patch(`/api/admin/users/${created.user.id}`, { active: true }, { 'if-match': '"2"' })).status,
    ).toBe(200);
    expect(
      (await publicPost(api.baseUrl, '/api/auth/login', { email: created.user.email, password: GOOD_PASSWORD })).status,
    ).toBe(200);
  });

  it('own account: language, password change (ends the other sessions), sign out everywhere', async () => {
    const created = await createTechnician(admin);
    await publicPost(api.baseUrl, '/api/auth/set-password', {
      token: tokenOf(created.passwordLink),
      password: GOOD_PASSWORD,
    });
    const me = { email: created.user.email, password: GOOD_PASSWORD };
    const [here, elsewhere] = [await login(api.baseUrl, me), await login(api2.baseUrl, me)];
    const call = (base: string, headers: Record<string, string>, method: string, path: string, body?: unknown) =>
      fetch(`${base}${path}`, {
        method,
        headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });

    expect((await call(api.baseUrl, here.headers, 'PATCH', '/api/account', { language: 'fr' })).status).toBe(400);
    expect((await call(api.baseUrl, here.headers, 'PATCH', '/api/account', { language: 'en' })).status).toBe(204);
    expect(await (await call(api.baseUrl, here.headers, 'GET', '/api/auth/me')).json()).toMatchObject({
      language: 'en',
    });

    const wrong = await call(api.baseUrl, here.headers, 'POST', '/api/account/password', {
      currentPassword: 'falsch-falsch-falsch',
      newPassword: 'Neues-Kennwort-Seeblick',
    });
    expect(fieldsOf(await wrong.json())).toEqual([{ field: 'currentPassword', code: 'current_password_wrong' }]);
    const common = await call(api.baseUrl, here.headers, 'POST', '/api/account/password', {
      currentPassword: GOOD_PASSWORD,
      newPassword: 'Sommer2026!!',
    });
    expect(fieldsOf(await common.json())).toEqual([{ field: 'newPassword', code: 'password_common' }]);
    const changed = await call(api.baseUrl, here.headers, 'POST', '/api/account/password', {
      currentPassword: GOOD_PASSWORD,
      newPassword: 'Neues-Kennwort-Seeblick',
    });
    expect(changed.status).toBe(204);
    expect((await call(api.baseUrl, here.headers, 'GET', '/api/auth/me')).status).toBe(200);
    // The other session (on the other process) ends within the liveness window.
    const started = Date.now();
    while ((await call(api2.baseUrl, elsewhere.headers, 'GET', '/api/auth/me')).status !== 401) {
      expect(Date.now() - started).toBeLessThan(5000);
      await sleep(50);
    }
    const fresh = await login(api2.baseUrl, { email: me.email, password: 'Neues-Kennwort-Seeblick' });

    // Sign out everywhere: the user ends their own sessions (not someone else's: 403).
    expect((await call(api.baseUrl, here.headers, 'DELETE', `/api/auth/users/${admin.user.id}/sessions`)).status).toBe(
      403,
    );
    const out = await call(api.baseUrl, here.headers, 'DELETE', `/api/auth/users/${created.user.id}/sessions`);
    expect(await out.json()).toEqual({ revokedSessions: 2 });
    expect((await call(api.baseUrl, here.headers, 'GET', '/api/auth/me')).status).toBe(401);
    const started2 = Date.now();
    while ((await call(api2.baseUrl, fresh.headers, 'GET', '/api/auth/me')).status !== 401) {
      expect(Date.now() - started2).toBeLessThan(5000);
      await sleep(50);
    }
  });

  it('create-admin CLI: an admin with a one-time link on a database; refuses an e-mail that exists', async () => {
    const cli = join(WORKSPACE_ROOT, 'dist', 'backend', 'api', 'create-admin.js');
    const cliEnv = { PATH: process.env['PATH'] ?? '', ...env.env, LOG_LEVEL: 'silent' };
    const email = `erste-${unique()}@example.test`;
    const { stdout } = await run(
      process.execPath,
      [cli, '--email', email, '--name', 'Erste Admin', '--base-url', 'https://leitstand.example.com'],
      { env: cliEnv },
    );
    const url = /https:\/\/leitstand\.example\.com\/set-password\?token=[A-Za-z0-9_-]{43}/.exec(stdout)?.[0];
    expect(url).toBeDefined();
    const token = new URL(url ?? 'http://x').searchParams.get('token');
    expect((await publicPost(api.baseUrl, '/api/auth/set-password', { token, password: GOOD_PASSWORD })).status).toBe(
      200,
    );
    const session = await login(api.baseUrl, { email, password: GOOD_PASSWORD });
    const me = (await (await fetch(`${api.baseUrl}/api/auth/me`, { headers: session.headers })).json()) as {
      role: string;
      tenantIds: unknown;
    };
    expect(me).toMatchObject({ role: 'admin', tenantIds: 'all' });

    await expect(
      run(process.execPath, [cli, '--email', email.toUpperCase(), '--name', 'Nochmal'], { env: cliEnv }),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('exists already'),
    });
    await expect(run(process.execPath, [cli, '--email', email], { env: cliEnv })).rejects.toMatchObject({ code: 1 });
  });
});
