import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14, users and roles: a user's UI language (de/en), a technician's price-list role and home
 * site, and one-time password links (set/reset; only the sha256 of the secret is stored, valid 24 h,
 * single use, who issued it).
 */
export class UserAdministration1795310000000 implements MigrationInterface {
  name = 'UserAdministration1795310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "language" character varying(2) NOT NULL DEFAULT 'de'`);
    await q.query(`ALTER TABLE "users" ADD "price_list_role" character varying(60)`);
    await q.query(`ALTER TABLE "users" ADD "home_site_id" uuid`);
    await q.query(`ALTER TABLE "users" ADD CONSTRAINT "ck_users_language" CHECK ("language" IN ('de', 'en'))`);
    await q.query(`CREATE INDEX "ix_users_home_site" ON "users" ("home_site_id") `);
    await q.query(
      `ALTER TABLE "users" ADD CONSTRAINT "fk_users_home_site" FOREIGN KEY ("home_site_id") REFERENCES "sites"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `CREATE TABLE "password_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "purpose" character varying(10) NOT NULL, "token_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_password_tokens_purpose" CHECK ("purpose" IN ('set', 'reset')), CONSTRAINT "pk_password_tokens" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_password_tokens_user" ON "password_tokens" ("user_id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_password_tokens_hash" ON "password_tokens" ("token_hash") `);
    await q.query(
      `ALTER TABLE "password_tokens" ADD CONSTRAINT "fk_password_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "password_tokens" ADD CONSTRAINT "fk_password_tokens_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "password_tokens"`);
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "fk_users_home_site"`);
    await q.query(`DROP INDEX "ix_users_home_site"`);
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "ck_users_language"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "home_site_id"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "price_list_role"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "language"`);
  }
}
