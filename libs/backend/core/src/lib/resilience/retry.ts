/**
 * Start-up retries for the two dependencies Leitstand cannot run without.
 * When PostgreSQL or Redis is unreachable the process says so in ONE line naming the host and the
 * reason (no stack trace wall), waits with exponential backoff (capped), and tries again.
 */
export interface RetryLogger {
  warn(message: string): void;
  info(message: string): void;
}

export interface RetryOptions {
  /** Attempts before giving up; Infinity waits forever (the default for services under a supervisor). */
  maxAttempts?: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export function backoffDelay(attempt: number, initialDelayMs: number, maxDelayMs: number): number {
  return Math.min(maxDelayMs, initialDelayMs * 2 ** Math.max(0, attempt - 1));
}

/** The short reason of a connection error: its code (ECONNREFUSED …) or first message line. */
export function describeError(error: unknown): string {
  if (error && typeof error === 'object') {
    const { code, message } = error as { code?: unknown; message?: unknown };
    // PostgreSQL answers, but the database is missing or the login is refused: say so plainly.
    if (code === '3D000') {
      return `${typeof message === 'string' ? message : 'database does not exist'}; run npm run migrate`;
    }
    if (code === '28P01' || code === '28000') return `authentication failed: ${String(message)}`;
    if (typeof code === 'string' && code.length > 0) return code;
    if (typeof message === 'string' && message.length > 0) return message.split('\n')[0] ?? message;
  }
  return String(error);
}

export async function retryUntilReachable<T>(
  what: string,
  endpoint: string,
  attemptFn: () => Promise<T>,
  logger: RetryLogger,
  options: RetryOptions = {},
): Promise<T> {
  const maxAttempts = options.maxAttempts ?? Number.POSITIVE_INFINITY;
  const initial = options.initialDelayMs ?? 500;
  const max = options.maxDelayMs ?? 10_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await attemptFn();
      if (attempt > 1) logger.info(`${what} at ${endpoint} is reachable again (after ${attempt} attempts)`);
      return result;
    } catch (error) {
      if (attempt >= maxAttempts) {
        throw new DependencyUnreachableError(what, endpoint, describeError(error));
      }
      const delay = backoffDelay(attempt, initial, max);
      logger.warn(
        `${what} at ${endpoint} is unreachable (${describeError(error)}); retrying in ${(delay / 1000).toFixed(1)} s (attempt ${attempt})`,
      );
      await sleep(delay);
    }
  }
}

export class DependencyUnreachableError extends Error {
  override readonly name = 'DependencyUnreachableError';
  constructor(
    readonly what: string,
    readonly endpoint: string,
    readonly reason: string,
  ) {
    super(`${what} at ${endpoint} is unreachable (${reason})`);
  }
}
