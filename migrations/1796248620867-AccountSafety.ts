import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountSafety1796248620867 implements MigrationInterface {
  name = 'AccountSafety1796248620867';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "account_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "purpose" text NOT NULL, "token_hash" bytea NOT NULL, "email" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "account_token_purpose_check" CHECK (purpose IN ('reset-password', 'verify-email')), CONSTRAINT "account_token_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE UNIQUE INDEX "account_token_token_hash_key" ON "account_token"  ("token_hash") `);
    await db.query(`CREATE INDEX "account_token_user_id_idx" ON "account_token"  ("user_id") `);
    await db.query(`CREATE TABLE "sign_in_failure" ("key" bytea NOT NULL, "consecutive" integer NOT NULL, "last_failed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "day" date NOT NULL, "day_failures" integer NOT NULL, CONSTRAINT "sign_in_failure_pkey" PRIMARY KEY ("key"))`);
    await db.query(`ALTER TABLE "user" ADD "email_verified_at" TIMESTAMP WITH TIME ZONE`);
    await db.query(`ALTER TABLE "session" ADD "last_used_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await db.query(`ALTER TABLE "account_token" ADD CONSTRAINT "account_token_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "account_token" DROP CONSTRAINT "account_token_user_id_fkey"`);
    await db.query(`ALTER TABLE "session" DROP COLUMN "last_used_at"`);
    await db.query(`ALTER TABLE "user" DROP COLUMN "email_verified_at"`);
    await db.query(`DROP TABLE "sign_in_failure"`);
    await db.query(`DROP INDEX "public"."account_token_user_id_idx"`);
    await db.query(`DROP INDEX "public"."account_token_token_hash_key"`);
    await db.query(`DROP TABLE "account_token"`);
  }
}
