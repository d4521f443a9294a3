import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The helpdesk queue sorts open tickets by nearest deadline, then oldest first, then id
 * (`next_deadline ASC NULLS LAST, created_at, id`). The queue indexes now carry created_at too, so
 * the whole order (and its keyset cursor) comes from the index, including the group of open tickets
 * without a running clock (next_deadline NULL), which would otherwise need a sort.
 */
export class TicketQueueIndexCreatedAt1795292835855 implements MigrationInterface {
  name = 'TicketQueueIndexCreatedAt1795292835855';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_tickets_open_queue"`);
    await q.query(`DROP INDEX "public"."ix_tickets_open_queue_all"`);
    await q.query(
      `CREATE INDEX "ix_tickets_open_queue_all" ON "tickets"("next_deadline", "created_at", "id") WHERE "status" <> 'closed'`,
    );
    await q.query(
      `CREATE INDEX "ix_tickets_open_queue" ON "tickets"("tenant_id", "next_deadline", "created_at", "id") WHERE "status" <> 'closed'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."ix_tickets_open_queue"`);
    await q.query(`DROP INDEX "public"."ix_tickets_open_queue_all"`);
    await q.query(
      `CREATE INDEX "ix_tickets_open_queue_all" ON "tickets"("next_deadline", "id") WHERE "status" <> 'closed'`,
    );
    await q.query(
      `CREATE INDEX "ix_tickets_open_queue" ON "tickets"("tenant_id", "next_deadline", "id") WHERE "status" <> 'closed'`,
    );
  }
}
