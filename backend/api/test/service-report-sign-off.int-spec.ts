import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import type {
  ApiError,
  CustomerServiceReportView,
  DocumentListResponse,
  ServiceReportView,
  TicketDetail,
  TicketTimelineResponse,
} from '@leitstand/api-contracts';
import {
  ServiceProcess,
  WORKSPACE_ROOT,
  createAsset,
  createSite,
  createTenant,
  createTestEnv,
  type TestEnv,
} from '@leitstand/backend/testing';
import { createContract, signIn, type Client } from './ticket-test-world';

const seed003 = JSON.parse(
  readFileSync(join(WORKSPACE_ROOT, 'libs/demo-data/data/price-lists/seed-003-service-price-list.json'), 'utf8'),
) as Record<string, unknown>;
const ZONE = 'Europe/Berlin';

/** A w × h greyscale PNG built by hand (what a canvas' toDataURL() gives, smaller). */
function png(w: number, h: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.writeUInt8(8, 8);
  const rows = Buffer.concat(
    Array.from({ length: h }, (_, y) =>
      Buffer.from([0, ...Array.from({ length: w }, (_, x) => ((x + y) % 3 ? 255 : 0))]),
    ),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const dataUrl = (bytes: Buffer, type = 'image/png'): string => `data:${type};base64,${bytes.toString('base64')}`;
const SIGNATURE = dataUrl(png(60, 24));

/** The text a PDF shows: every TJ string of its uncompressed content streams (pdfkit writes hex, WinAnsi). */
function pdfText(pdf: Buffer): string {
  const winAnsi = (code: number): string => (code === 0x80 ? '€' : String.fromCharCode(code));
  return [...pdf.toString('latin1').matchAll(/\[((?:<[0-9a-fA-F]*>|[^\]])*)\]\s*TJ/g)]
    .map((m) =>
      [...(m[1] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)]
        .map((h) => (h[1]?.match(/../g) ?? []).map((b) => winAnsi(parseInt(b, 16))).join(''))
        .join(''),
    )
    .join('\n');
}

/**
 * The customer's sign-off of a service report on the technician's phone (issue 16) on a real API process and
 * PostgreSQL: name + drawn signature after the restore, with If-Match; the signature PNG and the PDF become
 * documents of the ticket, the priced report is stored as signed, an event joins the log, the choices freeze
 * (409); who may sign, bad input naming the field, the PDF in German and English, and the customer's view of
 * the signed report (own tenant only).
 */
describe('service report sign-off', () => {
  let env: TestEnv;
  let api: ServiceProcess;
  let ds: DataSource;
  let agent: Client;
  let tech: Client;
  let otherTech: Client;
  let customer: Client;
  let foreignCustomer: Client;
  let tenantId: string;
  let siteId: string;
  let assetId: string;

  /** Seed 003's weekday call-out (20 min travel, 35 on site, 15 back), dispatched to `tech`, up to `until`. */
  async function callOut(until: 'restored' | 'on_site' = 'restored'): Promise<string> {
    const created = await agent.post<TicketDetail>('/api/tickets', {
      siteId,
      assetId,
      title: 'Aufzug bleibt zwischen den Etagen stehen',
    });
    expect(created.status).toBe(201);
    const t = created.body;
    const patched = await agent.patch<TicketDetail>(
      `/api/tickets/${t.id}`,
      { inScope: false, scopeNote: 'Vandalismus' },
      { 'if-match': `"${t.version}"` },
    );
    expect(patched.status).toBe(200);
    const t0 = DateTime.fromISO('2026-03-10T10:00', { zone: ZONE });
    const at = (min: number): string => t0.plus({ minutes: min }).toUTC().toISO() ?? '';
    for (const [kind, from, to] of [
      ['travel', 0, 20],
      ['work', 20, 55],
      ['travel', 55, 70],
    ] as const) {
      const logged = await agent.post(`/api/tickets/${t.id}/work-logs`, {
        workerId: tech.user.id,
        role: 'service-technician',
        kind,
        startedAt: at(from),
        endedAt: at(to),
      });
      expect(logged.status).toBe(201);
    }
    const accepted = await agent.post<TicketDetail>(`/api/tickets/${t.id}/accept`, {});
    expect(accepted.status).toBe(200);
    expect((await agent.post(`/api/tickets/${t.id}/dispatch`, { assigneeId: tech.user.id })).status).toBe(200);
    expect((await tech.post(`/api/tickets/${t.id}/travel`)).status).toBe(200);
    expect((await tech.post(`/api/tickets/${t.id}/arrive`)).status).toBe(200);
    if (until === 'restored') expect((await tech.post(`/api/tickets/${t.id}/restore`, {})).status).toBe(200);
    const flat = await agent.patch(
      `/api/tickets/${t.id}/service-report`,
      { smallMaterial: true },
      { 'if-match': '"0"' },
    );
    expect(flat.status).toBe(200);
    return t.id;
  }

  async function download(
    client: Client,
    path: string,
  ): Promise<{ status: number; type: string | null; bytes: Buffer }> {
    const res = await fetch(`${api.baseUrl}${path}`, { headers: client.session.headers });
    return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
  }

  beforeAll(async () => {
    env = await createTestEnv('service_report_sign_off');
    api = await ServiceProcess.start('api', env.env);
    ds = env.dataSource;
    tenantId = (await createTenant(ds, 'Wohnbau Test GmbH')).id;
    siteId = (await createSite(ds, tenantId, { name: 'Wohnanlage 20 km' })).id;
    await ds.query(`UPDATE sites SET distance_km = 20 WHERE id = $1`, [siteId]);
    assetId = (await createAsset(ds, tenantId, siteId, { assetClass: 'B', trade: 'elevators', name: 'Aufzug 1' })).id;
    const [list] = (await ds.query(
      `INSERT INTO price_lists (key, name, valid_from, data, version) VALUES ($1, $2, $3, $4::jsonb, 1) RETURNING id`,
      ['seed-003', 'Servicepreisliste 2022', '2022-01-01', JSON.stringify(seed003)],
    )) as Array<{ id: string }>;
    await createContract(ds, tenantId, [siteId], { priceListId: list?.id });
    agent = await signIn(ds, api.baseUrl, 'agent');
    tech = await signIn(ds, api.baseUrl, 'technician', {
      servesTenantIds: [tenantId],
      displayName: 'Kai Kundendienst',
    });
    otherTech = await signIn(ds, api.baseUrl, 'technician', { servesTenantIds: [tenantId] });
    customer = await signIn(ds, api.baseUrl, 'customer', { tenantId });
    const foreign = await createTenant(ds);
    foreignCustomer = await signIn(ds, api.baseUrl, 'customer', { tenantId: foreign.id });
  });

  afterAll(async () => {
    await api?.stop();
    await env?.cleanup();
  });

  it('records the sign-off: signature and PDF as documents, the report as signed, an event; choices frozen', async () => {
    const id = await callOut();
    const path = `/api/tickets/${id}/service-report`;
    const signed = await tech.post<ServiceReportView>(
      `${path}/sign-off`,
      { signerName: '  Erika Müller ', signature: SIGNATURE },
      { 'if-match': '"1"' },
    );
    expect(signed.status).toBe(200);
    expect(signed.headers.get('etag')).toBe('"2"');
    expect(signed.body.signOff).toMatchObject({ signerName: 'Erika Müller' });
    expect(signed.body.pricing).toMatchObject({ net: '197.45', vat: '37.52', gross: '234.97' });

    const [row] = (await ds.query(
      `SELECT signer_name, signed_by, signed_at, signed_snapshot, signature_document_id, pdf_document_id
         FROM service_reports WHERE ticket_id = $1`,
      [id],
    )) as Array<{
      signer_name: string;
      signed_by: string;
      signed_at: Date;
      signed_snapshot: { net: string; vat: string; gross: string; lines: Array<{ amount: string }> };
      signature_document_id: string;
      pdf_document_id: string;
    }>;
    expect(row).toMatchObject({ signer_name: 'Erika Müller', signed_by: tech.user.id });
    expect(row?.signed_snapshot).toMatchObject({ net: '197.45', vat: '37.52', gross: '234.97' });
    expect(row?.signed_snapshot.lines.map((l) => l.amount)).toEqual(signed.body.pricing?.lines.map((l) => l.amount));

    const docs = await agent.get<DocumentListResponse>(`/api/tickets/${id}/documents`);
    const byId = new Map(docs.body.items.map((d) => [d.id, d]));
    expect(byId.get(row?.signature_document_id ?? '')).toMatchObject({
      documentClass: 'service-report',
      contentType: 'image/png',
      customerVisible: false,
    });
    expect(byId.get(row?.pdf_document_id ?? '')).toMatchObject({
      documentClass: 'service-report',
      contentType: 'application/pdf',
      customerVisible: true,
    });
    const stored = await download(agent, `/api/documents/${row?.signature_document_id}/content`);
    expect(stored.bytes.equals(Buffer.from(SIGNATURE.split(',')[1] ?? '', 'base64'))).toBe(true);

    const timeline = await agent.get<TicketTimelineResponse>(`/api/tickets/${id}/timeline`);
    const event = timeline.body.items.find((e) => e.type === 'service_report_signed');
    expect(event?.payload).toMatchObject({ signerName: 'Erika Müller', net: '197.45', gross: '234.97' });

    const frozen = await agent.patch<ApiError>(path, { emergency: true }, { 'if-match': '"2"' });
    expect(frozen.status).toBe(409);
    expect(frozen.body.message).toContain('signed off by Erika Müller');
    const again = await tech.post<ApiError>(
      `${path}/sign-off`,
      { signerName: 'Jemand', signature: SIGNATURE },
      { 'if-match': '"2"' },
    );
    expect(again.status).toBe(409);
    const report = await agent.get<ServiceReportView>(path);
    expect(report.body.signOff?.pdfDocumentId).toBe(row?.pdf_document_id);
    expect(report.body.choices.emergency).toBe(false);
  });

  it('stores and serves the PDF in German and English with net, gross and the signer', async () => {
    const id = await callOut();
    const signed = await tech.post<ServiceReportView>(
      `/api/tickets/${id}/service-report/sign-off`,
      { signerName: 'Erika Müller', signature: SIGNATURE, lang: 'en' },
      { 'if-match': '"1"' },
    );
    expect(signed.status).toBe(200);
    const stored = await download(customer, `/api/documents/${signed.body.signOff?.pdfDocumentId}/content`);
    expect(stored.status).toBe(200);
    expect(pdfText(stored.bytes)).toContain('€197.45');

    const de = await download(customer, `/api/tickets/${id}/service-report.pdf?lang=de`);
    expect(de.status).toBe(200);
    expect(de.type).toBe('application/pdf');
    const text = pdfText(de.bytes);
    for (const expected of ['Leistungsnachweis', 'Netto', '197,45 €', '37,52 €', '234,97 €', 'Erika Müller']) {
      expect(text).toContain(expected);
    }
    expect(de.bytes.toString('latin1')).toMatch(/\/Subtype \/Image/);
    const en = pdfText((await download(agent, `/api/tickets/${id}/service-report.pdf?lang=en`)).bytes);
    for (const expected of ['Service report', 'Gross', '€197.45', '€234.97', 'Signed by: Erika Müller']) {
      expect(en).toContain(expected);
    }
    expect((await download(agent, `/api/tickets/${id}/service-report.pdf?lang=fr`)).status).toBe(400);
  });

  it('shows the signed report to the ticket’s own customers only, without internal fields', async () => {
    const id = await callOut();
    const path = `/api/tickets/${id}/service-report`;
    expect((await customer.get(`${path}/signed`)).status).toBe(403);
    expect((await download(customer, `${path.replace(/\/service-report$/, '')}/service-report.pdf`)).status).toBe(403);
    expect((await agent.get(`${path}/signed`)).status).toBe(409);
    const signed = await tech.post(
      `${path}/sign-off`,
      { signerName: 'Erika Müller', signature: SIGNATURE },
      {
        'if-match': '"1"',
      },
    );
    expect(signed.status).toBe(200);
    const view = await customer.get<CustomerServiceReportView>(`${path}/signed`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ net: '197.45', vat: '37.52', gross: '234.97' });
    expect(view.body.signOff).toMatchObject({ signerName: 'Erika Müller', signatureDocumentId: null });
    const json = JSON.stringify(view.body);
    expect(json).not.toContain(tech.user.id);
    expect(json).not.toContain('discountable');
    expect(json).not.toContain('"notes"');
    expect((await customer.get(path)).status).toBe(403);
    expect((await foreignCustomer.get(`${path}/signed`)).status).toBe(404);
    expect((await download(foreignCustomer, `/api/tickets/${id}/service-report.pdf`)).status).toBe(404);
  });

  it('lets only the assigned technician or staff sign, after the restore, with If-Match', async () => {
    const id = await callOut('on_site');
    const path = `/api/tickets/${id}/service-report/sign-off`;
    const body = { signerName: 'Erika Müller', signature: SIGNATURE };
    const early = await tech.post<ApiError>(path, body, { 'if-match': '"1"' });
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('after the restore');
    expect((await tech.post(`/api/tickets/${id}/restore`, {})).status).toBe(200);
    expect((await otherTech.post(path, body, { 'if-match': '"1"' })).status).toBe(403);
    expect((await customer.post(path, body, { 'if-match': '"1"' })).status).toBe(403);
    expect((await tech.post(path, body)).status).toBe(428);
    expect((await tech.post(path, body, { 'if-match': '"0"' })).status).toBe(412);
    expect((await agent.post(path, body, { 'if-match': '"1"' })).status).toBe(200);
  });

  it('refuses a missing name or a bad image with 400 naming the field, and writes nothing', async () => {
    const id = await callOut();
    const path = `/api/tickets/${id}/service-report/sign-off`;
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ signature: SIGNATURE }, 'signerName'],
      [{ signerName: '   ', signature: SIGNATURE }, 'signerName'],
      [{ signerName: 'x'.repeat(201), signature: SIGNATURE }, 'signerName'],
      [{ signerName: 'Erika Müller' }, 'signature'],
      [{ signerName: 'Erika Müller', signature: 'not an image' }, 'signature'],
      [{ signerName: 'Erika Müller', signature: dataUrl(jpeg) }, 'signature'],
      [{ signerName: 'Erika Müller', signature: dataUrl(Buffer.from('hello world, no PNG')) }, 'signature'],
      [{ signerName: 'Erika Müller', signature: dataUrl(Buffer.alloc(300 * 1024, 1)) }, 'signature'],
      [{ signerName: 'Erika Müller', signature: SIGNATURE, lang: 'fr' }, 'lang'],
    ];
    for (const [body, field] of cases) {
      const r = await tech.post<ApiError>(path, body, { 'if-match': '"1"' });
      expect({ field, status: r.status }).toEqual({ field, status: 400 });
      expect(r.body.fields?.map((f) => f.field).join(' ')).toContain(field);
    }
    const [row] = (await ds.query(`SELECT signed_at FROM service_reports WHERE ticket_id = $1`, [id])) as Array<{
      signed_at: Date | null;
    }>;
    expect(row?.signed_at).toBeNull();
    const docs = await agent.get<DocumentListResponse>(`/api/tickets/${id}/documents`);
    expect(docs.body.items).toEqual([]);
  });
});
