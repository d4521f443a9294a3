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

  describe('maintenance occurrences', () => {
    let tenantId: string;
    let siteId: string;
    let assetId: string;
    let requirementId: string;
    let contractId: string;
    const occurrence = (overrides: Record<string, unknown> = {}) => {
      const row: Record<string, unknown> = {
        tenant_id: tenantId,
        contract_id: contractId,
        site_id: siteId,
        requirement_id: requirementId,
        asset_id: assetId,
        trade: 'cranes',
        period_no: 0,
        kind: 'regular',
        earliest_start: '2026-10-01',
        target_date: '2026-10-05',
        legal_latest: '2026-11-04',
        on_time_limit: '2026-10-05',
        work_order_from: '2026-09-07',
        version: 1,
        ...overrides,
      };
      const columns = Object.keys(row);
      return ds.query(
        `INSERT INTO maintenance_occurrences (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
        Object.values(row),
      ) as Promise<Array<{ id: string }>>;
    };

    beforeAll(async () => {
      const [row] = (await ds.query(
        `SELECT a.tenant_id, a.site_id, a.id AS asset_id FROM assets a WHERE a.code = 'MW-1'`,
      )) as Array<{ tenant_id: string; site_id: string; asset_id: string }>;
      tenantId = String(row?.tenant_id);
      siteId = String(row?.site_id);
      assetId = String(row?.asset_id);
      const [contract] = (await ds.query(
        `INSERT INTO contracts (tenant_id, name, type, starts_on, calendars, sla_matrix, annual_volume, version)
         VALUES ($1, 'Wartung', 'full_maintenance', '2026-01-01', '{}', '{}', 1000, 1) RETURNING id`,
        [tenantId],
      )) as Array<{ id: string }>;
      contractId = String(contract?.id);
      const [requirement] = (await ds.query(
        `INSERT INTO maintenance_requirements (tenant_id, contract_id, task_key, title, kind, statutory, site_id, asset_id,
           cadence_every, cadence_unit, anchor_kind, anchor_date, lead_days, performer, evidence, version)
         VALUES ($1, $2, 'cranes.uvv', 'UVV-Prüfung', 'statutory-test', true, $3, $4, 1, 'year', 'fixed-grid', '2026-01-01',
           28, 'provider', '{checklist}', 1) RETURNING id`,
        [tenantId, contractId, siteId, assetId],
      )) as Array<{ id: string }>;
      requirementId = String(requirement?.id);
    });

    it('keeps one occurrence per requirement, asset and period', async () => {
      const [first] = await occurrence();
      const again = (await ds.query(
        `INSERT INTO maintenance_occurrences (tenant_id, contract_id, site_id, requirement_id, asset_id, trade, period_no, kind,
           earliest_start, target_date, legal_latest, on_time_limit, work_order_from, version)
         SELECT tenant_id, contract_id, site_id, requirement_id, asset_id, trade, period_no, kind, earliest_start, target_date,
           legal_latest, on_time_limit, work_order_from, version FROM maintenance_occurrences WHERE id = $1
         ON CONFLICT (requirement_id, asset_id, period_no) DO NOTHING RETURNING id`,
        [first?.id],
      )) as unknown[];
      expect(again).toEqual([]);
      await expect(occurrence()).rejects.toThrow(/uq_maintenance_occurrences_period/);
    });

    it('refuses an occurrence whose asset, site or tenant is not its requirement’s', async () => {
      const [otherTenant] = (await ds.query(
        `INSERT INTO tenants (slug, name, version) VALUES ('schema-other', 'Andere GmbH', 1) RETURNING id`,
      )) as Array<{ id: string }>;
      const [otherSite] = (await ds.query(
        `INSERT INTO sites (tenant_id, name, street, postal_code, city, state, version) VALUES ($1, 'Fremd', 'Weg 2', '80331', 'München', 'DE-BY', 1) RETURNING id`,
        [otherTenant?.id],
      )) as Array<{ id: string }>;
      await expect(occurrence({ period_no: 1, tenant_id: otherTenant?.id })).rejects.toThrow(/do not match/);
      await expect(occurrence({ period_no: 1, site_id: otherSite?.id })).rejects.toThrow(/do not match/);
      await expect(occurrence({ period_no: 1, asset_id: '00000000-0000-4000-8000-000000000000' })).rejects.toThrow(
        /do not match/,
      );
      await expect(occurrence({ period_no: 1, technician_id: '00000000-0000-4000-8000-000000000000' })).rejects.toThrow(
        /is no user/,
      );
      await expect(occurrence({ period_no: 1, target_date: '2026-11-05' })).rejects.toThrow(
        /ck_maintenance_occurrences_dates/,
      );
      await expect(
        ds.query(
          `INSERT INTO maintenance_requirements (tenant_id, contract_id, task_key, title, kind, statutory, site_id, cadence_every,
             cadence_unit, anchor_kind, anchor_date, lead_days, performer, version)
           VALUES ($1, $2, 'x', 'X', 'maintenance', false, $3, 1, 'year', 'fixed-grid', '2026-01-01', 28, 'provider', 1)`,
          [otherTenant?.id, contractId, otherSite?.id],
        ),
      ).rejects.toThrow(/the contract belongs to another tenant/);
    });

    it('keeps the identity of an occurrence and never deletes one', async () => {
      const [row] = (await ds.query(`SELECT id FROM maintenance_occurrences LIMIT 1`)) as Array<{ id: string }>;
      await expect(
        ds.query(`UPDATE maintenance_occurrences SET period_no = 7 WHERE id = $1`, [row?.id]),
      ).rejects.toThrow(/immutable: UPDATE refused/);
      await expect(ds.query(`DELETE FROM maintenance_occurrences WHERE id = $1`, [row?.id])).rejects.toThrow(
        /DELETE refused/,
      );
      await expect(ds.query(`DELETE FROM maintenance_requirements`)).rejects.toThrow(/DELETE refused/);
      await ds.query(`UPDATE maintenance_occurrences SET status = 'due' WHERE id = $1`, [row?.id]);
    });

    it('refuses UPDATE and DELETE on occurrence_events and records a system event once per occurrence', async () => {
      const [row] = (await ds.query(`SELECT id, tenant_id FROM maintenance_occurrences LIMIT 1`)) as Array<{
        id: string;
        tenant_id: string;
      }>;
      const insert = (key: string | null, tenant = row?.tenant_id) =>
        ds.query(
          `INSERT INTO occurrence_events (occurrence_id, tenant_id, type, dedup_key) VALUES ($1, $2, 'reminder', $3)`,
          [row?.id, tenant, key],
        );
      await insert('reminder');
      await expect(insert('reminder')).rejects.toThrow(/uq_occurrence_events_dedup/);
      await insert(null);
      await insert(null);
      await expect(insert(null, '00000000-0000-4000-8000-000000000000')).rejects.toThrow(/no such occurrence/);
      await expect(ds.query(`UPDATE occurrence_events SET type = 'missed'`)).rejects.toThrow(
        /append-only: UPDATE refused/,
      );
      await expect(ds.query(`DELETE FROM occurrence_events`)).rejects.toThrow(/append-only: DELETE refused/);
      const [count] = (await ds.query(`SELECT count(*)::int AS n FROM occurrence_events`)) as Array<{ n: number }>;
      expect(count?.n).toBe(3);
    });
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
