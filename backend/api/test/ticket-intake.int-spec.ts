import type { DataSource } from 'typeorm';
import { ServiceProcess, createTestEnv, type TestEnv } from '@leitstand/backend/testing';
import type { AuthUser } from '@leitstand/backend/core';
import { buildTicketListQuery } from '@leitstand/backend/tickets';
import type { TicketDetail, TicketListResponse } from '@leitstand/api-contracts';
import { count, createTenantWorld, signIn, type Client } from './ticket-test-world';

type ApiErrorBody = { fields?: Array<{ field: string }>; message: string };

/** Intake, idempotency, the queue (filters, order, cursor, index use), tenancy and malformed input. */
describe('ticket intake and queue', () => {
  let env: TestEnv;
  let ds: DataSource;
  let api: ServiceProcess;
  let agent: Client;
  let a: Awaited<ReturnType<typeof createTenantWorld>>;
  let b: Awaited<ReturnType<typeof createTenantWorld>>;

  beforeAll(async () => {
    // A 30-minute timer horizon: an A ticket's response warning (11¼ min) is armed with the ticket; its restore
    // warning (45 min) and a C ticket's warnings (45 min, 6 h) are left to reconciliation.
    env = await createTestEnv('ticket_intake', { SLA_TIMER_HORIZON_MS: String(30 * 60_000) });
    ds = env.dataSource;
    api = await ServiceProcess.start('api', env.env);
    a = await createTenantWorld(ds);
    b = await createTenantWorld(ds);
    agent = await signIn(ds, api.baseUrl, 'agent');
  });

  afterAll(async () => {
    await api?.stop();
    await env?.cleanup();
  });

  const tickets = (): Promise<number> => count(ds, `SELECT count(*)::int AS n FROM tickets`);

  it('defaults the priority from the asset class and requires a reason for an override', async () => {
    const c = await agent.post<TicketDetail>('/api/tickets', {
      siteId: a.siteId,
      assetId: a.assetC,
      title: 'Tor 4 klemmt',
    });
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({
      priority: 'C',
      assetClass: 'C',
      assetName: 'Tor 4',
      siteName: 'Werk Nord',
      channel: 'phone',
    });
    expect(c.body.number).toMatch(/^\d{4}-\d{6}$/);
    expect(c.headers.get('etag')).toBe('"1"');

    const before = await tickets();
    const noReason = await agent.post<ApiErrorBody>('/api/tickets', {
      siteId: a.siteId,
      assetId: a.assetC,
      title: 'Tor 4 klemmt',
      priority: 'A',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields?.map((f) => f.field)).toEqual(['priorityReason']);
    expect(noReason.body.message).toContain('priorityReason');
    expect(await tickets()).toBe(before);

    const withReason = await agent.post<TicketDetail>('/api/tickets', {
      siteId: a.siteId,
      assetId: a.assetC,
      title: 'Tor 4 klemmt, Feuerwehrzufahrt',
      priority: 'A',
      priorityReason: 'Feuerwehrzufahrt blockiert',
    });
    expect(withReason.status).toBe(201);
    expect(withReason.body).toMatchObject({ priority: 'A', priorityReason: 'Feuerwehrzufahrt blockiert' });
    expect(Number(withReason.body.number.slice(5))).toBeGreaterThan(Number(c.body.number.slice(5)));
  });

  it('checks site, asset and fault time', async () => {
    const otherSite = await agent.post<ApiErrorBody>('/api/tickets', {
      siteId: a.bareSiteId,
      assetId: a.assetA,
      title: 'x',
    });
    expect(otherSite.status).toBe(400);
    expect(otherSite.body.fields?.map((f) => f.field)).toEqual(['assetId']);
    const foreignAsset = await agent.post('/api/tickets', { siteId: a.siteId, assetId: b.assetA, title: 'x' });
    expect(foreignAsset.status).toBe(404);
    const unknownSite = await agent.post('/api/tickets', {
      siteId: '00000000-0000-4000-8000-000000000000',
      title: 'x',
      priority: 'A',
    });
    expect(unknownSite.status).toBe(404);
    const future = await agent.post<ApiErrorBody>('/api/tickets', {
      siteId: a.siteId,
      assetId: a.assetA,
      title: 'x',
      faultBeganAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(future.status).toBe(400);
    expect(future.body.fields?.map((f) => f.field)).toEqual(['faultBeganAt']);
    const earlier = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const past = await agent.post<TicketDetail>('/api/tickets', {
      siteId: a.siteId,
      assetId: a.assetA,
      title: 'seit zwei Stunden aus',
      faultBeganAt: earlier,
      assetDown: true,
    });
    expect(past.status).toBe(201);
    expect(past.body.faultBeganAt).toBe(earlier);
  });

  it('sets inScope from the contract scope', async () => {
    await ds.query(`UPDATE contracts SET scope = $1::jsonb, version = version + 1 WHERE id = $2`, [
      JSON.stringify({ trades: ['elevators'] }),
      b.contractId,
    ]);
    const assetDoor = (await ds.query(`SELECT id FROM assets WHERE site_id = $1 AND asset_class = 'C'`, [
      b.siteId,
    ])) as Array<{ id: string }>;
    const door = await agent.post<TicketDetail>('/api/tickets', {
      siteId: b.siteId,
      assetId: assetDoor[0]?.id,
      title: 'Tor',
    });
    expect(door.body.inScope).toBe(false);
    const lift = await agent.post<TicketDetail>('/api/tickets', {
      siteId: b.siteId,
      assetId: b.assetA,
      title: 'Aufzug',
    });
    expect(lift.body.inScope).toBe(true);
  });

  describe('Idempotency-Key', () => {
    const body = (): Record<string, unknown> => ({
      siteId: a.siteId,
      assetId: a.assetA,
      title: 'Idempotent',
      reporter: 'Leitwarte',
    });

    it('replays the first answer for the same key and body, refuses another body with 422', async () => {
      const first = await agent.post<TicketDetail>('/api/tickets', body(), { 'idempotency-key': 'call-1' });
      expect(first.status).toBe(201);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      // same body, keys in another order
      const reordered = Object.fromEntries(Object.entries(body()).reverse());
      const again = await agent.post<TicketDetail>('/api/tickets', reordered, { 'idempotency-key': 'call-1' });
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
      const other = await agent.post('/api/tickets', { ...body(), title: 'Anders' }, { 'idempotency-key': 'call-1' });
      expect(other.status).toBe(422);
      expect(await count(ds, `SELECT count(*)::int AS n FROM tickets WHERE title = 'Idempotent'`)).toBe(1);
      // keys are per caller
      const colleague = await signIn(ds, api.baseUrl, 'agent');
      expect((await colleague.post('/api/tickets', body(), { 'idempotency-key': 'call-1' })).status).toBe(201);
      const tooLong = await agent.post<ApiErrorBody>('/api/tickets', body(), { 'idempotency-key': 'k'.repeat(201) });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.fields?.map((f) => f.field)).toEqual(['Idempotency-Key']);
    });

    it('creates one ticket for concurrent duplicates', async () => {
      const answers = await Promise.all(
        Array.from({ length: 8 }, () =>
          agent.post<TicketDetail>('/api/tickets', { ...body(), title: 'Doppelt' }, { 'idempotency-key': 'race-1' }),
        ),
      );
      expect(answers.map((r) => r.status)).toEqual(Array(8).fill(201));
      expect(new Set(answers.map((r) => r.body.id)).size).toBe(1);
      expect(await count(ds, `SELECT count(*)::int AS n FROM tickets WHERE title = 'Doppelt'`)).toBe(1);
    });
  });

  it('group-commits a burst of creates: shared transactions, gapless numbers, a bad request fails alone', async () => {
    const burst = Array.from({ length: 60 }, (_, i) =>
      agent.post<TicketDetail>('/api/tickets', {
        siteId: a.siteId,
        assetId: i % 2 === 0 ? a.assetA : a.assetC,
        title: `Burst ${i}`,
      }),
    );
    // Inside the burst: the same Idempotency-Key with two different bodies — one wins, the other gets 422.
    const keyed = ['Schlüssel 1', 'Schlüssel 2'].map((title) =>
      agent.post<TicketDetail>(
        '/api/tickets',
        { siteId: a.siteId, title, priority: 'C' },
        { 'idempotency-key': 'burst-key' },
      ),
    );
    const [answers, keyedAnswers] = await Promise.all([Promise.all(burst), Promise.all(keyed)]);
    expect(answers.map((r) => r.status)).toEqual(Array(60).fill(201));
    expect(keyedAnswers.map((r) => r.status).sort()).toEqual([201, 422]);

    const rows = (await ds.query(
      `SELECT t.number, t.priority, t.xmin::text AS tx,
              (SELECT count(*)::int FROM ticket_events e WHERE e.ticket_id = t.id AND e.type = 'created') AS created,
              (SELECT count(*)::int FROM ticket_sla_clocks c WHERE c.ticket_id = t.id) AS clocks,
              (SELECT count(*)::int FROM outbox_messages o
                WHERE o.job_name = 'ticket.created' AND o.payload->'ticketIds' ? t.id::text) AS intake_jobs,
              (SELECT string_agg(o.job_name || ':' || (o.payload->>'clock'), ',') FROM outbox_messages o
                WHERE o.job_name IN ('sla.warning', 'sla.breach') AND o.payload->>'ticketId' = t.id::text) AS timers
         FROM tickets t WHERE t.title LIKE 'Burst %' OR t.title LIKE 'Schlüssel %' ORDER BY t.number`,
    )) as Array<{
      number: string;
      priority: string;
      tx: string;
      created: number;
      clocks: number;
      intake_jobs: number;
      timers: string | null;
    }>;
    expect(rows).toHaveLength(61);
    // Every ticket was written whole: its 'created' event, both clocks, its intake job and the timers due within
    // the horizon (an A ticket's response warning; none of a C ticket's).
    expect(new Set(rows.map((r) => r.priority))).toEqual(new Set(['A', 'C']));
    for (const r of rows) {
      const timers = r.priority === 'A' ? 'sla.warning:response' : null;
      expect([r.created, r.clocks, r.intake_jobs, r.timers]).toEqual([1, 2, 1, timers]);
    }
    // The answers carry the stored numbers, and the numbers have no gaps (the failed request used none).
    expect(new Set([...answers, ...keyedAnswers].filter((r) => r.status === 201).map((r) => r.body.number))).toEqual(
      new Set(rows.map((r) => r.number)),
    );
    const sequence = rows.map((r) => Number(r.number.slice(5)));
    expect(sequence).toEqual(sequence.map((_, i) => (sequence[0] as number) + i));
    // Group commit: the 61 tickets were written by fewer transactions than requests, each with one intake job.
    const transactions = new Set(rows.map((r) => r.tx)).size;
    expect(transactions).toBeLessThan(61);
    const [jobs] = (await ds.query(
      `SELECT count(*)::int AS n FROM outbox_messages
        WHERE job_name = 'ticket.created' AND payload->'ticketIds' ?| (SELECT array_agg(id::text) FROM tickets
                                                                        WHERE title LIKE 'Burst %' OR title LIKE 'Schlüssel %')`,
    )) as Array<{ n: number }>;
    expect(jobs?.n).toBe(transactions);
  });

  describe('queue', () => {
    let manager: Client;
    let tenantC: Awaited<ReturnType<typeof createTenantWorld>>;

    beforeAll(async () => {
      tenantC = await createTenantWorld(ds);
      manager = await signIn(ds, api.baseUrl, 'manager', { servesTenantIds: [tenantC.tenantId] });
    });

    it('sorts by nearest deadline (none last), then oldest, and pages with a cursor', async () => {
      const make = async (body: Record<string, unknown>): Promise<TicketDetail> =>
        (await manager.post<TicketDetail>('/api/tickets', { siteId: tenantC.siteId, title: 'Q', ...body })).body;
      const c1 = await make({ assetId: tenantC.assetC }); // C: respond in 60 min
      const a1 = await make({ assetId: tenantC.assetA }); // A: respond in 15 min
      const none1 = await make({ siteId: tenantC.bareSiteId, priority: 'B' }); // no contract
      const a2 = await make({ assetId: tenantC.assetA });
      const none2 = await make({ siteId: tenantC.bareSiteId, priority: 'A' });
      const bMid = await make({ assetId: tenantC.assetC, priority: 'B', priorityReason: 'Ersatzteil fehlt' }); // 30 min
      const expected = [a1, a2, bMid, c1, none1, none2].map((t) => t.id);

      const all = await manager.get<TicketListResponse>('/api/tickets?open=true');
      expect(all.body.items.map((t) => t.id)).toEqual(expected);
      expect(all.body.nextCursor).toBeNull();

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: TicketListResponse } = await manager.get<TicketListResponse>(
          `/api/tickets?open=true&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((t) => t.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(expected);

      await manager.post(`/api/tickets/${a1.id}/accept`);
      await manager.post(`/api/tickets/${a1.id}/restore`);
      await manager.post(`/api/tickets/${a1.id}/close`);
      const filtered = async (q: string): Promise<string[]> =>
        (await manager.get<TicketListResponse>(`/api/tickets?${q}`)).body.items.map((t) => t.id);
      expect(await filtered('open=true')).toEqual([a2, bMid, c1, none1, none2].map((t) => t.id));
      expect(await filtered('status=closed')).toEqual([a1.id]);
      expect(await filtered('status=new,closed')).toHaveLength(6);
      expect(await filtered('priority=A&open=true')).toEqual([a2.id, none2.id]);
      expect(await filtered(`siteId=${tenantC.bareSiteId}`)).toEqual([none1.id, none2.id]);
      expect(await filtered(`assetId=${tenantC.assetC}`)).toEqual([bMid.id, c1.id]);
      expect(await filtered('breached=true')).toEqual([]);
      expect(await filtered('atRisk=false&open=true')).toHaveLength(5);
      await ds.query(`UPDATE tickets SET at_risk = true WHERE id = $1`, [c1.id]);
      expect(await filtered('atRisk=true')).toEqual([c1.id]);
      const tech = await signIn(ds, api.baseUrl, 'technician', { servesTenantIds: [tenantC.tenantId] });
      await manager.post(`/api/tickets/${a2.id}/accept`);
      await manager.post(`/api/tickets/${a2.id}/dispatch`, { assigneeId: tech.user.id });
      expect(await filtered(`assigneeId=${tech.user.id}`)).toEqual([a2.id]);
      // the manager sees only the tenant they serve
      const ids = (await manager.get<TicketListResponse>('/api/tickets?limit=200')).body.items.map((t) => t.tenantId);
      expect(new Set(ids)).toEqual(new Set([tenantC.tenantId]));
    });

    it('rejects bad filters and cursors with 400 naming the field', async () => {
      for (const [q, field] of [
        ['status=open', 'status'],
        ['priority=D', 'priority'],
        ['siteId=abc', 'siteId'],
        ['atRisk=yes', 'atRisk'],
        ['limit=0', 'limit'],
        ['limit=201', 'limit'],
        ['cursor=bm9wZQ', 'cursor'],
        ['sort=title', 'sort'],
      ] as const) {
        const res = await manager.get<ApiErrorBody>(`/api/tickets?${q}`);
        expect([q, res.status, res.body.fields?.map((f) => f.field)]).toEqual([q, 400, [field]]);
      }
    });

    it('walks the partial queue index for one tenant with many rows', async () => {
      await ds.query(
        `INSERT INTO tickets (number, tenant_id, site_id, title, priority, status, fault_began_at, next_deadline, version, created_at)
         SELECT 'X-' || g, $1, $2, 'bulk', 'B', CASE WHEN g % 3 = 0 THEN 'closed' ELSE 'new' END, now(),
                CASE WHEN g % 5 = 0 THEN NULL ELSE now() + (g || ' minutes')::interval END, 1, now() - (g || ' seconds')::interval
           FROM generate_series(1, 20000) g`,
        [tenantC.tenantId, tenantC.siteId],
      );
      await ds.query(`ANALYZE tickets`);
      const user: AuthUser = {
        id: manager.user.id,
        email: manager.user.email,
        displayName: 'm',
        role: 'manager',
        tenantId: null,
        tenantIds: [tenantC.tenantId],
        sessionId: 's',
      };
      const explain = async (q: Parameters<typeof buildTicketListQuery>[1]): Promise<string> => {
        const built = buildTicketListQuery(user, q, 51);
        const rows = (await ds.query(`EXPLAIN ${built.sql}`, built.params)) as Array<{ 'QUERY PLAN': string }>;
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      };
      const plan = await explain({ open: true });
      expect(plan).toContain('ix_tickets_open_queue');
      expect(plan).not.toMatch(/Sort Key/);
      const page = await manager.get<TicketListResponse>('/api/tickets?open=true&limit=50');
      const next = await explain({ open: true, cursor: page.body.nextCursor ?? '' });
      expect(next).toContain('ix_tickets_open_queue');
    });
  });

  describe('tenancy: a customer and a manager of another tenant get 404 on every ticket endpoint', () => {
    it('never answers with tenant A data', async () => {
      const t = (
        await agent.post<TicketDetail>('/api/tickets', { siteId: a.siteId, assetId: a.assetA, title: 'geheim' })
      ).body;
      const strangers = [
        await signIn(ds, api.baseUrl, 'customer', { tenantId: b.tenantId }),
        await signIn(ds, api.baseUrl, 'manager', { servesTenantIds: [b.tenantId] }),
        await signIn(ds, api.baseUrl, 'technician', { servesTenantIds: [b.tenantId] }),
      ];
      const calls: Array<[string, string, unknown]> = [
        ['GET', `/api/tickets/${t.id}`, undefined],
        ['GET', `/api/tickets/${t.id}/timeline`, undefined],
        ['GET', `/api/tickets/${t.id}/work-logs`, undefined],
        ['GET', `/api/tickets/${t.id}/materials`, undefined],
        ['PATCH', `/api/tickets/${t.id}`, { assetDown: true }],
        ['POST', `/api/tickets/${t.id}/accept`, {}],
        ['POST', `/api/tickets/${t.id}/dispatch`, { assigneeId: agent.user.id }],
        ['POST', `/api/tickets/${t.id}/travel`, {}],
        ['POST', `/api/tickets/${t.id}/arrive`, {}],
        ['POST', `/api/tickets/${t.id}/pause`, { reason: 'x' }],
        ['POST', `/api/tickets/${t.id}/resume`, {}],
        ['POST', `/api/tickets/${t.id}/restore`, {}],
        ['POST', `/api/tickets/${t.id}/close`, {}],
        ['POST', `/api/tickets/${t.id}/reopen`, { reason: 'x' }],
        ['POST', `/api/tickets/${t.id}/comments`, { text: 'hallo' }],
        [
          'POST',
          `/api/tickets/${t.id}/work-logs`,
          { role: 'r', kind: 'work', startedAt: '2026-01-01T08:00:00Z', endedAt: '2026-01-01T09:00:00Z' },
        ],
        ['POST', `/api/tickets/${t.id}/materials`, { description: 'x', netUnitPrice: '1.00', quantity: '1' }],
        ['POST', '/api/tickets', { siteId: a.siteId, title: 'fremd', priority: 'A' }],
      ];
      for (const stranger of strangers) {
        for (const [method, path, body] of calls) {
          if (stranger.user.role === 'technician' && method === 'POST' && path === '/api/tickets') continue; // 403 by role
          const res = await stranger.call<ApiErrorBody>(method, path, body);
          expect([stranger.user.role, method, path, res.status]).toEqual([stranger.user.role, method, path, 404]);
          expect(JSON.stringify(res.body)).not.toContain('geheim');
        }
        const list = await stranger.get<TicketListResponse>('/api/tickets?limit=200');
        expect(list.body.items.some((x) => x.id === t.id)).toBe(false);
      }
      expect(await count(ds, `SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1`, [t.id])).toBe(1);
      // unknown and malformed ids are 404 too
      expect((await agent.get('/api/tickets/00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await agent.get('/api/tickets/not-a-uuid')).status).toBe(404);
    });
  });

  it('answers malformed bodies on every endpoint with 400 naming the fields, writing nothing', async () => {
    const t = (
      await agent.post<TicketDetail>('/api/tickets', { siteId: a.siteId, assetId: a.assetA, title: 'Prüfling' })
    ).body;
    const base = `/api/tickets/${t.id}`;
    const cases: Array<[string, string, unknown, string[]]> = [
      [
        'POST',
        '/api/tickets',
        { siteId: a.siteId, title: 'x', assetDown: 'ja', faultBeganAt: 'gestern' },
        ['assetDown', 'faultBeganAt'],
      ],
      [
        'POST',
        '/api/tickets',
        { siteId: a.siteId, title: 'x', priority: 'A', category: '', reporter: 7 },
        ['category', 'reporter'],
      ],
      ['PATCH', base, { priority: 'Z', inScope: 'no', description: 5 }, ['priority', 'inScope', 'description']],
      ['PATCH', base, { status: 'closed' }, ['status']],
      ['POST', `${base}/accept`, { note: 42 }, ['note']],
      ['POST', `${base}/dispatch`, {}, ['assigneeId']],
      ['POST', `${base}/dispatch`, { assigneeId: 'tom' }, ['assigneeId']],
      ['POST', `${base}/pause`, { until: 'morgen' }, ['reason', 'until']],
      ['POST', `${base}/restore`, { note: ['a'] }, ['note']],
      ['POST', `${base}/reopen`, { reason: '' }, ['reason']],
      ['POST', `${base}/comments`, { text: '', internal: 'yes' }, ['text', 'internal']],
      ['POST', `${base}/comments`, { text: 'x'.repeat(5001) }, ['text']],
      ['POST', `${base}/work-logs`, { kind: 'sleep', startedAt: 'x' }, ['role', 'kind', 'startedAt', 'endedAt']],
      [
        'POST',
        `${base}/work-logs`,
        { role: 'r', kind: 'work', startedAt: '2026-01-01T08:00:00Z', endedAt: '2026-01-01T09:00:00Z', workerId: 'me' },
        ['workerId'],
      ],
      [
        'POST',
        `${base}/materials`,
        { netUnitPrice: 12.9, quantity: '-1', kind: 'gold' },
        ['description', 'netUnitPrice', 'quantity', 'kind'],
      ],
      [
        'POST',
        `${base}/materials`,
        { description: 'x', netUnitPrice: '1.999', quantity: '0' },
        ['netUnitPrice', 'quantity'],
      ],
    ];
    const events = await count(ds, `SELECT count(*)::int AS n FROM ticket_events`);
    const total = await tickets();
    for (const [method, path, body, fields] of cases) {
      const res = await agent.call<ApiErrorBody>(method, path, body);
      expect([method, path, res.status, res.body.fields?.map((f) => f.field).sort()]).toEqual([
        method,
        path,
        400,
        [...fields].sort(),
      ]);
    }
    expect(await count(ds, `SELECT count(*)::int AS n FROM ticket_events`)).toBe(events);
    expect(await tickets()).toBe(total);
    const detail = await agent.get<TicketDetail>(base);
    expect(detail.body.version).toBe(1);
  });

  it('requires sign-in', async () => {
    expect((await fetch(`${api.baseUrl}/api/tickets`)).status).toBe(401);
    expect((await fetch(`${api.baseUrl}/api/tickets/stream`)).status).toBe(401);
  });

  // Last: it moves this year's counter far ahead.
  it('keeps counting past six digits (2026-999999, then 2026-1000000)', async () => {
    const [counter] = (await ds.query(`SELECT year FROM ticket_number_counters ORDER BY year DESC LIMIT 1`)) as Array<{
      year: number;
    }>;
    const year = counter?.year as number;
    await ds.query(`UPDATE ticket_number_counters SET last_value = 999998 WHERE year = $1`, [year]);
    const made = await Promise.all(
      [0, 1].map((i) =>
        agent.post<TicketDetail>('/api/tickets', { siteId: a.siteId, title: `Sieben ${i}`, priority: 'C' }),
      ),
    );
    expect(made.map((r) => r.status)).toEqual([201, 201]);
    expect(new Set(made.map((r) => r.body.number))).toEqual(new Set([`${year}-999999`, `${year}-1000000`]));
  });
});
