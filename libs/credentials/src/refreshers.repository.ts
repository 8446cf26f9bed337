import { Injectable } from '@nestjs/common';
import type { RefresherCause, RefresherStatus, RefresherSummary } from '@hearth/contracts';
import { Database } from '@hearth/platform';

export interface RefresherRow {
  id: string;
  userId: string;
  grantId: string | null;
  courseId: string;
  courseSlug: string;
  courseTitle: string;
  cause: RefresherCause;
  reason: string;
  assignedBy: string | null;
  assignedAt: Date;
  status: RefresherStatus;
  closedAt: Date | null;
  itemIds: string[] | null;
  dueAt: Date | null;
  warnedAt: Date | null;
  enforcedAt: Date | null;
}

/** Refreshers asked of facilitators whose role is suspended until they redo a course. */
@Injectable()
export class RefreshersRepository {
  constructor(private readonly db: Database) {}

  async insert(refresher: Omit<RefresherRow, 'id' | 'status' | 'closedAt' | 'itemIds' | 'dueAt' | 'warnedAt' | 'enforcedAt'> & Partial<RefresherRow>): Promise<RefresherRow> {
    const [row] = await this.db.insert<RefresherRow>('refresher', refresher, '*', { arrays: ['itemIds'] });
    return row;
  }

  /** The person's open recertification of a course, locked. */
  openRecertification(userId: string, courseId: string): Promise<RefresherRow | null> {
    return this.db
      .query<RefresherRow>(`SELECT * FROM refresher WHERE user_id = $1 AND course_id = $2 AND cause = 'recertification' AND status = 'open' FOR UPDATE`, [userId, courseId])
      .then(([row]) => row ?? null);
  }

  /** Open recertifications due before `until` whose people have not been told; marked told as they are read. */
  takeDueWarnings(until: Date, now: Date, limit: number): Promise<RefresherRow[]> {
    return this.db.query<RefresherRow>(
      `UPDATE refresher SET warned_at = $2
        WHERE id IN (SELECT id FROM refresher WHERE status = 'open' AND cause = 'recertification' AND warned_at IS NULL AND enforced_at IS NULL AND due_at <= $1
                      ORDER BY due_at LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [until, now, limit],
    );
  }

  /** Open recertifications past their deadline not yet enforced. */
  overdue(now: Date, limit: number): Promise<RefresherRow[]> {
    return this.db.query<RefresherRow>(
      `SELECT * FROM refresher WHERE status = 'open' AND enforced_at IS NULL AND due_at <= $1 ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
  }

  async markEnforced(id: string, at: Date): Promise<boolean> {
    return (await this.db.execute(`UPDATE refresher SET enforced_at = $2 WHERE id = $1 AND status = 'open' AND enforced_at IS NULL`, [id, at])) > 0;
  }

  find(id: string): Promise<RefresherRow | null> {
    return this.db.query<RefresherRow>('SELECT * FROM refresher WHERE id = $1', [id]).then(([row]) => row ?? null);
  }

  openOf(grantId: string): Promise<RefresherRow | null> {
    return this.db.query<RefresherRow>(`SELECT * FROM refresher WHERE grant_id = $1 AND status = 'open'`, [grantId]).then(([row]) => row ?? null);
  }

  /** Closes an open refresher; whether it was open. */
  async close(id: string, status: Exclude<RefresherStatus, 'open'>, at: Date): Promise<boolean> {
    return (await this.db.execute(`UPDATE refresher SET status = $2, closed_at = $3 WHERE id = $1 AND status = 'open'`, [id, status, at])) > 0;
  }

  async summaries(ids: string[]): Promise<Map<string, RefresherSummary>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.query<RefresherRow>('SELECT * FROM refresher WHERE id = ANY($1::uuid[])', [ids]);
    return new Map(rows.map((row) => [row.id, summaryOf(row)]));
  }
}

function summaryOf(row: RefresherRow): RefresherSummary {
  return {
    id: row.id,
    cause: row.cause,
    dueAt: row.dueAt?.toISOString() ?? null,
    courseId: row.courseId,
    courseSlug: row.courseSlug,
    courseTitle: row.courseTitle,
    status: row.status,
    assignedAt: row.assignedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}
