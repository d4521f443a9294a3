import { Global, Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { type Logger as PinoLogger } from 'pino';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { RetryLogger } from '../resilience/retry';
import { loggerParams } from './logger.options';

/** The process's one pino instance: JSON lines on stdout, or readable lines in development (LOG_FORMAT). */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/**
 * `logFormat: 'pretty'` sends the entries through pino-pretty (a worker thread, one readable line each: time,
 * level, message, fields); 'json' writes pino's JSON lines straight to stdout, as production and the tests read them.
 */
export function createRootLogger(config: AppConfig, service: 'api' | 'worker' | 'migrate'): PinoLogger {
  return pino({
    level: config.logLevel,
    base: { service },
    ...(config.logFormat === 'pretty'
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', singleLine: true },
          },
        }
      : {}),
  });
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
    // one instance for Nest's logger, pino-http and ROOT_LOGGER (one pino-pretty thread in development)
    let root: PinoLogger | undefined;
    const rootOf = (config: AppConfig): PinoLogger => (root ??= createRootLogger(config, service));
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => {
            const params = loggerParams(config, service);
            return { ...params, pinoHttp: { ...params.pinoHttp, logger: rootOf(config) } };
          },
        }),
      ],
      providers: [
        {
          provide: ROOT_LOGGER,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => rootOf(config),
        },
      ],
      exports: [ROOT_LOGGER],
    };
  }
}
