import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16, invoices: a contract's month as a draft (billing run), approved by a manager, issued with a gapless
 * number per provider and year from `invoice_number_counters` (incremented inside the issuing transaction, so a
 * rolled-back issue leaves no gap). Credit notes are invoices of kind 'credit-note' that reference the original
 * (`credit_of`).
 *
 * Immutability is enforced by PostgreSQL: once an invoice is issued, a trigger refuses every UPDATE and DELETE
 * of it and every INSERT, UPDATE and DELETE of its lines — with one exception: the transition issued →
 * cancelled (status and version only, every other column unchanged) and only while an issued credit note
 * references it. Drafts and approved invoices stay replaceable (the billing run rewrites them).
 */
export class Invoices1795390000000 implements MigrationInterface {
  name = 'Invoices1795390000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "invoice_number_counters" (
      "provider" character varying(40) NOT NULL,
      "year" integer NOT NULL,
      "last_value" integer NOT NULL,
      CONSTRAINT "pk_invoice_number_counters" PRIMARY KEY ("provider", "year"))`);
    await q.query(`CREATE TABLE "invoices" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "tenant_id" uuid NOT NULL,
      "contract_id" uuid NOT NULL,
      "kind" character varying(12) NOT NULL DEFAULT 'invoice',
      "period" character varying(7) NOT NULL,
      "period_from" date NOT NULL,
      "period_to" date NOT NULL,
      "status" character varying(10) NOT NULL DEFAULT 'draft',
      "number" character varying(20),
      "issued_at" TIMESTAMP WITH TIME ZONE,
      "issued_by" uuid,
      "approved_at" TIMESTAMP WITH TIME ZONE,
      "approved_by" uuid,
      "currency" character varying(3) NOT NULL DEFAULT 'EUR',
      "net" numeric(14,2) NOT NULL,
      "vat" numeric(14,2) NOT NULL,
      "gross" numeric(14,2) NOT NULL,
      "credit_of" uuid,
      "buyer" jsonb,
      "notes" jsonb NOT NULL DEFAULT '[]',
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "version" integer NOT NULL,
      CONSTRAINT "uq_invoices_number" UNIQUE ("number"),
      CONSTRAINT "ck_invoices_kind" CHECK ("kind" IN ('invoice', 'credit-note')),
      CONSTRAINT "ck_invoices_status" CHECK ("status" IN ('draft', 'approved', 'issued', 'cancelled')),
      CONSTRAINT "ck_invoices_numbered" CHECK (("number" IS NOT NULL) = ("status" IN ('issued', 'cancelled')) AND ("number" IS NULL) = ("issued_at" IS NULL)),
      CONSTRAINT "ck_invoices_credit" CHECK (("kind" = 'credit-note') = ("credit_of" IS NOT NULL)),
      CONSTRAINT "pk_invoices" PRIMARY KEY ("id"))`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_invoices_contract_period" ON "invoices" ("contract_id", "period") WHERE "kind" = 'invoice' AND "status" <> 'cancelled'`,
    );
    await q.query(`CREATE INDEX "ix_invoices_tenant_status" ON "invoices" ("tenant_id", "status")`);
    await q.query(`CREATE INDEX "ix_invoices_credit_of" ON "invoices" ("credit_of")`);
    await q.query(`CREATE TABLE "invoice_lines" (
      "invoice_id" uuid NOT NULL,
      "position" integer NOT NULL,
      "kind" character varying(20) NOT NULL,
      "description" text NOT NULL,
      "quantity" numeric(12,3) NOT NULL,
      "unit" character varying(3) NOT NULL,
      "unit_price" numeric(14,2) NOT NULL,
      "net" numeric(14,2) NOT NULL,
      "vat_category" character varying(2) NOT NULL,
      "vat_rate" numeric(5,2) NOT NULL,
      "reference" text,
      CONSTRAINT "ck_invoice_lines_kind" CHECK ("kind" IN ('flat-fee', 'service-report', 'occurrence-fee', 'bonus-malus')),
      CONSTRAINT "pk_invoice_lines" PRIMARY KEY ("invoice_id", "position"))`);
    const fks: Array<[table: string, name: string, column: string, target: string, onDelete: string]> = [
      ['invoices', 'fk_invoices_tenant', 'tenant_id', '"tenants"("id")', 'RESTRICT'],
      ['invoices', 'fk_invoices_contract', 'contract_id', '"contracts"("id")', 'RESTRICT'],
      ['invoices', 'fk_invoices_credit_of', 'credit_of', '"invoices"("id")', 'RESTRICT'],
      ['invoices', 'fk_invoices_issued_by', 'issued_by', '"users"("id")', 'RESTRICT'],
      ['invoices', 'fk_invoices_approved_by', 'approved_by', '"users"("id")', 'RESTRICT'],
      ['invoice_lines', 'fk_invoice_lines_invoice', 'invoice_id', '"invoices"("id")', 'CASCADE'],
    ];
    for (const [table, name, column, target, onDelete] of fks) {
      await q.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${name}" FOREIGN KEY ("${column}") REFERENCES ${target} ON DELETE ${onDelete} ON UPDATE NO ACTION`,
      );
    }
    await q.query(`CREATE FUNCTION "invoices_issued_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD."status" IN ('draft', 'approved') THEN
          RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END IF;
        IF TG_OP = 'UPDATE' AND OLD."status" = 'issued' AND NEW."status" = 'cancelled'
           AND (to_jsonb(NEW) - 'status' - 'version') = (to_jsonb(OLD) - 'status' - 'version')
           AND EXISTS (SELECT 1 FROM "invoices" c WHERE c."credit_of" = OLD."id" AND c."status" = 'issued') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'invoice % (%) is %: % refused, issued invoices are immutable (correct them with a credit note)',
          OLD."number", OLD."id", OLD."status", TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER "tr_invoices_issued_immutable" BEFORE UPDATE OR DELETE ON "invoices" FOR EACH ROW EXECUTE FUNCTION "invoices_issued_immutable"()`,
    );
    await q.query(`CREATE FUNCTION "invoice_lines_issued_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        parent_status text;
        parent_number text;
      BEGIN
        SELECT i."status", i."number" INTO parent_status, parent_number FROM "invoices" i
          WHERE i."id" = CASE WHEN TG_OP = 'INSERT' THEN NEW."invoice_id" ELSE OLD."invoice_id" END;
        IF parent_status IS NULL OR parent_status IN ('draft', 'approved') THEN
          RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END IF;
        RAISE EXCEPTION 'lines of invoice % are %: % refused, issued invoices are immutable', parent_number, parent_status, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER "tr_invoice_lines_issued_immutable" BEFORE INSERT OR UPDATE OR DELETE ON "invoice_lines" FOR EACH ROW EXECUTE FUNCTION "invoice_lines_issued_immutable"()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "invoice_lines"`);
    await q.query(`DROP FUNCTION "invoice_lines_issued_immutable"()`);
    await q.query(`DROP TABLE "invoices"`);
    await q.query(`DROP FUNCTION "invoices_issued_immutable"()`);
    await q.query(`DROP TABLE "invoice_number_counters"`);
  }
}
