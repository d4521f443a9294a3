import { Redis } from 'ioredis';
import pino from 'pino';
import { OutboxRelay, QueueRegistry } from '@leitstand/backend/jobs';
import { createTestEnv, type TestEnv } from '@leitstand/backend/testing';

const POLL_MS = 60_000;

/**
 * The relay sleeps between rounds until NOTIFY (or its poll, here a minute). A row committed while a
 * round runs — after its SELECT — announces itself during the round; that NOTIFY must not be lost, or
 * the row (an overdue breach timer handed on by a late warning, say) would wait for the poll.
 */
describe('outbox relay wake-up', () => {
  let env: TestEnv;
  let connection: Redis;
  let relay: OutboxRelay;

  beforeAll(async () => {
    env = await createTestEnv('outbox_wakeup');
    connection = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
    relay = new OutboxRelay(env.dataSource, new QueueRegistry(connection, env.queuePrefix), pino({ level: 'silent' }), {
      pollMs: POLL_MS,
      batchSize: 200,
      databaseUrl: env.databaseUrl,
      retentionMs: 3_600_000,
    });
  });

  afterAll(async () => {
    await relay?.stop();
    connection?.disconnect();
    await env?.cleanup();
  });

  const insertNotifying = async (label: string): Promise<void> => {
    await env.dataSource.query(
      `WITH row AS (INSERT INTO outbox_messages (job_name, payload) VALUES ('ticket.created', $1::jsonb) RETURNING id)
       SELECT pg_notify('leitstand_outbox', '') FROM row`,
      [JSON.stringify({ ticketIds: [label] })],
    );
  };

  const publishedWithin = async (label: string, ms: number): Promise<boolean> => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const [row] = (await env.dataSource.query(
        `SELECT published_at FROM outbox_messages WHERE payload->'ticketIds'->>0 = $1`,
        [label],
      )) as Array<{ published_at: Date | null }>;
      if (row?.published_at) return true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return false;
  };

  it('goes again at once when a row was announced during a round', async () => {
    const original = relay.relayOnce.bind(relay);
    let rounds = 0;
    let announcedDuring = false;
    jest.spyOn(relay, 'relayOnce').mockImplementation(async () => {
      rounds++;
      const moved = await original();
      // The round that delivers 'first' sees 'during' committed (and announced) only after its SELECT.
      if (moved > 0 && !announcedDuring) {
        announcedDuring = true;
        await insertNotifying('during');
        await new Promise((resolve) => setTimeout(resolve, 300)); // the NOTIFY arrives meanwhile
      }
      return moved;
    });
    relay.start();
    // Wait for the relay's LISTEN, then wake it: round 1 ran at start (empty), round 2 delivers 'first'.
    for (let i = 0; i < 100; i++) {
      const [listening] = (await env.dataSource.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN %'`,
      )) as Array<{ n: number }>;
      if (listening?.n === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await insertNotifying('first');
    expect(await publishedWithin('first', 5_000)).toBe(true);
    // Without remembering that NOTIFY, 'during' would wait for the minute's poll.
    expect(await publishedWithin('during', 5_000)).toBe(true);
    expect(rounds).toBeGreaterThanOrEqual(3);
  });
});
