import type { Client } from 'pg';

/** The address of a fixture site (German state for holidays; all fixture sites are in Europe/Berlin). */
export interface FixtureAddress {
  readonly street: string;
  readonly postalCode: string;
  readonly city: string;
  readonly state: string;
}

export const MUNICH: FixtureAddress = {
  street: 'Industriestraße 1',
  postalCode: '80331',
  city: 'München',
  state: 'DE-BY',
};

export interface FixtureAsset {
  readonly code: string;
  readonly name: string;
  readonly trade: string;
  readonly assetClass: 'A' | 'B' | 'C';
}

/**
 * The inserts every e2e fixture starts with, written straight into the e2e database the way an operator's
 * seed step would: `one` runs a statement that returns an id, and tenant, site and asset rows.
 */
export function fixtureSql(client: Client) {
  const one = async (sql: string, params: unknown[]): Promise<string> => {
    const id = (await client.query<{ id: string }>(sql, params)).rows[0]?.id;
    if (!id) {
      throw new Error(`[e2e] fixture statement returned no id: ${sql}`);
    }
    return id;
  };
  return {
    one,
    tenant: (slug: string, name: string): Promise<string> =>
      one(`INSERT INTO tenants (slug, name, version) VALUES ($1, $2, 1) RETURNING id`, [slug, name]),
    site: (tenantId: string, name: string, at: FixtureAddress = MUNICH): Promise<string> =>
      one(
        `INSERT INTO sites (tenant_id, name, street, postal_code, city, state, timezone, version)
         VALUES ($1, $2, $3, $4, $5, $6, 'Europe/Berlin', 1) RETURNING id`,
        [tenantId, name, at.street, at.postalCode, at.city, at.state],
      ),
    asset: (tenantId: string, siteId: string, a: FixtureAsset): Promise<string> =>
      one(
        `INSERT INTO assets (tenant_id, site_id, code, name, trade, asset_class, in_contract, version)
         VALUES ($1, $2, $3, $4, $5, $6, true, 1) RETURNING id`,
        [tenantId, siteId, a.code, a.name, a.trade, a.assetClass],
      ),
  };
}
