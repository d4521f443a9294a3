import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export const MIGRATIONS_TABLE = 'schema_migrations';

/**
 * The one DataSource definition, used by the API, the worker, the migrate command and the tests.
 * `synchronize` is always false and there is no switch for it: the schema comes from migrations only.
 * Migrations are listed explicitly (no globs), so bundled builds carry them.
 */
export function dataSourceOptions(
  db: { url: string; poolSize: number },
  applicationName = 'leitstand',
): DataSourceOptions {
  return {
    type: 'postgres',
    url: db.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+; no extension needs installing.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    logging: false,
    applicationName,
    extra: { max: db.poolSize, connectionTimeoutMillis: 5_000 },
  };
}

export function createDataSource(db: { url: string; poolSize: number }, applicationName?: string): DataSource {
  return new DataSource(dataSourceOptions(db, applicationName));
}
