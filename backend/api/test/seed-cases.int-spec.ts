import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ServiceReportView } from '@leitstand/api-contracts';
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
});
