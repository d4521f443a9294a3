import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigValidationError, loadConfig } from './app-config';
import { ENV_SCHEMA } from './env.schema';

describe('loadConfig', () => {
  it('gives safe local defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.database.url).toBe('postgres://postgres@127.0.0.1:5432/leitstand');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.http.port).toBe(3000);
    expect(config.queue.prefix).toBe('{leitstand}');
  });

  it('lists every invalid variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({
        API_PORT: '99999',
        DATABASE_URL: 'mysql://x',
        REDIS_URL: 'localhost',
        QUEUE_PREFIX: 'leitstand',
        LOG_LEVEL: 'loud',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const issues = (error as ConfigValidationError).issues;
    expect(issues.map((i) => i.variable).sort()).toEqual([
      'API_PORT',
      'DATABASE_URL',
      'LOG_LEVEL',
      'QUEUE_PREFIX',
      'REDIS_URL',
    ]);
    const message = (error as Error).message;
    expect(message).toContain('API_PORT: must be 1–65535 (got "99999")');
    expect(message).toContain('QUEUE_PREFIX: must be a Redis Cluster hash tag');
    // secrets and URLs with credentials are never echoed back
    expect(message).not.toContain('mysql://x');
  });

  it('keeps the SLA timer horizon at least two reconciliation periods', () => {
    expect(loadConfig({}).slaTimers.horizonMs).toBe(300_000);
    expect(loadConfig({ SLA_RECONCILE_MS: '1000', SLA_TIMER_HORIZON_MS: '2000' }).slaTimers.horizonMs).toBe(2_000);
    expect(() => loadConfig({ SLA_RECONCILE_MS: '1000', SLA_TIMER_HORIZON_MS: '1999' })).toThrow(
      /SLA_TIMER_HORIZON_MS: must be at least twice SLA_RECONCILE_MS \(1000\)/,
    );
    expect(() => loadConfig({ SLA_RECONCILE_MS: '200000' })).toThrow(/SLA_TIMER_HORIZON_MS/);
  });

  it('logs readable lines in development and JSON in test and production unless LOG_FORMAT says otherwise', () => {
    expect(loadConfig({}).logFormat).toBe('pretty');
    expect(loadConfig({ NODE_ENV: 'test' }).logFormat).toBe('json');
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(loadConfig({ NODE_ENV: 'test', LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
  });

  it('requires a real JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: must be set in production/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).env).toBe('production');
  });

  it('reads TRUST_PROXY as boolean, hop count or address list, refusing anything else', () => {
    expect(loadConfig({}).http.trustProxy).toBe('loopback,linklocal,uniquelocal');
    expect(loadConfig({ TRUST_PROXY: 'true' }).http.trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'false' }).http.trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).http.trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, fd00::/8,loopback' }).http.trustProxy).toBe(
      '10.0.0.0/8, fd00::/8,loopback',
    );
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY: must be true, false/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ API_PORT: '' }).http.port).toBe(3000);
  });

  it('is documented: the README env table names every variable of the schema', () => {
    const readme = readFileSync(join(__dirname, '../../../../../../README.md'), 'utf8');
    for (const key of Object.keys(ENV_SCHEMA.shape)) {
      expect(readme).toContain(`| \`${key}\``);
    }
  });
});
