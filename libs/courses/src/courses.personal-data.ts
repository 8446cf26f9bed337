import { Injectable } from '@nestjs/common';
import { Database, HoldsPersonalData, type PersonalDataHolder } from '@hearth/platform';

/**
 * Enrollments and quiz attempts, removed outright in a deletion. Courses a person wrote,
 * and their place on a course's staff, stay with the course: they show as “Former member”.
 */
@Injectable()
@HoldsPersonalData()
export class CoursesPersonalData implements PersonalDataHolder {
  readonly section = 'courses';
  readonly stage = 'content' as const;

  constructor(private readonly db: Database) {}

  async export(userId: string): Promise<Record<string, unknown>> {
    const [enrollments, quizAttempts, staff] = await Promise.all([
      this.db.query(
        `SELECT c.slug AS course_slug, c.title AS course_title, e.version, e.enrolled_at
           FROM enrollment e JOIN course c ON c.id = e.course_id WHERE e.user_id = $1 ORDER BY e.enrolled_at`,
        [userId],
      ),
      this.db.query(
        `SELECT c.slug AS course_slug, a.item_id, a.version, a.answers, a.score_percent, a.passed, a.created_at
           FROM quiz_attempt a JOIN course c ON c.id = a.course_id WHERE a.user_id = $1 ORDER BY a.created_at`,
        [userId],
      ),
      this.db.query(
        `SELECT c.slug AS course_slug, s.role, s.added_at FROM course_staff s JOIN course c ON c.id = s.course_id WHERE s.user_id = $1 ORDER BY s.added_at`,
        [userId],
      ),
    ]);
    return { enrollments, quizAttempts, staffOf: staff };
  }

  async erase(userId: string): Promise<void> {
    await this.db.execute('DELETE FROM quiz_attempt WHERE user_id = $1', [userId]);
    await this.db.execute('DELETE FROM enrollment WHERE user_id = $1', [userId]);
  }
}
