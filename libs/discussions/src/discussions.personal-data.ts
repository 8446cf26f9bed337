import { Injectable } from '@nestjs/common';
import { Database, HoldsPersonalData, type PersonalDataHolder } from '@hearth/platform';

/**
 * Answers, replies, reactions, flags and reviews. In a deletion the person's answers and
 * replies lose their text and edit history and show as removed, but keep their place (the
 * replies others nested under them stay readable); their reactions go (the counts with
 * them), their flags keep no reason, their reviews no comment.
 */
@Injectable()
@HoldsPersonalData()
export class DiscussionsPersonalData implements PersonalDataHolder {
  readonly section = 'discussions';
  readonly stage = 'content' as const;

  constructor(private readonly db: Database) {}

  async export(userId: string): Promise<Record<string, unknown>> {
    const [replies, edits, reactions, flags, reviews] = await Promise.all([
      this.db.query(
        `SELECT id, course_id, item_id, parent_id, body_md AS "markdown", word_count,
                created_at, edited_at, removed_at, review_status
           FROM reply WHERE author_id = $1 ORDER BY created_at`,
        [userId],
      ),
      this.db.query(
        `SELECT e.reply_id, e.body_md AS previous_markdown, e.edited_at
           FROM reply_edit e JOIN reply r ON r.id = e.reply_id WHERE r.author_id = $1 ORDER BY e.edited_at`,
        [userId],
      ),
      this.db.query('SELECT reply_id, kind, created_at FROM reaction WHERE user_id = $1 ORDER BY created_at', [userId]),
      this.db.query('SELECT reply_id, reason, created_at, resolution FROM reply_flag WHERE user_id = $1 ORDER BY created_at', [userId]),
      this.db.query('SELECT reply_id, status, comment, created_at FROM mentor_review WHERE mentor_id = $1 ORDER BY created_at', [userId]),
    ]);
    return { answersAndReplies: replies, earlierVersions: edits, reactions, flagsRaised: flags, reviewsWritten: reviews };
  }

  async erase(userId: string): Promise<void> {
    // The counts first, as a moderator's removal keeps them: live answers per thread, live replies per parent.
    await this.db.execute(
      `UPDATE thread t SET answer_count = t.answer_count - g.n
         FROM (SELECT item_id, count(*)::int AS n FROM reply WHERE author_id = $1 AND parent_id IS NULL AND removed_at IS NULL GROUP BY item_id) g
        WHERE t.item_id = g.item_id`,
      [userId],
    );
    await this.db.execute(
      `UPDATE reply p SET child_count = p.child_count - g.n
         FROM (SELECT parent_id, count(*)::int AS n FROM reply WHERE author_id = $1 AND parent_id IS NOT NULL AND removed_at IS NULL GROUP BY parent_id) g
        WHERE p.id = g.parent_id`,
      [userId],
    );
    await this.db.execute('DELETE FROM reply_edit e USING reply r WHERE r.id = e.reply_id AND r.author_id = $1', [userId]);
    await this.db.execute(
      `UPDATE reply SET body_md = '', body_html = '', word_count = 0, removed_at = coalesce(removed_at, now()), removed_by = coalesce(removed_by, $1) WHERE author_id = $1`,
      [userId],
    );
    await this.db.execute(
      `WITH gone AS (DELETE FROM reaction WHERE user_id = $1 RETURNING reply_id, kind)
       UPDATE reply r SET like_count = r.like_count - g.likes, heart_count = r.heart_count - g.hearts, insightful_count = r.insightful_count - g.insightful,
                          support_count = r.support_count - g.support, reaction_count = r.reaction_count - g.total
         FROM (SELECT reply_id, count(*) FILTER (WHERE kind = 'like')::int AS likes, count(*) FILTER (WHERE kind = 'heart')::int AS hearts,
                      count(*) FILTER (WHERE kind = 'insightful')::int AS insightful, count(*) FILTER (WHERE kind = 'support')::int AS support, count(*)::int AS total
                 FROM gone GROUP BY reply_id) g
        WHERE r.id = g.reply_id`,
      [userId],
    );
    await this.db.execute(`UPDATE reply_flag SET reason = '' WHERE user_id = $1`, [userId]);
    await this.db.execute('UPDATE mentor_review SET comment = NULL WHERE mentor_id = $1', [userId]);
    await this.db.execute('DELETE FROM thread_read WHERE user_id = $1', [userId]);
  }
}
