import { Injectable } from '@nestjs/common';
import type { PermissionBundle, PlatformRole, RoleEffects } from '@hearth/contracts';
import { camelCaseKeys, Clock, Database } from '@hearth/platform';
import type { Member } from './chat-access';
import type { RoomRow, SessionRow } from './chat.repository';
import { ACCESS_SQL, IN_FORCE, MEMBER, type MemberColumns, NAMED_SQL, sessionFromJson, toMember } from './chat.sql';

/** Everything one action in a room needs to know, read in one query. */
export interface RoomAccess {
  room: RoomRow;
  /** Null when the chat has no record of the person (no such account). */
  member: Member | null;
  bannedUntil: Date | null;
  mutedUntil: Date | null;
  session: SessionRow | null;
  /** The person's last message in the room, when slow mode is on and it was within its window. */
  lastPostAt: Date | null;
}

/**
 * The chat's read model of people: names, admin or not, roles in force with their powers
 * and rooms, course badges. Written by ChatEvents (chat.events.ts) inside the transactions that
 * change them elsewhere; read here, each read one statement.
 */
@Injectable()
export class StandingRepository {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** A person and a room, with their mute, removal, the running session and slow mode's last post: one query. */
  async access(userId: string, roomId: string): Promise<RoomAccess | null> {
    const [row] = await this.db.query<RoomRow & { member: Record<string, unknown> | null; bannedUntil: Date | null; mutedUntil: Date | null; session: Record<string, string> | null; lastPostAt: Date | null }>(
      ACCESS_SQL,
      [userId, roomId, this.clock.now()],
    );
    if (!row) return null;
    const { member, bannedUntil, mutedUntil, session, lastPostAt, ...room } = row;
    return { room, member: member ? toMember(camelCaseKeys(member)) : null, bannedUntil, mutedUntil, session: session ? sessionFromJson(session) : null, lastPostAt };
  }

  /** A person, and the rooms they are kept out of now (for a list of rooms). */
  async member(userId: string): Promise<{ member: Member; bannedFrom: Map<string, Date> } | null> {
    const [row] = await this.db.query<MemberColumns & { bans: Array<{ roomId: string; until: string }> }>(
      `SELECT ${MEMBER('m', '$1', '$2::timestamptz')},
              coalesce((SELECT json_agg(json_build_object('roomId', s.room_id, 'until', s.ends_at)) FROM chat_sanction s
                         WHERE s.user_id = $1 AND s.kind = 'ban' AND s.lifted_at IS NULL AND s.ends_at > $2::timestamptz), '[]'::json) AS bans
         FROM chat_member m WHERE m.user_id = $1`,
      [userId, this.clock.now()],
    );
    if (!row) return null;
    const bannedFrom = new Map<string, Date>();
    for (const ban of row.bans) {
      const until = new Date(ban.until);
      if (!bannedFrom.has(ban.roomId) || bannedFrom.get(ban.roomId)! < until) bannedFrom.set(ban.roomId, until);
    }
    return { member: toMember(row), bannedFrom };
  }

  /** The people with these usernames (any case), each with their removal from a room: who a mention may tell. */
  async named(usernames: string[], roomId: string): Promise<Array<{ member: Member; bannedUntil: Date | null }>> {
    if (usernames.length === 0) return [];
    const rows = await this.db.query<MemberColumns & { bannedUntil: Date | null }>(
      NAMED_SQL,
      [usernames.map((name) => name.toLowerCase()), roomId, this.clock.now()],
    );
    return rows.map(({ bannedUntil, ...member }) => ({ member: toMember(member), bannedUntil }));
  }

  /**
   * Everyone holding a role with `bundle` powers in this room (not admins), with their
   * removal from it: reports go to its moderators, a call for a host to its on-spot hosts.
   */
  async holdersCovering(room: Pick<RoomRow, 'id' | 'tags'>, bundle: PermissionBundle): Promise<Array<{ member: Member; bannedUntil: Date | null }>> {
    const rows = await this.db.query<MemberColumns & { bannedUntil: Date | null }>(
      `SELECT ${MEMBER('m', 'm.user_id', '$4::timestamptz')}, ${IN_FORCE('ban', 'm.user_id', '$1', '$4::timestamptz')} AS banned_until
         FROM chat_member m
        WHERE m.user_id IN (SELECT mr.user_id FROM chat_member_role mr JOIN chat_role cr ON cr.key = mr.role_key
                             WHERE cr.bundle = $3 AND (mr.expires_at IS NULL OR mr.expires_at > $4::timestamptz)
                               AND ($1::uuid = ANY(cr.room_ids) OR cr.room_tags && $2::text[]))`,
      [room.id, room.tags, bundle, this.clock.now()],
    );
    return rows.map(({ bannedUntil, ...member }) => ({ member: toMember(member), bannedUntil }));
  }

  /** The people who are admins now. */
  async admins(): Promise<string[]> {
    return (await this.db.query<{ userId: string }>('SELECT user_id FROM chat_member WHERE admin')).map((row) => row.userId);
  }

  /** The names of these roles, as the chat knows them. */
  async roleNames(keys: string[]): Promise<Map<string, string>> {
    if (keys.length === 0) return new Map();
    const rows = await this.db.query<{ key: string; name: string }>('SELECT key, name FROM chat_role WHERE key = ANY($1::text[])', [keys]);
    return new Map(rows.map((row) => [row.key, row.name]));
  }

  /** These people as the chat knows them. */
  async people(userIds: string[]): Promise<Map<string, Member>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.db.query<MemberColumns>(`SELECT ${MEMBER('m', 'm.user_id', '$2::timestamptz')} FROM chat_member m WHERE m.user_id = ANY($1::uuid[])`, [userIds, this.clock.now()]);
    return new Map(rows.map((row) => [row.userId, toMember(row)]));
  }

  // Written by ChatEvents, in the transactions of the changes they follow.

  async saveMember(member: { userId: string; username: string; displayName: string; platformRoles: PlatformRole[] }): Promise<void> {
    await this.db.execute(
      `INSERT INTO chat_member (user_id, username, display_name, admin) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name, admin = excluded.admin`,
      [member.userId, member.username, member.displayName, member.platformRoles.includes('admin')],
    );
  }

  async renameMember(userId: string, username: string, displayName: string): Promise<void> {
    await this.db.execute('UPDATE chat_member SET username = $2, display_name = $3 WHERE user_id = $1', [userId, username, displayName]);
  }

  async setAdmin(userId: string, admin: boolean): Promise<void> {
    await this.db.execute('UPDATE chat_member SET admin = $2 WHERE user_id = $1', [userId, admin]);
  }

  async saveRole(key: string, name: string, effects: RoleEffects): Promise<void> {
    await this.db.execute(
      `INSERT INTO chat_role (key, name, bundle, room_ids, room_tags, probation) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (key) DO UPDATE SET name = excluded.name, bundle = excluded.bundle, room_ids = excluded.room_ids,
                                       room_tags = excluded.room_tags, probation = excluded.probation`,
      [key, name, effects.bundle, effects.roomIds, effects.roomTags, effects.probation ? JSON.stringify(effects.probation) : null],
    );
  }

  async holdRole(grant: { userId: string; roleKey: string; grantId: string; grantedAt: Date; expiresAt: Date | null }): Promise<void> {
    await this.db.execute(
      `INSERT INTO chat_member_role (user_id, role_key, grant_id, granted_at, expires_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, role_key) DO UPDATE SET grant_id = excluded.grant_id, granted_at = excluded.granted_at, expires_at = excluded.expires_at`,
      [grant.userId, grant.roleKey, grant.grantId, grant.grantedAt, grant.expiresAt],
    );
  }

  /** A grant no longer in force (suspended, revoked, expired). */
  async dropRole(grantId: string): Promise<void> {
    await this.db.execute('DELETE FROM chat_member_role WHERE grant_id = $1', [grantId]);
  }

  async holdBadge(userId: string, courseId: string): Promise<void> {
    await this.db.execute('INSERT INTO chat_member_badge (user_id, course_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [userId, courseId]);
  }

  async dropBadge(userId: string, courseId: string): Promise<void> {
    await this.db.execute('DELETE FROM chat_member_badge WHERE user_id = $1 AND course_id = $2', [userId, courseId]);
  }
}
