import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * KPI roll-ups (issue 6): one row per contract and reporting period ('2026-10', '2026-Q3', '2026') with
 * the computed KPIs, bonus/malus and cost and their derivation as JSON. Written by the KPI jobs (and by
 * the API when a period is asked for the first time), read by GET /api/contracts/:id/kpis|costs.
 * No TypeORM entity on purpose: the table is written and read with plain SQL by @leitstand/backend/kpi,
 * so it is invisible to the entity drift check.
 */
export class KpiRollups1795293955301 implements MigrationInterface {
  name = 'KpiRollups1795293955301';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "kpi_rollups" (
        "contract_id" uuid NOT NULL,
        "period" varchar(10) NOT NULL,
        "tenant_id" uuid NOT NULL,
        "period_from" timestamptz NOT NULL,
        "period_to" timestamptz NOT NULL,
        "as_of" timestamptz NOT NULL,
        "computed_at" timestamptz NOT NULL,
        "duration_ms" integer NOT NULL,
        "payload" jsonb NOT NULL,
        CONSTRAINT "pk_kpi_rollups" PRIMARY KEY ("contract_id", "period"),
        CONSTRAINT "fk_kpi_rollups_contract" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "ix_kpi_rollups_tenant" ON "kpi_rollups" ("tenant_id")`);
    await q.query(`CREATE INDEX "ix_kpi_rollups_computed_at" ON "kpi_rollups" ("computed_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "kpi_rollups"`);
  }
}
