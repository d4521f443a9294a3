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

  it('refuses a maintenance window that does not end after it starts', async () => {
    const [row] = (await ds.query(`SELECT t.tenant_id, t.site_id FROM tickets t LIMIT 1`)) as Array<{
      tenant_id: string;
      site_id: string;
    }>;
    const [asset] = (await ds.query(
      `INSERT INTO assets (tenant_id, site_id, code, name, trade, asset_class, version)
       VALUES ($1, $2, 'MW-1', 'Kran', 'cranes', 'A', 1) RETURNING id`,
      [row?.tenant_id, row?.site_id],
    )) as Array<{ id: string }>;
    const [user] = (await ds.query(
      `INSERT INTO users (email, display_name, role, password_hash, version)
       VALUES ('mw@schema.example', 'MW', 'admin', 'x', 1) RETURNING id`,
    )) as Array<{ id: string }>;
    const insert = (from: string, to: string) =>
      ds.query(
        `INSERT INTO maintenance_windows (tenant_id, asset_id, starts_at, ends_at, reason, created_by, version)
         VALUES ($1, $2, $3, $4, 'Wartung', $5, 1)`,
        [row?.tenant_id, asset?.id, from, to, user?.id],
      );
    await expect(insert('2026-10-05T10:00:00Z', '2026-10-05T10:00:00Z')).rejects.toThrow(
      /ck_maintenance_windows_interval/,
    );
    await insert('2026-10-05T10:00:00Z', '2026-10-05T12:00:00Z');
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
