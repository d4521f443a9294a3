import { z } from 'zod';

/**
 * The one environment schema of Leitstand. Only this file (and `loadConfig`) read `process.env`.
 * Every variable has a description and, where that is safe, a local default, so `npm start` works
 * on a developer machine with nothing set. The README's env table lists exactly these keys (a test checks it).
 */
const port = z.coerce.number().int('must be a whole number').min(1, 'must be 1–65535').max(65535, 'must be 1–65535');
const positiveMs = z.coerce.number().int('must be a whole number').positive('must be > 0');

const DEV_ONLY_SECRET = 'leitstand-local-development-secret-change-me';

export const ENV_SCHEMA = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
    API_HOST: z.string().min(1).default('127.0.0.1'),
    API_PORT: port.default(3000),
    WORKER_HTTP_PORT: port.default(3001),
    HTTP_ADAPTER: z.enum(['fastify', 'express']).default('fastify'),
    TRUST_PROXY: z
      .string()
      .regex(
        /^(true|false|\d{1,2}|((loopback|linklocal|uniquelocal|[0-9A-Fa-f:.]+(\/\d{1,3})?)(\s*,\s*|$))+)$/,
        'must be true, false, a hop count, or a comma list of addresses, CIDRs, loopback, linklocal, uniquelocal',
      )
      .default('loopback,linklocal,uniquelocal'),
    DATABASE_URL: z
      .string()
      .regex(
        /^postgres(ql)?:\/\/[^/]+\/[A-Za-z0-9_-]+(\?.*)?$/,
        'must be postgres://user[:password]@host[:port]/database',
      )
      .default('postgres://postgres@127.0.0.1:5432/leitstand'),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\/.+/, 'must be redis://[user:password@]host[:port][/db]')
      .default('redis://127.0.0.1:6379'),
    QUEUE_PREFIX: z
      .string()
      .regex(/^\{[A-Za-z0-9_-]+\}$/, 'must be a Redis Cluster hash tag such as {leitstand}')
      .default('{leitstand}'),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEV_ONLY_SECRET),
    AUTH_REFRESH_GRACE_MS: z.coerce.number().int('must be a whole number').min(0).max(60_000).default(5000),
    AUTH_SIGN_IN_FREE_FAILURES: z.coerce.number().int('must be a whole number').min(1).max(1000).default(5),
    AUTH_SIGN_IN_FREE_FAILURES_PER_IP: z.coerce.number().int('must be a whole number').min(1).max(100_000).default(50),
    AUTH_SIGN_IN_LOCK_BASE_MS: positiveMs.default(1000),
    AUTH_SIGN_IN_LOCK_MAX_MS: positiveMs.default(900_000),
    AUTH_REQUESTS_PER_MINUTE_PER_IP: z.coerce.number().int('must be a whole number').min(1).max(1_000_000).default(300),
    WEB_DIST: z.string().min(1).optional(),
    PUBLIC_UI_URL: z
      .string()
      .regex(
        /^https?:\/\/[^/\s?#]+(\/[^\s?#]*)?$/,
        'must be an http(s) URL without query, e.g. https://leitstand.example',
      )
      .transform((v) => v.replace(/\/+$/, ''))
      .default('http://127.0.0.1:3000'),
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    OUTBOX_POLL_MS: positiveMs.default(1000),
    OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(200),
    OUTBOX_RETENTION_HOURS: z.coerce.number().int().min(1).max(8760).default(168),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(16),
    SLA_RECONCILE_MS: positiveMs.default(60000),
    SLA_TIMER_HORIZON_MS: positiveMs.default(300000),
    SHUTDOWN_TIMEOUT_MS: positiveMs.default(15000),
  })
  .superRefine((env, ctx) => {
    if (env.SLA_TIMER_HORIZON_MS < 2 * env.SLA_RECONCILE_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLA_TIMER_HORIZON_MS'],
        message: `must be at least twice SLA_RECONCILE_MS (${env.SLA_RECONCILE_MS}): reconciliation arms the later timers once per period`,
      });
    }
    if (env.AUTH_SIGN_IN_LOCK_MAX_MS < env.AUTH_SIGN_IN_LOCK_BASE_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_SIGN_IN_LOCK_MAX_MS'],
        message: `must be at least AUTH_SIGN_IN_LOCK_BASE_MS (${env.AUTH_SIGN_IN_LOCK_BASE_MS})`,
      });
    }
    if (env.NODE_ENV === 'production' && env.JWT_SECRET === DEV_ONLY_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'must be set in production (the default is for local use only)',
      });
    }
  });

export type Env = z.infer<typeof ENV_SCHEMA>;

/** Descriptions for the README env table and `.env.example`; keys must match ENV_SCHEMA. */
export const ENV_DESCRIPTIONS: Record<keyof Env, { description: string; sensitive?: boolean }> = {
  NODE_ENV: { description: 'development, test or production' },
  LOG_LEVEL: { description: 'pino log level' },
  LOG_FORMAT: {
    description:
      "'pretty' (readable lines, pino-pretty) or 'json' (JSON lines); default pretty in development, else json",
  },
  API_HOST: { description: 'interface the API listens on (0.0.0.0 in containers)' },
  API_PORT: { description: 'HTTP port of the API' },
  WORKER_HTTP_PORT: { description: 'port of the worker health and metrics endpoint' },
  HTTP_ADAPTER: { description: 'fastify (default) or express' },
  TRUST_PROXY: {
    description:
      'which peers may set X-Forwarded-For (the client address of the sign-in throttle and rate limit): true, false, a hop count, or addresses/CIDRs/loopback/linklocal/uniquelocal',
  },
  DATABASE_URL: { description: 'PostgreSQL connection URL', sensitive: true },
  DATABASE_POOL_SIZE: { description: 'connections per process' },
  REDIS_URL: { description: 'Redis connection URL', sensitive: true },
  QUEUE_PREFIX: {
    description: 'BullMQ key prefix, a hash tag so every key of a queue lands in one Redis Cluster slot',
  },
  JWT_SECRET: { description: 'signing secret for session tokens (required in production)', sensitive: true },
  AUTH_REFRESH_GRACE_MS: {
    description:
      'how long a just-rotated refresh token still yields the same successor (parallel refreshes); later reuse ends the session',
  },
  AUTH_SIGN_IN_FREE_FAILURES: {
    description: 'failed sign-ins per e-mail before the sign-in throttle locks it (429 with Retry-After)',
  },
  AUTH_SIGN_IN_FREE_FAILURES_PER_IP: {
    description: 'failed sign-ins per client address (IPv6: per /64) before the throttle locks it',
  },
  AUTH_SIGN_IN_LOCK_BASE_MS: { description: 'first sign-in lock; doubles with each further failure' },
  AUTH_SIGN_IN_LOCK_MAX_MS: { description: 'longest sign-in lock' },
  AUTH_REQUESTS_PER_MINUTE_PER_IP: {
    description: 'sign-in, refresh and logout requests (each route, successful ones too) per client address and minute',
  },
  WEB_DIST: { description: 'folder of the built UI; when set the API serves it at /' },
  PUBLIC_UI_URL: {
    description: 'the UI address users open (QR labels link to <PUBLIC_UI_URL>/portal/report?asset=<id>)',
  },
  METRICS_TOKEN: {
    description: "bearer token for the API's /metrics (Authorization: Bearer …); unset: /metrics answers 404",
    sensitive: true,
  },
  OUTBOX_POLL_MS: { description: 'fallback poll interval of the outbox relay (it is woken by NOTIFY as well)' },
  OUTBOX_BATCH_SIZE: { description: 'outbox rows moved to Redis per relay round' },
  OUTBOX_RETENTION_HOURS: {
    description: 'how long delivered outbox rows are kept (for tracing) before the relay deletes them',
  },
  WORKER_CONCURRENCY: { description: 'jobs a worker process runs at once per queue' },
  SLA_RECONCILE_MS: {
    description: 'period of the worker reconciling SLA timers in Redis with the clocks in PostgreSQL',
  },
  SLA_TIMER_HORIZON_MS: {
    description:
      'SLA timers due within this span are armed in Redis at once; later ones by reconciliation once they come within it',
  },
  SHUTDOWN_TIMEOUT_MS: { description: 'how long SIGTERM waits for in-flight requests and jobs' },
};
