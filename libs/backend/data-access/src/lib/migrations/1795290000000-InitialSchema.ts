import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table Leitstand drops on a full revert, in creation order. */
const TABLES = [
  'tenants',
  'sites',
  'assets',
  'price_lists',
  'contracts',
  'idempotency_keys',
  'outbox_messages',
  'users',
  'sessions',
  'tickets',
  'ticket_events',
  'ticket_materials',
  'ticket_number_counters',
  'ticket_sla_clocks',
  'user_tenants',
  'work_logs',
  'contract_sites',
];

/**
 * The helpdesk model: tenants, users and sessions; sites, assets, price lists and contracts; tickets
 * with their append-only event log (the SLA evidence), SLA clocks, work logs and materials;
 * idempotency keys; the transactional outbox and the yearly ticket number counters.
 */
export class InitialSchema1795290000000 implements MigrationInterface {
  name = 'InitialSchema1795290000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "tenants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" character varying(60) NOT NULL, "name" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_53be67a04681c66b87ee27c9321" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_tenants_slug" ON "tenants"("slug") `);
    await q.query(
      `CREATE TABLE "sites" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "street" character varying(200) NOT NULL, "postal_code" character varying(10) NOT NULL, "city" character varying(100) NOT NULL, "state" character varying(10) NOT NULL, "timezone" character varying(64) NOT NULL DEFAULT 'Europe/Berlin', "area_m2" numeric(12,2), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_4f5eccb1dfde10c9170502595a7" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_sites_tenant" ON "sites"("tenant_id") `);
    await q.query(
      `CREATE TABLE "assets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "site_id" uuid NOT NULL, "parent_id" uuid, "code" character varying(40) NOT NULL, "name" character varying(200) NOT NULL, "trade" character varying(60) NOT NULL, "asset_class" character varying(1) NOT NULL, "in_contract" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "ck_assets_class" CHECK ("asset_class" IN ('A', 'B', 'C')), CONSTRAINT "PK_da96729a8b113377cfb6a62439c" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_assets_tenant" ON "assets"("tenant_id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_assets_tenant_code" ON "assets"("tenant_id", "code") `);
    await q.query(`CREATE INDEX "ix_assets_site" ON "assets"("site_id") `);
    await q.query(
      `CREATE TABLE "price_lists" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "key" character varying(80) NOT NULL, "name" character varying(200) NOT NULL, "valid_from" date NOT NULL, "data" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_fd66ee20b065696da25c97fa45a" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_price_lists_key" ON "price_lists"("key") `);
    await q.query(
      `CREATE TABLE "contracts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "type" character varying(20) NOT NULL, "starts_on" date NOT NULL, "ends_on" date, "calendars" jsonb NOT NULL, "sla_matrix" jsonb NOT NULL, "availability_targets" jsonb NOT NULL DEFAULT '{}', "availability_basis" character varying(60) NOT NULL DEFAULT '24-7', "bonus_malus" jsonb, "price_list_id" uuid, "annual_volume" numeric(14,2) NOT NULL, "indexation" jsonb, "capex_threshold" numeric(14,2), "scope" jsonb NOT NULL DEFAULT '{}', "quiet_warnings_calendar" character varying(60), "economics" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "ck_contracts_term" CHECK ("ends_on" IS NULL OR "ends_on" >= "starts_on"), CONSTRAINT "ck_contracts_type" CHECK ("type" IN ('inspection', 'full_maintenance', 'all_in')), CONSTRAINT "PK_2c7b8f3a7b1acdd49497d83d0fb" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_contracts_tenant" ON "contracts"("tenant_id") `);
    await q.query(
      `CREATE TABLE "idempotency_keys" ("user_id" uuid NOT NULL, "key" character varying(200) NOT NULL, "request_hash" character varying(64) NOT NULL, "status_code" integer NOT NULL, "response" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_392b1af86f210d98d3f0c764728" PRIMARY KEY ("user_id", "key"))`,
    );
    await q.query(
      `CREATE TABLE "outbox_messages" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "job_name" character varying(80) NOT NULL, "payload" jsonb NOT NULL, "run_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, CONSTRAINT "PK_0171348f527c64b137e4d4f5b66" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_outbox_messages_unpublished" ON "outbox_messages"("id") WHERE "published_at" IS NULL`,
    );
    await q.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "display_name" character varying(200) NOT NULL, "role" character varying(20) NOT NULL, "tenant_id" uuid, "password_hash" character varying(255) NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "ck_users_customer_tenant" CHECK (("role" = 'customer') = ("tenant_id" IS NOT NULL)), CONSTRAINT "ck_users_role" CHECK ("role" IN ('admin', 'agent', 'technician', 'manager', 'customer')), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_users_email" ON "users"("email") `);
    await q.query(`CREATE INDEX "ix_users_tenant" ON "users"("tenant_id") `);
    await q.query(
      `CREATE TABLE "sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "refresh_token_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_sessions_user" ON "sessions"("user_id") `);
    await q.query(
      `CREATE TABLE "tickets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" character varying(20) NOT NULL, "tenant_id" uuid NOT NULL, "site_id" uuid NOT NULL, "asset_id" uuid, "contract_id" uuid, "title" character varying(200) NOT NULL, "description" text, "category" character varying(60), "priority" character varying(1) NOT NULL, "priority_reason" text, "status" character varying(20) NOT NULL DEFAULT 'new', "paused_from" character varying(20), "channel" character varying(10) NOT NULL DEFAULT 'phone', "reporter" character varying(200), "fault_began_at" TIMESTAMP WITH TIME ZONE NOT NULL, "asset_down" boolean NOT NULL DEFAULT false, "in_scope" boolean NOT NULL DEFAULT true, "scope_note" text, "assignee_id" uuid, "next_deadline" TIMESTAMP WITH TIME ZONE, "at_risk" boolean NOT NULL DEFAULT false, "breached" boolean NOT NULL DEFAULT false, "restored_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "ck_tickets_status" CHECK ("status" IN ('new', 'accepted', 'dispatched', 'travelling', 'on_site', 'paused', 'restored', 'closed')), CONSTRAINT "ck_tickets_channel" CHECK ("channel" IN ('phone', 'email', 'portal')), CONSTRAINT "ck_tickets_priority" CHECK ("priority" IN ('A', 'B', 'C')), CONSTRAINT "PK_343bc942ae261cf7a1377f48fd0" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_tickets_number" ON "tickets"("number") `);
    await q.query(`CREATE INDEX "ix_tickets_assignee" ON "tickets"("assignee_id") `);
    await q.query(`CREATE INDEX "ix_tickets_asset_fault" ON "tickets"("asset_id", "fault_began_at") `);
    await q.query(`CREATE INDEX "ix_tickets_tenant_created" ON "tickets"("tenant_id", "created_at") `);
    await q.query(
      `CREATE INDEX "ix_tickets_open_queue_all" ON "tickets"("next_deadline", "id") WHERE "status" <> 'closed'`,
    );
    await q.query(
      `CREATE INDEX "ix_tickets_open_queue" ON "tickets"("tenant_id", "next_deadline", "id") WHERE "status" <> 'closed'`,
    );
    await q.query(
      `CREATE TABLE "ticket_events" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "ticket_id" uuid NOT NULL, "type" character varying(40) NOT NULL, "actor" character varying(200) NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "payload" jsonb NOT NULL DEFAULT '{}', "dedup_key" character varying(200), CONSTRAINT "PK_d61d07653b492eca67f9bad8ec2" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_ticket_events_dedup_key" ON "ticket_events"("dedup_key") `);
    await q.query(`CREATE INDEX "ix_ticket_events_ticket_time" ON "ticket_events"("ticket_id", "occurred_at") `);
    await q.query(
      `CREATE TABLE "ticket_materials" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ticket_id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "kind" character varying(20) NOT NULL DEFAULT 'material', "description" character varying(200) NOT NULL, "net_unit_price" numeric(12,2) NOT NULL, "quantity" numeric(12,3) NOT NULL, "unit" character varying(20) NOT NULL DEFAULT 'Stk', "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_ticket_materials_amounts" CHECK ("net_unit_price" >= 0 AND "quantity" > 0), CONSTRAINT "ck_ticket_materials_kind" CHECK ("kind" IN ('material', 'partner', 'pass_through')), CONSTRAINT "PK_f5af760d60bd390a1ef26cc0643" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_ticket_materials_ticket" ON "ticket_materials"("ticket_id") `);
    await q.query(
      `CREATE TABLE "ticket_number_counters" ("year" integer NOT NULL, "last_value" integer NOT NULL, CONSTRAINT "PK_7f1bcc472615e0d8ea135223e21" PRIMARY KEY ("year"))`,
    );
    await q.query(
      `CREATE TABLE "ticket_sla_clocks" ("ticket_id" uuid NOT NULL, "clock" character varying(10) NOT NULL, "tenant_id" uuid NOT NULL, "priority" character varying(1) NOT NULL, "budget" jsonb NOT NULL, "budget_minutes" numeric(12,3) NOT NULL, "calendar_key" character varying(60) NOT NULL, "warning_share" numeric(4,3) NOT NULL, "state" character varying(10) NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "stopped_at" TIMESTAMP WITH TIME ZONE, "deadline" TIMESTAMP WITH TIME ZONE, "warning_at" TIMESTAMP WITH TIME ZONE, "used_minutes" numeric(12,3) NOT NULL, "breach_minutes" numeric(12,3), "late_ms" bigint, "warned_at" TIMESTAMP WITH TIME ZONE, "breached_at" TIMESTAMP WITH TIME ZONE, "timer_version" integer NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_ticket_sla_clocks_state" CHECK ("state" IN ('running', 'paused', 'met', 'breached')), CONSTRAINT "ck_ticket_sla_clocks_clock" CHECK ("clock" IN ('response', 'restore')), CONSTRAINT "PK_c25267f27ee4f7680146b2c3264" PRIMARY KEY ("ticket_id", "clock"))`,
    );
    await q.query(`CREATE INDEX "ix_ticket_sla_clocks_tenant" ON "ticket_sla_clocks"("tenant_id") `);
    await q.query(
      `CREATE INDEX "ix_ticket_sla_clocks_running_deadline" ON "ticket_sla_clocks"("deadline") WHERE "state" = 'running'`,
    );
    await q.query(
      `CREATE TABLE "user_tenants" ("user_id" uuid NOT NULL, "tenant_id" uuid NOT NULL, CONSTRAINT "PK_01847c3ffef489ea549f205d1ed" PRIMARY KEY ("user_id", "tenant_id"))`,
    );
    await q.query(
      `CREATE TABLE "work_logs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ticket_id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "worker_id" uuid NOT NULL, "role" character varying(60) NOT NULL, "kind" character varying(10) NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE NOT NULL, "note" text, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_work_logs_interval" CHECK ("ended_at" > "started_at"), CONSTRAINT "ck_work_logs_kind" CHECK ("kind" IN ('travel', 'work')), CONSTRAINT "PK_f4f3234af57451baa20576887be" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_work_logs_tenant_time" ON "work_logs"("tenant_id", "started_at") `);
    await q.query(`CREATE INDEX "ix_work_logs_ticket" ON "work_logs"("ticket_id", "started_at") `);
    await q.query(
      `CREATE TABLE "contract_sites" ("contract_id" uuid NOT NULL, "site_id" uuid NOT NULL, CONSTRAINT "PK_9b6e6f5fabe9e462a315fcb7eca" PRIMARY KEY ("contract_id", "site_id"))`,
    );
    await q.query(`CREATE INDEX "IDX_caebb6fe5a9315bd25645d8b17" ON "contract_sites"("contract_id") `);
    await q.query(`CREATE INDEX "IDX_863937c2f1f7797ace4e74c1a8" ON "contract_sites"("site_id") `);
    await q.query(
      `ALTER TABLE "sites" ADD CONSTRAINT "fk_sites_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "assets" ADD CONSTRAINT "fk_assets_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "assets" ADD CONSTRAINT "fk_assets_site" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "assets" ADD CONSTRAINT "fk_assets_parent" FOREIGN KEY ("parent_id") REFERENCES "assets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "contracts" ADD CONSTRAINT "fk_contracts_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "contracts" ADD CONSTRAINT "fk_contracts_price_list" FOREIGN KEY ("price_list_id") REFERENCES "price_lists"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "users" ADD CONSTRAINT "fk_users_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "sessions" ADD CONSTRAINT "fk_sessions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "tickets" ADD CONSTRAINT "fk_tickets_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "tickets" ADD CONSTRAINT "fk_tickets_site" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "tickets" ADD CONSTRAINT "fk_tickets_asset" FOREIGN KEY ("asset_id") REFERENCES "assets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "tickets" ADD CONSTRAINT "fk_tickets_contract" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "tickets" ADD CONSTRAINT "fk_tickets_assignee" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "ticket_events" ADD CONSTRAINT "fk_ticket_events_ticket" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "ticket_materials" ADD CONSTRAINT "fk_ticket_materials_ticket" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "ticket_sla_clocks" ADD CONSTRAINT "fk_ticket_sla_clocks_ticket" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "user_tenants" ADD CONSTRAINT "fk_user_tenants_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "user_tenants" ADD CONSTRAINT "fk_user_tenants_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "work_logs" ADD CONSTRAINT "fk_work_logs_ticket" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "work_logs" ADD CONSTRAINT "fk_work_logs_worker" FOREIGN KEY ("worker_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "contract_sites" ADD CONSTRAINT "fk_contract_sites_contract" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await q.query(
      `ALTER TABLE "contract_sites" ADD CONSTRAINT "fk_contract_sites_site" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
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
    await q.query(`DROP TABLE ${TABLES.map((t) => `"${t}"`).join(', ')} CASCADE`);
  }
}
