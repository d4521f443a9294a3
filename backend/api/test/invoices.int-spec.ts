import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { JSDOM } from 'jsdom';
import { QueueRegistry } from '@leitstand/backend/jobs';
import type { DataSource } from 'typeorm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiError, CostView, InvoiceSummaryView, InvoiceView, ServiceReportView } from '@leitstand/api-contracts';
import {
  ServiceProcess,
  createSite,
  createTenant,
  WORKSPACE_ROOT,
  createTestEnv,
  waitFor,
  type TestEnv,
} from '@leitstand/backend/testing';
import { Dec, toMoneyString } from '@leitstand/domain';
import { createContract, signIn, type Client } from './ticket-test-world';

const PERIOD = '2026-10';
const ifMatch = (v: { version?: number }) => ({ 'if-match': `"${String(v.version)}"` });

/**
 * Invoices (issue 16) on a real API process and PostgreSQL: the billing run drafts a contract's month from its
 * cost (the same figures as GET /api/contracts/:id/costs), a manager approves, issuing numbers gaplessly per
 * year (20 concurrent issues → 20 consecutive numbers), the database refuses any change of an issued invoice,
 * a credit note negates and references the original; every endpoint scoped by tenant, bad input named.
 */
describe('invoices', () => {
  let env: TestEnv;
  let api: ServiceProcess;
  let worker: ServiceProcess;
  let ds: DataSource;
  let manager: Client;
  let admin: Client;
  let agent: Client;
  let customer: Client;
  let foreignManager: Client;
  let foreignCustomer: Client;
  let tenantId: string;
  let siteId: string;
  let contractId: string;

  beforeAll(async () => {
    env = await createTestEnv('invoices');
    [api, worker] = await Promise.all([ServiceProcess.start('api', env.env), ServiceProcess.start('worker', env.env)]);
    ds = env.dataSource;
    const tenant = await createTenant(ds, 'Wohnbau Rechnung GmbH');
    tenantId = tenant.id;
    siteId = (await createSite(ds, tenantId, { name: 'Wohnanlage Süd' })).id;
    contractId = await createContract(ds, tenantId, [siteId]);
    manager = await signIn(ds, api.baseUrl, 'manager', { servesTenantIds: [tenantId] });
    admin = await signIn(ds, api.baseUrl, 'admin');
    agent = await signIn(ds, api.baseUrl, 'agent');
    customer = await signIn(ds, api.baseUrl, 'customer', { tenantId });
    const foreign = await createTenant(ds);
    foreignManager = await signIn(ds, api.baseUrl, 'manager', { servesTenantIds: [foreign.id] });
    foreignCustomer = await signIn(ds, api.baseUrl, 'customer', { tenantId: foreign.id });
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await env?.cleanup();
  });

  const run = (c: Client, id: string, period: string) =>
    c.post<InvoiceView>(`/api/contracts/${id}/invoices/run?period=${encodeURIComponent(period)}`);

  let draft: InvoiceView;

  it('drafts the month from the contract’s cost: flat-fee line, totals = Σ rounded lines, VAT 19 %', async () => {
    const res = await run(manager, contractId, PERIOD);
    expect(res.status).toBe(200);
    draft = res.body;
    const cost = await manager.get<CostView>(`/api/contracts/${contractId}/costs?period=${PERIOD}`);
    expect(cost.status).toBe(200);
    expect(draft).toMatchObject({ status: 'draft', number: null, kind: 'invoice', period: PERIOD, tenantId });
    expect(draft.periodFrom).toBe('2026-10-01');
    expect(draft.periodTo).toBe('2026-11-01');
    const flat = cost.body.lines.find((l) => l.id === 'flat-fees');
    expect(draft.lines.map((l) => [l.kind, l.quantity, l.unitPrice, l.net, l.vatCategory, l.vatRate])).toEqual([
      ['flat-fee', '1', flat?.amount, flat?.amount, 'S', '19'],
    ]);
    // the contract's annual volume / 12 (whole month), as the cost endpoint computes it
    const [contract] = (await ds.query(`SELECT annual_volume::text AS v FROM contracts WHERE id = $1`, [
      contractId,
    ])) as {
      v: string;
    }[];
    expect(flat?.amount).toBe(toMoneyString(new Dec(contract?.v ?? '0').div(12)));
    expect(draft.net).toBe(cost.body.total);
    const net = draft.lines.reduce((a, l) => a.plus(l.net), new Dec(0));
    expect(draft.net).toBe(toMoneyString(net));
    expect(draft.vat).toBe(toMoneyString(net.times('0.19')));
    expect(draft.gross).toBe(toMoneyString(net.plus(draft.vat)));
    expect(res.headers.get('etag')).toBe(`"${draft.version}"`);
  });

  it('bills each billable service report as its own line at the net its service report shows', async () => {
    const data = readFileSync(
      join(WORKSPACE_ROOT, 'libs/demo-data/data/price-lists/seed-003-service-price-list.json'),
      'utf8',
    );
    const [pl] = (await ds.query(
      `INSERT INTO price_lists (key, name, valid_from, data, version) VALUES ('inv-003', 'Seed 003', '2022-01-01', $1::jsonb, 1) RETURNING id`,
      [data],
    )) as { id: string }[];
    const site = (await createSite(ds, tenantId, { name: 'Wohnanlage 20 km' })).id;
    await ds.query(`UPDATE sites SET distance_km = 20 WHERE id = $1`, [site]);
    const contract = await createContract(ds, tenantId, [site], { priceListId: pl?.id ?? '' });
    // seed 003's weekday call-out: Tuesday 2026-10-13 09:00 Berlin, travel 20 min, on site 35, travel back 15
    const ticketIds: string[] = [];
    for (const [n, start] of [
      [1, '2026-10-13T07:00:00Z'],
      [2, '2026-10-20T07:00:00Z'],
    ] as const) {
      const [t] = (await ds.query(
        `INSERT INTO tickets (number, tenant_id, site_id, contract_id, title, priority, status, channel, fault_began_at,
           asset_down, in_scope, restored_at, closed_at, created_at, updated_at, version)
         VALUES ($1, $2, $3, $4, 'Aufzug steht', 'B', 'closed', 'phone', $5, false, false, $5::timestamptz + interval '70 minutes',
           $5::timestamptz + interval '1 day', $5, $5, 1) RETURNING id`,
        [`2026-90000${n}`, tenantId, site, contract, start],
      )) as { id: string }[];
      await ds.query(
        `INSERT INTO work_logs (ticket_id, tenant_id, worker_id, role, kind, started_at, ended_at, created_by)
         SELECT $1, $2, $3, 'service-technician', p.kind, $4::timestamptz + p.a * interval '1 minute',
                $4::timestamptz + p.b * interval '1 minute', $3
           FROM (VALUES ('travel', 0, 20), ('work', 20, 55), ('travel', 55, 70)) AS p(kind, a, b)`,
        [t?.id, tenantId, manager.user.id, start],
      );
      ticketIds.push(String(t?.id));
    }
    const res = await run(manager, contract, PERIOD);
    expect(res.status).toBe(200);
    const reportLines = res.body.lines.filter((l) => l.kind === 'service-report');
    expect(reportLines).toHaveLength(2);
    for (const [i, id] of ticketIds.entries()) {
      const report = await manager.get<ServiceReportView>(`/api/tickets/${id}/service-report`);
      expect(report.status).toBe(200);
      expect(report.body.billable).toBe(true);
      expect(reportLines[i]).toMatchObject({
        description: `Leistungsnachweis Ticket 2026-90000${i + 1}`,
        quantity: '1',
        net: report.body.pricing?.net,
      });
    }
    const cost = await manager.get<CostView>(`/api/contracts/${contract}/costs?period=${PERIOD}`);
    expect(res.body.net).toBe(cost.body.total);
    const net = res.body.lines.reduce((a, l) => a.plus(l.net), new Dec(0));
    expect(res.body.net).toBe(toMoneyString(net));
    expect(res.body.vat).toBe(toMoneyString(net.times('0.19')));
  });

  it('replaces the draft on a second run (same id, next version)', async () => {
    const again = await run(admin, contractId, PERIOD);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(draft.id);
    expect(again.body.version).toBe((draft.version ?? 0) + 1);
    draft = again.body;
    expect(await rows(`SELECT 1 FROM invoices WHERE contract_id = $1`, [contractId])).toBe(1);
  });

  it('refuses a bad run: period malformed or outside the term 400 naming it; unknown, foreign 404; roles 403', async () => {
    for (const bad of ['2026-13', '2026', 'oct', '']) {
      const res = await run(manager, contractId, bad);
      expect(res.status).toBe(400);
      expect((res.body as unknown as ApiError).fields?.map((f) => f.field)).toEqual(['period']);
    }
    const outside = await run(manager, contractId, '2045-01');
    expect(outside.status).toBe(400);
    expect((outside.body as unknown as ApiError).fields?.map((f) => f.field)).toEqual(['period']);
    const noPeriod = await manager.post(`/api/contracts/${contractId}/invoices/run`);
    expect(noPeriod.status).toBe(400);
    expect((await run(manager, '00000000-0000-4000-8000-000000000000', PERIOD)).status).toBe(404);
    expect((await run(manager, 'not-a-uuid', PERIOD)).status).toBe(404);
    expect((await run(foreignManager, contractId, PERIOD)).status).toBe(404);
    expect((await run(agent, contractId, PERIOD)).status).toBe(403);
    expect((await run(customer, contractId, PERIOD)).status).toBe(403);
  });

  it('approves with If-Match only: 428 without, 412 stale, 400 malformed, 404 foreign, 403 agent, 409 twice', async () => {
    const path = `/api/invoices/${draft.id}/approve`;
    expect((await manager.post(path)).status).toBe(428);
    expect((await manager.post(path, {}, { 'if-match': '"999"' })).status).toBe(412);
    const malformed = await manager.post(path, {}, { 'if-match': 'abc' });
    expect(malformed.status).toBe(400);
    expect((malformed.body as unknown as ApiError).fields?.map((f) => f.field)).toEqual(['If-Match']);
    expect((await foreignManager.post(path, {}, ifMatch(draft))).status).toBe(404);
    expect((await agent.post(path, {}, ifMatch(draft))).status).toBe(403);
    expect((await customer.post(path, {}, ifMatch(draft))).status).toBe(403);
    expect((await manager.post(`/api/invoices/not-a-uuid/approve`, {}, ifMatch(draft))).status).toBe(404);
    const issueDraft = await manager.post(`/api/invoices/${draft.id}/issue`, {}, ifMatch(draft));
    expect(issueDraft.status).toBe(409);
    const ok = await manager.post<InvoiceView>(path, {}, ifMatch(draft));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'approved', approvedBy: manager.user.id, number: null });
    expect((await manager.post(path, {}, ifMatch(ok.body))).status).toBe(409);
    draft = ok.body;
  });

  let issued: InvoiceView;

  it('issues with the year’s next number; issuing twice is 409; a run of the issued month is 409', async () => {
    const path = `/api/invoices/${draft.id}/issue`;
    expect((await manager.post(path)).status).toBe(428);
    expect((await foreignManager.post(path, {}, ifMatch(draft))).status).toBe(404);
    expect((await agent.post(path, {}, ifMatch(draft))).status).toBe(403);
    const res = await manager.post<InvoiceView>(path, {}, ifMatch(draft));
    expect(res.status).toBe(200);
    issued = res.body;
    const year = new Date(issued.issuedAt ?? '').getUTCFullYear();
    expect(issued.number).toMatch(new RegExp(`^RE-${year}-\\d{6}$`));
    expect(issued.status).toBe('issued');
    const twice = await manager.post(path, {}, ifMatch(issued));
    expect(twice.status).toBe(409);
    expect((await manager.post(path, {}, ifMatch(draft))).status).toBe(412);
    expect((await run(manager, contractId, PERIOD)).status).toBe(409);
  });

  it('the database refuses UPDATE and DELETE of an issued invoice and of its lines', async () => {
    await expect(ds.query(`UPDATE invoices SET net = 0 WHERE id = $1`, [issued.id])).rejects.toThrow(/immutable/);
    await expect(ds.query(`UPDATE invoices SET number = 'RE-1999-000001' WHERE id = $1`, [issued.id])).rejects.toThrow(
      /immutable/,
    );
    // cancelling without a credit note that references it is refused too
    await expect(ds.query(`UPDATE invoices SET status = 'cancelled' WHERE id = $1`, [issued.id])).rejects.toThrow(
      /immutable/,
    );
    await expect(ds.query(`DELETE FROM invoices WHERE id = $1`, [issued.id])).rejects.toThrow(/immutable/);
    await expect(ds.query(`UPDATE invoice_lines SET net = 1 WHERE invoice_id = $1`, [issued.id])).rejects.toThrow(
      /immutable/,
    );
    await expect(ds.query(`DELETE FROM invoice_lines WHERE invoice_id = $1`, [issued.id])).rejects.toThrow(/immutable/);
    await expect(
      ds.query(
        `INSERT INTO invoice_lines (invoice_id, position, kind, description, quantity, unit, unit_price, net, vat_category, vat_rate)
         VALUES ($1, 99, 'flat-fee', 'x', 1, 'C62', 1, 1, 'S', 19)`,
        [issued.id],
      ),
    ).rejects.toThrow(/immutable/);
    const after = await manager.get<InvoiceView>(`/api/invoices/${issued.id}`);
    expect(after.body).toEqual(issued);
  });

  const CBC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';
  const CAC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2';
  /** The XRechnung of an invoice, parsed as XML (jsdom's XML parser; a malformed document throws). */
  async function xrechnung(c: Client, id: string): Promise<{ status: number; type: string; doc: Document | null }> {
    const res = await fetch(`${api.baseUrl}/api/invoices/${id}/xrechnung.xml`, { headers: c.session.headers });
    const body = await res.text();
    const doc = res.status === 200 ? new JSDOM(body, { contentType: 'application/xml' }).window.document : null;
    return { status: res.status, type: res.headers.get('content-type') ?? '', doc };
  }
  /** The element at a path of `cac:`/`cbc:` child names below `node`, e.g. ['cac:TaxTotal', 'cbc:TaxAmount']. */
  function at(node: Element, ...path: string[]): Element {
    let current = node;
    for (const step of path) {
      const [prefix, local] = step.split(':');
      const ns = prefix === 'cbc' ? CBC : CAC;
      const next = [...current.children].find((e) => e.namespaceURI === ns && e.localName === local);
      if (next === undefined) throw new Error(`no ${step} below ${current.localName} (path ${path.join('/')})`);
      current = next;
    }
    return current;
  }
  const text = (node: Element, ...path: string[]): string => at(node, ...path).textContent ?? '';

  it('the e-invoice (XRechnung UBL) of an issued invoice: generated and checked by the library, totals as issued', async () => {
    const res = await xrechnung(manager, issued.id);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^application\/xml/);
    const inv = res.doc?.documentElement as Element;
    expect([inv.namespaceURI, inv.localName]).toEqual([
      'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
      'Invoice',
    ]);
    expect(text(inv, 'cbc:CustomizationID')).toBe(
      'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0',
    );
    expect(text(inv, 'cbc:ID')).toBe(issued.number);
    expect(text(inv, 'cbc:InvoiceTypeCode')).toBe('380');
    expect(text(inv, 'cac:LegalMonetaryTotal', 'cbc:PayableAmount')).toBe(issued.gross);
    expect(at(inv, 'cac:LegalMonetaryTotal', 'cbc:PayableAmount').getAttribute('currencyID')).toBe('EUR');
    expect(text(inv, 'cac:LegalMonetaryTotal', 'cbc:TaxExclusiveAmount')).toBe(issued.net);
    expect(text(inv, 'cac:LegalMonetaryTotal', 'cbc:LineExtensionAmount')).toBe(issued.net);
    expect(text(inv, 'cac:TaxTotal', 'cbc:TaxAmount')).toBe(issued.vat);
    expect(text(inv, 'cac:TaxTotal', 'cac:TaxSubtotal', 'cbc:TaxableAmount')).toBe(issued.net);
    expect(text(inv, 'cac:TaxTotal', 'cac:TaxSubtotal', 'cac:TaxCategory', 'cbc:ID')).toBe('S');
    expect(text(inv, 'cac:TaxTotal', 'cac:TaxSubtotal', 'cac:TaxCategory', 'cbc:Percent')).toBe('19');
    const lines = [...inv.children].filter((e) => e.namespaceURI === CAC && e.localName === 'InvoiceLine');
    expect(lines.map((l) => text(l, 'cbc:LineExtensionAmount'))).toEqual(issued.lines.map((l) => l.net));
    // Σ line amounts = net, net + VAT = payable: the printed figures add up
    const sum = lines.reduce<Dec>((a, l) => a.plus(text(l, 'cbc:LineExtensionAmount')), new Dec(0));
    expect(toMoneyString(sum)).toBe(issued.net);
    expect(toMoneyString(sum.plus(issued.vat))).toBe(issued.gross);
    const seller = at(inv, 'cac:AccountingSupplierParty', 'cac:Party');
    expect(text(seller, 'cac:PartyTaxScheme', 'cbc:CompanyID')).toMatch(/^DE\d{9}$/);
    const buyer = at(inv, 'cac:AccountingCustomerParty', 'cac:Party');
    expect(text(buyer, 'cac:PartyLegalEntity', 'cbc:RegistrationName')).toBe('Wohnbau Rechnung GmbH');
    // the customer downloads its own; others 404; a draft has none (409)
    expect((await xrechnung(customer, issued.id)).status).toBe(200);
    expect((await xrechnung(foreignCustomer, issued.id)).status).toBe(404);
    expect((await xrechnung(foreignManager, issued.id)).status).toBe(404);
    expect((await xrechnung(agent, issued.id)).status).toBe(403);
    expect((await xrechnung(manager, 'not-a-uuid')).status).toBe(404);
    const other = await run(manager, await createContract(ds, tenantId, [siteId]), PERIOD);
    expect((await xrechnung(manager, other.body.id)).status).toBe(409);
  });

  it('customers read their own tenant’s issued invoices only, without internal fields; others 404', async () => {
    const own = await customer.get<InvoiceView>(`/api/invoices/${issued.id}`);
    expect(own.status).toBe(200);
    expect(own.body.number).toBe(issued.number);
    for (const key of ['notes', 'version', 'approvedBy', 'approvedAt']) expect(own.body).not.toHaveProperty(key);
    expect((await foreignCustomer.get(`/api/invoices/${issued.id}`)).status).toBe(404);
    expect((await foreignManager.get(`/api/invoices/${issued.id}`)).status).toBe(404);
    expect((await agent.get(`/api/invoices/${issued.id}`)).status).toBe(403);
    expect((await manager.get(`/api/invoices/not-a-uuid`)).status).toBe(404);
    const list = await customer.get<InvoiceSummaryView[]>(`/api/invoices`);
    expect(list.status).toBe(200);
    expect(list.body.map((i) => i.id)).toEqual([issued.id]);
    expect(list.body[0]).not.toHaveProperty('version');
    expect((await foreignCustomer.get<InvoiceSummaryView[]>(`/api/invoices`)).body).toEqual([]);
    expect((await foreignManager.get<InvoiceSummaryView[]>(`/api/invoices`)).body).toEqual([]);
  });

  it('lists by contract and status; bad filters 400 naming the field', async () => {
    const byStatus = await manager.get<InvoiceSummaryView[]>(`/api/invoices?contractId=${contractId}&status=issued`);
    expect(byStatus.status).toBe(200);
    expect(byStatus.body.map((i) => i.number)).toEqual([issued.number]);
    expect(
      (await manager.get<InvoiceSummaryView[]>(`/api/invoices?contractId=${contractId}&status=draft`)).body,
    ).toEqual([]);
    for (const [query, field] of [
      ['status=paid', 'status'],
      ['contractId=nope', 'contractId'],
      ['contractId=00000000-0000-4000-8000-000000000000', 'contractId'],
    ] as const) {
      const res = await manager.get(`/api/invoices?${query}`);
      expect(res.status).toBe(400);
      expect((res.body as unknown as ApiError).fields?.map((f) => f.field)).toEqual([field]);
    }
    const foreign = await foreignManager.get(`/api/invoices?contractId=${contractId}`);
    expect(foreign.status).toBe(400);
    expect((await agent.get(`/api/invoices`)).status).toBe(403);
  });

  it('a credit note negates every line, references the original, cancels it, and frees the month', async () => {
    expect((await foreignManager.post(`/api/invoices/${issued.id}/credit-note`)).status).toBe(404);
    expect((await agent.post(`/api/invoices/${issued.id}/credit-note`)).status).toBe(403);
    expect((await customer.post(`/api/invoices/${issued.id}/credit-note`)).status).toBe(403);
    expect((await manager.post(`/api/invoices/not-a-uuid/credit-note`)).status).toBe(404);
    const res = await manager.post<InvoiceView>(`/api/invoices/${issued.id}/credit-note`);
    expect(res.status).toBe(201);
    const note = res.body;
    expect(note).toMatchObject({
      kind: 'credit-note',
      status: 'issued',
      creditOf: { id: issued.id, number: issued.number },
      net: toMoneyString(new Dec(issued.net).negated()),
      vat: toMoneyString(new Dec(issued.vat).negated()),
      gross: toMoneyString(new Dec(issued.gross).negated()),
    });
    expect(note.number).toMatch(/^RE-\d{4}-\d{6}$/);
    expect(note.number).not.toBe(issued.number);
    expect(note.lines.map((l) => l.net)).toEqual(issued.lines.map((l) => toMoneyString(new Dec(l.net).negated())));
    expect(note.lines[0]?.description).toContain(String(issued.number));
    const original = await manager.get<InvoiceView>(`/api/invoices/${issued.id}`);
    expect(original.body.status).toBe('cancelled');
    expect(original.body.creditNotes).toEqual([{ id: note.id, number: note.number }]);
    expect(original.body.lines).toEqual(issued.lines);
    expect((await manager.post(`/api/invoices/${issued.id}/credit-note`)).status).toBe(409);
    expect((await manager.post(`/api/invoices/${note.id}/credit-note`)).status).toBe(409);
    // the cancelled original and the credit note stay immutable
    await expect(ds.query(`UPDATE invoices SET status = 'issued' WHERE id = $1`, [issued.id])).rejects.toThrow(
      /immutable/,
    );
    await expect(ds.query(`DELETE FROM invoices WHERE id = $1`, [note.id])).rejects.toThrow(/immutable/);
    const rerun = await run(manager, contractId, PERIOD);
    expect(rerun.status).toBe(200);
    expect(rerun.body.id).not.toBe(issued.id);
    const creditDraft = await manager.post(`/api/invoices/${rerun.body.id}/credit-note`);
    expect(creditDraft.status).toBe(409);
    // the credit note's e-invoice: a UBL CreditNote (381) with positive amounts referencing the original
    const xml = await xrechnung(manager, note.id);
    expect(xml.status).toBe(200);
    const cn = xml.doc?.documentElement as Element;
    expect(cn.localName).toBe('CreditNote');
    expect(text(cn, 'cbc:CreditNoteTypeCode')).toBe('381');
    expect(text(cn, 'cac:BillingReference', 'cac:InvoiceDocumentReference', 'cbc:ID')).toBe(issued.number);
    expect(text(cn, 'cac:LegalMonetaryTotal', 'cbc:PayableAmount')).toBe(issued.gross);
    expect(text(cn, 'cac:TaxTotal', 'cbc:TaxAmount')).toBe(issued.vat);
  });

  it('20 concurrent issues of 20 approved invoices get 20 distinct numbers without gaps', async () => {
    const approved: InvoiceView[] = [];
    for (let i = 0; i < 20; i++) {
      const site = (await createSite(ds, tenantId, { name: `Objekt ${i}` })).id;
      const contract = await createContract(ds, tenantId, [site]);
      const d = await run(manager, contract, '2026-11');
      expect(d.status).toBe(200);
      const a = await manager.post<InvoiceView>(`/api/invoices/${d.body.id}/approve`, {}, ifMatch(d.body));
      expect(a.status).toBe(200);
      approved.push(a.body);
    }
    const answers = await Promise.all(
      approved.map((inv) => manager.post<InvoiceView>(`/api/invoices/${inv.id}/issue`, {}, ifMatch(inv))),
    );
    expect(answers.map((a) => a.status)).toEqual(approved.map(() => 200));
    const numbers = answers.map((a) => String(a.body.number));
    expect(new Set(numbers).size).toBe(20);
    const seq = numbers.map((n) => Number(n.slice(-6))).sort((a, b) => a - b);
    expect(seq.map((n, i) => n - (seq[0] ?? 0) - i)).toEqual(seq.map(() => 0));
    // and the year's whole sequence (the first invoice and its credit note included) is 1 … N without a hole
    const all = (await ds.query(`SELECT number FROM invoices WHERE number IS NOT NULL ORDER BY number`)) as {
      number: string;
    }[];
    expect(all.map((r) => Number(r.number.slice(-6)))).toEqual(all.map((_, i) => i + 1));
    const [counter] = (await ds.query(`SELECT last_value FROM invoice_number_counters`)) as { last_value: number }[];
    expect(counter?.last_value).toBe(all.length);
  });

  it('the worker’s monthly billing run drafts every active contract once and is idempotent', async () => {
    const connection = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue('billing', { connection, prefix: env.queuePrefix });
    // with the registry's options (removeOnComplete: a completed run frees its deterministic id)
    const registry = new QueueRegistry(connection, env.queuePrefix);
    try {
      const schedulers = await waitFor(async () => {
        const list = await queue.getJobSchedulers();
        return list.length >= 1 ? list : null;
      }, 'billing job scheduler');
      expect(schedulers.map((s) => s.key)).toEqual(['billing-monthly']);
      // a contract whose term ended before the month is not billed
      const ended = (await createSite(ds, tenantId, { name: 'Altvertrag' })).id;
      const endedContract = await createContract(ds, tenantId, [ended]);
      await ds.query(`UPDATE contracts SET starts_on = '2020-01-01', ends_on = '2026-08-31' WHERE id = $1`, [
        endedContract,
      ]);
      const active = await rows(
        `SELECT 1 FROM contracts WHERE starts_on < '2026-10-01' AND (ends_on IS NULL OR ends_on >= '2026-09-01')`,
        [],
      );
      const period = '2026-09';
      const count = () => rows(`SELECT 1 FROM invoices WHERE period = $1`, [period]);
      await registry.add('billing.monthly-run', { reason: 'manual', period });
      await waitFor(async () => ((await count()) === active ? true : null), 'the first run’s drafts');
      // the job (deterministic id) is gone once it completed: only then may the same id be queued again
      await waitFor(
        async () => ((await queue.getJob(`billing-monthly-run.${period}`)) === undefined ? true : null),
        'the first run to complete',
      );
      const first = (await ds.query(`SELECT id, contract_id, version FROM invoices WHERE period = $1 ORDER BY id`, [
        period,
      ])) as { id: string; contract_id: string; version: number }[];
      expect(first.map((r) => r.contract_id)).not.toContain(endedContract);
      expect(new Set(first.map((r) => r.contract_id)).size).toBe(active);
      // a manager approves one; the second run replaces the drafts and keeps the approved one as it is
      const one = await manager.get<InvoiceView>(`/api/invoices/${first[0]?.id ?? ''}`);
      const approved = await manager.post<InvoiceView>(`/api/invoices/${one.body.id}/approve`, {}, ifMatch(one.body));
      expect(approved.status).toBe(200);
      await registry.add('billing.monthly-run', { reason: 'manual', period });
      const second = await waitFor(async () => {
        const r = (await ds.query(`SELECT id, status, version FROM invoices WHERE period = $1 ORDER BY id`, [
          period,
        ])) as {
          id: string;
          status: string;
          version: number;
        }[];
        return r.filter((x) => x.status === 'draft').every((x) => x.version === 2) ? r : null;
      }, 'the second run’s drafts');
      expect(second.map((r) => r.id)).toEqual(first.map((r) => r.id));
      expect(second.find((r) => r.id === one.body.id)).toMatchObject({ status: 'approved', version: 2 });
    } finally {
      await queue.close();
      await registry.close();
      connection.disconnect();
    }
  });

  async function rows(sql: string, params: unknown[]): Promise<number> {
    return ((await ds.query(sql, params)) as unknown[]).length;
  }
});
