import { Injectable } from '@nestjs/common';
import { Database } from '@hearth/platform';

export interface ItemProgressRow {
  item_id: string;
  viewed_at: Date | null;
  passed_at: Date | null;
  answered_at: Date | null;
}

@Injectable()
export class ProgressRepository {
  constructor(private readonly db: Database) {}

  /** Records the first time something happened; later repeats change nothing. */
  async mark(userId: string, courseId: string, itemId: string, what: 'viewed_at' | 'passed_at'): Promise<void> {
    await this.db.execute(
      `INSERT INTO item_progress (user_id, item_id, course_id, ${what}) VALUES ($1, $2, $3, now())
       ON CONFLICT (user_id, item_id) DO UPDATE SET ${what} = coalesce(item_progress.${what}, excluded.${what}), updated_at = now()`,
      [userId, itemId, courseId],
    );
  }

  /** An answer that counts now, or none: set when it starts counting, cleared when it stops. */
  async setAnswered(userId: string, courseId: string, itemId: string, answered: boolean): Promise<void> {
    await this.db.execute(
      `INSERT INTO item_progress (user_id, item_id, course_id, answered_at) VALUES ($1, $2, $3, CASE WHEN $4 THEN now() END)
       ON CONFLICT (user_id, item_id) DO UPDATE
         SET answered_at = CASE WHEN $4 THEN coalesce(item_progress.answered_at, now()) END, updated_at = now()`,
      [userId, itemId, courseId, answered],
    );
  }

  forCourse(userId: string, courseId: string): Promise<ItemProgressRow[]> {
    return this.db.query<ItemProgressRow>('SELECT item_id, viewed_at, passed_at, answered_at FROM item_progress WHERE user_id = $1 AND course_id = $2', [
      userId,
      courseId,
    ]);
  }

  forItem(userId: string, itemId: string): Promise<ItemProgressRow | undefined> {
    return this.db
      .query<ItemProgressRow>('SELECT item_id, viewed_at, passed_at, answered_at FROM item_progress WHERE user_id = $1 AND item_id = $2', [userId, itemId])
      .then(([row]) => row);
  }
}
