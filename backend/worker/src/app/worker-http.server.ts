import { createServer, type Server } from 'node:http';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { Metrics } from '@leitstand/backend/core';

/** The worker's only HTTP: GET /health (PostgreSQL and Redis) and GET /metrics (Prometheus). */
export function startWorkerHttpServer(
  port: number,
  host: string,
  deps: { dataSource: DataSource; redis: Redis; metrics: Metrics },
): Promise<Server> {
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method === 'GET' && req.url === '/health') {
        const within = <T>(p: Promise<T>): Promise<T> =>
          Promise.race([p, new Promise<T>((_, r) => setTimeout(() => r(new Error('timeout')), 2_000))]);
        const [db, rd] = await Promise.allSettled([
          within(deps.dataSource.query('SELECT 1')),
          within(deps.redis.ping()),
        ]);
        const checks = {
          database: db.status === 'fulfilled' ? 'up' : 'down',
          redis: rd.status === 'fulfilled' ? 'up' : 'down',
        };
        const ok = checks.database === 'up' && checks.redis === 'up';
        res
          .writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: ok ? 'ok' : 'degraded', checks }));
        return;
      }
      if (req.method === 'GET' && req.url === '/metrics') {
        const { contentType, body } = await deps.metrics.render();
        res.writeHead(200, { 'content-type': contentType }).end(body);
        return;
      }
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ statusCode: 404, error: 'Not Found', message: `Cannot ${req.method} ${req.url}` }));
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
