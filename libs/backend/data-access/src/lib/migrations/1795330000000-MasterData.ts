import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14, master data:
 * - sites get the one-way distance from the provider's base (km) and a travel zone id: the price
 *   lists bill travel by distance band (seed 003) or zone (seed 004);
 * - a location tree per site (building → floor → room), enforced by a trigger (a floor's parent is a
 *   building, a room's parent a floor, all of the same site and tenant); names unique among siblings;
 * - assets get a location, manufacturer, model, serial number, year built, warranty end, free
 *   attributes (a JSON object of strings) and a redundancy group; a trigger keeps the location on the
 *   asset's site;
 * - the asset register: btree indexes for its sort orders and a pg_trgm GIN index over code, name,
 *   manufacturer, serial number (and trade, the phone intake's search) for the case-insensitive
 *   substring search. pg_trgm is a trusted
 *   extension (PostgreSQL 13+): the database owner may create it without superuser rights.
 */
export class MasterData1795330000000 implements MigrationInterface {
  name = 'MasterData1795330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(
      `CREATE TABLE "locations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "site_id" uuid NOT NULL, "parent_id" uuid, "kind" character varying(10) NOT NULL, "code" character varying(40), "name" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "ck_locations_kind" CHECK ("kind" IN ('building', 'floor', 'room')), CONSTRAINT "pk_locations" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_locations_tenant" ON "locations" ("tenant_id")`);
    await q.query(`CREATE INDEX "ix_locations_site" ON "locations" ("site_id")`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_locations_child_name" ON "locations" ("parent_id", "name") WHERE "parent_id" IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_locations_root_name" ON "locations" ("site_id", "name") WHERE "parent_id" IS NULL`,
    );
    await q.query(
      `ALTER TABLE "locations" ADD CONSTRAINT "fk_locations_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "locations" ADD CONSTRAINT "fk_locations_site" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "locations" ADD CONSTRAINT "fk_locations_parent" FOREIGN KEY ("parent_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(`
      CREATE FUNCTION locations_check_hierarchy() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE p RECORD;
      BEGIN
        IF NEW.parent_id IS NULL THEN
          IF NEW.kind <> 'building' THEN
            RAISE EXCEPTION 'location hierarchy: a % needs a parent', NEW.kind USING ERRCODE = 'check_violation';
          END IF;
          RETURN NEW;
        END IF;
        SELECT kind, site_id, tenant_id INTO p FROM locations WHERE id = NEW.parent_id;
        IF NOT FOUND THEN
          RETURN NEW; -- fk_locations_parent reports it
        END IF;
        IF p.site_id <> NEW.site_id OR p.tenant_id <> NEW.tenant_id
           OR NOT ((NEW.kind = 'floor' AND p.kind = 'building') OR (NEW.kind = 'room' AND p.kind = 'floor')) THEN
          RAISE EXCEPTION 'location hierarchy: a % cannot be inside a % (building → floor → room, same site)', NEW.kind, p.kind
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER trg_locations_hierarchy BEFORE INSERT OR UPDATE OF parent_id, kind, site_id, tenant_id ON locations FOR EACH ROW EXECUTE FUNCTION locations_check_hierarchy()`,
    );

    await q.query(`ALTER TABLE "sites" ADD "distance_km" numeric(7,1)`);
    await q.query(`ALTER TABLE "sites" ADD "travel_zone" character varying(40)`);

    await q.query(`ALTER TABLE "assets" ADD "location_id" uuid`);
    await q.query(`ALTER TABLE "assets" ADD "manufacturer" character varying(100)`);
    await q.query(`ALTER TABLE "assets" ADD "model" character varying(100)`);
    await q.query(`ALTER TABLE "assets" ADD "serial_number" character varying(100)`);
    await q.query(`ALTER TABLE "assets" ADD "year_built" smallint`);
    await q.query(`ALTER TABLE "assets" ADD "warranty_until" date`);
    await q.query(`ALTER TABLE "assets" ADD "attributes" jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE "assets" ADD "redundancy_group" character varying(60)`);
    await q.query(
      `ALTER TABLE "assets" ADD CONSTRAINT "ck_assets_year_built" CHECK ("year_built" BETWEEN 1800 AND 2200)`,
    );
    await q.query(
      `ALTER TABLE "assets" ADD CONSTRAINT "ck_assets_attributes" CHECK (jsonb_typeof("attributes") = 'object')`,
    );
    await q.query(
      `ALTER TABLE "assets" ADD CONSTRAINT "fk_assets_location" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(`CREATE INDEX "ix_assets_location" ON "assets" ("location_id")`);
    await q.query(`CREATE INDEX "ix_assets_code_id" ON "assets" ("code", "id")`);
    await q.query(`CREATE INDEX "ix_assets_tenant_name_id" ON "assets" ("tenant_id", "name", "id")`);
    await q.query(`CREATE INDEX "ix_assets_name_id" ON "assets" ("name", "id")`);
    await q.query(`CREATE INDEX "ix_assets_site_code" ON "assets" ("site_id", "code")`);
    await q.query(`CREATE INDEX "ix_assets_search_trgm" ON "assets" USING gin ((${ASSET_SEARCH_SQL}) gin_trgm_ops)`);
    await q.query(`
      CREATE FUNCTION assets_check_location() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.location_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM locations l WHERE l.id = NEW.location_id AND l.site_id = NEW.site_id) THEN
          RAISE EXCEPTION 'asset location: the location is not on the asset''s site' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER trg_assets_location BEFORE INSERT OR UPDATE OF location_id, site_id ON assets FOR EACH ROW EXECUTE FUNCTION assets_check_location()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER trg_assets_location ON assets`);
    await q.query(`DROP FUNCTION assets_check_location()`);
    await q.query(`DROP INDEX "public"."ix_assets_search_trgm"`);
    await q.query(`DROP INDEX "public"."ix_assets_site_code"`);
    await q.query(`DROP INDEX "public"."ix_assets_name_id"`);
    await q.query(`DROP INDEX "public"."ix_assets_tenant_name_id"`);
    await q.query(`DROP INDEX "public"."ix_assets_code_id"`);
    await q.query(`DROP INDEX "public"."ix_assets_location"`);
    await q.query(`ALTER TABLE "assets" DROP CONSTRAINT "fk_assets_location"`);
    await q.query(`ALTER TABLE "assets" DROP CONSTRAINT "ck_assets_attributes"`);
    await q.query(`ALTER TABLE "assets" DROP CONSTRAINT "ck_assets_year_built"`);
    for (const column of [
      'redundancy_group',
      'attributes',
      'warranty_until',
      'year_built',
      'serial_number',
      'model',
      'manufacturer',
      'location_id',
    ]) {
      await q.query(`ALTER TABLE "assets" DROP COLUMN "${column}"`);
    }
    await q.query(`ALTER TABLE "sites" DROP COLUMN "travel_zone"`);
    await q.query(`ALTER TABLE "sites" DROP COLUMN "distance_km"`);
    await q.query(`DROP TABLE "locations"`);
    await q.query(`DROP FUNCTION locations_check_hierarchy()`);
  }
}

/**
 * The register's search text: code, name, manufacturer, serial number and trade joined by U+001F (a
 * separator nobody types, so a match never spans two fields). The list query must use this exact
 * expression for the planner to pick ix_assets_search_trgm.
 */
export const ASSET_SEARCH_SQL = `"code" || chr(31) || "name" || chr(31) || coalesce("manufacturer", '') || chr(31) || coalesce("serial_number", '') || chr(31) || "trade"`;
