/**
 * KPI full recompute (issue 6): availability, MTTR/MTBF and bonus/malus for 10,000 assets over the
 * 12 months of 2025 (~500,000 tickets), in a dedicated bench database bulk-generated with
 * generate_series: 10 tenants, each with one site, one contract (seed-002 bonus/malus rules, 99.5 % for
 * A-assets) and 1,000 assets. The recompute is what the nightly job runs — KpiService.recomputeMany (4 contracts
 * at a time) for every contract and month: load, compute with @leitstand/domain, store the roll-up with its
 * derivation in kpi_rollups. Prints seconds, roll-ups/s, assets×months/s and tickets/s (target ≤ 5 s; 10.5 s
 * before issue 12), where the time goes in one contract's 12 months (load per month as before vs once for all
 * months, compute, store), and the stored bytes per contract-month: summary + compact derivation as stored,
 * against the long form the roll-ups stored before (≤ 1 MiB at 1,000 assets). The database is dropped afterwards.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { createTestEnv } from '@leitstand/backend/testing';
import {
  KpiService,
  computeRollup,
  explainRollup,
  findContract,
  loadRollupInput,
  loadRollupInputs,
} from '@leitstand/backend/kpi';
import { DEMO_DATA_DIR, didNamedWork, figureOrFailure, int } from './bench-support';

const ASSETS = Number(process.env['BENCH_KPI_ASSETS'] ?? 10_000);
const TICKETS = Number(process.env['BENCH_KPI_TICKETS'] ?? 500_000);
const CONTRACTS = 10;
const MONTHS = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
const TARGET_S = 5;
/** Issue 12: the full recompute before the compact derivation and the batched load. */
const BEFORE_S = 10.5;

async function main(): Promise<void> {
  const env = await createTestEnv('bench_kpi');
  const out: string[] = [];
  const loadAvgNow = (): string =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  const loadAvg = loadAvgNow();
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

    const loadAvgAfter = loadAvgNow();

    const [check] = (await ds.query(
      `SELECT count(*)::int AS n,
              sum(octet_length(payload::text) + octet_length(derivation::text))::bigint AS bytes,
              sum(pg_column_size(payload) + pg_column_size(derivation))::bigint AS stored,
              min(payload #>> '{kpis,availability,classes,0,availability}') AS min_a,
              min(payload #>> '{kpis,bonusMalus,result,amount}') AS bm
         FROM kpi_rollups`,
    )) as Array<{ n: number; bytes: string; stored: string; min_a: string; bm: string }>;
    const n = Math.max(1, check?.n ?? 0);
    // The long form one roll-up stored before (both views with every asset's explanation), as the API shows it.
    const sample = await service.stored(contracts[0]?.id ?? '', MONTHS[0] ?? '');
    const longBytes = Buffer.byteLength(JSON.stringify(sample?.payload ?? {}));

    // Where the time goes, one contract's 12 months one after the other (no other lane running).
    const contract = await findContract(ds, contracts[0]?.id ?? '');
    if (contract === null) throw new Error('bench contract missing');
    const now = new Date();
    let t = performance.now();
    for (const month of MONTHS) await loadRollupInput(ds, contract, month, now);
    const loadPerMonthMs = performance.now() - t;
    t = performance.now();
    const loaded = await loadRollupInputs(ds, contract, MONTHS, now);
    const loadOnceMs = performance.now() - t;
    t = performance.now();
    const computed = loaded.map((l) => computeRollup(l.input));
    const computeMs = performance.now() - t;
    t = performance.now();
    for (const r of computed) explainRollup(r);
    const explainMs = performance.now() - t;
    // The months of 2025 have closed: the full recompute above stored them frozen (issue 15), so a second recompute
    // of them reads which are frozen and computes nothing — what every later nightly run costs for closed months.
    t = performance.now();
    await service.recomputeContract(contract.id, MONTHS);
    const frozenMs = performance.now() - t;

    const mib = (bytes: number): string => (bytes / 1_048_576).toFixed(2);
    out.push(
      `load average at start: ${loadAvg}, after the recompute: ${loadAvgAfter} (2 cores shared by other agents)`,
    );
    // The named work: one stored roll-up per contract and month.
    const expected = contracts.length * MONTHS.length;
    const storedRollups = check?.n ?? 0;
    const recomputed = { done: storedRollups, failed: Math.abs(expected - storedRollups) };
    out.push(
      `full recompute: ${rollups} roll-ups (${contracts.length} contracts × ${MONTHS.length} months, ${storedRollups} stored) ${figureOrFailure(
        recomputed,
        () =>
          `in ${seconds.toFixed(2)} s (before: ${BEFORE_S} s) — ` +
          `${(rollups / seconds).toFixed(1)} roll-ups/s, ${int((ASSETS * MONTHS.length) / seconds)} asset-months/s, ${int((counts?.tickets ?? 0) / seconds)} tickets/s`,
      )}`,
    );
    out.push(
      `one contract (${int(ASSETS / CONTRACTS)} assets), 12 months in a row: load per month ${int(loadPerMonthMs)} ms (before) vs once for all months ${int(loadOnceMs)} ms; ` +
        `compute ${int(computeMs)} ms; recompute of the frozen months ${int(frozenMs)} ms; explanation on read ${(explainMs / MONTHS.length).toFixed(1)} ms per month`,
    );
    out.push(
      `stored ${check?.n ?? 0} rows: ${mib(Number(check?.bytes ?? 0) / n)} MiB per contract-month as JSON (summary + compact derivation; ` +
        `the long form stored before: ${mib(longBytes)} MiB), ${int(Number(check?.stored ?? 0) / n / 1024)} KiB on disk (lz4); ` +
        `${int(Number(check?.bytes ?? 0) / 1_048_576)} MiB in all; sample: class A availability ${check?.min_a}, bonus/malus ${check?.bm}`,
    );
    if (didNamedWork(recomputed)) {
      out.push(
        `target ≤ ${TARGET_S} s: ${seconds <= TARGET_S ? 'MET' : 'MISSED'}; ≤ 1 MiB per contract-month: ${Number(check?.bytes ?? 0) / n <= 1_048_576 ? 'MET' : 'MISSED'}`,
      );
    }
  } finally {
    await env.cleanup(); // drops the bench database
  }
  console.log(
    '\nKPI recompute benchmark (availability, MTTR/MTBF, SLA compliance, bonus/malus, cost per contract and month)',
  );
  for (const line of out) console.log(line);
}

void main();
