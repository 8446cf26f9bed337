import { Injectable } from '@nestjs/common';
import { formerMember } from '@hearth/contracts';
import { Database, HoldsPersonalData, type PersonalDataHolder, reviewCommentsErasedSql, withoutNameOf } from '@hearth/platform';

/**
 * Progress, attendance, sign-offs and the reviews of practice sessions they led: all about
 * the person alone, so a deletion removes them outright. A mentor's name copied into someone else's completion evidence is
 * pseudonymised with the mentor's account, and their review comments copied there blanked.
 */
@Injectable()
@HoldsPersonalData()
export class ProgressPersonalData implements PersonalDataHolder {
  readonly section = 'progress';
  readonly stage = 'content' as const;

  constructor(private readonly db: Database) {}

  async export(userId: string): Promise<Record<string, unknown>> {
    const [courses, items, attendance, signOffs, practicumReviews] = await Promise.all([
      this.db.query(
        `SELECT course_id, started_at, done, total, completed_at, completed_version, evidence
           FROM enrollment_progress WHERE user_id = $1 ORDER BY enrolled_at`,
        [userId],
      ),
      this.db.query(
        'SELECT course_id, item_id, viewed_at, passed_at, answer, review FROM item_progress WHERE user_id = $1 ORDER BY updated_at',
        [userId],
      ),
      this.db.query('SELECT session_id, kind, title, minutes, attended_at FROM session_attendance WHERE user_id = $1 ORDER BY attended_at', [userId]),
      this.db.query('SELECT course_id, note, signed_at FROM mentor_signoff WHERE user_id = $1 ORDER BY signed_at', [userId]),
      this.db.query(
        'SELECT course_id, session_id, script_title, scores, total, pass_score, passed, feedback, reviewed_at FROM practicum_review WHERE user_id = $1 ORDER BY reviewed_at',
        [userId],
      ),
    ]);
    return { courses, items, sessionsAttended: attendance, signOffs, practicumReviews };
  }

  async erase(userId: string): Promise<void> {
    for (const table of ['item_progress', 'session_attendance', 'mentor_signoff', 'practicum_review', 'enrollment_progress']) {
      await this.db.execute(`DELETE FROM ${table} WHERE user_id = $1`, [userId]);
    }
    // Their reviews' words, copied into others' progress and completion evidence, go as the reviews' own do.
    await this.db.execute(`UPDATE item_progress SET review = jsonb_set(review, '{comment}', 'null'::jsonb) WHERE review->>'mentorId' = $1`, [userId]);
    // As a mentor: the feedback they wrote on others' practice sessions (the scores stand).
    await this.db.execute(`UPDATE practicum_review SET feedback = '' WHERE mentor_id = $1`, [userId]);
    await this.db.execute(reviewCommentsErasedSql('enrollment_progress', 'evidence', ['mentorId']), [userId]);
    const former = formerMember(userId);
    const naming = await this.db.query<{ userId: string; courseId: string; evidence: unknown }>(
      'SELECT user_id, course_id, evidence FROM enrollment_progress WHERE evidence::text LIKE $1',
      [`%${userId}%`],
    );
    for (const row of naming) {
      const evidence = withoutNameOf(row.evidence, former);
      if (evidence) await this.db.execute('UPDATE enrollment_progress SET evidence = $3 WHERE user_id = $1 AND course_id = $2', [row.userId, row.courseId, JSON.stringify(evidence)]);
    }
  }
}
