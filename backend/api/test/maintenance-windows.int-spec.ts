import {
  ServiceProcess,
  createAsset,
  createSite,
  createTenant,
  createTestEnv,
  waitFor,
  type TestEnv,
} from '@leitstand/backend/testing';
import { KpiService } from '@leitstand/backend/kpi';
import Decimal from 'decimal.js';
import { DateTime } from 'luxon';
import { createContract, signIn, type Client } from './ticket-test-world';

/** The previous month (yyyy-MM): it has ended and is not closed yet. */
const previousMonth = DateTime.now().setZone('Europe/Berlin').startOf('month').minus({ months: 1 });
const P = previousMonth.toFormat('yyyy-MM');
/** Its length in minutes in Europe/Berlin: the 24/7 required time of one asset. */
const basis = previousMonth.plus({ months: 1 }).diff(previousMonth, 'minutes').minutes;
/** 1 − downtime / basis, rounded half-up to six places, without trailing zeros, as the KPI states it. */
const availability = (downtime: number, of: number): string =>
  new Decimal(1).minus(new Decimal(downtime).div(of)).toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toString();

/**
 * Planned maintenance windows (issue 6) on the real API and worker: CRUD with If-Match, validation,
 * roles and tenancy, the outbox row each change writes, and the KPI roll-up the worker recomputes
 * with the window cut out of required time and downtime (EN 13306).
 */
interface WindowBody {
  id: string;
  tenantId: string;
  assetId: string;
  startsAt: string;
  endsAt: string;
  reason: string;
  createdBy: string;
  createdAt: string;
  version: number;
}
interface ErrorBody {
  statusCode: number;
  fields?: Array<{ field: string; messages: string[] }>;
}
interface AssetKpi {
  code: string;
  basisMinutes: string;
  downtimeMinutes: string;
  availability: string;
  excludedDowntimeMinutes?: string;
  maintenance?: Array<{
    windowId: string;
    from: string;
    to: string;
    reason: string;
    minutes: string;
    downtimeMinutes: string;
  }>;
  downtime: Array<{ from: string; to: string; minutes: string; tickets: string[] }>;
}
interface KpiBody {
  computedAt: string;
  notes: string[];
  availability: { assets: AssetKpi[]; contract: { basisMinutes: string; downtimeMinutes: string } };
}

describe('maintenance windows: /api/assets/:assetId/maintenance-windows and /api/maintenance-windows/:id', () => {
  let env: TestEnv;
  let api: ServiceProcess;
  let worker: ServiceProcess;
  let admin: Client;
  let agent: Client;
  let manager: Client;
  let otherManager: Client;
  let customer: Client;
  let technician: Client;
  let tenantId: string;
  let siteId: string;
  let assetId: string;
  let kpiAssetId: string;
  let contractId: string;
  let otherAssetId: string;

  const windowsOf = (asset: string): string => `/api/assets/${asset}/maintenance-windows`;
  const del = (client: Client, id: string, headers?: Record<string, string>) =>
    client.call<ErrorBody | null>('DELETE', `/api/maintenance-windows/${id}`, undefined, headers);
  const outboxRows = async (): Promise<Array<{ payload: { contractId: string }; run_at: Date; created_at: Date }>> =>
    (await env.dataSource.query(
      `SELECT payload, run_at, created_at FROM outbox_messages WHERE job_name = 'kpi.recompute-contract' ORDER BY id`,
    )) as Array<{ payload: { contractId: string }; run_at: Date; created_at: Date }>;

  beforeAll(async () => {
    env = await createTestEnv('maintenance_windows');
    [api, worker] = await Promise.all([ServiceProcess.start('api', env.env), ServiceProcess.start('worker', env.env)]);
    const ds = env.dataSource;
    tenantId = (await createTenant(ds)).id;
    const site = await createSite(ds, tenantId, { name: 'Werk Reutlingen', state: 'DE-BW' });
    siteId = site.id;
    assetId = (await createAsset(ds, tenantId, siteId, { code: 'KR-01', assetClass: 'A' })).id;
    kpiAssetId = (await createAsset(ds, tenantId, siteId, { code: 'KR-02', assetClass: 'A' })).id;
    contractId = await createContract(ds, tenantId, [siteId]);
    const otherTenant = (await createTenant(ds)).id;
    const otherSite = await createSite(ds, otherTenant);
    otherAssetId = (await createAsset(ds, otherTenant, otherSite.id, { code: 'X-01', assetClass: 'A' })).id;

    admin = await signIn(ds, api.baseUrl, 'admin');
    agent = await signIn(ds, api.baseUrl, 'agent');
    manager = await signIn(ds, api.baseUrl, 'manager', { servesTenantIds: [tenantId] });
    otherManager = await signIn(ds, api.baseUrl, 'manager', { servesTenantIds: [otherTenant] });
    customer = await signIn(ds, api.baseUrl, 'customer', { tenantId });
    technician = await signIn(ds, api.baseUrl, 'technician', { servesTenantIds: [tenantId] });
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await env?.cleanup();
  });

  it('create, list by range, read, update with If-Match, delete — each change writes a debounced KPI recompute', async () => {
    const before = (await outboxRows()).length;
    const created = await admin.post<WindowBody>(windowsOf(assetId), {
      startsAt: '2026-10-12T06:00:00+02:00',
      endsAt: '2026-10-12T14:00:00+02:00',
      reason: '  Jahreswartung Kran  ',
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toMatchObject({
      tenantId,
      assetId,
      startsAt: '2026-10-12T04:00:00.000Z',
      endsAt: '2026-10-12T12:00:00.000Z',
      reason: 'Jahreswartung Kran',
      createdBy: admin.user.id,
      version: 1,
    });
    const id = created.body.id;
    const rows = await outboxRows();
    expect(rows).toHaveLength(before + 1);
    const row = rows[rows.length - 1];
    expect(row?.payload).toEqual({ contractId });
    // debounced like ticket changes: run_at = commit time + 30 s
    expect((row?.run_at.getTime() ?? 0) - (row?.created_at.getTime() ?? 0)).toBeGreaterThanOrEqual(29_000);

    const second = await manager.post<WindowBody>(windowsOf(assetId), {
      startsAt: '2026-11-03T07:00:00Z',
      endsAt: '2026-11-03T09:00:00Z',
      reason: 'Prüfung BetrSichV',
    });
    expect(second.status).toBe(201);

    const all = await agent.get<{ items: WindowBody[] }>(windowsOf(assetId));
    expect(all.status).toBe(200);
    expect(all.body.items.map((w) => w.id)).toEqual([id, second.body.id]);
    // overlap semantics: windows ending after `from` and starting before `to`
    const october = await agent.get<{ items: WindowBody[] }>(
      `${windowsOf(assetId)}?from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z`,
    );
    expect(october.body.items.map((w) => w.id)).toEqual([id]);
    const edge = await agent.get<{ items: WindowBody[] }>(`${windowsOf(assetId)}?from=2026-10-12T12:00:00Z`);
    expect(edge.body.items.map((w) => w.id)).toEqual([second.body.id]);

    const read = await agent.get<WindowBody>(`/api/maintenance-windows/${id}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');

    const patched = await manager.patch<WindowBody>(
      `/api/maintenance-windows/${id}`,
      { endsAt: '2026-10-12T16:00:00Z' },
      { 'if-match': '"1"' },
    );
    expect(patched.status).toBe(200);
    expect(patched.headers.get('etag')).toBe('"2"');
    expect(patched.body).toMatchObject({
      endsAt: '2026-10-12T16:00:00.000Z',
      version: 2,
      reason: 'Jahreswartung Kran',
    });
    expect(await outboxRows()).toHaveLength(before + 3);

    const stale = await admin.patch<ErrorBody>(
      `/api/maintenance-windows/${id}`,
      { reason: 'überschrieben' },
      { 'if-match': '"1"' },
    );
    expect(stale.status).toBe(412);
    const missing = await admin.patch<ErrorBody>(`/api/maintenance-windows/${id}`, { reason: 'ohne If-Match' });
    expect(missing.status).toBe(428);
    expect((await agent.get<WindowBody>(`/api/maintenance-windows/${id}`)).body).toMatchObject({
      reason: 'Jahreswartung Kran',
      version: 2,
    });
    expect(await outboxRows()).toHaveLength(before + 3);

    expect((await del(admin, id, { 'if-match': '"1"' })).status).toBe(412);
    expect((await agent.get(`/api/maintenance-windows/${id}`)).status).toBe(200);
    expect((await del(manager, id, { 'if-match': '"2"' })).status).toBe(204);
    expect((await agent.get(`/api/maintenance-windows/${id}`)).status).toBe(404);
    expect((await del(admin, second.body.id)).status).toBe(204);
    expect((await agent.get<{ items: WindowBody[] }>(windowsOf(assetId))).body.items).toEqual([]);
    expect(await outboxRows()).toHaveLength(before + 5);
  });

  it('malformed bodies and queries are 400 naming the fields, never 500, and write nothing', async () => {
    const before = (await outboxRows()).length;
    const ok = { startsAt: '2026-10-12T06:00:00Z', endsAt: '2026-10-12T10:00:00Z', reason: 'Wartung' };
    const cases: Array<[unknown, string[]]> = [
      [{}, ['startsAt', 'endsAt', 'reason']],
      [{ ...ok, startsAt: 'yesterday' }, ['startsAt']],
      [{ ...ok, startsAt: '2026-10-12' }, ['startsAt']],
      [{ ...ok, startsAt: '2026-10-12T06:00:00' }, ['startsAt']], // no offset: not an instant
      [{ ...ok, startsAt: '2026-02-30T06:00:00Z' }, ['startsAt']],
      [{ ...ok, endsAt: 1760256000000 }, ['endsAt']],
      [{ ...ok, startsAt: null, endsAt: ['2026-10-12T10:00:00Z'] }, ['startsAt', 'endsAt']],
      [{ ...ok, endsAt: '2026-10-12T05:00:00Z' }, ['endsAt']],
      [{ ...ok, endsAt: ok.startsAt }, ['endsAt']],
      [{ ...ok, endsAt: '2026-11-12T06:00:01Z' }, ['endsAt']], // 31 days + 1 s
      [{ ...ok, reason: '' }, ['reason']],
      [{ ...ok, reason: '   ' }, ['reason']],
      [{ ...ok, reason: 'x'.repeat(501) }, ['reason']],
      [{ ...ok, reason: 42 }, ['reason']],
      [{ ...ok, assetId: otherAssetId }, ['assetId']],
      [{ ...ok, endsAt: '2026-10-12T05:00:00Z', reason: '' }, ['reason']], // DTO errors first
    ];
    for (const [body, fields] of cases) {
      const res = await admin.post<ErrorBody>(windowsOf(assetId), body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect({ body, fields: res.body.fields?.map((f) => f.field).sort() }).toEqual({
        body,
        fields: [...fields].sort(),
      });
    }
    // exactly 31 days is allowed
    const longest = await admin.post<WindowBody>(windowsOf(assetId), {
      ...ok,
      endsAt: '2026-11-12T06:00:00Z',
    });
    expect(longest.status).toBe(201);
    expect(await outboxRows()).toHaveLength(before + 1);

    for (const raw of ['{"startsAt":', '[]', '"text"', 'null']) {
      const res = await admin.call<ErrorBody>('POST', windowsOf(assetId), raw, { 'content-type': 'application/json' });
      expect({ raw, status: res.status }).toEqual({ raw, status: 400 });
    }

    // PATCH validates the merged window
    const id = longest.body.id;
    const patchCases: Array<[unknown, string[]]> = [
      [{ endsAt: '2026-10-12T06:00:00Z' }, ['endsAt']],
      [{ startsAt: '2026-11-12T07:00:00Z' }, ['endsAt']],
      [{ startsAt: '2026-10-11T06:00:00Z' }, ['endsAt']], // now 32 days long
      [{ reason: ' ' }, ['reason']],
      [{ reason: null }, ['reason']],
      [{ startsAt: 'soon', version: 3 }, ['startsAt', 'version']],
    ];
    for (const [body, fields] of patchCases) {
      const res = await admin.patch<ErrorBody>(`/api/maintenance-windows/${id}`, body, { 'if-match': '"1"' });
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect({ body, fields: res.body.fields?.map((f) => f.field).sort() }).toEqual({
        body,
        fields: [...fields].sort(),
      });
    }
    const badIfMatch = await admin.patch<ErrorBody>(
      `/api/maintenance-windows/${id}`,
      { reason: 'x' },
      { 'if-match': 'abc' },
    );
    expect(badIfMatch.status).toBe(400);
    expect(badIfMatch.body.fields?.map((f) => f.field)).toEqual(['If-Match']);

    for (const [query, field] of [
      ['from=gestern', 'from'],
      ['to=2026-13-01T00:00:00Z', 'to'],
      ['from=2026-10-02T00:00:00Z&to=2026-10-01T00:00:00Z', 'to'],
      ['from=2026-10-02T00:00:00Z&to=2026-10-02T00:00:00Z', 'to'],
      ['limit=5', 'limit'],
    ] as const) {
      const res = await agent.get<ErrorBody>(`${windowsOf(assetId)}?${query}`);
      expect({ query, status: res.status, fields: res.body.fields?.map((f) => f.field) }).toEqual({
        query,
        status: 400,
        fields: [field],
      });
    }
    expect(await outboxRows()).toHaveLength(before + 1);
    expect((await del(admin, id)).status).toBe(204);
  });

  it('tenancy: other tenants and unknown ids are 404; customers and technicians 403; agents only read', async () => {
    const mine = await admin.post<WindowBody>(windowsOf(assetId), {
      startsAt: '2026-12-01T06:00:00Z',
      endsAt: '2026-12-01T08:00:00Z',
      reason: 'Wartung',
    });
    const theirs = await admin.post<WindowBody>(windowsOf(otherAssetId), {
      startsAt: '2026-12-01T06:00:00Z',
      endsAt: '2026-12-01T08:00:00Z',
      reason: 'Wartung',
    });
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    const body = { startsAt: '2026-12-02T06:00:00Z', endsAt: '2026-12-02T08:00:00Z', reason: 'Wartung' };

    // a manager of another tenant: the asset and the window do not exist for them
    expect((await otherManager.get(windowsOf(assetId))).status).toBe(404);
    expect((await otherManager.post(windowsOf(assetId), body)).status).toBe(404);
    expect((await otherManager.get(`/api/maintenance-windows/${mine.body.id}`)).status).toBe(404);
    expect(
      (await otherManager.patch(`/api/maintenance-windows/${mine.body.id}`, { reason: 'fremd' }, { 'if-match': '"1"' }))
        .status,
    ).toBe(404);
    expect((await del(otherManager, mine.body.id)).status).toBe(404);
    // … and their own tenant's window is theirs
    expect((await otherManager.get(`/api/maintenance-windows/${theirs.body.id}`)).status).toBe(200);
    expect((await manager.get(`/api/maintenance-windows/${theirs.body.id}`)).status).toBe(404);
    expect((await manager.post(windowsOf(otherAssetId), body)).status).toBe(404);

    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const path of [windowsOf(unknown), windowsOf('not-a-uuid')]) {
      expect((await admin.get(path)).status).toBe(404);
      expect((await admin.post(path, body)).status).toBe(404);
    }
    for (const id of [unknown, 'not-a-uuid']) {
      expect((await admin.get(`/api/maintenance-windows/${id}`)).status).toBe(404);
      expect((await admin.patch(`/api/maintenance-windows/${id}`, { reason: 'x' }, { 'if-match': '"1"' })).status).toBe(
        404,
      );
      expect((await del(admin, id)).status).toBe(404);
    }

    for (const client of [customer, technician]) {
      expect((await client.get(windowsOf(assetId))).status).toBe(403);
      expect((await client.get(`/api/maintenance-windows/${mine.body.id}`)).status).toBe(403);
      expect((await client.post(windowsOf(assetId), body)).status).toBe(403);
      expect((await del(client, mine.body.id)).status).toBe(403);
    }
    expect((await agent.get(windowsOf(assetId))).status).toBe(200);
    expect((await agent.post(windowsOf(assetId), body)).status).toBe(403);
    expect(
      (await agent.patch(`/api/maintenance-windows/${mine.body.id}`, { reason: 'x' }, { 'if-match': '"1"' })).status,
    ).toBe(403);
    expect((await del(agent, mine.body.id)).status).toBe(403);
    expect((await agent.get<WindowBody>(`/api/maintenance-windows/${mine.body.id}`)).body.version).toBe(1);
    expect((await del(admin, mine.body.id)).status).toBe(204);
    expect((await del(admin, theirs.body.id)).status).toBe(204);
  });

  it('the worker recomputes the roll-up: the window leaves the required time and exactly its overlap leaves the downtime', async () => {
    const ds = env.dataSource;
    // KR-02 down on the 5th of the previous month 08:00–11:00Z = 180 min. The previous month is still open (a
    // month closes one month after its end, then its roll-up is frozen), so the worker recomputes it. Its 24/7
    // basis is its length in Europe/Berlin: 44,700 min for October 2026 (25 hours on the day summer time ends),
    // 43,200 for November.
    await ds.query(
      `INSERT INTO tickets (number, tenant_id, site_id, asset_id, contract_id, title, priority, status, fault_began_at,
         asset_down, in_scope, restored_at, closed_at, version)
       VALUES ('2026-910001', $1, $2, $3, $4, 'Kran steht', 'A', 'closed', $5, true, true, $6, $6, 1)`,
      [tenantId, siteId, kpiAssetId, contractId, `${P}-05T08:00:00Z`, `${P}-05T11:00:00Z`],
    );
    const first = await agent.get<KpiBody>(`/api/contracts/${contractId}/kpis?period=${P}`);
    expect(first.status).toBe(200);
    const kr02 = (k: KpiBody): AssetKpi | undefined => k.availability.assets.find((a) => a.code === 'KR-02');
    // October 2026: 1 − 180 / 44,700 = 0.99597315… → 0.995973
    expect(kr02(first.body)).toMatchObject({
      basisMinutes: String(basis),
      downtimeMinutes: '180',
      availability: availability(180, basis),
    });
    expect(kr02(first.body)).not.toHaveProperty('maintenance');

    // planned 10:00–12:00Z: 120 min planned; 10:00–11:00Z (60 min) of the downtime lies inside it
    const created = await manager.post<WindowBody>(windowsOf(kpiAssetId), {
      startsAt: `${P}-05T10:00:00Z`,
      endsAt: `${P}-05T12:00:00Z`,
      reason: 'Planmäßiger Seiltausch',
    });
    expect(created.status).toBe(201);

    const stored = await waitFor(
      async () => {
        // the stored roll-up, its asset list explained from the stored derivation
        const row = await new KpiService(ds, { now: () => new Date() }).stored(contractId, P);
        return row && row.payload.kpis.computedAt !== first.body.computedAt
          ? (JSON.parse(JSON.stringify(row.payload.kpis)) as KpiBody)
          : null;
      },
      `the recomputed ${P} roll-up`,
      75_000,
      250,
    );
    // October 2026: basis 44,700 − 120 = 44,580; downtime 180 − 60 = 120; 1 − 120 / 44,580 = 0.99730821… → 0.997308
    expect(kr02(stored)).toMatchObject({
      basisMinutes: String(basis - 120),
      downtimeMinutes: '120',
      availability: availability(120, basis - 120),
      excludedDowntimeMinutes: '60',
      maintenance: [
        {
          windowId: created.body.id,
          from: `${P}-05T10:00:00.000Z`,
          to: `${P}-05T12:00:00.000Z`,
          reason: 'Planmäßiger Seiltausch',
          minutes: '120',
          downtimeMinutes: '60',
        },
      ],
    });
    expect(kr02(stored)?.downtime).toEqual([
      { from: `${P}-05T08:00:00.000Z`, to: `${P}-05T10:00:00.000Z`, minutes: '120', tickets: ['2026-910001'] },
    ]);
    // the other asset (KR-01) keeps the full basis: October 2026 contract 44,580 + 44,700 = 89,280 min, downtime 120
    expect(stored.availability.contract).toMatchObject({
      basisMinutes: String(2 * basis - 120),
      downtimeMinutes: '120',
    });
    expect(stored.notes.join('\n')).toMatch(/1 geplante\(s\) Wartungsfenster/);

    // the API answers the stored roll-up
    const again = await agent.get<KpiBody>(`/api/contracts/${contractId}/kpis?period=${P}`);
    expect(again.body.computedAt).toBe(stored.computedAt);
    expect(kr02(again.body)?.excludedDowntimeMinutes).toBe('60');
  }, 120_000);

  it('is documented in the OpenAPI document, and no request above was answered with a 500', async () => {
    const res = await fetch(`${api.baseUrl}/api/docs/openapi.json`);
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/api/assets/{assetId}/maintenance-windows'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/maintenance-windows/{id}'] ?? {}).sort()).toEqual(['delete', 'get', 'patch']);
    const errors = api.logs().filter((l) => typeof l['level'] === 'number' && (l['level'] as number) >= 50);
    expect(errors).toEqual([]);
  });
});
