import { Redis } from 'ioredis';
import pino from 'pino';
import { OUTBOX_PURGE_CHUNK, OutboxRelay, QueueRegistry } from '@leitstand/backend/jobs';
import { createTestEnv, type TestEnv } from '@leitstand/backend/testing';

const DAY_MS = 24 * 3_600_000;

/**
 * The outbox does not grow without end: the relay deletes delivered rows once their retention has
 * passed — in chunks, oldest first — and never an undelivered row, however old.
 */
describe('outbox retention', () => {
  let env: TestEnv;
  let connection: Redis;
  let relay: OutboxRelay;

  beforeAll(async () => {
    env = await createTestEnv('outbox_retention');
    connection = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
    relay = new OutboxRelay(env.dataSource, new QueueRegistry(connection, env.queuePrefix), pino({ level: 'silent' }), {
      pollMs: 1_000,
      batchSize: 200,
      databaseUrl: env.databaseUrl,
      retentionMs: 7 * DAY_MS,
    });
  });

  afterAll(async () => {
    connection?.disconnect();
    await env?.cleanup();
  });

  const insert = (n: number, label: string, createdDaysAgo: number, publishedDaysAgo: number | null) =>
    env.dataSource.query(
      `INSERT INTO outbox_messages (job_name, payload, created_at, published_at)
       SELECT 'ticket.created', jsonb_build_object('label', $1::text, 'i', i),
              now() - $2 * interval '1 day', now() - $3 * interval '1 day'
         FROM generate_series(1, $4::int) AS i`,
      [label, createdDaysAgo, publishedDaysAgo, n],
    );

  it('deletes delivered rows past their retention in chunks, keeps recent and undelivered ones', async () => {
    const old = OUTBOX_PURGE_CHUNK * 2 + 17; // more than one chunk
    await insert(old, 'delivered long ago', 10, 10);
    await insert(3, 'never delivered', 30, null);
    await insert(4, 'delivered yesterday', 2, 1);

    expect(await relay.purgeDelivered()).toBe(old);

    const left = (await env.dataSource.query(
      `SELECT payload->>'label' AS label, count(*)::int AS n FROM outbox_messages GROUP BY 1 ORDER BY 1`,
    )) as Array<{ label: string; n: number }>;
    expect(left).toEqual([
      { label: 'delivered yesterday', n: 4 },
      { label: 'never delivered', n: 3 },
    ]);
    expect(await relay.purgeDelivered()).toBe(0);
  });
});
