/**
 * Ticket intake (issue 5): POST /api/tickets against the real built API (dist/) with an agent's Bearer
 * token and a realistic body (siteId, assetId of the seed-002 demo site), under autocannon; then, in
 * the same run and on the same database, a raw `pg` transaction writing the same rows (counter, ticket,
 * 'created' event, both SLA clocks, outbox row), with and without the outbox NOTIFY. Prints req/s,
 * p50/p95/p99 and the API/raw ratio. Target: ≥ 1,000 creates/s sustained with p99 ≤ 50 ms.
 * Also prints the API at a fixed rate below saturation (BENCH_RATE, default 250/s), the CPU each process
 * spends per create (so the CPU-bound ceiling of this machine is visible whatever else runs on it), the
 * mean group-commit batch and how soon the worker pipeline caught up.
 * Run: npm run bench (or BENCH_SECONDS / BENCH_CONNECTIONS / BENCH_RATE / DATABASE_POOL_SIZE to vary it).
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import autocannon from 'autocannon';
import { Pool } from 'pg';
import { seedDemoData } from '@leitstand/backend/demo';
import { ServiceProcess, TEST_METRICS_TOKEN, createTestEnv, login, type TestEnv } from '@leitstand/backend/testing';
import {
  DEMO_DATA_DIR,
  autocannonOutcome,
  cpuPerUnit,
  cpuTimes,
  didNamedWork,
  figureOrFailure,
  int,
  ms,
  percentiles,
  type Percentiles,
} from './bench-support';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 16);
const POOL_SIZE = process.env['DATABASE_POOL_SIZE'] ?? '16';
/** Fixed request rate of the second API row (latency below saturation). */
const RATE = Number(process.env['BENCH_RATE'] ?? 250);

interface Target {
  siteId: string;
  assetId: string;
  assetClass: 'A' | 'B' | 'C';
  tenantId: string;
  contractId: string;
  name: string;
}

interface Row extends Percentiles {
  label: string;
  rps: number;
  /** Creates that did their work (201 answers, committed transactions). */
  count: number;
  /** Other answers, errors and timeouts: a row with any prints no figure. */
  errors: number;
}

const TITLES = [
  'Aufzug steht zwischen zwei Etagen',
  'Druckabfall im Netz unter 6 bar',
  'Kran fährt nicht',
  'RLT Störung',
];

async function targets(env: TestEnv): Promise<Target[]> {
  return env.dataSource.query(
    `SELECT a.id AS "assetId", a.site_id AS "siteId", a.asset_class AS "assetClass", a.tenant_id AS "tenantId",
            a.name, cs.contract_id AS "contractId"
       FROM assets a JOIN tenants t ON t.id = a.tenant_id
       JOIN contract_sites cs ON cs.site_id = a.site_id
       JOIN contracts c ON c.id = cs.contract_id AND c.starts_on <= current_date AND (c.ends_on IS NULL OR c.ends_on >= current_date)
      WHERE t.slug = 'spezialmaschinenbau-reutlingen' ORDER BY a.code`,
  );
}

function body(t: Target, i: number): string {
  return JSON.stringify({
    title: `${t.name}: ${TITLES[i % TITLES.length]}`,
    description: 'Gemeldet von der Schichtleitung, Anlage steht.',
    siteId: t.siteId,
    assetId: t.assetId,
    channel: 'phone',
    reporter: 'Schichtleitung Halle 2',
    assetDown: i % 2 === 0,
  });
}

interface ApiRun {
  row: Row;
  /** The same endpoint at a fixed rate below saturation (RATE creates/s). */
  paced: Row;
  /** CPU ms per create by process group (api, worker, postgres, redis, the load generator) and in total. */
  cpu: Array<[string, number]>;
}

async function benchApi(
  baseUrl: string,
  token: string,
  list: Target[],
  pids: { api?: number; worker?: number },
): Promise<ApiRun> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  // One request first, so a broken endpoint is reported instead of measured.
  const probe = await fetch(`${baseUrl}/api/tickets`, { method: 'POST', headers, body: body(list[0] as Target, 0) });
  if (probe.status !== 201) throw new Error(`POST /api/tickets answered ${probe.status}: ${await probe.text()}`);
  const variants = Array.from({ length: Math.max(list.length, TITLES.length) * 2 }, (_, i) => ({
    body: body(list[i % list.length] as Target, i),
  }));
  const run = (duration: number, overallRate?: number) =>
    autocannon({
      url: `${baseUrl}/api/tickets`,
      method: 'POST',
      headers,
      connections: CONNECTIONS,
      duration,
      ...(overallRate ? { overallRate } : {}),
      // Static requests (every asset of the site, the titles in turn): autocannon builds each once and cycles
      // through them, so the load generator spends little of the two cores the API shares with it.
      requests: variants,
    });
  await run(2); // warm-up (JIT, pool, caches)
  const labelled = { api: pids.api, worker: pids.worker, 'load generator': process.pid };
  const before = cpuTimes(labelled);
  const r = await run(SECONDS);
  const cpu = cpuPerUnit(before, cpuTimes(labelled), Math.max(1, r['2xx']));
  const p = await run(SECONDS, RATE);
  return {
    paced: {
      label: `api POST /api/tickets paced at ${RATE}/s (${CONNECTIONS} connections)`,
      rps: p.requests.average,
      p50: p.latency.p50,
      p95: p95FromAutocannon(p),
      p99: p.latency.p99,
      ...counts(p),
    },
    row: {
      label: `api POST /api/tickets (${CONNECTIONS} connections, pool ${POOL_SIZE})`,
      rps: r.requests.average,
      p50: r.latency.p50,
      p95: p95FromAutocannon(r),
      p99: r.latency.p99,
      ...counts(r),
    },
    cpu,
  };
}

/** 2xx answers as the row's count; every other answer, error and timeout as its errors. */
function counts(r: autocannon.Result): Pick<Row, 'count' | 'errors'> {
  const o = autocannonOutcome(r, '2xx');
  return { count: o.done, errors: o.failed };
}

/** Mean tickets per intake transaction, from the API's Prometheus histogram. */
async function batchSizes(baseUrl: string): Promise<string> {
  const text = await (
    await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } })
  ).text();
  const value = (name: string): number =>
    Number(new RegExp(`^${name}\\{writer="ticket-intake"\\} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  const sum = value('leitstand_group_commit_batch_size_sum');
  const count = value('leitstand_group_commit_batch_size_count');
  return `${int(sum)} tickets in ${int(count)} intake transactions (mean ${(sum / count).toFixed(1)} per transaction)`;
}

/** Seconds after the run until the worker has relayed every outbox row and confirmed every intake. */
async function pipelineCatchUp(env: TestEnv, since: Date): Promise<number> {
  const started = performance.now();
  for (;;) {
    const [row] = (await env.dataSource.query(
      `SELECT (SELECT count(*)::int FROM outbox_messages WHERE published_at IS NULL) AS pending,
              (SELECT count(*)::int FROM tickets t WHERE t.created_at >= $1 AND NOT EXISTS (
                 SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND e.type = 'intake_confirmed')) AS unconfirmed`,
      [since],
    )) as Array<{ pending: number; unconfirmed: number }>;
    if (row && row.pending === 0 && row.unconfirmed === 0) return (performance.now() - started) / 1000;
    if (performance.now() - started > 120_000) return Number.POSITIVE_INFINITY;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** autocannon reports p90, p97.5 and p99; p95 is interpolated between p90 and p97.5. */
function p95FromAutocannon(r: autocannon.Result): number {
  return r.latency.p90 + ((r.latency.p97_5 - r.latency.p90) * (95 - 90)) / (97.5 - 90);
}

/** The same rows the API writes for one create, in one transaction, straight through `pg`. */
async function benchRaw(env: TestEnv, list: Target[], notify: boolean): Promise<Row> {
  const pool = new Pool({ connectionString: env.databaseUrl, max: Number(POOL_SIZE) });
  // An idle client that the database drops (the clean-up's DROP DATABASE … FORCE) must not crash the run.
  pool.on('error', () => undefined);
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const once = async (): Promise<void> => {
    const t = list[n % list.length] as Target;
    const i = n++;
    const c = await pool.connect();
    const started = performance.now();
    try {
      await c.query('BEGIN');
      const year = new Date().getUTCFullYear();
      const [counter] = (
        await c.query<{ last_value: number }>(
          `INSERT INTO ticket_number_counters (year, last_value) VALUES ($1, 1)
           ON CONFLICT (year) DO UPDATE SET last_value = ticket_number_counters.last_value + 1 RETURNING last_value`,
          [year],
        )
      ).rows;
      const id = randomUUID();
      const now = new Date();
      const deadline = new Date(now.getTime() + 15 * 60_000);
      await c.query(
        `INSERT INTO tickets (id, number, tenant_id, site_id, asset_id, contract_id, title, description, priority,
            status, channel, reporter, fault_began_at, asset_down, next_deadline, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'new', 'phone', $10, $11, $12, $13, 1)`,
        [
          id,
          `${year}-${String(counter?.last_value).padStart(6, '0')}`,
          t.tenantId,
          t.siteId,
          t.assetId,
          t.contractId,
          `${t.name}: ${TITLES[i % TITLES.length]}`,
          'Gemeldet von der Schichtleitung, Anlage steht.',
          t.assetClass,
          'Schichtleitung Halle 2',
          now,
          i % 2 === 0,
          deadline,
        ],
      );
      await c.query(
        `INSERT INTO ticket_events (ticket_id, type, actor, payload) VALUES ($1, 'created', $2, $3::jsonb)`,
        [id, 'user:bench', JSON.stringify({ priority: t.assetClass, channel: 'phone' })],
      );
      await c.query(
        `INSERT INTO ticket_sla_clocks (ticket_id, clock, tenant_id, priority, budget, budget_minutes, calendar_key,
            warning_share, state, started_at, deadline, warning_at, used_minutes)
         VALUES ($1, 'response', $2, $3, '{"kind":"minutes","minutes":15}', 15, '24-7', 0.75, 'running', $4, $5, $5, 0),
                ($1, 'restore', $2, $3, '{"kind":"minutes","minutes":60}', 60, '24-7', 0.75, 'running', $4, $6, $6, 0)`,
        [id, t.tenantId, t.assetClass, now, deadline, new Date(now.getTime() + 60 * 60_000)],
      );
      await c.query(
        notify
          ? `WITH row AS (INSERT INTO outbox_messages (job_name, payload) VALUES ('ticket.created', $1::jsonb) RETURNING id)
             SELECT pg_notify('leitstand_outbox', '') FROM row`
          : `INSERT INTO outbox_messages (job_name, payload) VALUES ('ticket.created', $1::jsonb)`,
        [JSON.stringify({ ticketIds: [id] })],
      );
      await c.query('COMMIT');
      latencies.push(performance.now() - started);
    } catch {
      errors++;
      await c.query('ROLLBACK').catch(() => undefined);
    } finally {
      c.release();
    }
  };
  const loop = async (until: number): Promise<void> => {
    while (performance.now() < until) await once();
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, () => loop(performance.now() + 2_000))); // warm-up
  latencies.length = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, () => loop(started + SECONDS * 1000)));
  const seconds = (performance.now() - started) / 1000;
  await pool.end();
  return {
    label: `raw pg tx (ticket+event+2 clocks+outbox${notify ? '+NOTIFY' : ', no NOTIFY'}, ${CONNECTIONS} concurrent)`,
    rps: latencies.length / seconds,
    ...percentiles(latencies),
    errors,
    count: latencies.length,
  };
}

async function main(): Promise<void> {
  const env = await createTestEnv('bench_intake');
  const rows: Row[] = [];
  let failure: string | null = null;
  let cpu: Array<[string, number]> = [];
  let catchUp: number | null = null;
  let batches: string | null = null;
  try {
    await seedDemoData(env.dataSource, { dataDir: DEMO_DATA_DIR, now: new Date() });
    const list = await targets(env);
    const processEnv = {
      ...env.env,
      LOG_LEVEL: 'warn',
      DATABASE_POOL_SIZE: POOL_SIZE,
      METRICS_TOKEN: TEST_METRICS_TOKEN,
    };
    const [api, worker] = await Promise.all([
      ServiceProcess.start('api', processEnv),
      ServiceProcess.start('worker', processEnv),
    ]);
    try {
      const session = await login(api.baseUrl, { email: 'helpdesk@leitstand.example', password: 'demo-agent-2026' });
      const since = new Date();
      const measured = await benchApi(api.baseUrl, session.accessToken, list, { api: api.pid, worker: worker.pid });
      rows.push(measured.row, measured.paced);
      cpu = measured.cpu;
      catchUp = await pipelineCatchUp(env, since);
      batches = await batchSizes(api.baseUrl);
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    } finally {
      await Promise.all([api.stop(), worker.stop()]);
    }
    rows.push(await benchRaw(env, list, true));
    rows.push(await benchRaw(env, list, false));
  } finally {
    await env.cleanup();
  }

  const named = (r: Row | undefined): r is Row => r !== undefined && didNamedWork({ done: r.count, failed: r.errors });
  const api = rows.find((r) => r.label.startsWith('api') && !r.label.includes('paced'));
  const raw = rows.find((r) => r.label.includes('+NOTIFY'));
  console.log(`\nTicket intake benchmark (${SECONDS} s per row after 2 s warm-up, this machine)`);
  if (failure) console.log(`api: NOT MEASURED — ${failure}`);
  for (const r of rows) {
    console.log(
      `${r.label.padEnd(72)} ${figureOrFailure(
        { done: r.count, failed: r.errors },
        () =>
          `${int(r.rps).padStart(6)} req/s  p50 ${ms(r.p50)}  p95 ${ms(r.p95)}  p99 ${ms(r.p99)}  (${int(r.count)} ok, 0 errors)`,
      )}`,
    );
  }
  // CPU per create only when the unpaced API row created tickets and nothing else.
  if (cpu.length > 0 && named(api)) {
    const total = cpu.find(([label]) => label === 'total')?.[1] ?? 0;
    console.log(`CPU per create: ${cpu.map(([label, v]) => `${label} ${v.toFixed(3)} ms`).join(', ')}`);
    console.log(
      `  → CPU-bound ceiling on this machine's ${availableParallelism()} cores: ${int((availableParallelism() * 1000) / Math.max(total, 1e-9))} creates/s`,
    );
  }
  if (batches !== null) console.log(`group commit: ${batches}`);
  if (catchUp !== null) {
    console.log(
      `worker pipeline (outbox relay → BullMQ → intake confirmation) caught up ${Number.isFinite(catchUp) ? `${catchUp.toFixed(1)} s` : 'NOT within 120 s'} after the run`,
    );
  }
  if (named(api) && named(raw)) {
    console.log(`api / raw pg (with NOTIFY): ×${(api.rps / raw.rps).toFixed(2)} of the raw throughput`);
    const met = api.rps >= 1000 && api.p99 <= 50;
    console.log(`target ≥ 1,000 creates/s with p99 ≤ 50 ms: ${met ? 'MET' : 'MISSED'}`);
  }
}

void main();
