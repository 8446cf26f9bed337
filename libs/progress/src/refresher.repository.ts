import { Injectable } from '@nestjs/common';
import type { ItemType, RefresherCause } from '@hearth/contracts';
import { Database } from '@hearth/platform';

/** The kinds of item a refresher asks for again; the rest (none yet) are not redone. */
export const REDONE_TYPES: readonly ItemType[] = ['lesson', 'discussion', 'quiz'];

export interface RefresherRow {
  refresherId: string;
  userId: string;
  courseId: string;
  cause: RefresherCause;
  assignedAt: Date;
  dueAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
}

/** What someone has redone of a refresher; one row per refresher, one per item in it. */
@Injectable()
export class RefresherRepository {
  constructor(private readonly db: Database) {}

  /** A refresher of the given items (once: told again, it changes nothing). */
  async start(refresher: Pick<RefresherRow, 'refresherId' | 'userId' | 'courseId' | 'cause' | 'assignedAt' | 'dueAt'>, items: Array<{ itemId: string; type: ItemType }>): Promise<void> {
    const inserted = await this.db.execute(
      `INSERT INTO refresher_progress (refresher_id, user_id, course_id, cause, assigned_at, due_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (refresher_id) DO NOTHING`,
      [refresher.refresherId, refresher.userId, refresher.courseId, refresher.cause, refresher.assignedAt, refresher.dueAt],
    );
    if (inserted === 0 || items.length === 0) return;
    await this.db.execute(
      `INSERT INTO item_redo (refresher_id, item_id, user_id, type)
       SELECT $1, i.item_id, $2, i.type FROM unnest($3::uuid[], $4::text[]) AS i(item_id, type)`,
      [refresher.refresherId, refresher.userId, items.map((item) => item.itemId), items.map((item) => item.type)],
    );
  }

  /**
   * Marks the item redone, at `at`, in the person's open refreshers of the course assigned
   * by then; the refreshers it moved on. One statement, whatever the person has open.
   */
  async redo(userId: string, courseId: string, itemId: string, type: ItemType, at: Date): Promise<string[]> {
    const rows = await this.db.query<{ refresherId: string }>(
      `UPDATE item_redo r SET done_at = $5
         FROM refresher_progress p
        WHERE r.user_id = $1 AND r.item_id = $3 AND r.type = $4 AND r.done_at IS NULL
          AND p.refresher_id = r.refresher_id AND p.course_id = $2 AND p.completed_at IS NULL AND p.cancelled_at IS NULL AND p.assigned_at <= $5
        RETURNING r.refresher_id`,
      [userId, courseId, itemId, type, at],
    );
    return rows.map((row) => row.refresherId);
  }

  /**
   * Completes the refresher if every item still in the course is redone (an item a later
   * version left out cannot be), once: the row is locked first, in its own statement, so of
   * two transactions redoing its last two items at once the second waits for the first and
   * then sees both. The refresher when it was this call that completed it.
   */
  async completeIfDone(refresherId: string, at: Date): Promise<RefresherRow | null> {
    await this.db.query('SELECT 1 FROM refresher_progress WHERE refresher_id = $1 FOR UPDATE', [refresherId]);
    const [row] = await this.db.query<RefresherRow>(
      `UPDATE refresher_progress p SET completed_at = $2
        WHERE p.refresher_id = $1 AND p.completed_at IS NULL AND p.cancelled_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM item_redo r
                           WHERE r.refresher_id = p.refresher_id AND r.done_at IS NULL
                             AND r.item_id IN (SELECT (i->>'itemId')::uuid FROM course_plan c, jsonb_array_elements(c.items) i WHERE c.course_id = p.course_id))
        RETURNING p.*`,
      [refresherId, at],
    );
    return row ?? null;
  }

  /** The refreshers open in a course. */
  async openIn(courseId: string): Promise<string[]> {
    const rows = await this.db.query<{ refresherId: string }>(
      'SELECT refresher_id FROM refresher_progress WHERE course_id = $1 AND completed_at IS NULL AND cancelled_at IS NULL ORDER BY refresher_id',
      [courseId],
    );
    return rows.map((row) => row.refresherId);
  }

  async cancel(refresherId: string, at: Date): Promise<void> {
    await this.db.execute('UPDATE refresher_progress SET cancelled_at = $2 WHERE refresher_id = $1 AND completed_at IS NULL AND cancelled_at IS NULL', [refresherId, at]);
  }

  /** The person's refresher still open in the course, if any, with each item and whether it is redone. */
  async open(userId: string, courseId: string): Promise<(RefresherRow & { items: Array<{ itemId: string; type: ItemType; done: boolean }> }) | null> {
    const [row] = await this.db.query<RefresherRow & { items: Array<{ itemId: string; type: ItemType; done: boolean }> }>(
      `SELECT p.*, (SELECT coalesce(json_agg(json_build_object('itemId', r.item_id, 'type', r.type, 'done', r.done_at IS NOT NULL)), '[]'::json)
                      FROM item_redo r WHERE r.refresher_id = p.refresher_id) AS items
         FROM refresher_progress p
        WHERE p.user_id = $1 AND p.course_id = $2 AND p.completed_at IS NULL AND p.cancelled_at IS NULL
        ORDER BY p.assigned_at DESC LIMIT 1`,
      [userId, courseId],
    );
    return row ?? null;
  }
}
