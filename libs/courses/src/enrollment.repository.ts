import { Injectable } from '@nestjs/common';
import { Database } from '@hearth/platform';
import type { EnrollmentEntity, QuizAttemptEntity } from './enrollment.entity';

const ENROLLMENT = 'id, course_id, user_id, version, enrolled_at';

@Injectable()
export class EnrollmentRepository {
  constructor(private readonly db: Database) {}

  /** SQL rather than the repository's finder: most course and item pages ask. */
  find(courseId: string, userId: string): Promise<EnrollmentEntity | null> {
    return this.db
      .query<EnrollmentEntity>(
        `SELECT ${ENROLLMENT} FROM enrollment WHERE course_id = $1 AND user_id = $2`,
        [courseId, userId],
      )
      .then(([row]) => row ?? null);
  }

  /** Every course the person is enrolled in, with its slug, the newest enrollment first. */
  ofUser(userId: string): Promise<Array<{ courseId: string; slug: string; enrolledAt: Date }>> {
    return this.db.query(
      `SELECT e.course_id, c.slug, e.enrolled_at FROM enrollment e JOIN course c ON c.id = e.course_id
        WHERE e.user_id = $1 ORDER BY e.enrolled_at DESC`,
      [userId],
    );
  }

  /** Enrolls once: the second call finds the first enrollment (null when it already existed). */
  async insertIfAbsent(courseId: string, userId: string, version: number): Promise<EnrollmentEntity | null> {
    const [row] = await this.db.query<EnrollmentEntity>(
      `INSERT INTO enrollment (course_id, user_id, version) VALUES ($1, $2, $3)
       ON CONFLICT (course_id, user_id) DO NOTHING RETURNING ${ENROLLMENT}`,
      [courseId, userId, version],
    );
    return row ?? null;
  }

  insertAttempt(attempt: Omit<QuizAttemptEntity, 'id' | 'createdAt'>): Promise<QuizAttemptEntity> {
    return this.db.insert<QuizAttemptEntity>('quiz_attempt', attempt).then(([row]) => row);
  }

  /** My attempts at a quiz, newest first. */
  attempts(userId: string, itemId: string): Promise<QuizAttemptEntity[]> {
    return this.db.query<QuizAttemptEntity>('SELECT * FROM quiz_attempt WHERE user_id = $1 AND item_id = $2 ORDER BY created_at DESC LIMIT 50', [userId, itemId]);
  }
}
