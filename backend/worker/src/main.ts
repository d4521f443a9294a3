import 'reflect-metadata';
import { exitOnStartupFailure, startProcess } from '@leitstand/backend/core';
import { createWorkerApp } from './app/create-worker-app';

async function bootstrap(): Promise<void> {
  const lifecycle = startProcess('worker');
  const app = await createWorkerApp(lifecycle.config, lifecycle.config.http.host);
  lifecycle.markStarted();
  // Nest's shutdown hooks close the context (workers finish their active jobs); close HTTP with it.
  process.once('SIGTERM', () => app.http.close());
  process.once('SIGINT', () => app.http.close());
}

bootstrap().catch(exitOnStartupFailure('worker'));
