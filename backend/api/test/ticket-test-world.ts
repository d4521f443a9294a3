import type { DataSource } from 'typeorm';
import {
  createAsset,
  createSite,
  createTenant,
  createUser,
  login,
  type FixtureRole,
  type FixtureUser,
  type Session,
} from '@leitstand/backend/testing';

/** A JSON answer of the API: status, headers and parsed body. */
export interface Answer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** A signed-in API client (Bearer token). */
export class Client {
  constructor(
    readonly baseUrl: string,
    readonly session: Session,
    readonly user: FixtureUser,
  ) {}

  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...this.session.headers,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T };
  }

  get<T = Record<string, unknown>>(path: string, headers?: Record<string, string>): Promise<Answer<T>> {
    return this.call<T>('GET', path, undefined, headers);
  }

  post<T = Record<string, unknown>>(
    path: string,
    body: unknown = {},
    headers?: Record<string, string>,
  ): Promise<Answer<T>> {
    return this.call<T>('POST', path, body, headers);
  }

  patch<T = Record<string, unknown>>(
    path: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<Answer<T>> {
    return this.call<T>('PATCH', path, body, headers);
  }
}

export async function signIn(
  ds: DataSource,
  baseUrl: string,
  role: FixtureRole,
  options: { tenantId?: string; servesTenantIds?: string[]; displayName?: string } = {},
): Promise<Client> {
  const user = await createUser(ds, role, options);
  return new Client(baseUrl, await login(baseUrl, user), user);
}

/** The 24/7 calendar (holidays open too) the SLA tests compute exact deadlines on. */
export const CALENDAR_24_7 = {
  timezone: 'Europe/Berlin',
  week: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]])),
  holidayWindows: [['00:00', '24:00']],
};

/** A: respond 15 min / restore 60 min; B: 30 / 240; C: 60 / 480 — all on 24/7, warning at 75 %. */
export const SLA_MATRIX = {
  A: {
    response: { budget: { kind: 'minutes', minutes: 15 }, calendar: '24-7', warningShare: 0.75 },
    restore: { budget: { kind: 'minutes', minutes: 60 }, calendar: '24-7', warningShare: 0.75 },
  },
  B: {
    response: { budget: { kind: 'minutes', minutes: 30 }, calendar: '24-7', warningShare: 0.75 },
    restore: { budget: { kind: 'minutes', minutes: 240 }, calendar: '24-7', warningShare: 0.75 },
  },
  C: {
    response: { budget: { kind: 'minutes', minutes: 60 }, calendar: '24-7', warningShare: 0.75 },
    restore: { budget: { kind: 'minutes', minutes: 480 }, calendar: '24-7', warningShare: 0.75 },
  },
};

/** A contract row written in SQL covering `siteIds` (term: the whole current decade). */
export async function createContract(
  ds: DataSource,
  tenantId: string,
  siteIds: string[],
  options: { priceListId?: string; scope?: Record<string, unknown> } = {},
): Promise<string> {
  const [row] = (await ds.query(
    `INSERT INTO contracts (tenant_id, name, type, starts_on, ends_on, calendars, sla_matrix, annual_volume, scope,
       price_list_id, version)
     VALUES ($1, 'Vollwartung Test', 'full_maintenance', '2020-01-01', '2039-12-31', $2::jsonb, $3::jsonb, '120000.00',
       $4::jsonb, $5, 1) RETURNING id`,
    [
      tenantId,
      JSON.stringify({ '24-7': CALENDAR_24_7 }),
      JSON.stringify(SLA_MATRIX),
      JSON.stringify(options.scope ?? {}),
      options.priceListId ?? null,
    ],
  )) as Array<{ id: string }>;
  const id = String(row?.id);
  for (const siteId of siteIds) {
    await ds.query(`INSERT INTO contract_sites (contract_id, site_id) VALUES ($1, $2)`, [id, siteId]);
  }
  return id;
}

/** A tenant with a site, an A asset, a C asset, and a site without a contract. */
export async function createTenantWorld(
  ds: DataSource,
  options: { contract?: boolean } = {},
): Promise<{
  tenantId: string;
  siteId: string;
  assetA: string;
  assetC: string;
  bareSiteId: string;
  contractId: string | null;
}> {
  const tenant = await createTenant(ds);
  const site = await createSite(ds, tenant.id, { name: 'Werk Nord' });
  const bare = await createSite(ds, tenant.id, { name: 'Lager ohne Vertrag' });
  const assetA = await createAsset(ds, tenant.id, site.id, { assetClass: 'A', name: 'Aufzug 1', trade: 'elevators' });
  const assetC = await createAsset(ds, tenant.id, site.id, { assetClass: 'C', name: 'Tor 4', trade: 'doors' });
  const contractId = options.contract === false ? null : await createContract(ds, tenant.id, [site.id]);
  return {
    tenantId: tenant.id,
    siteId: site.id,
    assetA: assetA.id,
    assetC: assetC.id,
    bareSiteId: bare.id,
    contractId,
  };
}

export async function count(ds: DataSource, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = (await ds.query(sql, params)) as Array<{ n: number }>;
  return Number(row?.n ?? 0);
}
