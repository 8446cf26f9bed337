import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Completion1795258657644 implements MigrationInterface {
  name = 'Completion1795258657644';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "course_plan" ("course_id" uuid NOT NULL, "course_slug" text NOT NULL, "title" text NOT NULL, "version" integer NOT NULL, "items" jsonb NOT NULL, "requirements" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "course_plan_pkey" PRIMARY KEY ("course_id"))`);
    await db.query(`CREATE TABLE "enrollment_progress" ("user_id" uuid NOT NULL, "course_id" uuid NOT NULL, "enrolled_at" TIMESTAMP WITH TIME ZONE NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE, "done" integer NOT NULL DEFAULT '0', "total" integer NOT NULL DEFAULT '0', "met" boolean array NOT NULL DEFAULT '{}', "checked_version" integer, "completed_at" TIMESTAMP WITH TIME ZONE, "completed_version" integer, "evidence" jsonb, CONSTRAINT "enrollment_progress_pkey" PRIMARY KEY ("user_id", "course_id"))`);
    await db.query(`CREATE INDEX "enrollment_progress_course_id_enrolled_at_idx" ON "enrollment_progress"  ("course_id", "enrolled_at", "user_id") `);
    await db.query(`CREATE TABLE "mentor_signoff" ("user_id" uuid NOT NULL, "course_id" uuid NOT NULL, "mentor_id" uuid, "note" text, "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "mentor_signoff_pkey" PRIMARY KEY ("user_id", "course_id"))`);
    await db.query(`CREATE TABLE "session_attendance" ("user_id" uuid NOT NULL, "session_id" uuid NOT NULL, "kind" text NOT NULL, "title" text NOT NULL DEFAULT '', "minutes" integer NOT NULL, "attended_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "session_attendance_pkey" PRIMARY KEY ("user_id", "session_id"))`);
    await db.query(`CREATE INDEX "session_attendance_user_id_kind_idx" ON "session_attendance"  ("user_id", "kind") `);
    await db.query(`ALTER TABLE "course" ADD "requirements" jsonb NOT NULL DEFAULT '[{"kind":"lessons_viewed"},{"kind":"discussions_answered"},{"kind":"quizzes_passed"}]'`);
    await db.query(`ALTER TABLE "item_progress" ADD "passed_attempt_id" uuid`);
    await db.query(`ALTER TABLE "item_progress" ADD "passed_score" integer`);
    await db.query(`ALTER TABLE "item_progress" ADD "answer_reply_id" uuid`);
    await db.query(`ALTER TABLE "item_progress" ADD "accepted_reply_id" uuid`);
    await db.query(`ALTER TABLE "item_progress" ADD "accepted_at" TIMESTAMP WITH TIME ZONE`);
    // Versions published before requirements existed asked for every item done.
    await db.query(`ALTER TABLE "course_version" ADD "requirements" jsonb NOT NULL DEFAULT '[{"kind":"lessons_viewed"},{"kind":"discussions_answered"},{"kind":"quizzes_passed"}]'`);
    await db.query(`ALTER TABLE "course_version" ALTER COLUMN "requirements" DROP DEFAULT`);
    await db.query(`ALTER TABLE "course_plan" ADD CONSTRAINT "course_plan_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "enrollment_progress" ADD CONSTRAINT "enrollment_progress_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "enrollment_progress" ADD CONSTRAINT "enrollment_progress_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "mentor_signoff" ADD CONSTRAINT "mentor_signoff_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "mentor_signoff" ADD CONSTRAINT "mentor_signoff_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "mentor_signoff" ADD CONSTRAINT "mentor_signoff_mentor_id_fkey" FOREIGN KEY ("mentor_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "session_attendance" ADD CONSTRAINT "session_attendance_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Progress's own view of what is already published and who is enrolled; standings are
    // re-checked by the next event about each enrollment.
    await db.query(`INSERT INTO "course_plan" ("course_id", "course_slug", "title", "version", "items", "requirements")
      SELECT c.id, c.slug, v.title, v.version,
             coalesce((SELECT jsonb_agg(jsonb_build_object('itemId', i.item_id, 'type', i.type, 'title', i.title) ORDER BY i.sequence)
                         FROM published_item i WHERE i.course_id = v.course_id AND i.version = v.version), '[]'::jsonb),
             v.requirements
        FROM course c JOIN course_version v ON v.course_id = c.id AND v.version = c.current_version`);
    await db.query(`INSERT INTO "enrollment_progress" ("user_id", "course_id", "enrolled_at", "total")
      SELECT e.user_id, e.course_id, e.enrolled_at, coalesce((SELECT jsonb_array_length(p.items) FROM course_plan p WHERE p.course_id = e.course_id), 0)
        FROM enrollment e`);
    await db.query(`UPDATE "item_progress" p SET answer_reply_id = r.id FROM reply r
      WHERE p.answered_at IS NOT NULL AND r.item_id = p.item_id AND r.author_id = p.user_id AND r.parent_id IS NULL
        AND r.removed_at IS NULL AND r.hidden_at IS NULL`);
    // An answer whose latest review accepted it.
    await db.query(`UPDATE "item_progress" p SET accepted_reply_id = m.reply_id, accepted_at = m.created_at
      FROM (SELECT DISTINCT ON (reply_id) reply_id, status, created_at FROM mentor_review ORDER BY reply_id, created_at DESC) m
      WHERE m.reply_id = p.answer_reply_id AND m.status = 'accepted'`);
    await db.query(`UPDATE "item_progress" p SET passed_attempt_id = a.id, passed_score = a.score_percent
      FROM (SELECT DISTINCT ON (user_id, item_id) id, user_id, item_id, score_percent FROM quiz_attempt WHERE passed ORDER BY user_id, item_id, created_at) a
      WHERE p.passed_at IS NOT NULL AND a.user_id = p.user_id AND a.item_id = p.item_id`);
    // Every standing is checked once against its course's requirements, by the outbox worker
    // after the upgrade (completions that are due are recorded then).
    await db.query(`INSERT INTO "outbox_message" ("topic", "payload") SELECT 'progress.recheck-course', jsonb_build_object('courseId', course_id) FROM "course_plan"`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "session_attendance" DROP CONSTRAINT "session_attendance_user_id_fkey"`);
    await db.query(`ALTER TABLE "mentor_signoff" DROP CONSTRAINT "mentor_signoff_mentor_id_fkey"`);
    await db.query(`ALTER TABLE "mentor_signoff" DROP CONSTRAINT "mentor_signoff_course_id_fkey"`);
    await db.query(`ALTER TABLE "mentor_signoff" DROP CONSTRAINT "mentor_signoff_user_id_fkey"`);
    await db.query(`ALTER TABLE "enrollment_progress" DROP CONSTRAINT "enrollment_progress_course_id_fkey"`);
    await db.query(`ALTER TABLE "enrollment_progress" DROP CONSTRAINT "enrollment_progress_user_id_fkey"`);
    await db.query(`ALTER TABLE "course_plan" DROP CONSTRAINT "course_plan_course_id_fkey"`);
    await db.query(`ALTER TABLE "course_version" DROP COLUMN "requirements"`);
    await db.query(`ALTER TABLE "item_progress" DROP COLUMN "accepted_at"`);
    await db.query(`ALTER TABLE "item_progress" DROP COLUMN "accepted_reply_id"`);
    await db.query(`ALTER TABLE "item_progress" DROP COLUMN "answer_reply_id"`);
    await db.query(`ALTER TABLE "item_progress" DROP COLUMN "passed_score"`);
    await db.query(`ALTER TABLE "item_progress" DROP COLUMN "passed_attempt_id"`);
    await db.query(`ALTER TABLE "course" DROP COLUMN "requirements"`);
    await db.query(`DROP INDEX "public"."session_attendance_user_id_kind_idx"`);
    await db.query(`DROP TABLE "session_attendance"`);
    await db.query(`DROP TABLE "mentor_signoff"`);
    await db.query(`DROP INDEX "public"."enrollment_progress_course_id_enrolled_at_idx"`);
    await db.query(`DROP TABLE "enrollment_progress"`);
    await db.query(`DROP TABLE "course_plan"`);
  }
}
