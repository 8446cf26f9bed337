import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications for what waits on someone (an answer for its mentors, a flag for the
 * course staff, a role request for the admins) and for what a trainee achieved. Written by
 * hand: the schema comparison does not see a changed CHECK.
 */
export class QueueNotifications1796299422886 implements MigrationInterface {
  name = 'QueueNotifications1796299422886';

  async up(db: QueryRunner): Promise<void> {
    for (const table of ['notification', 'notification_email_opt_out']) {
      await db.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${table}_kind_check"`);
      await db.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${table}_kind_check" CHECK (kind IN ('mention', 'reply', 'review', 'role_granted', 'role_revoked', 'role_expired', 'role_expiring', 'request_denied', 'chat_mention', 'role_suspended', 'chat_sanction', 'chat_report', 'chat_report_escalated', 'chat_report_outcome', 'chat_appeal', 'chat_appeal_decided', 'course_completed', 'badge_awarded', 'answer_to_review', 'reply_flagged', 'grant_requested', 'grant_request_waiting'))`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['notification', 'notification_email_opt_out']) {
      await db.query(`DELETE FROM "${table}" WHERE kind IN ('course_completed', 'badge_awarded', 'answer_to_review', 'reply_flagged', 'grant_requested', 'grant_request_waiting')`);
      await db.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${table}_kind_check"`);
      await db.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${table}_kind_check" CHECK (kind IN ('mention', 'reply', 'review', 'role_granted', 'role_revoked', 'role_expired', 'role_expiring', 'request_denied', 'chat_mention', 'role_suspended', 'chat_sanction', 'chat_report', 'chat_report_escalated', 'chat_report_outcome', 'chat_appeal', 'chat_appeal_decided'))`);
    }
  }
}
