/**
 * Fastify vs Express under the same Nest app: requests per second and latency percentiles measured with
 * autocannon against the real built API (dist/) on real PostgreSQL and Redis. Run: npm run bench.
 * Each row names the answer its work gives (404 for the framework-only route, 2xx otherwise) and counts
 * every other answer, error and timeout: a row where any occurred prints no figure.
 */
import autocannon from 'autocannon';
import { ServiceProcess, createSite, createTenant, createTestEnv, createUser, login } from '@leitstand/backend/testing';
import { autocannonOutcome, didNamedWork, figureOrFailure, int, type Outcome } from './bench-support';

interface Figures extends Outcome {
  rps: number;
  p50: number;
  p99: number;
}

type Expected = '2xx' | '4xx';

async function load(
  url: string,
  expected: Expected,
  options: { method?: 'GET' | 'POST'; body?: string; headers?: Record<string, string>; seconds?: number } = {},
): Promise<Figures> {
  const result = await autocannon({
    url,
    method: options.method ?? 'GET',
    connections: 20,
    duration: options.seconds ?? 5,
    headers: { ...(options.body ? { 'content-type': 'application/json' } : {}), ...options.headers },
    ...(options.body ? { body: options.body } : {}),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ...autocannonOutcome(result, expected),
  };
}

async function main(): Promise<void> {
  const env = await createTestEnv('bench_adapters');
  const rows: Array<[string, string, Figures]> = [];
  try {
    const tenant = await createTenant(env.dataSource);
    const site = await createSite(env.dataSource, tenant.id);
    const agent = await createUser(env.dataSource, 'agent');
    const ticket = JSON.stringify({ siteId: site.id, title: 'Adapter-Benchmark', priority: 'C' });
    for (const adapter of ['fastify', 'express'] as const) {
      const api = await ServiceProcess.start('api', { ...env.env, HTTP_ADAPTER: adapter, LOG_LEVEL: 'warn' });
      try {
        const session = await login(api.baseUrl, agent);
        const probe = await fetch(`${api.baseUrl}/api/tickets`, {
          method: 'POST',
          headers: { ...session.headers, 'content-type': 'application/json' },
          body: ticket,
        });
        if (probe.status !== 201) throw new Error(`POST /api/tickets answered ${probe.status}: ${await probe.text()}`);
        await load(`${api.baseUrl}/api/tickets`, '2xx', { headers: session.headers, seconds: 1 }); // warm-up
        rows.push([
          adapter,
          'GET /api/no-such-route (404, framework only)',
          await load(`${api.baseUrl}/api/no-such-route`, '4xx'),
        ]);
        rows.push([adapter, 'GET /api/health (PostgreSQL + Redis)', await load(`${api.baseUrl}/api/health`, '2xx')]);
        rows.push([
          adapter,
          'POST /api/tickets (validate + transaction)',
          await load(`${api.baseUrl}/api/tickets`, '2xx', { method: 'POST', body: ticket, headers: session.headers }),
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
    const label = `api.${adapter.padEnd(7)} ${route.padEnd(46)}`;
    console.log(
      `${label} ${figureOrFailure(f, () => `${int(f.rps).padStart(7)} req/s  p50 ${f.p50} ms  p99 ${f.p99} ms  (${int(f.done)} answers as named, 0 other)`)}`,
    );
  }
  for (const route of new Set(rows.map((r) => r[1]))) {
    const f = rows.find((r) => r[0] === 'fastify' && r[1] === route)?.[2];
    const e = rows.find((r) => r[0] === 'express' && r[1] === route)?.[2];
    if (f && e && didNamedWork(f) && didNamedWork(e)) {
      console.log(`api.fastify/express ${route}: ×${(f.rps / e.rps).toFixed(2)}`);
    }
  }
}

void main();
