import { Injectable } from '@nestjs/common';
import type { AnswerSnapshot, CompletionEvidence, CriterionScore, ReviewSnapshot } from '@hearth/contracts';
import { Database } from '@hearth/platform';
import type { AttendanceRecord, CoursePlan, ItemRecord } from './requirements';

export interface ItemProgressRow {
  itemId: string;
  viewedAt: Date | null;
  passedAt: Date | null;
  passedAttemptId: string | null;
  passedScore: number | null;
  answeredAt: Date | null;
  answerReplyId: string | null;
  answer: AnswerSnapshot | null;
  acceptedReplyId: string | null;
  acceptedAt: Date | null;
  review: (ReviewSnapshot & { replyId: string }) | null;
}

export interface EnrollmentProgressRow {
  userId: string;
  courseId: string;
  enrolledAt: Date;
  startedAt: Date | null;
  done: number;
  total: number;
  met: boolean[];
  checkedVersion: number | null;
  completedAt: Date | null;
  completedVersion: number | null;
  evidence: CompletionEvidence | null;
}

export interface PracticumReviewRow {
  sessionId: string;
  userId: string;
  courseId: string;
  scriptItemId: string;
  scriptTitle: string;
  mentorId: string | null;
  scores: CriterionScore[];
  total: number;
  passScore: number;
  passed: boolean;
  feedback: string;
  reviewedAt: Date;
}

const ITEM_COLUMNS = 'item_id, viewed_at, passed_at, passed_attempt_id, passed_score, answered_at, answer_reply_id, answer, accepted_reply_id, accepted_at, review';

@Injectable()
export class ProgressRepository {
  constructor(private readonly db: Database) {}

  async savePlan(plan: CoursePlan): Promise<void> {
    await this.db.execute(
      `INSERT INTO course_plan (course_id, course_slug, title, version, items, requirements) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (course_id) DO UPDATE
         SET course_slug = excluded.course_slug, title = excluded.title, version = excluded.version,
             items = excluded.items, requirements = excluded.requirements, updated_at = now()
       WHERE course_plan.version <= excluded.version`,
      [plan.courseId, plan.courseSlug, plan.title, plan.version, JSON.stringify(plan.items), JSON.stringify(plan.requirements)],
    );
  }

  async plan(courseId: string): Promise<CoursePlan | null> {
    const [row] = await this.db.query<{ courseId: string; courseSlug: string; title: string; version: number; items: CoursePlan['items']; requirements: CoursePlan['requirements'] }>(
      'SELECT course_id, course_slug, title, version, items, requirements FROM course_plan WHERE course_id = $1',
      [courseId],
    );
    return row ? { courseId: row.courseId, courseSlug: row.courseSlug, title: row.title, version: row.version, items: row.items, requirements: row.requirements } : null;
  }

  async enroll(userId: string, courseId: string, enrolledAt: Date): Promise<void> {
    await this.db.execute(
      `INSERT INTO enrollment_progress (user_id, course_id, enrolled_at) VALUES ($1, $2, $3) ON CONFLICT (user_id, course_id) DO NOTHING`,
      [userId, courseId, enrolledAt],
    );
  }

  /** Locks an enrollment's standing while it is re-checked, so two events about it take turns. */
  lockEnrollment(userId: string, courseId: string): Promise<EnrollmentProgressRow | null> {
    return this.db
      .query<EnrollmentProgressRow>('SELECT * FROM enrollment_progress WHERE user_id = $1 AND course_id = $2 FOR UPDATE', [userId, courseId])
      .then(([row]) => row ?? null);
  }

  enrollment(userId: string, courseId: string): Promise<EnrollmentProgressRow | null> {
    return this.db
      .query<EnrollmentProgressRow>('SELECT * FROM enrollment_progress WHERE user_id = $1 AND course_id = $2', [userId, courseId])
      .then(([row]) => row ?? null);
  }

  async saveStanding(userId: string, courseId: string, standing: { done: number; total: number; met: boolean[]; version: number; started: boolean }): Promise<void> {
    await this.db.execute(
      `UPDATE enrollment_progress
          SET done = $3, total = $4, met = $5, checked_version = $6,
              started_at = CASE WHEN $7 THEN coalesce(started_at, now()) ELSE started_at END
        WHERE user_id = $1 AND course_id = $2`,
      [userId, courseId, standing.done, standing.total, standing.met, standing.version, standing.started],
    );
  }

  /** Records the completion unless there is one; true when this call recorded it. */
  async complete(userId: string, courseId: string, version: number, evidence: CompletionEvidence): Promise<Date | null> {
    const [row] = await this.db.query<{ completedAt: Date }>(
      `UPDATE enrollment_progress SET completed_at = now(), completed_version = $3, evidence = $4
        WHERE user_id = $1 AND course_id = $2 AND completed_at IS NULL
        RETURNING completed_at`,
      [userId, courseId, version, JSON.stringify(evidence)],
    );
    return row?.completedAt ?? null;
  }

  /** Records the first time something happened; later repeats change nothing. */
  async markViewed(userId: string, courseId: string, itemId: string): Promise<void> {
    await this.db.execute(
      `INSERT INTO item_progress (user_id, item_id, course_id, viewed_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (user_id, item_id) DO UPDATE SET viewed_at = coalesce(item_progress.viewed_at, excluded.viewed_at), updated_at = now()`,
      [userId, itemId, courseId],
    );
  }

  /** The first passing attempt is the one kept as evidence. */
  async markPassed(userId: string, courseId: string, itemId: string, attemptId: string, score: number): Promise<void> {
    await this.db.execute(
      `INSERT INTO item_progress (user_id, item_id, course_id, passed_at, passed_attempt_id, passed_score) VALUES ($1, $2, $3, now(), $4, $5)
       ON CONFLICT (user_id, item_id) DO UPDATE
         SET passed_at = coalesce(item_progress.passed_at, excluded.passed_at),
             passed_attempt_id = coalesce(item_progress.passed_attempt_id, excluded.passed_attempt_id),
             passed_score = coalesce(item_progress.passed_score, excluded.passed_score), updated_at = now()`,
      [userId, itemId, courseId, attemptId, score],
    );
  }

  /** The answer that counts now and how it reads, or none: set when it starts counting, cleared when it stops. */
  async setAnswer(userId: string, courseId: string, itemId: string, replyId: string | null, answer: AnswerSnapshot | null): Promise<void> {
    await this.db.execute(
      `INSERT INTO item_progress (user_id, item_id, course_id, answered_at, answer_reply_id, answer) VALUES ($1, $2, $3, CASE WHEN $4::uuid IS NOT NULL THEN now() END, $4, $5)
       ON CONFLICT (user_id, item_id) DO UPDATE
         SET answered_at = CASE WHEN $4::uuid IS NULL THEN NULL
                                WHEN item_progress.answer_reply_id = $4 THEN coalesce(item_progress.answered_at, now())
                                ELSE now() END,
             answer_reply_id = $4, answer = excluded.answer, updated_at = now()`,
      [userId, itemId, courseId, replyId, replyId ? JSON.stringify(answer) : null],
    );
  }

  /** A mentor's latest review of an answer: accepted, or not (any more), and what they said. */
  async setReview(userId: string, courseId: string, itemId: string, replyId: string, review: ReviewSnapshot): Promise<void> {
    await this.db.execute(
      `INSERT INTO item_progress (user_id, item_id, course_id, accepted_reply_id, accepted_at, review) VALUES ($1, $2, $3, CASE WHEN $5 THEN $4::uuid END, CASE WHEN $5 THEN now() END, $6)
       ON CONFLICT (user_id, item_id) DO UPDATE
         SET accepted_reply_id = CASE WHEN $5 THEN $4::uuid WHEN item_progress.accepted_reply_id = $4 THEN NULL ELSE item_progress.accepted_reply_id END,
             accepted_at = CASE WHEN $5 THEN now() WHEN item_progress.accepted_reply_id = $4 THEN NULL ELSE item_progress.accepted_at END,
             review = excluded.review, updated_at = now()`,
      [userId, itemId, courseId, replyId, review.status === 'accepted', JSON.stringify({ replyId, ...review })],
    );
  }

  async signOff(userId: string, courseId: string, mentorId: string, note: string | null): Promise<void> {
    await this.db.execute(
      `INSERT INTO mentor_signoff (user_id, course_id, mentor_id, note) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, course_id) DO NOTHING`,
      [userId, courseId, mentorId, note],
    );
  }

  signoff(userId: string, courseId: string): Promise<{ mentorId: string | null; note: string | null; signedAt: Date } | null> {
    return this.db
      .query<{ mentorId: string | null; note: string | null; signedAt: Date }>('SELECT mentor_id, note, signed_at FROM mentor_signoff WHERE user_id = $1 AND course_id = $2', [
        userId,
        courseId,
      ])
      .then(([row]) => row ?? null);
  }

  /** A session's minutes for one person; a repeated report keeps the longest. */
  async recordAttendance(userId: string, sessionId: string, kind: string, title: string, minutes: number, at: Date): Promise<void> {
    await this.db.execute(
      `INSERT INTO session_attendance (user_id, session_id, kind, title, minutes, attended_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (user_id, session_id) DO UPDATE SET minutes = greatest(session_attendance.minutes, excluded.minutes)`,
      [userId, sessionId, kind, title, minutes, at],
    );
  }

  attendance(userId: string): Promise<Array<AttendanceRecord & { title: string; attendedAt: Date }>> {
    return this.db.query(
      'SELECT session_id, kind, title, minutes, attended_at FROM session_attendance WHERE user_id = $1 ORDER BY attended_at',
      [userId],
    );
  }

  /** A mentor's review of a practice session; a session is reviewed once, so a repeat changes nothing. */
  async recordPracticumReview(review: PracticumReviewRow): Promise<void> {
    await this.db.execute(
      `INSERT INTO practicum_review (session_id, user_id, course_id, script_item_id, script_title, mentor_id, scores, total, pass_score, passed, feedback, reviewed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (session_id) DO NOTHING`,
      [
        review.sessionId,
        review.userId,
        review.courseId,
        review.scriptItemId,
        review.scriptTitle,
        review.mentorId,
        JSON.stringify(review.scores),
        review.total,
        review.passScore,
        review.passed,
        review.feedback,
        review.reviewedAt,
      ],
    );
  }

  /** The reviews of practice sessions someone led toward a course, newest first. */
  practicumReviews(userId: string, courseId: string): Promise<PracticumReviewRow[]> {
    return this.db.query<PracticumReviewRow>(
      `SELECT session_id, user_id, course_id, script_item_id, script_title, mentor_id, scores, total, pass_score, passed, feedback, reviewed_at
         FROM practicum_review WHERE user_id = $1 AND course_id = $2 ORDER BY reviewed_at DESC, session_id`,
      [userId, courseId],
    );
  }

  /** The courses someone is enrolled in, not completed, whose requirements count sessions of a kind. */
  async coursesCountingSessions(userId: string, kind: string): Promise<string[]> {
    const rows = await this.db.query<{ courseId: string }>(
      `SELECT e.course_id FROM enrollment_progress e JOIN course_plan p ON p.course_id = e.course_id
        WHERE e.user_id = $1 AND e.completed_at IS NULL AND p.requirements @> $2::jsonb`,
      [userId, JSON.stringify([{ kind: 'sessions_attended', sessionKind: kind }])],
    );
    return rows.map((row) => row.courseId);
  }

  /** A course's enrolled people, by id, after `after`. */
  async enrolledAfter(courseId: string, after: string | null, limit: number): Promise<string[]> {
    const rows = await this.db.query<{ userId: string }>(
      `SELECT user_id FROM enrollment_progress WHERE course_id = $1${after ? ' AND user_id > $3' : ''} ORDER BY user_id LIMIT $2`,
      after ? [courseId, limit, after] : [courseId, limit],
    );
    return rows.map((row) => row.userId);
  }

  forCourse(userId: string, courseId: string): Promise<ItemProgressRow[]> {
    return this.db.query<ItemProgressRow>(`SELECT ${ITEM_COLUMNS} FROM item_progress WHERE user_id = $1 AND course_id = $2`, [userId, courseId]);
  }

  /** The item's record, with whether a refresher open now asks for it again (in the same statement). */
  forItem(userId: string, itemId: string): Promise<(ItemProgressRow & { redo: boolean }) | undefined> {
    return this.db
      .query<ItemProgressRow & { redo: boolean }>(
        `SELECT ${ITEM_COLUMNS},
                EXISTS (SELECT 1 FROM item_redo r JOIN refresher_progress p ON p.refresher_id = r.refresher_id
                         WHERE r.user_id = $1 AND r.item_id = $2 AND r.done_at IS NULL AND p.completed_at IS NULL AND p.cancelled_at IS NULL) AS redo
           FROM item_progress WHERE user_id = $1 AND item_id = $2`,
        [userId, itemId],
      )
      .then(([row]) => row);
  }

  /** A course's enrollments, oldest first, `limit + 1` after the cursor's key. */
  enrollmentsPage(courseId: string, after: Array<string | number> | null, limit: number): Promise<Array<EnrollmentProgressRow & { enrolledKey: string }>> {
    return this.db.query(
      `SELECT e.*, e.enrolled_at::text AS enrolled_key, s.signed_at
         FROM enrollment_progress e LEFT JOIN mentor_signoff s ON s.user_id = e.user_id AND s.course_id = e.course_id
        WHERE e.course_id = $1${after ? ' AND (e.enrolled_at, e.user_id) > ($3::timestamptz, $4::uuid)' : ''}
        ORDER BY e.enrolled_at, e.user_id
        LIMIT $2`,
      [courseId, limit + 1, ...(after ?? [])],
    );
  }

  /** How many enrolled, started, met each requirement of the current plan, and completed. */
  async funnel(courseId: string, version: number, requirements: number): Promise<{ enrolled: number; started: number; met: number[]; completed: number }> {
    const [totals] = await this.db.query<{ enrolled: string; started: string; completed: string }>(
      'SELECT count(*) AS enrolled, count(started_at) AS started, count(completed_at) AS completed FROM enrollment_progress WHERE course_id = $1',
      [courseId],
    );
    const met = await this.db.query<{ count: string }>(
      `SELECT count(e.user_id) AS count FROM generate_series(1, $3::int) AS i
         LEFT JOIN enrollment_progress e ON e.course_id = $1 AND e.checked_version = $2 AND e.met[i]
        GROUP BY i ORDER BY i`,
      [courseId, version, requirements],
    );
    return { enrolled: Number(totals.enrolled), started: Number(totals.started), completed: Number(totals.completed), met: met.map((row) => Number(row.count)) };
  }
}

export function toItemRecord(row: ItemProgressRow): ItemRecord {
  return {
    itemId: row.itemId,
    viewedAt: row.viewedAt,
    passedAt: row.passedAt,
    answerReplyId: row.answerReplyId,
    answeredAt: row.answeredAt,
    acceptedReplyId: row.acceptedReplyId,
    acceptedAt: row.acceptedAt,
  };
}
