import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 6: in-app notifications (SLA warnings and breaches), one row per channel delivery; and a
 * partial index of the clocks that need SLA timers (running, or breached with the breach not yet
 * recorded), which the worker's reconciliation reads every minute in keyset batches.
 */
export class Notifications1795293816858 implements MigrationInterface {
  name = 'Notifications1795293816858';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "ticket_id" uuid, "kind" character varying(40) NOT NULL, "channel" character varying(20) NOT NULL DEFAULT 'in_app', "payload" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_notifications_channel" CHECK ("channel" IN ('in_app', 'email', 'push')), CONSTRAINT "pk_notifications" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_notifications_ticket" ON "notifications"("ticket_id") `);
    await q.query(`CREATE INDEX "ix_notifications_tenant_created" ON "notifications"("tenant_id", "created_at") `);
    await q.query(`CREATE INDEX "ix_notifications_created" ON "notifications"("created_at") `);
    await q.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "fk_notifications_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "fk_notifications_ticket" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `CREATE INDEX "ix_ticket_sla_clocks_timers" ON "ticket_sla_clocks"("ticket_id", "clock") WHERE "state" = 'running' OR ("state" = 'breached' AND "breached_at" IS NULL)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_ticket_sla_clocks_timers"`);
    await q.query(`DROP TABLE "notifications"`);
  }
}
