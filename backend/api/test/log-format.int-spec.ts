import { ServiceProcess, createTestEnv, sleep, type TestEnv } from '@leitstand/backend/testing';

/** Whether a captured line is one of pino's JSON entries. */
function isJsonEntry(line: string): boolean {
  try {
    const entry = JSON.parse(line) as { level?: unknown };
    return typeof entry === 'object' && entry !== null && 'level' in entry;
  } catch {
    return false;
  }
}

/**
 * Issue 18: `npm start` (NODE_ENV=development) prints readable log lines through pino-pretty; tests and
 * production keep JSON lines. Real api processes, their stdout as captured.
 */
describe('log format', () => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await createTestEnv('log_format');
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  async function requestLines(extra: Record<string, string>): Promise<string[]> {
    const api = await ServiceProcess.start('api', { ...env.env, LOG_LEVEL: 'info', ...extra });
    try {
      const res = await fetch(`${api.baseUrl}/api/tickets`);
      expect(res.status).toBe(401);
      // the request is logged after the answer; pino-pretty writes from a worker thread
      const logged = (): string[] => api.lines.filter((l) => l.includes('/api/tickets') && l.includes('401'));
      for (let i = 0; i < 50 && logged().length === 0; i++) await sleep(100);
      return api.lines;
    } finally {
      await api.stop();
    }
  }

  it('development: one readable line per request, no JSON', async () => {
    const lines = await requestLines({ NODE_ENV: 'development' });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter(isJsonEntry)).toEqual([]);
    // e.g. [01:02:37.551] WARN: request completed {"service":"api","req":{"method":"GET","url":"/api/tickets"},"res":{"statusCode":401},…}
    const request = lines.find((l) => l.includes('/api/tickets') && l.includes('401'));
    expect(request).toMatch(/^\[\d{2}:\d{2}:\d{2}\.\d{3}\] WARN: .*"url":"\/api\/tickets".*"statusCode":401/);
  });

  it('test (and production): JSON lines', async () => {
    const lines = await requestLines({ NODE_ENV: 'test' });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every(isJsonEntry)).toBe(true);
    const request = lines
      .map((l) => JSON.parse(l) as { req?: { url?: string } })
      .find((e) => e.req?.url === '/api/tickets');
    expect(request).toMatchObject({ level: 40, req: { method: 'GET', url: '/api/tickets' }, res: { statusCode: 401 } });
  });
});
