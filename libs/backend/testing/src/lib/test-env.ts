import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createDataSource, dropDatabase, ensureDatabase, runMigrations } from '@leitstand/backend/data-access';
import type { DataSource } from 'typeorm';

/**
 * A private world for one test file on the machine's real PostgreSQL and Redis: a fresh database
 * (migrated with the real migrations) and a Redis key prefix of its own.
 */
export interface TestEnv {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  /** Environment for an api/worker process (or loadConfig) pointed at this world. */
  env: Record<string, string>;
  dataSource: DataSource;
  cleanup(): Promise<void>;
}

/**
 * A METRICS_TOKEN for tests that scrape the API: start it with `{ ...env.env, METRICS_TOKEN: TEST_METRICS_TOKEN }`
 * and send `Authorization: Bearer <it>`. Test envs leave it unset, like the default (/metrics answers 404).
 */
export const TEST_METRICS_TOKEN = 'test-metrics-token-0123456789';

const PG_BASE = process.env['TEST_PG_BASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432';
const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

export async function createTestEnv(name: string, overrides: Record<string, string> = {}): Promise<TestEnv> {
  const id = `${name.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const databaseUrl = `${PG_BASE}/lt_${id}`.slice(0, PG_BASE.length + 1 + 63);
  const queuePrefix = `{lt-${id.replace(/_/g, '-')}}`;
  await dropDatabase(databaseUrl);
  await ensureDatabase(databaseUrl);
  const dataSource = createDataSource({ url: databaseUrl, poolSize: 4 }, 'leitstand-test');
  await dataSource.initialize();
  await runMigrations(dataSource);
  const redisUrl = overrides['REDIS_URL'] ?? REDIS_URL;
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    OUTBOX_POLL_MS: '200',
    ...overrides,
  };
  return {
    databaseUrl,
    redisUrl,
    queuePrefix,
    env,
    dataSource,
    cleanup: async () => {
      await dataSource.destroy().catch(() => undefined);
      await dropDatabase(databaseUrl).catch(() => undefined);
      await deleteRedisKeys(redisUrl, queuePrefix).catch(() => undefined);
    },
  };
}

/** Deletes every key under a prefix (SCAN, never KEYS). */
export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
