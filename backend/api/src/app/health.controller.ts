import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import type { HealthResponse } from '@leitstand/api-contracts';
import { REDIS_PRODUCER } from '@leitstand/backend/jobs';
import { Metrics, Public } from '@leitstand/backend/core';

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

/** Prometheus scrape endpoint at /metrics (outside the /api prefix). */
@ApiTags('operations')
@Public()
@Controller()
export class MetricsController {
  constructor(@Inject(Metrics) private readonly metrics: Metrics) {}

  @ApiOperation({ summary: 'Prometheus metrics of the API process' })
  @Get('metrics')
  async scrape(
    @Res({ passthrough: true })
    res: {
      header?: (k: string, v: string) => unknown;
      setHeader?: (k: string, v: string) => unknown;
    },
  ): Promise<string> {
    const { contentType, body } = await this.metrics.render();
    if (res.header) res.header('content-type', contentType);
    else res.setHeader?.('content-type', contentType);
    return body;
  }
}
