import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ApiModule } from './app/api.module';
import { buildOpenApiDocument } from './app/openapi';

/**
 * Writes the API's OpenAPI document without a database or Redis: the module graph is built in Nest's
 * preview mode (no provider is instantiated), which is all the document needs.
 * Usage: node dist/backend/api/openapi.js [out.json] (stdout without an argument).
 */
async function main(): Promise<void> {
  const app = await NestFactory.create(ApiModule, new FastifyAdapter(), { preview: true, logger: false });
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  const text = `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
  const out = process.argv[2];
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
  await app.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
