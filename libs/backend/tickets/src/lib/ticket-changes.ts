import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type MessageEvent,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { Logger as PinoLogger } from 'pino';
import { Observable, Subject, interval, map, merge, filter, of, takeUntil } from 'rxjs';
import type { TicketChangeEvent } from '@leitstand/api-contracts';
import {
  APP_CONFIG,
  ROOT_LOGGER,
  canSeeTenant,
  createRedisConnection,
  describeError,
  retryLoggerFrom,
  type AppConfig,
  type AuthUser,
} from '@leitstand/backend/core';
import { REDIS_PRODUCER } from '@leitstand/backend/jobs';

/** Redis pub/sub channel of committed ticket changes (one per queue prefix, i.e. per deployment). */
export function ticketChangesChannel(queuePrefix: string): string {
  return `${queuePrefix}:ticket-changes`;
}

export const SSE_HEARTBEAT_MS = 15_000;

/**
 * Publishes a committed ticket change to Redis. Called after COMMIT, never inside the transaction:
 * a rolled-back change is never announced. Fire-and-forget: the change is safe in PostgreSQL, and a
 * live view that misses one (Redis down) catches up on its next reload.
 */
@Injectable()
export class TicketChangesPublisher {
  private readonly channel: string;
  private readonly logger: PinoLogger;
  private pending: TicketChangeEvent[] = [];

  constructor(
    @Inject(REDIS_PRODUCER) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(ROOT_LOGGER) logger: PinoLogger,
  ) {
    this.channel = ticketChangesChannel(config.queue.prefix);
    this.logger = logger.child({ component: 'ticket-changes' });
  }

  /**
   * Queues `change`; the changes published in one turn of the event loop (a group-committed batch
   * resolves all its creates at once) go to Redis as ONE message, a JSON array in order.
   */
  publish(change: TicketChangeEvent): void {
    this.pending.push(change);
    if (this.pending.length === 1) setImmediate(() => this.flush());
  }

  private flush(): void {
    const changes = this.pending;
    this.pending = [];
    this.redis.publish(this.channel, JSON.stringify(changes)).catch((error: unknown) => {
      for (const change of changes) {
        this.logger.warn(`ticket change ${change.ticketId}@${change.version} not published: ${describeError(error)}`);
      }
    });
  }
}

/**
 * One Redis subscription per API instance, fanned out to this instance's SSE connections, each
 * filtered by its caller's tenant scope. Streams end when the application shuts down, so open
 * connections do not hold the graceful shutdown up.
 */
@Injectable()
export class TicketChangesHub implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly changes = new Subject<TicketChangeEvent>();
  private readonly closing = new Subject<void>();
  private closed = false;
  private subscriber: Redis | null = null;
  private readonly logger: PinoLogger;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: PinoLogger,
  ) {
    this.logger = logger.child({ component: 'ticket-changes' });
  }

  onModuleInit(): void {
    const channel = ticketChangesChannel(this.config.queue.prefix);
    const subscriber = createRedisConnection(
      this.config.redis.url,
      'subscriber',
      retryLoggerFrom(this.logger, 'redis'),
      'ticket-changes',
    );
    this.subscriber = subscriber;
    subscriber.on('message', (from: string, message: string) => {
      if (from !== channel) return;
      for (const change of parseChanges(message)) this.changes.next(change);
    });
    subscriber.subscribe(channel).catch((error: unknown) => {
      this.logger.warn(`subscribing to ${channel} failed: ${describeError(error)}`);
    });
  }

  /** The SSE stream of one caller: changes of tenants in scope, a heartbeat comment every 15 s. */
  stream(user: AuthUser, heartbeatMs = SSE_HEARTBEAT_MS): Observable<MessageEvent> {
    if (this.closed) return of<MessageEvent>({ comment: 'closing' });
    const events = this.changes.pipe(
      filter((change) => canSeeTenant(user, change.tenantId)),
      map((change): MessageEvent => ({ type: 'ticket', id: `${change.ticketId}.${change.version}`, data: change })),
    );
    const heartbeats = interval(heartbeatMs).pipe(map((): MessageEvent => ({ comment: 'heartbeat' })));
    return merge(of<MessageEvent>({ comment: 'connected' }), events, heartbeats).pipe(takeUntil(this.closing));
  }

  beforeApplicationShutdown(): void {
    this.closed = true;
    this.closing.next();
    this.closing.complete();
  }

  onApplicationShutdown(): void {
    this.changes.complete();
    this.subscriber?.disconnect();
    this.subscriber = null;
  }
}

/** The changes of one message: a JSON array of changes (or, from an older publisher, one change). */
export function parseChanges(message: string): TicketChangeEvent[] {
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return []; // not ours
  }
  return (Array.isArray(value) ? value : [value]).flatMap((v) => {
    const change = toChange(v);
    return change ? [change] : [];
  });
}

function toChange(raw: unknown): TicketChangeEvent | null {
  const value = (raw ?? {}) as Partial<TicketChangeEvent>;
  if (
    typeof value.ticketId === 'string' &&
    typeof value.tenantId === 'string' &&
    typeof value.type === 'string' &&
    typeof value.version === 'number' &&
    typeof value.at === 'string'
  ) {
    return {
      ticketId: value.ticketId,
      tenantId: value.tenantId,
      type: value.type,
      version: value.version,
      at: value.at,
    };
  }
  return null;
}
