import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SignInSafety1796246007673 implements MigrationInterface {
  name = 'SignInSafety1796246007673';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "sign_in_failure" ("key" bytea NOT NULL, "consecutive" integer NOT NULL, "last_failed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "day" date NOT NULL, "day_failures" integer NOT NULL, CONSTRAINT "sign_in_failure_pkey" PRIMARY KEY ("key"))`);
    await db.query(`ALTER TABLE "session" ADD "last_used_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "session" DROP COLUMN "last_used_at"`);
    await db.query(`DROP TABLE "sign_in_failure"`);
  }
}
