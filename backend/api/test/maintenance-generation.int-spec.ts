import pino from 'pino';
import type { DataSource } from 'typeorm';
import { OccurrenceGenerator } from '@leitstand/backend/maintenance';
import {
  ServiceProcess,
  createAsset,
  createSite,
  createTenant,
  createTestEnv,
  createUser,
  login,
  waitFor,
  type Session,
  type TestEnv,
} from '@leitstand/backend/testing';

/**
 * Maintenance requirements and the occurrence generator on real processes (api, worker, PostgreSQL,
 * Redis): a kill -9 of the worker in the middle of a generation and a second generator running at the
 * same time never duplicate an occurrence or a work order (release), a re-run changes nothing; and the
 * requirements API answers bad input with 400 naming the field, stale versions with 412, and never
 * shows or touches another tenant's plans.
 */

interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
  etag: string | null;
}

interface ErrorBody {
  fields?: Array<{ field: string; messages: string[] }>;
}

async function call<T = Record<string, unknown>>(
  baseUrl: string,
  session: Session,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply<T>> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...session.headers,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T, etag: res.headers.get('etag') };
}

const fieldsOf = (r: Reply): string[] => ((r.body as ErrorBody).fields ?? []).map((f) => f.field);

async function createContract(ds: DataSource, tenantId: string, siteIds: string[]): Promise<string> {
  const [row] = (await ds.query(
    `INSERT INTO contracts (tenant_id, name, type, starts_on, calendars, sla_matrix, annual_volume, version)
     VALUES ($1, 'Vollwartung', 'full_maintenance', '2026-01-01', '{}', '{}', 100000, 1) RETURNING id`,
    [tenantId],
  )) as Array<{ id: string }>;
  for (const siteId of siteIds) {
    await ds.query(`INSERT INTO contract_sites (contract_id, site_id) VALUES ($1, $2)`, [row?.id, siteId]);
  }
  return String(row?.id);
}

/** Everything that must never double: occurrences per key, 'generated' and 'released' events per occurrence. */
async function integrity(ds: DataSource, contractId: string) {
  const [row] = (await ds.query(
    `SELECT (SELECT count(*)::int FROM maintenance_occurrences WHERE contract_id = $1) AS occurrences,
            (SELECT count(*)::int FROM (SELECT 1 FROM maintenance_occurrences WHERE contract_id = $1
               GROUP BY requirement_id, asset_id, period_no HAVING count(*) > 1) d) AS duplicate_keys,
            (SELECT count(*)::int FROM occurrence_events e JOIN maintenance_occurrences o ON o.id = e.occurrence_id
              WHERE o.contract_id = $1 AND e.type = 'generated') AS generated_events,
            (SELECT count(*)::int FROM maintenance_occurrences o WHERE o.contract_id = $1
               AND (SELECT count(*) FROM occurrence_events e WHERE e.occurrence_id = o.id AND e.type = 'generated') <> 1)
              AS without_one_generated,
            (SELECT count(*)::int FROM maintenance_occurrences WHERE contract_id = $1 AND released_at IS NOT NULL) AS released,
            (SELECT count(*)::int FROM occurrence_events e JOIN maintenance_occurrences o ON o.id = e.occurrence_id
              WHERE o.contract_id = $1 AND e.type = 'released') AS released_events,
            (SELECT md5(string_agg(o::text, ',' ORDER BY o.id)) FROM maintenance_occurrences o WHERE o.contract_id = $1) AS digest,
            (SELECT count(*)::int FROM occurrence_events) AS events`,
    [contractId],
  )) as Array<{
    occurrences: number;
    duplicate_keys: number;
    generated_events: number;
    without_one_generated: number;
    released: number;
    released_events: number;
    digest: string;
    events: number;
  }>;
  if (!row) throw new Error('no integrity row');
  return row;
}

describe('maintenance generation: kill -9 and a concurrent generator never duplicate', () => {
  const ASSETS = 2_500;
  const REQUIREMENTS = 2;
  const MONTHS = 12;
  let env: TestEnv;
  let api: ServiceProcess;
  let worker: ServiceProcess | null = null;
  let contractId: string;

  beforeAll(async () => {
    env = await createTestEnv('maint_gen');
    const ds = env.dataSource;
    const tenant = await createTenant(ds, 'Wartung Kill GmbH');
    const site = await createSite(ds, tenant.id, { name: 'Werk Kill', state: 'DE-BW' });
    contractId = await createContract(ds, tenant.id, [site.id]);
    await ds.query(
      `INSERT INTO assets (tenant_id, site_id, code, name, trade, asset_class, version)
       SELECT $1, $2, 'NA-' || g, 'Netzersatzanlage ' || g, 'power-generation', 'A', 1 FROM generate_series(1, $3) g`,
      [tenant.id, site.id, ASSETS],
    );
    api = await ServiceProcess.start('api', env.env);
    const admin = await login(api.baseUrl, await createUser(ds, 'admin'));
    // Two monthly plans on every asset of the site, grid targets mid-month: 12 per asset in the horizon.
    for (let i = 0; i < REQUIREMENTS; i++) {
      const created = await call(api.baseUrl, admin, 'POST', '/api/maintenance/requirements', {
        contractId,
        taskKey: 'generator-test-run',
        title: `Probelauf ${i + 1}`,
        siteId: site.id,
        trade: 'power-generation',
        cadence: { every: 1, unit: 'month' },
        anchor: { kind: 'fixed-grid', start: `2026-01-1${i + 2}` },
        leadDays: 7,
      });
      expect(created.status).toBe(201);
    }
    const [outbox] = (await ds.query(
      `SELECT count(*)::int AS n FROM outbox_messages WHERE job_name = 'maintenance.generate'`,
    )) as Array<{ n: number }>;
    expect(outbox?.n).toBe(REQUIREMENTS);
  });

  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    await env?.cleanup();
  });

  it('survives kill -9 mid-run and a second generator at once, and a re-run changes nothing', async () => {
    const ds = env.dataSource;
    const count = async () =>
      ((await ds.query(`SELECT count(*)::int AS n FROM maintenance_occurrences`)) as Array<{ n: number }>)[0]?.n ?? 0;
    const expected = ASSETS * REQUIREMENTS * MONTHS;

    // The worker picks up the outbox's generation job; it is killed once the first batches are committed.
    worker = await ServiceProcess.start('worker', env.env);
    const atKill = await waitFor(async () => ((await count()) > 0 ? count() : null), 'the first batch', 120_000, 10);
    await worker.kill9();
    worker = null;
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(expected); // killed in the middle, not after the run
    const afterKill = await integrity(ds, contractId);
    expect(afterKill.duplicate_keys).toBe(0);
    expect(afterKill.without_one_generated).toBe(0); // whole batches: every row has its event, no half batch

    // A new worker (its catch-up run at start, and the retried job) and a generator in this process, at once.
    worker = await ServiceProcess.start('worker', env.env);
    const generator = new OccurrenceGenerator(ds, { now: () => new Date() }, pino({ level: 'silent' }));
    const concurrent = await generator.generate(contractId);
    expect(concurrent.errors).toEqual([]);
    await waitFor(async () => (await count()) === expected, 'every occurrence', 180_000, 250);
    // Let the worker's runs finish: the outbox is published and nothing changes for two seconds.
    let last = '';
    await waitFor(
      async () => {
        const now = await integrity(ds, contractId);
        const same = now.digest === last && now.events > 0;
        last = now.digest;
        return same;
      },
      'the worker to settle',
      120_000,
      2_000,
    );

    const done = await integrity(ds, contractId);
    expect(done.occurrences).toBe(expected);
    expect(done.duplicate_keys).toBe(0);
    expect(done.generated_events).toBe(expected);
    expect(done.without_one_generated).toBe(0);
    expect(done.released).toBeGreaterThan(0); // this month's and next month's runs are work orders already
    expect(done.released_events).toBe(done.released); // one work order per occurrence, never two

    // A re-run plans the same and writes nothing: no row, no version, no event changes.
    await worker.stop();
    worker = null;
    const rerun = await generator.generate(contractId);
    expect(rerun).toMatchObject({ inserted: 0, rescheduled: 0, cancelled: 0, released: 0, changedPairs: 0 });
    const after = await integrity(ds, contractId);
    expect(after.digest).toBe(done.digest);
    expect(after.events).toBe(done.events);
  }, 600_000);
});

describe('maintenance requirements API: validation, versions, tenancy', () => {
  let env: TestEnv;
  let api: ServiceProcess;
  let admin: Session;
  let managerA: Session;
  let technician: Session;
  let customer: Session;
  let contractA: string;
  let contractB: string;
  let siteA: { id: string };
  let siteA2: { id: string };
  let siteB: { id: string };
  let assetA: { id: string };
  let assetB: { id: string };
  let requirementB: Record<string, unknown> & { id: string; version: number };

  beforeAll(async () => {
    env = await createTestEnv('maint_req');
    api = await ServiceProcess.start('api', env.env);
    const ds = env.dataSource;
    const tenantA = await createTenant(ds, 'Klinik A');
    const tenantB = await createTenant(ds, 'Werk B');
    siteA = await createSite(ds, tenantA.id, { name: 'Haus A' });
    siteA2 = await createSite(ds, tenantA.id, { name: 'Haus A2' });
    siteB = await createSite(ds, tenantB.id, { name: 'Halle B' });
    assetA = await createAsset(ds, tenantA.id, siteA.id, { code: 'AZ-A1', trade: 'elevators' });
    assetB = await createAsset(ds, tenantB.id, siteB.id, { code: 'AZ-B1', trade: 'elevators' });
    contractA = await createContract(ds, tenantA.id, [siteA.id]);
    contractB = await createContract(ds, tenantB.id, [siteB.id]);
    [admin, managerA, technician, customer] = await Promise.all([
      login(api.baseUrl, await createUser(ds, 'admin')),
      login(api.baseUrl, await createUser(ds, 'manager', { servesTenantIds: [tenantA.id] })),
      login(api.baseUrl, await createUser(ds, 'technician', { servesTenantIds: [tenantA.id] })),
      login(api.baseUrl, await createUser(ds, 'customer', { tenantId: tenantA.id })),
    ]);
    const created = await call<typeof requirementB>(api.baseUrl, admin, 'POST', '/api/maintenance/requirements', {
      contractId: contractB,
      taskKey: 'elevator-statutory-inspection',
      siteId: siteB.id,
      assetId: assetB.id,
      anchor: { kind: 'statutory', lastTest: '2025-06-10' },
    });
    expect(created.status).toBe(201);
    requirementB = created.body;
  });

  afterAll(async () => {
    await api?.stop();
    await env?.cleanup();
  });

  const valid = () => ({
    contractId: contractA,
    taskKey: 'elevator-maintenance',
    siteId: siteA.id,
    assetId: assetA.id,
    anchor: { kind: 'fixed-grid', start: '2026-01-15' },
  });

  it('serves the task catalogue to staff, not to customers', async () => {
    const tasks = await call<{ items: Array<{ key: string; checklist: unknown[] }> }>(
      api.baseUrl,
      technician,
      'GET',
      '/api/maintenance/tasks',
    );
    expect(tasks.status).toBe(200);
    expect(tasks.body.items.map((t) => t.key)).toContain('elevator-statutory-inspection');
    expect((await call(api.baseUrl, customer, 'GET', '/api/maintenance/tasks')).status).toBe(403);
  });

  it('creates a requirement with the task’s defaults and the statutory anchor’s intermediate inspection', async () => {
    const created = await call<Record<string, unknown>>(
      api.baseUrl,
      managerA,
      'POST',
      '/api/maintenance/requirements',
      {
        ...valid(),
        taskKey: 'elevator-statutory-inspection',
        anchor: { kind: 'statutory', lastTest: '2025-09-01' },
        fee: '400',
      },
    );
    expect(created.status).toBe(201);
    expect(created.etag).toBe('"1"');
    expect(created.body).toMatchObject({
      taskKey: 'elevator-statutory-inspection',
      statutory: true,
      performer: 'approved-body',
      anchor: { kind: 'statutory', lastTest: '2025-09-01', intermediate: true },
      fee: '400.00',
      active: true,
      version: 1,
    });
  });

  // Functions: the ids exist only once beforeAll ran.
  it.each<[string, () => Record<string, unknown>, string]>([
    ['an unknown task', () => ({ taskKey: 'no-such-task' }), 'taskKey'],
    ['an impossible date', () => ({ anchor: { kind: 'fixed-grid', start: '2026-02-30' } }), 'anchor.start'],
    ['an unknown anchor', () => ({ anchor: { kind: 'sometimes' } }), 'anchor.kind'],
    ['a zero cadence', () => ({ cadence: { every: 0, unit: 'month' } }), 'cadence.every'],
    ['5 times a year', () => ({ cadence: { timesPerYear: 5 } }), 'cadence.timesPerYear'],
    ['a lead time over a year', () => ({ leadDays: 400 }), 'leadDays'],
    ['a negative fee', () => ({ fee: '-1' }), 'fee'],
    ['an unknown evidence kind', () => ({ evidence: ['selfie'] }), 'evidence'],
    ['a site id that is no uuid', () => ({ siteId: 'x' }), 'siteId'],
    ['a site the contract does not cover', () => ({ siteId: siteA2.id }), 'siteId'],
    ['another tenant’s asset', () => ({ assetId: assetB.id }), 'assetId'],
    ['one asset and a selection at once', () => ({ trade: 'elevators' }), 'trade'],
    ['a blank title', () => ({ title: '   ' }), 'title'],
    [
      'a contract of a tenant the manager does not serve',
      () => ({ contractId: contractB, siteId: siteB.id }),
      'contractId',
    ],
    ['an unknown field', () => ({ surprise: true }), 'surprise'],
  ])('answers %s with 400 naming the field and writes nothing', async (_what, patch, field) => {
    const count = async () =>
      (
        (await env.dataSource.query(`SELECT count(*)::int AS n FROM maintenance_requirements`)) as Array<{ n: number }>
      )[0]?.n;
    const before = await count();
    const res = await call(api.baseUrl, managerA, 'POST', '/api/maintenance/requirements', { ...valid(), ...patch() });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toContain(field);
    expect(await count()).toBe(before);
  });

  it('changes a requirement with If-Match only: 428 without, 412 when stale, 400 for a bad merged schedule', async () => {
    const created = await call<{ id: string; version: number }>(
      api.baseUrl,
      managerA,
      'POST',
      '/api/maintenance/requirements',
      valid(),
    );
    const path = `/api/maintenance/requirements/${created.body.id}`;
    expect((await call(api.baseUrl, managerA, 'PATCH', path, { leadDays: 10 })).status).toBe(428);
    const ok = await call<{ leadDays: number; version: number }>(
      api.baseUrl,
      managerA,
      'PATCH',
      path,
      { leadDays: 10 },
      {
        'if-match': '"1"',
      },
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ leadDays: 10, version: 2 });
    const stale = await call(api.baseUrl, managerA, 'PATCH', path, { leadDays: 12 }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    const bad = await call(
      api.baseUrl,
      managerA,
      'PATCH',
      path,
      { anchor: { kind: 'floating' } },
      { 'if-match': '"2"' },
    );
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toContain('anchor.start');
    const now = await call<{ leadDays: number; version: number }>(api.baseUrl, managerA, 'GET', path);
    expect(now.body).toMatchObject({ leadDays: 10, version: 2 });
    const [outbox] = (await env.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_messages WHERE job_name = 'maintenance.generate' AND payload ->> 'contractId' = $1`,
      [contractA],
    )) as Array<{ n: number }>;
    expect(outbox?.n).toBeGreaterThanOrEqual(2); // the create and the change each queued a generation
  });

  it('never shows or changes another tenant’s requirement, calendar or asset log', async () => {
    const path = `/api/maintenance/requirements/${requirementB.id}`;
    expect((await call(api.baseUrl, managerA, 'GET', path)).status).toBe(404);
    expect((await call(api.baseUrl, managerA, 'PATCH', path, { leadDays: 1 }, { 'if-match': '"1"' })).status).toBe(404);
    const list = await call<{ items: Array<{ tenantId: string }> }>(
      api.baseUrl,
      managerA,
      'GET',
      `/api/maintenance/requirements?contractId=${contractB}`,
    );
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
    const all = await call<{ items: Array<{ id: string }> }>(
      api.baseUrl,
      admin,
      'GET',
      '/api/maintenance/requirements',
    );
    expect(all.body.items.map((r) => r.id)).toContain(requirementB.id);
    expect((await call(api.baseUrl, technician, 'GET', '/api/maintenance/requirements')).status).toBe(403);

    // Occurrences of tenant B exist once generated; tenant A's manager never sees them.
    const generator = new OccurrenceGenerator(env.dataSource, { now: () => new Date() }, pino({ level: 'silent' }));
    await generator.generate(contractB);
    const calendarB = await call<{ items: unknown[] }>(
      api.baseUrl,
      admin,
      'GET',
      `/api/maintenance/occurrences?siteId=${siteB.id}&from=2025-01-01&to=2026-02-01`,
    );
    expect(calendarB.status).toBe(200);
    const calendarAsA = await call<{ items: unknown[] }>(
      api.baseUrl,
      managerA,
      'GET',
      `/api/maintenance/occurrences?siteId=${siteB.id}&from=2025-01-01&to=2026-02-01`,
    );
    expect(calendarAsA.status).toBe(200);
    expect(calendarAsA.body.items).toEqual([]);
    expect((await call(api.baseUrl, managerA, 'GET', `/api/assets/${assetB.id}/maintenance-log`)).status).toBe(404);
    const logB = await call<{ items: unknown[] }>(
      api.baseUrl,
      admin,
      'GET',
      `/api/assets/${assetB.id}/maintenance-log`,
    );
    expect(logB.status).toBe(200);
  });

  it.each([
    ['from=2026-13-01&to=2026-12-31', 'from'],
    ['from=2026-01-01&to=2025-12-31', 'to'],
    ['from=2026-01-01&to=2028-01-01', 'to'],
    ['from=2026-01-01&to=2026-01-31&status=late', 'status'],
    ['from=2026-01-01&to=2026-01-31&siteId=nope', 'siteId'],
    ['to=2026-01-31', 'from'],
  ])('answers the calendar query %s with 400 naming %s', async (query, field) => {
    const res = await call(api.baseUrl, managerA, 'GET', `/api/maintenance/occurrences?${query}`);
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toContain(field);
  });
});
