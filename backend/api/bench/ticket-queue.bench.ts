/**
 * The helpdesk queue (issue 5): open tickets of one tenant, nearest deadline first, a page of 50, with
 * 1,000,000 tickets in a dedicated bench database (bulk-generated with generate_series: 40 tenants,
 * ~5 % of the tickets open). Prints p50/p95/p99 over ≥ 200 queries of the queue SQL (first pages and
 * keyset next pages, random tenants), EXPLAIN's plan summary, and — when the API serves it — the same
 * page through GET /api/tickets?open=true. Target: p95 ≤ 20 ms. The database is dropped afterwards.
 */
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { ServiceProcess, createTestEnv, createUser, login, type TestEnv } from '@leitstand/backend/testing';
import { didNamedWork, figureOrFailure, int, ms, percentiles, timedRequests } from './bench-support';

const TICKETS = Number(process.env['BENCH_TICKETS'] ?? 1_000_000);
const TENANTS = 40;
const QUERIES = 300;

/** The queue page: the order the tickets list uses (next_deadline ASC NULLS LAST, created_at, id). */
const FIRST_PAGE = `SELECT t.id, t.number, t.title, t.priority, t.status, t.channel, t.next_deadline, t.created_at,
       t.at_risk, t.breached, t.site_id, t.asset_id, t.assignee_id, t.version
  FROM tickets t
 WHERE t.tenant_id = $1 AND t.status <> 'closed'
 ORDER BY t.next_deadline ASC NULLS LAST, t.created_at ASC, t.id ASC
 LIMIT 50`;
const NEXT_PAGE = `SELECT t.id, t.number, t.title, t.priority, t.status, t.channel, t.next_deadline, t.created_at,
       t.at_risk, t.breached, t.site_id, t.asset_id, t.assignee_id, t.version
  FROM tickets t
 WHERE t.tenant_id = $1 AND t.status <> 'closed'
   AND (t.next_deadline, t.created_at, t.id) > ($2::timestamptz, $3::timestamptz, $4::uuid)
 ORDER BY t.next_deadline ASC NULLS LAST, t.created_at ASC, t.id ASC
 LIMIT 50`;

async function generate(env: TestEnv): Promise<string[]> {
  const ds = env.dataSource;
  const tenants = (await ds.query(
    `INSERT INTO tenants (slug, name, version)
     SELECT 'bench-' || g, 'Bench-Kunde ' || g, 1 FROM generate_series(1, $1) g RETURNING id`,
    [TENANTS],
  )) as Array<{ id: string }>;
  await ds.query(
    `INSERT INTO sites (tenant_id, name, street, postal_code, city, state, version)
     SELECT id, 'Werk', 'Straße 1', '70173', 'Stuttgart', 'DE-BW', 1 FROM tenants`,
  );
  await ds.query(
    `INSERT INTO assets (tenant_id, site_id, code, name, trade, asset_class, version)
     SELECT s.tenant_id, s.id, 'A-' || g, 'Anlage ' || g, 'elevators', (ARRAY['A','B','C'])[1 + g % 3], 1
       FROM sites s, generate_series(1, 20) g`,
  );
  await ds.query(`CREATE TEMP TABLE bench_targets AS
    SELECT row_number() OVER (ORDER BY a.tenant_id, a.code) - 1 AS k, a.tenant_id, a.site_id, a.id AS asset_id, a.asset_class
      FROM assets a`);
  const [{ n } = { n: 0 }] = (await ds.query(`SELECT count(*)::int AS n FROM bench_targets`)) as Array<{ n: number }>;
  const chunk = 200_000;
  for (let from = 1; from <= TICKETS; from += chunk) {
    const to = Math.min(TICKETS, from + chunk - 1);
    // ~5 % open (every 20th), spread over 2 years; open tickets get a deadline around now.
    await ds.query(
      `INSERT INTO tickets (number, tenant_id, site_id, asset_id, title, priority, status, channel, fault_began_at,
          asset_down, next_deadline, at_risk, breached, restored_at, closed_at, created_at, updated_at, version)
       SELECT 'B' || lpad(g::text, 9, '0'), b.tenant_id, b.site_id, b.asset_id, 'Störung ' || g, b.asset_class,
              CASE WHEN g % 20 = 0 THEN (ARRAY['new','accepted','dispatched','on_site','paused','restored'])[1 + (g / 20) % 6]
                   ELSE 'closed' END,
              'phone', c.at - interval '10 minutes', g % 2 = 0,
              CASE WHEN g % 20 = 0 AND (g / 20) % 6 NOT IN (4, 5) THEN now() + ((g % 1440) - 120) * interval '1 minute' END,
              false, g % 11 = 0,
              CASE WHEN g % 20 <> 0 THEN c.at + interval '2 hours' END,
              CASE WHEN g % 20 <> 0 THEN c.at + interval '1 day' END,
              c.at, c.at, 1
         FROM generate_series($1::int, $2::int) g
         JOIN bench_targets b ON b.k = g % $3
         CROSS JOIN LATERAL (SELECT now() - (g % 1051200) * interval '1 minute' - interval '1 hour' AS at) c`,
      [from, to, n],
    );
  }
  await ds.query('ANALYZE tickets');
  return tenants.map((t) => t.id);
}

async function main(): Promise<void> {
  const env = await createTestEnv('bench_queue');
  const out: string[] = [];
  const loadAvg = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  try {
    const started = performance.now();
    await env.dataSource.query(`SET synchronous_commit = off`);
    const tenantIds = await generate(env);
    const [counts] = (await env.dataSource.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE status <> 'closed')::int AS open FROM tickets`,
    )) as Array<{ total: number; open: number }>;
    out.push(
      `generated ${int(counts?.total ?? 0)} tickets (${int(counts?.open ?? 0)} open, ${TENANTS} tenants) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const pick = (i: number): string => tenantIds[(i * 7) % tenantIds.length] as string;
    const q = env.dataSource;
    // One plain pg connection with named (prepared) statements, as a pooled API connection runs it.
    const client = new Client({ connectionString: env.databaseUrl });
    await client.connect();
    type PageRow = { id: string; next_deadline: Date | null; created_at: Date };
    const firstPage = (tenantId: string) =>
      client.query<PageRow>({ name: 'queue-first', text: FIRST_PAGE, values: [tenantId] });
    for (let i = 0; i < 20; i++) await firstPage(pick(i)); // warm-up
    const first: number[] = [];
    const next: number[] = [];
    const server: number[] = [];
    let emptyFirstPages = 0; // a first page without rows did not page the queue: the row prints no figure
    try {
      for (let i = 0; i < QUERIES; i++) {
        let t0 = performance.now();
        const page = (await firstPage(pick(i))).rows;
        first.push(performance.now() - t0);
        if (page.length === 0) emptyFirstPages++;
        const last = page[page.length - 1];
        if (last?.next_deadline) {
          t0 = performance.now();
          await client.query({
            name: 'queue-next',
            text: NEXT_PAGE,
            values: [pick(i), last.next_deadline, last.created_at, last.id],
          });
          next.push(performance.now() - t0);
        }
        const [explain] = (
          await client.query<{ 'QUERY PLAN': Array<{ 'Execution Time': number }> }>(
            `EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${FIRST_PAGE}`,
            [pick(i)],
          )
        ).rows;
        server.push(explain?.['QUERY PLAN'][0]?.['Execution Time'] ?? NaN);
      }
    } finally {
      await client.end();
    }
    const f = percentiles(first);
    const n = percentiles(next);
    const x = percentiles(server);
    out.push(`load average at start: ${loadAvg} (2 cores; other processes share the machine)`);
    const firstOutcome = { done: first.length - emptyFirstPages, failed: emptyFirstPages };
    const nextOutcome = { done: next.length, failed: 0 };
    out.push(
      `queue SQL, first page of 50, round trip (${first.length} queries): ${figureOrFailure(firstOutcome, () => `p50 ${ms(f.p50)}  p95 ${ms(f.p95)}  p99 ${ms(f.p99)}`)}`,
    );
    out.push(
      `queue SQL, keyset next page, round trip (${next.length} queries): ${figureOrFailure(nextOutcome, () => `p50 ${ms(n.p50)}  p95 ${ms(n.p95)}  p99 ${ms(n.p99)}`)}`,
    );
    out.push(
      `queue SQL, first page, server execution (EXPLAIN ANALYZE, ${server.length}): ${figureOrFailure(firstOutcome, () => `p50 ${ms(x.p50)}  p95 ${ms(x.p95)}  p99 ${ms(x.p99)}`)}`,
    );
    if (didNamedWork(firstOutcome) && didNamedWork(nextOutcome)) {
      out.push(`target p95 ≤ 20 ms: ${f.p95 <= 20 && n.p95 <= 20 ? 'MET' : 'MISSED'}`);
    }

    const plan = (await q.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${FIRST_PAGE}`, [pick(1)])) as Array<{
      'QUERY PLAN': string;
    }>;
    out.push('EXPLAIN (ANALYZE, BUFFERS) of the first page:');
    for (const line of plan) out.push(`  ${line['QUERY PLAN']}`);

    // The same page through the API, when the tickets list serves ?open=true (a customer of one tenant).
    const tenantId = pick(3);
    const customer = await createUser(q, 'customer', { tenantId });
    const api = await ServiceProcess.start('api', { ...env.env, LOG_LEVEL: 'warn' });
    try {
      const session = await login(api.baseUrl, customer);
      const url = `${api.baseUrl}/api/tickets?open=true&limit=50`;
      const probe = await fetch(url, { headers: session.headers });
      if (probe.status !== 200) {
        out.push(`api GET /api/tickets?open=true: NOT MEASURED — answered ${probe.status}`);
      } else {
        const { samples, outcome } = await timedRequests(QUERIES, () => fetch(url, { headers: session.headers }));
        const p = percentiles(samples);
        out.push(
          `api GET /api/tickets?open=true (customer of one tenant, ${QUERIES} sequential requests): ${figureOrFailure(
            outcome,
            () => `p50 ${ms(p.p50)}  p95 ${ms(p.p95)}  p99 ${ms(p.p99)}`,
          )}`,
        );
      }
    } catch (error) {
      out.push(
        `api GET /api/tickets?open=true: NOT MEASURED — ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      await api.stop();
    }
  } finally {
    await env.cleanup(); // drops the bench database
  }
  console.log('\nQueue query benchmark (open tickets of one tenant, nearest deadline first, page of 50)');
  for (const line of out) console.log(line);
}

void main();
