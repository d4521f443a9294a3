import { Redis, type RedisOptions } from 'ioredis';
import { describeEndpoint } from '../config/app-config';
import type { RetryLogger } from '../resilience/retry';
import { describeError } from '../resilience/retry';

/**
 * ioredis connections as BullMQ's production guide asks for them:
 * - `worker` connections (BullMQ Worker, blocking commands): `maxRetriesPerRequest: null`, so a Redis
 *   outage pauses the worker instead of failing its commands; reconnects forever with backoff.
 * - `producer` connections (Queue.add from the outbox relay, health checks): `enableOfflineQueue: false`,
 *   so calls fail fast while Redis is down and the caller (the relay) retries them later from PostgreSQL.
 * - `subscriber` connections (pub/sub fan-out): like worker, with the offline queue on.
 * Every connection logs one line when it loses Redis and one when it is back, never a stack wall.
 */
export type RedisRole = 'worker' | 'producer' | 'subscriber';

export function redisOptionsFor(role: RedisRole): RedisOptions {
  const base: RedisOptions = {
    lazyConnect: false,
    retryStrategy: (times: number) => Math.min(200 * 2 ** Math.min(times, 6), 5_000),
    reconnectOnError: (err) => err.message.startsWith('READONLY'),
  };
  switch (role) {
    case 'worker':
    case 'subscriber':
      return { ...base, maxRetriesPerRequest: null, enableOfflineQueue: true };
    case 'producer':
      return { ...base, maxRetriesPerRequest: 1, enableOfflineQueue: false };
  }
}

export function createRedisConnection(url: string, role: RedisRole, logger: RetryLogger, name: string = role): Redis {
  const redis = new Redis(url, { ...redisOptionsFor(role), connectionName: `leitstand-${name}` });
  const endpoint = describeEndpoint(url);
  let down = false;
  redis.on('error', (error: unknown) => {
    if (!down) {
      down = true;
      logger.warn(
        `Redis at ${endpoint} is unreachable (${describeError(error)}); ${name} connection retrying with backoff`,
      );
    }
  });
  redis.on('ready', () => {
    if (down) {
      down = false;
      logger.info(`Redis at ${endpoint} is reachable again (${name} connection)`);
    }
  });
  return redis;
}

/** Resolves once the connection is ready (retrying in the background), or rejects after `timeoutMs`. */
export function waitForRedisReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new Error(`not ready after ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = (): void => {
      clearTimeout(timer);
      resolve();
    };
    redis.once('ready', onReady);
  });
}
