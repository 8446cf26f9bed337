import { Injectable } from '@nestjs/common';
import type { RefresherStatus, RefresherSummary } from '@hearth/contracts';
import { Database } from '@hearth/platform';

export interface RefresherRow {
  id: string;
  userId: string;
  grantId: string;
  courseId: string;
  courseSlug: string;
  courseTitle: string;
  cause: 'complaint';
  reason: string;
  assignedBy: string | null;
  assignedAt: Date;
  status: RefresherStatus;
  closedAt: Date | null;
}

/** Refreshers asked of facilitators whose role is suspended until they redo a course. */
@Injectable()
export class RefreshersRepository {
  constructor(private readonly db: Database) {}

  async insert(refresher: Omit<RefresherRow, 'id' | 'status' | 'closedAt'>): Promise<RefresherRow> {
    const [row] = await this.db.insert<RefresherRow>('refresher', refresher);
    return row;
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

  /** The latest refresher of each grant given (the one a suspension waits on), as pages show it. */
  async latestOf(grantIds: string[]): Promise<Map<string, RefresherSummary>> {
    if (grantIds.length === 0) return new Map();
    const rows = await this.db.query<RefresherRow>(
      `SELECT DISTINCT ON (grant_id) * FROM refresher WHERE grant_id = ANY($1::uuid[]) ORDER BY grant_id, assigned_at DESC`,
      [grantIds],
    );
    return new Map(rows.map((row) => [row.grantId, summaryOf(row)]));
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
    courseId: row.courseId,
    courseSlug: row.courseSlug,
    courseTitle: row.courseTitle,
    status: row.status,
    assignedAt: row.assignedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}
