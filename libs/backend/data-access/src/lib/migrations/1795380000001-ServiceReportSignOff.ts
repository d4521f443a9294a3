import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16, the customer's sign-off of a service report on the technician's phone: who signed (the name the
 * customer typed), when, who held the phone, the drawn signature and the PDF (both documents of the ticket),
 * and the priced report as signed (lines and totals, JSON) — so the signed figures stay what the customer saw
 * even if the price list changes later. A signed report's choices are frozen (the service answers 409).
 */
export class ServiceReportSignOff1795380000001 implements MigrationInterface {
  name = 'ServiceReportSignOff1795380000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "service_reports"
      ADD "signed_at" TIMESTAMP WITH TIME ZONE,
      ADD "signer_name" character varying(200),
      ADD "signed_by" uuid,
      ADD "signature_document_id" uuid,
      ADD "pdf_document_id" uuid,
      ADD "signed_snapshot" jsonb`);
    await q.query(`ALTER TABLE "service_reports" ADD CONSTRAINT "ck_service_reports_signed" CHECK (
      ("signed_at" IS NULL AND "signer_name" IS NULL AND "signed_by" IS NULL AND "signed_snapshot" IS NULL)
      OR ("signed_at" IS NOT NULL AND "signer_name" IS NOT NULL AND "signed_by" IS NOT NULL AND "signed_snapshot" IS NOT NULL))`);
    await q.query(
      `ALTER TABLE "service_reports" ADD CONSTRAINT "fk_service_reports_signed_by" FOREIGN KEY ("signed_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "service_reports" DROP CONSTRAINT "fk_service_reports_signed_by"`);
    await q.query(`ALTER TABLE "service_reports" DROP CONSTRAINT "ck_service_reports_signed"`);
    await q.query(`ALTER TABLE "service_reports" DROP COLUMN "signed_snapshot", DROP COLUMN "pdf_document_id",
      DROP COLUMN "signature_document_id", DROP COLUMN "signed_by", DROP COLUMN "signer_name", DROP COLUMN "signed_at"`);
  }
}
