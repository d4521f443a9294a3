import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import {
  API_MAIN,
  API_MIGRATE,
  DEFAULT_DATABASE_URL,
  DEFAULT_REDIS_URL,
  OUTPUT_DIR,
  WEB_DIST,
  WORKER_MAIN,
  WORKSPACE_ROOT,
  freePort,
  outputPath,
} from './stack';
import { publishWorld, seedWorld } from './seed';
import { type StackProcess, startProcess, stopProcess, waitForHealthy } from './stack-process';

declare global {
  // Shared with globalTeardown, which runs in the same process.
  var __LEITSTAND_E2E_STACK__: StackProcess[] | undefined;
}

/**
 * Starts the real stack for the e2e run: migrate (creates the database if missing), then api (serving the built
 * UI from WEB_DIST) and worker on free ports, with a queue prefix of its own for this run.
 * Set E2E_BASE_URL to run the specs against a stack that is already running instead.
 */
export default async function globalSetup(): Promise<void> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  if (process.env['E2E_BASE_URL']) {
    process.stdout.write(`\n[e2e] using the running stack at ${process.env['E2E_BASE_URL']}\n`);
    publishWorld(await seedWorld(process.env['E2E_DATABASE_URL'] ?? DEFAULT_DATABASE_URL));
    return;
  }

  const missing = [API_MAIN, API_MIGRATE, WORKER_MAIN, `${WEB_DIST}/index.html`].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `[e2e] build output missing: ${missing.join(', ')}\nRun: npx nx run-many -t build -p api worker helpdesk`,
    );
  }

  // Free ports of this run: a leftover stack or another run on the machine never collides with it.
  const [apiPort, workerPort] = [await freePort(), await freePort()];
  const apiHealth = `http://127.0.0.1:${apiPort}/api/health`;
  const workerHealth = `http://127.0.0.1:${workerPort}/health`;

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: process.env['E2E_DATABASE_URL'] ?? DEFAULT_DATABASE_URL,
    REDIS_URL: process.env['E2E_REDIS_URL'] ?? process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL,
    // Braces make it a Redis Cluster hash tag; the pid keeps parallel runs and leftovers apart.
    QUEUE_PREFIX: `{leitstand-e2e-${process.pid}}`,
    API_PORT: String(apiPort),
    WORKER_HTTP_PORT: String(workerPort),
    WEB_DIST,
    LOG_LEVEL: 'warn',
  };

  const migrate = spawnSync(process.execPath, [API_MIGRATE], {
    cwd: WORKSPACE_ROOT,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const migrateLog = `${migrate.stdout ?? ''}${migrate.stderr ?? ''}`;
  writeFileSync(outputPath('migrate.log'), migrateLog);
  if (migrate.status !== 0) {
    const reason = migrate.error
      ? migrate.error.message
      : `exit code ${migrate.status ?? '–'}, signal ${migrate.signal ?? '–'}`;
    throw new Error(
      `[e2e] migrate failed (${reason}).\n--- migrate output (tail) ---\n${migrateLog.split('\n').slice(-40).join('\n')}`,
    );
  }

  // A tenant, site, asset and agent of this run, written once the schema is migrated.
  publishWorld(await seedWorld(env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL));

  const api = startProcess('api', API_MAIN, env);
  const worker = startProcess('worker', WORKER_MAIN, env);
  const stack = [api, worker];
  globalThis.__LEITSTAND_E2E_STACK__ = stack;
  try {
    await Promise.all([waitForHealthy(api, apiHealth), waitForHealthy(worker, workerHealth)]);
  } catch (error) {
    // Jest does not run globalTeardown when globalSetup fails: stop what was started here.
    await Promise.all(stack.map((proc) => stopProcess(proc)));
    globalThis.__LEITSTAND_E2E_STACK__ = undefined;
    throw error;
  }

  process.env['E2E_BASE_URL'] = `http://127.0.0.1:${apiPort}`;
  process.stdout.write(`\n[e2e] stack up at ${process.env['E2E_BASE_URL']} (queue prefix ${env['QUEUE_PREFIX']})\n`);
}
