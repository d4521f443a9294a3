import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { exitOnStartupFailure, startProcess } from '@leitstand/backend/core';
import { createApiApp } from './app/create-api-app';

async function bootstrap(): Promise<void> {
  const lifecycle = startProcess('api');
  const { config } = lifecycle;
  const app = await createApiApp(config);
  await app.listen(config.http.port, config.http.host);
  lifecycle.markStarted();
  new Logger('Bootstrap').log(
    `Leitstand API listening on http://${config.http.host}:${config.http.port} (${config.http.adapter})`,
  );
}

bootstrap().catch(exitOnStartupFailure('api'));
