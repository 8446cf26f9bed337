import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = `'mention', 'reply', 'review', 'role_granted', 'role_revoked', 'role_expired', 'role_expiring', 'request_denied', 'chat_mention', 'role_suspended', 'chat_sanction', 'chat_report', 'chat_report_escalated', 'chat_report_outcome', 'chat_appeal', 'chat_appeal_decided', 'course_completed', 'badge_awarded', 'answer_to_review', 'reply_flagged', 'grant_requested', 'grant_request_waiting', 'chat_host_wanted', 'refresher_assigned'`;

/**
 * Recertification: a version may be published asking holders of the roles built on its
 * course to redo what changed (`recertify_days`, `recertify_item_ids` on course_version).
 * Each holder gets a refresher of cause `recertification` (one open per person and course,
 * naming no grant) with a deadline: a warning before it (`warned_at`), the roles suspended
 * after it (`enforced_at`; cause `recertification`), given back when it is redone. A grant's
 * suspension names the refresher it waits on (`suspension_refresher_id`), whatever its cause.
 * Progress keeps each refresher's cause and deadline to show them. Written by hand.
 */
export class Recertification1796407900000 implements MigrationInterface {
  name = 'Recertification1796407900000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "course_version" ADD "recertify_days" integer`);
    await db.query(`ALTER TABLE "course_version" ADD "recertify_item_ids" uuid array`);

    await db.query(`ALTER TABLE "refresher" ALTER COLUMN "grant_id" DROP NOT NULL`);
    await db.query(`ALTER TABLE "refresher" ADD "due_at" TIMESTAMP WITH TIME ZONE`);
    await db.query(`ALTER TABLE "refresher" ADD "warned_at" TIMESTAMP WITH TIME ZONE`);
    await db.query(`ALTER TABLE "refresher" ADD "enforced_at" TIMESTAMP WITH TIME ZONE`);
    await db.query(`ALTER TABLE "refresher" ADD "item_ids" uuid array`);
    await db.query(`ALTER TABLE "refresher" DROP CONSTRAINT "refresher_cause_check"`);
    await db.query(
      `ALTER TABLE "refresher" ADD CONSTRAINT "refresher_cause_check" CHECK ((cause = 'complaint' AND grant_id IS NOT NULL) OR (cause = 'recertification' AND grant_id IS NULL AND due_at IS NOT NULL))`,
    );
    await db.query(`CREATE UNIQUE INDEX "refresher_open_recertification_key" ON "refresher" ("user_id", "course_id") WHERE status = 'open' AND cause = 'recertification'`);
    await db.query(`CREATE INDEX "refresher_due_at_idx" ON "refresher" ("due_at") WHERE status = 'open' AND enforced_at IS NULL`);

    await db.query(`ALTER TABLE "role_grant" ADD "suspension_refresher_id" uuid`);
    await db.query(`ALTER TABLE "role_grant" ADD CONSTRAINT "role_grant_suspension_refresher_id_fkey" FOREIGN KEY ("suspension_refresher_id") REFERENCES "refresher"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await db.query(`UPDATE "role_grant" g SET suspension_refresher_id = r.id FROM "refresher" r WHERE r.grant_id = g.id AND g.status = 'suspended' AND g.suspension_cause = 'refresher'`);

    await db.query(`ALTER TABLE "refresher_progress" ADD "cause" text NOT NULL DEFAULT 'complaint'`);
    await db.query(`ALTER TABLE "refresher_progress" ADD "due_at" TIMESTAMP WITH TIME ZONE`);

    for (const table of ['notification', 'notification_email_opt_out']) {
      await db.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${table}_kind_check"`);
      await db.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${table}_kind_check" CHECK (kind IN (${KINDS}, 'refresher_due'))`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['notification', 'notification_email_opt_out']) {
      await db.query(`DELETE FROM "${table}" WHERE kind = 'refresher_due'`);
      await db.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${table}_kind_check"`);
      await db.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${table}_kind_check" CHECK (kind IN (${KINDS}))`);
    }
    await db.query(`ALTER TABLE "refresher_progress" DROP COLUMN "due_at"`);
    await db.query(`ALTER TABLE "refresher_progress" DROP COLUMN "cause"`);
    await db.query(`ALTER TABLE "role_grant" DROP CONSTRAINT "role_grant_suspension_refresher_id_fkey"`);
    await db.query(`ALTER TABLE "role_grant" DROP COLUMN "suspension_refresher_id"`);
    await db.query(`UPDATE "role_grant" SET status = 'active', suspension_cause = NULL, suspension_reason = NULL, suspended_at = NULL, suspended_until = NULL WHERE suspension_cause = 'recertification'`);
    await db.query(`DELETE FROM "refresher" WHERE cause = 'recertification'`);
    await db.query(`DROP INDEX "refresher_due_at_idx"`);
    await db.query(`DROP INDEX "refresher_open_recertification_key"`);
    await db.query(`ALTER TABLE "refresher" DROP CONSTRAINT "refresher_cause_check"`);
    await db.query(`ALTER TABLE "refresher" ADD CONSTRAINT "refresher_cause_check" CHECK (cause IN ('complaint'))`);
    await db.query(`ALTER TABLE "refresher" DROP COLUMN "item_ids"`);
    await db.query(`ALTER TABLE "refresher" DROP COLUMN "enforced_at"`);
    await db.query(`ALTER TABLE "refresher" DROP COLUMN "warned_at"`);
    await db.query(`ALTER TABLE "refresher" DROP COLUMN "due_at"`);
    await db.query(`ALTER TABLE "refresher" ALTER COLUMN "grant_id" SET NOT NULL`);
    await db.query(`ALTER TABLE "course_version" DROP COLUMN "recertify_item_ids"`);
    await db.query(`ALTER TABLE "course_version" DROP COLUMN "recertify_days"`);
  }
}
