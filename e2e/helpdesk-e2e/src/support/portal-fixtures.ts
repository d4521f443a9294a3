import { randomBytes } from 'node:crypto';
import { hash } from 'argon2';
import { Client } from 'pg';
import type { TicketDetail } from '@leitstand/api-contracts';
import { readWorld } from './seed';
import { DEFAULT_DATABASE_URL, baseUrl } from './stack';

/** A user these journeys sign in as. */
export interface FixtureUser {
  id: string;
  email: string;
  password: string;
  displayName: string;
}

/** Customers of two tenants (A = the run's seeded tenant, B = a second one) and a technician serving A. */
export interface PortalWorld {
  tenantA: string;
  tenantB: string;
  siteB: string;
  assetB: string;
  customerA: FixtureUser;
  customerB: FixtureUser;
  technician: FixtureUser;
}

/**
 * Seeds, straight into the e2e database like globalSetup does, a second tenant with a site and asset, one
 * customer user per tenant and a technician serving tenant A. Names carry a random suffix (reruns never collide).
 */
export async function seedPortalWorld(
  databaseUrl = process.env['E2E_DATABASE_URL'] ?? DEFAULT_DATABASE_URL,
): Promise<PortalWorld> {
  const suffix = randomBytes(4).toString('hex');
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const one = async (sql: string, params: unknown[]): Promise<string> => {
      const id = (await client.query<{ id: string }>(sql, params)).rows[0]?.id;
      if (!id) {
        throw new Error(`[e2e] fixture statement returned no id: ${sql}`);
      }
      return id;
    };
    const tenantA = await one(`SELECT tenant_id AS id FROM sites WHERE id = $1`, [readWorld().siteId]);
    const tenantB = await one(`INSERT INTO tenants (slug, name, version) VALUES ($1, $2, 1) RETURNING id`, [
      `e2e-b-${suffix}`,
      `E2E Kunde B ${suffix}`,
    ]);
    const siteB = await one(
      `INSERT INTO sites (tenant_id, name, street, postal_code, city, state, timezone, version)
       VALUES ($1, $2, 'Hafenstraße 2', '20457', 'Hamburg', 'DE-HH', 'Europe/Berlin', 1) RETURNING id`,
      [tenantB, `Lager ${suffix}`],
    );
    const assetB = await one(
      `INSERT INTO assets (tenant_id, site_id, code, name, trade, asset_class, in_contract, version)
       VALUES ($1, $2, $3, 'Rolltor 1', 'doors', 'B', true, 1) RETURNING id`,
      [tenantB, siteB, `TOR-${suffix}`],
    );
    const user = async (role: string, label: string, tenantId: string | null): Promise<FixtureUser> => {
      const email = `e2e-${label}-${suffix}@example.test`;
      const password = `pw-${randomBytes(12).toString('hex')}`;
      const displayName = `E2E ${label}`;
      const id = await one(
        `INSERT INTO users (email, display_name, role, tenant_id, password_hash, active, version)
         VALUES ($1, $2, $3, $4, $5, true, 1) RETURNING id`,
        [email, displayName, role, tenantId, await hash(password)],
      );
      return { id, email, password, displayName };
    };
    const customerA = await user('customer', 'kunde-a', tenantA);
    const customerB = await user('customer', 'kunde-b', tenantB);
    const technician = await user('technician', 'technik', null);
    await client.query(`INSERT INTO user_tenants (user_id, tenant_id) VALUES ($1, $2)`, [technician.id, tenantA]);
    return { tenantA, tenantB, siteB, assetB, customerA, customerB, technician };
  } finally {
    await client.end();
  }
}

/** An API session (Bearer) of one user. */
export interface ApiSession {
  headers: Record<string, string>;
}

export async function apiLogin(email: string, password: string): Promise<ApiSession> {
  const response = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) {
    throw new Error(`POST /api/auth/login answered ${response.status}: ${await response.text()}`);
  }
  const { accessToken } = (await response.json()) as { accessToken: string };
  return { headers: { authorization: `Bearer ${accessToken}` } };
}

/** One API call; answers status and parsed body (never throws on an HTTP error). */
export async function apiCall<T = unknown>(
  session: ApiSession,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  version?: number,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseUrl()}/api${path}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(version === undefined ? {} : { 'if-match': `"${version}"` }),
      ...session.headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

/** Like {@link apiCall} but fails unless the answer is 2xx. */
export async function apiOk<T = unknown>(
  session: ApiSession,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  version?: number,
): Promise<T> {
  const answer = await apiCall<T>(session, method, path, body, version);
  if (answer.status < 200 || answer.status >= 300) {
    throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}

/** Reports a fault as a customer through the API (channel portal), the way the portal form does. */
export function reportAsCustomer(
  session: ApiSession,
  siteId: string,
  assetId: string,
  title: string,
): Promise<TicketDetail> {
  return apiOk<TicketDetail>(session, 'POST', '/tickets', { siteId, assetId, title, channel: 'portal' });
}
