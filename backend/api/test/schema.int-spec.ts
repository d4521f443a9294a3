import { QueryFailedError, type DataSource } from 'typeorm';
import { createTestEnv, type TestEnv } from '@leitstand/backend/testing';
import { MIGRATIONS_TABLE, pendingSchemaChanges } from '@leitstand/backend/data-access';

describe('schema', () => {
  let env: TestEnv;
  let ds: DataSource;

  beforeAll(async () => {
    env = await createTestEnv('schema');
    ds = env.dataSource;
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it('has no drift: generating a migration against a freshly migrated database yields nothing', async () => {
    expect(await pendingSchemaChanges(ds)).toEqual([]);
  });

  it('records every migration', async () => {
    const rows = (await ds.query(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY id`)) as Array<{ name: string }>;
    expect(rows.map((r) => r.name)).toEqual(ds.migrations.map((m) => m.name));
  });

  it('refuses UPDATE and DELETE on ticket_events (the SLA evidence is append-only)', async () => {
    const [tenant] = (await ds.query(
      `INSERT INTO tenants (slug, name, version) VALUES ('schema', 'Schema GmbH', 1) RETURNING id`,
    )) as Array<{ id: string }>;
    const [site] = (await ds.query(
      `INSERT INTO sites (tenant_id, name, street, postal_code, city, state, version) VALUES ($1, 'Werk', 'Weg 1', '80331', 'München', 'DE-BY', 1) RETURNING id`,
      [tenant?.id],
    )) as Array<{ id: string }>;
    const [ticket] = (await ds.query(
      `INSERT INTO tickets (number, tenant_id, site_id, title, priority, fault_began_at, version) VALUES ('2026-999999', $1, $2, 'schema test', 'A', now(), 1) RETURNING id`,
      [tenant?.id, site?.id],
    )) as Array<{ id: string }>;
    await ds.query(`INSERT INTO ticket_events (ticket_id, type, actor) VALUES ($1, 'created', 'test')`, [ticket?.id]);
    await expect(ds.query(`UPDATE ticket_events SET actor = 'forger'`)).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(ds.query(`DELETE FROM ticket_events`)).rejects.toThrow(/append-only: DELETE refused/);
    const rows = (await ds.query(`SELECT actor FROM ticket_events`)) as Array<{ actor: string }>;
    expect(rows).toEqual([{ actor: 'test' }]);
  });

  it('lets an event be recorded only once per dedup key', async () => {
    const [ticket] = (await ds.query(`SELECT id FROM tickets LIMIT 1`)) as Array<{ id: string }>;
    await ds.query(
      `INSERT INTO ticket_events (ticket_id, type, actor, dedup_key) VALUES ($1, 'sla_breached', 'system', 'k1')`,
      [ticket?.id],
    );
    await expect(
      ds.query(
        `INSERT INTO ticket_events (ticket_id, type, actor, dedup_key) VALUES ($1, 'sla_breached', 'system', 'k1')`,
        [ticket?.id],
      ),
    ).rejects.toBeInstanceOf(QueryFailedError);
  });

  it('reverts every migration and applies them again', async () => {
    for (let i = 0; i < ds.migrations.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    const tables = (await ds.query(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> $1`,
      [MIGRATIONS_TABLE],
    )) as Array<{ n: number }>;
    expect(tables[0]?.n).toBe(0);
    await ds.runMigrations({ transaction: 'each' });
    expect(await pendingSchemaChanges(ds)).toEqual([]);
  });
});
