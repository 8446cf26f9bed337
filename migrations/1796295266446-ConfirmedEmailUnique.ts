import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An e-mail address is unique among the accounts that confirmed it, no longer among all:
 * registration answers the same whether or not an address is taken, so an account may give
 * an address another holds, unconfirmed (see `UserEntity`).
 */
export class ConfirmedEmailUnique1796295266446 implements MigrationInterface {
  name = 'ConfirmedEmailUnique1796295266446';

  async up(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX "public"."user_email_lower_key"');
    await db.query('CREATE UNIQUE INDEX user_email_lower_key ON "user" (lower(email)) WHERE email_verified_at IS NOT NULL');
    await db.query('CREATE INDEX user_email_lower_idx ON "user" (lower(email))');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX "public"."user_email_lower_idx"');
    await db.query('DROP INDEX "public"."user_email_lower_key"');
    await db.query('CREATE UNIQUE INDEX user_email_lower_key ON "user" (lower(email))');
  }
}
