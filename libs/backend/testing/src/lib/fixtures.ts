import { randomBytes } from 'node:crypto';
import { hash } from 'argon2';
import type { DataSource } from 'typeorm';

/**
 * Test data written straight into a test database (no API involved), so every feature's tests can
 * set up tenants, sites, assets and users of each role before calling the real API.
 */
export type FixtureRole = 'admin' | 'agent' | 'technician' | 'manager' | 'customer';

export interface FixtureUser {
  id: string;
  email: string;
  password: string;
  role: FixtureRole;
  tenantId: string | null;
}

const unique = (): string => randomBytes(4).toString('hex');

export async function createTenant(
  ds: DataSource,
  name = `Kunde ${unique()}`,
): Promise<{ id: string; slug: string; name: string }> {
  const slug = `t-${unique()}`;
  const [row] = (await ds.query(`INSERT INTO tenants (slug, name, version) VALUES ($1, $2, 1) RETURNING id`, [
    slug,
    name,
  ])) as Array<{ id: string }>;
  return { id: String(row?.id), slug, name };
}

export async function createSite(
  ds: DataSource,
  tenantId: string,
  overrides: Partial<{ name: string; state: string; timezone: string }> = {},
): Promise<{ id: string }> {
  const [row] = (await ds.query(
    `INSERT INTO sites (tenant_id, name, street, postal_code, city, state, timezone, version)
     VALUES ($1, $2, 'Industriestraße 1', '80331', 'München', $3, $4, 1) RETURNING id`,
    [
      tenantId,
      overrides.name ?? `Standort ${unique()}`,
      overrides.state ?? 'DE-BY',
      overrides.timezone ?? 'Europe/Berlin',
    ],
  )) as Array<{ id: string }>;
  return { id: String(row?.id) };
}

export async function createAsset(
  ds: DataSource,
  tenantId: string,
  siteId: string,
  overrides: Partial<{
    code: string;
    name: string;
    trade: string;
    assetClass: 'A' | 'B' | 'C';
    inContract: boolean;
  }> = {},
): Promise<{ id: string; assetClass: 'A' | 'B' | 'C' }> {
  const assetClass = overrides.assetClass ?? 'A';
  const [row] = (await ds.query(
    `INSERT INTO assets (tenant_id, site_id, code, name, trade, asset_class, in_contract, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 1) RETURNING id`,
    [
      tenantId,
      siteId,
      overrides.code ?? `AS-${unique()}`,
      overrides.name ?? 'Aufzug 1',
      overrides.trade ?? 'elevators',
      assetClass,
      overrides.inContract ?? true,
    ],
  )) as Array<{ id: string }>;
  return { id: String(row?.id), assetClass };
}

/** A user of the given role; staff other than admin/agent serve `servesTenantIds`. */
export async function createUser(
  ds: DataSource,
  role: FixtureRole,
  options: {
    tenantId?: string;
    servesTenantIds?: string[];
    password?: string;
    email?: string;
    displayName?: string;
  } = {},
): Promise<FixtureUser> {
  const password = options.password ?? `pw-${unique()}-${unique()}`;
  const email = (options.email ?? `${role}-${unique()}@example.test`).toLowerCase();
  const tenantId = role === 'customer' ? (options.tenantId ?? null) : null;
  if (role === 'customer' && !tenantId) throw new Error('a customer fixture needs tenantId');
  const [row] = (await ds.query(
    `INSERT INTO users (email, display_name, role, tenant_id, password_hash, active, version)
     VALUES ($1, $2, $3, $4, $5, true, 1) RETURNING id`,
    [email, options.displayName ?? `${role} ${unique()}`, role, tenantId, await hash(password)],
  )) as Array<{ id: string }>;
  const id = String(row?.id);
  for (const t of options.servesTenantIds ?? []) {
    await ds.query(`INSERT INTO user_tenants (user_id, tenant_id) VALUES ($1, $2)`, [id, t]);
  }
  return { id, email, password, role, tenantId };
}

export interface Session {
  accessToken: string;
  /** Cookie header value carrying the session cookies (for SSE and refresh). */
  cookie: string;
  headers: Record<string, string>;
}

/** Signs in through the real API: POST /api/auth/login → { accessToken } + Set-Cookie. */
export async function login(baseUrl: string, user: { email: string; password: string }): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  if (res.status !== 200) throw new Error(`login of ${user.email} failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { accessToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { accessToken: body.accessToken, cookie, headers: { authorization: `Bearer ${body.accessToken}` } };
}
