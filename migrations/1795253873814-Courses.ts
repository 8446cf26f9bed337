import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Courses1795253873814 implements MigrationInterface {
  name = 'Courses1795253873814';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "course" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" text NOT NULL, "title" text NOT NULL, "summary" text NOT NULL, "cover_image_url" text, "status" text NOT NULL DEFAULT 'draft', "current_version" integer, "published_at" TIMESTAMP WITH TIME ZONE, "unpublished_changes" boolean NOT NULL DEFAULT true, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "course_status_check" CHECK (status IN ('draft', 'published', 'archived')), CONSTRAINT "course_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE TABLE "course_staff" ("course_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" text NOT NULL, "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "course_staff_role_check" CHECK (role IN ('owner', 'author', 'mentor')), CONSTRAINT "course_staff_pkey" PRIMARY KEY ("course_id", "user_id"))`);
    await db.query(`CREATE INDEX "course_staff_user_id_idx" ON "course_staff"  ("user_id") `);
    await db.query(`CREATE TABLE "course_module" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "course_id" uuid NOT NULL, "slug" text NOT NULL, "title" text NOT NULL, "position" integer NOT NULL, "removed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "course_module_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "course_module_course_id_position_idx" ON "course_module"  ("course_id", "position") `);
    await db.query(`CREATE TABLE "item" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "course_id" uuid NOT NULL, "module_id" uuid NOT NULL, "slug" text NOT NULL, "type" text NOT NULL, "title" text NOT NULL, "position" integer NOT NULL, "body_md" text NOT NULL, "body_html" text NOT NULL, "reflection_question" text, "post_first" boolean, "min_words" integer, "pass_percent" integer, "questions" jsonb, "changed" boolean NOT NULL DEFAULT true, "removed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "item_type_check" CHECK (type IN ('lesson', 'discussion', 'quiz')), CONSTRAINT "item_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "item_module_id_position_idx" ON "item"  ("module_id", "position") `);
    await db.query(`CREATE TABLE "item_progress" ("user_id" uuid NOT NULL, "item_id" uuid NOT NULL, "course_id" uuid NOT NULL, "viewed_at" TIMESTAMP WITH TIME ZONE, "passed_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "item_progress_pkey" PRIMARY KEY ("user_id", "item_id"))`);
    await db.query(`CREATE INDEX "item_progress_user_id_course_id_idx" ON "item_progress"  ("user_id", "course_id") `);
    await db.query(`CREATE TABLE "enrollment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "course_id" uuid NOT NULL, "user_id" uuid NOT NULL, "version" integer NOT NULL, "enrolled_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "enrollment_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "enrollment_user_id_idx" ON "enrollment"  ("user_id") `);
    await db.query(`CREATE UNIQUE INDEX "enrollment_course_id_user_id_key" ON "enrollment"  ("course_id", "user_id") `);
    await db.query(`CREATE TABLE "quiz_attempt" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "course_id" uuid NOT NULL, "item_id" uuid NOT NULL, "user_id" uuid NOT NULL, "version" integer NOT NULL, "answers" jsonb NOT NULL, "score_percent" integer NOT NULL, "correct_count" integer NOT NULL, "question_count" integer NOT NULL, "passed" boolean NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "quiz_attempt_pkey" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "quiz_attempt_user_id_item_id_created_at_idx" ON "quiz_attempt"  ("user_id", "item_id", "created_at") `);
    await db.query(`CREATE TABLE "course_version" ("course_id" uuid NOT NULL, "version" integer NOT NULL, "title" text NOT NULL, "summary" text NOT NULL, "note" text, "published_by" uuid NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "course_version_pkey" PRIMARY KEY ("course_id", "version"))`);
    await db.query(`CREATE TABLE "published_module" ("course_id" uuid NOT NULL, "version" integer NOT NULL, "module_id" uuid NOT NULL, "slug" text NOT NULL, "title" text NOT NULL, "position" integer NOT NULL, CONSTRAINT "published_module_pkey" PRIMARY KEY ("course_id", "version", "module_id"))`);
    await db.query(`CREATE TABLE "published_item" ("course_id" uuid NOT NULL, "version" integer NOT NULL, "item_id" uuid NOT NULL, "module_id" uuid NOT NULL, "sequence" integer NOT NULL, "slug" text NOT NULL, "type" text NOT NULL, "title" text NOT NULL, "body_md" text NOT NULL, "body_html" text NOT NULL, "reflection_question" text, "post_first" boolean, "min_words" integer, "pass_percent" integer, "questions" jsonb, CONSTRAINT "published_item_pkey" PRIMARY KEY ("course_id", "version", "item_id"))`);
    await db.query(`CREATE INDEX "published_item_item_id_idx" ON "published_item"  ("item_id") `);
    await db.query(`CREATE UNIQUE INDEX "published_item_course_id_version_sequence_key" ON "published_item" ("course_id", "version", "sequence") `);
    await db.query(`ALTER TABLE "course" ADD CONSTRAINT "course_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "user"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "course_staff" ADD CONSTRAINT "course_staff_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "course_staff" ADD CONSTRAINT "course_staff_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "course_module" ADD CONSTRAINT "course_module_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "item" ADD CONSTRAINT "item_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "item" ADD CONSTRAINT "item_module_id_fkey" FOREIGN KEY ("module_id") REFERENCES "course_module"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "item_progress" ADD CONSTRAINT "item_progress_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "item_progress" ADD CONSTRAINT "item_progress_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "item"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "item_progress" ADD CONSTRAINT "item_progress_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "enrollment" ADD CONSTRAINT "enrollment_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "enrollment" ADD CONSTRAINT "enrollment_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "quiz_attempt" ADD CONSTRAINT "quiz_attempt_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "quiz_attempt" ADD CONSTRAINT "quiz_attempt_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "item"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "quiz_attempt" ADD CONSTRAINT "quiz_attempt_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "course_version" ADD CONSTRAINT "course_version_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "course_version" ADD CONSTRAINT "course_version_published_by_fkey" FOREIGN KEY ("published_by") REFERENCES "user"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "published_module" ADD CONSTRAINT "published_module_module_id_fkey" FOREIGN KEY ("module_id") REFERENCES "course_module"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "published_module" ADD CONSTRAINT "published_module_course_id_version_fkey" FOREIGN KEY ("course_id", "version") REFERENCES "course_version"("course_id","version") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "published_item" ADD CONSTRAINT "published_item_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "item"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "published_item" ADD CONSTRAINT "published_item_module_id_fkey" FOREIGN KEY ("module_id") REFERENCES "course_module"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "published_item" ADD CONSTRAINT "published_item_course_id_version_fkey" FOREIGN KEY ("course_id", "version") REFERENCES "course_version"("course_id","version") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Slugs are unique whatever their case; a removed module or item frees its slug.
    await db.query(`CREATE UNIQUE INDEX "course_slug_lower_key" ON "course" (lower("slug"))`);
    await db.query(`CREATE UNIQUE INDEX "course_module_course_id_slug_key" ON "course_module" ("course_id", lower("slug")) WHERE "removed_at" IS NULL`);
    await db.query(`CREATE UNIQUE INDEX "item_course_id_slug_key" ON "item" ("course_id", lower("slug")) WHERE "removed_at" IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "item_course_id_slug_key"`);
    await db.query(`DROP INDEX "course_module_course_id_slug_key"`);
    await db.query(`DROP INDEX "course_slug_lower_key"`);
    await db.query(`ALTER TABLE "published_item" DROP CONSTRAINT "published_item_course_id_version_fkey"`);
    await db.query(`ALTER TABLE "published_item" DROP CONSTRAINT "published_item_module_id_fkey"`);
    await db.query(`ALTER TABLE "published_item" DROP CONSTRAINT "published_item_item_id_fkey"`);
    await db.query(`ALTER TABLE "published_module" DROP CONSTRAINT "published_module_course_id_version_fkey"`);
    await db.query(`ALTER TABLE "published_module" DROP CONSTRAINT "published_module_module_id_fkey"`);
    await db.query(`ALTER TABLE "course_version" DROP CONSTRAINT "course_version_published_by_fkey"`);
    await db.query(`ALTER TABLE "course_version" DROP CONSTRAINT "course_version_course_id_fkey"`);
    await db.query(`ALTER TABLE "quiz_attempt" DROP CONSTRAINT "quiz_attempt_user_id_fkey"`);
    await db.query(`ALTER TABLE "quiz_attempt" DROP CONSTRAINT "quiz_attempt_item_id_fkey"`);
    await db.query(`ALTER TABLE "quiz_attempt" DROP CONSTRAINT "quiz_attempt_course_id_fkey"`);
    await db.query(`ALTER TABLE "enrollment" DROP CONSTRAINT "enrollment_user_id_fkey"`);
    await db.query(`ALTER TABLE "enrollment" DROP CONSTRAINT "enrollment_course_id_fkey"`);
    await db.query(`ALTER TABLE "item_progress" DROP CONSTRAINT "item_progress_course_id_fkey"`);
    await db.query(`ALTER TABLE "item_progress" DROP CONSTRAINT "item_progress_item_id_fkey"`);
    await db.query(`ALTER TABLE "item_progress" DROP CONSTRAINT "item_progress_user_id_fkey"`);
    await db.query(`ALTER TABLE "item" DROP CONSTRAINT "item_module_id_fkey"`);
    await db.query(`ALTER TABLE "item" DROP CONSTRAINT "item_course_id_fkey"`);
    await db.query(`ALTER TABLE "course_module" DROP CONSTRAINT "course_module_course_id_fkey"`);
    await db.query(`ALTER TABLE "course_staff" DROP CONSTRAINT "course_staff_user_id_fkey"`);
    await db.query(`ALTER TABLE "course_staff" DROP CONSTRAINT "course_staff_course_id_fkey"`);
    await db.query(`ALTER TABLE "course" DROP CONSTRAINT "course_created_by_fkey"`);
    await db.query(`DROP INDEX "public"."published_item_course_id_version_sequence_key"`);
    await db.query(`DROP INDEX "public"."published_item_item_id_idx"`);
    await db.query(`DROP TABLE "published_item"`);
    await db.query(`DROP TABLE "published_module"`);
    await db.query(`DROP TABLE "course_version"`);
    await db.query(`DROP INDEX "public"."quiz_attempt_user_id_item_id_created_at_idx"`);
    await db.query(`DROP TABLE "quiz_attempt"`);
    await db.query(`DROP INDEX "public"."enrollment_course_id_user_id_key"`);
    await db.query(`DROP INDEX "public"."enrollment_user_id_idx"`);
    await db.query(`DROP TABLE "enrollment"`);
    await db.query(`DROP INDEX "public"."item_progress_user_id_course_id_idx"`);
    await db.query(`DROP TABLE "item_progress"`);
    await db.query(`DROP INDEX "public"."item_module_id_position_idx"`);
    await db.query(`DROP TABLE "item"`);
    await db.query(`DROP INDEX "public"."course_module_course_id_position_idx"`);
    await db.query(`DROP TABLE "course_module"`);
    await db.query(`DROP INDEX "public"."course_staff_user_id_idx"`);
    await db.query(`DROP TABLE "course_staff"`);
    await db.query(`DROP TABLE "course"`);
  }
}
