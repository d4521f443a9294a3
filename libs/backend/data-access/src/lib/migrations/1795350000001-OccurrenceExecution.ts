import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, execution of maintenance occurrences (after MaintenancePlans1795350000000):
 *
 * - `document_links.occurrence_id`: evidence (photos, the inspection body's report) is attached to the
 *   occurrence it proves. ck_document_links_one_target now counts three targets, exactly one set; the
 *   guard trigger checks the occurrence's tenant like the ticket's and the asset's (a link into another
 *   tenant is refused by PostgreSQL, whatever the service does).
 * - `occurrence_events.type` takes 'material-added' (POST …/materials) and 'inspection-recorded' (PUT
 *   …/inspection-record): every change of an occurrence is an event of its log.
 * - `users.calendar_token_hash`: the sha256 (hex) of a technician's iCalendar feed token. The token itself
 *   is shown once and never stored; a new token replaces the hash, so the old feed URL stops working.
 */
export class OccurrenceExecution1795350000001 implements MigrationInterface {
  name = 'OccurrenceExecution1795350000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "document_links" ADD "occurrence_id" uuid`);
    await q.query(`ALTER TABLE "document_links" DROP CONSTRAINT "ck_document_links_one_target"`);
    await q.query(
      `ALTER TABLE "document_links" ADD CONSTRAINT "ck_document_links_one_target" CHECK (num_nonnulls("ticket_id", "asset_id", "occurrence_id") = 1)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_document_links_occurrence" ON "document_links" ("occurrence_id", "document_id") WHERE "occurrence_id" IS NOT NULL`,
    );
    await q.query(
      `ALTER TABLE "document_links" ADD CONSTRAINT "fk_document_links_occurrence" FOREIGN KEY ("occurrence_id") REFERENCES "maintenance_occurrences"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(guardFunction(true));

    await q.query(`ALTER TABLE "occurrence_events" DROP CONSTRAINT "ck_occurrence_events_type"`);
    await q.query(
      `ALTER TABLE "occurrence_events" ADD CONSTRAINT "ck_occurrence_events_type" CHECK ("type" IN (${eventTypes([...EVENT_TYPES, ...EXECUTION_EVENT_TYPES])}))`,
    );

    await q.query(`ALTER TABLE "users" ADD "calendar_token_hash" text`);
    await q.query(
      `ALTER TABLE "users" ADD CONSTRAINT "ck_users_calendar_token_hash" CHECK ("calendar_token_hash" ~ '^[0-9a-f]{64}$')`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_users_calendar_token_hash" ON "users" ("calendar_token_hash") WHERE "calendar_token_hash" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "uq_users_calendar_token_hash"`);
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "ck_users_calendar_token_hash"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "calendar_token_hash"`);

    await q.query(`ALTER TABLE "occurrence_events" DROP CONSTRAINT "ck_occurrence_events_type"`);
    await q.query(
      `ALTER TABLE "occurrence_events" ADD CONSTRAINT "ck_occurrence_events_type" CHECK ("type" IN (${eventTypes(EVENT_TYPES)}))`,
    );

    await q.query(guardFunction(false));
    await q.query(`ALTER TABLE "document_links" DROP CONSTRAINT "fk_document_links_occurrence"`);
    await q.query(`DROP INDEX "uq_document_links_occurrence"`);
    await q.query(`ALTER TABLE "document_links" DROP CONSTRAINT "ck_document_links_one_target"`);
    // Links to occurrences cannot be expressed without the column: a down migration with such links fails here.
    await q.query(
      `ALTER TABLE "document_links" ADD CONSTRAINT "ck_document_links_one_target" CHECK (num_nonnulls("ticket_id", "asset_id") = 1)`,
    );
    await q.query(`ALTER TABLE "document_links" DROP COLUMN "occurrence_id"`);
  }
}

/** The event types of MaintenancePlans1795350000000 (a copy: a migration never changes after it landed). */
const EVENT_TYPES = [
  'generated',
  'released',
  'reminder',
  'overdue',
  'missed',
  'started',
  'checklist',
  'work-logged',
  'document-attached',
  'completed',
  'cancelled',
  'rescheduled',
];
const EXECUTION_EVENT_TYPES = ['material-added', 'inspection-recorded'];
const eventTypes = (types: readonly string[]): string => types.map((t) => `'${t}'`).join(', ');

/** document_links_guarded() of DocumentStore1795320000000, with (or, for down, without) occurrences. */
function guardFunction(withOccurrences: boolean): string {
  const target = withOccurrences
    ? `IF NEW."ticket_id" IS NOT NULL THEN
          SELECT t."tenant_id" INTO target_tenant FROM "tickets" t WHERE t."id" = NEW."ticket_id";
        ELSIF NEW."asset_id" IS NOT NULL THEN
          SELECT a."tenant_id" INTO target_tenant FROM "assets" a WHERE a."id" = NEW."asset_id";
        ELSE
          SELECT o."tenant_id" INTO target_tenant FROM "maintenance_occurrences" o WHERE o."id" = NEW."occurrence_id";
        END IF;`
    : `IF NEW."ticket_id" IS NOT NULL THEN
          SELECT t."tenant_id" INTO target_tenant FROM "tickets" t WHERE t."id" = NEW."ticket_id";
        ELSE
          SELECT a."tenant_id" INTO target_tenant FROM "assets" a WHERE a."id" = NEW."asset_id";
        END IF;`;
  return `CREATE OR REPLACE FUNCTION "document_links_guarded"() RETURNS trigger LANGUAGE plpgsql AS $$
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
        ${target}
        IF target_tenant IS DISTINCT FROM NEW."tenant_id" THEN
          RAISE EXCEPTION 'document_links: the target belongs to another tenant' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`;
}
