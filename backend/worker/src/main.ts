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

async function bootstrap(): Promise<void> {
  const config = configOrExit();
  const app = await createWorkerApp(config, config.http.host);
  // Nest's shutdown hooks close the context (workers finish their active jobs); close HTTP with it.
  process.once('SIGTERM', () => app.http.close());
  process.once('SIGINT', () => app.http.close());
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`worker failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
