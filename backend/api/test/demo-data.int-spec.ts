import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DateTime } from 'luxon';
import { seedDemoData } from '@leitstand/backend/demo';
import { KpiService } from '@leitstand/backend/kpi';
import { ContractEntity, computeTicketSla, contractTermsForSite } from '@leitstand/backend/data-access';
import { slaEventsFromLog } from '@leitstand/backend/tickets';
import { ServiceProcess, WORKSPACE_ROOT, createTestEnv, login, type TestEnv } from '@leitstand/backend/testing';

/**
 * The demo data (`node dist/backend/api/migrate.js --seed`): seeds 000/001/002 as tenants with their
 * contracts, users of every role who can sign in, and a ticket history whose SLA clocks agree with
 * its event log. Running the seed twice changes nothing; the same seed instant gives the same history.
 */
const DATA_DIR = join(WORKSPACE_ROOT, 'libs', 'demo-data', 'data');
const run = promisify(execFile);

interface DemoUser {
  email: string;
  role: string;
  password: string;
}
const USERS = (JSON.parse(readFileSync(join(DATA_DIR, 'demo', 'users.json'), 'utf8')) as { users: DemoUser[] }).users;

const TABLES = [
  'tenants',
  'sites',
  'assets',
  'price_lists',
  'contracts',
  'contract_sites',
  'users',
  'user_tenants',
  'tickets',
  'ticket_events',
  'ticket_sla_clocks',
  'work_logs',
  'ticket_materials',
  'service_reports',
  'maintenance_windows',
  'maintenance_requirements',
  'maintenance_occurrences',
  'occurrence_events',
  'documents',
  'document_links',
  'outbox_messages',
];

async function migrateSeed(env: TestEnv): Promise<void> {
  await run(
    process.execPath,
    [join(WORKSPACE_ROOT, 'dist', 'backend', 'api', 'migrate.js'), '--seed', `--seed-data=${DATA_DIR}`],
    { env: { PATH: process.env['PATH'] ?? '', ...env.env, LOG_LEVEL: 'warn' }, timeout: 120_000 },
  );
}

/** Row counts per table plus fingerprints of what an update would change (versions, hashes, counters). */
async function snapshot(env: TestEnv): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of TABLES) {
    const [row] = (await env.dataSource.query(`SELECT count(*)::text AS n FROM ${t}`)) as Array<{ n: string }>;
    out[t] = row?.n ?? '';
  }
  const [fp] = (await env.dataSource.query(
    `SELECT (SELECT string_agg(email || ':' || version || ':' || password_hash, ',' ORDER BY email) FROM users) AS users,
            (SELECT string_agg(name || ':' || version, ',' ORDER BY name) FROM contracts) AS contracts,
            (SELECT sum(version)::text FROM assets) AS assets,
            (SELECT string_agg(year || ':' || last_value, ',' ORDER BY year) FROM ticket_number_counters) AS counters`,
  )) as Array<Record<string, string>>;
  return { ...out, ...fp };
}

describe('demo data', () => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await createTestEnv('demo_data');
    await migrateSeed(env);
  }, 180_000);

  afterAll(async () => {
    await env?.cleanup();
  });

  it('seeding a second time changes nothing (same rows, versions, password hashes, counters)', async () => {
    const before = await snapshot(env);
    expect(Number(before['tickets'])).toBeGreaterThan(1500);
    await migrateSeed(env);
    expect(await snapshot(env)).toEqual(before);
  }, 180_000);

  it('users of every role sign in with their demo password', async () => {
    expect(new Set(USERS.map((u) => u.role))).toEqual(new Set(['admin', 'agent', 'technician', 'manager', 'customer']));
    const api = await ServiceProcess.start('api', { ...env.env, LOG_LEVEL: 'warn' });
    try {
      for (const user of USERS) {
        const session = await login(api.baseUrl, user);
        expect(session.accessToken.length).toBeGreaterThan(20);
      }
      const wrong = await fetch(`${api.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: USERS[0]?.email, password: 'not-the-demo-password' }),
      });
      expect(wrong.status).toBe(401);
    } finally {
      await api.stop();
    }
  });

  it('each customer belongs to one tenant; technicians and managers serve theirs', async () => {
    const rows = (await env.dataSource.query(
      `SELECT u.email, u.role, t.slug AS own, array_remove(array_agg(st.slug ORDER BY st.slug), NULL) AS serves
         FROM users u LEFT JOIN tenants t ON t.id = u.tenant_id
         LEFT JOIN user_tenants ut ON ut.user_id = u.id LEFT JOIN tenants st ON st.id = ut.tenant_id
        GROUP BY u.email, u.role, t.slug ORDER BY u.email`,
    )) as Array<{ email: string; role: string; own: string | null; serves: string[] }>;
    const customers = rows.filter((r) => r.role === 'customer');
    expect(customers.map((c) => c.own).sort()).toEqual([
      'praezisionsteile-nagold-it',
      'spezialmaschinenbau-reutlingen',
      'wohnbau-sued-aufzuege',
    ]);
    for (const r of rows.filter((x) => x.role === 'technician' || x.role === 'manager')) {
      expect(r.serves.length).toBeGreaterThan(0);
    }
  });

  it('seed 002: industrial site with its A-assets, and the contract with the seed figures', async () => {
    const [site] = (await env.dataSource.query(
      `SELECT s.id, s.state, s.area_m2 FROM sites s JOIN tenants t ON t.id = s.tenant_id
        WHERE t.slug = 'spezialmaschinenbau-reutlingen'`,
    )) as Array<{ id: string; state: string; area_m2: string }>;
    expect(site).toMatchObject({ state: 'DE-BW', area_m2: '41000.00' });
    const classA = (await env.dataSource.query(
      `SELECT trade, count(*)::int AS n FROM assets WHERE site_id = $1 AND asset_class = 'A' GROUP BY trade ORDER BY trade`,
      [site?.id],
    )) as Array<{ trade: string; n: number }>;
    expect(classA).toEqual([
      { trade: 'air-handling', n: 1 },
      { trade: 'compressed-air', n: 1 },
      { trade: 'cranes', n: 12 },
      { trade: 'elevators', n: 5 },
    ]);
    const [bc] = (await env.dataSource.query(
      `SELECT count(*) FILTER (WHERE asset_class = 'B')::int AS b, count(*) FILTER (WHERE asset_class = 'C')::int AS c
         FROM assets WHERE site_id = $1`,
      [site?.id],
    )) as Array<{ b: number; c: number }>;
    expect(bc?.b).toBeGreaterThan(0);
    expect(bc?.c).toBeGreaterThan(0);

    const contract = await env.dataSource.getRepository(ContractEntity).findOneOrFail({
      where: { name: 'Total Technical Service Werk Reutlingen 2027–2031' },
      relations: { priceList: true },
    });
    expect(contract).toMatchObject({
      type: 'all_in',
      startsOn: '2027-01-01',
      endsOn: '2031-12-31',
      annualVolume: '2360000.00',
      capexThreshold: '5000.00',
      availabilityTargets: { A: '0.995' },
    });
    expect(contract.priceList?.key).toBe('seed-003-service-price-list-2022');
    expect(contract.indexation).toMatchObject({ fixedShare: '0', labourShare: '0.6', materialShare: '0.4' });
    expect(contract.bonusMalus).toMatchObject({ capPercentOfVolume: '2' });
    expect(Object.keys(contract.calendars).sort()).toEqual(['24-7', 'on-call', 'on-site']);
    const m = contract.slaMatrix as Record<string, Record<string, { budget: unknown; calendar: string }>>;
    expect(m['A']?.['response']?.budget).toEqual({ kind: 'minutes', minutes: 15 });
    expect(m['A']?.['restore']?.budget).toEqual({ kind: 'minutes', minutes: 60 });
    expect(m['B']?.['response']?.budget).toEqual({ kind: 'minutes', minutes: 30 });
    expect(m['B']?.['restore']?.budget).toEqual({ kind: 'minutes', minutes: 240 });
    expect(m['C']?.['response']).toMatchObject({ budget: { kind: 'businessDays', days: 1 }, calendar: 'on-site' });
    // The terms build on the site's calendars (DE-BW holidays) with the domain.
    const terms = contractTermsForSite(contract, { state: 'DE-BW', timezone: 'Europe/Berlin' });
    expect(terms.slaMatrix.A.response.budget).toEqual({ kind: 'minutes', minutes: 15 });

    // The history months are covered by the preceding demo term on the same site.
    const [covering] = (await env.dataSource.query(
      `SELECT count(*)::int AS n FROM tickets k JOIN contracts c ON c.id = k.contract_id
        WHERE k.site_id = $1 AND c.name LIKE '%Vorlaufvertrag%'`,
      [site?.id],
    )) as Array<{ n: number }>;
    expect(covering?.n).toBeGreaterThan(0);
  });

  it('seed 002: planned maintenance windows on A-assets, and the KPI roll-up shows what they excluded', async () => {
    const windows = (await env.dataSource.query(
      `SELECT w.id, w.asset_id, w.starts_at, w.ends_at, a.asset_class, a.site_id, t.slug
         FROM maintenance_windows w JOIN assets a ON a.id = w.asset_id JOIN tenants t ON t.id = w.tenant_id
        ORDER BY w.starts_at`,
    )) as Array<{
      id: string;
      asset_id: string;
      starts_at: Date;
      ends_at: Date;
      asset_class: string;
      site_id: string;
      slug: string;
    }>;
    expect(windows.length).toBeGreaterThanOrEqual(2);
    expect(new Set(windows.map((w) => `${w.slug}/${w.asset_class}`))).toEqual(
      new Set(['spezialmaschinenbau-reutlingen/A']),
    );
    // the earliest window covers part of a downtime in the history: its month's roll-up excludes it
    const w = windows[0] as (typeof windows)[number];
    const [t] = (await env.dataSource.query(
      `SELECT contract_id FROM tickets WHERE asset_id = $1 AND asset_down AND fault_began_at < $3 AND restored_at > $2
        ORDER BY fault_began_at LIMIT 1`,
      [w.asset_id, w.starts_at, w.ends_at],
    )) as Array<{ contract_id: string }>;
    expect(t).toBeDefined();
    const berlin = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit' });
    const period = berlin.format(w.starts_at).slice(0, 7);
    const kpi = new KpiService(env.dataSource, { now: () => new Date() });
    const rollup = await kpi.recompute(String(t?.contract_id), period);
    const asset = rollup?.payload.kpis.availability.assets.find((a) => a.assetId === w.asset_id);
    expect(asset?.maintenance?.map((m) => m.windowId)).toContain(w.id);
    expect(Number(asset?.excludedDowntimeMinutes)).toBeGreaterThan(0);
    expect(Number(asset?.maintenance?.find((m) => m.windowId === w.id)?.downtimeMinutes)).toBeGreaterThan(0);
  });

  it('seed 001: six elevators under the three contract types; seed 000: two IT sites, cameras at 12 h', async () => {
    const lifts = (await env.dataSource.query(
      `SELECT c.type, count(a.id)::int AS lifts FROM contracts c JOIN tenants t ON t.id = c.tenant_id
         JOIN contract_sites cs ON cs.contract_id = c.id JOIN assets a ON a.site_id = cs.site_id
        WHERE t.slug = 'wohnbau-sued-aufzuege' GROUP BY c.type ORDER BY c.type`,
    )) as Array<{ type: string; lifts: number }>;
    expect(lifts).toEqual([
      { type: 'all_in', lifts: 1 },
      { type: 'full_maintenance', lifts: 3 },
      { type: 'inspection', lifts: 2 },
    ]);

    const perSite = (await env.dataSource.query(
      `SELECT s.name, a.trade, count(*)::int AS n FROM assets a JOIN sites s ON s.id = a.site_id
         JOIN tenants t ON t.id = a.tenant_id WHERE t.slug = 'praezisionsteile-nagold-it'
        GROUP BY s.name, a.trade ORDER BY s.name, a.trade`,
    )) as Array<{ name: string; trade: string; n: number }>;
    for (const site of ['Standort Calw', 'Standort Nagold']) {
      expect(Object.fromEntries(perSite.filter((r) => r.name === site).map((r) => [r.trade, r.n]))).toEqual({
        'it-cameras': 4,
        'it-cnc-link': 3,
        'it-network': 1,
        'it-printers': 2,
        'it-storage': 2, // NAS + SFTP access on it
        'it-workstations': 2,
      });
    }
    const [it] = (await env.dataSource.query(
      `SELECT c.sla_matrix, c.scope, p.key FROM contracts c JOIN tenants t ON t.id = c.tenant_id
         JOIN price_lists p ON p.id = c.price_list_id WHERE t.slug = 'praezisionsteile-nagold-it'`,
    )) as Array<{
      sla_matrix: Record<string, Record<string, { budget: unknown }>>;
      scope: { exclusions: string[] };
      key: string;
    }>;
    expect(it?.sla_matrix['A']?.['response']?.budget).toEqual({ kind: 'minutes', minutes: 720 });
    expect(it?.scope.exclusions).toEqual(['user-error', 'paper-jam', 'wilful-damage']);
    expect(it?.key).toBe('seed-004-itk-service-price-list');
  });

  it('seeds 000/001/002: maintenance plans with six months of history — a few late, one missed', async () => {
    const rows = (await env.dataSource.query(
      `SELECT t.slug, count(DISTINCT r.id)::int AS requirements,
              count(o.id) FILTER (WHERE o.status = 'done-on-time')::int AS on_time,
              count(o.id) FILTER (WHERE o.status = 'done-late')::int AS late,
              count(o.id) FILTER (WHERE o.status = 'missed')::int AS missed,
              count(o.id) FILTER (WHERE o.kind IN ('main', 'intermediate'))::int AS statutory_inspections
         FROM tenants t JOIN maintenance_requirements r ON r.tenant_id = t.id
         LEFT JOIN maintenance_occurrences o ON o.requirement_id = r.id
        GROUP BY t.slug ORDER BY t.slug`,
    )) as Array<{
      slug: string;
      requirements: number;
      on_time: number;
      late: number;
      missed: number;
      statutory_inspections: number;
    }>;
    expect(rows.map((r) => r.slug)).toEqual([
      'praezisionsteile-nagold-it',
      'spezialmaschinenbau-reutlingen',
      'wohnbau-sued-aufzuege',
    ]);
    for (const r of rows) expect(r.on_time).toBeGreaterThan(10);
    expect(rows.reduce((n, r) => n + r.late, 0)).toBeGreaterThanOrEqual(3);
    expect(rows.map((r) => r.missed)).toEqual([0, 1, 0]);
    // seed 001: the six lifts have main and intermediate inspections by the approved body
    const [lifts] = (await env.dataSource.query(
      `SELECT count(DISTINCT o.asset_id)::int AS n, array_agg(DISTINCT o.kind ORDER BY o.kind) AS kinds
         FROM maintenance_occurrences o JOIN tenants t ON t.id = o.tenant_id
        WHERE t.slug = 'wohnbau-sued-aufzuege' AND o.kind <> 'regular'`,
    )) as Array<{ n: number; kinds: string[] }>;
    expect(lifts).toEqual({ n: 6, kinds: ['intermediate', 'main'] });
    // every completed occurrence has its completion in the event log
    const [unlogged] = (await env.dataSource.query(
      `SELECT count(*)::int AS n FROM maintenance_occurrences o WHERE o.completed_on IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM occurrence_events e WHERE e.occurrence_id = o.id AND e.type = 'completed')`,
    )) as Array<{ n: number }>;
    expect(unlogged?.n).toBe(0);
  });

  it('every completed occurrence carries the evidence its gate asks for: the §17 report as PDF, the photo', async () => {
    const rows = (await env.dataSource.query(
      `SELECT o.id, r.evidence, o.inspection_record IS NOT NULL AS has_record,
              array_remove(array_agg(d.document_class ORDER BY d.document_class), NULL) AS classes,
              array_remove(array_agg(c.content_type ORDER BY d.document_class), NULL) AS types,
              bool_and(d.uploaded_by IS NULL OR d.uploaded_by = o.completed_by) AS by_completer,
              bool_and(d.customer_visible IS NULL OR d.customer_visible = (d.document_class = 'inspection-report'))
                AS visibility
         FROM maintenance_occurrences o
         JOIN maintenance_requirements r ON r.id = o.requirement_id
         LEFT JOIN document_links l ON l.occurrence_id = o.id
         LEFT JOIN documents d ON d.id = l.document_id
         LEFT JOIN document_contents c ON c.sha256 = d.sha256
        WHERE o.completed_on IS NOT NULL
        GROUP BY o.id, r.evidence, o.inspection_record`,
    )) as Array<{
      id: string;
      evidence: string[];
      has_record: boolean;
      classes: string[];
      types: string[];
      by_completer: boolean;
      visibility: boolean;
    }>;
    expect(rows.length).toBeGreaterThan(100);
    const reports = rows.filter((r) => r.evidence.includes('inspection-record'));
    const photos = rows.filter((r) => r.evidence.includes('photo'));
    expect(reports.length).toBeGreaterThan(0);
    expect(photos.length).toBeGreaterThan(0);
    for (const r of rows) {
      const expected = [
        ...(r.evidence.includes('inspection-record') ? ['inspection-report'] : []),
        ...(r.evidence.includes('photo') ? ['photo'] : []),
      ].sort();
      expect([r.id, r.classes]).toEqual([r.id, expected]);
      expect([r.id, r.by_completer, r.visibility]).toEqual([r.id, true, true]);
    }
    expect(reports.every((r) => r.has_record && r.types.includes('application/pdf'))).toBe(true);
    expect(photos.every((r) => r.types.includes('image/png'))).toBe(true);
    // the stored bytes are a real PDF and a real PNG
    const [pdf] = (await env.dataSource.query(
      `SELECT encode(substring(c.bytes from 1 for 5), 'escape') AS head, c.size_bytes FROM document_contents c
         JOIN documents d ON d.sha256 = c.sha256 WHERE d.document_class = 'inspection-report' LIMIT 1`,
    )) as Array<{ head: string; size_bytes: number }>;
    expect(pdf?.head).toBe('%PDF-');
    const [png] = (await env.dataSource.query(
      `SELECT encode(substring(c.bytes from 1 for 8), 'hex') AS head FROM document_contents c
         JOIN documents d ON d.sha256 = c.sha256 WHERE d.document_class = 'photo' LIMIT 1`,
    )) as Array<{ head: string }>;
    expect(png?.head).toBe('89504e470d0a1a0a');
  });

  it('the seed 001 and 002 contracts show real compliance figures; seed 002 pays bonus/malus on them', async () => {
    const kpi = new KpiService(env.dataSource, { now: () => new Date() });
    const berlin = DateTime.now().setZone('Europe/Berlin').startOf('month');
    const months = [1, 2, 3, 4, 5, 6].map((n) => berlin.minus({ months: n }).toFormat('yyyy-MM'));
    const contracts = (await env.dataSource.query(
      `SELECT c.id, c.name, t.slug FROM contracts c JOIN tenants t ON t.id = c.tenant_id
        WHERE t.slug IN ('spezialmaschinenbau-reutlingen', 'wohnbau-sued-aufzuege')
          AND c.starts_on <= $1::date AND (c.ends_on IS NULL OR c.ends_on >= $1::date) ORDER BY c.name`,
      [berlin.toISODate()],
    )) as Array<{ id: string; name: string; slug: string }>;
    expect(contracts.map((c) => c.slug).sort()).toEqual([
      'spezialmaschinenbau-reutlingen',
      'wohnbau-sued-aufzuege',
      'wohnbau-sued-aufzuege',
      'wohnbau-sued-aufzuege',
    ]);
    for (const c of contracts) {
      const figures: string[] = [];
      for (const month of months) {
        const rollup = await kpi.recompute(c.id, month);
        const compliance = rollup?.payload.kpis.maintenanceCompliance;
        expect(compliance?.requirements).toBeGreaterThan(0);
        const percent = compliance?.total.percent ?? null;
        if (percent !== null) {
          expect(Number(percent)).toBeGreaterThanOrEqual(0);
          expect(Number(percent)).toBeLessThanOrEqual(100);
          figures.push(percent);
        }
        if (c.slug === 'spezialmaschinenbau-reutlingen') {
          // seed 002: every month has something due, and the rule "Prüfcompliance (fristgerecht)" is applied
          expect(percent).not.toBeNull();
          const k = rollup?.payload.kpis.bonusMalus.result?.kpis.find((x) => x.kpi === 'inspection-compliance');
          expect(k?.value).toBe(String(Number(percent)));
          expect(rollup?.payload.kpis.bonusMalus.derivations?.['inspection-compliance']?.[0]).toMatch(
            /^Fällig im Zeitraum \d+ \(fristgerecht \d+/,
          );
        }
      }
      expect(figures.length).toBeGreaterThan(0);
    }
  }, 120_000);

  it('the history has closed, breached, open and paused tickets', async () => {
    const [s] = (await env.dataSource.query(
      `SELECT count(*) FILTER (WHERE status = 'closed')::int AS closed,
              count(*) FILTER (WHERE status <> 'closed')::int AS open,
              count(*) FILTER (WHERE status = 'paused')::int AS paused,
              count(*) FILTER (WHERE breached)::int AS breached,
              count(DISTINCT tenant_id)::int AS tenants
         FROM tickets`,
    )) as Array<Record<string, number>>;
    expect(s?.['tenants']).toBe(3);
    expect(s?.['closed']).toBeGreaterThan(1000);
    expect(s?.['open']).toBeGreaterThan(5);
    expect(s?.['paused']).toBeGreaterThan(0);
    expect(s?.['breached']).toBeGreaterThan(50);
    expect(s?.['breached']).toBeLessThan((s?.['closed'] ?? 0) / 2);
  });

  it('a closed ticket has its whole lifecycle in the log, and its clocks are what the tickets projection computes from it', async () => {
    const sample = (await env.dataSource.query(
      `SELECT k.id, k.contract_id, s.state, s.timezone FROM tickets k JOIN sites s ON s.id = k.site_id
        WHERE k.status = 'closed' ORDER BY k.number LIMIT 60`,
    )) as Array<{ id: string; contract_id: string; state: string; timezone: string }>;
    const contracts = await env.dataSource.getRepository(ContractEntity).find();
    let breachedSeen = 0;
    for (const t of sample) {
      const events = (await env.dataSource.query(
        `SELECT type, occurred_at, payload FROM ticket_events WHERE ticket_id = $1 ORDER BY occurred_at, id`,
        [t.id],
      )) as Array<{ type: string; occurred_at: Date; payload: Record<string, unknown> }>;
      const lifecycle = events
        .map((e) => e.type)
        .filter((x) =>
          ['created', 'accepted', 'dispatched', 'travel_started', 'arrived', 'restored', 'closed'].includes(x),
        );
      expect(lifecycle).toEqual([
        'created',
        'accepted',
        'dispatched',
        'travel_started',
        'arrived',
        'restored',
        'closed',
      ]);

      const clocks = (await env.dataSource.query(
        `SELECT clock, state, deadline, stopped_at, used_minutes, breached_at FROM ticket_sla_clocks WHERE ticket_id = $1`,
        [t.id],
      )) as Array<{
        clock: string;
        state: string;
        deadline: Date;
        stopped_at: Date;
        used_minutes: string;
        breached_at: Date | null;
      }>;
      const at = (type: string): Date => events.find((e) => e.type === type)?.occurred_at as Date;
      const response = clocks.find((c) => c.clock === 'response');
      expect(response?.stopped_at).toEqual(at('accepted'));
      expect(response?.state).toBe(at('accepted') <= (response?.deadline as Date) ? 'met' : 'breached');
      const restore = clocks.find((c) => c.clock === 'restore');
      expect(restore?.stopped_at).toEqual(at('restored'));
      expect(restore?.state).toBe(at('restored') <= (restore?.deadline as Date) ? 'met' : 'breached');
      for (const c of clocks) {
        expect(c.breached_at !== null).toBe(c.state === 'breached');
        expect(events.some((e) => e.type === 'sla_breached' && e.payload['clock'] === c.clock)).toBe(
          c.state === 'breached',
        );
        if (c.state === 'breached') breachedSeen++;
      }

      // Recomputed from the stored log by the tickets projection (the domain's computeSlaClocks on the
      // contract's terms for the site), as every ticket action does.
      const contract = contracts.find((c) => c.id === t.contract_id) as ContractEntity;
      const terms = contractTermsForSite(contract, { state: t.state, timezone: t.timezone });
      const log = events.map((e) => ({ type: e.type, occurredAt: e.occurred_at, payload: e.payload }));
      const projection = computeTicketSla(terms, slaEventsFromLog(log), new Date());
      for (const c of clocks) {
        const r = projection.clocks.find((x) => x.clock === c.clock);
        expect({ state: c.state, deadline: c.deadline?.toISOString(), used: Number(c.used_minutes) }).toEqual({
          state: r?.state,
          deadline: r?.deadline?.toISOString(),
          used: Math.round((r?.usedMinutes ?? NaN) * 1000) / 1000,
        });
      }
    }
    expect(breachedSeen).toBeGreaterThan(0);
  });

  it('the same seed instant gives the same history in another database', async () => {
    const now = new Date('2026-11-02T09:30:00Z');
    const digest = async (): Promise<string> => {
      const other = await createTestEnv('demo_data_det');
      try {
        await seedDemoData(other.dataSource, { dataDir: DATA_DIR, now });
        const [row] = (await other.dataSource.query(
          `SELECT count(*)::int AS n, md5(string_agg(number || priority || status || created_at::text || title, '|' ORDER BY number)) AS h
             FROM tickets`,
        )) as Array<{ n: number; h: string }>;
        return `${row?.n}:${row?.h}`;
      } finally {
        await other.cleanup();
      }
    };
    const first = await digest();
    expect(first).not.toMatch(/^0:/);
    expect(await digest()).toBe(first);
  }, 120_000);
});
