import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, money: closed KPI periods are frozen. `kpi_rollups.frozen_at` is set when a period is stored after
 * it closed (a month one month after its end — see kpiPeriodClosesAtMs in @leitstand/domain); the roll-up of a
 * frozen period — its maintenance and inspection compliance, the bonus/malus paid on it and its cost — is then
 * never recomputed: the upsert skips it, and a trigger refuses any UPDATE or DELETE of a frozen row (a DELETE
 * cascading from the contract's removal excepted), so a later edit of an occurrence or a ticket cannot change a
 * month that money was settled on. Rows stored before the period closed stay replaceable (frozen_at null).
 */
export class ComplianceRollup1795350000002 implements MigrationInterface {
  name = 'ComplianceRollup1795350000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "kpi_rollups" ADD COLUMN "frozen_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`CREATE FUNCTION "kpi_rollups_frozen"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD."frozen_at" IS NULL THEN
          RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END IF;
        -- the contract's removal cascades (fk_kpi_rollups_contract ON DELETE CASCADE): the RI trigger runs this one nested
        IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'kpi_rollups %/% is frozen since %: % refused', OLD."contract_id", OLD."period", OLD."frozen_at", TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER "tr_kpi_rollups_frozen" BEFORE UPDATE OR DELETE ON "kpi_rollups" FOR EACH ROW EXECUTE FUNCTION "kpi_rollups_frozen"()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "tr_kpi_rollups_frozen" ON "kpi_rollups"`);
    await q.query(`DROP FUNCTION "kpi_rollups_frozen"()`);
    await q.query(`ALTER TABLE "kpi_rollups" DROP COLUMN "frozen_at"`);
  }
}
