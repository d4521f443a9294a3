import { hash, verify } from 'argon2';
import type { EntityManager } from 'typeorm';
import type { DemoDataset, ResolvedDemoTenant } from './demo-data.types';

/** A column value with the SQL type it is compared and stored as. */
type Col = [column: string, type: string, value: unknown];

/** Counts of what a seed run wrote (0 everywhere on a repeat run). */
export interface DemoCatalogResult {
  inserted: number;
  updated: number;
  tenantIds: Map<string, string>;
  userIds: Map<string, string>;
}

/**
 * Finds the row by its natural key; inserts it when missing, else updates the columns that differ
 * (and only then bumps `version`). Returns the row id and what happened.
 */
async function upsert(
  q: EntityManager,
  table: string,
  key: Col[],
  cols: Col[],
  versioned = true,
): Promise<{ id: string; op: 'inserted' | 'updated' | 'unchanged' }> {
  const keyWhere = key.map(([c, t], i) => `"${c}" = $${i + 1}::${t}`).join(' AND ');
  const [found] = (await q.query(
    `SELECT id FROM "${table}" WHERE ${keyWhere}`,
    key.map(([, , v]) => v),
  )) as Array<{ id: string }>;
  const all = [...key, ...cols];
  if (!found) {
    const names = [...all.map(([c]) => `"${c}"`), ...(versioned ? ['"version"'] : [])];
    const values = [...all.map(([, t], i) => `$${i + 1}::${t}`), ...(versioned ? ['1'] : [])];
    const [row] = (await q.query(
      `INSERT INTO "${table}" (${names.join(', ')}) VALUES (${values.join(', ')}) RETURNING id`,
      all.map(([, , v]) => v),
    )) as Array<{ id: string }>;
    return { id: String(row?.id), op: 'inserted' };
  }
  if (cols.length === 0) return { id: found.id, op: 'unchanged' };
  const targets = cols.map(([c]) => `"${c}"`).join(', ');
  const values = cols.map(([, t], i) => `$${i + 2}::${t}`).join(', ');
  // In a CTE, so the driver answers rows (a bare UPDATE answers [rows, count]).
  const [changed] = (await q.query(
    `WITH u AS (
       UPDATE "${table}" SET (${targets}) = ROW(${values})${versioned ? ', version = version + 1' : ''}
        WHERE id = $1 AND ROW(${targets}) IS DISTINCT FROM ROW(${values}) RETURNING id)
     SELECT count(*)::int AS n FROM u`,
    [found.id, ...cols.map(([, , v]) => v)],
  )) as Array<{ n: number }>;
  return { id: found.id, op: (changed?.n ?? 0) > 0 ? 'updated' : 'unchanged' };
}

const json = (v: unknown): string => JSON.stringify(v);

/**
 * Tenants, sites, assets, price lists, contracts (with their sites) and users of the demo data set,
 * each keyed by a stable natural key (tenant slug, site name per tenant, asset code per tenant,
 * price list key, contract name per tenant, e-mail) and upserted: a repeat run changes nothing.
 * A user's stored hash is kept while it still verifies the demo password (argon2 salts differ per hash).
 */
export async function seedDemoCatalog(q: EntityManager, data: DemoDataset): Promise<DemoCatalogResult> {
  const result: DemoCatalogResult = { inserted: 0, updated: 0, tenantIds: new Map(), userIds: new Map() };
  const count = (op: 'inserted' | 'updated' | 'unchanged'): void => {
    if (op === 'inserted') result.inserted++;
    if (op === 'updated') result.updated++;
  };

  const priceListIds = new Map<string, string>();
  for (const p of data.priceLists) {
    const r = await upsert(
      q,
      'price_lists',
      [['key', 'varchar', p.key]],
      [
        ['name', 'varchar', p.name],
        ['valid_from', 'date', p.validFrom],
        ['data', 'jsonb', json(p.data)],
      ],
    );
    count(r.op);
    priceListIds.set(p.key, r.id);
  }

  // Index series by key; a series' values are added once (an admin's later edits of a value stay).
  for (const series of data.indexSeries) {
    const [written] = (await q.query(
      `WITH w AS (
         INSERT INTO index_series (key, name, source, base_year) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name, source = EXCLUDED.source, base_year = EXCLUDED.base_year,
                                         version = index_series.version + 1, updated_at = now()
          WHERE (index_series.name, index_series.source, index_series.base_year)
                IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.source, EXCLUDED.base_year)
         RETURNING (xmax = 0) AS inserted)
       SELECT inserted FROM w`,
      [series.key, series.name, series.source, series.baseYear],
    )) as Array<{ inserted: boolean }>;
    count(written === undefined ? 'unchanged' : written.inserted ? 'inserted' : 'updated');
    await q.query(
      `INSERT INTO index_values (series_key, period, value, published_on, rebasing_factor)
       SELECT $1, u.period, u.value, u.published_on, u.factor
         FROM unnest($2::text[], $3::numeric[], $4::date[], $5::numeric[]) AS u(period, value, published_on, factor)
       ON CONFLICT (series_key, period) DO NOTHING`,
      [
        series.key,
        series.points.map((p) => p.period),
        series.points.map((p) => p.value),
        series.points.map((p) => p.publishedOn),
        series.points.map((p) => p.rebasingFactor ?? '1'),
      ],
    );
  }

  for (const t of data.tenants) {
    const tenantId = await seedTenant(q, t, priceListIds, count);
    result.tenantIds.set(t.slug, tenantId);
  }

  for (const u of data.users) {
    const email = u.email.toLowerCase();
    const [existing] = (await q.query(`SELECT password_hash FROM users WHERE email = $1`, [email])) as Array<{
      password_hash: string;
    }>;
    const keep = existing ? await verify(existing.password_hash, u.password).catch(() => false) : false;
    const passwordHash = keep && existing ? existing.password_hash : await hash(u.password);
    const r = await upsert(
      q,
      'users',
      [['email', 'varchar', email]],
      [
        ['display_name', 'varchar', u.displayName],
        ['role', 'varchar', u.role],
        ['tenant_id', 'uuid', u.tenant ? result.tenantIds.get(u.tenant) : null],
        ['password_hash', 'varchar', passwordHash],
        ['active', 'boolean', true],
      ],
    );
    count(r.op);
    result.userIds.set(email, r.id);
    for (const slug of u.serves ?? []) {
      const rows = (await q.query(
        `INSERT INTO user_tenants (user_id, tenant_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING user_id`,
        [r.id, result.tenantIds.get(slug)],
      )) as unknown[];
      result.inserted += rows.length;
    }
  }
  return result;
}

async function seedTenant(
  q: EntityManager,
  t: ResolvedDemoTenant,
  priceListIds: Map<string, string>,
  count: (op: 'inserted' | 'updated' | 'unchanged') => void,
): Promise<string> {
  const tenant = await upsert(q, 'tenants', [['slug', 'varchar', t.slug]], [['name', 'varchar', t.name]]);
  count(tenant.op);
  const tenantId = tenant.id;

  const siteIds = new Map<string, string>();
  for (const s of t.sites) {
    const r = await upsert(
      q,
      'sites',
      [
        ['tenant_id', 'uuid', tenantId],
        ['name', 'varchar', s.name],
      ],
      [
        ['street', 'varchar', s.street],
        ['postal_code', 'varchar', s.postalCode],
        ['city', 'varchar', s.city],
        ['state', 'varchar', s.state],
        ['timezone', 'varchar', s.timezone],
        ['area_m2', 'numeric', s.areaM2 ?? null],
        ['distance_km', 'numeric', s.distanceKm ?? null],
        ['travel_zone', 'varchar', s.travelZone ?? null],
      ],
    );
    count(r.op);
    siteIds.set(s.name, r.id);
  }

  const assetIds = new Map<string, string>();
  // Parents first, so a child can refer to its parent's id.
  const ordered = [...t.assets.filter((a) => !a.parent), ...t.assets.filter((a) => a.parent)];
  for (const a of ordered) {
    const r = await upsert(
      q,
      'assets',
      [
        ['tenant_id', 'uuid', tenantId],
        ['code', 'varchar', a.code],
      ],
      [
        ['site_id', 'uuid', siteIds.get(a.site)],
        ['parent_id', 'uuid', a.parent ? assetIds.get(a.parent) : null],
        ['name', 'varchar', a.name],
        ['trade', 'varchar', a.trade],
        ['asset_class', 'varchar', a.assetClass],
        ['in_contract', 'boolean', a.inContract],
      ],
    );
    count(r.op);
    assetIds.set(a.code, r.id);
  }

  for (const c of t.contracts) {
    const r = await upsert(
      q,
      'contracts',
      [
        ['tenant_id', 'uuid', tenantId],
        ['name', 'varchar', c.name],
      ],
      [
        ['type', 'varchar', c.type],
        ['starts_on', 'date', c.startsOn],
        ['ends_on', 'date', c.endsOn],
        ['calendars', 'jsonb', json(c.calendars)],
        ['sla_matrix', 'jsonb', json(c.slaMatrix)],
        ['availability_targets', 'jsonb', json(c.availabilityTargets)],
        ['availability_basis', 'varchar', c.availabilityBasis],
        ['bonus_malus', 'jsonb', c.bonusMalus === null ? null : json(c.bonusMalus)],
        ['price_list_id', 'uuid', c.priceListKey ? priceListIds.get(c.priceListKey) : null],
        ['annual_volume', 'numeric', c.annualVolume],
        ['indexation', 'jsonb', c.indexation === null ? null : json(c.indexation)],
        ['capex_threshold', 'numeric', c.capexThreshold],
        ['scope', 'jsonb', json(c.scope)],
        ['quiet_warnings_calendar', 'varchar', c.quietWarningsCalendar],
        ['economics', 'jsonb', c.economics === null ? null : json(c.economics)],
      ],
    );
    count(r.op);
    for (const siteName of c.sites) {
      const rows = (await q.query(
        `INSERT INTO contract_sites (contract_id, site_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING contract_id`,
        [r.id, siteIds.get(siteName)],
      )) as unknown[];
      if (rows.length > 0) count('inserted');
    }
  }
  return tenantId;
}
