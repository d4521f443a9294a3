import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import {
  ServiceProcess,
  WORKSPACE_ROOT,
  createAsset,
  createSite,
  createTenant,
  createUser,
  createTestEnv,
  waitFor,
  type TestEnv,
} from '@leitstand/backend/testing';
import { KpiService } from '@leitstand/backend/kpi';
import { CALENDAR_24_7, SLA_MATRIX, signIn, type Client } from './ticket-test-world';

/**
 * KPI roll-ups on the real API and worker: a contract (seed-002 bonus/malus rules, 99.5 % for A-assets,
 * 120,000.00 €/year, seed-003 price list, internal technician cost 45.00 €/h) with tickets in October 2026
 * (Europe/Berlin: 31 days + the hour of 25 Oct = 745 h = 44,700 min), SLA clocks, work logs and materials.
 */
const seed002 = JSON.parse(
  readFileSync(join(WORKSPACE_ROOT, 'libs/demo-data/data/contracts/seed-002-total-technical-service.json'), 'utf8'),
) as { bonusMalus: unknown };
const seed003 = readFileSync(
  join(WORKSPACE_ROOT, 'libs/demo-data/data/price-lists/seed-003-service-price-list.json'),
  'utf8',
);

interface KpiBody {
  period: { key: string; from: string; to: string; timezone: string; measuredUntil: string };
  term: { startsOn: string; endsOn: string | null; coverage: 'none' | 'partial' | 'full' };
  computedAt: string;
  notes: string[];
  availability: {
    contract: { availability: string; basisMinutes: string; downtimeMinutes: string };
    classes: Array<{
      assetClass: string;
      availability: string;
      availabilityPercent: string;
      basisMinutes: string;
      downtimeMinutes: string;
      target?: string;
      targetMet?: boolean;
      allowedDowntimeMinutes?: string;
      mttrMinutes: string | null;
      mtbfMinutes: string | null;
      repairs: number;
      failures: number;
    }>;
    assets: Array<{
      code: string;
      downtimeMinutes: string;
      availability: string;
      targetMet?: boolean;
      mttrMinutes: string | null;
      mtbfMinutes: string | null;
      repairs: string[];
      failures: string[];
      downtime: Array<{ from: string; to: string; minutes: string; tickets: string[] }>;
    }>;
  };
  slaCompliance: {
    cells: Array<{
      priority: string;
      clock: string;
      met: number;
      breached: number;
      compliance: string | null;
      breachedTickets: string[];
    }>;
    overall: { met: number; breached: number; compliance: string | null };
  };
  bonusMalus: {
    kpiValues: Record<string, string>;
    skipped: Array<{ kpi: string; reason: string }>;
    result: {
      periodVolume: string;
      amount: string;
      kpis: Array<{ kpi: string; percentOfVolume: string; amount: string }>;
    } | null;
  };
}

interface CostBody {
  term: { startsOn: string; endsOn: string | null; coverage: 'none' | 'partial' | 'full' };
  periodFraction: string;
  lines: Array<{ id: string; amount: string; derivation: string }>;
  total: string;
  serviceReports: Array<{
    ticket: string;
    net: string;
    billable: boolean;
    lines: Array<{ key: string; amount: string }>;
  }>;
  effort: { labour: string; materials: string; total: string } | null;
  margin: string | null;
  marginPercent: string | null;
  loss: boolean | null;
}

describe('KPI roll-ups: GET /api/contracts/:id/kpis and /costs', () => {
  let env: TestEnv;
  let api: ServiceProcess;
  let worker: ServiceProcess;
  let agent: Client;
  let contractId: string;
  let tenantId: string;
  let otherContractId: string;
  let otherTenantId: string;

  async function ticket(
    values: {
      number: string;
      siteId: string;
      assetId: string;
      priority: 'A' | 'B' | 'C';
      faultBeganAt: string;
      restoredAt: string | null;
      assetDown: boolean;
      inScope?: boolean;
    },
    contract = contractId,
    tenant = tenantId,
  ): Promise<string> {
    const [row] = (await env.dataSource.query(
      `INSERT INTO tickets (number, tenant_id, site_id, asset_id, contract_id, title, priority, status, fault_began_at,
         asset_down, in_scope, restored_at, closed_at, version)
       VALUES ($1, $2, $3, $4, $5, 'Störung', $6, $7, $8, $9, $10, $11, $11, 1) RETURNING id`,
      [
        values.number,
        tenant,
        values.siteId,
        values.assetId,
        contract,
        values.priority,
        values.restoredAt === null ? 'new' : 'closed',
        values.faultBeganAt,
        values.assetDown,
        values.inScope ?? true,
        values.restoredAt,
      ],
    )) as Array<{ id: string }>;
    return String(row?.id);
  }

  async function clock(
    ticketId: string,
    priority: string,
    name: 'response' | 'restore',
    state: 'met' | 'breached',
    stoppedAt: string,
  ): Promise<void> {
    await env.dataSource.query(
      `INSERT INTO ticket_sla_clocks (ticket_id, clock, tenant_id, priority, budget, budget_minutes, calendar_key, warning_share,
         state, started_at, stopped_at, deadline, warning_at, used_minutes, breach_minutes)
       VALUES ($1, $2, $3, $4, '{"kind":"minutes","minutes":60}', 60, '24-7', 0.75, $5, $6::timestamptz - interval '1 hour', $6, $6, $6, 60, NULL)`,
      [ticketId, name, tenantId, priority, state, stoppedAt],
    );
  }

  async function contract(tenant: string, siteId: string, priceListId: string | null): Promise<string> {
    const [row] = (await env.dataSource.query(
      `INSERT INTO contracts (tenant_id, name, type, starts_on, ends_on, calendars, sla_matrix, availability_targets,
         availability_basis, bonus_malus, price_list_id, annual_volume, economics, version)
       VALUES ($1, 'Technischer Gesamtservice', 'all_in', '2026-01-01', NULL, $2::jsonb, $3::jsonb, '{"A":"0.995"}', '24-7',
         $4::jsonb, $5, '120000.00', $6::jsonb, 1) RETURNING id`,
      [
        tenant,
        JSON.stringify({ '24-7': CALENDAR_24_7 }),
        JSON.stringify(SLA_MATRIX),
        JSON.stringify(seed002.bonusMalus),
        priceListId,
        JSON.stringify({
          internalCostRates: [{ id: 'technician', label: 'eigene Technikerstunde', hourlyCost: '45.00' }],
        }),
      ],
    )) as Array<{ id: string }>;
    const id = String(row?.id);
    await env.dataSource.query(`INSERT INTO contract_sites (contract_id, site_id) VALUES ($1, $2)`, [id, siteId]);
    return id;
  }

  beforeAll(async () => {
    env = await createTestEnv('kpi');
    [api, worker] = await Promise.all([ServiceProcess.start('api', env.env), ServiceProcess.start('worker', env.env)]);
    agent = await signIn(env.dataSource, api.baseUrl, 'agent');
    const ds = env.dataSource;

    const [pl] = (await ds.query(
      `INSERT INTO price_lists (key, name, valid_from, data, version) VALUES ('seed-003-kpi', 'Servicepreisliste', '2022-01-01', $1::jsonb, 1) RETURNING id`,
      [seed003],
    )) as Array<{ id: string }>;
    tenantId = (await createTenant(ds)).id;
    const site = await createSite(ds, tenantId, { name: 'Werk Süd', state: 'DE-BY' });
    contractId = await contract(tenantId, site.id, String(pl?.id));
    const a1 = await createAsset(ds, tenantId, site.id, { code: 'A-01', assetClass: 'A' });
    const a2 = await createAsset(ds, tenantId, site.id, { code: 'A-02', assetClass: 'A' });
    const c1 = await createAsset(ds, tenantId, site.id, { code: 'C-01', assetClass: 'C' });
    const s = site.id;
    const tech = await createUser(ds, 'technician', { servesTenantIds: [tenantId] });

    // 08:00–10:00Z and 09:00–11:00Z overlap → one interval 08:00–11:00 = 180 min
    const t1 = await ticket({
      number: '2026-900001',
      siteId: s,
      assetId: a1.id,
      priority: 'A',
      faultBeganAt: '2026-10-05T08:00:00Z',
      restoredAt: '2026-10-05T10:00:00Z',
      assetDown: true,
    });
    const t2 = await ticket({
      number: '2026-900002',
      siteId: s,
      assetId: a1.id,
      priority: 'A',
      faultBeganAt: '2026-10-05T09:00:00Z',
      restoredAt: '2026-10-05T11:00:00Z',
      assetDown: true,
    });
    // began 2026-09-30T20:00Z, October starts 22:00Z (local midnight) → clipped to 120 min; TTR 240 min
    const t3 = await ticket({
      number: '2026-900003',
      siteId: s,
      assetId: a2.id,
      priority: 'A',
      faultBeganAt: '2026-09-30T20:00:00Z',
      restoredAt: '2026-10-01T00:00:00Z',
      assetDown: true,
    });
    // C-01: not down → no downtime
    const t4 = await ticket({
      number: '2026-900004',
      siteId: s,
      assetId: c1.id,
      priority: 'C',
      faultBeganAt: '2026-10-07T08:00:00Z',
      restoredAt: '2026-10-07T12:00:00Z',
      assetDown: false,
    });
    // A-02 out of scope: no downtime, billed by the price list (Tue 10:00–11:10 local)
    const t5 = await ticket({
      number: '2026-900005',
      siteId: s,
      assetId: a2.id,
      priority: 'A',
      faultBeganAt: '2026-10-13T08:00:00Z',
      restoredAt: '2026-10-13T09:10:00Z',
      assetDown: true,
      inScope: false,
    });
    // A-02 across the fall-back night: 01:30 CEST → 03:30 CET = 180 real minutes
    await ticket({
      number: '2026-900006',
      siteId: s,
      assetId: a2.id,
      priority: 'A',
      faultBeganAt: '2026-10-24T23:30:00Z',
      restoredAt: '2026-10-25T02:30:00Z',
      assetDown: true,
    });
    // November ticket: outside October
    await ticket({
      number: '2026-900007',
      siteId: s,
      assetId: a1.id,
      priority: 'A',
      faultBeganAt: '2026-11-02T08:00:00Z',
      restoredAt: '2026-11-02T09:00:00Z',
      assetDown: true,
    });

    await clock(t1, 'A', 'response', 'met', '2026-10-05T08:10:00Z');
    await clock(t1, 'A', 'restore', 'breached', '2026-10-05T10:00:00Z');
    await clock(t2, 'A', 'response', 'met', '2026-10-05T09:10:00Z');
    await clock(t2, 'A', 'restore', 'met', '2026-10-05T11:00:00Z');
    await clock(t3, 'A', 'response', 'met', '2026-09-30T20:10:00Z'); // September: not counted
    await clock(t3, 'A', 'restore', 'met', '2026-10-01T00:00:00Z');
    await clock(t4, 'C', 'response', 'breached', '2026-10-07T09:30:00Z');

    const log = (ticketId: string, kind: 'travel' | 'work', from: string, to: string) =>
      ds.query(
        `INSERT INTO work_logs (ticket_id, tenant_id, worker_id, role, kind, started_at, ended_at, created_by)
         VALUES ($1, $2, $3, 'service-technician', $4, $5, $6, $3)`,
        [ticketId, tenantId, tech.id, kind, from, to],
      );
    await log(t5, 'travel', '2026-10-13T08:00:00Z', '2026-10-13T08:20:00Z');
    await log(t5, 'work', '2026-10-13T08:20:00Z', '2026-10-13T08:55:00Z');
    await log(t5, 'travel', '2026-10-13T08:55:00Z', '2026-10-13T09:10:00Z');
    await log(t1, 'work', '2026-10-05T08:30:00Z', '2026-10-05T09:30:00Z'); // in scope: effort only
    await ds.query(
      `INSERT INTO ticket_materials (ticket_id, tenant_id, kind, description, net_unit_price, quantity, unit, created_by, created_at)
       VALUES ($1, $2, 'material', 'Dichtung', '10.00', '2', 'Stk', $3, '2026-10-13T09:00:00Z')`,
      [t5, tenantId, tech.id],
    );

    otherTenantId = (await createTenant(ds)).id;
    const otherSite = await createSite(ds, otherTenantId);
    otherContractId = await contract(otherTenantId, otherSite.id, null);
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await env?.cleanup();
  });

  it('availability per asset, class and contract with the downtime intervals and their tickets', async () => {
    const res = await agent.get<KpiBody>(`/api/contracts/${contractId}/kpis?period=2026-10`);
    expect(res.status).toBe(200);
    const k = res.body;
    expect(k.period).toMatchObject({ key: '2026-10', from: '2026-10-01', to: '2026-11-01', timezone: 'Europe/Berlin' });
    expect(k.period.measuredUntil).toBe('2026-10-31T23:00:00.000Z');
    const byCode = Object.fromEntries(k.availability.assets.map((a) => [a.code, a]));
    // 180 / 44,700 → 1 − 0.0040268… = 0.995973
    expect(byCode['A-01']).toMatchObject({ downtimeMinutes: '180', availability: '0.995973', targetMet: true });
    expect(byCode['A-01']?.downtime).toEqual([
      {
        from: '2026-10-05T08:00:00.000Z',
        to: '2026-10-05T11:00:00.000Z',
        minutes: '180',
        tickets: ['2026-900001', '2026-900002'],
      },
    ]);
    // 120 (clipped at 2026-09-30T22:00Z) + 180 (DST night) = 300 → 1 − 300/44,700 = 0.993289
    expect(byCode['A-02']).toMatchObject({ downtimeMinutes: '300', availability: '0.993289', targetMet: false });
    expect(byCode['A-02']?.downtime.map((d) => [d.from, d.minutes, d.tickets])).toEqual([
      ['2026-09-30T22:00:00.000Z', '120', ['2026-900003']],
      ['2026-10-24T23:30:00.000Z', '180', ['2026-900006']],
    ]);
    expect(byCode['C-01']).toMatchObject({ downtimeMinutes: '0', availability: '1' });

    const a = k.availability.classes.find((c) => c.assetClass === 'A');
    // class A time-weighted: 1 − 480 / 89,400 = 0.99463087… → 0.994631 (99.4631 %), target 99.5 % missed;
    // allowed 0.005 × 89,400 min = 447 min
    expect(a).toMatchObject({
      basisMinutes: '89400',
      downtimeMinutes: '480',
      availability: '0.994631',
      availabilityPercent: '99.4631',
      target: '0.995',
      targetMet: false,
      allowedDowntimeMinutes: '447',
    });
    // contract: 1 − 480 / 134,100 = 0.99642058… → 0.996421
    expect(k.availability.contract).toMatchObject({
      basisMinutes: '134100',
      downtimeMinutes: '480',
      availability: '0.996421',
    });
  });

  it('MTTR by restore in the period, MTBF = uptime / failures begun in the period', async () => {
    const k = (await agent.get<KpiBody>(`/api/contracts/${contractId}/kpis?period=2026-10`)).body;
    const byCode = Object.fromEntries(k.availability.assets.map((a) => [a.code, a]));
    // repairs 120 + 120 → 120; uptime 44,520 / 2 failures = 22,260
    expect(byCode['A-01']).toMatchObject({ mttrMinutes: '120', mtbfMinutes: '22260' });
    // repairs 240 (began in September) + 180 → 210; failures in October: only 900006 → 44,400
    expect(byCode['A-02']).toMatchObject({ mttrMinutes: '210', mtbfMinutes: '44400', failures: ['2026-900006'] });
    expect(byCode['A-02']?.repairs.sort()).toEqual(['2026-900003', '2026-900006']);
    // class A: 660 / 4 = 165; 88,920 / 3 = 29,640
    expect(k.availability.classes.find((c) => c.assetClass === 'A')).toMatchObject({
      mttrMinutes: '165',
      mtbfMinutes: '29640',
      repairs: 4,
      failures: 3,
    });
    expect(byCode['C-01']).toMatchObject({ mttrMinutes: null, mtbfMinutes: null });
  });

  it('SLA compliance per priority and clock for clocks decided in the period', async () => {
    const k = (await agent.get<KpiBody>(`/api/contracts/${contractId}/kpis?period=2026-10`)).body;
    expect(
      k.slaCompliance.cells.map((c) => [c.priority, c.clock, c.met, c.breached, c.compliance, c.breachedTickets]),
    ).toEqual([
      ['A', 'response', 2, 0, '1', []], // 900003's response stopped in September
      ['A', 'restore', 2, 1, '0.666667', ['2026-900001']],
      ['C', 'response', 0, 1, '0', ['2026-900004']],
    ]);
    expect(k.slaCompliance.overall).toEqual({ met: 4, breached: 2, compliance: '0.666667' });
  });

  it('bonus/malus from the A availability through the seed-002 rules; unmeasured KPIs named', async () => {
    const k = (await agent.get<KpiBody>(`/api/contracts/${contractId}/kpis?period=2026-10`)).body;
    expect(k.bonusMalus.kpiValues).toEqual({ 'availability-a': '99.4631' });
    expect(k.bonusMalus.skipped.map((s) => s.kpi).sort()).toEqual(['energy-vs-target', 'inspection-compliance']);
    // period volume 120,000 × 1/12 = 10,000.00; linear 98.5 (−1.5 %) … 99.5 (0 %):
    // −1.5 + 1.5 × 0.9631 = −0.05535 % × 10,000.00 = −5.535 → −5.54
    expect(k.bonusMalus.result).toMatchObject({ periodVolume: '10000.00', amount: '-5.54' });
    expect(k.bonusMalus.result?.kpis).toEqual([
      expect.objectContaining({ kpi: 'availability-a', percentOfVolume: '-0.05535', amount: '-5.54' }),
    ]);
    expect(k.notes.join('\n')).toMatch(/energy-vs-target.*nicht gemessen/);
  });

  it('costs: flat fee pro rata, out-of-scope work by the price list, malus, and the margin', async () => {
    const res = await agent.get<CostBody>(`/api/contracts/${contractId}/costs?period=2026-10`);
    expect(res.status).toBe(200);
    const c = res.body;
    // flat 120,000 × 1/12 = 10,000.00; 900005: 3 × ½ h × 82.50 = 123.75 + order fee 28.70 (an out-of-scope repair:
    // the Mo–Do 07–17 waiver is for maintenance work only) + 2 × 10.00 material = 172.45; malus −5.54 → 10,166.91
    expect(c.lines.map((l) => [l.id, l.amount])).toEqual([
      ['flat-fees', '10000.00'],
      ['out-of-scope-work', '172.45'],
      ['bonus-malus', '-5.54'],
    ]);
    expect(c.total).toBe('10166.91');
    expect(c.serviceReports).toHaveLength(1);
    expect(c.serviceReports[0]).toMatchObject({ ticket: '2026-900005', net: '172.45', billable: true });
    expect(
      c.serviceReports[0]?.lines.map((l) => [l.key.replace(/^labour\/[^/]+\//, 'labour/<worker>/'), l.amount]),
    ).toEqual([
      ['labour/<worker>/service-technician/regular', '123.75'],
      ['fee/order-flat', '28.70'],
      ['material/0', '20.00'],
    ]);
    // effort: 70 + 60 min = 2.166667 h × 45.00 = 97.50; material 20.00 → 117.50; margin 10,166.91 − 117.50
    expect(c.effort).toMatchObject({ labour: '97.50', materials: '20.00', total: '117.50' });
    expect(c.margin).toBe('10049.41');
    // 10,049.41 / 10,166.91 = 98.844… %
    expect(c.marginPercent).toBe('98.84');
    expect(c.loss).toBe(false);
  });

  it('stores the roll-up and answers later reads from it', async () => {
    const first = (await agent.get<KpiBody>(`/api/contracts/${contractId}/kpis?period=2026-Q4`)).body;
    const rows = (await env.dataSource.query(
      `SELECT period, computed_at FROM kpi_rollups WHERE contract_id = $1 ORDER BY period`,
      [contractId],
    )) as Array<{ period: string; computed_at: Date }>;
    expect(rows.map((r) => r.period)).toEqual(['2026-10', '2026-Q4']);
    const again = (await agent.get<KpiBody>(`/api/contracts/${contractId}/kpis?period=2026-Q4`)).body;
    expect(again.computedAt).toBe(first.computedAt);
    expect(first.period).toMatchObject({ from: '2026-10-01', to: '2027-01-01' });
  });

  it('the worker recomputes on a job and keeps the sweep and nightly schedulers under stable keys', async () => {
    const connection = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue('kpi', { connection, prefix: env.queuePrefix });
    try {
      const schedulers = await waitFor(async () => {
        const list = await queue.getJobSchedulers();
        return list.length >= 2 ? list : null;
      }, 'kpi job schedulers');
      expect(schedulers.map((s) => s.key).sort()).toEqual(['kpi-nightly', 'kpi-sweep']);
      await queue.add(
        'kpi.recompute-contract',
        { contractId, periods: ['2026-09'] },
        { jobId: `kpi-recompute.${contractId}` },
      );
      // the stored roll-up, its asset list explained from the stored derivation
      const kpi = new KpiService(env.dataSource, { now: () => new Date() });
      const row = await waitFor(() => kpi.stored(contractId, '2026-09'), 'the 2026-09 roll-up');
      // September: 900003 from 20:00Z to the end of September (22:00Z) = 120 min on A-02
      const a2 = row.payload.kpis.availability.assets.find((x) => x.code === 'A-02');
      expect(a2?.downtimeMinutes).toBe('120');
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });

  it('on the service-calendar basis only open time counts (calendar of the contract, holidays of the site)', async () => {
    const ds = env.dataSource;
    const site = await createSite(ds, tenantId, { name: 'Werk Ost', state: 'DE-BY' });
    const asset = await createAsset(ds, tenantId, site.id, { code: 'S-01', assetClass: 'A' });
    const onSite = {
      timezone: 'Europe/Berlin',
      week: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['07:00', '17:00']]])),
    };
    const [row] = (await ds.query(
      `INSERT INTO contracts (tenant_id, name, type, starts_on, calendars, sla_matrix, availability_targets,
         availability_basis, annual_volume, version)
       VALUES ($1, 'Servicezeiten', 'full_maintenance', '2026-01-01', $2::jsonb, $3::jsonb, '{"A":"0.98"}', 'on-site',
         '12000.00', 1) RETURNING id`,
      [tenantId, JSON.stringify({ '24-7': CALENDAR_24_7, 'on-site': onSite }), JSON.stringify(SLA_MATRIX)],
    )) as Array<{ id: string }>;
    const id = String(row?.id);
    await ds.query(`INSERT INTO contract_sites (contract_id, site_id) VALUES ($1, $2)`, [id, site.id]);
    // Tue 13 Oct 15:00 CEST → Wed 14 Oct 09:00 CEST: open 15–17 + 07–09 = 240 min
    await ticket(
      {
        number: '2026-900101',
        siteId: site.id,
        assetId: asset.id,
        priority: 'A',
        faultBeganAt: '2026-10-13T13:00:00Z',
        restoredAt: '2026-10-14T07:00:00Z',
        assetDown: true,
      },
      id,
    );
    const k = (await agent.get<KpiBody>(`/api/contracts/${id}/kpis?period=2026-10`)).body;
    // October 2026: 22 weekdays (3 Oct, the only holiday of DE-BY, is a Saturday) × 10 h = 13,200 min;
    // 1 − 240 / 13,200 = 0.981818… → 0.981818 ≥ 0.98
    expect(k.availability.assets[0]).toMatchObject({
      code: 'S-01',
      downtimeMinutes: '240',
      availability: '0.981818',
      targetMet: true,
    });
    expect(k.availability.classes[0]).toMatchObject({ basisMinutes: '13200', allowedDowntimeMinutes: '264' });
    expect(k.bonusMalus.result).toBeNull();
  });

  it('the sweep finds contracts whose tickets changed after their roll-ups', async () => {
    const kpi = new KpiService(env.dataSource, { now: () => new Date() });
    await kpi.recomputeContract(contractId);
    expect(await kpi.changedContracts()).not.toContain(contractId);
    await env.dataSource.query(
      `UPDATE tickets SET title = 'Störung (geändert)', updated_at = now() WHERE number = '2026-900002'`,
    );
    expect(await kpi.changedContracts()).toContain(contractId);
    await kpi.recomputeContract(contractId);
    expect(await kpi.changedContracts()).not.toContain(contractId);
  });

  it('a period outside the term has no figures: no 100 %, no bonus, no fees; the term is read on every answer', async () => {
    // The contract starts on 2026-01-01. Before the term counted, December 2025 read 100 % availability,
    // a +1.5 % bonus (availability-a ≥ 99.9) and a flat fee of 10,000.00 €.
    const before = (await agent.get<KpiBody>(`/api/contracts/${contractId}/kpis?period=2025-12`)).body;
    expect(before.term).toEqual({ startsOn: '2026-01-01', endsOn: null, coverage: 'none' });
    expect(before.availability.contract.availability).toBeNull();
    expect(before.availability.classes).toEqual([]);
    expect(before.availability.assets).toEqual([]);
    expect(before.slaCompliance.cells).toEqual([]);
    expect(before.slaCompliance.overall.compliance).toBeNull();
    expect(before.bonusMalus.result).toBeNull();
    const cost = (await agent.get<CostBody>(`/api/contracts/${contractId}/costs?period=2025`)).body;
    expect(cost.term.coverage).toBe('none');
    expect(cost).toMatchObject({ lines: [], total: '0.00', effort: null, margin: null, loss: null });

    const october = (await agent.get<KpiBody>(`/api/contracts/${contractId}/kpis?period=2026-10`)).body;
    expect(october.term).toEqual({ startsOn: '2026-01-01', endsOn: null, coverage: 'full' });
    try {
      // A changed term applies to stored roll-ups at once: partly covered still has figures …
      await env.dataSource.query(`UPDATE contracts SET starts_on = '2026-10-15' WHERE id = $1`, [contractId]);
      const partial = (await agent.get<KpiBody>(`/api/contracts/${contractId}/kpis?period=2026-10`)).body;
      expect(partial.term.coverage).toBe('partial');
      expect(partial.availability.contract.availability).toBe(october.availability.contract.availability);
      // … and a period now before the term is answered without figures. October has closed (a month closes one
      // month after its end), so its stored roll-up is frozen: it stays as it was settled …
      await env.dataSource.query(`UPDATE contracts SET starts_on = '2026-11-01' WHERE id = $1`, [contractId]);
      const none = (await agent.get<KpiBody>(`/api/contracts/${contractId}/kpis?period=2026-10`)).body;
      expect(none.term.coverage).toBe('none');
      expect(none.bonusMalus.result).toBeNull();
      expect(none.availability.classes).toEqual([]);
      const [stored] = (await env.dataSource.query(
        `SELECT payload -> 'kpis' -> 'availability' -> 'classes' AS classes, frozen_at FROM kpi_rollups
          WHERE contract_id = $1 AND period = '2026-10'`,
        [contractId],
      )) as Array<{ classes: unknown[]; frozen_at: Date | null }>;
      expect(stored?.frozen_at).not.toBeNull();
      expect(stored?.classes).toEqual(october.availability.classes);
    } finally {
      await env.dataSource.query(`UPDATE contracts SET starts_on = '2026-01-01' WHERE id = $1`, [contractId]);
    }
    // … and its figures come back with the term.
    const again = (await agent.get<KpiBody>(`/api/contracts/${contractId}/kpis?period=2026-10`)).body;
    expect(again.availability.classes).toEqual(october.availability.classes);
    expect(again.computedAt).toBe(october.computedAt);
  });

  it('period errors are 400 naming the period; other tenants 404; customers and technicians 403', async () => {
    for (const bad of ['2026-13', '2026-Q5', '26', 'latest', '2026-10-01']) {
      const res = await agent.get<{ statusCode: number; fields: Array<{ field: string }> }>(
        `/api/contracts/${contractId}/kpis?period=${bad}`,
      );
      expect(res.status).toBe(400);
      expect(res.body.fields.map((f) => f.field)).toEqual(['period']);
    }
    const missing = await agent.get<{ fields: Array<{ field: string }> }>(`/api/contracts/${contractId}/costs`);
    expect(missing.status).toBe(400);
    expect(missing.body.fields.map((f) => f.field)).toEqual(['period']);

    const manager = await signIn(env.dataSource, api.baseUrl, 'manager', { servesTenantIds: [otherTenantId] });
    for (const path of ['kpis', 'costs']) {
      expect((await manager.get(`/api/contracts/${contractId}/${path}?period=2026-10`)).status).toBe(404);
      expect((await manager.get(`/api/contracts/${otherContractId}/${path}?period=2026-10`)).status).toBe(200);
      expect(
        (await agent.get(`/api/contracts/00000000-0000-4000-8000-000000000000/${path}?period=2026-10`)).status,
      ).toBe(404);
      expect((await agent.get(`/api/contracts/not-a-uuid/${path}?period=2026-10`)).status).toBe(404);
    }
    const customer = await signIn(env.dataSource, api.baseUrl, 'customer', { tenantId });
    const technician = await signIn(env.dataSource, api.baseUrl, 'technician', { servesTenantIds: [tenantId] });
    expect((await customer.get(`/api/contracts/${contractId}/kpis?period=2026-10`)).status).toBe(403);
    expect((await technician.get(`/api/contracts/${contractId}/costs?period=2026-10`)).status).toBe(403);
  });

  it('a recompute of several periods loads them together and stores what one period at a time stores', async () => {
    const now = new Date();
    const kpi = new KpiService(env.dataSource, { now: () => now });
    const keys = ['2026-09', '2026-10', '2026-11', '2026-Q4', '2026'];
    expect(await kpi.recomputeContract(contractId, keys)).toBe(keys.length);
    const together = await Promise.all(keys.map((k) => kpi.stored(contractId, k)));
    const apart = [];
    for (const k of keys) apart.push(await kpi.recompute(contractId, k));
    expect(together.map((r) => r?.payload)).toEqual(apart.map((r) => r?.payload));
    // the October figures the tests above asserted, out of the batch
    const october = together[1]?.payload;
    expect(october?.costs.total).toBe('10166.91');
    expect(october?.kpis.availability.assets.length).toBeGreaterThan(0);
  });
});
