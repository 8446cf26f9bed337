import { Injectable } from '@nestjs/common';
import type { GrantEventKind, GrantRequestKind, GrantSource, GrantStatus, RequestEvidence, RequestStatus, SuspensionCause } from '@hearth/contracts';
import { Clock, Database } from '@hearth/platform';

export interface GrantRow {
  id: string;
  userId: string;
  roleKey: string;
  roleVersion: number;
  status: GrantStatus;
  source: GrantSource;
  grantedAt: Date;
  expiresAt: Date | null;
  warnedAt: Date | null;
  suspensionCause: SuspensionCause | null;
  suspensionReason: string | null;
  suspendedAt: Date | null;
  suspendedUntil: Date | null;
  /** The refresher the suspension waits on. */
  suspensionRefresherId: string | null;
  /** Since when it is in force (granted, or reinstated): an activity rule's window counts from here. */
  activeSince: Date;
  /** When its holder was told they host too little for its activity rule. */
  activityWarnedAt: Date | null;
}

export interface RequestRow {
  id: string;
  kind: GrantRequestKind;
  grantId: string | null;
  refresherId: string | null;
  userId: string;
  roleKey: string;
  roleVersion: number;
  status: RequestStatus;
  evidence: RequestEvidence;
  createdAt: Date;
  createdKey: string;
  decidedAt: Date | null;
  decidedBy: string | null;
  reason: string | null;
}

export interface GrantEventRow {
  id: string;
  userId: string;
  kind: GrantEventKind;
  roleKey: string;
  roleVersion: number;
  grantId: string | null;
  requestId: string | null;
  actorId: string | null;
  reason: string | null;
  at: Date;
}

const GRANT = `id, user_id, role_key, role_version, status, source,
               granted_at, expires_at, warned_at,
               suspension_cause, suspension_reason,
               suspended_at, suspended_until, suspension_refresher_id, active_since, activity_warned_at`;
/** In force at `at` (a parameter holding the Clock's time, as `$3::timestamptz`): active and not past its end. */
const inForce = (at: string) => `status = 'active' AND (expires_at IS NULL OR expires_at > ${at})`;
/** Held: in force, or suspended (the grant stands; its powers are held back). */
const held = (at: string) => `status IN ('active', 'suspended') AND (expires_at IS NULL OR expires_at > ${at})`;
const CURRENT_RULE = `JOIN facilitator_role r ON r.key = g.role_key JOIN facilitator_role_version v ON v.role_key = r.key AND v.version = r.current_version`;
const REQUEST = `id, kind, grant_id, refresher_id, user_id, role_key, role_version, status, evidence,
                 created_at, created_at::text AS created_key, decided_at, decided_by, reason`;

@Injectable()
export class GrantsRepository {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /**
   * Serialises changes to one person's roles until the transaction ends: two completions,
   * or a reinstatement and an automatic grant, landing together take turns, and the second
   * sees what the first did.
   */
  async lockPerson(userId: string): Promise<void> {
    await this.db.query("SELECT pg_advisory_xact_lock(hashtext('role_grant:' || $1))", [userId]);
  }

  /** Whether an admin took this role from the person, or turned their request down: then only an admin brings it back. */
  async refusedBefore(userId: string, roleKey: string): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM role_grant WHERE user_id = $1 AND role_key = $2 AND status = 'revoked'
       UNION ALL SELECT 1 FROM grant_request WHERE user_id = $1 AND role_key = $2 AND status = 'denied' AND kind = 'grant' LIMIT 1`,
      [userId, roleKey],
    );
    return rows.length > 0;
  }

  /** A new active grant; null when the person holds the role already, suspended or not (the unique key decides, even under races). */
  async insertGrant(grant: Pick<GrantRow, 'userId' | 'roleKey' | 'roleVersion' | 'source' | 'grantedAt' | 'expiresAt'>): Promise<GrantRow | null> {
    const [row] = await this.db.query<GrantRow>(
      `INSERT INTO role_grant (user_id, role_key, role_version, status, source, granted_at, expires_at, active_since) VALUES ($1, $2, $3, 'active', $4, $5, $6, $5)
       ON CONFLICT (user_id, role_key) WHERE status IN ('active', 'suspended') DO NOTHING RETURNING ${GRANT}`,
      [grant.userId, grant.roleKey, grant.roleVersion, grant.source, grant.grantedAt, grant.expiresAt],
    );
    return row ?? null;
  }

  findGrant(id: string): Promise<GrantRow | null> {
    return this.db.query<GrantRow>(`SELECT ${GRANT} FROM role_grant WHERE id = $1`, [id]).then(([row]) => row ?? null);
  }

  lockGrant(id: string): Promise<GrantRow | null> {
    return this.db.query<GrantRow>(`SELECT ${GRANT} FROM role_grant WHERE id = $1 FOR UPDATE`, [id]).then(([row]) => row ?? null);
  }

  /**
   * Any status but suspended (which `suspend` sets); a suspension ends with it. In force again,
   * its activity counts afresh from the Clock's now.
   */
  async setStatus(id: string, status: Exclude<GrantStatus, 'suspended'>, changes: { expiresAt?: Date | null } = {}): Promise<void> {
    await this.db.execute(
      `UPDATE role_grant SET status = $2, suspension_cause = NULL, suspension_reason = NULL, suspended_at = NULL, suspended_until = NULL, suspension_refresher_id = NULL,
              active_since = CASE WHEN $2 = 'active' THEN $3::timestamptz ELSE active_since END, activity_warned_at = NULL
              ${'expiresAt' in changes ? ', expires_at = $4, warned_at = NULL' : ''} WHERE id = $1`,
      'expiresAt' in changes ? [id, status, this.clock.now(), changes.expiresAt] : [id, status, this.clock.now()],
    );
  }

  async setActivityWarned(id: string, at: Date | null): Promise<void> {
    await this.db.execute('UPDATE role_grant SET activity_warned_at = $2 WHERE id = $1', [id, at]);
  }

  async suspend(id: string, suspension: { cause: SuspensionCause; reason: string; until: Date | null; at?: Date; refresherId?: string | null }): Promise<void> {
    await this.db.execute(
      `UPDATE role_grant SET status = 'suspended', suspension_cause = $2, suspension_reason = $3, suspended_at = $5::timestamptz, suspended_until = $4, suspension_refresher_id = $6
        WHERE id = $1`,
      [id, suspension.cause, suspension.reason, suspension.until, suspension.at ?? this.clock.now(), suspension.refresherId ?? null],
    );
  }

  /** Who holds (in force or suspended) any of these roles now, each once. */
  async heldByAny(roleKeys: string[]): Promise<string[]> {
    if (roleKeys.length === 0) return [];
    const rows = await this.db.query<{ userId: string }>(
      `SELECT DISTINCT user_id FROM role_grant WHERE role_key = ANY($1::text[]) AND ${held('$2::timestamptz')} ORDER BY user_id`,
      [roleKeys, this.clock.now()],
    );
    return rows.map((row) => row.userId);
  }

  /** This person's active grants of roles whose current rule names the course, locked. */
  activeBuiltOn(userId: string, courseId: string): Promise<GrantRow[]> {
    return this.db.query<GrantRow>(
      `SELECT ${GRANT} FROM role_grant WHERE id IN (SELECT g.id FROM role_grant g ${CURRENT_RULE} WHERE g.user_id = $1 AND g.status = 'active' AND v.rule->'courseIds' ? $2)
        ORDER BY granted_at FOR UPDATE`,
      [userId, courseId],
    );
  }

  /** The roles, of those whose current rule names the course, that the person holds (in force or suspended). */
  async heldBuiltOn(userId: string, courseId: string): Promise<string[]> {
    const rows = await this.db.query<{ roleKey: string }>(
      `SELECT g.role_key FROM role_grant g ${CURRENT_RULE} WHERE g.user_id = $1 AND g.status IN ('active', 'suspended') AND v.rule->'courseIds' ? $2 ORDER BY g.role_key`,
      [userId, courseId],
    );
    return rows.map((row) => row.roleKey);
  }

  /** Whether the person holds, suspended for a reason other than a recertification, a role whose current rule names the course. */
  async suspendedBuiltOn(userId: string, courseId: string): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM role_grant g ${CURRENT_RULE} WHERE g.user_id = $1 AND g.status = 'suspended' AND g.suspension_cause <> 'recertification' AND v.rule->'courseIds' ? $2 LIMIT 1`,
      [userId, courseId],
    );
    return rows.length > 0;
  }

  /** The grants whose suspension waits on this refresher, locked. */
  waitingOn(refresherId: string): Promise<GrantRow[]> {
    return this.db.query<GrantRow>(`SELECT ${GRANT} FROM role_grant WHERE suspension_refresher_id = $1 AND status = 'suspended' ORDER BY granted_at FOR UPDATE`, [refresherId]);
  }

  /** Suspensions waiting on one refresher wait on another (it took the first's place). */
  async rewait(from: string, to: string): Promise<void> {
    await this.db.execute('UPDATE role_grant SET suspension_refresher_id = $2 WHERE suspension_refresher_id = $1', [from, to]);
  }

  /** The grant, held back by the clock no longer but by a missing prerequisite: it stays suspended, for that reason. */
  async recause(id: string, reason: string): Promise<void> {
    await this.db.execute(`UPDATE role_grant SET suspension_cause = 'prerequisite', suspension_reason = $2, suspended_until = NULL, suspension_refresher_id = NULL WHERE id = $1`, [id, reason]);
  }

  /**
   * This person's grants, active or suspended, of roles whose current rule builds on
   * `roleKey`, locked: the ones that fall with it.
   */
  dependentsOf(userId: string, roleKey: string, status: 'active' | 'suspended'): Promise<GrantRow[]> {
    return this.db.query<GrantRow>(
      `SELECT ${GRANT} FROM role_grant
        WHERE id IN (SELECT g.id FROM role_grant g ${CURRENT_RULE}
                      WHERE g.user_id = $1 AND g.status = $3 AND v.rule->'roleKeys' ? $2${status === 'suspended' ? ` AND g.suspension_cause = 'prerequisite'` : ''})
        ORDER BY granted_at FOR UPDATE`,
      [userId, roleKey, status],
    );
  }

  /** Grants in force: active, and not past their end (the sweep may not have come by yet). */
  active(userId: string): Promise<GrantRow[]> {
    return this.db.query<GrantRow>(`SELECT ${GRANT} FROM role_grant WHERE user_id = $1 AND ${inForce('$2::timestamptz')} ORDER BY granted_at`, [userId, this.clock.now()]);
  }

  /** Everyone holding a role now. */
  holdersOf(roleKey: string): Promise<string[]> {
    return this.db
      .query<{ userId: string }>(`SELECT user_id FROM role_grant WHERE role_key = $1 AND ${inForce('$2::timestamptz')}`, [roleKey, this.clock.now()])
      .then((rows) => rows.map((row) => row.userId));
  }

  /** Grants held, suspended ones included: what a person's roles page lists. */
  held(userId: string): Promise<GrantRow[]> {
    return this.db.query<GrantRow>(`SELECT ${GRANT} FROM role_grant WHERE user_id = $1 AND ${held('$2::timestamptz')} ORDER BY granted_at`, [userId, this.clock.now()]);
  }

  /** The grant of a role this person holds, suspended or not. */
  heldOf(userId: string, roleKey: string): Promise<GrantRow | null> {
    return this.db.query<GrantRow>(`SELECT ${GRANT} FROM role_grant WHERE user_id = $1 AND role_key = $2 AND ${held('$3::timestamptz')}`, [userId, roleKey, this.clock.now()]).then(([row]) => row ?? null);
  }

  activeOf(userId: string, roleKey: string): Promise<GrantRow | null> {
    return this.db
      .query<GrantRow>(`SELECT ${GRANT} FROM role_grant WHERE user_id = $1 AND role_key = $2 AND ${inForce('$3::timestamptz')}`, [userId, roleKey, this.clock.now()])
      .then(([row]) => row ?? null);
  }

  ofUser(userId: string): Promise<GrantRow[]> {
    return this.db.query<GrantRow>(`SELECT ${GRANT} FROM role_grant WHERE user_id = $1 ORDER BY granted_at DESC`, [userId]);
  }

  /** One person's grant of a role that is still marked held though its end has passed, locked. */
  endedOf(userId: string, roleKey: string): Promise<GrantRow | null> {
    return this.db
      .query<GrantRow>(`SELECT ${GRANT} FROM role_grant WHERE user_id = $1 AND role_key = $2 AND status IN ('active', 'suspended') AND expires_at <= $3::timestamptz FOR UPDATE`, [
        userId,
        roleKey,
        this.clock.now(),
      ])
      .then(([row]) => row ?? null);
  }

  /** Held grants past their end, for the sweep (which locks each with its person). */
  dueToExpire(now: Date, limit: number): Promise<GrantRow[]> {
    return this.db.query<GrantRow>(`SELECT ${GRANT} FROM role_grant WHERE status IN ('active', 'suspended') AND expires_at <= $1 ORDER BY expires_at LIMIT $2`, [now, limit]);
  }

  /** Suspensions whose time is up, for the sweep. */
  dueToRestore(now: Date, limit: number): Promise<GrantRow[]> {
    return this.db.query<GrantRow>(`SELECT ${GRANT} FROM role_grant WHERE status = 'suspended' AND suspended_until <= $1 ORDER BY suspended_until LIMIT $2`, [now, limit]);
  }

  /** The next moment a grant ends or a suspension is lifted, if any: when the deadline clock wakes. */
  async nextDeadline(): Promise<Date | null> {
    const [row] = await this.db.query<{ at: Date | null }>(
      `SELECT least((SELECT min(expires_at) FROM role_grant WHERE status IN ('active', 'suspended') AND expires_at IS NOT NULL),
                    (SELECT min(suspended_until) FROM role_grant WHERE status = 'suspended' AND suspended_until IS NOT NULL)) AS at`,
    );
    return row.at;
  }

  /** Active grants ending before `until` whose holders have not been warned; marked warned as they are read. */
  async takeDueWarnings(until: Date, limit: number): Promise<GrantRow[]> {
    return this.db.query<GrantRow>(
      `UPDATE role_grant SET warned_at = $3::timestamptz
        WHERE id IN (SELECT id FROM role_grant WHERE status IN ('active', 'suspended') AND warned_at IS NULL AND expires_at <= $1
                      ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING ${GRANT}`,
      [until, limit, this.clock.now()],
    );
  }

  async insertEvent(event: Omit<GrantEventRow, 'id' | 'at'>): Promise<void> {
    await this.db.execute(
      `INSERT INTO grant_event (user_id, kind, role_key, role_version, grant_id, request_id, actor_id, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [event.userId, event.kind, event.roleKey, event.roleVersion, event.grantId, event.requestId, event.actorId, event.reason],
    );
  }

  events(userId: string): Promise<GrantEventRow[]> {
    return this.db.query<GrantEventRow>(
      `SELECT id::text, user_id, kind, role_key, role_version, grant_id,
              request_id, actor_id, reason, at
         FROM grant_event e WHERE e.user_id = $1 ORDER BY e.at DESC, e.id DESC`,
      [userId],
    );
  }

  /**
   * A pending request (a reinstatement when it names the grant and the refresher); null when
   * one is pending already for this person and role.
   */
  async insertRequest(
    request: Pick<RequestRow, 'userId' | 'roleKey' | 'roleVersion' | 'evidence'> & Partial<Pick<RequestRow, 'grantId' | 'refresherId'>>,
  ): Promise<RequestRow | null> {
    const [row] = await this.db.query<RequestRow>(
      `INSERT INTO grant_request (user_id, role_key, role_version, evidence, kind, grant_id, refresher_id)
       VALUES ($1, $2, $3, $4, CASE WHEN $5::uuid IS NULL THEN 'grant' ELSE 'reinstatement' END, $5, $6)
       ON CONFLICT (user_id, role_key) WHERE status = 'pending' DO NOTHING RETURNING ${REQUEST}`,
      [request.userId, request.roleKey, request.roleVersion, JSON.stringify(request.evidence), request.grantId ?? null, request.refresherId ?? null],
    );
    return row ?? null;
  }

  findRequest(id: string): Promise<RequestRow | null> {
    return this.db.query<RequestRow>(`SELECT ${REQUEST} FROM grant_request WHERE id = $1`, [id]).then(([row]) => row ?? null);
  }

  lockRequest(id: string): Promise<RequestRow | null> {
    return this.db.query<RequestRow>(`SELECT ${REQUEST} FROM grant_request WHERE id = $1 FOR UPDATE`, [id]).then(([row]) => row ?? null);
  }

  pendingOf(userId: string, roleKey: string): Promise<RequestRow | null> {
    return this.db
      .query<RequestRow>(`SELECT ${REQUEST} FROM grant_request WHERE user_id = $1 AND role_key = $2 AND status = 'pending'`, [userId, roleKey])
      .then(([row]) => row ?? null);
  }

  pendingRoleKeys(userId: string): Promise<string[]> {
    return this.db
      .query<{ roleKey: string }>(`SELECT role_key FROM grant_request WHERE user_id = $1 AND status = 'pending'`, [userId])
      .then((rows) => rows.map((row) => row.roleKey));
  }

  /** Closes a reinstatement still waiting for a grant that came back or ended another way; whether there was one. */
  async closeReinstatementsOf(grantId: string, reason: string): Promise<boolean> {
    return (await this.db.execute(`UPDATE grant_request SET status = 'denied', decided_at = now(), reason = $2 WHERE grant_id = $1 AND status = 'pending'`, [grantId, reason])) > 0;
  }

  /** Declines every request of the person still waiting, without a notice (their account is going). */
  async closePendingOf(userId: string, decidedBy: string, reason: string): Promise<void> {
    await this.db.execute(`UPDATE grant_request SET status = 'denied', decided_at = now(), decided_by = $2, reason = $3 WHERE user_id = $1 AND status = 'pending'`, [userId, decidedBy, reason]);
  }

  async decide(id: string, status: 'approved' | 'denied', decidedBy: string, reason: string | null): Promise<void> {
    await this.db.execute('UPDATE grant_request SET status = $2, decided_by = $3, decided_at = now(), reason = $4 WHERE id = $1', [id, status, decidedBy, reason]);
  }

  /** Requests by status, oldest first (the queue is worked in order), `limit + 1` after the cursor. */
  requestsPage(status: RequestStatus, after: Array<string | number> | null, limit: number): Promise<RequestRow[]> {
    return this.db.query<RequestRow>(
      `SELECT ${REQUEST} FROM grant_request
        WHERE status = $1${after ? ' AND (created_at, id) > ($3::timestamptz, $4::uuid)' : ''}
        ORDER BY created_at, id LIMIT $2`,
      [status, limit + 1, ...(after ?? [])],
    );
  }
}
