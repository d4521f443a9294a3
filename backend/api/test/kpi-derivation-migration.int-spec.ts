import { createTestEnv, type TestEnv } from '@leitstand/backend/testing';
import { KpiService, type KpiRollupPayload } from '@leitstand/backend/kpi';
import { createTenantWorld } from './ticket-test-world';

/**
 * Migration 1795340000000 (compact KPI derivation) on rows stored in the long form: each row is converted,
 * not recomputed — computed_at and every figure stay, and the API's explanation is the same as before —
 * and a row that would not round-trip losslessly keeps its long form. Real PostgreSQL, the real migration.
 */
describe('KPI roll-ups: the long form converts to the compact derivation losslessly', () => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await createTestEnv('kpi_derivation_migration');
  });
  afterAll(async () => {
    await env?.cleanup();
  });

  it('converts a stored month without recomputing it; a row that does not round-trip stays as it was', async () => {
    const ds = env.dataSource;
    const world = await createTenantWorld(ds);
    const contractId = String(world.contractId);
    // Two overlapping outages of the A asset in October 2026 (one merged interval), one of them out of the period start.
    await ds.query(
      `INSERT INTO tickets (number, tenant_id, site_id, asset_id, contract_id, title, priority, status, channel,
          fault_began_at, asset_down, in_scope, restored_at, closed_at, created_at, updated_at, version)
       VALUES ('M-000001', $1, $2, $3, $4, 'Störung', 'A', 'closed', 'phone', '2026-09-30T20:00:00Z', true, true,
               '2026-10-01T02:30:00Z', '2026-10-01T03:00:00Z', now(), now(), 1),
              ('M-000002', $1, $2, $3, $4, 'Störung', 'A', 'closed', 'phone', '2026-10-12T08:00:00Z', true, true,
               '2026-10-12T10:00:00Z', '2026-10-12T11:00:00Z', now(), now(), 1),
              ('M-000003', $1, $2, $3, $4, 'Störung', 'A', 'closed', 'phone', '2026-10-12T09:00:00Z', true, true,
               '2026-10-12T12:00:00Z', '2026-10-12T13:00:00Z', now(), now(), 1)`,
      [world.tenantId, world.siteId, world.assetA, contractId],
    );
    // 20 November: October is the previous month, not closed yet — its row is not frozen (issue 15), so the
    // migration may rewrite it (a frozen row refuses every UPDATE).
    const kpi = new KpiService(ds, { now: () => new Date('2026-11-20T05:00:00Z') });
    const computed = await kpi.recompute(contractId, '2026-10');
    const legacy = computed?.payload as KpiRollupPayload;
    expect(legacy.kpis.availability.assets.find((a) => a.assetId === world.assetA)?.downtime).toHaveLength(2);

    const migration = ds.migrations.find((m) => m.name === 'KpiRollupDerivation1795340000000');
    expect(migration).toBeDefined();
    type LongForm = { kpis: { availability: { assets: Array<{ downtime: Array<{ from: string }> }> } } };
    const odd = structuredClone(legacy) as unknown as LongForm;
    const runner = ds.createQueryRunner();
    try {
      // back to the long form the roll-ups had before the migration …
      await migration?.down(runner);
      const [before] = (await ds.query(
        `SELECT payload, computed_at FROM kpi_rollups WHERE contract_id = $1 AND period = '2026-10'`,
        [contractId],
      )) as Array<{ payload: KpiRollupPayload; computed_at: Date }>;
      expect(before?.payload).toEqual(legacy);
      // … and a second month whose long form would not come back identically (an instant without milliseconds)
      const withDowntime = odd.kpis.availability.assets.find((a) => a.downtime.length > 0);
      if (withDowntime?.downtime[0] !== undefined) withDowntime.downtime[0].from = '2026-10-01T00:00:00Z';
      await ds.query(
        `INSERT INTO kpi_rollups (contract_id, period, tenant_id, period_from, period_to, as_of, computed_at, duration_ms, payload)
         SELECT contract_id, '2026-09', tenant_id, period_from, period_to, as_of, computed_at, duration_ms, $2::jsonb
           FROM kpi_rollups WHERE contract_id = $1 AND period = '2026-10'`,
        [contractId, JSON.stringify(odd)],
      );

      await migration?.up(runner);
    } finally {
      await runner.release();
    }
    const rows = (await ds.query(
      `SELECT period, computed_at, derivation IS NOT NULL AS compact, payload #> '{kpis,availability,assets}' AS assets,
              octet_length(payload::text) + coalesce(octet_length(derivation::text), 0) AS bytes
         FROM kpi_rollups WHERE contract_id = $1 ORDER BY period`,
      [contractId],
    )) as Array<{ period: string; computed_at: Date; compact: boolean; assets: unknown; bytes: number }>;
    expect(rows.map((r) => [r.period, r.compact, r.assets === null])).toEqual([
      ['2026-09', false, false],
      ['2026-10', true, true],
    ]);
    expect(rows[1]?.computed_at.toISOString()).toBe(computed?.computedAt.toISOString());
    expect(Number(rows[1]?.bytes)).toBeLessThan(Number(rows[0]?.bytes));
    // the API explains both exactly as they were stored
    expect((await kpi.stored(contractId, '2026-10'))?.payload).toEqual(legacy);
    expect((await kpi.stored(contractId, '2026-09'))?.payload).toEqual(odd);
  });
});
