import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { Logger as PinoLogger } from 'pino';
import {
  APP_CONFIG,
  Metrics,
  ROOT_LOGGER,
  createRedisConnection,
  retryLoggerFrom,
  type AppConfig,
} from '@leitstand/backend/core';
import { QueueRegistry } from './queue-registry';

/** The producer-side Redis connection (fails fast while Redis is down). */
export const REDIS_PRODUCER = Symbol('REDIS_PRODUCER');

const JOB_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;

@Global()
@Module({
  providers: [
    {
      provide: REDIS_PRODUCER,
      inject: [APP_CONFIG, ROOT_LOGGER],
      useFactory: (config: AppConfig, logger: PinoLogger): Redis =>
        createRedisConnection(config.redis.url, 'producer', retryLoggerFrom(logger, 'redis')),
    },
    {
      provide: QueueRegistry,
      inject: [REDIS_PRODUCER, APP_CONFIG, Metrics],
      useFactory: (redis: Redis, config: AppConfig, metrics: Metrics): QueueRegistry => {
        const registry = new QueueRegistry(redis, config.queue.prefix);
        metrics.onScrape(async () => {
          for (const queue of registry.all()) {
            const counts = await queue.getJobCounts(...JOB_STATES);
            for (const state of JOB_STATES) metrics.queueDepth.set({ queue: queue.name, state }, counts[state] ?? 0);
          }
        });
        return registry;
      },
    },
  ],
  exports: [REDIS_PRODUCER, QueueRegistry],
})
export class QueueModule implements OnApplicationShutdown {
  constructor(
    @Inject(QueueRegistry) private readonly queues: QueueRegistry,
    @Inject(REDIS_PRODUCER) private readonly redis: Redis,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queues.close().catch(() => undefined);
    this.redis.disconnect();
  }
}
