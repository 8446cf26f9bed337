import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A deleted account keeps its row, pseudonymised, with the moment it was deleted. */
export class AccountDeletion1796296860410 implements MigrationInterface {
  name = 'AccountDeletion1796296860410';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "user" ADD "deleted_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "user" DROP COLUMN "deleted_at"`);
  }
}
