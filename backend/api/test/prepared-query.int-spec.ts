import { QueryFailedError } from 'typeorm';
import { preparedQuery, preparedStatementName } from '@leitstand/backend/core';
import { createTestEnv, type TestEnv } from '@leitstand/backend/testing';

/**
 * The hot statements (intake, place lookup, outbox relay, intake confirmation) run as named prepared
 * statements: each connection parses a statement once and PostgreSQL may keep one plan for it. They must
 * behave exactly as `DataSource.query`: same rows and types, the caller's transaction, and TypeORM's
 * QueryFailedError (the intake recognises a reused Idempotency-Key by it).
 */
describe('preparedQuery', () => {
  let env: TestEnv;
  const SQL = `SELECT n, n * 2 AS twice, $2::text AS label, now() AS at FROM generate_series(1, $1::int) AS n ORDER BY n`;

  beforeAll(async () => {
    env = await createTestEnv('prepared_query');
    await env.dataSource.query(`CREATE TABLE prepared_probe (id int PRIMARY KEY, label text NOT NULL)`);
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it('returns the same rows and types as DataSource.query, again and again', async () => {
    const expected = (await env.dataSource.query(SQL, [3, 'x'])) as Array<Record<string, unknown>>;
    for (let i = 0; i < 8; i++) {
      const rows = await preparedQuery<{ n: number; twice: number; label: string; at: Date }>(env.dataSource, SQL, [
        3,
        'x',
      ]);
      expect(rows.map(({ n, twice, label }) => ({ n, twice, label }))).toEqual(
        expected.map(({ n, twice, label }) => ({ n, twice, label })),
      );
      expect(rows[0]?.at).toBeInstanceOf(Date);
    }
    expect(await preparedQuery(env.dataSource, SQL, [0, 'none'])).toEqual([]);
  });

  it("runs inside the caller's transaction, prepared once on its connection", async () => {
    await env.dataSource
      .transaction(async (manager) => {
        for (let id = 1; id <= 6; id++) {
          await preparedQuery(manager, `INSERT INTO prepared_probe (id, label) VALUES ($1, $2)`, [id, `row ${id}`]);
        }
        const [seen] = (await manager.query(`SELECT count(*)::int AS n FROM prepared_probe`)) as Array<{ n: number }>;
        expect(seen?.n).toBe(6);
        const prepared = (await manager.query(
          `SELECT name, generic_plans + custom_plans AS runs FROM pg_prepared_statements WHERE name = $1`,
          [preparedStatementName(`INSERT INTO prepared_probe (id, label) VALUES ($1, $2)`)],
        )) as Array<{ name: string; runs: string }>;
        expect(prepared.map((p) => Number(p.runs))).toEqual([6]);
        throw new Error('roll back');
      })
      .catch((error: unknown) => expect((error as Error).message).toBe('roll back'));
    const [after] = (await env.dataSource.query(`SELECT count(*)::int AS n FROM prepared_probe`)) as Array<{
      n: number;
    }>;
    expect(after?.n).toBe(0);
  });

  it("fails with TypeORM's QueryFailedError carrying the driver's error", async () => {
    await preparedQuery(env.dataSource, `INSERT INTO prepared_probe (id, label) VALUES ($1, $2)`, [7, 'first']);
    const error = await preparedQuery(env.dataSource, `INSERT INTO prepared_probe (id, label) VALUES ($1, $2)`, [
      7,
      'again',
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryFailedError);
    expect((error as QueryFailedError).driverError).toMatchObject({ code: '23505', table: 'prepared_probe' });
    const bad = await preparedQuery(env.dataSource, `SELECT $1::int AS n`, ['not a number']).catch((e: unknown) => e);
    expect((bad as QueryFailedError).driverError).toMatchObject({ code: '22P02' });
  });

  it('names each distinct text once, and different texts differently', () => {
    expect(preparedStatementName(SQL)).toBe(preparedStatementName(`${SQL}`));
    expect(preparedStatementName(SQL)).not.toBe(preparedStatementName(`${SQL} `));
    expect(preparedStatementName(SQL)).toMatch(/^ls_[0-9a-f]{20}$/);
  });
});
