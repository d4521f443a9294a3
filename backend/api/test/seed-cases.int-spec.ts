import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ContractEconomicsView, ServiceReportView } from '@leitstand/api-contracts';
import { Dec } from '@leitstand/domain';
import { ServiceProcess, WORKSPACE_ROOT, createTestEnv, login, type TestEnv } from '@leitstand/backend/testing';

const run = promisify(execFile);
const DATA_DIR = join(WORKSPACE_ROOT, 'libs', 'demo-data', 'data');
const read = <T>(...parts: string[]): T => JSON.parse(readFileSync(join(DATA_DIR, ...parts), 'utf8')) as T;
const USERS = read<{ users: Array<{ email: string; role: string; password: string; serves?: string[] }> }>(
  'demo',
  'users.json',
).users;
const CALL_OUTS = read<{ callOuts: Array<{ key: string; tenant: string; asset: string; title: string }> }>(
  'demo',
  'call-outs.json',
).callOuts;

interface CostBody {
  serviceReports: Array<{
    ticket: string;
    net: string;
    billable: boolean;
    lines: Array<{ key: string; amount: string }>;
  }>;
}

/**
 * The priced rows of shared/reference/seed-cases.md (seeds 003 and 004) reproduced through the API from the
 * demo data as `migrate.js --seed` writes it: each call-out of demo/call-outs.json is a closed ticket whose
 * service report (GET /api/tickets/:id/service-report) and contract cost roll-up (GET /api/contracts/:id/costs)
 * give the seed's figures. The inputs — price lists, sites' distances and zones, logged work, material and
 * report choices — are demo data; the expected figures are the seed's.
 */
describe('seed cases through the API on the demo data', () => {
  let env: TestEnv;
  let api: ServiceProcess;
  let headers: Record<string, string>;
  const reports = new Map<string, ServiceReportView>();
  const tickets = new Map<string, { id: string; number: string; contractId: string }>();

  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${api.baseUrl}${path}`, { headers });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };
  /** The demo contract of `tenant` whose calculation document is `calculationId` (the latest by start). */
  const contractOf = async (tenant: string, calculationId: string): Promise<string> => {
    const [row] = (await env.dataSource.query(
      `SELECT c.id FROM contracts c JOIN tenants t ON t.id = c.tenant_id
        WHERE t.slug = $1 AND c.economics->>'id' = $2 ORDER BY c.starts_on DESC LIMIT 1`,
      [tenant, calculationId],
    )) as Array<{ id: string }>;
    if (!row) throw new Error(`no demo contract of ${tenant} with ${calculationId}`);
    return row.id;
  };

  beforeAll(async () => {
    env = await createTestEnv('seed_cases');
    await run(
      process.execPath,
      [join(WORKSPACE_ROOT, 'dist', 'backend', 'api', 'migrate.js'), '--seed', `--seed-data=${DATA_DIR}`],
      { env: { PATH: process.env['PATH'] ?? '', ...env.env, LOG_LEVEL: 'warn' }, timeout: 180_000 },
    );
    api = await ServiceProcess.start('api', env.env);
    const agent = USERS.find((u) => u.role === 'agent');
    if (!agent) throw new Error('demo data has no agent');
    headers = (await login(api.baseUrl, agent)).headers;
    for (const c of CALL_OUTS) {
      const [row] = (await env.dataSource.query(
        `SELECT t.id, t.number, t.contract_id AS "contractId" FROM tickets t
           JOIN tenants n ON n.id = t.tenant_id JOIN assets a ON a.id = t.asset_id
          WHERE n.slug = $1 AND a.code = $2 AND t.title = a.name || ': ' || $3`,
        [c.tenant, c.asset, c.title],
      )) as Array<{ id: string; number: string; contractId: string }>;
      if (!row) throw new Error(`demo call-out ${c.key} was not seeded`);
      tickets.set(c.key, row);
      reports.set(c.key, await get<ServiceReportView>(`/api/tickets/${row.id}/service-report`));
    }
  }, 300_000);

  afterAll(async () => {
    await api?.stop();
    await env?.cleanup();
  });

  const report = (key: string): ServiceReportView => {
    const r = reports.get(key);
    if (!r) throw new Error(`no report for ${key}`);
    expect(r.problems).toEqual([]);
    return r;
  };
  const line = (r: ServiceReportView, key: string): string | undefined =>
    r.pricing?.lines.find((l) => l.key === key || l.key.startsWith(key))?.amount;

  it('seed 003 weekday call-out: 3 × ½ h × 82.50 = 123.75 + 28.70 + 15.00 + 30.00 = 197.45 net, 37.52 VAT, 234.97 gross', () => {
    const r = report('seed-003-weekday-call-out');
    expect(r.priceList?.validFrom).toBe('2022-01-01');
    expect(r.travel).toEqual({ method: 'distance', km: '20.0' });
    expect(r.pricing?.subtotals).toMatchObject({ labour: '123.75', fee: '43.70', travel: '30.00' });
    expect(line(r, 'fee/order-flat')).toBe('28.70');
    expect(line(r, 'fee/small-material')).toBe('15.00');
    expect(r.pricing).toMatchObject({ net: '197.45', vat: '37.52', gross: '234.97' });
    expect(r.billable).toBe(true);
  });

  it('seed 003 contract work (Wednesday 09:00, maintenance work under the contract): order fee 0, 168.75 net', () => {
    const r = report('seed-003-contract-work');
    expect(r.choices.workType).toBe('maintenance');
    expect(line(r, 'fee/order-flat')).toBe('0.00');
    expect(r.pricing?.net).toBe('168.75');
  });

  it('seed 004: Saturday 65.00, evening 39.00, Sunday emergency 150.00 net labour', () => {
    expect(report('seed-004-saturday-service').pricing?.subtotals.labour).toBe('65.00');
    expect(report('seed-004-evening-service').pricing?.subtotals.labour).toBe('39.00');
    const sunday = report('seed-004-sunday-emergency');
    expect(sunday.choices.emergency).toBe(true);
    expect(sunday.pricing?.subtotals.labour).toBe('150.00');
  });

  it('seed 004 material: 0.40 € + 500 % → 2.40 €, 120.00 € + 30 % → 156.00 €', () => {
    const r = report('seed-004-saturday-service');
    expect(r.pricing?.lines.filter((l) => l.category === 'material').map((l) => l.amount)).toEqual(['2.40', '156.00']);
    expect(r.travel).toEqual({ method: 'zone', zoneId: '1' });
  });

  it('the contract’s cost roll-up prices the same reports as the endpoint (the November call-outs)', async () => {
    for (const key of ['seed-003-weekday-call-out', 'seed-003-contract-work', 'seed-004-sunday-emergency']) {
      const t = tickets.get(key);
      if (!t) throw new Error(key);
      const costs = await get<CostBody>(`/api/contracts/${t.contractId}/costs?period=2026-11`);
      const priced = costs.serviceReports.find((s) => s.ticket === t.number);
      expect(priced).toMatchObject({ net: report(key).pricing?.net, billable: true });
    }
  });

  describe('contract economics (GET /api/contracts/:id/economics)', () => {
    it('seed 002: 624,000 + 1,797,000 = 2,421,000 € = 59.05 €/m²·a against the stated 2.36 M€ ≈ 52 €/m²·a', async () => {
      const id = await contractOf('spezialmaschinenbau-reutlingen', 'seed-002-total-technical-service');
      const e = await get<ContractEconomicsView>(`/api/contracts/${id}/economics?year=2027`);
      const [tts] = e.calculation?.variants ?? [];
      expect(tts).toMatchObject({ annualTotal: '2421000.00', perM2Year: '59.05', contractVolume: '2360000.00' });
      expect(tts?.groupTotals).toEqual([
        { group: 'personnel', annual: '624000.00' },
        { group: 'trades', annual: '1797000.00' },
      ]);
      const diff = Object.fromEntries((tts?.differences ?? []).map((d) => [d.id, [d.stated, d.computed]]));
      expect(diff['annual-total']).toEqual(['2360000.00', '2421000.00']);
      expect(diff['per-m2-year']).toEqual(['52.00', '59.05']);
      // the 5 % fund line of 300,000 € against 5 % of 2.36 M€ = 118,000 €
      const fund = (tts?.differences ?? []).find((d) => d.id.startsWith('share:'));
      expect(fund).toMatchObject({ stated: '118000.00', computed: '300000.00', matches: false });
      expect(e.comparison).toBeUndefined();
    });

    it('seed 001: the planned 14,970 / 18,240 / 21,600 € and the year’s call-outs and inspections repriced', async () => {
      const id = await contractOf('wohnbau-sued-aufzuege', 'seed-001-elevators-6');
      const e = await get<ContractEconomicsView>(`/api/contracts/${id}/economics?year=2026`);
      expect(e.calculation?.variants.map((v) => [v.variantId, v.annualTotal])).toEqual([
        ['s-a-standard', '14970.00'],
        ['s-b-full', '18240.00'],
        ['all-in', '21600.00'],
      ]);
      const c = e.comparison;
      expect(c?.year).toEqual({ from: '2026-01-01', to: '2027-01-01' });
      expect(c?.assets).toBe(6); // the six lifts of the three contracts sharing the calculation
      const [tickets] = (await env.dataSource.query(
        `SELECT count(*)::int AS n FROM tickets t JOIN tenants n ON n.id = t.tenant_id
          WHERE n.slug = 'wohnbau-sued-aufzuege' AND t.created_at >= '2026-01-01' AND t.created_at < '2027-01-01'`,
      )) as Array<{ n: number }>;
      expect(c?.callOuts).toBe(tickets?.n);
      const standard = c?.variants.find((v) => v.variantId === 's-a-standard');
      // S-A bills each call-out at 50.00 + 65.00 × 1.5 h = 147.50
      expect(standard?.lines.find((l) => l.kind === 'callOuts')?.basis).toEqual({
        quantity: String(c?.callOuts),
        unit: 'call-outs',
        unitPrice: '147.50',
      });
      // money compared as decimals, never as floats
      const cheapest = [...(c?.variants ?? [])].sort((x, y) => new Dec(x.actual).comparedTo(y.actual))[0];
      expect(c?.cheapestVariantId).toBe(cheapest?.variantId);
    });

    it('seed 000: the planned months with February a loss, and the contract year month by month from the roll-ups', async () => {
      const id = await contractOf('praezisionsteile-nagold-it', 'seed-000-it-flat-rate');
      const e = await get<ContractEconomicsView>(`/api/contracts/${id}/economics?year=2026`);
      const planned = e.calculation?.monthlyMargins ?? [];
      expect(planned.filter((m) => m.loss).map((m) => m.month)).toEqual(['2026-02']);
      expect(planned.find((m) => m.month === '2026-02')).toMatchObject({ total: '555.67', margin: '-714.33' });
      // the actual year: every month from January up to the current one, each the month's cost roll-up
      expect(e.year).toEqual({ from: '2026-01-01', to: '2027-01-01' });
      expect(e.months[0]?.month).toBe('2026-01');
      expect(e.months.length).toBeGreaterThanOrEqual(11);
      const march = e.months.find((m) => m.month === '2026-03');
      const costs = await get<{ total: string; margin: string | null; loss: boolean | null }>(
        `/api/contracts/${id}/costs?period=2026-03`,
      );
      expect(march).toMatchObject({ revenue: costs.total, margin: costs.margin, loss: costs.loss });
    });

    it('is internal: customers and technicians 403, other tenants’ managers and unknown contracts 404, bad years 400', async () => {
      const id = await contractOf('wohnbau-sued-aufzuege', 'seed-001-elevators-6');
      const status = async (h: Record<string, string>, path: string): Promise<number> =>
        (await fetch(`${api.baseUrl}${path}`, { headers: h })).status;
      for (const role of ['customer', 'technician']) {
        const user = USERS.find((u) => u.role === role);
        if (!user) throw new Error(`demo data has no ${role}`);
        expect(await status((await login(api.baseUrl, user)).headers, `/api/contracts/${id}/economics`)).toBe(403);
      }
      for (const year of ['26', '2019', 'x']) {
        const res = await fetch(`${api.baseUrl}/api/contracts/${id}/economics?year=${year}`, { headers });
        expect(res.status).toBe(400);
        expect(JSON.stringify(await res.json())).toContain('year');
      }
      expect(await status(headers, '/api/contracts/00000000-0000-4000-8000-000000000000/economics')).toBe(404);
      expect(await status(headers, '/api/contracts/nope/economics')).toBe(404);
      const foreign = USERS.find((u) => u.role === 'manager' && !(u.serves ?? []).includes('wohnbau-sued-aufzuege'));
      if (!foreign) throw new Error('demo data has no manager of another tenant');
      expect(await status((await login(api.baseUrl, foreign)).headers, `/api/contracts/${id}/economics`)).toBe(404);
    });
  });

  describe('indexation (index series, preview, price versions)', () => {
    const as = async (role: string): Promise<Record<string, string>> => {
      const user = USERS.find((u) => u.role === role);
      if (!user) throw new Error(`demo data has no ${role}`);
      return (await login(api.baseUrl, user)).headers;
    };
    const call = async (
      h: Record<string, string>,
      method: string,
      path: string,
      body?: unknown,
      extra: Record<string, string> = {},
    ): Promise<{ status: number; body: Record<string, unknown> }> => {
      const res = await fetch(`${api.baseUrl}${path}`, {
        method,
        headers: { ...h, ...extra, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
    };

    it('seed 002: labour +4 %, material +2 % → factor 1.032; 2,360,000 → 2,435,520 €, citing the index values', async () => {
      const id = await contractOf('spezialmaschinenbau-reutlingen', 'seed-002-total-technical-service');
      const p = await call(await as('manager'), 'GET', `/api/contracts/${id}/indexation/preview?on=2027-01-01`);
      expect(p.status).toBe(200);
      expect(p.body).toMatchObject({
        basePrice: '2360000.00',
        factor: '1.032',
        indexedPrice: '2435520.00',
        change: '75520.00',
        capped: null,
        basedOn: { kind: 'contract' },
      });
      expect(p.body['cited']).toMatchObject({
        labour: {
          base: { series: 'destatis-arbeitskosten-produzierendes-gewerbe', period: '2025', value: '100' },
          current: { period: '2026', value: '104', publishedOn: '2026-11-30' },
        },
        material: { base: { period: '2025', value: '100' }, current: { period: '2026', value: '102' } },
      });
    });

    it('approves it as the price version from the reference date, once; later previews start from it', async () => {
      const id = await contractOf('spezialmaschinenbau-reutlingen', 'seed-002-total-technical-service');
      const manager = await as('manager');
      expect(
        (await call(await as('agent'), 'POST', `/api/contracts/${id}/price-versions`, { on: '2027-01-01' })).status,
      ).toBe(403);
      const approved = await call(manager, 'POST', `/api/contracts/${id}/price-versions`, { on: '2027-01-01' });
      expect(approved.status).toBe(201);
      expect(approved.body).toMatchObject({
        validFrom: '2027-01-01',
        baseVolume: '2360000.00',
        annualVolume: '2435520.00',
        factor: '1.032',
      });
      const again = await call(manager, 'POST', `/api/contracts/${id}/price-versions`, { on: '2027-01-01' });
      expect(again.status).toBe(409);
      const list = await call(manager, 'GET', `/api/contracts/${id}/price-versions`);
      expect((list.body['items'] as unknown[]).length).toBe(1);
      // a year later, with no newer index values: P0 is the approved 2,435,520.00, L0/M0 the values it used
      // as current (2026), so the same rise does not count twice: factor 1
      const next = await call(manager, 'GET', `/api/contracts/${id}/indexation/preview?on=2028-01-01`);
      expect(next.body).toMatchObject({
        basePrice: '2435520.00',
        factor: '1',
        indexedPrice: '2435520.00',
        basedOn: { kind: 'price-version', validFrom: '2027-01-01' },
        cited: { labour: { base: { period: '2026' }, current: { period: '2026' } } },
      });
    });

    it('admins keep index series with If-Match; bad values name the field; others may not write', async () => {
      const admin = await as('admin');
      const series = {
        name: 'Testindex',
        source: 'Destatis 12345-0001',
        baseYear: 2021,
        points: [{ period: '2026-01', value: '117.3', publishedOn: '2026-02-27' }],
      };
      expect((await call(admin, 'PUT', '/api/index-series/test-index', series)).status).toBe(428);
      const created = await call(admin, 'PUT', '/api/index-series/test-index', series, { 'if-match': '"0"' });
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({
        key: 'test-index',
        version: 1,
        points: [{ period: '2026-01', value: '117.3' }],
      });
      const replaced = await call(
        admin,
        'PUT',
        '/api/index-series/test-index',
        { ...series, points: [] },
        { 'if-match': '"1"' },
      );
      expect(replaced.body).toMatchObject({ version: 2, points: [] });
      const listed = (await call(admin, 'GET', '/api/index-series')).body['items'] as Array<{
        key: string;
        points: Array<{ period: string; value: string }>;
      }>;
      expect(listed.find((x) => x.key === 'test-index')?.points).toEqual([]);
      // the demo's series each with their own values (one query for all of them)
      expect(
        listed.find((x) => x.key === 'destatis-arbeitskosten-produzierendes-gewerbe')?.points.map((p) => p.value),
      ).toEqual(['100', '104']);
      expect((await call(admin, 'PUT', '/api/index-series/test-index', series, { 'if-match': '"1"' })).status).toBe(
        412,
      );
      for (const [body, field] of [
        [{ ...series, points: [{ period: '2026-13', value: '1', publishedOn: '2026-02-27' }] }, 'points.0.period'],
        [{ ...series, points: [{ period: '2026', value: '-1', publishedOn: '2026-02-27' }] }, 'points.0.value'],
        [{ ...series, points: [{ period: '2026', value: '1', publishedOn: '2026-02-30' }] }, 'points.0.publishedOn'],
        [{ ...series, baseYear: 'x' }, 'baseYear'],
      ] as const) {
        const r = await call(admin, 'PUT', '/api/index-series/test-index', body, { 'if-match': '"2"' });
        expect(r.status).toBe(400);
        expect(JSON.stringify(r.body)).toContain(field);
      }
      expect((await call(admin, 'PUT', '/api/index-series/Bad_Key', series, { 'if-match': '"0"' })).status).toBe(400);
      expect(
        (await call(await as('manager'), 'PUT', '/api/index-series/test-index', series, { 'if-match': '"2"' })).status,
      ).toBe(403);
      expect((await call(await as('customer'), 'GET', '/api/index-series')).status).toBe(403);
    });

    it('previews: bad dates 400 naming on, customers 403, other tenants 404, a clause without series 400', async () => {
      const id = await contractOf('spezialmaschinenbau-reutlingen', 'seed-002-total-technical-service');
      const manager = await as('manager');
      for (const on of ['2027-02-30', 'x', '']) {
        const r = await call(manager, 'GET', `/api/contracts/${id}/indexation/preview?on=${on}`);
        expect(r.status).toBe(400);
        expect(JSON.stringify(r.body)).toContain('on');
      }
      expect(
        (await call(await as('customer'), 'GET', `/api/contracts/${id}/indexation/preview?on=2027-01-01`)).status,
      ).toBe(403);
      const foreign = USERS.find(
        (u) => u.role === 'manager' && !(u.serves ?? []).includes('spezialmaschinenbau-reutlingen'),
      );
      if (!foreign) throw new Error('no foreign manager');
      const other = (await login(api.baseUrl, foreign)).headers;
      expect((await call(other, 'GET', `/api/contracts/${id}/indexation/preview?on=2027-01-01`)).status).toBe(404);
      // seed 001's contracts carry no indexation clause
      const lifts = await contractOf('wohnbau-sued-aufzuege', 'seed-001-elevators-6');
      const none = await call(headers, 'GET', `/api/contracts/${lifts}/indexation/preview?on=2027-01-01`);
      expect(none.status).toBe(400);
      expect(JSON.stringify(none.body)).toContain('indexation');
    });
  });
});
