import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = `'mention', 'reply', 'review', 'role_granted', 'role_revoked', 'role_expired', 'role_expiring', 'request_denied', 'chat_mention', 'role_suspended', 'chat_sanction', 'chat_report', 'chat_report_escalated', 'chat_report_outcome', 'chat_appeal', 'chat_appeal_decided', 'course_completed', 'badge_awarded', 'answer_to_review', 'reply_flagged', 'grant_requested', 'grant_request_waiting', 'chat_host_wanted', 'refresher_assigned', 'refresher_due'`;

/**
 * Activity: a role's rule may ask holders to host so many minutes in so many days. Credentials
 * keeps the minutes each person hosted each session (`hosted_session`, from the chat's
 * `session.ended`), when each grant last came into force (`active_since`: granted, or
 * reinstated; the window counts from there) and when its holder was warned of too little
 * (`activity_warned_at`). Holders are told (`activity_low`). Written by hand.
 */
export class Activity1796408500000 implements MigrationInterface {
  name = 'Activity1796408500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE "hosted_session" ("user_id" uuid NOT NULL, "session_id" uuid NOT NULL, "minutes" integer NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "hosted_session_pkey" PRIMARY KEY ("user_id", "session_id"))`,
    );
    await db.query(`CREATE INDEX "hosted_session_user_id_ended_at_idx" ON "hosted_session" ("user_id", "ended_at") `);
    await db.query(`ALTER TABLE "hosted_session" ADD CONSTRAINT "hosted_session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "role_grant" ADD "active_since" TIMESTAMP WITH TIME ZONE`);
    await db.query(`UPDATE "role_grant" SET active_since = granted_at`);
    await db.query(`ALTER TABLE "role_grant" ALTER COLUMN "active_since" SET NOT NULL`);
    await db.query(`ALTER TABLE "role_grant" ADD "activity_warned_at" TIMESTAMP WITH TIME ZONE`);
    for (const table of ['notification', 'notification_email_opt_out']) {
      await db.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${table}_kind_check"`);
      await db.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${table}_kind_check" CHECK (kind IN (${KINDS}, 'activity_low'))`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['notification', 'notification_email_opt_out']) {
      await db.query(`DELETE FROM "${table}" WHERE kind = 'activity_low'`);
      await db.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${table}_kind_check"`);
      await db.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${table}_kind_check" CHECK (kind IN (${KINDS}))`);
    }
    await db.query(`UPDATE "role_grant" SET status = 'active', suspension_cause = NULL, suspension_reason = NULL, suspended_at = NULL, suspended_until = NULL WHERE suspension_cause = 'inactive'`);
    await db.query(`ALTER TABLE "role_grant" DROP COLUMN "activity_warned_at"`);
    await db.query(`ALTER TABLE "role_grant" DROP COLUMN "active_since"`);
    await db.query(`DROP TABLE "hosted_session"`);
  }
}
