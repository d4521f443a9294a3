import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, Metrics, REQUEST_ID_HEADER, type AppConfig } from '@leitstand/backend/core';
import { ApiExceptionFilter, INDEX_CACHE_CONTROL } from './api-exception.filter';
import { ApiModule } from './api.module';
import { registerAuthRateLimit } from './auth/auth-rate-limit';
import { acceptJsonObjectBodiesOnly } from './json-body-parser';
import { buildOpenApiDocument } from './openapi';
import { registerSecurityHeaders } from './security-headers';
import { registerMultipartUploads } from './uploads/multipart-upload';
import { createValidationPipe } from './validation';

/**
 * Builds the API application (used by main.ts and by the integration tests).
 * Fastify is the default adapter; Express stays selectable for the adapter benchmark.
 */
export async function createApiApp(config: AppConfig): Promise<INestApplication> {
  const app =
    config.http.adapter === 'fastify'
      ? await NestFactory.create<NestFastifyApplication>(
          ApiModule,
          new FastifyAdapter({
            trustProxy: config.http.trustProxy,
            bodyLimit: 1_048_576,
            requestIdHeader: REQUEST_ID_HEADER,
            genReqId: () => randomUUID(),
          }),
          // Nest's body parsers (JSON and HTML forms) are replaced: bodies are JSON objects only.
          { bufferLogs: true, bodyParser: false },
        )
      : await NestFactory.create<NestExpressApplication>(ApiModule, new ExpressAdapter(), {
          bufferLogs: true,
          bodyParser: false,
        });
  if (config.http.adapter === 'fastify') {
    const fastify = (app as NestFastifyApplication).getHttpAdapter().getInstance();
    // First, so that every route, the static files and the 404/error answers carry the headers.
    await registerSecurityHeaders(fastify, config.env === 'production');
    acceptJsonObjectBodiesOnly(fastify);
    // multipart/form-data only on routes marked @AcceptsMultipartUpload() (415 everywhere else).
    await registerMultipartUploads(fastify);
    // Parses the Cookie header into request.cookies (session cookies, see libs/backend/auth).
    await (app as NestFastifyApplication).register((await import('@fastify/cookie')).default);
    await registerAuthRateLimit(app as NestFastifyApplication, config);
  } else {
    (app as NestExpressApplication).useBodyParser('json', { limit: 1_048_576 });
  }
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  app.useGlobalPipes(createValidationPipe());

  let indexHtml: string | null = null;
  if (config.http.webDist && config.http.adapter === 'fastify') {
    indexHtml = readFileSync(join(config.http.webDist, 'index.html'), 'utf8');
    const fastify = (app as NestFastifyApplication).getHttpAdapter().getInstance();
    await fastify.register((await import('@fastify/static')).default, {
      root: config.http.webDist,
      prefix: '/',
      wildcard: false,
      index: false,
      // The build writes .br and .gz next to each text asset (frontend/helpdesk/tools/precompress.mjs).
      preCompressed: true,
      setHeaders: (reply, path) => {
        reply.header('cache-control', HASHED_ASSET.test(path) ? IMMUTABLE_CACHE_CONTROL : INDEX_CACHE_CONTROL);
      },
    });
    fastify.get('/', (_req, reply) =>
      reply.type('text/html; charset=utf-8').header('cache-control', INDEX_CACHE_CONTROL).send(indexHtml),
    );
  }
  app.useGlobalFilters(new ApiExceptionFilter(app.get(HttpAdapterHost), indexHtml));

  if (config.http.adapter === 'fastify') {
    const metrics = app.get(Metrics);
    const fastify = (app as NestFastifyApplication).getHttpAdapter().getInstance();
    // Graceful shutdown: once closing, answers ask the client to close its connection, and idle
    // keep-alive connections are closed as soon as their last response is out, so SIGTERM waits for
    // in-flight requests only, not for clients' keep-alive timers.
    let closing = false;
    fastify.addHook('preClose', (done) => {
      closing = true;
      const timer = setInterval(() => fastify.server.closeIdleConnections(), 50);
      timer.unref();
      fastify.server.once('close', () => clearInterval(timer));
      done();
    });
    fastify.addHook('onSend', (request, reply, _payload, done) => {
      void reply.header(REQUEST_ID_HEADER, request.id);
      if (closing) void reply.header('connection', 'close');
      done();
    });
    fastify.addHook('onResponse', (request, reply, done) => {
      metrics.httpDuration.observe(
        { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
      done();
    });
  }

  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs/openapi.json',
  });

  app.enableShutdownHooks();
  return app;
}

/**
 * A file name with the build's content hash (main-FZNQYCWS.js, chunk-….js, styles-….css; also its .br/.gz
 * copy, the path @fastify/static reports when it sends one): its content never changes.
 */
const HASHED_ASSET = /-[A-Z0-9]{8}\.(?:js|mjs|css|woff2?|svg|png|jpe?g|webp|avif|ico)(?:\.br|\.gz)?$/;
const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

export function configOf(app: INestApplication): AppConfig {
  return app.get<AppConfig>(APP_CONFIG);
}
