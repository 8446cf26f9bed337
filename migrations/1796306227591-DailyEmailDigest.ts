import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A kind of notification may come in one e-mail a day instead of one by one: the opt-out
 * row says how (`off` as every row did until now, or `daily`), and each notification when
 * it went out in that e-mail.
 */
export class DailyEmailDigest1796306227591 implements MigrationInterface {
  name = 'DailyEmailDigest1796306227591';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "notification_email_opt_out" ADD "delivery" text NOT NULL DEFAULT 'off'`);
    await db.query(`ALTER TABLE "notification_email_opt_out" ADD CONSTRAINT "notification_email_opt_out_delivery_check" CHECK (delivery IN ('off', 'daily'))`);
    await db.query(`ALTER TABLE "notification" ADD "digested_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "notification" DROP COLUMN "digested_at"`);
    await db.query(`DELETE FROM "notification_email_opt_out" WHERE delivery = 'daily'`);
    await db.query(`ALTER TABLE "notification_email_opt_out" DROP CONSTRAINT "notification_email_opt_out_delivery_check"`);
    await db.query(`ALTER TABLE "notification_email_opt_out" DROP COLUMN "delivery"`);
  }
}
