import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PresenceSeen1795274009169 implements MigrationInterface {
  name = 'PresenceSeen1795274009169';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "chat_presence" ADD "seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "chat_presence" DROP COLUMN "seen_at"`);
  }
}
