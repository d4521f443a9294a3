import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import type { Redis } from 'ioredis';
import type { Logger as PinoLogger } from 'pino';
import { APP_CONFIG, ROOT_LOGGER, TooManyRequestsError, type AppConfig } from '@leitstand/backend/core';
import { REDIS_PRODUCER } from '@leitstand/backend/jobs';

/** How long failed sign-ins are remembered after the last one (per account and per client address). */
export const SIGN_IN_FAILURE_MEMORY_MS = 60 * 60 * 1000;

export const THROTTLED_MESSAGE = 'Too many failed sign-ins; try again later';

export type ThrottleScope = 'account' | 'ip';

export interface SignInThrottleSettings {
  /** Failures per account (e-mail) before the first lock. */
  freeFailures: number;
  /** Failures per client address before the first lock. */
  freeFailuresPerIp: number;
  /** The first lock; each further failure doubles it … */
  lockBaseMs: number;
  /** … up to this. */
  lockMaxMs: number;
}

/** How long a scope is locked after its `failures`-th failure (0: not yet). Exponential backoff. */
export function lockMsAfter(failures: number, free: number, settings: SignInThrottleSettings): number {
  if (failures < free) return 0;
  return Math.min(settings.lockBaseMs * 2 ** Math.min(failures - free, 40), settings.lockMaxMs);
}

/**
 * The client-address key: IPv4 as is (also when IPv4-mapped), IPv6 by its /64 (one subscriber's
 * network, which hands out addresses freely); anything else (Express without a socket) as 'unknown'.
 */
export function clientKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (isIPv4(ip)) return ip;
  if (!isIPv6(ip)) return 'unknown';
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') ? (tail ? tail.split(':') : []) : [];
  const groups = ip.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * Sign-in throttle shared by every API process through Redis (issue 13, item 7). Only failures
 * count — per account (the normalised e-mail, known or not, so the throttle tells nobody which
 * e-mails exist) and per client address. After `freeFailures` (per IP `freeFailuresPerIp`) each
 * further failure locks the scope for `lockBaseMs`, doubling up to `lockMaxMs`; while a scope is
 * locked every sign-in there — the right password too — answers 429 with Retry-After, before any
 * password is checked. A successful sign-in forgets the account's failures (not the address's).
 * Counters are INCR + PEXPIRE (remembered for an hour after the last failure), locks SET PX.
 * If Redis is unreachable the throttle lets sign-ins through (and logs it): sign-in must not
 * depend on the queue's Redis; the argon2 cost still bounds guessing.
 */
@Injectable()
export class SignInThrottle {
  private readonly prefix: string;
  private readonly settings: SignInThrottleSettings;
  private readonly log: PinoLogger;

  constructor(
    @Inject(REDIS_PRODUCER) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(ROOT_LOGGER) logger: PinoLogger,
  ) {
    this.prefix = `${config.queue.prefix}:auth:sign-in`;
    this.settings = config.auth.signIn;
    this.log = logger.child({ component: 'auth' });
  }

  /** Throws TooManyRequestsError while the account or the address is locked. */
  async check(email: string, ip: string | undefined): Promise<void> {
    const keys = this.keysOf(email, ip);
    let ttls: number[];
    try {
      const results = await this.redis.multi().pttl(keys.account.lock).pttl(keys.ip.lock).exec();
      ttls = (results ?? []).map(([error, ttl]) => (error ? 0 : Number(ttl)));
    } catch (error) {
      this.redisDown(error);
      return;
    }
    const [accountTtl = 0, ipTtl = 0] = ttls;
    const waitMs = Math.max(accountTtl, ipTtl);
    if (waitMs <= 0) return;
    const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
    this.log.info(
      {
        event: 'auth.login.throttled',
        scope: accountTtl >= ipTtl ? 'account' : 'ip',
        account: keys.accountId,
        ip: keys.ipId,
        retryAfterSeconds,
      },
      'sign-in refused while throttled',
    );
    throw new TooManyRequestsError(THROTTLED_MESSAGE, retryAfterSeconds);
  }

  /** Counts a failed sign-in for the account and the address; locks a scope past its free failures. */
  async recordFailure(email: string, ip: string | undefined): Promise<void> {
    const keys = this.keysOf(email, ip);
    try {
      const results = await this.redis
        .multi()
        .incr(keys.account.failures)
        .pexpire(keys.account.failures, SIGN_IN_FAILURE_MEMORY_MS)
        .incr(keys.ip.failures)
        .pexpire(keys.ip.failures, SIGN_IN_FAILURE_MEMORY_MS)
        .exec();
      const accountFailures = Number(results?.[0]?.[1] ?? 0);
      const ipFailures = Number(results?.[2]?.[1] ?? 0);
      await this.lock('account', keys, accountFailures, this.settings.freeFailures);
      await this.lock('ip', keys, ipFailures, this.settings.freeFailuresPerIp);
    } catch (error) {
      this.redisDown(error);
    }
  }

  /** A successful sign-in forgets the account's failures. */
  async recordSuccess(email: string, ip: string | undefined): Promise<void> {
    try {
      await this.redis.del(this.keysOf(email, ip).account.failures);
    } catch (error) {
      this.redisDown(error);
    }
  }

  private async lock(scope: ThrottleScope, keys: Keys, failures: number, free: number): Promise<void> {
    const lockMs = lockMsAfter(failures, free, this.settings);
    if (lockMs <= 0) return;
    await this.redis.set(keys[scope].lock, '1', 'PX', lockMs);
    this.log.warn(
      { event: 'auth.login.throttle', scope, failures, lockMs, account: keys.accountId, ip: keys.ipId },
      `sign-in locked for ${lockMs} ms after ${failures} failures (${scope})`,
    );
  }

  private keysOf(email: string, ip: string | undefined): Keys {
    // The e-mail is hashed: no attacker-chosen text in Redis keys or logs, one fixed key length.
    const accountId = createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
    const ipId = clientKey(ip);
    return {
      accountId,
      ipId,
      account: { failures: `${this.prefix}:fail:a:${accountId}`, lock: `${this.prefix}:lock:a:${accountId}` },
      ip: { failures: `${this.prefix}:fail:ip:${ipId}`, lock: `${this.prefix}:lock:ip:${ipId}` },
    };
  }

  private redisDown(error: unknown): void {
    this.log.warn(
      { event: 'auth.login.throttle_unavailable', err: error instanceof Error ? error.message : String(error) },
      'sign-in throttle skipped: Redis unreachable',
    );
  }
}

interface Keys {
  accountId: string;
  ipId: string;
  account: { failures: string; lock: string };
  ip: { failures: string; lock: string };
}
