import ExcelJS from 'exceljs';
import { ServiceProcess, createTestEnv, type TestEnv } from '@leitstand/backend/testing';
import { createTenantWorld, signIn, type Client } from './ticket-test-world';

/**
 * Issue 14: the asset register's import (CSV/XLSX, dry run reporting every row's problems, one
 * transaction), its export (round trip unchanged) and the QR label sheet, on a real API process.
 */
interface Report {
  dryRun: boolean;
  applied: boolean;
  rowCount: number;
  created: number;
  updated: number;
  unchanged: number;
  locationsCreated: number;
  problems: Array<{ row: number; column: string | null; code: string; message: string }>;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('asset import, export and QR labels', () => {
  let env: TestEnv;
  let api: ServiceProcess;
  let world: Awaited<ReturnType<typeof createTenantWorld>>;
  let other: Awaited<ReturnType<typeof createTenantWorld>>;
  let manager: Client;
  let customer: Client;
  let otherManager: Client;
  let agent: Client;

  beforeAll(async () => {
    env = await createTestEnv('asset_import', { PUBLIC_UI_URL: 'https://leitstand.example/' });
    api = await ServiceProcess.start('api', env.env);
    const ds = env.dataSource;
    world = await createTenantWorld(ds);
    other = await createTenantWorld(ds);
    [manager, customer, otherManager, agent] = await Promise.all([
      signIn(ds, api.baseUrl, 'manager', { servesTenantIds: [world.tenantId] }),
      signIn(ds, api.baseUrl, 'customer', { tenantId: world.tenantId }),
      signIn(ds, api.baseUrl, 'manager', { servesTenantIds: [other.tenantId] }),
      signIn(ds, api.baseUrl, 'agent'),
    ]);
  });

  afterAll(async () => {
    await api?.stop();
    await env?.cleanup();
  });

  async function upload(
    client: Client,
    siteId: string,
    bytes: Buffer,
    name: string,
    type: string,
    dryRun: boolean,
  ): Promise<{ status: number; body: Report & { fields?: Array<{ field: string; messages: string[] }> } }> {
    const form = new FormData();
    form.append('dryRun', String(dryRun));
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    const res = await fetch(`${api.baseUrl}/api/sites/${siteId}/asset-import`, {
      method: 'POST',
      headers: client.session.headers,
      body: form,
    });
    return { status: res.status, body: (await res.json()) as Report };
  }

  async function download(client: Client, path: string): Promise<{ status: number; type: string; bytes: Buffer }> {
    const res = await fetch(`${api.baseUrl}${path}`, { headers: client.session.headers });
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      bytes: Buffer.from(await res.arrayBuffer()),
    };
  }

  const count = async (sql: string, params: unknown[]): Promise<number> =>
    Number(((await env.dataSource.query(sql, params)) as Array<{ n: string }>)[0]?.n ?? 0);

  const csv = (lines: string[]): Buffer => Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
  const GOOD = [
    'Anlagennummer;Bezeichnung;Gewerk;Klasse;Ort;Hersteller;Seriennummer;Baujahr;Gewährleistung bis;Übergeordnete Anlage;Merkmal:Leistung',
    'IMP-01;Lüftungsanlage Halle 1;air-handling;A;Gebäude A / EG / Raum 0.12;Trox;SN-1;2015;31.12.2027;;11 kW',
    'IMP-02;Ventilator 1;air-handling;B;Gebäude A / EG / Raum 0.12;Trox;SN-2;2016;;IMP-01;',
    'IMP-03;Aufzug Haus A;elevators;A;Gebäude A / 1. OG;Schindler;SN-3;2010;;;',
  ];

  it('dry run names every bad row and column and writes nothing; the real import of it writes nothing either', async () => {
    const bad = csv([...GOOD, 'IMP-04;Tor;doors;D;;;;;;;', 'IMP-01;Doppelt;doors;B;;;;19x;30.02.2027;;']);
    const before = await count(`SELECT count(*) AS n FROM assets WHERE site_id = $1`, [world.siteId]);
    const dry = await upload(manager, world.siteId, bad, 'anlagen.csv', 'text/csv', true);
    expect(dry.status).toBe(200);
    expect(dry.body.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [5, 'Klasse', 'invalidClass'],
      [6, 'Baujahr', 'invalidYear'],
      [6, 'Gewährleistung bis', 'invalidDate'],
      [6, 'Anlagennummer', 'duplicateCode'],
    ]);
    expect(dry.body).toMatchObject({ dryRun: true, applied: false, rowCount: 5, created: 3 });
    const real = await upload(manager, world.siteId, bad, 'anlagen.csv', 'text/csv', false);
    expect(real.status).toBe(400);
    expect(real.body.fields?.[0]?.field).toBe('file');
    expect(real.body.fields?.[0]?.messages[0]).toMatch(/^row 5, Klasse: /);
    expect(await count(`SELECT count(*) AS n FROM assets WHERE site_id = $1`, [world.siteId])).toBe(before);
    expect(await count(`SELECT count(*) AS n FROM locations WHERE site_id = $1`, [world.siteId])).toBe(0);
  });

  it('imports in one transaction: one refused row (a code of another site) leaves nothing behind', async () => {
    // A code of another site of the tenant is refused (codes are unique per tenant) — with the others.
    const [foreign] = (await env.dataSource.query(
      `INSERT INTO assets (tenant_id, site_id, code, name, trade, asset_class, version) VALUES ($1, $2, 'ELSEWHERE-1', 'x', 't', 'C', 1) RETURNING id`,
      [world.tenantId, world.bareSiteId],
    )) as Array<{ id: string }>;
    expect(foreign).toBeDefined();
    const file = csv([...GOOD, 'ELSEWHERE-1;Fremd;doors;C;;;;;;;']);
    const real = await upload(manager, world.siteId, file, 'anlagen.csv', 'text/csv', false);
    expect(real.status).toBe(400);
    expect(await count(`SELECT count(*) AS n FROM assets WHERE code LIKE 'IMP-%'`, [])).toBe(0);
  });

  it('imports, then re-imports a fixed file updating by code (created, updated, unchanged)', async () => {
    const first = await upload(manager, world.siteId, csv(GOOD), 'anlagen.csv', 'text/csv', false);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ applied: true, created: 3, updated: 0, locationsCreated: 4, problems: [] });
    const [child] = (await env.dataSource.query(
      `SELECT a.serial_number, p.code AS parent, a.attributes, to_char(a.warranty_until, 'YYYY-MM-DD') AS w
         FROM assets a LEFT JOIN assets p ON p.id = a.parent_id WHERE a.code = 'IMP-02'`,
    )) as Array<Record<string, unknown>>;
    expect(child).toEqual({ serial_number: 'SN-2', parent: 'IMP-01', attributes: {}, w: null });
    const fixed = csv([
      GOOD[0] as string,
      GOOD[1] as string,
      (GOOD[2] as string).replace('SN-2', 'SN-2b'),
      GOOD[3] as string,
      'IMP-05;Neu;doors;C;;;;;;;',
    ]);
    const again = await upload(manager, world.siteId, fixed, 'anlagen.csv', 'text/csv', false);
    expect(again.body).toMatchObject({ applied: true, created: 1, updated: 1, unchanged: 2, locationsCreated: 0 });
    const versions = (await env.dataSource.query(
      `SELECT code, version FROM assets WHERE code LIKE 'IMP-%' ORDER BY code`,
    )) as Array<{ code: string; version: number }>;
    expect(versions.map((v) => [v.code, v.version])).toEqual([
      ['IMP-01', 1],
      ['IMP-02', 2],
      ['IMP-03', 1],
      ['IMP-05', 1],
    ]);
  });

  it('exports CSV and XLSX that the import reads back unchanged', async () => {
    const snapshot = async (): Promise<unknown> =>
      env.dataSource.query(
        `SELECT code, version, location_id, attributes FROM assets WHERE site_id = $1 ORDER BY code`,
        [world.siteId],
      );
    const before = await snapshot();
    for (const [format, lang, type] of [
      ['csv', 'de', 'text/csv'],
      ['csv', 'en', 'text/csv'],
      ['xlsx', 'de', XLSX],
      ['xlsx', 'en', XLSX],
    ] as const) {
      const file = await download(manager, `/api/sites/${world.siteId}/asset-export?format=${format}&lang=${lang}`);
      expect([format, lang, file.status, file.type.split(';')[0]]).toEqual([format, lang, 200, type]);
      const back = await upload(manager, world.siteId, file.bytes, `export.${format}`, type, false);
      expect([format, lang, back.status, back.body.problems, back.body.updated, back.body.created]).toEqual([
        format,
        lang,
        200,
        [],
        0,
        0,
      ]);
      expect(back.body.unchanged).toBe(back.body.rowCount);
    }
    expect(await snapshot()).toEqual(before);
    // The XLSX is a real workbook with the German headers.
    const file = await download(manager, `/api/sites/${world.siteId}/asset-export?format=xlsx&lang=de`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets[0]?.getRow(1).getCell(1).value).toBe('Anlagennummer');
  });

  it('prints one QR label per asset linking to the portal fault report', async () => {
    const pdf = await download(agent, `/api/sites/${world.siteId}/asset-labels`);
    expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const ids = (
      (await env.dataSource.query(`SELECT id FROM assets WHERE site_id = $1 ORDER BY code, id`, [
        world.siteId,
      ])) as Array<{
        id: string;
      }>
    ).map((r) => r.id);
    const text = pdf.bytes.toString('latin1');
    const urls = [...text.matchAll(/\/URI \(([^)]*)\)/g)].map((m) => m[1]);
    expect(urls).toEqual(ids.map((id) => `https://leitstand.example/portal/report?asset=${id}`));
    expect(ids.length).toBeGreaterThan(3);
  });

  it('keeps other tenants and customers out, and names bad input', async () => {
    expect((await download(otherManager, `/api/sites/${world.siteId}/asset-labels`)).status).toBe(404);
    expect((await download(otherManager, `/api/sites/${world.siteId}/asset-export`)).status).toBe(404);
    expect((await upload(otherManager, world.siteId, csv(GOOD), 'a.csv', 'text/csv', true)).status).toBe(404);
    expect((await upload(customer, world.siteId, csv(GOOD), 'a.csv', 'text/csv', true)).status).toBe(403);
    expect((await download(customer, `/api/sites/${world.siteId}/asset-labels`)).status).toBe(403);
    const badQuery = await manager.get(`/api/sites/${world.siteId}/asset-export?format=pdf`);
    expect([
      badQuery.status,
      (badQuery.body as { fields: Array<{ field: string }> }).fields.map((f) => f.field),
    ]).toEqual([400, ['format']]);
    const exe = await upload(
      manager,
      world.siteId,
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00'),
      'a.csv',
      'text/csv',
      true,
    );
    expect(exe.status).toBe(415);
    const header = await upload(manager, world.siteId, csv(['Farbe', 'rot']), 'a.csv', 'text/csv', true);
    expect(header.body.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [1, 'Farbe', 'unknownColumn'],
      [1, 'Code', 'missingColumn'],
      [1, 'Name', 'missingColumn'],
      [1, 'Trade', 'missingColumn'],
      [1, 'Class', 'missingColumn'],
    ]);
  });
});
