import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14: the document store. Content is addressed by its SHA-256 (`document_contents`, the hash is the
 * key and a CHECK recomputes it from the bytes, so no row can claim another hash); metadata lives apart
 * (`documents`), so the same bytes uploaded twice are two documents with their own titles sharing one
 * content row. `document_links` attaches a document to exactly one ticket or asset per row; the next
 * issue adds `inspection_record_id` and widens ck_document_links_one_target.
 *
 * PostgreSQL itself keeps the evidence: content rows are never updated and never deleted while a document
 * refers to them; a document is not deleted before its retention date (Europe/Berlin civil date) and its
 * identity columns (hash, tenant, class, file name, uploaded by/at) never change; retention only moves
 * later; links are never updated and not deleted while their document is retained. TRUNCATE is refused
 * on all three tables. Bytes are stored EXTERNAL (uncompressed TOAST: PDFs and photos are compressed
 * already), so the download reads them chunk by chunk with substring() without detoasting the whole value.
 */
export class DocumentStore1795320000000 implements MigrationInterface {
  name = 'DocumentStore1795320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "document_contents" ("sha256" text NOT NULL, "bytes" bytea NOT NULL, "size_bytes" integer NOT NULL, "content_type" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_document_contents_sha256" CHECK ("sha256" = encode(sha256("bytes"), 'hex')), CONSTRAINT "ck_document_contents_size" CHECK ("size_bytes" > 0 AND "size_bytes" = octet_length("bytes")), CONSTRAINT "ck_document_contents_type" CHECK ("content_type" ~ '^[a-z]+/[a-z0-9.+-]+$'), CONSTRAINT "pk_document_contents" PRIMARY KEY ("sha256"))`,
    );
    await q.query(`ALTER TABLE "document_contents" ALTER COLUMN "bytes" SET STORAGE EXTERNAL`);
    await q.query(
      `CREATE TABLE "documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "sha256" text NOT NULL, "title" text NOT NULL, "file_name" text NOT NULL, "document_class" text NOT NULL, "retention_until" date NOT NULL, "customer_visible" boolean NOT NULL DEFAULT false, "uploaded_by" uuid NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT 1, CONSTRAINT "ck_documents_class" CHECK ("document_class" IN ('photo', 'inspection-report', 'service-report', 'invoice', 'other')), CONSTRAINT "ck_documents_title" CHECK (char_length("title") BETWEEN 1 AND 200), CONSTRAINT "ck_documents_file_name" CHECK (char_length("file_name") BETWEEN 1 AND 255), CONSTRAINT "uq_documents_id_tenant" UNIQUE ("id", "tenant_id"), CONSTRAINT "pk_documents" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_documents_tenant" ON "documents" ("tenant_id")`);
    await q.query(`CREATE INDEX "ix_documents_sha256" ON "documents" ("sha256")`);
    await q.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "fk_documents_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "fk_documents_content" FOREIGN KEY ("sha256") REFERENCES "document_contents"("sha256") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "fk_documents_uploader" FOREIGN KEY ("uploaded_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `CREATE TABLE "document_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "document_id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "ticket_id" uuid, "asset_id" uuid, "linked_by" uuid NOT NULL, "linked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_document_links_one_target" CHECK (num_nonnulls("ticket_id", "asset_id") = 1), CONSTRAINT "pk_document_links" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_document_links_ticket" ON "document_links" ("ticket_id", "document_id") WHERE "ticket_id" IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_document_links_asset" ON "document_links" ("asset_id", "document_id") WHERE "asset_id" IS NOT NULL`,
    );
    await q.query(`CREATE INDEX "ix_document_links_document" ON "document_links" ("document_id")`);
    await q.query(
      `ALTER TABLE "document_links" ADD CONSTRAINT "fk_document_links_document" FOREIGN KEY ("document_id", "tenant_id") REFERENCES "documents"("id", "tenant_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "document_links" ADD CONSTRAINT "fk_document_links_ticket" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "document_links" ADD CONSTRAINT "fk_document_links_asset" FOREIGN KEY ("asset_id") REFERENCES "assets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "document_links" ADD CONSTRAINT "fk_document_links_linker" FOREIGN KEY ("linked_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    await q.query(`CREATE FUNCTION "document_contents_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          RAISE EXCEPTION 'document_contents is immutable: UPDATE refused' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF EXISTS (SELECT 1 FROM "documents" d WHERE d."sha256" = OLD."sha256") THEN
          RAISE EXCEPTION 'document_contents %: DELETE refused while a document refers to it', OLD."sha256"
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN OLD;
      END $$`);
    await q.query(
      `CREATE TRIGGER "tr_document_contents_immutable" BEFORE UPDATE OR DELETE ON "document_contents" FOR EACH ROW EXECUTE FUNCTION "document_contents_immutable"()`,
    );

    await q.query(`CREATE FUNCTION "documents_retained"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        today date := (now() AT TIME ZONE 'Europe/Berlin')::date;
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD."retention_until" >= today THEN
            RAISE EXCEPTION 'document % is retained until %: DELETE refused', OLD."id", OLD."retention_until"
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN OLD;
        END IF;
        IF NEW."id" IS DISTINCT FROM OLD."id" OR NEW."tenant_id" IS DISTINCT FROM OLD."tenant_id"
          OR NEW."sha256" IS DISTINCT FROM OLD."sha256" OR NEW."document_class" IS DISTINCT FROM OLD."document_class"
          OR NEW."file_name" IS DISTINCT FROM OLD."file_name" OR NEW."uploaded_by" IS DISTINCT FROM OLD."uploaded_by"
          OR NEW."uploaded_at" IS DISTINCT FROM OLD."uploaded_at" THEN
          RAISE EXCEPTION 'document %: id, tenant_id, sha256, document_class, file_name, uploaded_by and uploaded_at are immutable: UPDATE refused', OLD."id"
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW."retention_until" < OLD."retention_until" THEN
          RAISE EXCEPTION 'document %: retention_until may only move later: UPDATE refused', OLD."id"
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER "tr_documents_retained" BEFORE UPDATE OR DELETE ON "documents" FOR EACH ROW EXECUTE FUNCTION "documents_retained"()`,
    );

    await q.query(`CREATE FUNCTION "document_links_guarded"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        target_tenant uuid;
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          RAISE EXCEPTION 'document_links is append-only: UPDATE refused' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'DELETE' THEN
          IF EXISTS (SELECT 1 FROM "documents" d WHERE d."id" = OLD."document_id"
                      AND d."retention_until" >= (now() AT TIME ZONE 'Europe/Berlin')::date) THEN
            RAISE EXCEPTION 'document % is retained: DELETE of its link refused', OLD."document_id"
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN OLD;
        END IF;
        IF NEW."ticket_id" IS NOT NULL THEN
          SELECT t."tenant_id" INTO target_tenant FROM "tickets" t WHERE t."id" = NEW."ticket_id";
        ELSE
          SELECT a."tenant_id" INTO target_tenant FROM "assets" a WHERE a."id" = NEW."asset_id";
        END IF;
        IF target_tenant IS DISTINCT FROM NEW."tenant_id" THEN
          RAISE EXCEPTION 'document_links: the target belongs to another tenant' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER "tr_document_links_guarded" BEFORE INSERT OR UPDATE OR DELETE ON "document_links" FOR EACH ROW EXECUTE FUNCTION "document_links_guarded"()`,
    );

    await q.query(`CREATE FUNCTION "documents_no_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% keeps evidence: TRUNCATE refused', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['document_contents', 'documents', 'document_links']) {
      await q.query(
        `CREATE TRIGGER "tr_${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "documents_no_truncate"()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "document_links"`);
    await q.query(`DROP TABLE "documents"`);
    await q.query(`DROP TABLE "document_contents"`);
    await q.query(`DROP FUNCTION "documents_no_truncate"()`);
    await q.query(`DROP FUNCTION "document_links_guarded"()`);
    await q.query(`DROP FUNCTION "documents_retained"()`);
    await q.query(`DROP FUNCTION "document_contents_immutable"()`);
  }
}
