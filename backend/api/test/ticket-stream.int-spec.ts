import { ServiceProcess, createTestEnv, sleep, waitFor, type TestEnv } from '@leitstand/backend/testing';
import type { TicketChangeEvent, TicketDetail } from '@leitstand/api-contracts';
import { createTenantWorld, signIn, type Client } from './ticket-test-world';

/** An open SSE connection that collects what arrives. */
interface StreamReader {
  status: number;
  contentType: string | null;
  changes: TicketChangeEvent[];
  comments: string[];
  ended: Promise<void>;
  close(): void;
}

async function openStream(baseUrl: string, headers: Record<string, string>): Promise<StreamReader> {
  const abort = new AbortController();
  const res = await fetch(`${baseUrl}/api/tickets/stream`, { headers, signal: abort.signal });
  const reader: StreamReader = {
    status: res.status,
    contentType: res.headers.get('content-type'),
    changes: [],
    comments: [],
    ended: Promise.resolve(),
    close: () => abort.abort(),
  };
  if (!res.body) return reader;
  const body = res.body.getReader();
  const decoder = new TextDecoder();
  reader.ended = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await body.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const lines = block.split('\n');
          const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6));
          if (data.length > 0 && lines.includes('event: ticket')) {
            reader.changes.push(JSON.parse(data.join('\n')) as TicketChangeEvent);
          }
          for (const l of lines) if (l.startsWith(': ')) reader.comments.push(l.slice(2));
          cut = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted
    }
  })();
  return reader;
}

/** Live ticket changes fanned out through Redis: a change made on API #1 reaches clients of API #2. */
describe('ticket change stream (SSE)', () => {
  let env: TestEnv;
  let api1: ServiceProcess;
  let api2: ServiceProcess;
  let agent1: Client;
  let a: Awaited<ReturnType<typeof createTenantWorld>>;
  let b: Awaited<ReturnType<typeof createTenantWorld>>;
  const open: StreamReader[] = [];

  beforeAll(async () => {
    env = await createTestEnv('ticket_stream');
    [api1, api2] = await Promise.all([ServiceProcess.start('api', env.env), ServiceProcess.start('api', env.env)]);
    a = await createTenantWorld(env.dataSource);
    b = await createTenantWorld(env.dataSource);
    agent1 = await signIn(env.dataSource, api1.baseUrl, 'agent');
  });

  afterAll(async () => {
    for (const s of open) s.close();
    await Promise.all([api1?.stop(), api2?.stop()]);
    await env?.cleanup();
  });

  it('delivers a change made through API #1 to a client of API #2, filtered by tenant', async () => {
    const agent2 = await signIn(env.dataSource, api2.baseUrl, 'agent');
    const customerA = await signIn(env.dataSource, api2.baseUrl, 'customer', { tenantId: a.tenantId });
    const customerB = await signIn(env.dataSource, api2.baseUrl, 'customer', { tenantId: b.tenantId });
    const managerB = await signIn(env.dataSource, api2.baseUrl, 'manager', { servesTenantIds: [b.tenantId] });

    const agentStream = await openStream(api2.baseUrl, agent2.session.headers);
    const customerAStream = await openStream(api2.baseUrl, { cookie: customerA.session.cookie }); // cookie auth
    const customerBStream = await openStream(api2.baseUrl, customerB.session.headers);
    const managerBStream = await openStream(api2.baseUrl, managerB.session.headers);
    open.push(agentStream, customerAStream, customerBStream, managerBStream);
    for (const s of open) {
      expect(s.status).toBe(200);
      expect(s.contentType).toContain('text/event-stream');
    }
    await waitFor(() => open.every((s) => s.comments.includes('connected')), 'streams connected');
    await sleep(300); // API #2's subscription is up long before; give the connections a moment

    const created = await agent1.post<TicketDetail>('/api/tickets', {
      siteId: a.siteId,
      assetId: a.assetA,
      title: 'Live',
    });
    expect(created.status).toBe(201);
    const accepted = await agent1.post<TicketDetail>(`/api/tickets/${created.body.id}/accept`);
    expect(accepted.status).toBe(200);

    await waitFor(() => agentStream.changes.length >= 2 && customerAStream.changes.length >= 2, 'changes on API #2');
    expect(agentStream.changes.map((c) => [c.ticketId, c.type, c.version])).toEqual([
      [created.body.id, 'created', 1],
      [created.body.id, 'accepted', 2],
    ]);
    expect(agentStream.changes[0]).toMatchObject({ tenantId: a.tenantId });
    expect(customerAStream.changes.map((c) => c.type)).toEqual(['created', 'accepted']);

    // a change of tenant B reaches B's clients, proving they were listening all along
    const other = await agent1.post<TicketDetail>('/api/tickets', {
      siteId: b.siteId,
      assetId: b.assetA,
      title: 'B live',
    });
    await waitFor(() => customerBStream.changes.length >= 1 && managerBStream.changes.length >= 1, 'tenant B change');
    await sleep(300);
    for (const s of [customerBStream, managerBStream]) {
      expect(s.changes.map((c) => c.ticketId)).toEqual([other.body.id]);
      expect(s.changes.some((c) => c.tenantId === a.tenantId)).toBe(false);
    }
    expect(customerAStream.changes.some((c) => c.ticketId === other.body.id)).toBe(false);
  });

  it('delivers every change of a burst of concurrent creates (published together per batch), each once', async () => {
    const agent2 = await signIn(env.dataSource, api2.baseUrl, 'agent');
    const stream = await openStream(api2.baseUrl, agent2.session.headers);
    open.push(stream);
    await waitFor(() => stream.comments.includes('connected'), 'stream connected');
    await sleep(300);
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        agent1.post<TicketDetail>('/api/tickets', { siteId: a.siteId, assetId: a.assetA, title: `Schwall ${i}` }),
      ),
    );
    expect(burst.map((r) => r.status)).toEqual(Array(30).fill(201));
    const ids = burst.map((r) => r.body.id);
    await waitFor(() => stream.changes.filter((c) => ids.includes(c.ticketId)).length >= 30, 'burst on API #2');
    await sleep(300);
    const seen = stream.changes.filter((c) => ids.includes(c.ticketId));
    expect(seen).toHaveLength(30);
    expect(new Set(seen.map((c) => c.ticketId))).toEqual(new Set(ids));
    expect(seen.every((c) => c.type === 'created' && c.version === 1 && c.tenantId === a.tenantId)).toBe(true);
  });

  it('ends open streams on shutdown, so SIGTERM is not held up', async () => {
    const agent2 = await signIn(env.dataSource, api2.baseUrl, 'agent');
    const stream = await openStream(api2.baseUrl, agent2.session.headers);
    open.push(stream);
    await waitFor(() => stream.comments.includes('connected'), 'stream connected');
    const started = Date.now();
    await api2.stop('SIGTERM');
    await stream.ended;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(api2.lines.join('\n')).not.toMatch(/"level":50/);
  });
});
