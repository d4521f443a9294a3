import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tickets, the append-only ticket event log (the SLA evidence), the transactional outbox and the
 * yearly ticket number counters.
 */
export class InitialSchema1795290000000 implements MigrationInterface {
  name = 'InitialSchema1795290000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "outbox_messages" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "job_name" character varying(80) NOT NULL, "payload" jsonb NOT NULL, "run_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, CONSTRAINT "PK_0171348f527c64b137e4d4f5b66" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_outbox_messages_unpublished" ON "outbox_messages" ("id") WHERE "published_at" IS NULL`,
    );
    await q.query(
      `CREATE TABLE "tickets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" character varying(20) NOT NULL, "title" character varying(200) NOT NULL, "description" text, "priority" character varying(1) NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'new', "channel" character varying(10) NOT NULL DEFAULT 'phone', "reporter" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "ck_tickets_status" CHECK ("status" IN ('new', 'accepted', 'dispatched', 'on_site', 'paused', 'restored', 'closed')), CONSTRAINT "ck_tickets_channel" CHECK ("channel" IN ('phone', 'email', 'portal')), CONSTRAINT "ck_tickets_priority" CHECK ("priority" IN ('A', 'B', 'C')), CONSTRAINT "PK_343bc942ae261cf7a1377f48fd0" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_tickets_number" ON "tickets" ("number")`);
    await q.query(`CREATE INDEX "ix_tickets_created_at" ON "tickets" ("created_at")`);
    await q.query(
      `CREATE TABLE "ticket_events" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "ticket_id" uuid NOT NULL, "type" character varying(40) NOT NULL, "actor" character varying(200) NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "payload" jsonb NOT NULL DEFAULT '{}'::jsonb, "dedup_key" character varying(200), CONSTRAINT "PK_d61d07653b492eca67f9bad8ec2" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_ticket_events_dedup_key" ON "ticket_events" ("dedup_key")`);
    await q.query(`CREATE INDEX "ix_ticket_events_ticket_time" ON "ticket_events" ("ticket_id", "occurred_at")`);
    await q.query(
      `CREATE TABLE "ticket_number_counters" ("year" integer NOT NULL, "last_value" integer NOT NULL, CONSTRAINT "PK_7f1bcc472615e0d8ea135223e21" PRIMARY KEY ("year"))`,
    );
    await q.query(
      `ALTER TABLE "ticket_events" ADD CONSTRAINT "fk_ticket_events_ticket" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // The evidence log is append-only: PostgreSQL itself refuses UPDATE and DELETE.
    await q.query(`CREATE FUNCTION "ticket_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ticket_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER "tr_ticket_events_append_only" BEFORE UPDATE OR DELETE ON "ticket_events" FOR EACH ROW EXECUTE FUNCTION "ticket_events_append_only"()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "tr_ticket_events_append_only" ON "ticket_events"`);
    await q.query(`DROP FUNCTION "ticket_events_append_only"()`);
    await q.query(`ALTER TABLE "ticket_events" DROP CONSTRAINT "fk_ticket_events_ticket"`);
    await q.query(`DROP TABLE "ticket_number_counters"`);
    await q.query(`DROP TABLE "ticket_events"`);
    await q.query(`DROP TABLE "tickets"`);
    await q.query(`DROP TABLE "outbox_messages"`);
  }
}
