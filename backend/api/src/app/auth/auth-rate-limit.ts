import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Redis } from 'ioredis';
import type { Logger as PinoLogger } from 'pino';
import { ROOT_LOGGER, TooManyRequestsError, type AppConfig } from '@leitstand/backend/core';
import { clientKey } from '@leitstand/backend/auth';
import { REDIS_PRODUCER } from '@leitstand/backend/jobs';

/** Route config that puts a route under the auth rate limit (see registerAuthRateLimit). */
export const AUTH_RATE_LIMITED = { rateLimit: {} } as const;

export const RATE_LIMITED_MESSAGE = 'Too many requests from this address; try again later';

/**
 * Per-address request limit on the routes marked AUTH_RATE_LIMITED (sign-in, refresh, logout),
 * with @fastify/rate-limit's Redis store so every API process shares the count: at most
 * `AUTH_REQUESTS_PER_MINUTE_PER_IP` requests per address (IPv6: /64), route and minute, the
 * successful ones included, then 429 with Retry-After. It caps floods (each sign-in costs an
 * argon2 verification); guessing is throttled by failures in SignInThrottle. If Redis is
 * unreachable the limit is skipped. Fastify only: the Express adapter is for the benchmark.
 */
export async function registerAuthRateLimit(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const log = app.get<PinoLogger>(ROOT_LOGGER).child({ component: 'auth' });
  await app.register((await import('@fastify/rate-limit')).default, {
    global: false,
    redis: app.get<Redis>(REDIS_PRODUCER),
    nameSpace: `${config.queue.prefix}:auth:rate:`,
    max: config.auth.requestsPerMinutePerIp,
    timeWindow: 60_000,
    skipOnError: true,
    keyGenerator: (request) => clientKey(request.ip),
    errorResponseBuilder: (_request, context) =>
      new TooManyRequestsError(RATE_LIMITED_MESSAGE, Math.max(1, Math.ceil(context.ttl / 1000))),
    onExceeded: (request, key) =>
      log.warn({ event: 'auth.rate_limited', ip: key, route: request.routeOptions.url }, 'auth request rate limit hit'),
  });
}
