import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import type { ApiError, ServiceReportView, TicketDetail } from '@leitstand/api-contracts';
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

const PRICE_LISTS = join(WORKSPACE_ROOT, 'libs/demo-data/data/price-lists');
const seed003 = JSON.parse(readFileSync(join(PRICE_LISTS, 'seed-003-service-price-list.json'), 'utf8')) as Record<
  string,
  unknown
>;
const ZONE = 'Europe/Berlin';

async function insertPriceList(ds: DataSource, key: string, validFrom: string, data: unknown): Promise<string> {
  const [row] = (await ds.query(
    `INSERT INTO price_lists (key, name, valid_from, data, version) VALUES ($1, $2, $3, $4::jsonb, 1) RETURNING id`,
    [key, `Servicepreisliste ${validFrom}`, validFrom, JSON.stringify(data)],
  )) as Array<{ id: string }>;
  return String(row?.id);
}

/**
 * The service report per ticket (issue 16) on a real API process and PostgreSQL: a ticket's work logs
 * and material priced by the contract's price list in the version valid on the work date (seed 003's
 * call-out: 197.45 net, 37.52 VAT, 234.97 gross; the order fee waived only for maintenance work), the
 * report's choices with If-Match, every refusal naming its field and writing nothing, and tenant scoping.
 */
describe('service report per ticket', () => {
  let env: TestEnv;
  let api: ServiceProcess;
  let ds: DataSource;
  let agent: Client;
  let tech: Client;
  let otherTech: Client;
  let customer: Client;
  let foreignManager: Client;
  let tenantId: string;
  let siteId: string;
  let assetId: string;
  let bareSiteId: string;

  /** An out-of-scope repair with seed 003's call-out logged: travel 20 min, on site 35, travel back 15. */
  async function callOut(localStart: string, options: { site?: string; inScope?: boolean } = {}): Promise<string> {
    const site = options.site ?? siteId;
    const created = await agent.post<TicketDetail>('/api/tickets', {
      siteId: site,
      ...(site === siteId ? { assetId } : { priority: 'B' }),
      title: 'Aufzug bleibt zwischen den Etagen stehen',
    });
    expect(created.status).toBe(201);
    const t = created.body;
    if (options.inScope !== true) {
      const patched = await agent.patch<TicketDetail>(
        `/api/tickets/${t.id}`,
        { inScope: false, scopeNote: 'Vandalismus: Tür aufgehebelt' },
        { 'if-match': `"${t.version}"` },
      );
      expect(patched.status).toBe(200);
    }
    const t0 = DateTime.fromISO(localStart, { zone: ZONE });
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
    return t.id;
  }

  beforeAll(async () => {
    env = await createTestEnv('service_report');
    api = await ServiceProcess.start('api', env.env);
    ds = env.dataSource;
    const tenant = await createTenant(ds, 'Wohnbau Test GmbH');
    tenantId = tenant.id;
    siteId = (await createSite(ds, tenantId, { name: 'Wohnanlage 20 km' })).id;
    await ds.query(`UPDATE sites SET distance_km = 20 WHERE id = $1`, [siteId]);
    bareSiteId = (await createSite(ds, tenantId, { name: 'Ohne Vertrag' })).id;
    assetId = (await createAsset(ds, tenantId, siteId, { assetClass: 'B', trade: 'elevators', name: 'Aufzug 1' })).id;
    // Two versions of seed 003's list (same document id): from 2022 as in the seed, from 2026-07-01 with 90.00 €/h.
    const v2022 = await insertPriceList(ds, 'seed-003-2022-01-01', '2022-01-01', seed003);
    const roles = (seed003['roles'] as Array<Record<string, unknown>>).map((r) =>
      r['id'] === 'service-technician' ? { ...r, hourlyRate: '90.00' } : r,
    );
    await insertPriceList(ds, 'seed-003-2026-07-01', '2026-07-01', { ...seed003, validFrom: '2026-07-01', roles });
    await createContract(ds, tenantId, [siteId], { priceListId: v2022 });
    agent = await signIn(ds, api.baseUrl, 'agent');
    tech = await signIn(ds, api.baseUrl, 'technician', {
      servesTenantIds: [tenantId],
      displayName: 'Kai Kundendienst',
    });
    otherTech = await signIn(ds, api.baseUrl, 'technician', { servesTenantIds: [tenantId] });
    customer = await signIn(ds, api.baseUrl, 'customer', { tenantId });
    const foreign = await createTenant(ds);
    foreignManager = await signIn(ds, api.baseUrl, 'manager', { servesTenantIds: [foreign.id] });
  });

  afterAll(async () => {
    await api?.stop();
    await env?.cleanup();
  });

  it('prices seed 003’s weekday call-out with the small-material flat: 197.45 net, 37.52 VAT, 234.97 gross', async () => {
    const id = await callOut('2026-03-10T10:00'); // Tuesday
    const before = await agent.get<ServiceReportView>(`/api/tickets/${id}/service-report`);
    expect(before.status).toBe(200);
    expect(before.headers.get('etag')).toBe('"0"');
    expect(before.body).toMatchObject({
      workDate: '2026-03-10',
      priceList: { key: 'seed-003-2022-01-01', validFrom: '2022-01-01' },
      travel: { method: 'distance', km: '20.0' },
      coveredByContract: false,
      billable: true,
      problems: [],
      version: 0,
    });
    // without the flat: 123.75 + 28.70 + 30.00
    expect(before.body.pricing?.net).toBe('182.45');

    const after = await agent.patch<ServiceReportView>(
      `/api/tickets/${id}/service-report`,
      { smallMaterial: true },
      { 'if-match': '"0"' },
    );
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).toBe('"1"');
    const p = after.body.pricing;
    expect(p?.lines.find((l) => l.category === 'labour')).toMatchObject({
      quantity: '3',
      unit: '½ h',
      unitPrice: '41.25',
      amount: '123.75',
      explanation: '3 × ½ h Kundendiensttechniker Di 10:00–11:10 à 82,50 €',
    });
    expect(p?.subtotals).toMatchObject({ labour: '123.75', fee: '43.70', travel: '30.00' });
    expect(p).toMatchObject({ net: '197.45', vatPercent: '19', vat: '37.52', gross: '234.97' });
    const again = await tech.get<ServiceReportView>(`/api/tickets/${id}/service-report`);
    expect(again.body.choices.smallMaterial).toBe(true);
    expect(again.body.version).toBe(1);
  });

  it('charges the order fee on an out-of-scope repair and waives it for maintenance work (Wed 09:00): 168.75', async () => {
    const id = await callOut('2026-03-11T09:00'); // Wednesday, inside Mon–Thu 07:00–17:00
    const repair = await agent.get<ServiceReportView>(`/api/tickets/${id}/service-report`);
    expect(repair.body.pricing?.lines.find((l) => l.key === 'fee/order-flat')?.amount).toBe('28.70');
    const maintenance = await agent.patch<ServiceReportView>(
      `/api/tickets/${id}/service-report`,
      { smallMaterial: true, workType: 'maintenance' },
      { 'if-match': '"0"' },
    );
    expect(maintenance.status).toBe(200);
    const fee = maintenance.body.pricing?.lines.find((l) => l.key === 'fee/order-flat');
    expect(fee).toMatchObject({ amount: '0.00', explanation: expect.stringContaining('entfällt') });
    expect(maintenance.body.pricing?.net).toBe('168.75');
  });

  it('prices in-scope work too, marked as covered by the contract and not billable', async () => {
    const id = await callOut('2026-03-11T09:00', { inScope: true });
    const r = await agent.get<ServiceReportView>(`/api/tickets/${id}/service-report`);
    expect(r.body).toMatchObject({ coveredByContract: true, billable: false });
    expect(r.body.pricing?.lines.find((l) => l.key === 'fee/order-flat')?.amount).toBe('0.00');
  });

  it('uses the price-list version valid on the work date (2026-07-01: 90.00 €/h)', async () => {
    const id = await callOut('2026-07-07T10:00'); // Tuesday
    const r = await agent.get<ServiceReportView>(`/api/tickets/${id}/service-report`);
    expect(r.body.priceList).toMatchObject({ key: 'seed-003-2026-07-01', validFrom: '2026-07-01' });
    expect(r.body.pricing?.subtotals.labour).toBe('135.00'); // 3 × ½ h × 90.00
  });

  it('refuses choices the price list cannot price with 400 naming the field, and writes nothing', async () => {
    const id = await callOut('2026-03-10T10:00');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ catalogItems: [{ code: '9 99 99', quantity: '1' }] }, 'catalogItems'],
      [{ discounts: ['cash'] }, 'discounts'],
      [{ travelMethod: 'zone' }, 'travelMethod'],
      [{ workType: 'overtime' }, 'workType'],
      [{ catalogItems: [{ code: 'x', quantity: '-1' }] }, 'catalogItems'],
      [{ smallMaterial: 'yes' }, 'smallMaterial'],
      [{ emergency: null }, 'emergency'],
    ];
    for (const [body, field] of cases) {
      const r = await agent.patch<ApiError>(`/api/tickets/${id}/service-report`, body, { 'if-match': '"0"' });
      expect(r.status).toBe(400);
      expect(r.body.fields?.map((f) => f.field).join(' ')).toContain(field);
    }
    expect(await ds.query(`SELECT 1 FROM service_reports WHERE ticket_id = $1`, [id])).toEqual([]);
  });

  it('needs If-Match and never loses a concurrent change (one of two writers gets 412)', async () => {
    const id = await callOut('2026-03-10T10:00');
    const path = `/api/tickets/${id}/service-report`;
    expect((await agent.patch(path, { emergency: true })).status).toBe(428);
    expect((await agent.patch(path, { emergency: true }, { 'if-match': 'soon' })).status).toBe(400);
    const [a, b] = await Promise.all([
      agent.patch<ServiceReportView>(path, { emergency: true }, { 'if-match': '"0"' }),
      agent.patch<ServiceReportView>(path, { smallMaterial: true }, { 'if-match': '"0"' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const stale = await agent.patch(path, { workType: 'maintenance' }, { 'if-match': '"0"' });
    expect(stale.status).toBe(412);
    const now = await agent.get<ServiceReportView>(path);
    expect(now.body.version).toBe(1);
    expect([now.body.choices.emergency, now.body.choices.smallMaterial].filter(Boolean)).toHaveLength(1);
  });

  it('lets staff and the assigned technician change it; customers and other tenants cannot see it', async () => {
    const id = await callOut('2026-03-10T10:00');
    const path = `/api/tickets/${id}/service-report`;
    const other = await otherTech.patch<ApiError>(path, { smallMaterial: true }, { 'if-match': '"0"' });
    expect(other.status).toBe(403);
    expect((await customer.get(path)).status).toBe(403);
    expect((await foreignManager.get(path)).status).toBe(404);
    expect((await agent.get('/api/tickets/not-a-uuid/service-report')).status).toBe(404);
    expect((await agent.get('/api/tickets/00000000-0000-4000-8000-000000000000/service-report')).status).toBe(404);

    const t = await agent.get<TicketDetail>(`/api/tickets/${id}`);
    const accepted = await agent.post<TicketDetail>(
      `/api/tickets/${id}/accept`,
      {},
      { 'if-match': `"${t.body.version}"` },
    );
    const dispatched = await agent.post(
      `/api/tickets/${id}/dispatch`,
      { assigneeId: tech.user.id },
      { 'if-match': `"${accepted.body.version}"` },
    );
    expect(dispatched.status).toBe(200);
    const own = await tech.patch<ServiceReportView>(path, { smallMaterial: true }, { 'if-match': '"0"' });
    expect(own.status).toBe(200);
    expect(own.body.pricing?.net).toBe('197.45');
  });

  it('says why a ticket without a contract cannot be priced instead of failing', async () => {
    const id = await callOut('2026-03-10T10:00', { site: bareSiteId });
    const r = await agent.get<ServiceReportView>(`/api/tickets/${id}/service-report`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ priceList: null, pricing: null, billable: false });
    expect(r.body.problems.map((p) => p.field)).toEqual(['contract.priceListId']);
  });
});
