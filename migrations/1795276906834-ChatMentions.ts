import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ChatMentions1795276906834 implements MigrationInterface {
  name = 'ChatMentions1795276906834';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "notification" ADD "room_id" uuid`);
    await db.query(`ALTER TABLE "notification" DROP CONSTRAINT "notification_kind_check"`);
    await db.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "notification_kind_check" CHECK (kind IN ('mention', 'reply', 'review', 'role_granted', 'role_revoked', 'role_expired', 'role_expiring', 'request_denied', 'chat_mention'))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM "notification" WHERE kind = 'chat_mention'`);
    await db.query(`ALTER TABLE "notification" DROP CONSTRAINT "notification_kind_check"`);
    await db.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "notification_kind_check" CHECK (kind IN ('mention', 'reply', 'review', 'role_granted', 'role_revoked', 'role_expired', 'role_expiring', 'request_denied'))`,
    );
    await db.query(`ALTER TABLE "notification" DROP COLUMN "room_id"`);
  }
}
