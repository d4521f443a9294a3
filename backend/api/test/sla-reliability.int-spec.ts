import { Redis } from 'ioredis';
import {
  RedisServerProcess,
  ServiceProcess,
  createTestEnv,
  sleep,
  waitFor,
  type TestEnv,
} from '@leitstand/backend/testing';
import { TIMERS_PER_TICKET, armTickets, breachesOf, createSlaWorld, timerJobIds } from './sla-test-world';

/**
 * Reliability of the SLA timers on real processes, real PostgreSQL and real Redis. Every test counts
 * the recorded breaches in ticket_events exactly: each armed ticket breaches once, none twice.
 */

async function allPublished(env: TestEnv): Promise<boolean> {
  const [row] = (await env.dataSource.query(
    `SELECT count(*)::int AS n FROM outbox_messages WHERE published_at IS NULL`,
  )) as Array<{ n: number }>;
  return row?.n === 0;
}

describe('SLA timers: kill -9 of the worker while 1,000 timers fall due', () => {
  let env: TestEnv;
  let worker: ServiceProcess | null = null;

  beforeAll(async () => {
    env = await createTestEnv('sla_kill9', { SLA_RECONCILE_MS: '2000' });
  });

  afterAll(async () => {
    await worker?.stop();
    await env?.cleanup();
  });

  it('records every breach exactly once after a restart', async () => {
    worker = await ServiceProcess.start('worker', env.env);
    const world = await createSlaWorld(env.dataSource);
    // 1,000 deadlines spread over 3 s, starting in 4 s.
    const ids = await armTickets(env.dataSource, world, {
      n: 1_000,
      firstDeadline: new Date(Date.now() + 4_000),
      stepMs: 3,
      viaOutbox: true,
      tag: 'K',
    });
    await waitFor(() => allPublished(env), 'timers armed', 30_000);
    // Kill the worker in the middle of the wave.
    await waitFor(async () => (await breachesOf(env.dataSource, ids)).events >= 100, 'first breaches', 30_000, 20);
    await worker.kill9();
    const atKill = await breachesOf(env.dataSource, ids);
    expect(atKill.events).toBeLessThan(1_000);
    await sleep(4_000); // the rest fall due while no worker runs
    worker = await ServiceProcess.start('worker', env.env);
    // Jobs the dead worker held are stalled until their lock expires (BullMQ: 30 s), then retried.
    await waitFor(async () => (await breachesOf(env.dataSource, ids)).events >= 1_000, 'all breaches', 120_000, 250);
    await sleep(3_000); // a reconciliation round and any duplicate delivery would land here
    expect(await breachesOf(env.dataSource, ids)).toEqual({ events: 1_000, tickets: 1_000, max: 1 });
    const [flags] = (await env.dataSource.query(
      `SELECT count(*) FILTER (WHERE t.breached AND c.breached_at IS NOT NULL)::int AS n
         FROM tickets t JOIN ticket_sla_clocks c ON c.ticket_id = t.id AND c.clock = 'response' WHERE t.id = ANY($1::uuid[])`,
      [ids],
    )) as Array<{ n: number }>;
    expect(flags?.n).toBe(1_000);
  }, 200_000);
});

describe('SLA timers: FLUSHALL with 10,000 armed timers', () => {
  let env: TestEnv;
  let redis: RedisServerProcess;
  let worker: ServiceProcess | null = null;

  beforeAll(async () => {
    redis = await RedisServerProcess.start();
    env = await createTestEnv('sla_flushall', { REDIS_URL: redis.url, SLA_RECONCILE_MS: '3000' });
  });

  afterAll(async () => {
    await worker?.stop();
    await redis?.stop();
    await env?.cleanup();
  });

  it('restores every timer due within the horizon by reconciliation; each breach recorded once', async () => {
    const world = await createSlaWorld(env.dataSource);
    const n = 5_000; // × 2 timers per ticket = 10,000 armed timers
    const ids = await armTickets(env.dataSource, world, {
      n,
      firstDeadline: new Date(Date.now() + 40_000),
      stepMs: 1,
      viaOutbox: true,
      tag: 'F',
    });
    worker = await ServiceProcess.start('worker', env.env);
    await waitFor(
      async () => (await timerJobIds(redis.url, env.queuePrefix)).length === n * TIMERS_PER_TICKET,
      'armed',
      30_000,
    );
    const before = new Set(await timerJobIds(redis.url, env.queuePrefix));
    expect(before.size).toBe(10_000);

    const linesBefore = worker.lines.length;
    const admin = new Redis(redis.url);
    expect(await admin.flushall()).toBe('OK');
    admin.disconnect();
    // (no look at the empty Redis here: the next reconciliation round may already be refilling it)

    // Reconciliation re-arms what is due within the horizon (default 5 minutes): the 5,000 response breach
    // timers. The 5,000 restore warnings, due in about half an hour, wait in PostgreSQL until they come within
    // it (the outbox had armed them with the tickets, as a ticket action would).
    const dueSoon = [...before].filter((id) => id.includes('.response.'));
    expect(dueSoon).toHaveLength(n);
    await waitFor(
      async () => (await timerJobIds(redis.url, env.queuePrefix)).length === dueSoon.length,
      'reconciliation restores the timers due within the horizon',
      20_000,
      200,
    );
    const after = await timerJobIds(redis.url, env.queuePrefix);
    expect(after.sort()).toEqual(dueSoon.sort());
    const repairedLine = (): string | undefined =>
      worker?.lines.slice(linesBefore).find((l) => l.includes('sla timers reconciled: repaired'));
    await waitFor(async () => repairedLine() !== undefined, 'the repair report', 5_000);
    expect(JSON.parse(repairedLine() as string)).toMatchObject({ created: n, deferred: n });

    // And they fire: every response deadline passes within the test, each breach recorded once.
    await waitFor(async () => (await breachesOf(env.dataSource, ids)).events >= n, 'all breaches', 90_000, 500);
    await sleep(4_000);
    expect(await breachesOf(env.dataSource, ids)).toEqual({ events: n, tickets: n, max: 1 });
    // nothing else was armed: the restore warnings are still beyond the horizon
    expect(await timerJobIds(redis.url, env.queuePrefix)).toEqual([]);
  }, 200_000);
});

describe('SLA timers: PostgreSQL connections of the worker terminated while timers fire', () => {
  let env: TestEnv;
  let worker: ServiceProcess | null = null;

  beforeAll(async () => {
    env = await createTestEnv('sla_pgkill', { SLA_RECONCILE_MS: '2000' });
  });

  afterAll(async () => {
    await worker?.stop();
    await env?.cleanup();
  });

  it('recovers by itself and records no duplicate', async () => {
    // The shared PostgreSQL cannot be restarted under other tests; terminating every connection of
    // the worker is what a restart looks like to it (server closed the connection unexpectedly).
    worker = await ServiceProcess.start('worker', env.env);
    const world = await createSlaWorld(env.dataSource);
    const ids = await armTickets(env.dataSource, world, {
      n: 500,
      firstDeadline: new Date(Date.now() + 3_000),
      stepMs: 12,
      viaOutbox: true,
      tag: 'P',
    });
    const database = new URL(env.databaseUrl).pathname.slice(1);
    let terminated = 0;
    const until = Date.now() + 3_000 + 500 * 12 + 1_000;
    while (Date.now() < until) {
      const rows = (await env.dataSource.query(
        `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
          WHERE datname = $1 AND application_name LIKE 'leitstand-worker%'`,
        [database],
      )) as Array<{ ok: boolean }>;
      terminated += rows.filter((r) => r.ok).length;
      await sleep(700);
    }
    expect(terminated).toBeGreaterThan(0);
    await waitFor(async () => (await breachesOf(env.dataSource, ids)).events >= 500, 'all breaches', 90_000, 250);
    await sleep(3_000);
    expect(await breachesOf(env.dataSource, ids)).toEqual({ events: 500, tickets: 500, max: 1 });
    const health = await fetch(worker.healthUrl);
    expect(health.status).toBe(200);
  }, 150_000);
});

describe('SLA timers: Redis stopped for 30 s across due times', () => {
  let env: TestEnv;
  let redis: RedisServerProcess;
  let worker: ServiceProcess | null = null;

  beforeAll(async () => {
    redis = await RedisServerProcess.start();
    env = await createTestEnv('sla_redis_down', { REDIS_URL: redis.url });
  });

  afterAll(async () => {
    await worker?.stop();
    await redis?.stop();
    await env?.cleanup();
  });

  it('fires every timer after Redis returns, none twice', async () => {
    // Default reconciliation period (60 s): the worker reconciles when its Redis connection is back.
    worker = await ServiceProcess.start('worker', env.env);
    const world = await createSlaWorld(env.dataSource);
    const ids = await armTickets(env.dataSource, world, {
      n: 300,
      firstDeadline: new Date(Date.now() + 6_000),
      stepMs: 20,
      viaOutbox: true,
      tag: 'R',
    });
    await waitFor(() => allPublished(env), 'timers armed', 20_000);
    await sleep(500);
    // This redis-server keeps nothing on disk: stopping it loses every delayed job, the hard case.
    await redis.stop();
    await sleep(30_000);
    expect((await breachesOf(env.dataSource, ids)).events).toBe(0);
    await redis.startAgain();
    await waitFor(async () => (await breachesOf(env.dataSource, ids)).events >= 300, 'all breaches', 60_000, 250);
    await sleep(3_000);
    expect(await breachesOf(env.dataSource, ids)).toEqual({ events: 300, tickets: 300, max: 1 });
  }, 150_000);
});
