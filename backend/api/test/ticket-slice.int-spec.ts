import { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import {
  RedisServerProcess,
  ServiceProcess,
  createTestEnv,
  sleep,
  waitFor,
  type TestEnv,
  TEST_METRICS_TOKEN,
} from '@leitstand/backend/testing';
import { createTenantWorld, signIn, type Client } from './ticket-test-world';

/**
 * The vertical slice on real processes: POST /api/tickets writes the ticket, its 'created' event and
 * an outbox row in one transaction; the worker's relay moves the row into BullMQ; the worker's
 * processor records 'intake_confirmed' in PostgreSQL.
 */
describe('ticket slice: api → outbox → BullMQ → worker → event', () => {
  let env: TestEnv;
  let api: ServiceProcess;
  let worker: ServiceProcess;
  let agent: Client;
  let siteId: string;

  beforeAll(async () => {
    env = await createTestEnv('slice');
    [api, worker] = await Promise.all([
      ServiceProcess.start('api', { ...env.env, METRICS_TOKEN: TEST_METRICS_TOKEN }),
      ServiceProcess.start('worker', env.env),
    ]);
    agent = await signIn(env.dataSource, api.baseUrl, 'agent');
    siteId = (await createTenantWorld(env.dataSource)).siteId;
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await env?.cleanup();
  });

  async function events(ticketId: string): Promise<Array<{ type: string; actor: string }>> {
    return env.dataSource.query(`SELECT type, actor FROM ticket_events WHERE ticket_id = $1 ORDER BY id`, [ticketId]);
  }

  it('a created ticket is processed by the real worker and its event lands in PostgreSQL', async () => {
    const res = await agent.post<{ id: string; number: string; status: string }>('/api/tickets', {
      siteId,
      title: 'Aufzug A3 steht im 2. OG',
      priority: 'A',
      channel: 'phone',
    });
    expect(res.status).toBe(201);
    const ticket = res.body;
    expect(ticket.number).toMatch(/^\d{4}-\d{6}$/);
    expect(ticket.status).toBe('new');

    const confirmed = await waitFor(async () => {
      const rows = await events(ticket.id);
      return rows.some((r) => r.type === 'intake_confirmed') ? rows : null;
    }, 'intake_confirmed event');
    expect(confirmed.map((r) => r.type)).toEqual(['created', 'intake_confirmed']);
    expect(confirmed[1]?.actor).toBe('system:worker');

    const [outbox] = (await env.dataSource.query(`SELECT published_at FROM outbox_messages`)) as Array<{
      published_at: Date | null;
    }>;
    expect(outbox?.published_at).toBeInstanceOf(Date);

    const list = await agent.get<{ items: Array<{ id: string }> }>('/api/tickets');
    expect(list.body.items.map((t) => t.id)).toContain(ticket.id);
  });

  it('answers bad input with 400 naming each field, and writes nothing', async () => {
    const before = (await env.dataSource.query(`SELECT count(*)::int AS n FROM tickets`)) as Array<{ n: number }>;
    const bodies: Array<[unknown, string[]]> = [
      [{}, ['siteId', 'title']],
      [{ siteId, title: '', priority: 'X' }, ['title', 'priority']],
      [{ siteId, title: 'ok', priority: 'A', channel: 'fax' }, ['channel']],
      [{ siteId, title: 'x'.repeat(201), priority: 'B' }, ['title']],
      [{ siteId, title: 'ok', priority: 'A', sneaky: true }, ['sneaky']],
      [{ siteId: 'site-1', title: 42, priority: ['A'] }, ['siteId', 'title', 'priority']],
      [{ siteId, title: 'ok' }, ['priority']],
    ];
    for (const [body, fields] of bodies) {
      const res = await agent.post<{ fields: Array<{ field: string }>; message: string }>('/api/tickets', body);
      expect(res.status).toBe(400);
      const error = res.body;
      expect(error.fields.map((f) => f.field).sort()).toEqual([...fields].sort());
      for (const f of fields) expect(error.message).toContain(f);
    }
    const malformed = await fetch(`${api.baseUrl}/api/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...agent.session.headers },
      body: '{"title": ',
    });
    expect(malformed.status).toBe(400);
    const after = (await env.dataSource.query(`SELECT count(*)::int AS n FROM tickets`)) as Array<{ n: number }>;
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('answers an unknown route with a JSON 404', async () => {
    const res = await fetch(`${api.baseUrl}/api/no-such-thing`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('logged neither client error as an error nor with a stack trace', async () => {
    await sleep(200); // let the last log lines flush
    const logs = api.logs();
    expect(logs.some((l) => (l['res'] as { statusCode?: number } | undefined)?.statusCode === 400)).toBe(true);
    const errors = logs.filter((l) => typeof l['level'] === 'number' && (l['level'] as number) >= 50);
    expect(errors).toEqual([]);
    expect(api.lines.join('\n')).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  });

  it('tags every response with a request id and echoes a valid incoming one', async () => {
    const res = await fetch(`${api.baseUrl}/api/health`, { headers: { 'x-request-id': 'call-4711' } });
    expect(res.headers.get('x-request-id')).toBe('call-4711');
    const other = await fetch(`${api.baseUrl}/api/health`);
    expect(other.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('exposes Prometheus metrics and the OpenAPI document', async () => {
    const metrics = await (
      await fetch(`${api.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } })
    ).text();
    expect(metrics).toContain('leitstand_http_request_duration_seconds_bucket');
    expect(metrics).toMatch(/leitstand_queue_jobs\{queue="tickets",state="waiting"\} \d+/);
    expect(metrics).toMatch(/leitstand_outbox_lag_seconds \d/);
    const doc = (await (await fetch(`${api.baseUrl}/api/docs/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/tickets', '/api/health']));
    expect((await fetch(`${api.baseUrl}/api/docs`)).status).toBe(200);
  });
});

describe('outbox while Redis is down', () => {
  let env: TestEnv;
  let redis: RedisServerProcess;
  let api: ServiceProcess;
  let worker: ServiceProcess;
  let agent: Client;
  let siteId: string;

  beforeAll(async () => {
    redis = await RedisServerProcess.start();
    env = await createTestEnv('outbox_redis_down', { REDIS_URL: redis.url });
    [api, worker] = await Promise.all([ServiceProcess.start('api', env.env), ServiceProcess.start('worker', env.env)]);
    agent = await signIn(env.dataSource, api.baseUrl, 'agent');
    siteId = (await createTenantWorld(env.dataSource)).siteId;
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await redis?.stop();
    await env?.cleanup();
  });

  it('keeps committed jobs in PostgreSQL and delivers each exactly once when Redis is back', async () => {
    await redis.stop();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await agent.post<{ id: string }>('/api/tickets', {
        siteId,
        title: `Störung ${i} während Redis-Ausfall`,
        priority: 'B',
      });
      // Intake does not depend on Redis: the outbox holds the job (and the live change is skipped).
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    await sleep(1_500); // relay rounds fail meanwhile
    const pending = (await env.dataSource.query(
      `SELECT count(*)::int AS n, max(attempts) AS attempts FROM outbox_messages
        WHERE published_at IS NULL AND job_name = 'ticket.created'`, // (SLA timers due soon would be pending too)
    )) as Array<{
      n: number;
      attempts: number;
    }>;
    expect(pending[0]?.n).toBe(5);
    expect(pending[0]?.attempts).toBeGreaterThan(0);

    await redis.startAgain();
    await waitFor(
      async () => {
        const [row] = (await env.dataSource.query(
          `SELECT count(*)::int AS n FROM ticket_events WHERE type = 'intake_confirmed'`,
        )) as Array<{ n: number }>;
        return row?.n === 5;
      },
      'all five intake confirmations',
      40_000,
    );
    await sleep(1_000); // anything duplicated would show up now
    const perTicket = (await env.dataSource.query(
      `SELECT ticket_id, count(*)::int AS n FROM ticket_events WHERE type = 'intake_confirmed' GROUP BY ticket_id`,
    )) as Array<{ ticket_id: string; n: number }>;
    expect(perTicket.map((r) => r.ticket_id).sort()).toEqual([...ids].sort());
    expect(perTicket.every((r) => r.n === 1)).toBe(true);
    const unpublished = (await env.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_messages WHERE published_at IS NULL`,
    )) as Array<{ n: number }>;
    expect(unpublished[0]?.n).toBe(0);
    // the worker said what happened in one line each, no stack walls
    expect(worker.lines.join('\n')).toContain(`is unreachable`);
    expect(worker.lines.join('\n')).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  });

  it('re-publishing an already delivered outbox row does not record the event twice', async () => {
    // Simulates a relay that crashed after adding to BullMQ but before marking the row published.
    await env.dataSource.query(`UPDATE outbox_messages SET published_at = NULL`);
    await waitFor(async () => {
      const [row] = (await env.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox_messages WHERE published_at IS NULL`,
      )) as Array<{ n: number }>;
      return row?.n === 0;
    }, 'relay to re-publish');
    await sleep(1_000);
    const [row] = (await env.dataSource.query(
      `SELECT count(*)::int AS n FROM ticket_events WHERE type = 'intake_confirmed'`,
    )) as Array<{ n: number }>;
    expect(row?.n).toBe(5);
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue('tickets', { connection, prefix: env.queuePrefix });
    const counts = await queue.getJobCounts('completed', 'failed');
    expect(counts['failed']).toBe(0);
    await queue.close();
    connection.disconnect();
  });
});
