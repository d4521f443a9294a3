/**
 * KPI full recompute (issue 6): availability, MTTR/MTBF and bonus/malus for 10,000 assets over the
 * 12 months of 2025 (~500,000 tickets), in a dedicated bench database bulk-generated with
 * generate_series: 10 tenants, each with one site, one contract (seed-002 bonus/malus rules, 99.5 % for
 * A-assets) and 1,000 assets. The recompute is what the nightly job runs — KpiService.recomputeMany (4 contracts
 * at a time) for every contract and month: load, compute with @leitstand/domain, store the roll-up with its
 * derivation in kpi_rollups. Prints seconds, roll-ups/s, assets×months/s and tickets/s. Target ≤ 10 s.
 * The database is dropped afterwards.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { createTestEnv } from '@leitstand/backend/testing';
import { KpiService } from '@leitstand/backend/kpi';
import { DEMO_DATA_DIR, int } from './bench-support';

const ASSETS = Number(process.env['BENCH_KPI_ASSETS'] ?? 10_000);
const TICKETS = Number(process.env['BENCH_KPI_TICKETS'] ?? 500_000);
const CONTRACTS = 10;
const MONTHS = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
const TARGET_S = 10;

async function main(): Promise<void> {
  const env = await createTestEnv('bench_kpi');
  const out: string[] = [];
  const loadAvg = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  try {
    const ds = env.dataSource;
    await ds.query(`SET synchronous_commit = off`);
    const t0 = performance.now();
    const bonusMalus = (
      JSON.parse(readFileSync(join(DEMO_DATA_DIR, 'contracts/seed-002-total-technical-service.json'), 'utf8')) as {
        bonusMalus: unknown;
      }
    ).bonusMalus;
    await ds.query(
      `INSERT INTO tenants (slug, name, version) SELECT 'kpi-bench-' || g, 'Bench ' || g, 1 FROM generate_series(1, $1) g`,
      [CONTRACTS],
    );
    await ds.query(
      `INSERT INTO sites (tenant_id, name, street, postal_code, city, state, version)
       SELECT id, 'Werk', 'Straße 1', '70173', 'Stuttgart', 'DE-BW', 1 FROM tenants`,
    );
    await ds.query(
      `INSERT INTO contracts (tenant_id, name, type, starts_on, calendars, sla_matrix, availability_targets,
         availability_basis, bonus_malus, annual_volume, economics, version)
       SELECT id, 'Gesamtservice', 'all_in', '2025-01-01', '{}', '{}', '{"A":"0.995"}', '24-7', $1::jsonb,
              '2360000.00', '{"internalCostRates":[{"id":"technician","label":"Technik","hourlyCost":"45.00"}]}', 1
         FROM tenants`,
      [JSON.stringify(bonusMalus)],
    );
    await ds.query(
      `INSERT INTO contract_sites (contract_id, site_id) SELECT c.id, s.id FROM contracts c JOIN sites s ON s.tenant_id = c.tenant_id`,
    );
    await ds.query(
      `INSERT INTO assets (tenant_id, site_id, code, name, trade, asset_class, version)
       SELECT s.tenant_id, s.id, 'AS-' || g, 'Anlage ' || g, 'hvac', (ARRAY['A','B','C'])[1 + g % 3], 1
         FROM sites s, generate_series(1, $1) g`,
      [ASSETS / CONTRACTS],
    );
    await ds.query(`CREATE TEMP TABLE bench_assets AS
      SELECT row_number() OVER (ORDER BY a.tenant_id, a.code) - 1 AS k, a.id AS asset_id, a.tenant_id, a.site_id,
             a.asset_class, c.id AS contract_id
        FROM assets a JOIN contracts c ON c.tenant_id = a.tenant_id`);
    const chunk = 100_000;
    for (let from = 1; from <= TICKETS; from += chunk) {
      const to = Math.min(TICKETS, from + chunk - 1);
      // Spread over 2025 (525,600 minutes); repairs of 10 min … 8 h; 90 % take the asset down; 2 % out of scope.
      await ds.query(
        `INSERT INTO tickets (number, tenant_id, site_id, asset_id, contract_id, title, priority, status, channel,
            fault_began_at, asset_down, in_scope, restored_at, closed_at, created_at, updated_at, version)
         SELECT 'K' || lpad(g::text, 9, '0'), b.tenant_id, b.site_id, b.asset_id, b.contract_id, 'Störung', b.asset_class,
                'closed', 'phone', f.at, g % 10 <> 0, g % 50 <> 0,
                f.at + ((g::bigint * 37) % 470 + 10) * interval '1 minute', f.at + interval '1 day', f.at, f.at, 1
           FROM generate_series($1::int, $2::int) g
           JOIN bench_assets b ON b.k = g % $3
           CROSS JOIN LATERAL (SELECT timestamptz '2025-01-01 00:00 UTC' + ((g::bigint * 7919) % 525600) * interval '1 minute' AS at) f`,
        [from, to, ASSETS],
      );
    }
    await ds.query('ANALYZE');
    const [counts] = (await ds.query(
      `SELECT count(*)::int AS tickets, count(*) FILTER (WHERE asset_down)::int AS down FROM tickets`,
    )) as Array<{ tickets: number; down: number }>;
    out.push(
      `generated ${int(ASSETS)} assets, ${CONTRACTS} contracts, ${int(counts?.tickets ?? 0)} tickets (${int(counts?.down ?? 0)} took an asset down) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const contracts = (await ds.query(`SELECT id FROM contracts ORDER BY id`)) as Array<{ id: string }>;
    const service = new KpiService(ds, { now: () => new Date() });
    const started = performance.now();
    const rollups = await service.recomputeMany(
      contracts.map((c) => c.id),
      MONTHS,
    );
    const seconds = (performance.now() - started) / 1000;

    const [check] = (await ds.query(
      `SELECT count(*)::int AS n, sum(octet_length(payload::text))::bigint AS bytes,
              min(payload #>> '{kpis,availability,classes,0,availability}') AS min_a,
              min(payload #>> '{kpis,bonusMalus,result,amount}') AS bm
         FROM kpi_rollups`,
    )) as Array<{ n: number; bytes: string; min_a: string; bm: string }>;
    out.push(`load average at start: ${loadAvg} (other processes share the machine)`);
    out.push(
      `full recompute: ${rollups} roll-ups (${contracts.length} contracts × ${MONTHS.length} months) in ${seconds.toFixed(2)} s — ` +
        `${(rollups / seconds).toFixed(1)} roll-ups/s, ${int((ASSETS * MONTHS.length) / seconds)} asset-months/s, ${int((counts?.tickets ?? 0) / seconds)} tickets/s`,
    );
    out.push(
      `stored ${check?.n ?? 0} rows, ${int(Number(check?.bytes ?? 0) / 1_048_576)} MiB of payload with derivation; sample: class A availability ${check?.min_a}, bonus/malus ${check?.bm}`,
    );
    out.push(`target ≤ ${TARGET_S} s: ${seconds <= TARGET_S ? 'MET' : 'MISSED'}`);
  } finally {
    await env.cleanup(); // drops the bench database
  }
  console.log(
    '\nKPI recompute benchmark (availability, MTTR/MTBF, SLA compliance, bonus/malus, cost per contract and month)',
  );
  for (const line of out) console.log(line);
}

void main();
