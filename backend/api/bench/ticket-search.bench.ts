/**
 * The queue's search (issue 18): GET /api/tickets?q= at BENCH_TICKETS tickets (default 1,000,000) in a dedicated
 * bench database, bulk-generated with generate_series: 40 tenants, 50 assets each (Aufzug, RLT-Anlage,
 * Kältemaschine, Druckluft, Sprinkler), German titles, descriptions and reporters, ~5 % of the tickets open.
 * The indexes of migration 1795380000000 are dropped for the bulk load and re-created from their own
 * definitions (pg_get_indexdef) afterwards, so what is measured is the schema as migrated (the trigger that
 * keeps tickets.search_vector stays and fills it during the load).
 *
 * For each kind of search — a ticket number, an asset code, an asset name, a common word, a stemmed prefix, a
 * rare word of the description, a reporter, two words — it prints p50/p95/p99 of the list SQL exactly as the API
 * runs it (ticketListModes/buildTicketListQuery: the walk, then the hits when the walk fills no page; all tenants
 * as an agent, and one tenant as its customer), which mode answered, the server execution time of the answering
 * query (EXPLAIN ANALYZE) and its plan's top nodes, and the same search through GET /api/tickets. Target: p95 ≤ 100 ms.
 * BENCH_HITS_ONLY=1 measures the 'hits' mode alone (the single-query plan, for comparison).
 * The database is dropped afterwards.
 */
import { loadavg } from 'node:os';
import { Client } from 'pg';
import type { AuthUser } from '@leitstand/backend/core';
import {
  buildTicketListQuery,
  ticketListModes,
  type TicketListMode,
  type TicketListQueryDto,
} from '@leitstand/backend/tickets';
import { ServiceProcess, createTestEnv, createUser, login, type TestEnv } from '@leitstand/backend/testing';
import { int, ms, percentiles } from './bench-support';

const TICKETS = Number(process.env['BENCH_TICKETS'] ?? 1_000_000);
const TENANTS = 40;
const ASSETS_PER_TENANT = 50;
const QUERIES = Number(process.env['BENCH_QUERIES'] ?? 30);

/** Dropped for the bulk load, re-created afterwards from their definitions. */
const SEARCH_INDEXES = [
  'ix_tickets_search_trgm',
  'ix_tickets_search_fts',
  'ix_tickets_queue_order',
  'ix_tickets_tenant_queue_order',
];

const TITLES = [
  'Aufzug steht zwischen den Etagen',
  'Tür des Aufzugs schließt nicht',
  'Lüftung sehr laut',
  'Temperatur im Serverraum zu hoch',
  'Druckabfall am Kompressor',
  'Alarm der Sprinklerpumpe',
  'Kamera ausgefallen',
  'Licht flackert im Treppenhaus',
  'Notruf ohne Verbindung',
  'Kältemaschine meldet Störung',
  'Filter verschmutzt',
  'Heizung kalt',
];
const DESCRIPTIONS = [
  'Der Mieter meldet Geräusche seit heute früh.',
  'Hydraulik verliert Öl, Fahrkorb sinkt langsam ab.',
  'Anzeige zeigt Fehlercode E42, Neustart ohne Erfolg.',
  'Keilriemen quietscht, Motor wird heiß.',
  'Sensor liefert keine Werte, Verkabelung prüfen.',
  'Leitstelle erhält keine Rückmeldung vom Notrufsystem.',
  'Pumpe läuft an und schaltet nach wenigen Sekunden ab.',
];
const REPORTERS = ['Frau Müller', 'Herr Schmidt', 'Frau Schneider', 'Herr Fischer', 'Frau Weber', 'Herr Becker'];
const KINDS = [
  ['AZ', 'Aufzug'],
  ['RLT', 'RLT-Anlage'],
  ['KM', 'Kältemaschine'],
  ['DL', 'Druckluftstation'],
  ['SPR', 'Sprinkleranlage'],
];

const sqlArray = (values: readonly string[]): string =>
  `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]`;

async function generate(env: TestEnv): Promise<string[]> {
  const ds = env.dataSource;
  const indexes = (await ds.query(
    `SELECT indexname, pg_get_indexdef(i.indexrelid) AS def FROM pg_indexes p
       JOIN pg_class c ON c.relname = p.indexname JOIN pg_index i ON i.indexrelid = c.oid
      WHERE p.tablename = 'tickets' AND p.indexname = ANY($1)`,
    [SEARCH_INDEXES],
  )) as Array<{ indexname: string; def: string }>;
  if (indexes.length !== SEARCH_INDEXES.length) throw new Error(`expected ${SEARCH_INDEXES.join(', ')}`);
  for (const i of indexes) await ds.query(`DROP INDEX "${i.indexname}"`);

  const tenants = (await ds.query(
    `INSERT INTO tenants (slug, name, version)
     SELECT 'bench-' || g, 'Bench-Kunde ' || g, 1 FROM generate_series(1, $1) g RETURNING id`,
    [TENANTS],
  )) as Array<{ id: string }>;
  await ds.query(
    `INSERT INTO sites (tenant_id, name, street, postal_code, city, state, version)
     SELECT id, 'Werk', 'Straße 1', '70173', 'Stuttgart', 'DE-BW', 1 FROM tenants`,
  );
  // Codes AZ-0001 … unique over all tenants; names "Aufzug 17".
  await ds.query(
    `INSERT INTO assets (tenant_id, site_id, code, name, trade, asset_class, version)
     SELECT s.tenant_id, s.id, k.prefix || '-' || lpad((row_number() OVER ())::text, 4, '0'), k.name || ' ' || g,
            'elevators', (ARRAY['A','B','C'])[1 + g % 3], 1
       FROM sites s, generate_series(1, $1) g,
            LATERAL (SELECT (${sqlArray(KINDS.map((k) => k[0] as string))})[1 + g % ${KINDS.length}] AS prefix,
                            (${sqlArray(KINDS.map((k) => k[1] as string))})[1 + g % ${KINDS.length}] AS name) k`,
    [ASSETS_PER_TENANT],
  );
  await ds.query(`CREATE TEMP TABLE bench_targets AS
    SELECT row_number() OVER (ORDER BY a.code) - 1 AS k, a.tenant_id, a.site_id, a.id AS asset_id, a.asset_class
      FROM assets a`);
  const [{ n } = { n: 0 }] = (await ds.query(`SELECT count(*)::int AS n FROM bench_targets`)) as Array<{ n: number }>;
  const chunk = 200_000;
  for (let from = 1; from <= TICKETS; from += chunk) {
    const to = Math.min(TICKETS, from + chunk - 1);
    // Numbers 2020-000001 … (200,000 a year); ~5 % open; every 50,000th description mentions a Wasserschaden.
    await ds.query(
      `INSERT INTO tickets (number, tenant_id, site_id, asset_id, title, description, reporter, priority, status,
          channel, fault_began_at, asset_down, next_deadline, at_risk, breached, restored_at, closed_at, created_at,
          updated_at, version)
       SELECT (2020 + g / 200000)::text || '-' || lpad((g % 200000)::text, 6, '0'), b.tenant_id, b.site_id, b.asset_id,
              (${sqlArray(TITLES)})[1 + g % ${TITLES.length}],
              (${sqlArray(DESCRIPTIONS)})[1 + (g / 7) % ${DESCRIPTIONS.length}]
                || CASE WHEN g % 50000 = 17 THEN ' Wasserschaden im Schacht.' ELSE '' END,
              (${sqlArray(REPORTERS)})[1 + (g / 3) % ${REPORTERS.length}] || ' ' || (g % 97),
              b.asset_class,
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
  await ds.query(`SET maintenance_work_mem = '256MB'`);
  for (const i of indexes) await ds.query(i.def);
  await ds.query('ANALYZE tickets');
  await ds.query('ANALYZE assets');
  return tenants.map((t) => t.id);
}

interface Search {
  label: string;
  q: string;
}

async function main(): Promise<void> {
  const env = await createTestEnv('bench_search');
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
      `generated ${int(counts?.total ?? 0)} tickets (${int(counts?.open ?? 0)} open, ${TENANTS} tenants, ` +
        `${TENANTS * ASSETS_PER_TENANT} assets) and built the search indexes in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    out.push(`load average at start: ${loadAvg} (2 cores; other processes share the machine)`);

    const [sample] = (await env.dataSource.query(
      `SELECT t.number, a.code, a.name, t.tenant_id FROM tickets t JOIN assets a ON a.id = t.asset_id
        WHERE t.tenant_id = $1 ORDER BY t.created_at DESC LIMIT 1`,
      [tenantIds[3]],
    )) as Array<{ number: string; code: string; name: string; tenant_id: string }>;
    if (!sample) throw new Error('no sample ticket');
    const searches: Search[] = [
      { label: 'ticket number', q: sample.number },
      { label: 'part of a number', q: sample.number.slice(-6) },
      { label: 'asset code', q: sample.code },
      { label: 'asset name', q: sample.name },
      { label: 'common word', q: 'aufzug' },
      { label: 'stemmed prefix', q: 'Hydr' },
      { label: 'rare word (description)', q: 'Wasserschaden' },
      { label: 'reporter', q: 'Müller' },
      { label: 'two words', q: 'kamera weber' },
    ];
    const base = { email: 'bench@example.test', displayName: 'Bench', sessionId: 'bench' };
    const agent: AuthUser = {
      ...base,
      id: '00000000-0000-4000-8000-000000000001',
      role: 'agent',
      tenantId: null,
      tenantIds: 'all',
    };
    const customerUser: AuthUser = {
      ...base,
      id: '00000000-0000-4000-8000-000000000002',
      role: 'customer',
      tenantId: sample.tenant_id,
      tenantIds: [sample.tenant_id],
    };
    const client = new Client({ connectionString: env.databaseUrl });
    await client.connect();
    let allMet = true;
    try {
      for (const [who, user] of [
        ['agent, all tenants', agent],
        ['customer, one tenant', customerUser],
      ] as const) {
        for (const open of [false, true]) {
          out.push(`\n${who}, ${open ? 'open tickets' : 'every ticket'}, nearest deadline first, page of 50:`);
          for (const s of searches) {
            const query: TicketListQueryDto = { q: s.q, ...(open ? { open: true } : {}) };
            const modes: TicketListMode[] = process.env['BENCH_HITS_ONLY'] ? ['hits'] : ticketListModes(user, query);
            // As TicketsService.list (DataSource.query: unnamed statements, a custom plan for every call): each
            // mode in turn until one returns a full page (51 rows).
            const run = async (): Promise<{ rows: number; mode: TicketListMode }> => {
              let rows = 0;
              let mode: TicketListMode = 'plain';
              for (mode of modes) {
                const built = buildTicketListQuery(user, query, 51, mode);
                rows = (await client.query(built.sql, built.params)).rowCount ?? 0;
                if (rows >= 51) break;
              }
              return { rows, mode };
            };
            let found = { rows: 0, mode: 'plain' as TicketListMode };
            for (let i = 0; i < 3; i++) found = await run(); // warm-up
            const lat: number[] = [];
            for (let i = 0; i < QUERIES; i++) {
              const t0 = performance.now();
              await run();
              lat.push(performance.now() - t0);
            }
            const built = buildTicketListQuery(user, query, 51, found.mode);
            const explain = (
              await client.query<{ 'QUERY PLAN': Array<{ 'Execution Time': number; Plan: PlanNode }> }>(
                `EXPLAIN (ANALYZE, FORMAT JSON) ${built.sql}`,
                built.params,
              )
            ).rows[0]?.['QUERY PLAN'][0];
            const p = percentiles(lat);
            if (p.p95 > 100) allMet = false;
            out.push(
              `  ${s.label.padEnd(24)} q=${JSON.stringify(s.q).padEnd(20)} ${String(found.rows).padStart(2)} rows ` +
                `(${modes.join('→')}, answered by ${found.mode})  ` +
                `p50 ${ms(p.p50)}  p95 ${ms(p.p95)}  p99 ${ms(p.p99)}  server ${ms(explain?.['Execution Time'] ?? NaN)}  ` +
                `plan: ${explain ? planSummary(explain.Plan) : '?'}`,
            );
          }
        }
      }
    } finally {
      await client.end();
    }
    out.push(`\ntarget p95 ≤ 100 ms (SQL round trip, every search above): ${allMet ? 'MET' : 'MISSED'}`);

    // The same searches through the API, as an agent (all tenants).
    const staff = await createUser(env.dataSource, 'agent');
    const api = await ServiceProcess.start('api', { ...env.env, LOG_LEVEL: 'warn' });
    try {
      const session = await login(api.baseUrl, staff);
      out.push('\nGET /api/tickets?q= (agent, every ticket, page of 50, sequential requests):');
      for (const s of searches) {
        const url = `${api.baseUrl}/api/tickets?limit=50&q=${encodeURIComponent(s.q)}`;
        const probe = await fetch(url, { headers: session.headers });
        if (probe.status !== 200) {
          out.push(`  ${s.label}: NOT MEASURED — answered ${probe.status}`);
          continue;
        }
        const lat: number[] = [];
        for (let i = 0; i < Math.min(QUERIES, 30); i++) {
          const t0 = performance.now();
          const res = await fetch(url, { headers: session.headers });
          await res.arrayBuffer();
          lat.push(performance.now() - t0);
        }
        const p = percentiles(lat);
        out.push(`  ${s.label.padEnd(24)} p50 ${ms(p.p50)}  p95 ${ms(p.p95)}  p99 ${ms(p.p99)}`);
      }
    } catch (error) {
      out.push(`GET /api/tickets?q=: NOT MEASURED — ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await api.stop();
    }
  } finally {
    await env.cleanup(); // drops the bench database
  }
  console.log('\nTicket search benchmark (GET /api/tickets?q=, nearest deadline first, page of 50)');
  for (const line of out) console.log(line);
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** The plan's node types, depth-first, with the indexes used: "Limit > Sort > Bitmap Heap Scan > …". */
function planSummary(plan: PlanNode): string {
  const names: string[] = [];
  const walk = (node: PlanNode): void => {
    names.push(node['Index Name'] ? `${node['Node Type']}(${node['Index Name']})` : node['Node Type']);
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(plan);
  return [...new Set(names)].slice(0, 8).join(' > ');
}

void main();
