import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = `'mention', 'reply', 'review', 'role_granted', 'role_revoked', 'role_expired', 'role_expiring', 'request_denied', 'chat_mention', 'role_suspended', 'chat_sanction', 'chat_report', 'chat_report_escalated', 'chat_report_outcome', 'chat_appeal', 'chat_appeal_decided', 'course_completed', 'badge_awarded', 'answer_to_review', 'reply_flagged', 'grant_requested', 'grant_request_waiting', 'chat_host_wanted'`;

/**
 * Refreshers: an upheld complaint may suspend a facilitator's role until they redo a course
 * (credentials' `refresher`, one open per grant); progress keeps what they have redone since
 * (`refresher_progress`, `item_redo`: the first completion and its evidence stay as they
 * were); finishing it asks an admin to reinstate (a `grant_request` of kind `reinstatement`,
 * naming the grant). The person is told (`refresher_assigned`). Written by hand: the schema
 * comparison does not see a changed CHECK.
 */
export class Refreshers1796407200000 implements MigrationInterface {
  name = 'Refreshers1796407200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE "refresher" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "grant_id" uuid NOT NULL, "course_id" uuid NOT NULL, "course_slug" text NOT NULL, "course_title" text NOT NULL, "cause" text NOT NULL, "reason" text NOT NULL, "assigned_by" uuid, "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" text NOT NULL DEFAULT 'open', "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "refresher_cause_check" CHECK (cause IN ('complaint')), CONSTRAINT "refresher_status_check" CHECK (status IN ('open', 'completed', 'cancelled')), CONSTRAINT "refresher_pkey" PRIMARY KEY ("id"))`,
    );
    await db.query(`CREATE UNIQUE INDEX "refresher_open_grant_id_key" ON "refresher" ("grant_id") WHERE status = 'open'`);
    await db.query(`CREATE INDEX "refresher_user_id_idx" ON "refresher" ("user_id") `);
    await db.query(`ALTER TABLE "refresher" ADD CONSTRAINT "refresher_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "refresher" ADD CONSTRAINT "refresher_grant_id_fkey" FOREIGN KEY ("grant_id") REFERENCES "role_grant"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "refresher" ADD CONSTRAINT "refresher_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "refresher" ADD CONSTRAINT "refresher_assigned_by_fkey" FOREIGN KEY ("assigned_by") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);

    await db.query(`ALTER TABLE "grant_request" ADD "kind" text NOT NULL DEFAULT 'grant'`);
    await db.query(`ALTER TABLE "grant_request" ADD "grant_id" uuid`);
    await db.query(`ALTER TABLE "grant_request" ADD "refresher_id" uuid`);
    await db.query(`ALTER TABLE "grant_request" ADD CONSTRAINT "grant_request_kind_check" CHECK (kind IN ('grant', 'reinstatement') AND (kind = 'reinstatement') = (grant_id IS NOT NULL))`);
    await db.query(`ALTER TABLE "grant_request" ADD CONSTRAINT "grant_request_grant_id_fkey" FOREIGN KEY ("grant_id") REFERENCES "role_grant"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "grant_request" ADD CONSTRAINT "grant_request_refresher_id_fkey" FOREIGN KEY ("refresher_id") REFERENCES "refresher"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);

    await db.query(
      `CREATE TABLE "refresher_progress" ("refresher_id" uuid NOT NULL, "user_id" uuid NOT NULL, "course_id" uuid NOT NULL, "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "refresher_progress_pkey" PRIMARY KEY ("refresher_id"))`,
    );
    await db.query(`CREATE INDEX "refresher_progress_user_id_course_id_idx" ON "refresher_progress" ("user_id", "course_id") `);
    await db.query(`ALTER TABLE "refresher_progress" ADD CONSTRAINT "refresher_progress_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "refresher_progress" ADD CONSTRAINT "refresher_progress_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(
      `CREATE TABLE "item_redo" ("refresher_id" uuid NOT NULL, "item_id" uuid NOT NULL, "user_id" uuid NOT NULL, "type" text NOT NULL, "done_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "item_redo_pkey" PRIMARY KEY ("refresher_id", "item_id"))`,
    );
    await db.query(`CREATE INDEX "item_redo_user_id_item_id_idx" ON "item_redo" ("user_id", "item_id") `);
    await db.query(`ALTER TABLE "item_redo" ADD CONSTRAINT "item_redo_refresher_id_fkey" FOREIGN KEY ("refresher_id") REFERENCES "refresher_progress"("refresher_id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "item_redo" ADD CONSTRAINT "item_redo_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    for (const table of ['notification', 'notification_email_opt_out']) {
      await db.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${table}_kind_check"`);
      await db.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${table}_kind_check" CHECK (kind IN (${KINDS}, 'refresher_assigned'))`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['notification', 'notification_email_opt_out']) {
      await db.query(`DELETE FROM "${table}" WHERE kind = 'refresher_assigned'`);
      await db.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${table}_kind_check"`);
      await db.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${table}_kind_check" CHECK (kind IN (${KINDS}))`);
    }
    await db.query(`DROP TABLE "item_redo"`);
    await db.query(`DROP TABLE "refresher_progress"`);
    await db.query(`DELETE FROM "grant_request" WHERE kind = 'reinstatement'`);
    await db.query(`ALTER TABLE "grant_request" DROP CONSTRAINT "grant_request_refresher_id_fkey"`);
    await db.query(`ALTER TABLE "grant_request" DROP CONSTRAINT "grant_request_grant_id_fkey"`);
    await db.query(`ALTER TABLE "grant_request" DROP CONSTRAINT "grant_request_kind_check"`);
    await db.query(`ALTER TABLE "grant_request" DROP COLUMN "refresher_id"`);
    await db.query(`ALTER TABLE "grant_request" DROP COLUMN "grant_id"`);
    await db.query(`ALTER TABLE "grant_request" DROP COLUMN "kind"`);
    await db.query(`DROP TABLE "refresher"`);
  }
}
