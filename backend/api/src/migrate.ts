import 'reflect-metadata';
import {
  ConfigValidationError,
  createRootLogger,
  describeEndpoint,
  loadConfig,
  retryLoggerFrom,
  retryUntilReachable,
} from '@leitstand/backend/core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createDataSource, ensureDatabase, pendingSchemaChanges, runMigrations } from '@leitstand/backend/data-access';
import { seedDemoData } from '@leitstand/backend/demo';

/**
 * `npm run migrate`: creates the database when it is missing, then applies pending migrations under
 * an advisory lock. `--check` additionally fails when the entities differ from the migrated schema.
 * `--seed` then loads the demo data (idempotently: a repeat run changes nothing) from
 * `--seed-data=<dir>`, else `demo-data/` next to this bundle, else `libs/demo-data/data` under the
 * working directory.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createRootLogger(config, 'migrate');
  const endpoint = describeEndpoint(config.database.url);
  const created = await retryUntilReachable(
    'PostgreSQL',
    endpoint,
    () => ensureDatabase(config.database.url),
    retryLoggerFrom(logger, 'database'),
    {
      maxAttempts: 10,
    },
  );
  if (created) logger.info(`created database at ${endpoint}`);
  const dataSource = createDataSource({ url: config.database.url, poolSize: 2 }, 'leitstand-migrate');
  await dataSource.initialize();
  try {
    const applied = await runMigrations(dataSource);
    logger.info({ applied }, applied.length ? `applied ${applied.length} migration(s)` : 'schema is up to date');
    if (process.argv.includes('--check')) {
      const drift = await pendingSchemaChanges(dataSource);
      if (drift.length > 0) {
        logger.error({ drift }, 'schema drift: the entities differ from the migrations; generate a migration');
        process.exitCode = 1;
      }
    }
    if (process.argv.includes('--seed') && !process.exitCode) {
      const dataDir = demoDataDir();
      const started = Date.now();
      const result = await seedDemoData(dataSource, { dataDir, now: new Date() });
      logger.info(
        { ...result, dataDir, ms: Date.now() - started },
        `demo data: ${result.inserted} row(s) inserted, ${result.updated} updated, ${result.history.tickets} ticket(s) of history`,
      );
    }
  } finally {
    await dataSource.destroy();
  }
}

function demoDataDir(): string {
  const flag = process.argv.find((a) => a.startsWith('--seed-data='));
  if (flag) return flag.slice('--seed-data='.length);
  const bundled = join(__dirname, 'demo-data');
  return existsSync(bundled) ? bundled : join(process.cwd(), 'libs', 'demo-data', 'data');
}

main().catch((error: unknown) => {
  process.stderr.write(`migrate failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
