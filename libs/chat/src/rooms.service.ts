import { Injectable } from '@nestjs/common';
import type { ChatMessage, ChatRoom, ChatSession, CreateRoomRequest, RoomLock, RoomMember, UnmetCondition, UpdateRoomRequest } from '@hearth/contracts';
import { UNTAGGED_SESSION_KIND } from '@hearth/contracts';
import { CoursesService } from '@hearth/courses';
import { GrantsService, RolesService } from '@hearth/credentials';
import { type AuthUser, UsersService } from '@hearth/identity';
import { Database, ValidationFailedError } from '@hearth/platform';
import { covers, facilitates, isLocked, type Member, postingIn, type Standing, standingIn } from './chat-access';
import { ChatBroadcast } from './chat-broadcast';
import { ChatPowers } from './chat-powers';
import { ChatError, ChatErrorCode, roomNotFound } from './chat.errors';
import { ChatRepository, type MessageRow, type RoomRow, type SessionRow } from './chat.repository';
import { messageView } from './message-view';
import { SanctionsRepository } from './sanctions.repository';
import { type RoomAccess, StandingRepository } from './standing.repository';

/** A room someone may be in, with everything an action there needs: one read of the chat's own tables. */
export interface InRoom extends RoomAccess {
  member: Member;
  standing: Standing;
}

/** Rooms: the list with what each one lets me do, and their administration. */
@Injectable()
export class RoomsService {
  constructor(
    private readonly db: Database,
    private readonly chat: ChatRepository,
    private readonly standings: StandingRepository,
    private readonly broadcast: ChatBroadcast,
    private readonly users: UsersService,
    private readonly roles: RolesService,
    private readonly grants: GrantsService,
    private readonly courses: CoursesService,
    private readonly powers: ChatPowers,
    private readonly sanctions: SanctionsRepository,
  ) {}

  /** Every room (archived ones for admins too), each with whether I may enter and, if not, why. */
  async list(caller: AuthUser): Promise<ChatRoom[]> {
    const found = await this.memberOf(caller.id);
    if (!found) return [];
    const { member, bannedFrom } = found;
    const rooms = await this.chat.rooms(member.admin);
    const [sessions, names] = await Promise.all([this.chat.running(rooms.map((room) => room.id)), this.lockNames(rooms)]);
    const steps = new Map<string, Promise<UnmetCondition[]>>();
    return Promise.all(
      rooms.map((room) => {
        const session = sessions.get(room.id) ?? null;
        return this.view(member, room, session, standingIn(member, room, { bannedUntil: bannedFrom.get(room.id) ?? null, session }), { names, steps });
      }),
    );
  }

  /**
   * The rooms I may enter now (archived ones left out), without building their views: the
   * list's rule (standingIn) on the chat's own tables, for what only needs which rooms.
   */
  async openTo(caller: AuthUser): Promise<RoomRow[]> {
    const found = await this.memberOf(caller.id);
    if (!found) return [];
    const { member, bannedFrom } = found;
    const rooms = await this.chat.rooms(false);
    return rooms.filter((room) => standingIn(member, room, { bannedUntil: bannedFrom.get(room.id) ?? null, session: null }).canEnter);
  }

  /** One room as I may use it (or, locked to me, what would open it). */
  async get(caller: AuthUser, roomId: string): Promise<ChatRoom> {
    const { room, member, session, standing, mutedUntil } = await this.read(caller.id, roomId);
    return this.view(member, room, session, standing, undefined, mutedUntil);
  }

  /**
   * Me in a room I may enter, with my standing there, in one query; refused otherwise. What
   * every send, moderation step and session action starts from.
   */
  async access(caller: AuthUser | { id: string }, roomId: string): Promise<InRoom> {
    const found = await this.read(caller.id, roomId);
    if (!found.standing.canEnter) {
      const until = found.standing.banned;
      throw new ChatError(
        ChatErrorCode.RoomClosed,
        until ? `You were removed from this room until ${until.toISOString().slice(0, 16).replace('T', ' ')} UTC.` : 'This room is locked; see what would open it.',
      );
    }
    return found;
  }

  /** As `access`, with the room as I may use it (for a join). */
  async enterable(caller: AuthUser | { id: string }, roomId: string): Promise<InRoom & { view: ChatRoom }> {
    const found = await this.access(caller, roomId);
    return { ...found, view: await this.view(found.member, found.room, found.session, found.standing, undefined, found.mutedUntil) };
  }

  /** Someone's standing in a room, whether or not they may enter; a room they may not see is not found. */
  async read(userId: string, roomId: string): Promise<InRoom> {
    let found = await this.standings.access(userId, roomId);
    // An account the chat has not heard of (made before it followed identity's events, or
    // by hand in the database): its record is made from identity once, and read again.
    if (found && !found.member && (await this.adopt(userId))) found = await this.standings.access(userId, roomId);
    if (!found || !found.member || (found.room.archivedAt && !found.member.admin)) throw roomNotFound();
    const standing = standingIn(found.member, found.room, { bannedUntil: found.bannedUntil, session: found.session });
    return { ...found, member: found.member, standing };
  }

  /** The roles someone holds in force now whose powers cover this room, as the chat knows them (the keys). */
  async rolesCovering(userId: string, room: Pick<RoomRow, 'id' | 'tags'>): Promise<string[]> {
    return ((await this.memberOf(userId))?.member.roles ?? []).filter((role) => covers(role, room)).map((role) => role.key);
  }

  /** Someone's record in the chat, made from identity first if the chat has not heard of them. */
  private async memberOf(userId: string): ReturnType<StandingRepository['member']> {
    return (await this.standings.member(userId)) ?? ((await this.adopt(userId)) ? await this.standings.member(userId) : null);
  }

  /** Writes the chat's record of an account from identity; false when there is no such account. */
  private async adopt(userId: string): Promise<boolean> {
    const user = (await this.users.summaries([userId])).get(userId);
    if (!user) return false;
    const admin = await this.users.hasPlatformRole({ id: userId } as AuthUser, 'admin');
    await this.standings.saveMember({ userId, username: user.username, displayName: user.displayName, platformRoles: admin ? ['admin'] : [] });
    return true;
  }

  /** The kind a new session in this room counts as: one of its tags (`kind` if given), else its first. */
  sessionKind(room: RoomRow, kind: string | undefined): string {
    if (kind === undefined) return room.tags[0] ?? UNTAGGED_SESSION_KIND;
    if (room.tags.includes(kind) || (room.tags.length === 0 && kind === UNTAGGED_SESSION_KIND)) return kind;
    throw new ChatError(
      ChatErrorCode.SessionKindNotHere,
      room.tags.length === 0
        ? `This room has no tags, so its sessions count toward no requirement of kind “${kind}”; an admin tags rooms for kinds of sessions.`
        : `A “${kind}” session runs only in rooms tagged for it; this room is tagged ${room.tags.map((tag) => `“${tag}”`).join(', ')}.`,
    );
  }

  /** The people connected to a room now (on any instance), by name, with any mute and whether they facilitate it. */
  async people(caller: AuthUser, roomId: string): Promise<RoomMember[]> {
    const { room } = await this.access(caller, roomId);
    const userIds = [...new Set((await this.broadcast.present(roomId)).map((entry) => entry.userId))];
    const [people, mutes, members] = await Promise.all([this.users.summaries(userIds), this.sanctions.mutesIn(roomId), this.standings.people(userIds)]);
    return userIds
      .flatMap((id) => {
        const user = people.get(id);
        const member = members.get(id);
        return user ? [{ user, mutedUntil: mutes.get(id)?.toISOString() ?? null, facilitator: member ? facilitates(member, room) : false }] : [];
      })
      .sort((a, b) => a.user.displayName.localeCompare(b.user.displayName));
  }

  async create(caller: AuthUser, request: CreateRoomRequest): Promise<ChatRoom> {
    await this.users.requireAdmin(caller);
    checkTags(request.tags);
    const lock = await this.checkedLock(request.lock ?? null);
    const room = await this.chat.insertRoom({
      name: request.name,
      topic: request.topic ?? '',
      audienceNote: request.audienceNote ?? '',
      tags: [...new Set(request.tags ?? [])],
      lockCourseIds: lock.badges,
      lockRoleKeys: lock.roles,
      readOnly: request.readOnly ?? false,
      createdBy: caller.id,
    });
    return this.get(caller, room.id);
  }

  async update(caller: AuthUser, roomId: string, request: UpdateRoomRequest): Promise<ChatRoom> {
    await this.users.requireAdmin(caller);
    // Leaving a field out keeps it; null is not a value any of them can take (a lock is removed with `lock: null`).
    const nulls = (['name', 'topic', 'audienceNote', 'tags', 'readOnly'] as const).filter((field) => request[field] === null);
    if (nulls.length > 0) throw new ValidationFailedError(nulls.map((field) => ({ field, message: `${field} cannot be null; leave it out to keep it.` })));
    checkTags(request.tags ?? undefined);
    const lock = request.lock === undefined ? undefined : await this.checkedLock(request.lock);
    const present = await this.broadcast.present(roomId);
    await this.db.transaction(async () => {
      if (!(await this.chat.lockRoom(roomId))) throw roomNotFound();
      await this.chat.updateRoom(roomId, {
        name: request.name,
        topic: request.topic,
        audienceNote: request.audienceNote,
        tags: request.tags ? [...new Set(request.tags)] : undefined,
        lockCourseIds: lock?.badges,
        lockRoleKeys: lock?.roles,
        readOnly: request.readOnly,
      });
      // Whoever is in the room now gets their standing in it again: a new lock closes it to some.
      await this.powers.recheck(present.map((entry) => entry.userId));
    });
    const room = await this.get(caller, roomId);
    this.broadcast.toRoom(roomId, 'room:updated', { roomId });
    return room;
  }

  async archive(caller: AuthUser, roomId: string, archived: boolean): Promise<ChatRoom> {
    await this.users.requireAdmin(caller);
    await this.db.transaction(async () => {
      if (!(await this.chat.lockRoom(roomId))) throw roomNotFound();
      if (archived && (await this.chat.running([roomId])).has(roomId)) {
        throw new ChatError(ChatErrorCode.SessionRunning, 'A session is running in this room; end it before archiving the room.');
      }
      await this.chat.updateRoom(roomId, { archivedAt: archived ? new Date() : null });
    });
    if (archived) {
      this.broadcast.toRoom(roomId, 'room:closed', { roomId, reason: 'archived' });
      this.broadcast.empty(roomId);
    }
    return this.get(caller, roomId);
  }

  /**
   * `shared`: what a list of rooms loads once for all of them (the locks' words, each role's
   * missing steps). `mutedUntil`, known for one room's view: whether I may post there, and why not.
   */
  async view(
    member: Member,
    room: RoomRow,
    session: SessionRow | null,
    standing: Standing,
    shared?: { names: LockNames; steps: Map<string, Promise<UnmetCondition[]>> },
    mutedUntil?: Date | null,
  ): Promise<ChatRoom> {
    const posting = mutedUntil === undefined || !standing.canEnter ? undefined : postingIn(member, room, standing, mutedUntil);
    return {
      id: room.id,
      name: room.name,
      topic: room.topic,
      audienceNote: room.audienceNote,
      tags: room.tags,
      lock: isLocked(room) ? { badges: room.lockCourseIds, roles: room.lockRoleKeys } : null,
      lockedTo: isLocked(room) ? describeLock(room, shared?.names ?? (await this.lockNames([room]))) : [],
      readOnly: room.readOnly,
      slowModeSeconds: room.slowModeSeconds,
      frozen: room.frozen,
      archived: room.archivedAt !== null,
      locked: isLocked(room),
      canEnter: standing.canEnter,
      unmet: standing.canEnter || !isLocked(room) ? [] : await this.unmet(member, room, shared?.steps),
      powers: standing.powers,
      probation: standing.probation,
      session: session && standing.canEnter ? await this.sessionView(session) : null,
      ...(posting === undefined ? {} : { posting: posting && { ...posting, until: posting.until?.toISOString() ?? null } }),
    };
  }

  /**
   * For a locked room someone cannot enter: each role or badge that would open it, and what
   * it takes (from credentials: this is the room list's "why not", not a per-message check).
   * `seen` carries each role's answer across the rooms of one list (many rooms share a
   * lock), so a role is looked at once per list.
   */
  private async unmet(member: Member, room: RoomRow, seen = new Map<string, Promise<UnmetCondition[]>>()): Promise<UnmetCondition[]> {
    const byRole = await Promise.all(
      room.lockRoleKeys.map((key) => {
        if (!seen.has(key)) seen.set(key, this.roleSteps(member.userId, key));
        return seen.get(key)!;
      }),
    );
    const unmet = byRole.flat();
    const courses = await this.courses.briefs(room.lockCourseIds);
    for (const id of room.lockCourseIds) {
      const course = courses.get(id);
      if (course) unmet.push({ kind: 'course', detail: `Earn the badge of “${course.title}” by completing it`, link: `/courses/${course.slug}` });
    }
    return unmet;
  }

  private async roleSteps(userId: string, key: string): Promise<UnmetCondition[]> {
    const eligibility = await this.grants.eligibilityFor(userId, key);
    if (!eligibility) return [];
    return [{ kind: 'role', detail: `Hold the role “${eligibility.roleName}”`, link: `/roles#${key}` }, ...eligibility.unmet.filter((condition) => condition.kind !== 'manual')];
  }

  /** The names of the roles and courses these rooms' locks mention, in two queries. */
  private async lockNames(rooms: RoomRow[]): Promise<LockNames> {
    const locked = rooms.filter(isLocked);
    if (locked.length === 0) return { roles: new Map(), courses: new Map() };
    const [roles, courses] = await Promise.all([
      this.standings.roleNames([...new Set(locked.flatMap((room) => room.lockRoleKeys))]),
      this.courses.briefs([...new Set(locked.flatMap((room) => room.lockCourseIds))]),
    ]);
    return { roles, courses: new Map([...courses].map(([id, course]) => [id, course.title])) };
  }

  async sessionView(session: SessionRow): Promise<ChatSession> {
    return (await this.sessionViews([session]))[0];
  }

  /** Sessions as the chat shows them, however many: their people, pinned messages and confirmations each read once for all. */
  async sessionViews(sessions: SessionRow[]): Promise<ChatSession[]> {
    const withCoHost = sessions.filter((session) => session.coHostId);
    const [people, pinned, confirmed, reviewed] = await Promise.all([
      this.users.summaries(sessions.flatMap((session) => [session.leaderId, session.coHostId, session.observerId].filter((id): id is string => id !== null))),
      this.chat.messagesByIds(sessions.flatMap((session) => (session.pinnedMessageId ? [session.pinnedMessageId] : []))),
      this.chat.coHostsConfirmed(withCoHost.map((session) => session.id)),
      this.chat.practiceReviewed(sessions.filter((session) => session.courseId).map((session) => session.id)),
    ]);
    const shown = [...pinned.values()].filter((message) => !message.removedAt);
    const pinnedViews = new Map((await this.messageViews(shown)).map((view) => [view.id, view]));
    return sessions.map((session) => ({
      id: session.id,
      roomId: session.roomId,
      kind: session.kind,
      topic: session.topic,
      leader: session.leaderId ? (people.get(session.leaderId) ?? null) : null,
      coHost: session.coHostId ? (people.get(session.coHostId) ?? null) : null,
      scheduledFor: session.scheduledFor?.toISOString() ?? null,
      startedAt: session.startedAt?.toISOString() ?? null,
      endedAt: session.endedAt?.toISOString() ?? null,
      pinned: session.pinnedMessageId ? (pinnedViews.get(session.pinnedMessageId) ?? null) : null,
      coHostConfirmed: confirmed.has(session.id),
      practice:
        session.courseId && session.scriptItemId
          ? {
              courseId: session.courseId,
              scriptItemId: session.scriptItemId,
              observer: session.observerId ? (people.get(session.observerId) ?? null) : null,
              reviewed: reviewed.has(session.id),
            }
          : null,
    }));
  }

  async messageViews(rows: MessageRow[]): Promise<ChatMessage[]> {
    const authors = await this.users.summaries(rows.flatMap((row) => (row.authorId ? [row.authorId] : [])));
    return rows.map((row) => messageView(row, row.authorId ? (authors.get(row.authorId) ?? null) : null));
  }

  /** A lock names courses that exist and roles that exist. */
  private async checkedLock(lock: Partial<RoomLock> | null): Promise<RoomLock> {
    const courseIds = [...new Set(lock?.badges ?? [])];
    const roleKeys = [...new Set(lock?.roles ?? [])];
    const [courses, roles] = await Promise.all([this.courses.briefs(courseIds), this.roles.list()]);
    const known = new Set(roles.map((role) => role.key));
    const problems = [
      ...courseIds.flatMap((id, i) => (courses.has(id) ? [] : [{ field: `lock.badges.${i}`, message: 'There is no published course with this id.' }])),
      ...roleKeys.flatMap((key, i) => (known.has(key) ? [] : [{ field: `lock.roles.${i}`, message: `There is no role ${key}.` }])),
    ];
    if (problems.length > 0) throw new ValidationFailedError(problems, 'The room’s lock names things that do not exist.');
    return { badges: courseIds, roles: roleKeys };
  }
}

interface LockNames {
  roles: Map<string, string>;
  courses: Map<string, string>;
}

/** A lock in words: `Chat Room Moderator role`, `Group Support Foundations badge`. */
function describeLock(room: RoomRow, names: LockNames): string[] {
  return [
    ...room.lockRoleKeys.map((key) => `${names.roles.get(key) ?? key} role`),
    ...room.lockCourseIds.flatMap((id) => {
      const title = names.courses.get(id);
      return title ? [`${title} badge`] : [];
    }),
  ];
}

/** No room is tagged with the kind sessions in untagged rooms count as. */
function checkTags(tags: string[] | undefined): void {
  const i = tags?.indexOf(UNTAGGED_SESSION_KIND) ?? -1;
  if (i >= 0) throw new ValidationFailedError([{ field: `tags.${i}`, message: `“${UNTAGGED_SESSION_KIND}” is kept for the sessions of rooms without tags.` }]);
}
