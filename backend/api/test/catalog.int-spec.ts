import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ServiceProcess,
  createAsset,
  createSite,
  createTenant,
  createTestEnv,
  createUser,
  login,
  sleep,
  type Session,
  type TestEnv,
} from '@leitstand/backend/testing';

/**
 * The catalog on a real API process and PostgreSQL: tenants, sites, assets, price lists and
 * contracts — CRUD, validation (400 naming each field, never 500), tenant isolation (404, never the
 * data), role rules (403), unique codes (409) and optimistic locking (If-Match → 412, no lost update).
 */
const DATA = path.join(__dirname, '../../../libs/demo-data/data');
const readJson = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(DATA, file), 'utf8')) as Record<string, unknown>;

interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
  etag: string | null;
}

interface ErrorBody {
  statusCode: number;
  message: string;
  fields?: Array<{ field: string; messages: string[] }>;
  details?: Record<string, unknown>;
}

type Row = Record<string, unknown> & { id: string; version: number };
type Page = { items: Row[]; nextCursor: string | null };

describe('catalog: tenants, sites, assets, price lists, contracts', () => {
  let env: TestEnv;
  let api: ServiceProcess;
  let tenantA: { id: string };
  let tenantB: { id: string };
  let siteA: { id: string };
  let siteA2: { id: string };
  let siteB: { id: string };
  let assetB: { id: string };
  let admin: Session;
  let agent: Session;
  let technician: Session;
  let manager: Session;
  let customer: Session;

  beforeAll(async () => {
    env = await createTestEnv('catalog');
    api = await ServiceProcess.start('api', env.env);
    const ds = env.dataSource;
    tenantA = await createTenant(ds, 'Stadtwerke A');
    tenantB = await createTenant(ds, 'Klinikum B');
    siteA = await createSite(ds, tenantA.id, { name: 'Werk A1' });
    siteA2 = await createSite(ds, tenantA.id, { name: 'Werk A2', state: 'DE-SN' });
    siteB = await createSite(ds, tenantB.id, { name: 'Klinik B1', state: 'DE-NW' });
    assetB = await createAsset(ds, tenantB.id, siteB.id, { code: 'B-SECRET-1', name: 'Kran B' });
    const signIn = async (role: Parameters<typeof createUser>[1], options: Parameters<typeof createUser>[2]) =>
      login(api.baseUrl, await createUser(ds, role, options));
    [admin, agent, technician, manager, customer] = await Promise.all([
      signIn('admin', {}),
      signIn('agent', {}),
      signIn('technician', { servesTenantIds: [tenantA.id] }),
      signIn('manager', { servesTenantIds: [tenantA.id] }),
      signIn('customer', { tenantId: tenantA.id }),
    ]);
  });

  afterAll(async () => {
    await api?.stop();
    await env?.cleanup();
  });

  async function call<T = Record<string, unknown>>(
    session: Session | null,
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const res = await fetch(`${api.baseUrl}/api${url}`, {
      method,
      headers: {
        ...(session?.headers ?? {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T, etag: res.headers.get('etag') };
  }

  const patch = <T = Row>(s: Session, url: string, version: number | string, body: unknown): Promise<Reply<T>> =>
    call<T>(s, 'PATCH', url, body, { 'if-match': typeof version === 'number' ? `"${version}"` : version });

  const fieldsOf = (r: Reply<unknown>): string[] => ((r.body as ErrorBody).fields ?? []).map((f) => f.field).sort();

  /** Sends each body and expects 400 naming exactly the listed fields. */
  async function expectFieldErrors(
    session: Session,
    method: 'POST' | 'PATCH',
    url: string,
    cases: Array<[unknown, string[]]>,
    version?: number,
  ): Promise<void> {
    for (const [body, fields] of cases) {
      const r =
        method === 'POST'
          ? await call(session, 'POST', url, body)
          : await patch<ErrorBody>(session, url, version ?? 1, body);
      if (r.status !== 400) {
        throw new Error(`${method} ${url} ${JSON.stringify(body)} → ${r.status} ${JSON.stringify(r.body)}`);
      }
      expect({ body, fields: fieldsOf(r) }).toEqual({ body, fields: [...fields].sort() });
    }
  }

  async function count(table: string): Promise<number> {
    const [row] = (await env.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`)) as Array<{ n: number }>;
    return row?.n ?? -1;
  }

  // ── fixtures for contracts ─────────────────────────────────────────────────────────────────
  const onSite = {
    week: {
      mon: [['06:00', '22:00']],
      tue: [['06:00', '22:00']],
      wed: [['06:00', '22:00']],
      thu: [['06:00', '22:00']],
      fri: [['06:00', '22:00']],
    },
  };
  const target = (calendar: string, minutes: number): Record<string, unknown> => ({
    budget: { kind: 'minutes', minutes },
    calendar,
    warningShare: 0.75,
  });
  const slaMatrix = (cRestoreCalendar = 'on-site'): Record<string, unknown> => ({
    A: { response: target('24-7', 15), restore: target('24-7', 60) },
    B: { response: target('24-7', 30), restore: target('24-7', 240) },
    C: {
      response: target('on-site', 480),
      restore: { budget: { kind: 'businessDays', days: 1 }, calendar: cRestoreCalendar },
    },
  });
  const contractBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    tenantId: tenantA.id,
    name: 'Technischer Gesamtservice Werk A',
    type: 'full_maintenance',
    startsOn: '2027-01-01',
    endsOn: '2031-12-31',
    siteIds: [siteA.id, siteA2.id],
    calendars: { '24-7': readJson('calendars/24-7.json'), 'on-site': onSite },
    slaMatrix: slaMatrix(),
    availabilityTargets: { A: '0.995' },
    availabilityBasis: '24-7',
    bonusMalus: {
      capPercentOfVolume: '2',
      kpis: [
        {
          kpi: 'availability-a',
          label: 'Verfügbarkeit A-Anlagen',
          unit: '%',
          rule: {
            kind: 'linear',
            points: [
              { value: '99.0', percentOfVolume: '-2' },
              { value: '99.5', percentOfVolume: '0' },
              { value: '99.9', percentOfVolume: '2' },
            ],
          },
        },
      ],
    },
    annualVolume: '2360000.00',
    indexation: { fixedShare: '0', labourShare: '0.6', materialShare: '0.4' },
    capexThreshold: '5000.00',
    scope: { trades: ['air-handling', 'elevators'], assetClasses: ['A', 'B'], exclusions: ['user-error'] },
    quietWarningsCalendar: 'on-site',
    ...overrides,
  });

  // ── tenants ────────────────────────────────────────────────────────────────────────────────
  describe('tenants', () => {
    it('admin creates, reads and edits a tenant; the answers carry ETag', async () => {
      const created = await call<Row>(admin, 'POST', '/tenants', { slug: 'facility-c', name: 'Facility C' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ slug: 'facility-c', name: 'Facility C', version: 1 });
      expect(created.etag).toBe('"1"');
      const got = await call<Row>(admin, 'GET', `/tenants/${created.body.id}`);
      expect(got.status).toBe(200);
      expect(got.etag).toBe('"1"');
      const edited = await patch(admin, `/tenants/${created.body.id}`, 1, { name: 'Facility C GmbH' });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ name: 'Facility C GmbH', slug: 'facility-c', version: 2 });
      expect(edited.etag).toBe('"2"');
      expect((await call(admin, 'POST', '/tenants', { slug: 'facility-c', name: 'again' })).status).toBe(409);
    });

    it('everyone lists only the tenants of their scope', async () => {
      const ids = async (s: Session): Promise<string[]> =>
        (await call<Page>(s, 'GET', '/tenants')).body.items.map((t) => t.id);
      expect(await ids(manager)).toEqual([tenantA.id]);
      expect(await ids(customer)).toEqual([tenantA.id]);
      expect(await ids(technician)).toEqual([tenantA.id]);
      expect(await ids(agent)).toEqual(expect.arrayContaining([tenantA.id, tenantB.id]));
      expect((await call(manager, 'GET', `/tenants/${tenantB.id}`)).status).toBe(404);
      expect((await call(customer, 'GET', `/tenants/${tenantB.id}`)).status).toBe(404);
      expect((await call(customer, 'GET', `/tenants/${tenantA.id}`)).status).toBe(200);
    });

    it('only admins create or edit tenants', async () => {
      expect((await call(manager, 'POST', '/tenants', { slug: 'x-m', name: 'x' })).status).toBe(403);
      expect((await patch(manager, `/tenants/${tenantA.id}`, 1, { name: 'x' })).status).toBe(403);
      expect((await call(customer, 'POST', '/tenants', { slug: 'x-c', name: 'x' })).status).toBe(403);
    });

    it('answers malformed bodies with 400 naming each field', async () => {
      const before = await count('tenants');
      await expectFieldErrors(admin, 'POST', '/tenants', [
        [{}, ['slug', 'name']],
        [{ slug: 'Not A Slug', name: '' }, ['slug', 'name']],
        [{ slug: 42, name: ['x'] }, ['slug', 'name']],
        [{ slug: 'ok-slug', name: 'ok', extra: 1 }, ['extra']],
        [{ slug: 'x'.repeat(61), name: 'x'.repeat(201) }, ['slug', 'name']],
      ]);
      await expectFieldErrors(admin, 'PATCH', `/tenants/${tenantA.id}`, [
        [{ name: null }, ['name']],
        [{ slug: '-x' }, ['slug']],
      ]);
      expect(await count('tenants')).toBe(before);
    });
  });

  // ── sites ──────────────────────────────────────────────────────────────────────────────────
  describe('sites', () => {
    const siteBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
      tenantId: tenantA.id,
      name: 'Werk Süd',
      street: 'Industriestraße 7',
      postalCode: '90402',
      city: 'Nürnberg',
      state: 'DE-BY',
      areaM2: '41000.00',
      ...overrides,
    });

    it('a manager creates, reads, filters and edits a site of a served tenant', async () => {
      const created = await call<Row>(manager, 'POST', '/sites', siteBody());
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        tenantId: tenantA.id,
        state: 'DE-BY',
        timezone: 'Europe/Berlin',
        areaM2: '41000.00',
        version: 1,
      });
      expect(created.etag).toBe('"1"');
      const listed = await call<Page>(agent, 'GET', `/sites?tenantId=${tenantA.id}`);
      expect(listed.body.items.map((s) => s.id)).toContain(created.body.id);
      expect(listed.body.items.every((s) => s['tenantId'] === tenantA.id)).toBe(true);
      const edited = await patch(manager, `/sites/${created.body.id}`, 1, {
        state: 'DE-SN',
        timezone: 'Europe/Vienna',
        areaM2: null,
      });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ state: 'DE-SN', timezone: 'Europe/Vienna', areaM2: null, version: 2 });
    });

    it('keeps other tenants invisible: 404 for their ids, never their rows in lists', async () => {
      for (const s of [manager, customer, technician]) {
        expect((await call(s, 'GET', `/sites/${siteB.id}`)).status).toBe(404);
        const all = await call<Page>(s, 'GET', '/sites');
        expect(all.status).toBe(200);
        expect(all.body.items.length).toBeGreaterThan(0);
        expect(all.body.items.every((x) => x['tenantId'] === tenantA.id)).toBe(true);
        expect((await call<Page>(s, 'GET', `/sites?tenantId=${tenantB.id}`)).body.items).toEqual([]);
      }
      expect((await patch(manager, `/sites/${siteB.id}`, 1, { name: 'hijack' })).status).toBe(404);
      const outside = await call(manager, 'POST', '/sites', siteBody({ tenantId: tenantB.id }));
      expect(outside.status).toBe(400);
      expect(fieldsOf(outside)).toEqual(['tenantId']);
      expect((await call(customer, 'GET', `/sites/${siteA.id}`)).status).toBe(200);
    });

    it('customers, agents and technicians do not write sites', async () => {
      for (const s of [customer, agent, technician]) {
        expect((await call(s, 'POST', '/sites', siteBody())).status).toBe(403);
        expect((await patch(s, `/sites/${siteA.id}`, 1, { name: 'x' })).status).toBe(403);
      }
    });

    it('answers malformed bodies with 400 naming each field and writes nothing', async () => {
      const before = await count('sites');
      await expectFieldErrors(manager, 'POST', '/sites', [
        [{}, ['tenantId', 'name', 'street', 'postalCode', 'city', 'state']],
        [siteBody({ state: 'BY' }), ['state']],
        [siteBody({ state: 'DE' }), ['state']],
        [siteBody({ timezone: 'Mars/Olympus' }), ['timezone']],
        [siteBody({ areaM2: 41000 }), ['areaM2']],
        [siteBody({ areaM2: '-5' }), ['areaM2']],
        [siteBody({ areaM2: '1.234' }), ['areaM2']],
        [siteBody({ tenantId: 'not-a-uuid', postalCode: '1234567890123' }), ['tenantId', 'postalCode']],
        [siteBody({ tenantId: randomUUID() }), ['tenantId']],
        [siteBody({ name: null, city: 5 }), ['name', 'city']],
        [siteBody({ owner: 'me' }), ['owner']],
      ]);
      await expectFieldErrors(manager, 'PATCH', `/sites/${siteA.id}`, [
        [{ tenantId: tenantA.id }, ['tenantId']],
        [{ timezone: null }, ['timezone']],
        [{ state: 'DE-XX', name: '' }, ['state', 'name']],
      ]);
      const malformed = await call(manager, 'POST', '/sites', '{"name": ');
      expect(malformed.status).toBe(400);
      expect(await count('sites')).toBe(before);
    });
  });

  // ── assets ─────────────────────────────────────────────────────────────────────────────────
  describe('assets', () => {
    it('creates assets on a site (tenant from the site), searches and pages them', async () => {
      const lift = await call<Row>(manager, 'POST', '/assets', {
        siteId: siteA.id,
        code: 'AZ-01',
        name: 'Aufzug Haus C',
        trade: 'elevators',
        assetClass: 'A',
      });
      expect(lift.status).toBe(201);
      expect(lift.body).toMatchObject({ tenantId: tenantA.id, siteId: siteA.id, inContract: true, parentId: null });
      expect(lift.etag).toBe('"1"');
      const motor = await call<Row>(admin, 'POST', '/assets', {
        siteId: siteA.id,
        parentId: lift.body.id,
        code: 'AZ-01-M',
        name: 'Antrieb',
        trade: 'elevators',
        assetClass: 'B',
        inContract: false,
      });
      expect(motor.status).toBe(201);
      expect(motor.body).toMatchObject({ parentId: lift.body.id, assetClass: 'B', inContract: false });
      for (let i = 0; i < 5; i += 1) {
        const r = await call(manager, 'POST', '/assets', {
          siteId: siteA2.id,
          code: `RLT-${i}`,
          name: `Lüftungsanlage ${i}`,
          trade: 'air-handling',
          assetClass: 'A',
        });
        expect(r.status).toBe(201);
      }

      const search = await call<Page>(agent, 'GET', '/assets?q=az-01');
      expect(search.body.items.map((a) => a['code'])).toEqual(['AZ-01', 'AZ-01-M']);
      const byTrade = await call<Page>(agent, 'GET', `/assets?q=AIR-HAND&siteId=${siteA2.id}`);
      expect(byTrade.body.items).toHaveLength(5);
      const byName = await call<Page>(customer, 'GET', '/assets?q=antrieb');
      expect(byName.body.items.map((a) => a['code'])).toEqual(['AZ-01-M']);
      const classB = await call<Page>(agent, 'GET', `/assets?tenantId=${tenantA.id}&assetClass=B`);
      expect(classB.body.items.map((a) => a['code'])).toEqual(['AZ-01-M']);
      expect((await call<Page>(agent, 'GET', '/assets?q=%25')).body.items).toEqual([]);

      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url = `/assets?siteId=${siteA2.id}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page: Reply<Page> = await call<Page>(manager, 'GET', url);
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((a) => String(a['code'])));
        cursor = page.body.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(seen).toEqual(['RLT-0', 'RLT-1', 'RLT-2', 'RLT-3', 'RLT-4']);
      expect(pages).toBe(3);
    });

    it('answers a duplicate code of the tenant with 409 (another tenant may reuse it)', async () => {
      const dup = await call(manager, 'POST', '/assets', {
        siteId: siteA2.id,
        code: 'AZ-01',
        name: 'noch ein Aufzug',
        trade: 'elevators',
        assetClass: 'C',
      });
      expect(dup.status).toBe(409);
      expect((dup.body as unknown as ErrorBody).details).toMatchObject({ field: 'code' });
      const other = await call(admin, 'POST', '/assets', {
        siteId: siteB.id,
        code: 'AZ-01',
        name: 'Aufzug B',
        trade: 'elevators',
        assetClass: 'A',
      });
      expect(other.status).toBe(201);
      const rlt = (await call<Page>(manager, 'GET', '/assets?q=RLT-1')).body.items[0] as Row;
      const rename = await patch(manager, `/assets/${rlt.id}`, rlt.version, { code: 'AZ-01' });
      expect(rename.status).toBe(409);
    });

    it('keeps parents on the same site and refuses cycles', async () => {
      const [lift, motor] = (await call<Page>(manager, 'GET', '/assets?q=AZ-01&siteId=' + siteA.id)).body.items as [
        Row,
        Row,
      ];
      const cycle = await patch(manager, `/assets/${lift.id}`, lift.version, { parentId: motor.id });
      expect(cycle.status).toBe(400);
      expect(fieldsOf(cycle)).toEqual(['parentId']);
      const self = await patch(manager, `/assets/${lift.id}`, lift.version, { parentId: lift.id });
      expect(fieldsOf(self)).toEqual(['parentId']);
      const rlt = (await call<Page>(manager, 'GET', '/assets?q=RLT-2')).body.items[0] as Row;
      const otherSite = await patch(manager, `/assets/${lift.id}`, lift.version, { parentId: rlt.id });
      expect(fieldsOf(otherSite)).toEqual(['parentId']);
      const otherTenant = await call(admin, 'POST', '/assets', {
        siteId: siteA.id,
        parentId: assetB.id,
        code: 'X-1',
        name: 'x',
        trade: 'x',
        assetClass: 'C',
      });
      expect(fieldsOf(otherTenant)).toEqual(['parentId']);
      const detach = await patch(manager, `/assets/${motor.id}`, motor.version, {
        parentId: null,
        name: 'Antrieb neu',
      });
      expect(detach.status).toBe(200);
      expect(detach.body).toMatchObject({ parentId: null, name: 'Antrieb neu', version: motor.version + 1 });
    });

    it('keeps other tenants invisible: 404 for their ids, never their rows in lists', async () => {
      for (const s of [manager, customer, technician]) {
        expect((await call(s, 'GET', `/assets/${assetB.id}`)).status).toBe(404);
        const all = await call<Page>(s, 'GET', '/assets?limit=200');
        expect(all.body.items.length).toBeGreaterThan(0);
        expect(all.body.items.every((a) => a['tenantId'] === tenantA.id)).toBe(true);
        expect((await call<Page>(s, 'GET', '/assets?q=B-SECRET')).body.items).toEqual([]);
        expect((await call<Page>(s, 'GET', `/assets?siteId=${siteB.id}`)).body.items).toEqual([]);
      }
      expect((await call<Page>(agent, 'GET', '/assets?q=B-SECRET')).body.items).toHaveLength(1);
      expect((await patch(manager, `/assets/${assetB.id}`, 1, { name: 'x' })).status).toBe(404);
      const onB = await call(manager, 'POST', '/assets', {
        siteId: siteB.id,
        code: 'M-1',
        name: 'x',
        trade: 'x',
        assetClass: 'A',
      });
      expect(onB.status).toBe(400);
      expect(fieldsOf(onB)).toEqual(['siteId']);
      expect((await call(customer, 'POST', '/assets', { siteId: siteA.id })).status).toBe(403);
    });

    it('answers malformed bodies and queries with 400 naming each field and writes nothing', async () => {
      const before = await count('assets');
      const ok = { siteId: siteA.id, code: 'NEW-1', name: 'Neu', trade: 'elevators', assetClass: 'A' };
      await expectFieldErrors(manager, 'POST', '/assets', [
        [{}, ['siteId', 'code', 'name', 'trade', 'assetClass']],
        [{ ...ok, assetClass: 'D' }, ['assetClass']],
        [{ ...ok, assetClass: 'a', inContract: 'yes' }, ['assetClass', 'inContract']],
        [{ ...ok, siteId: 'x', parentId: 'y' }, ['siteId', 'parentId']],
        [{ ...ok, code: 'C'.repeat(41), trade: '' }, ['code', 'trade']],
        [{ ...ok, tenantId: tenantA.id }, ['tenantId']],
        [{ ...ok, siteId: randomUUID() }, ['siteId']],
        [{ ...ok, parentId: randomUUID() }, ['parentId']],
      ]);
      const lift = (await call<Page>(manager, 'GET', '/assets?q=AZ-01')).body.items[0] as Row;
      await expectFieldErrors(
        manager,
        'PATCH',
        `/assets/${lift.id}`,
        [
          [{ siteId: siteA2.id }, ['siteId']],
          [{ code: null, inContract: null }, ['code', 'inContract']],
        ],
        lift.version,
      );
      for (const [query, field] of [
        ['limit=0', 'limit'],
        ['limit=201', 'limit'],
        ['limit=abc', 'limit'],
        ['assetClass=X', 'assetClass'],
        ['siteId=nope', 'siteId'],
        ['cursor=garbage', 'cursor'],
      ] as const) {
        const r = await call(agent, 'GET', `/assets?${query}`);
        expect({ query, status: r.status, fields: fieldsOf(r) }).toEqual({ query, status: 400, fields: [field] });
      }
      expect(await count('assets')).toBe(before);
    });
  });

  // ── price lists ────────────────────────────────────────────────────────────────────────────
  describe('price lists', () => {
    let priceListId: string;

    it('an admin stores the seed-004 price list; staff read it', async () => {
      const created = await call<Row>(admin, 'POST', '/price-lists', {
        key: 'seed-004-itk',
        name: 'ITK Servicepreisliste',
        validFrom: '2026-01-01',
        data: readJson('price-lists/seed-004-itk-service-price-list.json'),
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ key: 'seed-004-itk', validFrom: '2026-01-01', version: 1 });
      priceListId = created.body.id;
      for (const s of [agent, technician, manager]) {
        expect((await call(s, 'GET', `/price-lists/${priceListId}`)).status).toBe(200);
        expect((await call<Page>(s, 'GET', '/price-lists')).body.items.map((p) => p.id)).toContain(priceListId);
      }
      const renamed = await patch(admin, `/price-lists/${priceListId}`, 1, { name: 'ITK Servicepreise 2026' });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ name: 'ITK Servicepreise 2026', version: 2 });
      const again = await call(admin, 'POST', '/price-lists', {
        key: 'seed-004-itk',
        name: 'x',
        validFrom: '2026-01-01',
        data: readJson('price-lists/seed-004-itk-service-price-list.json'),
      });
      expect(again.status).toBe(409);
    });

    it('answers the raw seed-004 overhead gap (20.01–21.00 €) with 400 naming it', async () => {
      const data = readJson('price-lists/seed-004-itk-service-price-list.json');
      const tiers = (data['material'] as { overheadTiers: Array<{ fromPrice: string }> }).overheadTiers;
      const index = tiers.findIndex((t) => t.fromPrice === '20.01');
      expect(index).toBeGreaterThan(0);
      (tiers[index] as { fromPrice: string }).fromPrice = '21.01';
      const r = await call(admin, 'POST', '/price-lists', {
        key: 'seed-004-raw',
        name: 'raw',
        validFrom: '2011-01-01',
        data,
      });
      expect(r.status).toBe(400);
      const body = r.body as unknown as ErrorBody;
      expect(body.fields).toEqual([
        {
          field: `data.material.overheadTiers[${index}].fromPrice`,
          messages: [expect.stringContaining('gap: 20.01–21.00 €')],
        },
      ]);
      const stale = await patch(admin, `/price-lists/${priceListId}`, 2, { data });
      expect(stale.status).toBe(400);
      expect(fieldsOf(stale)).toEqual([`data.material.overheadTiers[${index}].fromPrice`]);
      expect((await call<Row>(admin, 'GET', `/price-lists/${priceListId}`)).body.version).toBe(2);
    });

    it('lists every problem of a broken document, each under data.<path>', async () => {
      const data = readJson('price-lists/seed-004-itk-service-price-list.json');
      data['vatPercent'] = 19;
      data['currency'] = 'USD';
      const r = await call(admin, 'POST', '/price-lists', {
        key: 'broken',
        name: 'broken',
        validFrom: '2026-01-01',
        data,
      });
      expect(r.status).toBe(400);
      expect(fieldsOf(r)).toEqual(['data.currency', 'data.vatPercent']);
    });

    it('customers get 403; only admins write', async () => {
      expect((await call(customer, 'GET', '/price-lists')).status).toBe(403);
      expect((await call(customer, 'GET', `/price-lists/${priceListId}`)).status).toBe(403);
      expect(
        (await call(manager, 'POST', '/price-lists', { key: 'm', name: 'm', validFrom: '2026-01-01', data: {} }))
          .status,
      ).toBe(403);
      expect((await patch(manager, `/price-lists/${priceListId}`, 2, { name: 'x' })).status).toBe(403);
    });

    it('answers malformed bodies with 400 naming each field', async () => {
      const before = await count('price_lists');
      await expectFieldErrors(admin, 'POST', '/price-lists', [
        [{}, ['key', 'name', 'validFrom', 'data']],
        [{ key: 'Bad Key', name: 'x', validFrom: '2026-02-30', data: [] }, ['key', 'validFrom', 'data']],
        [{ key: 'k', name: 'x', validFrom: '2026-01-01', data: 'json' }, ['data']],
      ]);
      expect(await count('price_lists')).toBe(before);
    });
  });

  // ── contracts ──────────────────────────────────────────────────────────────────────────────
  describe('contracts', () => {
    let contract: Row;
    let contractB: Row;

    it('a manager creates a contract of a served tenant; staff of the tenant read it', async () => {
      const priceList = (await call<Page>(admin, 'GET', '/price-lists')).body.items[0] as Row;
      const created = await call<Row>(manager, 'POST', '/contracts', contractBody({ priceListId: priceList.id }));
      expect(created.status).toBe(201);
      expect(created.etag).toBe('"1"');
      expect(created.body).toMatchObject({
        tenantId: tenantA.id,
        type: 'full_maintenance',
        startsOn: '2027-01-01',
        endsOn: '2031-12-31',
        siteIds: [siteA.id, siteA2.id].sort(),
        annualVolume: '2360000.00',
        capexThreshold: '5000.00',
        availabilityTargets: { A: '0.995' },
        availabilityBasis: '24-7',
        quietWarningsCalendar: 'on-site',
        priceListId: priceList.id,
        indexation: { fixedShare: '0', labourShare: '0.6', materialShare: '0.4' },
        scope: { trades: ['air-handling', 'elevators'], assetClasses: ['A', 'B'], exclusions: ['user-error'] },
        economics: null,
        version: 1,
      });
      expect((created.body['slaMatrix'] as Record<string, unknown>)['C']).toEqual(slaMatrix()['C']);
      contract = created.body;
      for (const s of [admin, agent, technician, manager]) {
        const got = await call<Row>(s, 'GET', `/contracts/${contract.id}`);
        expect(got.status).toBe(200);
        expect(got.body.id).toBe(contract.id);
      }
      const [{ n } = { n: 0 }] = (await env.dataSource.query(
        `SELECT count(*)::int AS n FROM contract_sites WHERE contract_id = $1`,
        [contract.id],
      )) as Array<{ n: number }>;
      expect(n).toBe(2);

      const economics = await call<Row>(
        admin,
        'POST',
        '/contracts',
        contractBody({
          name: 'mit Kalkulation',
          economics: readJson('contracts/seed-002-total-technical-service.json'),
        }),
      );
      expect(economics.status).toBe(201);
      expect((economics.body['economics'] as Record<string, unknown>)['schemaVersion']).toBe(1);

      const b = await call<Row>(
        admin,
        'POST',
        '/contracts',
        contractBody({
          tenantId: tenantB.id,
          siteIds: [siteB.id],
          name: 'Klinik B',
          bonusMalus: null,
          indexation: null,
        }),
      );
      expect(b.status).toBe(201);
      contractB = b.body;
    });

    it('answers an SLA target on an unknown calendar with 400 naming slaMatrix.…calendar', async () => {
      const before = await count('contracts');
      const r = await call(manager, 'POST', '/contracts', contractBody({ slaMatrix: slaMatrix('office-hours') }));
      expect(r.status).toBe(400);
      expect((r.body as unknown as ErrorBody).fields).toEqual([
        {
          field: 'slaMatrix.C.restore.calendar',
          messages: [expect.stringContaining("unknown calendar 'office-hours'")],
        },
      ]);
      // A PATCH removing a calendar the matrix still uses is refused the same way (the merged contract counts).
      const drop = await patch(manager, `/contracts/${contract.id}`, contract.version, {
        calendars: { '24-7': readJson('calendars/24-7.json') },
      });
      expect(drop.status).toBe(400);
      expect(fieldsOf(drop)).toEqual(['quietWarningsCalendar', 'slaMatrix.C.response.calendar']);
      expect(await count('contracts')).toBe(before);
    });

    it('answers malformed contracts with 400 naming each field and writes nothing', async () => {
      const before = await count('contracts');
      const badCalendar = {
        '24-7': readJson('calendars/24-7.json'),
        'on-site': { week: { mon: [['22:00', '06:00']] } },
      };
      await expectFieldErrors(manager, 'POST', '/contracts', [
        [{}, ['tenantId', 'name', 'type', 'startsOn', 'calendars', 'slaMatrix', 'annualVolume']],
        [contractBody({ type: 'gold', startsOn: '2027-02-30' }), ['type', 'startsOn']],
        [contractBody({ endsOn: '2026-12-31' }), ['endsOn']],
        [contractBody({ siteIds: [siteB.id] }), ['siteIds[0]']],
        [contractBody({ siteIds: [siteA.id, randomUUID()] }), ['siteIds[1]']],
        [contractBody({ siteIds: 'all' }), ['siteIds']],
        [contractBody({ tenantId: tenantB.id, siteIds: [] }), ['tenantId']],
        [contractBody({ calendars: badCalendar }), ['calendars.on-site.week.mon[0]']],
        [contractBody({ calendars: [], slaMatrix: 'fast' }), ['calendars', 'slaMatrix']],
        [
          contractBody({ availabilityTargets: { A: '1.5', D: '0.9' } }),
          ['availabilityTargets.A', 'availabilityTargets.D'],
        ],
        [contractBody({ availabilityTargets: { A: 0.995 } }), ['availabilityTargets.A']],
        [
          contractBody({ availabilityBasis: 'office', quietWarningsCalendar: 'night' }),
          ['availabilityBasis', 'quietWarningsCalendar'],
        ],
        [contractBody({ indexation: { fixedShare: '0.1', labourShare: '0.6', materialShare: '0.4' } }), ['indexation']],
        [
          contractBody({ bonusMalus: { capPercentOfVolume: 2, kpis: [] } }),
          ['bonusMalus.capPercentOfVolume', 'bonusMalus.kpis'],
        ],
        [contractBody({ annualVolume: 2360000, capexThreshold: '-1' }), ['annualVolume', 'capexThreshold']],
        [contractBody({ annualVolume: '1000000000000.00' }), ['annualVolume']],
        [contractBody({ priceListId: randomUUID() }), ['priceListId']],
        [
          contractBody({ scope: { assetClasses: ['Z'], trades: 'all', other: 1 } }),
          ['scope.assetClasses', 'scope.other', 'scope.trades'],
        ],
        [contractBody({ secret: true }), ['secret']],
      ]);
      const economics = await call(manager, 'POST', '/contracts', contractBody({ economics: { schemaVersion: 2 } }));
      expect(economics.status).toBe(400);
      expect(fieldsOf(economics).length).toBeGreaterThan(1);
      expect(fieldsOf(economics).every((f) => f.startsWith('economics.'))).toBe(true);
      expect(await count('contracts')).toBe(before);
    });

    it('customers get 403; other tenants stay invisible (404, never in lists)', async () => {
      expect((await call(customer, 'GET', '/contracts')).status).toBe(403);
      expect((await call(customer, 'GET', `/contracts/${contract.id}`)).status).toBe(403);
      expect((await call(customer, 'POST', '/contracts', contractBody())).status).toBe(403);
      for (const s of [manager, technician]) {
        expect((await call(s, 'GET', `/contracts/${contractB.id}`)).status).toBe(404);
        const list = await call<Page>(s, 'GET', '/contracts');
        expect(list.body.items.length).toBeGreaterThan(0);
        expect(list.body.items.every((c) => c['tenantId'] === tenantA.id)).toBe(true);
        expect((await call<Page>(s, 'GET', `/contracts?tenantId=${tenantB.id}`)).body.items).toEqual([]);
      }
      expect((await call<Page>(agent, 'GET', `/contracts?tenantId=${tenantB.id}`)).body.items.map((c) => c.id)).toEqual(
        [contractB.id],
      );
      expect((await patch(manager, `/contracts/${contractB.id}`, 1, { name: 'x' })).status).toBe(404);
      expect((await patch(technician, `/contracts/${contract.id}`, 1, { name: 'x' })).status).toBe(403);
      expect((await patch(agent, `/contracts/${contract.id}`, 1, { name: 'x' })).status).toBe(403);
    });

    it('a PATCH merges, revalidates the whole contract and replaces the sites', async () => {
      const r = await patch(manager, `/contracts/${contract.id}`, contract.version, {
        siteIds: [siteA.id],
        endsOn: null,
        availabilityBasis: 'on-site',
        annualVolume: '2400000.50',
      });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        siteIds: [siteA.id],
        endsOn: null,
        availabilityBasis: 'on-site',
        annualVolume: '2400000.50',
        name: contract['name'],
        version: contract.version + 1,
      });
      expect(r.etag).toBe(`"${contract.version + 1}"`);
      contract = r.body;
      const onlySites = await patch(manager, `/contracts/${contract.id}`, contract.version, {
        siteIds: [siteA.id, siteA2.id],
      });
      expect(onlySites.body).toMatchObject({ siteIds: [siteA.id, siteA2.id].sort(), version: contract.version + 1 });
      contract = onlySites.body;
    });
  });

  // ── optimistic locking and unknown ids ─────────────────────────────────────────────────────
  describe('optimistic locking', () => {
    it('a stale If-Match answers 412 and leaves the row unchanged; a missing one 428', async () => {
      const site = (await call<Row>(manager, 'GET', `/sites/${siteA.id}`)).body;
      const first = await patch(manager, `/sites/${siteA.id}`, site.version, { name: 'Werk A1 Nord' });
      expect(first.status).toBe(200);
      const stale = await patch<ErrorBody>(manager, `/sites/${siteA.id}`, site.version, { name: 'overwritten' });
      expect(stale.status).toBe(412);
      expect(stale.body.details).toEqual({ currentVersion: site.version + 1 });
      const [row] = (await env.dataSource.query(`SELECT name, version FROM sites WHERE id = $1`, [siteA.id])) as Array<{
        name: string;
        version: number;
      }>;
      expect(row).toEqual({ name: 'Werk A1 Nord', version: site.version + 1 });
      expect((await patch(manager, `/sites/${siteA.id}`, String(site.version + 1), { city: 'Fürth' })).status).toBe(
        200,
      );
      expect((await patch(manager, `/sites/${siteA.id}`, `W/"${site.version + 2}"`, { city: 'Erlangen' })).status).toBe(
        200,
      );
      const missing = await call(manager, 'PATCH', `/sites/${siteA.id}`, { name: 'x' });
      expect(missing.status).toBe(428);
      const garbage = await patch(manager, `/sites/${siteA.id}`, '*', { name: 'x' });
      expect(garbage.status).toBe(400);
      expect(fieldsOf(garbage)).toEqual(['If-Match']);
    });

    it.each([
      ['sites', 'name'],
      ['assets', 'name'],
      ['contracts', 'name'],
      ['tenants', 'name'],
      ['price-lists', 'name'],
    ])(
      'parallel PATCHes of %s with the same version: exactly one wins, the others get 412',
      async (resource, field) => {
        const s = resource === 'tenants' || resource === 'price-lists' ? admin : manager;
        const list = await call<Page>(s, 'GET', `/${resource}`);
        const row = list.body.items[0] as Row;
        const replies = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            patch(s, `/${resource}/${row.id}`, row.version, { [field]: `parallel ${i}` }),
          ),
        );
        const statuses = replies.map((r) => r.status).sort();
        expect(statuses).toEqual([200, 412, 412, 412, 412, 412, 412, 412]);
        const winner = replies.find((r) => r.status === 200) as Reply<Row>;
        const now = await call<Row>(s, 'GET', `/${resource}/${row.id}`);
        expect(now.body.version).toBe(row.version + 1);
        expect(now.body[field]).toBe(winner.body[field]);
      },
    );

    it('answers unknown ids with 404 on every resource', async () => {
      for (const resource of ['tenants', 'sites', 'assets', 'price-lists', 'contracts']) {
        for (const id of [randomUUID(), 'not-a-uuid', '42']) {
          expect({ resource, id, status: (await call(admin, 'GET', `/${resource}/${id}`)).status }).toEqual({
            resource,
            id,
            status: 404,
          });
          expect((await patch(admin, `/${resource}/${id}`, 1, { name: 'x' })).status).toBe(404);
        }
      }
    });

    it('documents every catalog route in the OpenAPI document', async () => {
      const res = await fetch(`${api.baseUrl}/api/docs/openapi.json`);
      expect(res.status).toBe(200);
      const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
      for (const resource of ['tenants', 'sites', 'assets', 'price-lists', 'contracts']) {
        expect(Object.keys(doc.paths[`/api/${resource}`] ?? {}).sort()).toEqual(['get', 'post']);
        expect(Object.keys(doc.paths[`/api/${resource}/{id}`] ?? {}).sort()).toEqual(['get', 'patch']);
      }
    });

    it('never answered a client error with a 500', async () => {
      await sleep(200);
      const errors = api.logs().filter((l) => typeof l['level'] === 'number' && (l['level'] as number) >= 50);
      expect(errors).toEqual([]);
      expect(api.logs().some((l) => (l['res'] as { statusCode?: number } | undefined)?.statusCode === 500)).toBe(false);
    });
  });
});
