import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 6: planned maintenance windows per asset. The KPI roll-up takes them out of the required time
 * and cuts them out of the downtime (EN 13306: planned downtime is no downtime). Catalog row with
 * optimistic locking; looked up per asset by start (ix_maintenance_windows_asset_start).
 */
export class MaintenanceWindows1795299935299 implements MigrationInterface {
  name = 'MaintenanceWindows1795299935299';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "maintenance_windows" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "asset_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" text NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "ck_maintenance_windows_interval" CHECK ("ends_at" > "starts_at"), CONSTRAINT "pk_maintenance_windows" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_maintenance_windows_tenant" ON "maintenance_windows" ("tenant_id")`);
    await q.query(
      `CREATE INDEX "ix_maintenance_windows_asset_start" ON "maintenance_windows" ("asset_id", "starts_at")`,
    );
    await q.query(
      `ALTER TABLE "maintenance_windows" ADD CONSTRAINT "fk_maintenance_windows_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "maintenance_windows" ADD CONSTRAINT "fk_maintenance_windows_asset" FOREIGN KEY ("asset_id") REFERENCES "assets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "maintenance_windows" ADD CONSTRAINT "fk_maintenance_windows_creator" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "maintenance_windows"`);
  }
}
