import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { ServiceProcess, createTestEnv, createUser, login, waitFor, type TestEnv } from '@leitstand/backend/testing';
import { createTenantWorld } from './ticket-test-world';

/** SIGTERM lets in-flight HTTP requests and running jobs finish; nothing is half-done or lost. */
describe('graceful shutdown', () => {
  let env: TestEnv;
  let agent: { email: string; password: string };
  let siteId: string;

  beforeAll(async () => {
    env = await createTestEnv('graceful');
    agent = await createUser(env.dataSource, 'agent');
    siteId = (await createTenantWorld(env.dataSource)).siteId;
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it('api: requests in flight at SIGTERM complete, later ones are turned away, none half-written', async () => {
    const api = await ServiceProcess.start('api', env.env);
    const { headers } = await login(api.baseUrl, agent);
    const calls = Array.from({ length: 60 }, (_, i) =>
      fetch(`${api.baseUrl}/api/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ siteId, title: `Shutdown-Test ${i}`, priority: 'C' }),
      }).then(
        (r) => r.status,
        () => 'refused' as const,
      ),
    );
    await new Promise((r) => setTimeout(r, 15));
    const stopping = api.stop('SIGTERM');
    const outcomes = await Promise.all(calls);
    await stopping;
    const created = outcomes.filter((o) => o === 201).length;
    // Each request either completed (201) or was turned away cleanly: 503 while closing (Fastify's
    // return503OnClosing, safe to retry) or a refused connection once the listener was gone.
    expect(outcomes.filter((o) => o !== 201 && o !== 503 && o !== 'refused')).toEqual([]);
    expect(created).toBeGreaterThan(0);
    const [row] = (await env.dataSource.query(
      `SELECT count(*)::int AS n FROM tickets WHERE title LIKE 'Shutdown-Test %'`,
    )) as Array<{ n: number }>;
    expect(row?.n).toBe(created);
    expect(api.lines.join('\n')).not.toMatch(/"level":50/);
  });

  it('worker: SIGTERM lets running jobs finish; a restarted worker completes the rest exactly once', async () => {
    const api = await ServiceProcess.start('api', env.env);
    const worker = await ServiceProcess.start('worker', { ...env.env, WORKER_CONCURRENCY: '4' });
    const { headers } = await login(api.baseUrl, agent);
    const ids: string[] = [];
    for (let i = 0; i < 150; i++) {
      const res = await fetch(`${api.baseUrl}/api/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ siteId, title: `Worker-Shutdown ${i}`, priority: 'B' }),
      });
      ids.push(((await res.json()) as { id: string }).id);
    }
    await worker.stop('SIGTERM');
    const connection = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue('tickets', { connection, prefix: env.queuePrefix });
    try {
      const counts = await queue.getJobCounts('active', 'failed');
      expect(counts['active']).toBe(0); // nothing was abandoned mid-job
      expect(counts['failed']).toBe(0);
      const restarted = await ServiceProcess.start('worker', env.env);
      await waitFor(async () => {
        const [row] = (await env.dataSource.query(
          `SELECT count(DISTINCT ticket_id)::int AS n FROM ticket_events WHERE type = 'intake_confirmed' AND ticket_id = ANY($1::uuid[])`,
          [ids],
        )) as Array<{ n: number }>;
        return row?.n === ids.length;
      }, 'every ticket confirmed');
      const [dupes] = (await env.dataSource.query(
        `SELECT count(*)::int AS n FROM ticket_events WHERE type = 'intake_confirmed' AND ticket_id = ANY($1::uuid[])`,
        [ids],
      )) as Array<{ n: number }>;
      expect(dupes?.n).toBe(ids.length);
      await restarted.stop();
    } finally {
      await queue.close();
      connection.disconnect();
      await api.stop();
    }
  });
});
