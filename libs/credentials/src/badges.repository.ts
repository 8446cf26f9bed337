import { Injectable } from '@nestjs/common';
import { Database } from '@hearth/platform';
import type { JsonObject } from './badge-signing';

export interface BadgeRow {
  id: string;
  userId: string;
  courseId: string;
  courseVersion: number;
  name: string;
  description: string;
  issuedAt: Date;
  credential: JsonObject;
  revokedAt: Date | null;
  revocationReason: string | null;
}

const COLUMNS = `id, user_id AS "userId", course_id AS "courseId", course_version AS "courseVersion", name, description,
                 issued_at AS "issuedAt", credential, revoked_at AS "revokedAt", revocation_reason AS "revocationReason"`;

@Injectable()
export class BadgesRepository {
  constructor(private readonly db: Database) {}

  /** A new assertion; false when this person has the course's badge already. */
  async insert(badge: Omit<BadgeRow, 'revokedAt' | 'revocationReason'>): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO badge_assertion (id, user_id, course_id, course_version, name, description, issued_at, credential)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (user_id, course_id) DO NOTHING RETURNING id`,
      [badge.id, badge.userId, badge.courseId, badge.courseVersion, badge.name, badge.description, badge.issuedAt, JSON.stringify(badge.credential)],
    );
    return rows.length > 0;
  }

  find(id: string): Promise<BadgeRow | null> {
    return this.db.query<BadgeRow>(`SELECT ${COLUMNS} FROM badge_assertion WHERE id = $1`, [id]).then(([row]) => row ?? null);
  }

  lock(id: string): Promise<BadgeRow | null> {
    return this.db.query<BadgeRow>(`SELECT ${COLUMNS} FROM badge_assertion WHERE id = $1 FOR UPDATE`, [id]).then(([row]) => row ?? null);
  }

  ofUser(userId: string): Promise<BadgeRow[]> {
    return this.db.query<BadgeRow>(`SELECT ${COLUMNS} FROM badge_assertion WHERE user_id = $1 ORDER BY issued_at DESC`, [userId]);
  }

  async revoke(id: string, by: string, reason: string): Promise<void> {
    await this.db.execute('UPDATE badge_assertion SET revoked_at = now(), revoked_by = $2, revocation_reason = $3 WHERE id = $1', [id, by, reason]);
  }

  revoked(): Promise<Array<{ id: string; revocationReason: string | null }>> {
    return this.db.query('SELECT id, revocation_reason AS "revocationReason" FROM badge_assertion WHERE revoked_at IS NOT NULL ORDER BY revoked_at');
  }
}
