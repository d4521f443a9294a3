import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import {
  ServiceProcess,
  WORKSPACE_ROOT,
  createAsset,
  createSite,
  createTenant,
  createTestEnv,
  waitFor,
  type TestEnv,
} from '@leitstand/backend/testing';
import { KpiService } from '@leitstand/backend/kpi';
import type { CostView, KpiView } from '@leitstand/api-contracts';
import { CALENDAR_24_7, SLA_MATRIX, signIn, type Client } from './ticket-test-world';

/**
 * Issue 15, money, on the real API and worker: a contract with the seed-002 bonus/malus rules (availability of
 * A-assets, energy, "Prüfcompliance (fristgerecht)" stepped < 98 % → −1 %, ≥ 98 % → −0.5 %, 100 % → +0.5 %) at
 * 2,360,000.00 €/year, with maintenance requirements and occurrences in a CLOSED month (two months back: closed one
 * month after its end) and in the previous month (still open). The closed month's roll-up is frozen: an edit of one
 * of its occurrences changes nothing, neither through the worker's recompute nor through the API, and PostgreSQL
 * refuses to update the frozen row; the open month follows the edit.
 */
const seed002 = JSON.parse(
  readFileSync(join(WORKSPACE_ROOT, 'libs/demo-data/data/contracts/seed-002-total-technical-service.json'), 'utf8'),
) as { bonusMalus: unknown };

const ZONE = 'Europe/Berlin';
const now = DateTime.now().setZone(ZONE);
/** Two months back: closed (a month closes one month after its end). */
const closed = now.startOf('month').minus({ months: 2 });
/** The previous month: not closed yet, recomputed on every refresh. */
const open = now.startOf('month').minus({ months: 1 });
const CLOSED = closed.toFormat('yyyy-MM');
const OPEN = open.toFormat('yyyy-MM');
const day = (month: DateTime, d: number): string => month.set({ day: d }).toISODate() ?? '';

describe('maintenance compliance: frozen months and the seed-002 bonus/malus', () => {
  let env: TestEnv;
  let api: ServiceProcess;
  let worker: ServiceProcess;
  let agent: Client;
  let contractId: string;
  let tenantId: string;
  let missedId: string;
  let openId: string;

  async function requirement(
    values: { siteId: string; assetId: string; task: string; title: string; kind: string; fee: string | null },
    anchor: { kind: 'fixed-grid' | 'statutory'; date: string },
  ): Promise<string> {
    const [row] = (await env.dataSource.query(
      `INSERT INTO maintenance_requirements (tenant_id, contract_id, task_key, title, kind, statutory, site_id, asset_id,
         cadence_every, cadence_unit, anchor_kind, anchor_date, intermediate, lead_days, performer, evidence, fee, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 28, $14, $15, $16, 1) RETURNING id`,
      [
        tenantId,
        contractId,
        values.task,
        values.title,
        values.kind,
        values.kind === 'statutory-test',
        values.siteId,
        values.assetId,
        anchor.kind === 'statutory' ? 2 : 1,
        anchor.kind === 'statutory' ? 'year' : 'month',
        anchor.kind,
        anchor.date,
        anchor.kind === 'statutory',
        anchor.kind === 'statutory' ? 'approved-body' : 'provider',
        anchor.kind === 'statutory' ? ['checklist', 'inspection-record'] : ['checklist'],
        values.fee,
      ],
    )) as Array<{ id: string }>;
    return String(row?.id);
  }

  async function occurrence(
    req: { id: string; siteId: string; assetId: string; trade: string },
    o: { periodNo: number; kind?: string; target: string; legalLatest: string; completedOn?: string },
  ): Promise<string> {
    const done = o.completedOn !== undefined;
    const status = o.completedOn === undefined ? 'missed' : o.completedOn > o.target ? 'done-late' : 'done-on-time';
    const [row] = (await env.dataSource.query(
      `INSERT INTO maintenance_occurrences (tenant_id, contract_id, site_id, requirement_id, asset_id, trade, period_no, kind,
         earliest_start, target_date, legal_latest, on_time_limit, work_order_from, status, completed_at, completed_on,
         evidence_accepted, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::date - 7, $9, $10, $9, $9::date - 7, $11, $12, $13, $14, 1) RETURNING id`,
      [
        tenantId,
        contractId,
        req.siteId,
        req.id,
        req.assetId,
        req.trade,
        o.periodNo,
        o.kind ?? 'regular',
        o.target,
        o.legalLatest,
        status,
        done ? `${o.completedOn}T10:00:00Z` : null,
        o.completedOn ?? null,
        done,
      ],
    )) as Array<{ id: string }>;
    return String(row?.id);
  }

  beforeAll(async () => {
    env = await createTestEnv('maintenance_compliance');
    [api, worker] = await Promise.all([ServiceProcess.start('api', env.env), ServiceProcess.start('worker', env.env)]);
    agent = await signIn(env.dataSource, api.baseUrl, 'agent');
    const ds = env.dataSource;
    tenantId = (await createTenant(ds)).id;
    const site = await createSite(ds, tenantId, { name: 'Werk Reutlingen-Nord', state: 'DE-BW' });
    const [c] = (await ds.query(
      `INSERT INTO contracts (tenant_id, name, type, starts_on, calendars, sla_matrix, availability_targets,
         availability_basis, bonus_malus, annual_volume, version)
       VALUES ($1, 'Total Technical Service', 'all_in', '2025-01-01', $2::jsonb, $3::jsonb, '{"A":"0.995"}', '24-7',
         $4::jsonb, '2360000.00', 1) RETURNING id`,
      [
        tenantId,
        JSON.stringify({ '24-7': CALENDAR_24_7 }),
        JSON.stringify(SLA_MATRIX),
        JSON.stringify(seed002.bonusMalus),
      ],
    )) as Array<{ id: string }>;
    contractId = String(c?.id);
    await ds.query(`INSERT INTO contract_sites (contract_id, site_id) VALUES ($1, $2)`, [contractId, site.id]);
    const lift = await createAsset(ds, tenantId, site.id, { code: 'AZ-01', assetClass: 'A' });
    const sprinkler = await createAsset(ds, tenantId, site.id, { code: 'SPR-01', assetClass: 'B' });

    const liftReq = {
      id: await requirement(
        {
          siteId: site.id,
          assetId: lift.id,
          task: 'elevator-maintenance',
          title: 'Aufzugswartung nach DIN EN 13015',
          kind: 'maintenance',
          fee: null,
        },
        { kind: 'fixed-grid', date: '2025-01-05' },
      ),
      siteId: site.id,
      assetId: lift.id,
      trade: 'elevators',
    };
    const zuesReq = {
      id: await requirement(
        {
          siteId: site.id,
          assetId: lift.id,
          task: 'elevator-statutory-inspection',
          title: 'Prüfung Aufzug durch ZÜS',
          kind: 'statutory-test',
          fee: '400.00',
        },
        { kind: 'statutory', date: day(closed.minus({ years: 2 }), 20) },
      ),
      siteId: site.id,
      assetId: lift.id,
      trade: 'elevators',
    };
    const pumpReq = {
      id: await requirement(
        {
          siteId: site.id,
          assetId: sprinkler.id,
          task: 'sprinkler-pump-test',
          title: 'Sprinklerpumpe Probelauf',
          kind: 'inspection',
          fee: null,
        },
        { kind: 'fixed-grid', date: '2025-01-12' },
      ),
      siteId: site.id,
      assetId: sprinkler.id,
      trade: 'sprinklers',
    };
    const endOf = (m: DateTime): string => m.endOf('month').toISODate() ?? '';
    // The closed month: 5 due — on time 3, late 1 (after the on-time limit = target, by the legal latest date),
    // missed 1 (not completed by the legal latest date).
    await occurrence(liftReq, {
      periodNo: 100,
      target: day(closed, 5),
      legalLatest: endOf(closed),
      completedOn: day(closed, 5),
    });
    await occurrence(pumpReq, {
      periodNo: 100,
      target: day(closed, 12),
      legalLatest: endOf(closed),
      completedOn: day(closed, 14),
    });
    await occurrence(pumpReq, {
      periodNo: 101,
      target: day(closed, 19),
      legalLatest: endOf(closed),
      completedOn: day(closed, 18),
    });
    await occurrence(zuesReq, {
      periodNo: 4,
      kind: 'main',
      target: day(closed, 20),
      legalLatest: day(closed, 20),
      completedOn: day(closed, 20),
    });
    missedId = await occurrence(pumpReq, { periodNo: 102, target: day(closed, 26), legalLatest: endOf(closed) });
    // The open month: 2 due, one on time, one late.
    await occurrence(liftReq, {
      periodNo: 101,
      target: day(open, 5),
      legalLatest: endOf(open),
      completedOn: day(open, 5),
    });
    openId = await occurrence(pumpReq, {
      periodNo: 103,
      target: day(open, 12),
      legalLatest: endOf(open),
      completedOn: day(open, 15),
    });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await env?.cleanup();
  });

  it('the bonus/malus of seed 002 includes inspection compliance with its derivation', async () => {
    const res = await agent.get<KpiView>(`/api/contracts/${contractId}/kpis?period=${CLOSED}`);
    expect(res.status).toBe(200);
    const k = res.body;
    // due 5: on time 3, late 1, missed 1 → 3 / 5 = 60.00 %
    expect(k.maintenanceCompliance?.total).toMatchObject({
      due: 5,
      onTime: 3,
      late: 1,
      missed: 1,
      open: 0,
      percent: '60.00',
    });
    expect(k.maintenanceCompliance?.total.nonCompliant.map((n) => n.reason).sort()).toEqual(['late', 'missed']);
    expect(Object.keys(k.maintenanceCompliance?.byTrade ?? {})).toEqual(['elevators', 'sprinklers']);
    expect(k.bonusMalus.kpiValues).toEqual({ 'availability-a': '100', 'inspection-compliance': '60' });
    expect(k.bonusMalus.skipped.map((s) => s.kpi)).toEqual(['energy-vs-target']);
    // period volume 2,360,000.00 × 1/12 = 196,666.67; availability 100 % ≥ 99.9 → +1.5 % = +2,950.00;
    // compliance 60 % < 98 → −1 % = −1,966.67; Σ +983.33 (within ± 2 % = ± 3,933.33)
    expect(k.bonusMalus.result).toMatchObject({ periodVolume: '196666.67', amount: '983.33', capped: false });
    expect(k.bonusMalus.result?.kpis.map((x) => [x.kpi, x.percentOfVolume, x.amount])).toEqual([
      ['availability-a', '1.5', '2950.00'],
      ['inspection-compliance', '-1', '-1966.67'],
    ]);
    expect(k.bonusMalus.derivations?.['inspection-compliance']).toEqual([
      'Fällig im Zeitraum 5 (fristgerecht 3, verspätet 1, versäumt 1, offen 0): 3 / 5 = 60,00 %',
      'Prüfcompliance (fristgerecht) 60 %: unter 98 → -1 % × 196.666,67 € = -1.966,67 €',
    ]);
    expect(k.frozenAt).not.toBeNull();

    const cost = (await agent.get<CostView>(`/api/contracts/${contractId}/costs?period=${CLOSED}`)).body;
    // flat 196,666.67 + the billed main inspection 1 × 400.00 + bonus 983.33 = 198,050.00
    expect(cost.lines.map((l) => [l.id, l.amount])).toEqual([
      ['flat-fees', '196666.67'],
      ['inspections', '400.00'],
      ['bonus-malus', '983.33'],
    ]);
    expect(cost.lines[1]?.derivation).toBe('Prüfung Aufzug durch ZÜS — Hauptprüfung: 1 × 400,00 € = 400,00 €');
    expect(cost.total).toBe('198050.00');
  });

  it('the frozen compliance of a closed month does not change after an occurrence edit; the open month does', async () => {
    const kpi = new KpiService(env.dataSource, { now: () => new Date() });
    const before = (await agent.get<KpiView>(`/api/contracts/${contractId}/kpis?period=${CLOSED}`)).body;
    const openBefore = (await agent.get<KpiView>(`/api/contracts/${contractId}/kpis?period=${OPEN}`)).body;
    expect(openBefore.frozenAt ?? null).toBeNull();
    // open month: 1 on time, 1 late → 50.00 %
    expect(openBefore.maintenanceCompliance?.total).toMatchObject({ due: 2, onTime: 1, late: 1, percent: '50.00' });

    // Edits: the missed occurrence of the closed month is recorded as done on time afterwards, the late one of the
    // open month too.
    for (const id of [missedId, openId]) {
      await env.dataSource.query(
        `UPDATE maintenance_occurrences SET completed_on = target_date, completed_at = target_date + time '10:00',
            evidence_accepted = true, status = 'done-on-time', updated_at = now(), version = version + 1
          WHERE id = $1`,
        [id],
      );
    }
    // The sweep sees the change; the worker's recompute refreshes the contract's periods.
    expect(await kpi.changedContracts()).toContain(contractId);
    const connection = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue('kpi', { connection, prefix: env.queuePrefix });
    try {
      await queue.add('kpi.recompute-contract', { contractId }, { jobId: `kpi-recompute.${contractId}.edit` });
      await waitFor(async () => {
        const row = await kpi.stored(contractId, OPEN);
        return row !== null && row.computedAt.toISOString() > openBefore.computedAt ? row : null;
      }, 'the recompute of the open month');
    } finally {
      await queue.close();
      connection.disconnect();
    }
    // … and a recompute named explicitly leaves the frozen month as it is, too.
    await kpi.recomputeContract(contractId, [CLOSED, OPEN]);

    const after = (await agent.get<KpiView>(`/api/contracts/${contractId}/kpis?period=${CLOSED}`)).body;
    expect(after.computedAt).toBe(before.computedAt);
    expect(after.frozenAt).toBe(before.frozenAt);
    expect(after.maintenanceCompliance?.total).toEqual(before.maintenanceCompliance?.total);
    expect(after.bonusMalus).toEqual(before.bonusMalus);
    const openAfter = (await agent.get<KpiView>(`/api/contracts/${contractId}/kpis?period=${OPEN}`)).body;
    expect(openAfter.maintenanceCompliance?.total).toMatchObject({ due: 2, onTime: 2, late: 0, percent: '100.00' });

    // The quarter of the closed month sums its months, the closed one as frozen: its miss stays a miss.
    const quarter = `${closed.year}-Q${closed.quarter}`;
    const q = (await agent.get<KpiView>(`/api/contracts/${contractId}/kpis?period=${quarter}`)).body;
    expect(q.maintenanceCompliance?.total.derivation).toContain(`${CLOSED} (eingefroren): 3 von 5 fristgerecht`);
    expect(q.maintenanceCompliance?.total.missed).toBe(1);

    // The frozen row refuses any update or delete in PostgreSQL itself.
    await expect(
      env.dataSource.query(`UPDATE kpi_rollups SET duration_ms = 0 WHERE contract_id = $1 AND period = $2`, [
        contractId,
        CLOSED,
      ]),
    ).rejects.toThrow(/frozen/);
    await expect(
      env.dataSource.query(`DELETE FROM kpi_rollups WHERE contract_id = $1 AND period = $2`, [contractId, CLOSED]),
    ).rejects.toThrow(/frozen/);
    // the open month's row is an ordinary cache row
    const [openRow] = (await env.dataSource.query(
      `SELECT frozen_at FROM kpi_rollups WHERE contract_id = $1 AND period = $2`,
      [contractId, OPEN],
    )) as Array<{ frozen_at: Date | null }>;
    expect(openRow?.frozen_at).toBeNull();
  });
});
