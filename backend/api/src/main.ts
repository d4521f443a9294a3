import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigValidationError, loadConfig, type AppConfig } from '@leitstand/backend/core';
import { createApiApp } from './app/create-api-app';

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
  const app = await createApiApp(config);
  await app.listen(config.http.port, config.http.host);
  new Logger('Bootstrap').log(
    `Leitstand API listening on http://${config.http.host}:${config.http.port} (${config.http.adapter})`,
  );
}

void bootstrap();
