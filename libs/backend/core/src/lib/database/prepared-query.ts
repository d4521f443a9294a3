import { createHash } from 'node:crypto';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';

/** The part of a `pg` client or pool that runs a named statement. */
interface PgQueryable {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

const names = new Map<string, string>();

/** The prepared statement name of `text`: stable per text, so each connection prepares it once. */
export function preparedStatementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `ls_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs `text` — constant SQL whose values are all bind parameters — as a named prepared statement and
 * returns its rows. Each pooled connection parses it once, and after a few runs PostgreSQL plans it once
 * (its generic plan), instead of parsing, analysing and planning it on every call as an unnamed statement
 * (`DataSource.query`) must. For the hot statements only (ticket intake, place lookup, outbox relay,
 * intake confirmation), whose parse and plan cost more than their execution.
 * Inside a transaction (`manager` of `DataSource.transaction`) it runs on the transaction's connection,
 * otherwise on any pooled one. Errors are TypeORM's QueryFailedError, as from `query()`.
 */
export async function preparedQuery<T>(
  db: DataSource | EntityManager,
  text: string,
  params: readonly unknown[],
): Promise<T[]> {
  const manager = db instanceof DataSource ? db.manager : db;
  const config = { name: preparedStatementName(text), text, values: [...params] };
  try {
    const runner = manager.queryRunner;
    const client = (
      runner ? await runner.connect() : (manager.connection.driver as unknown as { master: unknown }).master
    ) as PgQueryable;
    return (await client.query(config)).rows as T[];
  } catch (error) {
    throw new QueryFailedError(text, config.values, error as Error);
  }
}
