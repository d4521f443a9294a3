import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16, indexation: index series as data (name, source such as the statistical office's table code, base
 * year) with their published values (period, value, publication date, rebasing factor), and the price versions
 * of a contract that an approved indexation creates (valid from the reference date, the indexed annual volume,
 * the factor and the preview that cites the index values used). Raw SQL tables of the billing repository.
 */
export class IndexSeries1795400000000 implements MigrationInterface {
  name = 'IndexSeries1795400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "index_series" (
      "key" character varying(80) NOT NULL,
      "name" character varying(200) NOT NULL,
      "source" character varying(200) NOT NULL,
      "base_year" integer NOT NULL,
      "version" integer NOT NULL DEFAULT 1,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_index_series" PRIMARY KEY ("key"),
      CONSTRAINT "ck_index_series_key" CHECK ("key" ~ '^[a-z0-9][a-z0-9-]*$'),
      CONSTRAINT "ck_index_series_base_year" CHECK ("base_year" BETWEEN 1900 AND 2999))`);
    await q.query(`CREATE TABLE "index_values" (
      "series_key" character varying(80) NOT NULL,
      "period" character varying(7) NOT NULL,
      "value" numeric(14,4) NOT NULL,
      "published_on" date NOT NULL,
      "rebasing_factor" numeric(12,6) NOT NULL DEFAULT 1,
      CONSTRAINT "pk_index_values" PRIMARY KEY ("series_key", "period"),
      CONSTRAINT "fk_index_values_series" FOREIGN KEY ("series_key") REFERENCES "index_series"("key") ON DELETE CASCADE,
      CONSTRAINT "ck_index_values_period" CHECK ("period" ~ '^[0-9]{4}(-(0[1-9]|1[0-2]))?$'),
      CONSTRAINT "ck_index_values_positive" CHECK ("value" > 0 AND "rebasing_factor" > 0))`);
    await q.query(`CREATE TABLE "contract_price_versions" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "contract_id" uuid NOT NULL,
      "valid_from" date NOT NULL,
      "annual_volume" numeric(14,2) NOT NULL,
      "base_volume" numeric(14,2) NOT NULL,
      "factor" character varying(60) NOT NULL,
      "preview" jsonb NOT NULL,
      "approved_by" uuid NOT NULL,
      "approved_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_contract_price_versions" PRIMARY KEY ("id"),
      CONSTRAINT "uq_contract_price_versions_valid_from" UNIQUE ("contract_id", "valid_from"),
      CONSTRAINT "fk_contract_price_versions_contract" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_contract_price_versions_approver" FOREIGN KEY ("approved_by") REFERENCES "users"("id") ON DELETE RESTRICT)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "contract_price_versions"`);
    await q.query(`DROP TABLE "index_values"`);
    await q.query(`DROP TABLE "index_series"`);
  }
}
