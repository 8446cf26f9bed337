import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SessionLastUsed1796245291381 implements MigrationInterface {
  name = 'SessionLastUsed1796245291381';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "session" ADD "last_used_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "session" DROP COLUMN "last_used_at"`);
  }
}
