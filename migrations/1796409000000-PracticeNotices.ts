import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = `'mention', 'reply', 'review', 'role_granted', 'role_revoked', 'role_expired', 'role_expiring', 'request_denied', 'chat_mention', 'role_suspended', 'chat_sanction', 'chat_report', 'chat_report_escalated', 'chat_report_outcome', 'chat_appeal', 'chat_appeal_decided', 'course_completed', 'badge_awarded', 'answer_to_review', 'reply_flagged', 'grant_requested', 'grant_request_waiting', 'chat_host_wanted', 'refresher_assigned', 'refresher_due', 'activity_low'`;

/**
 * The practicum's queue tells the people it waits on: the mentor who observed a practice
 * session that ended is asked to score it (`practice_to_score`), and its trainee hears the
 * scores (`practicum_reviewed`). Written by hand: the schema comparison does not see a changed CHECK.
 */
export class PracticeNotices1796409000000 implements MigrationInterface {
  name = 'PracticeNotices1796409000000';

  async up(db: QueryRunner): Promise<void> {
    for (const table of ['notification', 'notification_email_opt_out']) {
      await db.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${table}_kind_check"`);
      await db.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${table}_kind_check" CHECK (kind IN (${KINDS}, 'practice_to_score', 'practicum_reviewed'))`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['notification', 'notification_email_opt_out']) {
      await db.query(`DELETE FROM "${table}" WHERE kind IN ('practice_to_score', 'practicum_reviewed')`);
      await db.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${table}_kind_check"`);
      await db.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${table}_kind_check" CHECK (kind IN (${KINDS}))`);
    }
  }
}
