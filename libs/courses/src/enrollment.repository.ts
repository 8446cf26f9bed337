import { Injectable } from '@nestjs/common';
import { Database } from '@hearth/platform';
import { EnrollmentEntity, QuizAttemptEntity } from './enrollment.entity';

@Injectable()
export class EnrollmentRepository {
  constructor(private readonly db: Database) {}

  /** SQL rather than the repository's finder: most course and item pages ask. */
  find(courseId: string, userId: string): Promise<EnrollmentEntity | null> {
    return this.db
      .query<EnrollmentEntity>(
        'SELECT id, course_id AS "courseId", user_id AS "userId", version, enrolled_at AS "enrolledAt" FROM enrollment WHERE course_id = $1 AND user_id = $2',
        [courseId, userId],
      )
      .then(([row]) => row ?? null);
  }

  /** Every course the person is enrolled in, with its slug, the newest enrollment first. */
  ofUser(userId: string): Promise<Array<{ courseId: string; slug: string; enrolledAt: Date }>> {
    return this.db.query(
      `SELECT e.course_id AS "courseId", c.slug, e.enrolled_at AS "enrolledAt" FROM enrollment e JOIN course c ON c.id = e.course_id
        WHERE e.user_id = $1 ORDER BY e.enrolled_at DESC`,
      [userId],
    );
  }

  /** Enrolls once: the second call finds the first enrollment (null when it already existed). */
  async insertIfAbsent(courseId: string, userId: string, version: number): Promise<EnrollmentEntity | null> {
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO enrollment (course_id, user_id, version) VALUES ($1, $2, $3)
       ON CONFLICT (course_id, user_id) DO NOTHING RETURNING id`,
      [courseId, userId, version],
    );
    return row ? this.db.repository(EnrollmentEntity).findOneByOrFail({ id: row.id }) : null;
  }

  insertAttempt(attempt: Omit<QuizAttemptEntity, 'id' | 'createdAt'>): Promise<QuizAttemptEntity> {
    const attempts = this.db.repository(QuizAttemptEntity);
    return attempts.save(attempts.create(attempt));
  }

  /** My attempts at a quiz, newest first. */
  attempts(userId: string, itemId: string): Promise<QuizAttemptEntity[]> {
    return this.db.repository(QuizAttemptEntity).find({ where: { userId, itemId }, order: { createdAt: 'DESC' }, take: 50 });
  }
}
