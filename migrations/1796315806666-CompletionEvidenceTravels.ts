import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An answer's Markdown shortened in SQL as markdownExcerpt (libs/platform) shortens it, without the rendered form. */
const excerpt = (body: string) =>
  `CASE WHEN length(btrim(regexp_replace(${body}, '\\s+', ' ', 'g'))) > 400 THEN left(btrim(regexp_replace(${body}, '\\s+', ' ', 'g')), 399) || '…'
        ELSE btrim(regexp_replace(${body}, '\\s+', ' ', 'g')) END`;

/**
 * A completion's evidence now travels with `course.completed`, quoting the answers that
 * counted: progress keeps each counting answer's text and its latest review as the
 * discussions tell it, and credentials keeps its own record of each completion
 * (completion_record). Both are filled from what is there: the answers' text from the
 * replies (as a request showed them until now), and each recorded completion, with its
 * answers, from progress.
 */
export class CompletionEvidenceTravels1796315806666 implements MigrationInterface {
  name = 'CompletionEvidenceTravels1796315806666';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "item_progress" ADD "answer" jsonb`);
    await db.query(`ALTER TABLE "item_progress" ADD "review" jsonb`);
    await db.query(`UPDATE "item_progress" p SET answer = jsonb_build_object('excerpt', ${excerpt('r.body_md')}, 'wordCount', r.word_count)
                      FROM "reply" r WHERE r.id = p.answer_reply_id`);
    await db.query(`UPDATE "item_progress" p SET review = jsonb_build_object('replyId', latest.reply_id, 'status', latest.status, 'comment', latest.comment, 'mentorId', latest.mentor_id)
                      FROM (SELECT DISTINCT ON (r.author_id, r.item_id) r.author_id, r.item_id, m.reply_id, m.status, m.comment, m.mentor_id
                              FROM "mentor_review" m JOIN "reply" r ON r.id = m.reply_id
                             ORDER BY r.author_id, r.item_id, m.created_at DESC) latest
                     WHERE latest.author_id = p.user_id AND latest.item_id = p.item_id`);

    await db.query(`CREATE TABLE "completion_record" ("user_id" uuid NOT NULL, "course_id" uuid NOT NULL, "course_slug" text NOT NULL, "course_title" text NOT NULL, "version" integer NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "evidence" jsonb NOT NULL, CONSTRAINT "completion_record_pkey" PRIMARY KEY ("user_id", "course_id"))`);
    await db.query(`CREATE INDEX "completion_record_course_id_idx" ON "completion_record" ("course_id", "user_id") `);
    await db.query(`ALTER TABLE "completion_record" ADD CONSTRAINT "completion_record_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "completion_record" ADD CONSTRAINT "completion_record_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Each completion with the answers its items name, as they read now ('(removed since)' as a request said), and their latest reviews.
    await db.query(`INSERT INTO "completion_record" ("user_id", "course_id", "course_slug", "course_title", "version", "completed_at", "evidence")
                    SELECT e.user_id, e.course_id, c.slug, c.title, e.completed_version, e.completed_at,
                           e.evidence || jsonb_build_object('answers', coalesce((
                             SELECT jsonb_agg(jsonb_build_object(
                                      'itemId', item->>'itemId', 'replyId', r.id,
                                      'excerpt', CASE WHEN r.removed_at IS NOT NULL THEN '(removed since)' ELSE ${excerpt('r.body_md')} END,
                                      'wordCount', r.word_count,
                                      'review', (SELECT jsonb_build_object('status', m.status, 'comment', m.comment, 'mentorId', m.mentor_id)
                                                   FROM "mentor_review" m WHERE m.reply_id = r.id ORDER BY m.created_at DESC LIMIT 1)
                                    ) ORDER BY ordinality)
                               FROM jsonb_array_elements(e.evidence->'items') WITH ORDINALITY AS items(item, ordinality)
                               JOIN "reply" r ON r.id = (item->>'replyId')::uuid), '[]'::jsonb))
                      FROM "enrollment_progress" e JOIN "course" c ON c.id = e.course_id
                     WHERE e.completed_at IS NOT NULL AND e.completed_version IS NOT NULL AND e.evidence IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "completion_record"`);
    await db.query(`ALTER TABLE "item_progress" DROP COLUMN "review"`);
    await db.query(`ALTER TABLE "item_progress" DROP COLUMN "answer"`);
  }
}
