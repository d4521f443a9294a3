import 'reflect-metadata';
import { ConfigValidationError, loadConfig, type AppConfig } from '@leitstand/backend/core';
import { createWorkerApp } from './app/create-worker-app';

function configOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

let started = false;

/**
 * Nest's shutdown hooks drain requests and jobs; this caps how long that may take. A signal that
 * arrives while start-up still waits for PostgreSQL or Redis ends the process at once.
 */
function capShutdown(timeoutMs: number): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      if (!started) process.exit(0);
      setTimeout(() => {
        process.stderr.write(`shutdown took longer than ${timeoutMs} ms; exiting\n`);
        process.exit(1);
      }, timeoutMs).unref();
    });
  }
}

async function bootstrap(): Promise<void> {
  const config = configOrExit();
  capShutdown(config.shutdownTimeoutMs);
  const app = await createWorkerApp(config, config.http.host);
  started = true;
  // Nest's shutdown hooks close the context (workers finish their active jobs); close HTTP with it.
  process.once('SIGTERM', () => app.http.close());
  process.once('SIGINT', () => app.http.close());
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`worker failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
