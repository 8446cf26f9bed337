import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = `'mention', 'reply', 'review', 'role_granted', 'role_revoked', 'role_expired', 'role_expiring', 'request_denied', 'chat_mention', 'role_suspended', 'chat_sanction', 'chat_report', 'chat_report_escalated', 'chat_report_outcome', 'chat_appeal', 'chat_appeal_decided', 'course_completed', 'badge_awarded', 'answer_to_review', 'reply_flagged', 'grant_requested', 'grant_request_waiting'`;

/**
 * Coverage: the rota of moderator shifts per room, the record of rooms asking their on-spot
 * hosts for help (one per room in HOST_CALL_MINUTES), and the notification those hosts get.
 * Written by hand: the schema comparison does not see a changed CHECK.
 */
export class ChatCoverage1796320950848 implements MigrationInterface {
  name = 'ChatCoverage1796320950848';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE "chat_shift" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "room_id" uuid NOT NULL, "user_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chat_shift_ends_after_start_check" CHECK (ends_at > starts_at), CONSTRAINT "chat_shift_pkey" PRIMARY KEY ("id"))`,
    );
    await db.query(`CREATE INDEX "chat_shift_room_id_starts_at_idx" ON "chat_shift"  ("room_id", "starts_at") `);
    await db.query(`CREATE INDEX "chat_shift_user_id_starts_at_idx" ON "chat_shift"  ("user_id", "starts_at") `);
    await db.query(`ALTER TABLE "chat_shift" ADD CONSTRAINT "chat_shift_room_id_fkey" FOREIGN KEY ("room_id") REFERENCES "chat_room"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_shift" ADD CONSTRAINT "chat_shift_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_shift" ADD CONSTRAINT "chat_shift_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await db.query(
      `CREATE TABLE "chat_host_call" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "room_id" uuid NOT NULL, "asked_by" uuid, "host_ids" uuid array NOT NULL, "asked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chat_host_call_pkey" PRIMARY KEY ("id"))`,
    );
    await db.query(`CREATE INDEX "chat_host_call_room_id_asked_at_idx" ON "chat_host_call"  ("room_id", "asked_at") `);
    await db.query(`ALTER TABLE "chat_host_call" ADD CONSTRAINT "chat_host_call_room_id_fkey" FOREIGN KEY ("room_id") REFERENCES "chat_room"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_host_call" ADD CONSTRAINT "chat_host_call_asked_by_fkey" FOREIGN KEY ("asked_by") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    for (const table of ['notification', 'notification_email_opt_out']) {
      await db.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${table}_kind_check"`);
      await db.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${table}_kind_check" CHECK (kind IN (${KINDS}, 'chat_host_wanted'))`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['notification', 'notification_email_opt_out']) {
      await db.query(`DELETE FROM "${table}" WHERE kind = 'chat_host_wanted'`);
      await db.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${table}_kind_check"`);
      await db.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${table}_kind_check" CHECK (kind IN (${KINDS}))`);
    }
    await db.query(`DROP TABLE "chat_host_call"`);
    await db.query(`DROP TABLE "chat_shift"`);
  }
}
