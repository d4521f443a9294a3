import { randomBytes } from 'node:crypto';
import { hash } from 'argon2';
import { Client } from 'pg';
import { fixtureSql } from './fixture-sql';

/** What the specs need from the seeded world; handed to them through the environment. */
export interface E2eWorld {
  siteId: string;
  assetId: string;
  managerEmail: string;
  managerPassword: string;
}

/**
 * Seeds a tenant of its own for this run (site, class-A asset, an object manager serving it) straight into the
 * e2e database, the way an operator's seed step would. Names carry a random suffix, so reruns against
 * the same database never collide.
 */
export async function seedWorld(databaseUrl: string): Promise<E2eWorld> {
  const suffix = randomBytes(4).toString('hex');
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { one, tenant, site, asset } = fixtureSql(client);
    const tenantId = await tenant(`e2e-${suffix}`, `E2E Kunde ${suffix}`);
    const siteId = await site(tenantId, `Werk ${suffix}`);
    const assetId = await asset(tenantId, siteId, {
      code: `RLT-${suffix}`,
      name: 'RLT 3',
      trade: 'air-handling',
      assetClass: 'A',
    });
    // An object manager serving only this run's tenant: the queue it sees holds this run's tickets only,
    // however many earlier runs left theirs in the database.
    const managerEmail = `e2e-manager-${suffix}@example.test`;
    const managerPassword = `pw-${randomBytes(12).toString('hex')}`;
    const managerId = await one(
      `INSERT INTO users (email, display_name, role, tenant_id, password_hash, active, version)
       VALUES ($1, 'E2E Objektleitung', 'manager', NULL, $2, true, 1) RETURNING id`,
      [managerEmail, await hash(managerPassword)],
    );
    await client.query(`INSERT INTO user_tenants (user_id, tenant_id) VALUES ($1, $2)`, [managerId, tenantId]);
    return { siteId, assetId, managerEmail, managerPassword };
  } finally {
    await client.end();
  }
}

export function publishWorld(world: E2eWorld): void {
  process.env['E2E_SITE_ID'] = world.siteId;
  process.env['E2E_ASSET_ID'] = world.assetId;
  process.env['E2E_MANAGER_EMAIL'] = world.managerEmail;
  process.env['E2E_MANAGER_PASSWORD'] = world.managerPassword;
}

export function readWorld(): E2eWorld {
  const value = (name: string): string => {
    const v = process.env[name];
    if (!v) {
      throw new Error(`[e2e] ${name} is not set: globalSetup seeds the world`);
    }
    return v;
  };
  return {
    siteId: value('E2E_SITE_ID'),
    assetId: value('E2E_ASSET_ID'),
    managerEmail: value('E2E_MANAGER_EMAIL'),
    managerPassword: value('E2E_MANAGER_PASSWORD'),
  };
}
