import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Server } from 'node:http';
import type { Redis } from 'ioredis';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { Metrics, type AppConfig } from '@leitstand/backend/core';
import { REDIS_PRODUCER } from '@leitstand/backend/jobs';
import { startWorkerHttpServer } from './worker-http.server';
import { WorkerModule } from './worker.module';

export interface WorkerApp {
  context: INestApplicationContext;
  http: Server;
  close(): Promise<void>;
}

/** Builds the worker (a Nest application context, no HTTP besides health and metrics). */
export async function createWorkerApp(config: AppConfig, host = '0.0.0.0'): Promise<WorkerApp> {
  const context = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  context.useLogger(context.get(Logger));
  context.enableShutdownHooks();
  await context.init();
  const http = await startWorkerHttpServer(config.worker.httpPort, host, {
    dataSource: context.get(DataSource),
    redis: context.get<Redis>(REDIS_PRODUCER),
    metrics: context.get(Metrics),
  });
  return {
    context,
    http,
    close: async () => {
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await context.close();
    },
  };
}
