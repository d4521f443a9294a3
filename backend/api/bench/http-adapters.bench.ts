/**
 * Fastify vs Express under the same Nest app: requests per second and latency percentiles measured with
 * autocannon against the real built API (dist/) on real PostgreSQL and Redis. Run: npm run bench.
 */
import autocannon from 'autocannon';
import { ServiceProcess, createTestEnv } from '@leitstand/backend/testing';

interface Figures {
  rps: number;
  p50: number;
  p99: number;
}

async function load(url: string, method: 'GET' | 'POST', body?: string, seconds = 5): Promise<Figures> {
  const result = await autocannon({
    url,
    method,
    connections: 20,
    duration: seconds,
    ...(body ? { body, headers: { 'content-type': 'application/json' } } : {}),
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

async function main(): Promise<void> {
  const env = await createTestEnv('bench_adapters');
  const rows: Array<[string, string, Figures]> = [];
  try {
    for (const adapter of ['fastify', 'express'] as const) {
      const api = await ServiceProcess.start('api', { ...env.env, HTTP_ADAPTER: adapter, LOG_LEVEL: 'warn' });
      try {
        await load(`${api.baseUrl}/api/tickets`, 'GET', undefined, 1); // warm-up
        rows.push([
          adapter,
          'GET /api/no-such-route (404, framework only)',
          await load(`${api.baseUrl}/api/no-such-route`, 'GET'),
        ]);
        rows.push([adapter, 'GET /api/health (PostgreSQL + Redis)', await load(`${api.baseUrl}/api/health`, 'GET')]);
        rows.push([
          adapter,
          'POST /api/tickets (validate + transaction)',
          await load(
            `${api.baseUrl}/api/tickets`,
            'POST',
            JSON.stringify({ title: 'Adapter-Benchmark', priority: 'C' }),
          ),
        ]);
      } finally {
        await api.stop();
      }
    }
  } finally {
    await env.cleanup();
  }
  console.log('\nHTTP adapter benchmark (Nest 11, 20 connections, 5 s per row, this machine)');
  for (const [adapter, route, f] of rows) {
    console.log(
      `api.${adapter.padEnd(7)} ${route.padEnd(46)} ${Math.round(f.rps).toLocaleString('en-US').padStart(7)} req/s  p50 ${f.p50} ms  p99 ${f.p99} ms`,
    );
  }
  for (const route of new Set(rows.map((r) => r[1]))) {
    const f = rows.find((r) => r[0] === 'fastify' && r[1] === route)?.[2];
    const e = rows.find((r) => r[0] === 'express' && r[1] === route)?.[2];
    if (f && e) console.log(`api.fastify/express ${route}: ×${(f.rps / e.rps).toFixed(2)}`);
  }
}

void main();
