import type { MigrationInterface, QueryRunner } from 'typeorm';

/** E-mail preferences per notification kind; a link of its own to move an account to a new address. */
export class AccountDetails1796295730488 implements MigrationInterface {
  name = 'AccountDetails1796295730488';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "notification_email_opt_out" ("user_id" uuid NOT NULL, "kind" text NOT NULL, CONSTRAINT "notification_email_opt_out_kind_check" CHECK (kind IN ('mention', 'reply', 'review', 'role_granted', 'role_revoked', 'role_expired', 'role_expiring', 'request_denied', 'chat_mention', 'role_suspended', 'chat_sanction', 'chat_report', 'chat_report_escalated', 'chat_report_outcome', 'chat_appeal', 'chat_appeal_decided')), CONSTRAINT "notification_email_opt_out_pkey" PRIMARY KEY ("user_id", "kind"))`);
    await db.query(`ALTER TABLE "notification_email_opt_out" ADD CONSTRAINT "notification_email_opt_out_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Written by hand: the schema comparison does not see a changed CHECK.
    await db.query(`ALTER TABLE "account_token" DROP CONSTRAINT "account_token_purpose_check"`);
    await db.query(`ALTER TABLE "account_token" ADD CONSTRAINT "account_token_purpose_check" CHECK (purpose IN ('reset-password', 'verify-email', 'change-email'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM "account_token" WHERE purpose = 'change-email'`);
    await db.query(`ALTER TABLE "account_token" DROP CONSTRAINT "account_token_purpose_check"`);
    await db.query(`ALTER TABLE "account_token" ADD CONSTRAINT "account_token_purpose_check" CHECK (purpose IN ('reset-password', 'verify-email'))`);
    await db.query(`ALTER TABLE "notification_email_opt_out" DROP CONSTRAINT "notification_email_opt_out_user_id_fkey"`);
    await db.query(`DROP TABLE "notification_email_opt_out"`);
  }
}
