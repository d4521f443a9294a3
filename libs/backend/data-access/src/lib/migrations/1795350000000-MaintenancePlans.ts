import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, planned maintenance and statutory inspections:
 * - `maintenance_requirements`: the obligations of a contract (task, selection of assets, cadence, anchor
 *   rule, lead time, performer, evidence, fee). A trigger keeps contract, site and asset in the
 *   requirement's tenant and the asset on the site.
 * - `maintenance_occurrences`: one row per (requirement, asset, period) — the unique key the generator's
 *   INSERT … ON CONFLICT DO NOTHING relies on, so restarts and concurrent generators never duplicate
 *   (asset first, so it also serves an asset's maintenance log). The generator writes them in batches
 *   of thousands, so their references are checked per statement: one join of the batch (the transition
 *   table) against requirements, assets and users — the requirement of the same tenant, its contract
 *   and site, its asset if it names one, an asset of the tenant on that site. Row-level foreign keys
 *   cost ~11 µs per row and key on this schema (27 s of the 30 s budget for 600,000 occurrences,
 *   measured with EXPLAIN ANALYZE). Tenant, contract, site, requirement, asset and period are immutable,
 *   occurrences are never deleted (they are cancelled), requirements are deactivated, never deleted.
 * - `occurrence_events`: the occurrence's append-only log (trigger refuses UPDATE and DELETE, as for
 *   ticket_events); system events carry a dedup key unique per occurrence; the occurrence (with its
 *   tenant) and the actor are checked per statement as above.
 * - `occurrence_work_logs`, `occurrence_materials`: execution rows, few, with ordinary foreign keys
 *   ((occurrence_id, tenant_id) → the occurrence of the same tenant).
 */
export class MaintenancePlans1795350000000 implements MigrationInterface {
  name = 'MaintenancePlans1795350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "maintenance_requirements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "contract_id" uuid NOT NULL, "task_key" character varying(80) NOT NULL, "title" text NOT NULL, "kind" character varying(20) NOT NULL, "statutory" boolean NOT NULL, "site_id" uuid NOT NULL, "asset_id" uuid, "trade" character varying(60), "asset_class" character varying(1), "cadence_every" integer NOT NULL, "cadence_unit" character varying(5) NOT NULL, "anchor_kind" character varying(10) NOT NULL, "anchor_date" date NOT NULL, "intermediate" boolean NOT NULL DEFAULT false, "lead_days" integer NOT NULL, "performer" character varying(20) NOT NULL, "evidence" text array NOT NULL DEFAULT '{}', "fee" numeric(12,2), "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "ck_maintenance_requirements_title" CHECK (char_length("title") BETWEEN 1 AND 200), CONSTRAINT "ck_maintenance_requirements_selection" CHECK ("asset_id" IS NULL OR ("trade" IS NULL AND "asset_class" IS NULL)), CONSTRAINT "ck_maintenance_requirements_asset_class" CHECK ("asset_class" IN ('A', 'B', 'C')), CONSTRAINT "ck_maintenance_requirements_fee" CHECK ("fee" IS NULL OR "fee" >= 0), CONSTRAINT "ck_maintenance_requirements_evidence" CHECK ("evidence" <@ ARRAY['checklist', 'photo', 'inspection-record']::text[]), CONSTRAINT "ck_maintenance_requirements_performer" CHECK ("performer" IN ('provider', 'approved-body')), CONSTRAINT "ck_maintenance_requirements_lead_days" CHECK ("lead_days" BETWEEN 0 AND 366), CONSTRAINT "ck_maintenance_requirements_anchor" CHECK ("anchor_kind" IN ('fixed-grid', 'floating', 'statutory') AND ("intermediate" = false OR "anchor_kind" = 'statutory')), CONSTRAINT "ck_maintenance_requirements_cadence" CHECK ("cadence_every" BETWEEN 1 AND 520 AND "cadence_unit" IN ('week', 'month', 'year')), CONSTRAINT "ck_maintenance_requirements_kind" CHECK ("kind" IN ('inspection', 'maintenance', 'statutory-test')), CONSTRAINT "pk_maintenance_requirements" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_maintenance_requirements_tenant" ON "maintenance_requirements" ("tenant_id")`);
    await q.query(`CREATE INDEX "ix_maintenance_requirements_asset" ON "maintenance_requirements" ("asset_id")`);
    await q.query(`CREATE INDEX "ix_maintenance_requirements_site" ON "maintenance_requirements" ("site_id")`);
    await q.query(`CREATE INDEX "ix_maintenance_requirements_contract" ON "maintenance_requirements" ("contract_id")`);
    await q.query(
      `CREATE TABLE "maintenance_occurrences" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "contract_id" uuid NOT NULL, "site_id" uuid NOT NULL, "requirement_id" uuid NOT NULL, "asset_id" uuid NOT NULL, "trade" character varying(60) NOT NULL, "period_no" integer NOT NULL, "kind" character varying(12) NOT NULL, "earliest_start" date NOT NULL, "target_date" date NOT NULL, "legal_latest" date NOT NULL, "on_time_limit" date NOT NULL, "work_order_from" date NOT NULL, "released_at" TIMESTAMP WITH TIME ZONE, "technician_id" uuid, "status" character varying(12) NOT NULL DEFAULT 'planned', "started_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, "completed_on" date, "completed_by" uuid, "checklist" jsonb, "inspection_record" jsonb, "evidence_accepted" boolean NOT NULL DEFAULT false, "cancel_reason" text, "cancelled_by" uuid, "cancel_approved_by" uuid, "follow_up_ticket_ids" uuid array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "uq_maintenance_occurrences_id_tenant" UNIQUE ("id", "tenant_id"), CONSTRAINT "uq_maintenance_occurrences_period" UNIQUE ("asset_id", "requirement_id", "period_no"), CONSTRAINT "ck_maintenance_occurrences_cancelled" CHECK (("status" = 'cancelled') = ("cancel_reason" IS NOT NULL) AND ("cancel_reason" IS NULL OR "completed_at" IS NULL)), CONSTRAINT "ck_maintenance_occurrences_completed" CHECK (("completed_at" IS NULL) = ("completed_on" IS NULL)), CONSTRAINT "ck_maintenance_occurrences_period" CHECK ("period_no" >= 0), CONSTRAINT "ck_maintenance_occurrences_dates" CHECK ("earliest_start" <= "target_date" AND "target_date" <= "legal_latest" AND "on_time_limit" <= "legal_latest" AND "work_order_from" <= "target_date"), CONSTRAINT "ck_maintenance_occurrences_status" CHECK ("status" IN ('planned', 'due', 'overdue', 'done-on-time', 'done-late', 'missed', 'cancelled')), CONSTRAINT "ck_maintenance_occurrences_kind" CHECK ("kind" IN ('regular', 'main', 'intermediate')), CONSTRAINT "pk_maintenance_occurrences" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_maintenance_occurrences_contract_target" ON "maintenance_occurrences" ("contract_id", "target_date")`,
    );
    await q.query(
      `CREATE INDEX "ix_maintenance_occurrences_technician_target" ON "maintenance_occurrences" ("technician_id", "target_date") WHERE "technician_id" IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "ix_maintenance_occurrences_site_target" ON "maintenance_occurrences" ("site_id", "target_date")`,
    );
    await q.query(
      `CREATE TABLE "occurrence_events" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "occurrence_id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "type" character varying(20) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "actor_id" uuid, "payload" jsonb NOT NULL DEFAULT '{}', "dedup_key" character varying(200), CONSTRAINT "ck_occurrence_events_type" CHECK ("type" IN ('generated', 'released', 'reminder', 'overdue', 'missed', 'started', 'checklist', 'work-logged', 'document-attached', 'completed', 'cancelled', 'rescheduled')), CONSTRAINT "pk_occurrence_events" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_occurrence_events_dedup" ON "occurrence_events" ("occurrence_id", "dedup_key")`,
    );
    await q.query(
      `CREATE TABLE "occurrence_materials" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "occurrence_id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "description" character varying(200) NOT NULL, "quantity" numeric(12,3) NOT NULL, "unit" character varying(20) NOT NULL DEFAULT 'Stk', "unit_price" numeric(12,2), "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_occurrence_materials_amounts" CHECK ("quantity" > 0 AND ("unit_price" IS NULL OR "unit_price" >= 0)), CONSTRAINT "pk_occurrence_materials" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_occurrence_materials_occurrence" ON "occurrence_materials" ("occurrence_id")`);
    await q.query(
      `CREATE TABLE "occurrence_work_logs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "occurrence_id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "technician_id" uuid NOT NULL, "minutes" integer NOT NULL, "note" text, "logged_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_occurrence_work_logs_minutes" CHECK ("minutes" BETWEEN 1 AND 1440), CONSTRAINT "pk_occurrence_work_logs" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_occurrence_work_logs_occurrence" ON "occurrence_work_logs" ("occurrence_id", "logged_at")`,
    );
    const fks: Array<[table: string, name: string, columns: string, target: string]> = [
      ['maintenance_requirements', 'fk_maintenance_requirements_tenant', '"tenant_id"', '"tenants"("id")'],
      ['maintenance_requirements', 'fk_maintenance_requirements_contract', '"contract_id"', '"contracts"("id")'],
      ['maintenance_requirements', 'fk_maintenance_requirements_site', '"site_id"', '"sites"("id")'],
      ['maintenance_requirements', 'fk_maintenance_requirements_asset', '"asset_id"', '"assets"("id")'],
      [
        'occurrence_materials',
        'fk_occurrence_materials_occurrence',
        '"occurrence_id", "tenant_id"',
        '"maintenance_occurrences"("id","tenant_id")',
      ],
      ['occurrence_materials', 'fk_occurrence_materials_creator', '"created_by"', '"users"("id")'],
      [
        'occurrence_work_logs',
        'fk_occurrence_work_logs_occurrence',
        '"occurrence_id", "tenant_id"',
        '"maintenance_occurrences"("id","tenant_id")',
      ],
      ['occurrence_work_logs', 'fk_occurrence_work_logs_technician', '"technician_id"', '"users"("id")'],
    ];
    for (const [table, name, columns, target] of fks) {
      await q.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${name}" FOREIGN KEY (${columns}) REFERENCES ${target} ON DELETE RESTRICT ON UPDATE NO ACTION`,
      );
    }

    // A requirement's contract, site and asset belong to its tenant; its asset stands on its site.
    await q.query(`CREATE FUNCTION "maintenance_requirements_check_tenant"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM "contracts" c WHERE c."id" = NEW."contract_id" AND c."tenant_id" = NEW."tenant_id") THEN
          RAISE EXCEPTION 'maintenance requirement: the contract belongs to another tenant' USING ERRCODE = 'check_violation';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM "sites" s WHERE s."id" = NEW."site_id" AND s."tenant_id" = NEW."tenant_id") THEN
          RAISE EXCEPTION 'maintenance requirement: the site belongs to another tenant' USING ERRCODE = 'check_violation';
        END IF;
        IF NEW."asset_id" IS NOT NULL AND NOT EXISTS (
             SELECT 1 FROM "assets" a WHERE a."id" = NEW."asset_id" AND a."tenant_id" = NEW."tenant_id" AND a."site_id" = NEW."site_id") THEN
          RAISE EXCEPTION 'maintenance requirement: the asset is not on the requirement''s site' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER "trg_maintenance_requirements_tenant" BEFORE INSERT OR UPDATE OF "tenant_id", "contract_id", "site_id", "asset_id" ON "maintenance_requirements" FOR EACH ROW EXECUTE FUNCTION "maintenance_requirements_check_tenant"()`,
    );

    // Occurrences and their events are written in batches of thousands: their references are checked
    // per statement (one join over the transition table) instead of per row (a row-level foreign key
    // costs ~11 µs per row and key here: 27 s of the generator's 30 s budget for 600,000 rows).
    await q.query(`CREATE FUNCTION "maintenance_occurrences_check_refs"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE bad uuid;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          SELECT n."id" INTO bad
            FROM "new_occurrences" n
            LEFT JOIN "maintenance_requirements" r ON r."id" = n."requirement_id" AND r."tenant_id" = n."tenant_id"
            LEFT JOIN "assets" a ON a."id" = n."asset_id"
           WHERE r."id" IS NULL OR r."contract_id" <> n."contract_id" OR r."site_id" <> n."site_id"
              OR (r."asset_id" IS NOT NULL AND r."asset_id" <> n."asset_id")
              OR a."id" IS NULL OR a."tenant_id" <> n."tenant_id" OR a."site_id" <> n."site_id"
           LIMIT 1;
          IF bad IS NOT NULL THEN
            RAISE EXCEPTION 'maintenance occurrence %: requirement, contract, site or asset do not match (tenant %)', bad,
              (SELECT n."tenant_id" FROM "new_occurrences" n WHERE n."id" = bad) USING ERRCODE = 'foreign_key_violation';
          END IF;
        END IF;
        SELECT n."id" INTO bad
          FROM "new_occurrences" n
         WHERE (n."technician_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "users" u WHERE u."id" = n."technician_id"))
            OR (n."completed_by" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "users" u WHERE u."id" = n."completed_by"))
            OR (n."cancelled_by" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "users" u WHERE u."id" = n."cancelled_by"))
            OR (n."cancel_approved_by" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "users" u WHERE u."id" = n."cancel_approved_by"))
         LIMIT 1;
        IF bad IS NOT NULL THEN
          RAISE EXCEPTION 'maintenance occurrence %: technician, completer, canceller or approver is no user', bad
            USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER "trg_maintenance_occurrences_refs_insert" AFTER INSERT ON "maintenance_occurrences" REFERENCING NEW TABLE AS "new_occurrences" FOR EACH STATEMENT EXECUTE FUNCTION "maintenance_occurrences_check_refs"()`,
    );
    await q.query(
      `CREATE TRIGGER "trg_maintenance_occurrences_refs_update" AFTER UPDATE ON "maintenance_occurrences" REFERENCING NEW TABLE AS "new_occurrences" FOR EACH STATEMENT EXECUTE FUNCTION "maintenance_occurrences_check_refs"()`,
    );
    await q.query(`CREATE FUNCTION "maintenance_occurrences_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'maintenance occurrence %: occurrences are evidence, cancel them: DELETE refused', OLD."id"
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RAISE EXCEPTION 'maintenance occurrence %: tenant, contract, site, requirement, asset and period are immutable: UPDATE refused', OLD."id"
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER "trg_maintenance_occurrences_identity" BEFORE UPDATE ON "maintenance_occurrences" FOR EACH ROW
       WHEN (OLD."tenant_id" IS DISTINCT FROM NEW."tenant_id" OR OLD."contract_id" IS DISTINCT FROM NEW."contract_id"
          OR OLD."site_id" IS DISTINCT FROM NEW."site_id" OR OLD."requirement_id" IS DISTINCT FROM NEW."requirement_id"
          OR OLD."asset_id" IS DISTINCT FROM NEW."asset_id" OR OLD."period_no" IS DISTINCT FROM NEW."period_no")
       EXECUTE FUNCTION "maintenance_occurrences_guard"()`,
    );
    await q.query(
      `CREATE TRIGGER "trg_maintenance_occurrences_no_delete" BEFORE DELETE ON "maintenance_occurrences" FOR EACH ROW EXECUTE FUNCTION "maintenance_occurrences_guard"()`,
    );
    // A requirement with a history is deactivated, never deleted.
    await q.query(`CREATE FUNCTION "maintenance_requirements_no_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'maintenance requirement %: deactivate it: DELETE refused', OLD."id" USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER "trg_maintenance_requirements_no_delete" BEFORE DELETE ON "maintenance_requirements" FOR EACH ROW EXECUTE FUNCTION "maintenance_requirements_no_delete"()`,
    );

    // The occurrence's evidence log is append-only, like ticket_events.
    await q.query(`CREATE FUNCTION "occurrence_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'occurrence_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER "tr_occurrence_events_append_only" BEFORE UPDATE OR DELETE ON "occurrence_events" FOR EACH ROW EXECUTE FUNCTION "occurrence_events_append_only"()`,
    );
    await q.query(`CREATE FUNCTION "occurrence_events_check_refs"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE bad bigint;
      BEGIN
        SELECT n."id" INTO bad
          FROM "new_events" n
         WHERE NOT EXISTS (SELECT 1 FROM "maintenance_occurrences" o WHERE o."id" = n."occurrence_id" AND o."tenant_id" = n."tenant_id")
            OR (n."actor_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "users" u WHERE u."id" = n."actor_id"))
         LIMIT 1;
        IF bad IS NOT NULL THEN
          RAISE EXCEPTION 'occurrence event %: no such occurrence of the tenant, or the actor is no user', bad
            USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER "trg_occurrence_events_refs" AFTER INSERT ON "occurrence_events" REFERENCING NEW TABLE AS "new_events" FOR EACH STATEMENT EXECUTE FUNCTION "occurrence_events_check_refs"()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "occurrence_work_logs"`);
    await q.query(`DROP TABLE "occurrence_materials"`);
    await q.query(`DROP TABLE "occurrence_events"`);
    await q.query(`DROP TABLE "maintenance_occurrences"`);
    await q.query(`DROP TABLE "maintenance_requirements"`);
    await q.query(`DROP FUNCTION "occurrence_events_check_refs"()`);
    await q.query(`DROP FUNCTION "occurrence_events_append_only"()`);
    await q.query(`DROP FUNCTION "maintenance_requirements_no_delete"()`);
    await q.query(`DROP FUNCTION "maintenance_occurrences_guard"()`);
    await q.query(`DROP FUNCTION "maintenance_occurrences_check_refs"()`);
    await q.query(`DROP FUNCTION "maintenance_requirements_check_tenant"()`);
  }
}
