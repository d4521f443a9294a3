import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  compactStoredExplanations,
  decodeKpiDerivation,
  explainAssetKpis,
  type AssetKpiExplanation,
} from '@leitstand/domain';

/**
 * KPI roll-ups keep a summary plus a compact derivation (issue 12 item 6): `payload` holds both views
 * without `kpis.availability.assets`; the new `derivation` column holds the assets' derivation in the compact
 * format 2 of @leitstand/domain (ids, ms and minutes; ticket numbers and window reasons once each). The long
 * form is built again when the API is asked (~800 KB → ~250 KB per contract-month at 1,000 assets).
 *
 * Existing rows are CONVERTED, never recomputed: a closed month's figures must stay what they were. Each row's
 * asset list is compacted only when explaining the compact form gives exactly the stored list back; a row
 * that does not round-trip keeps its long form (derivation NULL), which the reader still understands.
 */
export class KpiRollupDerivation1795340000000 implements MigrationInterface {
  name = 'KpiRollupDerivation1795340000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "kpi_rollups" ADD COLUMN "derivation" jsonb`);
    await q.query(`DO $$ BEGIN
      ALTER TABLE "kpi_rollups" ALTER COLUMN "derivation" SET COMPRESSION lz4;
    EXCEPTION WHEN OTHERS THEN
      RAISE NOTICE 'kpi_rollups.derivation stays pglz: %', SQLERRM;
    END $$`);
    const keys: { contract_id: string; period: string }[] = await q.query(
      `SELECT contract_id, period FROM "kpi_rollups"
        WHERE derivation IS NULL AND jsonb_typeof(payload #> '{kpis,availability,assets}') = 'array'
        ORDER BY contract_id, period`,
    );
    for (const key of keys) {
      const [row]: { assets: AssetKpiExplanation[]; t0: string }[] = await q.query(
        `SELECT payload #> '{kpis,availability,assets}' AS assets,
                (extract(epoch FROM period_from) * 1000)::bigint::text AS t0
           FROM "kpi_rollups" WHERE contract_id = $1 AND period = $2`,
        [key.contract_id, key.period],
      );
      if (row === undefined) continue;
      const compact = compactStoredExplanations(row.assets, Number(row.t0));
      if (compact === null) continue; // not lossless: the long form stays
      await q.query(
        `UPDATE "kpi_rollups" SET derivation = $3::jsonb, payload = payload #- '{kpis,availability,assets}'
          WHERE contract_id = $1 AND period = $2`,
        [key.contract_id, key.period, JSON.stringify(compact)],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const keys: { contract_id: string; period: string }[] = await q.query(
      `SELECT contract_id, period FROM "kpi_rollups" WHERE derivation IS NOT NULL ORDER BY contract_id, period`,
    );
    for (const key of keys) {
      const [row]: { derivation: unknown }[] = await q.query(
        `SELECT derivation FROM "kpi_rollups" WHERE contract_id = $1 AND period = $2`,
        [key.contract_id, key.period],
      );
      if (row === undefined) continue;
      const derivation = decodeKpiDerivation(row.derivation);
      await q.query(
        `UPDATE "kpi_rollups" SET payload = jsonb_set(payload, '{kpis,availability,assets}', $3::jsonb)
          WHERE contract_id = $1 AND period = $2`,
        [key.contract_id, key.period, JSON.stringify(explainAssetKpis(derivation.assets, derivation))],
      );
    }
    await q.query(`ALTER TABLE "kpi_rollups" DROP COLUMN "derivation"`);
  }
}
