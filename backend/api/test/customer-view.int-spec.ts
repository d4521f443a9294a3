import type {
  CustomerTicketDetail,
  TicketDetail,
  TicketListResponse,
  TicketTimelineResponse,
} from '@leitstand/api-contracts';
import { ServiceProcess, createTestEnv, type TestEnv } from '@leitstand/backend/testing';
import { createTenantWorld, signIn, type Client } from './ticket-test-world';

/**
 * Issue 13, item 11: a customer gets a ticket view of their own — status, times, clocks, public
 * comments and the technician's display name — and never the staff-only fields (priority reason,
 * scope note, assignee id, reporter, contract, internal comments). Staff keep the full view.
 */
const CUSTOMER_SUMMARY_KEYS = [
  'assetId',
  'assetName',
  'atRisk',
  'breached',
  'channel',
  'clocks',
  'createdAt',
  'id',
  'nextDeadline',
  'number',
  'pauseReason',
  'pausedUntil',
  'priority',
  'siteId',
  'siteName',
  'status',
  'technicianName',
  'tenantId',
  'title',
];
const CUSTOMER_DETAIL_KEYS = [
  ...CUSTOMER_SUMMARY_KEYS,
  'acceptedAt',
  'category',
  'closedAt',
  'comments',
  'description',
  'faultBeganAt',
  'restoredAt',
  'updatedAt',
  'version',
].sort();
const STAFF_ONLY = ['assigneeId', 'priorityReason', 'reporter', 'scopeNote', 'contractId', 'inScope'];

describe('customer ticket view (issue 13, item 11)', () => {
  let env: TestEnv;
  let api: ServiceProcess;
  let agent: Client;
  let tech: Client;
  let customer: Client;
  let ticketId: string;

  beforeAll(async () => {
    env = await createTestEnv('customer_view');
    api = await ServiceProcess.start('api', env.env);
    const world = await createTenantWorld(env.dataSource);
    agent = await signIn(env.dataSource, api.baseUrl, 'agent', { displayName: 'Anna Agent' });
    tech = await signIn(env.dataSource, api.baseUrl, 'technician', {
      servesTenantIds: [world.tenantId],
      displayName: 'Tom Technik',
    });
    customer = await signIn(env.dataSource, api.baseUrl, 'customer', { tenantId: world.tenantId });

    const created = await agent.post<TicketDetail>('/api/tickets', {
      siteId: world.siteId,
      assetId: world.assetA,
      title: 'Aufzug 1 steht',
      description: 'Kabine zwischen EG und 1. OG',
      priority: 'B',
      priorityReason: 'GEHEIM-Begründung',
      reporter: 'GEHEIM-Pförtner',
    });
    expect(created.status).toBe(201);
    ticketId = created.body.id;
    const steps = [
      () => agent.patch(`/api/tickets/${ticketId}`, { scopeNote: 'GEHEIM-Umfang' }, { 'if-match': '"1"' }),
      () => agent.post(`/api/tickets/${ticketId}/accept`),
      () => agent.post(`/api/tickets/${ticketId}/dispatch`, { assigneeId: tech.user.id }),
      () => tech.post(`/api/tickets/${ticketId}/comments`, { text: 'GEHEIM-intern', internal: true }),
      () => tech.post(`/api/tickets/${ticketId}/comments`, { text: 'Techniker ist unterwegs' }),
      () => tech.post(`/api/tickets/${ticketId}/travel`),
    ];
    for (const step of steps) expect((await step()).status).toBeLessThan(300);
  });

  afterAll(async () => {
    await api?.stop();
    await env?.cleanup();
  });

  const leaks = (body: unknown): string[] =>
    ['GEHEIM', tech.user.id].filter((secret) => JSON.stringify(body).includes(secret));

  it('gives a customer exactly the customer keys on the detail, with public comments and the technician by name', async () => {
    const res = await customer.get<CustomerTicketDetail>(`/api/tickets/${ticketId}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(CUSTOMER_DETAIL_KEYS);
    expect(res.body).toMatchObject({
      status: 'travelling',
      technicianName: 'Tom Technik',
      description: 'Kabine zwischen EG und 1. OG',
    });
    expect(res.body.acceptedAt).toEqual(expect.any(String));
    expect(res.body.clocks.map((c) => c.clock)).toEqual(['response', 'restore']);
    expect(res.body.comments.map((c) => [c.author, c.text])).toEqual([['Tom Technik', 'Techniker ist unterwegs']]);
    expect(Object.keys(res.body.comments[0] ?? {}).sort()).toEqual(['at', 'author', 'id', 'text']);
    expect(res.headers.get('etag')).toBe(`"${res.body.version}"`);
    expect(leaks(res.body)).toEqual([]);
  });

  it('gives a customer exactly the customer keys on every list item', async () => {
    const res = await customer.get<TicketListResponse>('/api/tickets');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(Object.keys(res.body.items[0] ?? {}).sort()).toEqual(CUSTOMER_SUMMARY_KEYS);
    expect(res.body.items[0]).toMatchObject({ technicianName: 'Tom Technik' });
    expect(leaks(res.body)).toEqual([]);
  });

  it("answers a customer's own report and comment in the customer view", async () => {
    const detail = await agent.get<TicketDetail>(`/api/tickets/${ticketId}`);
    const report = await customer.post<CustomerTicketDetail>('/api/tickets', {
      siteId: detail.body.siteId,
      assetId: detail.body.assetId,
      title: 'Licht flackert',
      reporter: 'GEHEIM-Hausmeister',
    });
    expect(report.status).toBe(201);
    expect(Object.keys(report.body).sort()).toEqual(CUSTOMER_DETAIL_KEYS);
    expect(leaks(report.body)).toEqual([]);
    const comment = await customer.post(`/api/tickets/${ticketId}/comments`, { text: 'Danke' });
    expect(comment.status).toBe(201);
    expect(JSON.stringify(comment.body)).not.toContain(customer.user.id);
  });

  it("keeps staff-only facts and user ids out of a customer's timeline", async () => {
    const res = await customer.get<TicketTimelineResponse>(`/api/tickets/${ticketId}/timeline`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((e) => e.type)).toEqual(expect.arrayContaining(['created', 'dispatched', 'comment']));
    expect(leaks(res.body)).toEqual([]);
    expect(JSON.stringify(res.body)).not.toContain(agent.user.id);
  });

  it('still gives staff the full view', async () => {
    const res = await agent.get<TicketDetail>(`/api/tickets/${ticketId}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(expect.arrayContaining(STAFF_ONLY));
    expect(res.body).toMatchObject({
      assigneeId: tech.user.id,
      priorityReason: 'GEHEIM-Begründung',
      reporter: 'GEHEIM-Pförtner',
      scopeNote: 'GEHEIM-Umfang',
    });
    const list = await agent.get<TicketListResponse>('/api/tickets');
    expect(list.body.items.find((t) => t.id === ticketId)).toMatchObject({ assigneeId: tech.user.id });
    const timeline = await agent.get<TicketTimelineResponse>(`/api/tickets/${ticketId}/timeline`);
    expect(JSON.stringify(timeline.body)).toContain('GEHEIM-intern');
  });
});
