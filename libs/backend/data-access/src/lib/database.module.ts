import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import {
  APP_CONFIG,
  ROOT_LOGGER,
  describeEndpoint,
  retryLoggerFrom,
  retryUntilReachable,
  type AppConfig,
} from '@leitstand/backend/core';
import type { Logger as PinoLogger } from 'pino';
import { DataSource } from 'typeorm';
import { createDataSource } from './data-source';

/**
 * Provides the initialised DataSource. While PostgreSQL is unreachable at start-up the process logs
 * one line per attempt naming the host and waits with backoff instead of crashing.
 */
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [APP_CONFIG, ROOT_LOGGER],
      useFactory: async (config: AppConfig, logger: PinoLogger): Promise<DataSource> => {
        const dataSource = createDataSource(
          config.database,
          `leitstand-${String(logger.bindings()['service'] ?? 'app')}`,
        );
        await retryUntilReachable(
          'PostgreSQL',
          describeEndpoint(config.database.url),
          () => dataSource.initialize(),
          retryLoggerFrom(logger, 'database'),
        );
        return dataSource;
      },
    },
  ],
  exports: [DataSource],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
