import { ServiceProcess, createTestEnv, sleep, type TestEnv } from '@leitstand/backend/testing';
import type {
  TicketDetail,
  TicketEventView,
  TicketListResponse,
  TicketSummary,
  TicketTimelineResponse,
} from '@leitstand/api-contracts';
import { count, createTenantWorld, signIn, type Client } from './ticket-test-world';

const MIN = 60_000;
const plus = (iso: string, ms: number): string => new Date(new Date(iso).getTime() + ms).toISOString();

/**
 * The status machine on the real API: every action, its events and the SLA clocks with exact
 * deadlines from a 24/7 contract (A: respond 15 min, restore 60 min), If-Match, concurrency, roles.
 */
describe('ticket lifecycle', () => {
  let env: TestEnv;
  let api: ServiceProcess;
  let agent: Client;
  let tech: Client;
  let otherTech: Client;
  let customer: Client;
  let world: Awaited<ReturnType<typeof createTenantWorld>>;

  beforeAll(async () => {
    env = await createTestEnv('ticket_lifecycle');
    api = await ServiceProcess.start('api', env.env);
    world = await createTenantWorld(env.dataSource);
    agent = await signIn(env.dataSource, api.baseUrl, 'agent', { displayName: 'Anna Agent' });
    tech = await signIn(env.dataSource, api.baseUrl, 'technician', {
      servesTenantIds: [world.tenantId],
      displayName: 'Tom Technik',
    });
    otherTech = await signIn(env.dataSource, api.baseUrl, 'technician', { servesTenantIds: [world.tenantId] });
    customer = await signIn(env.dataSource, api.baseUrl, 'customer', { tenantId: world.tenantId });
  });

  afterAll(async () => {
    await api?.stop();
    await env?.cleanup();
  });

  async function create(body: Record<string, unknown> = {}, client = agent): Promise<TicketDetail> {
    const res = await client.post<TicketDetail>('/api/tickets', {
      siteId: world.siteId,
      assetId: world.assetA,
      title: 'Aufzug 1 steht',
      ...body,
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function timeline(id: string, client = agent): Promise<TicketEventView[]> {
    const res = await client.get<TicketTimelineResponse>(`/api/tickets/${id}/timeline`);
    expect(res.status).toBe(200);
    return res.body.items;
  }

  const clock = (t: TicketDetail, kind: 'response' | 'restore') => t.clocks.find((c) => c.clock === kind);

  it('creates with the priority of the asset class and both clocks running from the report', async () => {
    const t = await create({ channel: 'phone', reporter: 'Pförtner', assetDown: true });
    expect(t).toMatchObject({ priority: 'A', status: 'new', version: 1, assetDown: true, inScope: true });
    expect(t.contractId).toBe(world.contractId);
    expect(clock(t, 'response')).toMatchObject({
      state: 'running',
      priority: 'A',
      budgetMinutes: 15,
      calendarKey: '24-7',
      deadline: plus(t.createdAt, 15 * MIN),
      warningAt: plus(t.createdAt, 11.25 * MIN),
    });
    expect(clock(t, 'restore')?.deadline).toBe(plus(t.createdAt, 60 * MIN));
    expect(t.clocks.map((c) => c.stoppedAt)).toEqual([null, null]); // both still count
    expect(t.nextDeadline).toBe(plus(t.createdAt, 15 * MIN));
    const [created] = await timeline(t.id);
    expect(created).toMatchObject({
      type: 'created',
      actor: agent.user.id,
      occurredAt: t.createdAt,
      payload: { priority: 'A', channel: 'phone', assetDown: true, reporter: 'Pförtner', actorName: 'Anna Agent' },
    });
    const rows = (await env.dataSource.query(
      `SELECT clock, state, timer_version FROM ticket_sla_clocks WHERE ticket_id = $1 ORDER BY clock`,
      [t.id],
    )) as Array<{ clock: string; state: string; timer_version: number }>;
    expect(rows).toEqual([
      { clock: 'response', state: 'running', timer_version: 0 },
      { clock: 'restore', state: 'running', timer_version: 0 },
    ]);
  });

  it('walks accept → dispatch → travel → arrive → pause → resume → restore → close → reopen with events and clocks', async () => {
    const t = await create();
    const accepted = await agent.post<TicketDetail>(`/api/tickets/${t.id}/accept`, {}, { 'if-match': '"1"' });
    expect(accepted.status).toBe(200);
    expect(accepted.headers.get('etag')).toBe('"2"');
    expect(accepted.body).toMatchObject({ status: 'accepted', version: 2 });
    const response = clock(accepted.body, 'response');
    expect(response?.state).toBe('met');
    // a stopped clock says when it stopped, so the UI shows its final figure instead of counting on
    expect(response?.stoppedAt).not.toBeNull();
    expect(Date.parse(response?.stoppedAt ?? '')).toBeLessThanOrEqual(Date.parse(response?.deadline ?? ''));
    expect(clock(accepted.body, 'restore')?.stoppedAt).toBeNull();
    expect(accepted.body.nextDeadline).toBe(plus(t.createdAt, 60 * MIN)); // the restore clock is next

    const dispatched = await agent.post<TicketDetail>(`/api/tickets/${t.id}/dispatch`, { assigneeId: tech.user.id });
    expect(dispatched.body).toMatchObject({ status: 'dispatched', assigneeId: tech.user.id, version: 3 });

    // technicians act on their own assignment only
    expect((await otherTech.post(`/api/tickets/${t.id}/travel`)).status).toBe(403);
    expect((await tech.post<TicketDetail>(`/api/tickets/${t.id}/travel`)).body.status).toBe('travelling');
    expect((await tech.post<TicketDetail>(`/api/tickets/${t.id}/arrive`)).body.status).toBe('on_site');

    const paused = await tech.post<TicketDetail>(`/api/tickets/${t.id}/pause`, { reason: 'Zugang gesperrt' });
    expect(paused.body).toMatchObject({ status: 'paused', pausedFrom: 'on_site' });
    expect(clock(paused.body, 'restore')?.state).toBe('paused');
    expect(paused.body.nextDeadline).toBeNull();
    await sleep(1_200);
    const resumed = await tech.post<TicketDetail>(`/api/tickets/${t.id}/resume`);
    expect(resumed.body).toMatchObject({ status: 'on_site', pausedFrom: null });

    let events = await timeline(t.id);
    const at = (type: string): string => {
      const e = events.find((x) => x.type === type);
      if (!e) throw new Error(`no ${type} event`);
      return e.occurredAt;
    };
    const pausedMs = new Date(at('resumed')).getTime() - new Date(at('paused')).getTime();
    expect(pausedMs).toBeGreaterThanOrEqual(1_000);
    // the pause pushed the restore deadline by exactly the paused time
    expect(clock(resumed.body, 'restore')?.deadline).toBe(plus(t.createdAt, 60 * MIN + pausedMs));
    expect(resumed.body.nextDeadline).toBe(plus(t.createdAt, 60 * MIN + pausedMs));
    const [timer] = (await env.dataSource.query(
      `SELECT timer_version FROM ticket_sla_clocks WHERE ticket_id = $1 AND clock = 'restore'`,
      [t.id],
    )) as Array<{ timer_version: number }>;
    expect(timer?.timer_version).toBeGreaterThan(0);

    const kpiJobs = async () =>
      (await env.dataSource.query(
        `SELECT payload->>'contractId' AS contract_id, EXTRACT(EPOCH FROM run_at - created_at)::float8 AS delay FROM outbox_messages
          WHERE job_name = 'kpi.recompute-contract' AND payload->>'contractId' = $1`,
        [t.contractId],
      )) as Array<{ contract_id: string; delay: number }>;
    const kpiJobsBefore = (await kpiJobs()).length;
    const restored = await tech.post<TicketDetail>(`/api/tickets/${t.id}/restore`, { note: 'Tür neu justiert' });
    expect(restored.body.status).toBe('restored');
    // the end of the downtime schedules a debounced KPI recompute of the contract, in the same transaction
    const scheduled = await kpiJobs();
    expect(scheduled).toHaveLength(kpiJobsBefore + 1);
    const delay = scheduled[scheduled.length - 1]?.delay ?? 0;
    expect(delay).toBeGreaterThanOrEqual(29.5);
    expect(delay).toBeLessThan(31);
    expect(restored.body.restoredAt).not.toBeNull();
    expect(clock(restored.body, 'restore')?.state).toBe('met');
    expect(clock(restored.body, 'restore')?.stoppedAt).toBe(restored.body.restoredAt);
    expect(clock(restored.body, 'response')?.stoppedAt).toBe(response?.stoppedAt);
    expect(restored.body.nextDeadline).toBeNull();

    expect((await tech.post(`/api/tickets/${t.id}/close`)).status).toBe(403); // not a technician's action
    const closed = await agent.post<TicketDetail>(`/api/tickets/${t.id}/close`);
    expect(closed.body).toMatchObject({ status: 'closed' });
    expect(closed.body.closedAt).not.toBeNull();

    const reopened = await agent.post<TicketDetail>(`/api/tickets/${t.id}/reopen`, { reason: 'Tür klemmt wieder' });
    expect(reopened.body).toMatchObject({ status: 'accepted', restoredAt: null, closedAt: null });
    expect(clock(reopened.body, 'restore')?.state).toBe('running');
    expect(clock(reopened.body, 'restore')?.stoppedAt).toBeNull();
    expect(reopened.body.nextDeadline).not.toBeNull();

    events = await timeline(t.id);
    expect(events.map((e) => e.type)).toEqual([
      'created',
      'accepted',
      'dispatched',
      'travel_started',
      'arrived',
      'paused',
      'resumed',
      'restored',
      'closed',
      'reopened',
    ]);
    expect(events.find((e) => e.type === 'paused')?.payload).toMatchObject({
      reason: 'Zugang gesperrt',
      actorId: tech.user.id,
      actorName: 'Tom Technik',
    });
    expect(events.find((e) => e.type === 'reopened')?.payload).toMatchObject({ reason: 'Tür klemmt wieder' });
    expect(reopened.body.version).toBe(10); // 1 + nine actions; the refused ones wrote nothing
  });

  it('pausing from new shifts the response deadline by the paused time', async () => {
    const t = await create();
    await agent.post(`/api/tickets/${t.id}/pause`, { reason: 'Rückruf vereinbart' });
    await sleep(1_100);
    const resumed = await agent.post<TicketDetail>(`/api/tickets/${t.id}/resume`);
    expect(resumed.body.status).toBe('new');
    const events = await timeline(t.id);
    const pausedMs =
      new Date(events.find((e) => e.type === 'resumed')?.occurredAt ?? '').getTime() -
      new Date(events.find((e) => e.type === 'paused')?.occurredAt ?? '').getTime();
    expect(clock(resumed.body, 'response')?.deadline).toBe(plus(t.createdAt, 15 * MIN + pausedMs));
  });

  it('answers an invalid transition with 409 naming the current status and writes nothing', async () => {
    const t = await create();
    const res = await agent.post<{ message: string; details: { currentStatus: string } }>(`/api/tickets/${t.id}/close`);
    expect(res.status).toBe(409);
    expect(res.body.details.currentStatus).toBe('new');
    expect(res.body.message).toContain("'new'");
    expect((await agent.post(`/api/tickets/${t.id}/resume`)).status).toBe(409);
    expect((await agent.post(`/api/tickets/${t.id}/travel`)).status).toBe(409);
    expect(
      await count(env.dataSource, `SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1`, [t.id]),
    ).toBe(1);
  });

  it('answers a stale If-Match with 412 and writes nothing; a malformed one with 400', async () => {
    const t = await create();
    await agent.post(`/api/tickets/${t.id}/accept`);
    const before = await count(env.dataSource, `SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1`, [
      t.id,
    ]);
    const stale = await agent.post<{ details: { currentVersion: number } }>(
      `/api/tickets/${t.id}/pause`,
      { reason: 'x' },
      { 'if-match': '"1"' },
    );
    expect(stale.status).toBe(412);
    expect(stale.body.details.currentVersion).toBe(2);
    const stalePatch = await agent.patch(
      `/api/tickets/${t.id}`,
      { priority: 'B', priorityReason: 'Ausweichaufzug vorhanden' },
      { 'if-match': '"1"' },
    );
    expect(stalePatch.status).toBe(412);
    expect(
      await count(env.dataSource, `SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1`, [t.id]),
    ).toBe(before);
    const detail = await agent.get<TicketDetail>(`/api/tickets/${t.id}`);
    expect(detail.body).toMatchObject({ status: 'accepted', priority: 'A', version: 2 });
    expect(detail.headers.get('etag')).toBe('"2"');
    const bad = await agent.post<{ fields: Array<{ field: string }> }>(
      `/api/tickets/${t.id}/pause`,
      { reason: 'x' },
      {
        'if-match': 'version-two',
      },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f) => f.field)).toEqual(['If-Match']);
  });

  it('changes the priority with a reason: clocks keep the used time and take the new budget', async () => {
    const t = await create();
    const noReason = await agent.patch<{ fields: Array<{ field: string }> }>(`/api/tickets/${t.id}`, { priority: 'B' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields.map((f) => f.field)).toEqual(['priorityReason']);
    const res = await agent.patch<TicketDetail>(`/api/tickets/${t.id}`, {
      priority: 'B',
      priorityReason: 'Zweiter Aufzug in Betrieb',
      assetDown: true,
      category: 'Aufzug',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ priority: 'B', priorityReason: 'Zweiter Aufzug in Betrieb', assetDown: true });
    expect(clock(res.body, 'response')).toMatchObject({
      priority: 'B',
      budgetMinutes: 30,
      deadline: plus(t.createdAt, 30 * MIN),
    });
    const events = await timeline(t.id);
    expect(events.map((e) => e.type)).toEqual(['created', 'priority_changed', 'updated']);
    expect(events[1]?.payload).toMatchObject({ priority: 'B', from: 'A', reason: 'Zweiter Aufzug in Betrieb' });
    expect(events[2]?.payload).toMatchObject({ changes: { assetDown: { from: false, to: true } } });
    expect((await tech.patch(`/api/tickets/${t.id}`, { assetDown: false })).status).toBe(403);
    expect((await customer.patch(`/api/tickets/${t.id}`, { assetDown: false })).status).toBe(403);
  });

  it('loses no update under parallel comments, and lets exactly one parallel accept win', async () => {
    const t = await create();
    const comments = await Promise.all(
      Array.from({ length: 10 }, (_, i) => agent.post(`/api/tickets/${t.id}/comments`, { text: `Notiz ${i}` })),
    );
    expect(comments.map((c) => c.status)).toEqual(Array(10).fill(201));
    const detail = await agent.get<TicketDetail>(`/api/tickets/${t.id}`);
    expect(detail.body.version).toBe(11);
    const texts = (await timeline(t.id)).filter((e) => e.type === 'comment').map((e) => e.payload['text']);
    expect([...texts].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `Notiz ${i}`).sort());

    const accepts = await Promise.all(
      Array.from({ length: 8 }, () => agent.post(`/api/tickets/${t.id}/accept`, {}, { 'if-match': '"11"' })),
    );
    const statuses = accepts.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.every((s) => s === 200 || s === 409 || s === 412)).toBe(true);
    expect(
      await count(
        env.dataSource,
        `SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND type = 'accepted'`,
        [t.id],
      ),
    ).toBe(1);
  });

  it('dispatches only to a technician serving the tenant', async () => {
    const t = await create();
    await agent.post(`/api/tickets/${t.id}/accept`);
    const stranger = await signIn(env.dataSource, api.baseUrl, 'technician', { servesTenantIds: [] });
    for (const assigneeId of [stranger.user.id, agent.user.id, '00000000-0000-4000-8000-000000000000']) {
      const res = await agent.post<{ fields: Array<{ field: string }> }>(`/api/tickets/${t.id}/dispatch`, {
        assigneeId,
      });
      expect(res.status).toBe(400);
      expect(res.body.fields.map((f) => f.field)).toEqual(['assigneeId']);
    }
  });

  it('lets a customer report (portal, no override), comment publicly and view — nothing else', async () => {
    const override = await customer.post<{ fields: Array<{ field: string }> }>('/api/tickets', {
      siteId: world.siteId,
      assetId: world.assetA,
      title: 'Aufzug',
      priority: 'C',
      priorityReason: 'egal',
    });
    expect(override.status).toBe(400);
    expect(override.body.fields.map((f) => f.field)).toEqual(['priority']);
    const t = await create({ channel: 'phone' }, customer);
    expect(t).toMatchObject({ channel: 'portal', priority: 'A' });
    expect((await customer.post(`/api/tickets/${t.id}/comments`, { text: 'Bitte schnell' })).status).toBe(201);
    expect((await customer.post(`/api/tickets/${t.id}/comments`, { text: 'intern', internal: true })).status).toBe(403);
    await agent.post(`/api/tickets/${t.id}/comments`, { text: 'Kunde ist schwierig', internal: true });
    await agent.post(`/api/tickets/${t.id}/accept`);
    await agent.post(`/api/tickets/${t.id}/dispatch`, { assigneeId: tech.user.id });
    await tech.post(`/api/tickets/${t.id}/work-logs`, {
      role: 'service-technician',
      kind: 'work',
      startedAt: '2026-03-10T08:00:00Z',
      endedAt: '2026-03-10T09:00:00Z',
      note: 'Steuerung getauscht, Kunde hat falsch bedient',
    });
    const bodies: Record<string, unknown> = {
      dispatch: { assigneeId: tech.user.id },
      pause: { reason: 'x' },
      reopen: { reason: 'x' },
    };
    for (const action of ['accept', 'dispatch', 'travel', 'arrive', 'pause', 'resume', 'restore', 'close', 'reopen']) {
      const res = await customer.post(`/api/tickets/${t.id}/${action}`, bodies[action] ?? {});
      expect([action, res.status]).toEqual([action, 403]);
    }
    expect((await customer.get(`/api/tickets/${t.id}/work-logs`)).status).toBe(403);
    expect((await customer.get(`/api/tickets/${t.id}/materials`)).status).toBe(403);
    expect((await tech.post('/api/tickets', { siteId: world.siteId, title: 'x', priority: 'A' })).status).toBe(403);

    const seen = await timeline(t.id, customer);
    expect(seen.filter((e) => e.type === 'comment').map((e) => e.payload['text'])).toEqual(['Bitte schnell']);
    const work = seen.find((e) => e.type === 'work_logged');
    expect(work?.payload).toEqual({
      kind: 'work',
      startedAt: '2026-03-10T08:00:00.000Z',
      endedAt: '2026-03-10T09:00:00.000Z',
    });
    expect(JSON.stringify(seen)).not.toContain('falsch bedient');
    expect((await timeline(t.id)).filter((e) => e.type === 'comment')).toHaveLength(2);
  });

  it('records work logs and materials as billing input with their events', async () => {
    const t = await create();
    const bad = await agent.post<{ fields: Array<{ field: string }> }>(`/api/tickets/${t.id}/work-logs`, {
      role: 'service-technician',
      kind: 'work',
      startedAt: '2026-03-10T09:00:00Z',
      endedAt: '2026-03-10T08:00:00Z',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f) => f.field)).toEqual(['endedAt']);
    const log = await agent.post<{ id: string; workerId: string }>(`/api/tickets/${t.id}/work-logs`, {
      workerId: tech.user.id,
      role: 'service-technician',
      kind: 'travel',
      startedAt: '2026-03-10T07:30:00Z',
      endedAt: '2026-03-10T08:00:00Z',
    });
    expect(log.status).toBe(201);
    expect(log.body.workerId).toBe(tech.user.id);
    const material = await agent.post<{ netUnitPrice: string; quantity: string }>(`/api/tickets/${t.id}/materials`, {
      description: 'Türkontakt',
      netUnitPrice: '12.90',
      quantity: '2',
      unit: 'Stk',
    });
    expect(material.status).toBe(201);
    expect(material.body).toMatchObject({ netUnitPrice: '12.90', quantity: '2.000' });
    expect((await agent.get<unknown[]>(`/api/tickets/${t.id}/work-logs`)).body).toHaveLength(1);
    expect((await agent.get<unknown[]>(`/api/tickets/${t.id}/materials`)).body).toHaveLength(1);
    expect((await timeline(t.id)).map((e) => e.type)).toEqual(['created', 'work_logged', 'material_added']);
    // a technician who is not assigned cannot log on the ticket
    expect(
      (
        await tech.post(`/api/tickets/${t.id}/work-logs`, {
          role: 'service-technician',
          kind: 'work',
          startedAt: '2026-03-10T08:00:00Z',
          endedAt: '2026-03-10T09:00:00Z',
        })
      ).status,
    ).toBe(403);
  });

  it('checks work-log roles against the contract price list', async () => {
    const [list] = (await env.dataSource.query(
      `INSERT INTO price_lists (key, name, valid_from, data, version)
       VALUES ('pl-test', 'Test', '2026-01-01', $1::jsonb, 1) RETURNING id`,
      [JSON.stringify({ roles: [{ id: 'service-technician' }, { id: 'master' }] })],
    )) as Array<{ id: string }>;
    await env.dataSource.query(`UPDATE contracts SET price_list_id = $1, version = version + 1 WHERE id = $2`, [
      list?.id,
      world.contractId,
    ]);
    const t = await create();
    const body = { kind: 'work', startedAt: '2026-03-10T08:00:00Z', endedAt: '2026-03-10T09:00:00Z' };
    const wrong = await agent.post<{ fields: Array<{ field: string; messages: string[] }> }>(
      `/api/tickets/${t.id}/work-logs`,
      { ...body, role: 'apprentice' },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.fields[0]?.field).toBe('role');
    expect(wrong.body.fields[0]?.messages.join()).toContain('master');
    expect((await agent.post(`/api/tickets/${t.id}/work-logs`, { ...body, role: 'master' })).status).toBe(201);
  });

  it('lists each ticket with both clocks and, while paused, the reason and until of the latest pause', async () => {
    const fresh = await create();
    const accepted = await create();
    await agent.post(`/api/tickets/${accepted.id}/accept`);
    const paused = await create();
    await agent.post(`/api/tickets/${paused.id}/pause`, { reason: 'Rückruf vereinbart' });
    await agent.post(`/api/tickets/${paused.id}/resume`);
    const until = new Date(Date.now() + 3 * 60 * MIN).toISOString();
    const pausedAgain = await agent.post<TicketDetail>(`/api/tickets/${paused.id}/pause`, {
      reason: 'Ersatzteil bestellt',
      until,
    });
    expect(pausedAgain.body).toMatchObject({
      status: 'paused',
      pauseReason: 'Ersatzteil bestellt',
      pausedUntil: until,
    });
    const resumed = await create();
    await agent.post(`/api/tickets/${resumed.id}/pause`, { reason: 'Zugang gesperrt' });
    await agent.post(`/api/tickets/${resumed.id}/resume`);
    const bare = await create({ siteId: world.bareSiteId, assetId: undefined, priority: 'B' });
    const other = await createTenantWorld(env.dataSource);
    const foreign = await agent.post<TicketDetail>('/api/tickets', {
      siteId: other.siteId,
      assetId: other.assetA,
      title: 'Fremder Mandant',
    });
    expect(foreign.status).toBe(201);
    await agent.post(`/api/tickets/${foreign.body.id}/pause`, { reason: 'Geheimer Grund des Mandanten B' });

    const list = async (client: Client): Promise<Map<string, TicketSummary>> => {
      const res = await client.get<TicketListResponse>('/api/tickets?limit=200');
      expect(res.status).toBe(200);
      expect(res.body.nextCursor).toBeNull();
      return new Map(res.body.items.map((t) => [t.id, t]));
    };
    const items = await list(agent);
    const item = (id: string): TicketSummary => {
      const found = items.get(id);
      if (!found) throw new Error(`ticket ${id} not listed`);
      return found;
    };
    const states = (t: TicketSummary): Record<string, string> =>
      Object.fromEntries(t.clocks.map((c) => [c.clock, c.state]));

    expect(states(item(fresh.id))).toEqual({ response: 'running', restore: 'running' });
    expect(item(fresh.id).clocks.find((c) => c.clock === 'response')).toMatchObject({
      priority: 'A',
      budgetMinutes: 15,
      deadline: plus(fresh.createdAt, 15 * MIN),
      calendarKey: '24-7',
    });
    expect(states(item(accepted.id))).toEqual({ response: 'met', restore: 'running' });
    expect(states(item(paused.id))).toEqual({ response: 'paused', restore: 'paused' });
    expect(item(paused.id)).toMatchObject({ status: 'paused', pauseReason: 'Ersatzteil bestellt', pausedUntil: until });
    expect(item(resumed.id)).toMatchObject({ status: 'new', pauseReason: null, pausedUntil: null });
    expect(item(bare.id)).toMatchObject({ clocks: [], pauseReason: null, pausedUntil: null });
    expect(item(foreign.body.id)).toMatchObject({ status: 'paused', pauseReason: 'Geheimer Grund des Mandanten B' });
    for (const t of [fresh, accepted, paused, resumed, bare]) {
      // the list item carries the same clocks and pause as the detail
      const detail = (await agent.get<TicketDetail>(`/api/tickets/${t.id}`)).body;
      expect(item(t.id).clocks).toEqual(detail.clocks);
      expect([item(t.id).pauseReason, item(t.id).pausedUntil]).toEqual([detail.pauseReason, detail.pausedUntil]);
    }

    // the customer's list: their tenant only, never the other tenant's ticket or pause reason
    const customers = await list(customer);
    expect(customers.get(paused.id)).toMatchObject({ pauseReason: 'Ersatzteil bestellt', pausedUntil: until });
    expect(customers.has(foreign.body.id)).toBe(false);
    expect(new Set([...customers.values()].map((t) => t.tenantId))).toEqual(new Set([world.tenantId]));
    const raw = await (
      await fetch(`${api.baseUrl}/api/tickets?limit=200`, { headers: customer.session.headers })
    ).text();
    expect(raw).not.toContain('Geheimer Grund');
    expect(raw).not.toContain(foreign.body.id);
  });

  it('works without a contract: no clocks, no deadline', async () => {
    const t = await create({ siteId: world.bareSiteId, assetId: undefined, priority: 'B' });
    expect(t.clocks).toEqual([]);
    expect(t.contractId).toBeNull();
    expect(t.nextDeadline).toBeNull();
    const accepted = await agent.post<TicketDetail>(`/api/tickets/${t.id}/accept`);
    expect(accepted.body).toMatchObject({ status: 'accepted', clocks: [] });
  });
});
