import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The practicum: `script` items (steps and reflection questions, as jsonb on the draft and
 * each published version), practice sessions in the chat (the course and script they run
 * from, the mentor observing), the chat's record of each session's review, and progress's
 * copy of it that practicum requirements count. Written by hand: the schema comparison does
 * not see a changed CHECK.
 */
export class Practicum1796330000000 implements MigrationInterface {
  name = 'Practicum1796330000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "item" ADD "script" jsonb`);
    await db.query(`ALTER TABLE "published_item" ADD "script" jsonb`);
    await db.query(`ALTER TABLE "item" DROP CONSTRAINT "item_type_check"`);
    await db.query(`ALTER TABLE "item" ADD CONSTRAINT "item_type_check" CHECK (type IN ('lesson', 'discussion', 'quiz', 'script'))`);

    await db.query(`ALTER TABLE "chat_session" ADD "course_id" uuid`);
    await db.query(`ALTER TABLE "chat_session" ADD "script_item_id" uuid`);
    await db.query(`ALTER TABLE "chat_session" ADD "observer_id" uuid`);
    await db.query(`ALTER TABLE "chat_session" ADD CONSTRAINT "chat_session_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_session" ADD CONSTRAINT "chat_session_script_item_id_fkey" FOREIGN KEY ("script_item_id") REFERENCES "item"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_session" ADD CONSTRAINT "chat_session_observer_id_fkey" FOREIGN KEY ("observer_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);

    await db.query(
      `CREATE TABLE "chat_practice_review" ("session_id" uuid NOT NULL, "mentor_id" uuid, "scores" jsonb NOT NULL, "total" integer NOT NULL, "pass_score" integer NOT NULL, "passed" boolean NOT NULL, "feedback" text NOT NULL, "reviewed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "chat_practice_review_pkey" PRIMARY KEY ("session_id"))`,
    );
    await db.query(`ALTER TABLE "chat_practice_review" ADD CONSTRAINT "chat_practice_review_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "chat_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "chat_practice_review" ADD CONSTRAINT "chat_practice_review_mentor_id_fkey" FOREIGN KEY ("mentor_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);

    await db.query(
      `CREATE TABLE "practicum_review" ("session_id" uuid NOT NULL, "user_id" uuid NOT NULL, "course_id" uuid NOT NULL, "script_item_id" uuid NOT NULL, "script_title" text NOT NULL, "mentor_id" uuid, "scores" jsonb NOT NULL, "total" integer NOT NULL, "pass_score" integer NOT NULL, "passed" boolean NOT NULL, "feedback" text NOT NULL, "reviewed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "practicum_review_pkey" PRIMARY KEY ("session_id"))`,
    );
    await db.query(`CREATE INDEX "practicum_review_user_id_course_id_idx" ON "practicum_review" ("user_id", "course_id") `);
    await db.query(`ALTER TABLE "practicum_review" ADD CONSTRAINT "practicum_review_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "practicum_review" ADD CONSTRAINT "practicum_review_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "practicum_review" ADD CONSTRAINT "practicum_review_mentor_id_fkey" FOREIGN KEY ("mentor_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "practicum_review"`);
    await db.query(`DROP TABLE "chat_practice_review"`);
    await db.query(`ALTER TABLE "chat_session" DROP CONSTRAINT "chat_session_observer_id_fkey"`);
    await db.query(`ALTER TABLE "chat_session" DROP CONSTRAINT "chat_session_script_item_id_fkey"`);
    await db.query(`ALTER TABLE "chat_session" DROP CONSTRAINT "chat_session_course_id_fkey"`);
    await db.query(`ALTER TABLE "chat_session" DROP COLUMN "observer_id"`);
    await db.query(`ALTER TABLE "chat_session" DROP COLUMN "script_item_id"`);
    await db.query(`ALTER TABLE "chat_session" DROP COLUMN "course_id"`);
    await db.query(`DELETE FROM "item" WHERE type = 'script'`);
    await db.query(`ALTER TABLE "item" DROP CONSTRAINT "item_type_check"`);
    await db.query(`ALTER TABLE "item" ADD CONSTRAINT "item_type_check" CHECK (type IN ('lesson', 'discussion', 'quiz'))`);
    await db.query(`ALTER TABLE "published_item" DROP COLUMN "script"`);
    await db.query(`ALTER TABLE "item" DROP COLUMN "script"`);
  }
}
