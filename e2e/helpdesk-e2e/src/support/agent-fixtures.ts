import { randomBytes } from 'node:crypto';
import { hash } from 'argon2';
import { Client } from 'pg';
import type { CreateTicketRequest, TicketDetail } from '@leitstand/api-contracts';
import { DEFAULT_DATABASE_URL, baseUrl } from './stack';
import type { E2eUser } from './users';
import { fixtureSql } from './fixture-sql';

/**
 * What the agent journey works with: a tenant and site of its own (agents serve every tenant, so the journey
 * narrows the queue to this site).
 */
export interface AgentWorld {
  readonly tenantName: string;
  readonly siteId: string;
  readonly siteName: string;
  readonly assetCode: string;
  readonly assetName: string;
  readonly agent: E2eUser;
  /** A technician serving only this tenant: the one the agent dispatches to through the picker. */
  readonly technician: { readonly id: string; readonly displayName: string };
}

const CALENDAR_24_7 = {
  timezone: 'Europe/Berlin',
  week: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]])),
  holidayWindows: [['00:00', '24:00']],
};

const minutes = (response: number, restore: number) => ({
  response: { budget: { kind: 'minutes', minutes: response }, calendar: '24-7', warningShare: 0.75 },
  restore: { budget: { kind: 'minutes', minutes: restore }, calendar: '24-7', warningShare: 0.75 },
});
/** Seed 002: A accept ≤ 15 min, restore ≤ 1 h; B 30 min / 4 h; C 1 h / 8 h — all on a 24/7 calendar. */
const SLA_MATRIX = { A: minutes(15, 60), B: minutes(30, 240), C: minutes(60, 480) };

/**
 * Inserts, straight into the e2e database like globalSetup does, a tenant with a site, a class-A asset,
 * a contract with an SLA matrix covering the site (so new tickets get both clocks), a helpdesk agent and a
 * technician serving only this tenant. Names carry a random suffix, so reruns never collide.
 */
export async function seedAgentWorld(
  databaseUrl = process.env['E2E_DATABASE_URL'] ?? DEFAULT_DATABASE_URL,
): Promise<AgentWorld> {
  const suffix = randomBytes(4).toString('hex');
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { one, tenant, site, asset } = fixtureSql(client);
    const tenantName = `E2E Leitstand-Kunde ${suffix}`;
    const tenantId = await tenant(`e2e-agent-${suffix}`, tenantName);
    const siteName = `Klinikum ${suffix}`;
    const siteId = await site(tenantId, siteName, {
      street: 'Klinikstraße 5',
      postalCode: '90402',
      city: 'Nürnberg',
      state: 'DE-BY',
    });
    const assetCode = `AZ-${suffix}`;
    const assetName = 'Bettenaufzug 2';
    await asset(tenantId, siteId, { code: assetCode, name: assetName, trade: 'elevators', assetClass: 'A' });
    const contractId = await one(
      `INSERT INTO contracts (tenant_id, name, type, starts_on, ends_on, calendars, sla_matrix, availability_targets,
         availability_basis, annual_volume, version)
       VALUES ($1, $2, 'full_maintenance', '2026-01-01', NULL, $3::jsonb, $4::jsonb, '{"A":"0.995"}', '24-7',
         '60000.00', 1) RETURNING id`,
      [tenantId, `Vollwartung ${suffix}`, JSON.stringify({ '24-7': CALENDAR_24_7 }), JSON.stringify(SLA_MATRIX)],
    );
    await client.query(`INSERT INTO contract_sites (contract_id, site_id) VALUES ($1, $2)`, [contractId, siteId]);

    const email = `e2e-agent-${suffix}@example.test`;
    const password = `pw-${randomBytes(12).toString('hex')}`;
    const displayName = `E2E Leitstand ${suffix}`;
    const agentId = await one(
      `INSERT INTO users (email, display_name, role, tenant_id, password_hash, active, version)
       VALUES ($1, $2, 'agent', NULL, $3, true, 1) RETURNING id`,
      [email, displayName, await hash(password)],
    );
    await client.query(`INSERT INTO user_tenants (user_id, tenant_id) VALUES ($1, $2)`, [agentId, tenantId]);

    const technicianName = `E2E Technikerin ${suffix}`;
    const technicianId = await one(
      `INSERT INTO users (email, display_name, role, tenant_id, password_hash, active, version)
       VALUES ($1, $2, 'technician', NULL, $3, true, 1) RETURNING id`,
      [`e2e-technician-${suffix}@example.test`, technicianName, await hash(`pw-${randomBytes(12).toString('hex')}`)],
    );
    await client.query(`INSERT INTO user_tenants (user_id, tenant_id) VALUES ($1, $2)`, [technicianId, tenantId]);
    return {
      tenantName,
      siteId,
      siteName,
      assetCode,
      assetName,
      agent: { email, password, displayName, roleLabel: 'Helpdesk' },
      technician: { id: technicianId, displayName: technicianName },
    };
  } finally {
    await client.end();
  }
}

/** Reports a ticket through the public API as `user` (signed in by email and password), the way a client would. */
export async function createTicketAs(
  user: Pick<E2eUser, 'email' | 'password'>,
  request: CreateTicketRequest,
): Promise<TicketDetail> {
  const json = { 'content-type': 'application/json', accept: 'application/json' };
  const login = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  if (!login.ok) {
    throw new Error(`POST /api/auth/login answered ${login.status}: ${await login.text()}`);
  }
  const { accessToken } = (await login.json()) as { accessToken: string };
  const response = await fetch(`${baseUrl()}/api/tickets`, {
    method: 'POST',
    headers: { ...json, authorization: `Bearer ${accessToken}` },
    body: JSON.stringify(request),
  });
  if (!response.ok) {
    throw new Error(`POST /api/tickets answered ${response.status}: ${await response.text()}`);
  }
  return (await response.json()) as TicketDetail;
}
