import 'reflect-metadata';
import {
  ConfigValidationError,
  createRootLogger,
  describeEndpoint,
  loadConfig,
  retryLoggerFrom,
  retryUntilReachable,
} from '@leitstand/backend/core';
import { createDataSource, ensureDatabase, pendingSchemaChanges, runMigrations } from '@leitstand/backend/data-access';

/**
 * `npm run migrate`: creates the database when it is missing, then applies pending migrations under
 * an advisory lock. `--check` additionally fails when the entities differ from the migrated schema.
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
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`migrate failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
