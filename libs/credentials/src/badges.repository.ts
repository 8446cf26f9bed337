import { Injectable } from '@nestjs/common';
import { Clock, Database } from '@hearth/platform';
import type { JsonObject } from './badge-signing';
import type { StatusPurpose } from './credential-status';

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
  statusIndex: number;
}

export interface RoleBadgeRow {
  id: string;
  grantId: string;
  userId: string;
  statusIndex: number;
  issuedAt: Date;
  credential: JsonObject;
}

/** Any badge, course or role, as the public routes show it, with its standing now. */
export interface PublicBadgeRow {
  kind: 'course' | 'role';
  id: string;
  credential: JsonObject;
  statusIndex: number;
  /** Revoked (a role badge: its grant revoked or expired): when, and why. */
  revokedAt: Date | null;
  revocationReason: string | null;
  suspended: boolean;
  suspendedUntil: Date | null;
}

const COLUMNS = `id, user_id, course_id, course_version, name, description,
                 issued_at, credential, revoked_at, revocation_reason, status_index`;

// A role badge's standing, read from its grant, the same way for the status lists and a
// badge's own verification. A grant past its end counts as expired before the sweep gets to it.
// `at` is the parameter holding the Clock's time (`$3::timestamptz`).
const roleBadgeRevoked = (at: string) => `(b.ended_at IS NOT NULL OR g.expires_at <= ${at})`;
const roleBadgeSuspended = (at: string) =>
  `(b.ended_at IS NULL AND g.status = 'suspended' AND (g.suspended_until IS NULL OR g.suspended_until > ${at}) AND (g.expires_at IS NULL OR g.expires_at > ${at}))`;
const EXPIRED = 'The role’s term ended.';

@Injectable()
export class BadgesRepository {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** A place in the status lists, never given twice (a badge not inserted after all leaves a gap, which is harmless). */
  async nextStatusIndex(): Promise<number> {
    const [row] = await this.db.query<{ index: number }>(`SELECT nextval('credential_status_index_seq')::integer AS index`);
    return row.index;
  }

  /** A new assertion; false when this person has the course's badge already. */
  async insert(badge: Omit<BadgeRow, 'revokedAt' | 'revocationReason'>): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO badge_assertion (id, user_id, course_id, course_version, name, description, issued_at, credential, status_index)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (user_id, course_id) DO NOTHING RETURNING id`,
      [badge.id, badge.userId, badge.courseId, badge.courseVersion, badge.name, badge.description, badge.issuedAt, JSON.stringify(badge.credential), badge.statusIndex],
    );
    return rows.length > 0;
  }

  find(id: string): Promise<BadgeRow | null> {
    return this.db.query<BadgeRow>(`SELECT ${COLUMNS} FROM badge_assertion WHERE id = $1`, [id]).then(([row]) => row ?? null);
  }

  /** A course or role badge by its id, in one statement. */
  findPublic(id: string): Promise<PublicBadgeRow | null> {
    return this.db
      .query<PublicBadgeRow>(
        `SELECT 'course' AS kind, id, credential, status_index, revoked_at, revocation_reason,
                false AS suspended, NULL::timestamptz AS suspended_until
           FROM badge_assertion WHERE id = $1
         UNION ALL
         SELECT 'role', b.id, b.credential, b.status_index, COALESCE(b.ended_at, CASE WHEN g.expires_at <= $3::timestamptz THEN g.expires_at END),
                COALESCE(b.end_reason, CASE WHEN g.expires_at <= $3::timestamptz THEN $2 END), ${roleBadgeSuspended('$3::timestamptz')},
                CASE WHEN ${roleBadgeSuspended('$3::timestamptz')} THEN g.suspended_until END
           FROM role_badge b JOIN role_grant g ON g.id = b.grant_id WHERE b.id = $1`,
        [id, EXPIRED, this.clock.now()],
      )
      .then(([row]) => row ?? null);
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
    return this.db.query('SELECT id, revocation_reason FROM badge_assertion WHERE revoked_at IS NOT NULL ORDER BY revoked_at');
  }

  /**
   * The status indexes in [from, to) whose bit is set in the `purpose` list, in one
   * statement: revoked course badges and role badges whose grant ended; role badges whose
   * grant is suspended now.
   */
  async statusIndexes(purpose: StatusPurpose, from: number, to: number): Promise<number[]> {
    const sql =
      purpose === 'revocation'
        ? `SELECT status_index AS i FROM badge_assertion WHERE revoked_at IS NOT NULL AND status_index >= $1 AND status_index < $2
           UNION ALL
           SELECT b.status_index FROM role_badge b JOIN role_grant g ON g.id = b.grant_id WHERE ${roleBadgeRevoked('$3::timestamptz')} AND b.status_index >= $1 AND b.status_index < $2
           ORDER BY 1`
        : `SELECT b.status_index AS i FROM role_badge b JOIN role_grant g ON g.id = b.grant_id WHERE ${roleBadgeSuspended('$3::timestamptz')} AND b.status_index >= $1 AND b.status_index < $2
           ORDER BY 1`;
    return (await this.db.query<{ i: number }>(sql, [from, to, this.clock.now()])).map((row) => row.i);
  }

  /** A role badge for a grant; false when the grant has one in force already. */
  async insertRoleBadge(badge: RoleBadgeRow): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO role_badge (id, grant_id, user_id, status_index, issued_at, credential) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (grant_id) WHERE ended_at IS NULL DO NOTHING RETURNING id`,
      [badge.id, badge.grantId, badge.userId, badge.statusIndex, badge.issuedAt, JSON.stringify(badge.credential)],
    );
    return rows.length > 0;
  }

  /** The grants among these that have a role badge in force, and its id. */
  async liveRoleBadges(grantIds: string[]): Promise<Map<string, string>> {
    if (grantIds.length === 0) return new Map();
    const rows = await this.db.query<{ grantId: string; id: string }>(`SELECT grant_id, id FROM role_badge WHERE grant_id = ANY($1::uuid[]) AND ended_at IS NULL`, [grantIds]);
    return new Map(rows.map((row) => [row.grantId, row.id]));
  }

  /** Grants held now that have no role badge in force: those made before role badges, or to an address not yet verified. */
  async heldGrantsWithoutRoleBadge(): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT g.id FROM role_grant g
        WHERE g.status IN ('active', 'suspended') AND (g.expires_at IS NULL OR g.expires_at > $1::timestamptz)
          AND NOT EXISTS (SELECT 1 FROM role_badge b WHERE b.grant_id = g.id AND b.ended_at IS NULL)`,
      [this.clock.now()],
    );
    return rows.map((row) => row.id);
  }

  /** Every role badge issued to the person, ended or not, newest first: for their export. */
  roleBadgesOfUser(userId: string): Promise<Array<{ roleKey: string; issuedAt: Date; endedAt: Date | null; endReason: string | null; credential: JsonObject }>> {
    return this.db.query(
      `SELECT g.role_key, b.issued_at, b.ended_at, b.end_reason, b.credential
         FROM role_badge b JOIN role_grant g ON g.id = b.grant_id WHERE b.user_id = $1 ORDER BY b.issued_at DESC`,
      [userId],
    );
  }

  /** The grant's role badge ends for good (revoked or expired): its revocation bit is set from now on. */
  async endRoleBadge(grantId: string, reason: string | null): Promise<void> {
    await this.db.execute('UPDATE role_badge SET ended_at = $3::timestamptz, end_reason = $2 WHERE grant_id = $1 AND ended_at IS NULL', [grantId, reason ?? EXPIRED, this.clock.now()]);
  }
}
