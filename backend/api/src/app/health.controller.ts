import { timingSafeEqual } from 'node:crypto';
import {
  Controller,
  Get,
  Headers,
  Inject,
  NotFoundException,
  Res,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import type { HealthResponse } from '@leitstand/api-contracts';
import { REDIS_PRODUCER } from '@leitstand/backend/jobs';
import { APP_CONFIG, IS_PUBLIC, Metrics, Public, type AppConfig } from '@leitstand/backend/core';
import { METRICS_SCHEME } from './openapi';

export async function checkDependencies(dataSource: DataSource, redis: Redis): Promise<HealthResponse> {
  const within = <T>(p: Promise<T>): Promise<T> =>
    Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000))]);
  const [db, rd] = await Promise.allSettled([within(dataSource.query('SELECT 1')), within(redis.ping())]);
  const checks = {
    database: db.status === 'fulfilled' ? 'up' : 'down',
    redis: rd.status === 'fulfilled' ? 'up' : 'down',
  } as const;
  return { status: checks.database === 'up' && checks.redis === 'up' ? 'ok' : 'degraded', checks };
}

@ApiTags('operations')
@Public()
@Controller()
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(REDIS_PRODUCER) private readonly redis: Redis,
  ) {}

  @ApiOperation({ summary: 'Health of the API and its dependencies' })
  @Get('health')
  @ApiOkResponse({ description: 'PostgreSQL and Redis are reachable' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down' })
  async health(@Res({ passthrough: true }) res: { status(code: number): unknown }): Promise<HealthResponse> {
    const result = await checkDependencies(this.dataSource, this.redis);
    if (result.status !== 'ok') res.status(503);
    return result;
  }
}

/** The bearer token of `Authorization`, or undefined. */
function bearerOf(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(value ?? '');
  return m?.[1];
}

/** Constant-time comparison of two tokens (the length is no secret: tokens are ≥ 16 characters). */
export function tokenMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Prometheus scrape endpoint at /metrics (outside the /api prefix), not public: it answers only to
 * `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise), and 404 when METRICS_TOKEN is unset.
 * Not a session route: a scraper has no user (the global guard is skipped with @Public()).
 */
@ApiTags('operations')
// Public for the session guard only (IS_PUBLIC without @Public()'s anonymous OpenAPI security).
@SetMetadata(IS_PUBLIC, true)
@ApiSecurity(METRICS_SCHEME)
@Controller()
export class MetricsController {
  constructor(
    @Inject(Metrics) private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ApiOperation({ summary: 'Prometheus metrics of the API process' })
  @Get('metrics')
  @ApiOkResponse({ description: 'Prometheus text format' })
  @ApiUnauthorizedResponse({ description: 'Missing or wrong bearer token (METRICS_TOKEN)' })
  @ApiNotFoundResponse({ description: 'METRICS_TOKEN is not set: metrics are not served' })
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true })
    res: {
      header?: (k: string, v: string) => unknown;
      setHeader?: (k: string, v: string) => unknown;
    },
  ): Promise<string> {
    const expected = this.config.http.metricsToken;
    if (expected === undefined) throw new NotFoundException('Cannot GET /metrics');
    if (!tokenMatches(bearerOf(authorization), expected)) {
      if (res.header) res.header('www-authenticate', 'Bearer realm="metrics"');
      else res.setHeader?.('www-authenticate', 'Bearer realm="metrics"');
      throw new UnauthorizedException('A valid metrics token is required');
    }
    const { contentType, body } = await this.metrics.render();
    if (res.header) res.header('content-type', contentType);
    else res.setHeader?.('content-type', contentType);
    return body;
  }
}
