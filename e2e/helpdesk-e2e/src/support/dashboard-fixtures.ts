import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hash } from 'argon2';
import { Client } from 'pg';
import { DEFAULT_DATABASE_URL, WORKSPACE_ROOT } from './stack';
import type { E2eUser } from './users';
import { MUNICH, fixtureSql } from './fixture-sql';

/** What the manager-dashboard journey works with. */
export interface DashboardWorld {
  readonly contractId: string;
  readonly contractName: string;
  /** A follow-up contract of the same tenant with the term 2027-01-01 … 2031-12-31: no figures before 2027. */
  readonly futureContractId: string;
  readonly futureContractName: string;
  readonly manager: E2eUser;
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
const SLA_MATRIX = { A: minutes(15, 60), B: minutes(30, 240), C: minutes(60, 480) };

/**
 * A contract world of its own for the dashboard journey, inserted straight into the e2e database (the fixture
 * set of backend/api/test/kpi.int-spec.ts): a tenant with a site in Munich, A-01/A-02/C-01, the contract
 * "Technischer Gesamtservice" (seed-002 bonus/malus rules, 99.5 % for class A, 120,000.00 €/year, the seed-003
 * price list, internal technician cost 45.00 €/h), October 2026 tickets with downtime, SLA clocks, an
 * out-of-scope ticket with work logs and material, and an object manager serving only this tenant.
 * Names and ticket numbers carry a random suffix, so reruns never collide.
 */
export async function seedDashboardWorld(
  databaseUrl = process.env['E2E_DATABASE_URL'] ?? DEFAULT_DATABASE_URL,
): Promise<DashboardWorld> {
  const suffix = randomBytes(4).toString('hex');
  const seed002 = JSON.parse(
    readFileSync(join(WORKSPACE_ROOT, 'libs/demo-data/data/contracts/seed-002-total-technical-service.json'), 'utf8'),
  ) as { bonusMalus: unknown };
  const seed003 = readFileSync(
    join(WORKSPACE_ROOT, 'libs/demo-data/data/price-lists/seed-003-service-price-list.json'),
    'utf8',
  );
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { one, tenant, site, asset: insertAsset } = fixtureSql(client);
    const priceListId = await one(
      `INSERT INTO price_lists (key, name, valid_from, data, version)
       VALUES ($1, 'Servicepreisliste', '2022-01-01', $2::jsonb, 1) RETURNING id`,
      [`e2e-dash-${suffix}`, seed003],
    );
    const tenantId = await tenant(`e2e-dash-${suffix}`, `E2E Dashboard ${suffix}`);
    const siteId = await site(tenantId, `Werk Süd ${suffix}`, { ...MUNICH, street: 'Industriestraße 2' });
    const asset = (code: string, assetClass: 'A' | 'C') =>
      insertAsset(tenantId, siteId, { code: `${code}-${suffix}`, name: code, trade: 'air-handling', assetClass });
    const a1 = await asset('A-01', 'A');
    const a2 = await asset('A-02', 'A');
    const c1 = await asset('C-01', 'C');

    // Index series of the contract's price adjustment clause (seed 002's shares; labour +4 %, material +2 %).
    const labourSeries = `e2e-labour-${suffix}`;
    const materialSeries = `e2e-material-${suffix}`;
    for (const [key, current] of [
      [labourSeries, '104'],
      [materialSeries, '102'],
    ] as const) {
      await client.query(
        `INSERT INTO index_series (key, name, source, base_year) VALUES ($1, $1, 'Destatis (E2E)', 2025)`,
        [key],
      );
      await client.query(
        `INSERT INTO index_values (series_key, period, value, published_on)
         VALUES ($1, '2025', 100, '2026-01-20'), ($1, '2026', $2, '2026-11-30')`,
        [key, current],
      );
    }
    const contractName = `Technischer Gesamtservice ${suffix}`;
    const contractId = await one(
      `INSERT INTO contracts (tenant_id, name, type, starts_on, ends_on, calendars, sla_matrix, availability_targets,
         availability_basis, bonus_malus, price_list_id, annual_volume, economics, indexation, version)
       VALUES ($1, $2, 'all_in', '2026-01-01', NULL, $3::jsonb, $4::jsonb, '{"A":"0.995"}', '24-7',
         $5::jsonb, $6, '120000.00', $7::jsonb, $8::jsonb, 1) RETURNING id`,
      [
        tenantId,
        contractName,
        JSON.stringify({ '24-7': CALENDAR_24_7 }),
        JSON.stringify(SLA_MATRIX),
        JSON.stringify(seed002.bonusMalus),
        priceListId,
        JSON.stringify({
          internalCostRates: [{ id: 'technician', label: 'eigene Technikerstunde', hourlyCost: '45.00' }],
        }),
        JSON.stringify({
          fixedShare: '0',
          labourShare: '0.6',
          materialShare: '0.4',
          labourSeries,
          materialSeries,
          basePeriod: '2025',
        }),
      ],
    );
    await client.query(`INSERT INTO contract_sites (contract_id, site_id) VALUES ($1, $2)`, [contractId, siteId]);
    // The follow-up contract lists first (the contract list is newest term first), as the demo's 2027–2031 one did.
    const futureContractName = `Anschlussvertrag 2027–2031 ${suffix}`;
    const futureContractId = await one(
      `INSERT INTO contracts (tenant_id, name, type, starts_on, ends_on, calendars, sla_matrix, availability_targets,
         availability_basis, bonus_malus, price_list_id, annual_volume, economics, version)
       VALUES ($1, $2, 'all_in', '2027-01-01', '2031-12-31', $3::jsonb, $4::jsonb, '{"A":"0.995"}', '24-7',
         $5::jsonb, NULL, '2360000.00', NULL, 1) RETURNING id`,
      [
        tenantId,
        futureContractName,
        JSON.stringify({ '24-7': CALENDAR_24_7 }),
        JSON.stringify(SLA_MATRIX),
        JSON.stringify(seed002.bonusMalus),
      ],
    );
    await client.query(`INSERT INTO contract_sites (contract_id, site_id) VALUES ($1, $2)`, [futureContractId, siteId]);

    let n = 0;
    const ticket = (
      assetId: string,
      priority: 'A' | 'C',
      faultBeganAt: string,
      restoredAt: string,
      assetDown: boolean,
      inScope = true,
    ) =>
      one(
        `INSERT INTO tickets (number, tenant_id, site_id, asset_id, contract_id, title, priority, status, fault_began_at,
           asset_down, in_scope, restored_at, closed_at, version)
         VALUES ($1, $2, $3, $4, $5, 'Störung', $6, 'closed', $7, $8, $9, $10, $10, 1) RETURNING id`,
        [
          `E${suffix}-${++n}`,
          tenantId,
          siteId,
          assetId,
          contractId,
          priority,
          faultBeganAt,
          assetDown,
          inScope,
          restoredAt,
        ],
      );
    const t1 = await ticket(a1, 'A', '2026-10-05T08:00:00Z', '2026-10-05T10:00:00Z', true);
    const t2 = await ticket(a1, 'A', '2026-10-05T09:00:00Z', '2026-10-05T11:00:00Z', true);
    await ticket(a2, 'A', '2026-09-30T20:00:00Z', '2026-10-01T00:00:00Z', true);
    const t4 = await ticket(c1, 'C', '2026-10-07T08:00:00Z', '2026-10-07T12:00:00Z', false);
    const t5 = await ticket(a2, 'A', '2026-10-13T08:00:00Z', '2026-10-13T09:10:00Z', true, false);
    await ticket(a2, 'A', '2026-10-24T23:30:00Z', '2026-10-25T02:30:00Z', true);

    const clock = (ticketId: string, priority: string, name: string, state: string, stoppedAt: string) =>
      client.query(
        `INSERT INTO ticket_sla_clocks (ticket_id, clock, tenant_id, priority, budget, budget_minutes, calendar_key,
           warning_share, state, started_at, stopped_at, deadline, warning_at, used_minutes, breach_minutes)
         VALUES ($1, $2, $3, $4, '{"kind":"minutes","minutes":60}', 60, '24-7', 0.75, $5,
           $6::timestamptz - interval '1 hour', $6, $6, $6, 60, NULL)`,
        [ticketId, name, tenantId, priority, state, stoppedAt],
      );
    await clock(t1, 'A', 'response', 'met', '2026-10-05T08:10:00Z');
    await clock(t1, 'A', 'restore', 'breached', '2026-10-05T10:00:00Z');
    await clock(t2, 'A', 'response', 'met', '2026-10-05T09:10:00Z');
    await clock(t2, 'A', 'restore', 'met', '2026-10-05T11:00:00Z');
    await clock(t4, 'C', 'response', 'breached', '2026-10-07T09:30:00Z');

    const technicianId = await one(
      `INSERT INTO users (email, display_name, role, tenant_id, password_hash, active, version)
       VALUES ($1, 'E2E Technik', 'technician', NULL, $2, true, 1) RETURNING id`,
      [`e2e-dash-tech-${suffix}@example.test`, await hash(`pw-${randomBytes(12).toString('hex')}`)],
    );
    await client.query(`INSERT INTO user_tenants (user_id, tenant_id) VALUES ($1, $2)`, [technicianId, tenantId]);
    const log = (ticketId: string, kind: string, from: string, to: string) =>
      client.query(
        `INSERT INTO work_logs (ticket_id, tenant_id, worker_id, role, kind, started_at, ended_at, created_by)
         VALUES ($1, $2, $3, 'service-technician', $4, $5, $6, $3)`,
        [ticketId, tenantId, technicianId, kind, from, to],
      );
    await log(t5, 'travel', '2026-10-13T08:00:00Z', '2026-10-13T08:20:00Z');
    await log(t5, 'work', '2026-10-13T08:20:00Z', '2026-10-13T08:55:00Z');
    await log(t5, 'travel', '2026-10-13T08:55:00Z', '2026-10-13T09:10:00Z');
    await log(t1, 'work', '2026-10-05T08:30:00Z', '2026-10-05T09:30:00Z');
    await client.query(
      `INSERT INTO ticket_materials (ticket_id, tenant_id, kind, description, net_unit_price, quantity, unit, created_by, created_at)
       VALUES ($1, $2, 'material', 'Dichtung', '10.00', '2', 'Stk', $3, '2026-10-13T09:00:00Z')`,
      [t5, tenantId, technicianId],
    );

    const email = `e2e-dash-manager-${suffix}@example.test`;
    const password = `pw-${randomBytes(12).toString('hex')}`;
    const managerId = await one(
      `INSERT INTO users (email, display_name, role, tenant_id, password_hash, active, version)
       VALUES ($1, 'E2E Objektleitung Süd', 'manager', NULL, $2, true, 1) RETURNING id`,
      [email, await hash(password)],
    );
    await client.query(`INSERT INTO user_tenants (user_id, tenant_id) VALUES ($1, $2)`, [managerId, tenantId]);
    return {
      contractId,
      contractName,
      futureContractId,
      futureContractName,
      manager: { email, password, displayName: 'E2E Objektleitung Süd', roleLabel: 'Objektleitung' },
    };
  } finally {
    await client.end();
  }
}

/** Signs a user in through the public API and answers GET requests with its Bearer token. */
export async function apiGetAs<T>(user: E2eUser, baseUrl: string, path: string): Promise<T> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  if (!login.ok) throw new Error(`POST /api/auth/login answered ${login.status}: ${await login.text()}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const response = await fetch(`${baseUrl}${path}`, {
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
  });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}
