import { randomBytes } from 'node:crypto';
import { hash } from 'argon2';
import { Client } from 'pg';
import type { ContractView, CreateContractRequest, SlaMatrixInput, TicketDetail } from '@leitstand/api-contracts';
import { readWorld } from './seed';
import { DEFAULT_DATABASE_URL, baseUrl } from './stack';
import { fixtureSql } from './fixture-sql';

/** A user these journeys sign in as. */
export interface FixtureUser {
  id: string;
  email: string;
  password: string;
  displayName: string;
}

/**
 * Customers of two tenants and a technician. Tenant A is customer A's own, with a site (Munich, "RLT 3",
 * class A) under a contract whose SLA matrix covers it: her reports get a running response and restore clock.
 * Tenant B has a site and asset without a contract. The technician serves the run's seeded tenant (readWorld).
 */
export interface PortalWorld {
  tenantA: string;
  siteA: string;
  assetA: string;
  /** The contract covering siteA, created through the API (POST /api/contracts) by tenant A's object manager. */
  contractA: ContractView;
  tenantB: string;
  siteB: string;
  assetB: string;
  customerA: FixtureUser;
  customerB: FixtureUser;
  technician: FixtureUser;
}

const CALENDAR_24_7 = {
  timezone: 'Europe/Berlin',
  week: Object.fromEntries(
    (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((d) => [d, [['00:00', '24:00']]]),
  ),
  holidayWindows: [['00:00', '24:00']],
} as CreateContractRequest['calendars'][string];

const target = (minutes: number) => ({
  budget: { kind: 'minutes' as const, minutes },
  calendar: '24-7',
  warningShare: 0.75,
});
/** Seed 002's matrix on a 24/7 calendar: A accept ≤ 15 min, restore ≤ 1 h; B 30 min / 4 h; C 1 h / 8 h. */
const SLA_MATRIX: SlaMatrixInput = {
  A: { response: target(15), restore: target(60) },
  B: { response: target(30), restore: target(240) },
  C: { response: target(60), restore: target(480) },
};

/**
 * Seeds, straight into the e2e database like globalSetup does, tenant A (site, asset) and tenant B (site, asset),
 * one customer user per tenant, an object manager of tenant A and a technician serving the run's seeded tenant;
 * then tenant A's manager creates the contract covering site A through the API, the way an operator would.
 * Names carry a random suffix (reruns never collide).
 */
export async function seedPortalWorld(
  databaseUrl = process.env['E2E_DATABASE_URL'] ?? DEFAULT_DATABASE_URL,
): Promise<PortalWorld> {
  const suffix = randomBytes(4).toString('hex');
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { one, tenant, site, asset } = fixtureSql(client);
    const runTenant = await one(`SELECT tenant_id AS id FROM sites WHERE id = $1`, [readWorld().siteId]);
    const tenantA = await tenant(`e2e-a-${suffix}`, `E2E Kunde A ${suffix}`);
    const siteA = await site(tenantA, `Werk ${suffix}`);
    const assetA = await asset(tenantA, siteA, {
      code: `RLT-${suffix}`,
      name: 'RLT 3',
      trade: 'air-handling',
      assetClass: 'A',
    });
    const tenantB = await tenant(`e2e-b-${suffix}`, `E2E Kunde B ${suffix}`);
    const siteB = await site(tenantB, `Lager ${suffix}`, {
      street: 'Hafenstraße 2',
      postalCode: '20457',
      city: 'Hamburg',
      state: 'DE-HH',
    });
    const assetB = await asset(tenantB, siteB, {
      code: `TOR-${suffix}`,
      name: 'Rolltor 1',
      trade: 'doors',
      assetClass: 'B',
    });
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
    await client.query(`INSERT INTO user_tenants (user_id, tenant_id) VALUES ($1, $2)`, [technician.id, runTenant]);
    const managerA = await user('manager', 'objektleitung-a', null);
    await client.query(`INSERT INTO user_tenants (user_id, tenant_id) VALUES ($1, $2)`, [managerA.id, tenantA]);

    const contract: CreateContractRequest = {
      tenantId: tenantA,
      name: `Vollwartung Werk ${suffix}`,
      type: 'full_maintenance',
      startsOn: `${new Date().getUTCFullYear() - 1}-01-01`,
      endsOn: null,
      siteIds: [siteA],
      calendars: { '24-7': CALENDAR_24_7 },
      slaMatrix: SLA_MATRIX,
      availabilityTargets: { A: '0.995' },
      availabilityBasis: '24-7',
      annualVolume: '60000.00',
    };
    const contractA = await apiOk<ContractView>(
      await apiLogin(managerA.email, managerA.password),
      'POST',
      '/contracts',
      contract,
    );
    return { tenantA, siteA, assetA, contractA, tenantB, siteB, assetB, customerA, customerB, technician };
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
