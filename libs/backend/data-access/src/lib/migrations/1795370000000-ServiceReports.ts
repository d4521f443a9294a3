import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16, the service report per ticket (Leistungsnachweis): the choices made on a ticket's report —
 * small-material flat, emergency, maintenance work, travel method, catalogue items, discounts — one row per
 * ticket with optimistic locking. The logged work and material stay where they are (work_logs,
 * ticket_materials); the report is priced from both with the price-list version valid on the work date.
 */
export class ServiceReports1795370000000 implements MigrationInterface {
  name = 'ServiceReports1795370000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "service_reports" (
      "ticket_id" uuid NOT NULL,
      "tenant_id" uuid NOT NULL,
      "small_material" boolean NOT NULL DEFAULT false,
      "emergency" boolean NOT NULL DEFAULT false,
      "work_type" character varying(20) NOT NULL DEFAULT 'repair',
      "travel_method" character varying(10),
      "catalog_items" jsonb NOT NULL DEFAULT '[]',
      "discounts" jsonb NOT NULL DEFAULT '[]',
      "updated_by" uuid NOT NULL,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "version" integer NOT NULL,
      CONSTRAINT "ck_service_reports_travel_method" CHECK ("travel_method" IS NULL OR "travel_method" IN ('distance', 'zone', 'time')),
      CONSTRAINT "ck_service_reports_work_type" CHECK ("work_type" IN ('repair', 'maintenance')),
      CONSTRAINT "pk_service_reports" PRIMARY KEY ("ticket_id"))`);
    await q.query(`CREATE INDEX "ix_service_reports_tenant" ON "service_reports" ("tenant_id")`);
    await q.query(
      `ALTER TABLE "service_reports" ADD CONSTRAINT "fk_service_reports_ticket" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "service_reports" ADD CONSTRAINT "fk_service_reports_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "service_reports" ADD CONSTRAINT "fk_service_reports_updated_by" FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "service_reports"`);
  }
}
