/**
 * The monthly billing run (issue 16): drafts the invoice of every contract for one month — flat fee, one line per
 * billable service report, bonus/malus — exactly as the worker job 'billing.monthly-run' does
 * (InvoiceService.runMonth, 4 contracts at a time; each contract's month cost from the KPI loader and calculator,
 * service reports priced with seed 003's price list). Bench database bulk-generated with generate_series:
 * BENCH_BILLING_CONTRACTS contracts (default 1,000; one tenant, site and contract each) and
 * BENCH_BILLING_REPORTS out-of-scope tickets restored in October 2026 (default 100,000) with a call-out logged
 * each (travel 20 min, work 35 min, travel 15 min). Target: ≤ 60 s for 1,000 contracts and 100,000 reports.
 * Prints seconds, contracts/s, reports/s, and checks that every contract got one draft with every report as a line.
 * The database is dropped afterwards.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { createTestEnv } from '@leitstand/backend/testing';
import { InvoiceService } from '@leitstand/backend/billing';
import { KpiPeriodCostSource, KpiService } from '@leitstand/backend/kpi';
import { DEMO_DATA_DIR, int } from './bench-support';

const CONTRACTS = Number(process.env['BENCH_BILLING_CONTRACTS'] ?? 1_000);
const REPORTS = Number(process.env['BENCH_BILLING_REPORTS'] ?? 100_000);
const PERIOD = '2026-10';
const TARGET_S = 60;

async function main(): Promise<void> {
  const env = await createTestEnv('bench_billing');
  const out: string[] = [];
  try {
    const ds = env.dataSource;
    await ds.query(`SET synchronous_commit = off`);
    const t0 = performance.now();
    const priceList = JSON.parse(
      readFileSync(join(DEMO_DATA_DIR, 'price-lists/seed-003-service-price-list.json'), 'utf8'),
    ) as unknown;
    const [pl] = (await ds.query(
      `INSERT INTO price_lists (key, name, valid_from, data, version) VALUES ('bench-003', 'Bench', '2022-01-01', $1::jsonb, 1) RETURNING id`,
      [JSON.stringify(priceList)],
    )) as { id: string }[];
    const [user] = (await ds.query(
      `INSERT INTO users (email, display_name, role, password_hash, version) VALUES ('bench-tech@example.com', 'Tech', 'technician', 'x', 1) RETURNING id`,
    )) as { id: string }[];
    await ds.query(
      `INSERT INTO tenants (slug, name, version) SELECT 'billing-bench-' || g, 'Bench ' || g, 1 FROM generate_series(1, $1) g`,
      [CONTRACTS],
    );
    await ds.query(
      `INSERT INTO sites (tenant_id, name, street, postal_code, city, state, distance_km, version)
       SELECT id, 'Objekt', 'Straße 1', '70173', 'Stuttgart', 'DE-BW', 20, 1 FROM tenants`,
    );
    await ds.query(
      `INSERT INTO contracts (tenant_id, name, type, starts_on, calendars, sla_matrix, availability_basis, annual_volume,
         price_list_id, version)
       SELECT id, 'Vollwartung', 'full_maintenance', '2025-01-01', '{}', '{}', '24-7', '120000.00', $1, 1 FROM tenants`,
      [pl?.id],
    );
    await ds.query(
      `INSERT INTO contract_sites (contract_id, site_id) SELECT c.id, s.id FROM contracts c JOIN sites s ON s.tenant_id = c.tenant_id`,
    );
    await ds.query(`CREATE TEMP TABLE bench_contracts AS
      SELECT row_number() OVER (ORDER BY c.id) - 1 AS k, c.id AS contract_id, c.tenant_id, s.id AS site_id
        FROM contracts c JOIN contract_sites cs ON cs.contract_id = c.id JOIN sites s ON s.id = cs.site_id`);
    // Weekday mornings of October 2026 (Mon–Fri 08:00 local = 06:00Z), one call-out each; restored 70 min later.
    await ds.query(
      `INSERT INTO tickets (number, tenant_id, site_id, contract_id, title, priority, status, channel, fault_began_at,
          asset_down, in_scope, restored_at, closed_at, created_at, updated_at, version)
       SELECT 'B' || lpad(g::text, 9, '0'), b.tenant_id, b.site_id, b.contract_id, 'Störung', 'B', 'closed', 'phone', d.at,
              false, false, d.at + interval '70 minutes', d.at + interval '1 day', d.at, d.at, 1
         FROM generate_series(1, $1::int) g
         JOIN bench_contracts b ON b.k = g % $2
         CROSS JOIN LATERAL (SELECT day FROM generate_series(timestamptz '2026-10-01 06:00Z', '2026-10-30 06:00Z', interval '1 day') day
                              WHERE extract(isodow FROM day) < 6 OFFSET (g % 22) LIMIT 1) w
         CROSS JOIN LATERAL (SELECT w.day + (g % 180) * interval '1 minute' AS at) d`,
      [REPORTS, CONTRACTS],
    );
    await ds.query(
      `INSERT INTO work_logs (ticket_id, tenant_id, worker_id, role, kind, started_at, ended_at, created_by)
       SELECT t.id, t.tenant_id, $1, 'service-technician', p.kind, t.fault_began_at + p.a * interval '1 minute',
              t.fault_began_at + p.b * interval '1 minute', $1
         FROM tickets t CROSS JOIN (VALUES ('travel', 0, 20), ('work', 20, 55), ('travel', 55, 70)) AS p(kind, a, b)`,
      [user?.id],
    );
    await ds.query('ANALYZE');
    out.push(
      `generated ${int(CONTRACTS)} contracts, ${int(REPORTS)} billable tickets (3 work logs each) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const clock = { now: () => new Date() };
    const invoices = new InvoiceService(ds, new KpiPeriodCostSource(ds, new KpiService(ds, clock), clock), clock);
    const load = loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
    const started = performance.now();
    const result = await invoices.runMonth(PERIOD, 4);
    const seconds = (performance.now() - started) / 1000;
    const [check] = (await ds.query(
      `SELECT count(DISTINCT i.id)::int AS invoices, count(l.*) FILTER (WHERE l.kind = 'service-report')::int AS lines,
              sum(l.net) FILTER (WHERE l.kind = 'service-report')::text AS reports_net
         FROM invoices i LEFT JOIN invoice_lines l ON l.invoice_id = i.id WHERE i.period = $1`,
      [PERIOD],
    )) as { invoices: number; lines: number; reports_net: string }[];
    const ok = check?.invoices === CONTRACTS && check.lines === REPORTS && result.failed === 0;
    out.push(
      `billing run ${PERIOD}: ${int(result.contracts)} contracts → ${int(check?.invoices ?? 0)} drafts with ${int(check?.lines ?? 0)} service-report lines (net ${check?.reports_net ?? '?'} €) in ${seconds.toFixed(1)} s` +
        ` = ${int(result.contracts / seconds)} contracts/s, ${int(REPORTS / seconds)} reports/s (target ≤ ${TARGET_S} s at 1,000 / 100,000; load avg before ${load})`,
    );
    out.push(ok ? 'check: every contract drafted once, every report billed' : 'CHECK FAILED: drafts or lines missing');
    if (!ok) process.exitCode = 1;
  } finally {
    await env.cleanup();
  }
  console.log(out.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
