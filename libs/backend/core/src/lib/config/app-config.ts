import { resolve } from 'node:path';
import { ENV_SCHEMA, type Env } from './env.schema';

/** One invalid variable: its name and what is wrong. */
export interface ConfigIssue {
  variable: string;
  message: string;
}

/** Thrown at start-up when the environment is invalid; lists every bad variable at once. */
export class ConfigValidationError extends Error {
  override readonly name = 'ConfigValidationError';
  constructor(readonly issues: ConfigIssue[]) {
    super(
      `Invalid environment (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${issues.map((i) => `  - ${i.variable}: ${i.message}`).join('\n')}`,
    );
  }
}

/** Typed, read-only, namespaced configuration built from the validated env. */
export interface AppConfig {
  readonly env: Env['NODE_ENV'];
  readonly logLevel: Env['LOG_LEVEL'];
  /** 'pretty' (pino-pretty, one readable line per entry) for development; JSON lines otherwise. */
  readonly logFormat: 'json' | 'pretty';
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly adapter: Env['HTTP_ADAPTER'];
    /** Fastify's trustProxy: which peers' X-Forwarded-For names the client (see TRUST_PROXY). */
    readonly trustProxy: boolean | number | string;
    readonly webDist: string | undefined;
    /** The UI's public address without a trailing slash (QR labels link into it). */
    readonly publicUiUrl: string;
    /** Bearer token of the API's /metrics; undefined: /metrics is not served (404). */
    readonly metricsToken: string | undefined;
  };
  readonly worker: { readonly httpPort: number; readonly concurrency: number; readonly slaReconcileMs: number };
  /** SLA timers due within `horizonMs` go to Redis when their clock is written; later ones via reconciliation. */
  readonly slaTimers: { readonly horizonMs: number };
  readonly database: { readonly url: string; readonly poolSize: number };
  readonly redis: { readonly url: string };
  readonly queue: { readonly prefix: string };
  readonly outbox: { readonly pollMs: number; readonly batchSize: number; readonly retentionHours: number };
  readonly auth: {
    readonly jwtSecret: string;
    readonly refreshGraceMs: number;
    /** Sign-in throttle (failures only), shared through Redis. */
    readonly signIn: {
      readonly freeFailures: number;
      readonly freeFailuresPerIp: number;
      readonly lockBaseMs: number;
      readonly lockMaxMs: number;
    };
    /** Requests per client address and minute on each of sign-in, refresh and logout (Fastify, Redis). */
    readonly requestsPerMinutePerIp: number;
  };
  readonly shutdownTimeoutMs: number;
}

export function loadConfig(source: Record<string, string | undefined> = process.env): AppConfig {
  const relevant: Record<string, string> = {};
  for (const key of Object.keys(ENV_SCHEMA.shape)) {
    const value = source[key];
    // An empty variable counts as unset, so `FOO=` falls back to the default.
    if (value !== undefined && value !== '') relevant[key] = value;
  }
  const parsed = ENV_SCHEMA.safeParse(relevant);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? '(env)');
      const got = relevant[variable];
      const shown = got === undefined || ENV_SECRET_KEYS.has(variable) ? '' : ` (got "${got}")`;
      return { variable, message: `${issue.message}${shown}` };
    });
    throw new ConfigValidationError(issues);
  }
  const env = parsed.data;
  return Object.freeze({
    env: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT ?? (env.NODE_ENV === 'development' ? 'pretty' : 'json'),
    http: Object.freeze({
      host: env.API_HOST,
      port: env.API_PORT,
      adapter: env.HTTP_ADAPTER,
      trustProxy: trustProxyOf(env.TRUST_PROXY),
      webDist: env.WEB_DIST ? resolve(env.WEB_DIST) : undefined,
      publicUiUrl: env.PUBLIC_UI_URL,
      metricsToken: env.METRICS_TOKEN,
    }),
    worker: Object.freeze({
      httpPort: env.WORKER_HTTP_PORT,
      concurrency: env.WORKER_CONCURRENCY,
      slaReconcileMs: env.SLA_RECONCILE_MS,
    }),
    slaTimers: Object.freeze({ horizonMs: env.SLA_TIMER_HORIZON_MS }),
    database: Object.freeze({ url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE }),
    redis: Object.freeze({ url: env.REDIS_URL }),
    queue: Object.freeze({ prefix: env.QUEUE_PREFIX }),
    outbox: Object.freeze({
      pollMs: env.OUTBOX_POLL_MS,
      batchSize: env.OUTBOX_BATCH_SIZE,
      retentionHours: env.OUTBOX_RETENTION_HOURS,
    }),
    auth: Object.freeze({
      jwtSecret: env.JWT_SECRET,
      refreshGraceMs: env.AUTH_REFRESH_GRACE_MS,
      signIn: Object.freeze({
        freeFailures: env.AUTH_SIGN_IN_FREE_FAILURES,
        freeFailuresPerIp: env.AUTH_SIGN_IN_FREE_FAILURES_PER_IP,
        lockBaseMs: env.AUTH_SIGN_IN_LOCK_BASE_MS,
        lockMaxMs: env.AUTH_SIGN_IN_LOCK_MAX_MS,
      }),
      requestsPerMinutePerIp: env.AUTH_REQUESTS_PER_MINUTE_PER_IP,
    }),
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  });
}

function trustProxyOf(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

const ENV_SECRET_KEYS = new Set(['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET']);

/** host:port of a connection URL without credentials, for log lines. */
export function describeEndpoint(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || (u.protocol.startsWith('redis') ? '6379' : '5432')}`;
  } catch {
    return '(invalid url)';
  }
}
