import { Global, Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { type Logger as PinoLogger } from 'pino';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { RetryLogger } from '../resilience/retry';
import { loggerParams } from './logger.options';

/** The process's one pino instance (JSON lines on stdout). */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

export function createRootLogger(config: AppConfig, service: 'api' | 'worker' | 'migrate'): PinoLogger {
  return pino({ level: config.logLevel, base: { service } });
}

/** Adapts pino to the one-line retry logger used while waiting for PostgreSQL and Redis. */
export function retryLoggerFrom(logger: PinoLogger, component: string): RetryLogger {
  const child = logger.child({ component });
  return { warn: (m) => child.warn(m), info: (m) => child.info(m) };
}

@Global()
@Module({})
export class LoggingModule {
  static forRoot(service: 'api' | 'worker'): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => {
            const params = loggerParams(config, service);
            return { ...params, pinoHttp: { ...params.pinoHttp, logger: createRootLogger(config, service) } };
          },
        }),
      ],
      providers: [
        {
          provide: ROOT_LOGGER,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => createRootLogger(config, service),
        },
      ],
      exports: [ROOT_LOGGER],
    };
  }
}
