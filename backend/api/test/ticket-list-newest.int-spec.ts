import { ServiceProcess, createTestEnv, type TestEnv } from '@leitstand/backend/testing';
import { createTenantWorld, signIn, type Client } from './ticket-test-world';

interface Page {
  items: Array<{ id: string; number: string; title: string; status: string; createdAt: string }>;
  nextCursor: string | null;
}

/**
 * GET /api/tickets?sort=newest&q=: the customer portal's list. Before, the portal asked for one page of 200
 * by nearest deadline, so a customer with 250 tickets saw only the oldest closed ones and never a new one.
 */
describe('ticket list: newest first with paging and search', () => {
  let env: TestEnv;
  let api: ServiceProcess;
  let customer: Client;
  const TOTAL = 250;

  beforeAll(async () => {
    env = await createTestEnv('list_newest');
    api = await ServiceProcess.start('api', env.env);
    const world = await createTenantWorld(env.dataSource);
    // The search also matches asset codes: the fixture's random hex code (AS-1a24…) must not contain the
    // digits searched for below, or every ticket on the asset would match now and then.
    await env.dataSource.query(`UPDATE assets SET code = 'AZ-EINS' WHERE id = $1`, [world.assetA]);
    // 250 tickets, one an hour from 2026-06-01: the first 200 closed (June), the last 50 open; every tenth on
    // asset A ("Aufzug 1"), the rest on no asset; a second tenant's ticket that the customer must not see.
    await env.dataSource.query(
      `INSERT INTO tickets (number, tenant_id, site_id, asset_id, title, priority, status, fault_began_at, created_at,
         asset_down, in_scope, closed_at, version)
       SELECT 'P-' || lpad(g::text, 4, '0'), $1, $2, CASE WHEN g % 10 = 0 THEN $3::uuid END,
              CASE WHEN g = 137 THEN 'Tür klemmt 50% offen' ELSE 'Störung ' || g END, 'C',
              CASE WHEN g <= 200 THEN 'closed' ELSE 'new' END,
              ts, ts, false, true, CASE WHEN g <= 200 THEN ts + interval '1 hour' END, 1
         FROM generate_series(1, $4::int) g, LATERAL (SELECT timestamptz '2026-06-01 00:00Z' + g * interval '1 hour' AS ts) x`,
      [world.tenantId, world.siteId, world.assetA, TOTAL],
    );
    const other = await createTenantWorld(env.dataSource);
    await env.dataSource.query(
      `INSERT INTO tickets (number, tenant_id, site_id, title, priority, status, fault_began_at, asset_down, in_scope, version)
       VALUES ('X-0001', $1, $2, 'Störung fremd', 'C', 'new', now(), false, true, 1)`,
      [other.tenantId, other.siteId],
    );
    customer = await signIn(env.dataSource, api.baseUrl, 'customer', { tenantId: world.tenantId });
  });

  afterAll(async () => {
    await api?.stop();
    await env?.cleanup();
  });

  it('pages through every ticket newest first, without gaps or repeats', async () => {
    const numbers: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const after: string = cursor ? `&cursor=${cursor}` : '';
      const res: { status: number; body: Page } = await customer.get<Page>(`/api/tickets?sort=newest&limit=25${after}`);
      expect(res.status).toBe(200);
      numbers.push(...res.body.items.map((t) => t.number));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor !== null && pages < 20);
    expect(pages).toBe(10);
    expect(numbers).toHaveLength(TOTAL);
    expect(new Set(numbers).size).toBe(TOTAL);
    expect(numbers[0]).toBe('P-0250');
    expect(numbers.at(-1)).toBe('P-0001');
    expect(numbers).toEqual([...numbers].sort().reverse());
  });

  it('searches number, title and asset name, every word; % and _ are literal', async () => {
    const search = async (q: string) =>
      (await customer.get<Page>(`/api/tickets?sort=newest&limit=100&q=${encodeURIComponent(q)}`)).body.items.map(
        (t) => t.number,
      );
    expect(await search('P-0042')).toEqual(['P-0042']);
    expect(await search('störung 24')).toEqual([
      'P-0249',
      'P-0248',
      'P-0247',
      'P-0246',
      'P-0245',
      'P-0244',
      'P-0243',
      'P-0242',
      'P-0241',
      'P-0240',
      'P-0224',
      'P-0124',
      'P-0024',
    ]);
    expect((await search('aufzug')).length).toBe(25);
    expect(await search('50%')).toEqual(['P-0137']);
    expect(await search('5_%')).toEqual([]);
    expect(await search('fremd')).toEqual([]);
  });

  it('a bad sort, an overlong search or a cursor of the other sort is 400 naming the field', async () => {
    const field = async (path: string) => {
      const res = await customer.get<{ fields: Array<{ field: string }> }>(path);
      expect(res.status).toBe(400);
      return res.body.fields.map((f) => f.field);
    };
    expect(await field('/api/tickets?sort=oldest')).toEqual(['sort']);
    expect(await field(`/api/tickets?q=${'x'.repeat(101)}`)).toEqual(['q']);
    const deadlinePage = await customer.get<Page>('/api/tickets?limit=5');
    expect(deadlinePage.body.nextCursor).not.toBeNull();
    expect(await field(`/api/tickets?sort=newest&cursor=${deadlinePage.body.nextCursor}`)).toEqual(['cursor']);
  });
});
