import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18, the queue's search (GET /api/tickets?q=):
 * - tickets.search_vector: the German full-text vector of title (weight A), description (B) and reporter (C),
 *   kept by a trigger on INSERT and on UPDATE of those three columns (not a GENERATED column: TypeORM's schema
 *   diff cannot describe one without its metadata table), with a GIN index, ix_tickets_search_fts. Stored, so a
 *   bitmap recheck or a filter reads it instead of parsing the texts again;
 * - ix_tickets_search_trgm: pg_trgm GIN over number and title joined by U+001F (TICKET_SEARCH_TRGM_SQL in the
 *   tickets lib must stay this expression) for the case-insensitive substring match of numbers and codes;
 * - ix_tickets_queue_order and ix_tickets_tenant_queue_order: the queue order over every ticket (closed ones
 *   too), of all tenants and of one, so a search over all tickets can walk the order and stop after a page when
 *   its words are common (ix_tickets_open_queue* cover only open ones).
 * Asset code and name are matched in the assets table and joined by ix_tickets_asset_fault.
 */
export class TicketSearch1795380000000 implements MigrationInterface {
  name = 'TicketSearch1795380000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`ALTER TABLE "tickets" ADD "search_vector" tsvector`);
    await q.query(`
      CREATE FUNCTION tickets_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_vector :=
          setweight(to_tsvector('german'::regconfig, coalesce(NEW.title, '')), 'A') ||
          setweight(to_tsvector('german'::regconfig, coalesce(NEW.description, '')), 'B') ||
          setweight(to_tsvector('german'::regconfig, coalesce(NEW.reporter, '')), 'C');
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER "trg_tickets_search_vector" BEFORE INSERT OR UPDATE OF "title", "description", "reporter" ON "tickets" FOR EACH ROW EXECUTE FUNCTION tickets_search_vector()`,
    );
    await q.query(`UPDATE "tickets" SET "title" = "title"`); // fills search_vector through the trigger
    await q.query(`CREATE INDEX "ix_tickets_search_fts" ON "tickets" USING gin ("search_vector")`);
    await q.query(
      `CREATE INDEX "ix_tickets_search_trgm" ON "tickets" USING gin (("number" || chr(31) || "title") gin_trgm_ops)`,
    );
    await q.query(`CREATE INDEX "ix_tickets_queue_order" ON "tickets" ("next_deadline", "created_at", "id")`);
    await q.query(
      `CREATE INDEX "ix_tickets_tenant_queue_order" ON "tickets" ("tenant_id", "next_deadline", "created_at", "id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_tickets_tenant_queue_order"`);
    await q.query(`DROP INDEX "public"."ix_tickets_queue_order"`);
    await q.query(`DROP INDEX "public"."ix_tickets_search_trgm"`);
    await q.query(`DROP INDEX "public"."ix_tickets_search_fts"`);
    await q.query(`DROP TRIGGER "trg_tickets_search_vector" ON "tickets"`);
    await q.query(`DROP FUNCTION tickets_search_vector()`);
    await q.query(`ALTER TABLE "tickets" DROP COLUMN "search_vector"`);
  }
}
