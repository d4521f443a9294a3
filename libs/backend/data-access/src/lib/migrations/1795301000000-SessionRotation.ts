import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: refresh-token rotation with a grace window. `rotated_at` dates the last rotation (the
 * just-rotated token yields the same successor for a few seconds, so two tabs refreshing at once
 * both stay signed in); `generation` counts rotations and bounds the walk that tells a genuinely
 * rotated token (theft: the session ends) from a forged one (401, the session lives on).
 */
export class SessionRotation1795301000000 implements MigrationInterface {
  name = 'SessionRotation1795301000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sessions" ADD "rotated_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "sessions" ADD "generation" integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sessions" DROP COLUMN "generation"`);
    await q.query(`ALTER TABLE "sessions" DROP COLUMN "rotated_at"`);
  }
}
