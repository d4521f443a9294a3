import { buildTicketListQuery } from '@leitstand/backend/tickets';
import { ServiceProcess, createTestEnv, type TestEnv } from '@leitstand/backend/testing';
import { createTenantWorld, signIn, type Client } from './ticket-test-world';

interface Page {
  items: Array<{ id: string; number: string; title: string; tenantId: string }>;
  nextCursor: string | null;
}

/**
 * GET /api/tickets?q= (issue 18): every word matches the number, title, asset code or name as a substring
 * (pg_trgm), or — a word of letters — title, description or reporter by German full-text prefix; a customer
 * finds only its own tenant's tickets, whatever it types.
 */
describe('ticket search', () => {
  let env: TestEnv;
  let api: ServiceProcess;
  let agent: Client;
  let customer: Client;
  let otherCustomer: Client;
  const numbers: Record<string, string> = {};

  beforeAll(async () => {
    env = await createTestEnv('ticket_search');
    api = await ServiceProcess.start('api', env.env);
    const mine = await createTenantWorld(env.dataSource);
    const other = await createTenantWorld(env.dataSource);
    await env.dataSource.query(`UPDATE assets SET code = 'AZ-0815', name = 'Aufzug Haus 3' WHERE id = $1`, [
      mine.assetA,
    ]);
    await env.dataSource.query(`UPDATE assets SET code = 'RLT-0042', name = 'Lüftungszentrale' WHERE id = $1`, [
      other.assetA,
    ]);
    agent = await signIn(env.dataSource, api.baseUrl, 'agent');
    customer = await signIn(env.dataSource, api.baseUrl, 'customer', { tenantId: mine.tenantId });
    otherCustomer = await signIn(env.dataSource, api.baseUrl, 'customer', { tenantId: other.tenantId });
    const report = async (key: string, body: Record<string, unknown>) => {
      const res = await agent.post<{ number: string }>('/api/tickets', { channel: 'phone', ...body });
      if (res.status !== 201) throw new Error(`report ${key}: ${res.status} ${JSON.stringify(res.body)}`);
      numbers[key] = res.body.number;
    };
    await report('lift', {
      siteId: mine.siteId,
      assetId: mine.assetA,
      title: 'Fahrkorb steht zwischen den Etagen',
      description: 'Die Hydraulik verliert Öl, der Notruf wurde ausgelöst.',
      reporter: 'Frau Müller, Empfang',
    });
    await report('door', {
      siteId: mine.siteId,
      assetId: mine.assetC,
      title: 'Rolltor schließt nicht',
      description: 'Lichtschranke verschmutzt?',
      reporter: 'Herr Schmidt',
    });
    await report('camera', {
      siteId: mine.siteId,
      title: 'Kamera 50% ausgefallen',
      reporter: 'Herr Schmidt',
      priority: 'C',
    });
    await report('foreign', {
      siteId: other.siteId,
      assetId: other.assetA,
      title: 'Lüftung laut, Hydraulik tropft',
      description: 'Kamera am Eingang ebenfalls defekt.',
      reporter: 'Frau Müller',
    });
  });

  afterAll(async () => {
    await api?.stop();
    await env?.cleanup();
  });

  const search = async (who: Client, q: string, extra = ''): Promise<string[]> => {
    const res = await who.get<Page>(`/api/tickets?limit=100&q=${encodeURIComponent(q)}${extra}`);
    expect(res.status).toBe(200);
    return res.body.items.map((t) => t.number).sort();
  };
  const keysOf = (...keys: string[]): string[] => keys.map((k) => numbers[k] as string).sort();

  it('finds a ticket by its number, whole or in part', async () => {
    expect(await search(agent, numbers['door'] as string)).toEqual(keysOf('door'));
    expect(await search(agent, (numbers['camera'] as string).slice(-6))).toEqual(keysOf('camera'));
  });

  it('finds the tickets of an asset by its code and by its name', async () => {
    expect(await search(agent, 'az-0815')).toEqual(keysOf('lift'));
    expect(await search(agent, '0815')).toEqual(keysOf('lift'));
    expect(await search(agent, 'Aufzug haus')).toEqual(keysOf('lift'));
    expect(await search(agent, 'RLT-0042')).toEqual(keysOf('foreign'));
  });

  it('finds words of title, description and reporter by German stem and prefix', async () => {
    // "Etage" is the stem of "Etagen"; "Hydr" a prefix; "Müller" the reporter; "verschmutzt" the description.
    expect(await search(agent, 'Etage')).toEqual(keysOf('lift'));
    expect(await search(agent, 'hydr')).toEqual(keysOf('lift', 'foreign'));
    expect(await search(agent, 'müller')).toEqual(keysOf('lift', 'foreign'));
    expect(await search(agent, 'verschmutzt')).toEqual(keysOf('door'));
    expect(await search(agent, 'Schließen')).toEqual(keysOf('door')); // "schließt" and "Schließen" share a stem
  });

  it('needs every word to match, each in any field; % and _ are literal', async () => {
    expect(await search(agent, 'schmidt kamera')).toEqual(keysOf('camera'));
    expect(await search(agent, 'müller lüftung')).toEqual(keysOf('foreign'));
    expect(await search(agent, 'müller rolltor')).toEqual([]);
    expect(await search(agent, '50%')).toEqual(keysOf('camera'));
    expect(await search(agent, '5_%')).toEqual([]);
  });

  it('keeps the other filters and both sorts', async () => {
    expect(await search(agent, 'hydraulik', '&open=true&sort=newest')).toEqual(keysOf('lift', 'foreign'));
    expect(await search(agent, 'hydraulik', '&status=closed')).toEqual([]);
  });

  it('a customer finds only its own tickets, whatever matches elsewhere', async () => {
    expect(await search(customer, 'hydraulik')).toEqual(keysOf('lift'));
    expect(await search(customer, 'kamera')).toEqual(keysOf('camera'));
    expect(await search(customer, 'RLT-0042')).toEqual([]);
    expect(await search(customer, numbers['foreign'] as string)).toEqual([]);
    expect(await search(customer, 'Lüftungszentrale')).toEqual([]);
    expect(await search(otherCustomer, 'hydraulik')).toEqual(keysOf('foreign'));
    expect(await search(otherCustomer, 'az-0815')).toEqual([]);
    expect(await search(otherCustomer, numbers['lift'] as string)).toEqual([]);
  });

  it('an overlong search or one of more than 8 words is 400 naming q', async () => {
    const fields = async (q: string) => {
      const res = await agent.get<{ fields: Array<{ field: string }> }>(`/api/tickets?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(400);
      return res.body.fields.map((f) => f.field);
    };
    expect(await fields('x'.repeat(101))).toEqual(['q']);
    expect(await fields('a b c d e f g h i')).toEqual(['q']);
    const ok = await agent.get<Page>(`/api/tickets?q=${encodeURIComponent('  a b c d e f g h  ')}`);
    expect(ok.status).toBe(200);
    const repeated = await agent.get<{ fields: Array<{ field: string }> }>('/api/tickets?q=a&q=b');
    expect(repeated.status).toBe(400);
    expect(repeated.body.fields.map((f) => f.field)).toEqual(['q']);
  });

  it('finds a changed description at once (the trigger keeps search_vector)', async () => {
    const page = await agent.get<Page>(`/api/tickets?q=${encodeURIComponent(numbers['door'] as string)}`);
    const door = page.body.items[0];
    const detail = await agent.get<{ version: number }>(`/api/tickets/${door?.id}`);
    const res = await agent.patch(
      `/api/tickets/${door?.id}`,
      { description: 'Antrieb blockiert' },
      { 'if-match': `"${detail.body.version}"` },
    );
    expect(res.status).toBe(200);
    expect(await search(agent, 'blockiert')).toEqual(keysOf('door'));
    expect(await search(agent, 'verschmutzt')).toEqual([]);
  });

  it('pages through many matches in the queue order, the same whichever way the rows were found', async () => {
    const [{ tenant_id: tenantId, site_id: siteId } = { tenant_id: '', site_id: '' }] = (await env.dataSource.query(
      `SELECT tenant_id, site_id FROM tickets WHERE number = $1`,
      [numbers['lift']],
    )) as Array<{ tenant_id: string; site_id: string }>;
    // 60 tickets about a pump, with and without deadlines: more matches than a page, so the walk answers.
    await env.dataSource.query(
      `INSERT INTO tickets (number, tenant_id, site_id, title, description, priority, status, fault_began_at, created_at,
         next_deadline, asset_down, in_scope, version)
       SELECT 'PU-' || lpad(g::text, 3, '0'), $1, $2, 'Störung ' || g, 'Pumpe ' || g || ' läuft trocken', 'B', 'new',
              now(), now() - g * interval '1 minute', CASE WHEN g % 3 = 0 THEN NULL ELSE now() + (g % 7) * interval '1 hour' END,
              false, true, 1
         FROM generate_series(1, 60) g`,
      [tenantId, siteId],
    );
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const after: string = cursor ? `&cursor=${cursor}` : '';
      const res: { status: number; body: Page } = await customer.get<Page>(`/api/tickets?q=pumpe&limit=7${after}`);
      expect(res.status).toBe(200);
      paged.push(...res.body.items.map((t) => t.number));
      cursor = res.body.nextCursor;
    } while (cursor !== null && paged.length < 200);
    const user = {
      id: customer.user.id,
      email: 'c@example.test',
      displayName: 'c',
      role: 'customer' as const,
      tenantId,
      tenantIds: [tenantId],
      sessionId: 'c',
    };
    const hits = buildTicketListQuery(user, { q: 'pumpe' }, 1000, 'hits');
    const walk = buildTicketListQuery(user, { q: 'pumpe' }, 1000, 'walk');
    const numbersOf = async (b: { sql: string; params: unknown[] }) =>
      ((await env.dataSource.query(b.sql, b.params)) as Array<{ number: string }>).map((r) => r.number);
    expect(paged).toHaveLength(60);
    expect(await numbersOf(hits)).toEqual(paged);
    expect(await numbersOf(walk)).toEqual(paged);
  });

  it('can use the search indexes: full text for words, trigrams for codes (the query uses the indexed expressions)', async () => {
    const runner = env.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query(`SET LOCAL enable_seqscan = off`);
      await runner.query(`SET LOCAL enable_indexscan = off`);
      const staff = {
        id: agent.user.id,
        email: 'x@example.test',
        displayName: 'x',
        role: 'agent' as const,
        tenantId: null,
        tenantIds: 'all' as const,
        sessionId: 'x',
      };
      const plan = async (q: string): Promise<string> => {
        const built = buildTicketListQuery(staff, { q }, 51, 'hits');
        const rows = (await runner.query(`EXPLAIN ${built.sql}`, built.params)) as Array<{ 'QUERY PLAN': string }>;
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      };
      const word = await plan('hydraulik');
      expect(word).toContain('ix_tickets_search_fts');
      expect(word).toContain('ix_tickets_asset_fault');
      expect(word).not.toContain('ix_tickets_search_trgm');
      const code = await plan('az-0815');
      expect(code).toContain('ix_tickets_search_trgm');
      expect(code).toContain('ix_tickets_asset_fault');
      expect(code).not.toContain('ix_tickets_search_fts');
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
  });
});
