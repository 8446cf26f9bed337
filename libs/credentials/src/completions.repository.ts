import { Injectable } from '@nestjs/common';
import type { CourseCompleted } from '@hearth/contracts';
import { Database } from '@hearth/platform';

/** A completion as credentials keeps it (CompletionRecordEntity). */
export type CompletionRow = Omit<CourseCompleted, 'completedAt'> & { completedAt: Date };

const COLUMNS = `user_id, course_id, course_slug, course_title, version, completed_at, evidence`;

/** The completions `course.completed` told credentials of. */
@Injectable()
export class CompletionsRepository {
  constructor(private readonly db: Database) {}

  /** Once per person and course: a completion stands, so a second telling changes nothing. */
  async record(completion: CourseCompleted): Promise<void> {
    await this.db.execute(
      `INSERT INTO completion_record (user_id, course_id, course_slug, course_title, version, completed_at, evidence)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (user_id, course_id) DO NOTHING`,
      [completion.userId, completion.courseId, completion.courseSlug, completion.courseTitle, completion.version, completion.completedAt, JSON.stringify(completion.evidence)],
    );
  }

  async find(userId: string, courseId: string): Promise<CompletionRow | null> {
    const [row] = await this.db.query<CompletionRow>(`SELECT ${COLUMNS} FROM completion_record WHERE user_id = $1 AND course_id = $2`, [userId, courseId]);
    return row ?? null;
  }

  /** The person's completions among these courses, in the order the courses are given. */
  async among(userId: string, courseIds: string[]): Promise<CompletionRow[]> {
    if (courseIds.length === 0) return [];
    const rows = await this.db.query<CompletionRow>(`SELECT ${COLUMNS} FROM completion_record WHERE user_id = $1 AND course_id = ANY($2)`, [userId, courseIds]);
    return courseIds.flatMap((id) => rows.filter((row) => row.courseId === id));
  }

  ofUser(userId: string): Promise<CompletionRow[]> {
    return this.db.query<CompletionRow>(`SELECT ${COLUMNS} FROM completion_record WHERE user_id = $1 ORDER BY completed_at`, [userId]);
  }

  /** Who has completed every one of these courses. */
  async completedAll(courseIds: string[]): Promise<string[]> {
    if (courseIds.length === 0) return [];
    const rows = await this.db.query<{ userId: string }>(
      `SELECT user_id FROM completion_record WHERE course_id = ANY($1) GROUP BY user_id HAVING count(*) = cardinality($1::uuid[]) ORDER BY user_id`,
      [[...new Set(courseIds)]],
    );
    return rows.map((row) => row.userId);
  }
}
