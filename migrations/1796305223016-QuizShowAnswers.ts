import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A quiz says when it shows its key (the right options and the author's explanations):
 * with a pass, as every quiz did until now, or after every attempt. In the draft and in
 * each published version. Written by hand for the CHECKs.
 */
export class QuizShowAnswers1796305223016 implements MigrationInterface {
  name = 'QuizShowAnswers1796305223016';

  async up(db: QueryRunner): Promise<void> {
    for (const table of ['item', 'published_item']) {
      await db.query(`ALTER TABLE "${table}" ADD "show_answers" text`);
      await db.query(`UPDATE "${table}" SET show_answers = 'after-pass' WHERE type = 'quiz'`);
      await db.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${table}_show_answers_check" CHECK (show_answers IN ('after-pass', 'after-each-attempt'))`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['item', 'published_item']) {
      await db.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${table}_show_answers_check"`);
      await db.query(`ALTER TABLE "${table}" DROP COLUMN "show_answers"`);
    }
  }
}
