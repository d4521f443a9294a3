/**
 * The asset register (issue 14) at 100,000 assets in a throwaway bench database (bulk-generated:
 * 10 tenants × 10 sites × 1,000 assets with manufacturers and serial numbers), through a real API
 * process: p50/p95/p99 of GET /api/assets end to end (HTTP, a manager of one tenant and an admin)
 * — first pages, keyset next pages, and substring searches (pg_trgm) on code, name, manufacturer
 * and serial number. Target p95 ≤ 50 ms. Then the import: 10,000 assets of one new site from one
 * CSV upload (real import, one transaction). Target ≤ 10 s. The database is dropped afterwards.
 */
import { loadavg } from 'node:os';
import { ServiceProcess, createTestEnv, createUser, login } from '@leitstand/backend/testing';
import { figureOrFailure, int, ms, percentiles } from './bench-support';

const ASSETS = Number(process.env['BENCH_ASSETS'] ?? 100_000);
const IMPORT_ROWS = Number(process.env['BENCH_IMPORT_ROWS'] ?? 10_000);
const QUERIES = Number(process.env['BENCH_QUERIES'] ?? 200);
const TENANTS = 10;
const SITES_PER_TENANT = 10;

async function main(): Promise<void> {
  const env = await createTestEnv('bench_register');
  const out: string[] = [
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (2 cores, shared)`,
  ];
  let api: ServiceProcess | null = null;
  try {
    const ds = env.dataSource;
    const t0 = performance.now();
    const tenants = (await ds.query(
      `INSERT INTO tenants (slug, name, version) SELECT 'reg-' || g, 'Register-Kunde ' || g, 1
         FROM generate_series(1, $1) g RETURNING id`,
      [TENANTS],
    )) as Array<{ id: string }>;
    await ds.query(
      `INSERT INTO sites (tenant_id, name, street, postal_code, city, state, version)
       SELECT t.id, 'Werk ' || g, 'Straße 1', '70173', 'Stuttgart', 'DE-BW', 1 FROM tenants t, generate_series(1, $1) g`,
      [SITES_PER_TENANT],
    );
    const perSite = Math.ceil(ASSETS / (TENANTS * SITES_PER_TENANT));
    await ds.query(
      `INSERT INTO assets (tenant_id, site_id, code, name, trade, asset_class, in_contract, manufacturer, model,
                           serial_number, year_built, version)
       SELECT s.tenant_id, s.id, 'AS-' || lpad((row_number() OVER (PARTITION BY s.tenant_id ORDER BY s.id, g))::text, 6, '0'),
              (ARRAY['Aufzug','Lüftungsanlage','Kältemaschine','Brandschutzklappe','Tor','Pumpe'])[1 + g % 6] || ' ' || g,
              (ARRAY['elevators','air-handling','cooling','fire-safety','doors','plumbing'])[1 + g % 6],
              (ARRAY['A','B','C'])[1 + g % 3], g % 7 <> 0,
              (ARRAY['Schindler','Kone','Trox','Carrier','Hörmann','Grundfos','Siemens','Viessmann'])[1 + g % 8],
              'M' || (g % 97), 'SN-' || md5(s.id::text || g)::text, 1990 + g % 35, 1
         FROM sites s, generate_series(1, $1) g`,
      [perSite],
    );
    await ds.query('ANALYZE assets');
    const [{ n } = { n: 0 }] = (await ds.query(`SELECT count(*)::int AS n FROM assets`)) as Array<{ n: number }>;
    out.push(
      `generated ${int(n)} assets (${TENANTS} tenants × ${SITES_PER_TENANT} sites) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    api = await ServiceProcess.start('api', { ...env.env, LOG_LEVEL: 'warn' });
    const tenantId = tenants[0]?.id as string;
    const manager = await login(api.baseUrl, await createUser(ds, 'manager', { servesTenantIds: [tenantId] }));
    const admin = await login(api.baseUrl, await createUser(ds, 'admin', {}));
    const [site] = (await ds.query(`SELECT id FROM sites WHERE tenant_id = $1 LIMIT 1`, [tenantId])) as Array<{
      id: string;
    }>;
    const serials = (
      (await ds.query(`SELECT serial_number FROM assets WHERE tenant_id = $1 ORDER BY random() LIMIT 50`, [
        tenantId,
      ])) as Array<{ serial_number: string }>
    ).map((r) => r.serial_number.slice(3, 11));
    // One request: its latency and page when it answered 200, null otherwise (the row counts it as failed).
    const get = async (
      headers: Record<string, string>,
      query: string,
    ): Promise<{ ms: number; body: { nextCursor: string | null } } | null> => {
      const start = performance.now();
      try {
        const res = await fetch(`${(api as ServiceProcess).baseUrl}/api/assets?${query}`, { headers });
        const body = (await res.json()) as { nextCursor: string | null };
        return res.status === 200 ? { ms: performance.now() - start, body } : null;
      } catch {
        return null;
      }
    };
    const row = (label: string, samples: number[], failed: number): string => {
      const p = percentiles(samples);
      return `${label.padEnd(48)} ${figureOrFailure(
        { done: samples.length, failed },
        () => `p50 ${ms(p.p50)}  p95 ${ms(p.p95)}  p99 ${ms(p.p99)}  (${samples.length} requests)`,
      )}`;
    };
    const words = ['aufzug', 'schindler', 'KÄLTE', 'pumpe 4', 'as-0004', 'trox', 'tor 1'];
    const scenarios: Array<[string, Record<string, string>, (i: number) => string]> = [
      ['manager, first page (limit 50, sort code)', manager.headers, () => 'limit=50'],
      ['manager, first page with total', manager.headers, () => 'limit=50&withTotal=true'],
      [
        'manager, site + class + in contract filter',
        manager.headers,
        (i) => `siteId=${site?.id}&assetClass=${'ABC'[i % 3]}&inContract=true`,
      ],
      [
        'manager, search word (q)',
        manager.headers,
        (i) => `q=${encodeURIComponent(words[i % words.length] as string)}`,
      ],
      ['manager, search serial substring', manager.headers, (i) => `q=${serials[i % serials.length]}`],
      ['manager, sort name', manager.headers, () => 'sort=name&limit=50'],
      ['admin (all tenants), first page', admin.headers, () => 'limit=50'],
      [
        'admin (all tenants), search word with total',
        admin.headers,
        (i) => `q=${encodeURIComponent(words[i % words.length] as string)}&withTotal=true`,
      ],
    ];
    for (let i = 0; i < 20; i++) await get(manager.headers, `q=${words[i % words.length]}`); // warm-up
    for (const [label, headers, query] of scenarios) {
      const samples: number[] = [];
      let failed = 0;
      for (let i = 0; i < QUERIES; i++) {
        const r = await get(headers, query(i));
        if (r) samples.push(r.ms);
        else failed++;
      }
      out.push(row(label, samples, failed));
    }
    // Keyset paging: next pages walking the register (a failed page starts again from the first).
    const next: number[] = [];
    let failedNext = 0;
    let cursor: string | null = null;
    for (let i = 0; i < QUERIES; i++) {
      const r = await get(manager.headers, `limit=50${cursor ? `&cursor=${cursor}` : ''}`);
      if (r) next.push(r.ms);
      else failedNext++;
      cursor = r?.body.nextCursor ?? null;
    }
    out.push(row('manager, keyset next pages', next, failedNext));

    // Import: 10,000 assets with locations into a new site, one CSV upload.
    const [importSite] = (await ds.query(
      `INSERT INTO sites (tenant_id, name, street, postal_code, city, state, version)
       VALUES ($1, 'Importwerk', 'Weg 2', '70173', 'Stuttgart', 'DE-BW', 1) RETURNING id`,
      [tenantId],
    )) as Array<{ id: string }>;
    const lines = ['Anlagennummer;Bezeichnung;Gewerk;Klasse;Ort;Hersteller;Seriennummer;Baujahr;Merkmal:Leistung'];
    for (let i = 0; i < IMPORT_ROWS; i++) {
      lines.push(
        `IMP-${String(i).padStart(6, '0')};Anlage ${i};hvac;${'ABC'[i % 3]};Gebäude ${i % 5} / ${i % 4}. OG / Raum ${i % 50};Trox;SN-I-${i};${1990 + (i % 30)};${i % 90} kW`,
      );
    }
    const file = Buffer.from(lines.join('\r\n'), 'utf8');
    for (const dryRun of [true, false]) {
      const form = new FormData();
      form.append('dryRun', String(dryRun));
      form.append('file', new Blob([new Uint8Array(file)], { type: 'text/csv' }), 'import.csv');
      const start = performance.now();
      const res = await fetch(`${api.baseUrl}/api/sites/${importSite?.id}/asset-import`, {
        method: 'POST',
        headers: manager.headers,
        body: form,
      });
      const report = (await res.json()) as { created: number; problems: unknown[]; locationsCreated: number };
      const seconds = (performance.now() - start) / 1000;
      const label = `import ${int(IMPORT_ROWS)} assets from CSV (${(file.length / 1024).toFixed(0)} KiB), ${dryRun ? 'dry run' : 'real, one transaction'}:`;
      // The named work: a 200 without problems, and (the real one) every row created.
      const imported =
        res.status === 200 && (report.problems?.length ?? 0) === 0 && (dryRun || report.created === IMPORT_ROWS);
      out.push(
        imported
          ? `${label} ${seconds.toFixed(2)} s` +
              (dryRun
                ? ''
                : ` (created ${int(report.created)}, locations ${int(report.locationsCreated)}; target ≤ 10 s)`)
          : `${label} NO FIGURE: answered ${res.status} ${JSON.stringify(report).slice(0, 300)}`,
      );
    }
  } finally {
    await api?.stop();
    await env.cleanup();
  }
  console.log(['asset register bench (issue 14)', ...out].join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
