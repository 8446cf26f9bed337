import { Injectable } from '@nestjs/common';
import type { ChatMessage, ChatRoom, ChatSession, CreateRoomRequest, RoomLock, RoomMember, UnmetCondition, UpdateRoomRequest } from '@hearth/contracts';
import { CoursesService } from '@hearth/courses';
import { RolesService } from '@hearth/credentials';
import { type AuthUser, UsersService } from '@hearth/identity';
import { Database, ValidationFailedError } from '@hearth/platform';
import { ChatAccess, type Holder, isLocked } from './chat-access';
import { ChatBroadcast } from './chat-broadcast';
import { ChatPowers } from './chat-powers';
import { ChatError, ChatErrorCode, roomNotFound } from './chat.errors';
import { ChatRepository, type MessageRow, type RoomRow, type SessionRow } from './chat.repository';

/** Rooms: the list with what each one lets me do, and their administration. */
@Injectable()
export class RoomsService {
  constructor(
    private readonly db: Database,
    private readonly chat: ChatRepository,
    private readonly access: ChatAccess,
    private readonly broadcast: ChatBroadcast,
    private readonly users: UsersService,
    private readonly roles: RolesService,
    private readonly courses: CoursesService,
    private readonly powers: ChatPowers,
  ) {}

  /** Every room (archived ones for admins too), each with whether I may enter and, if not, why. */
  async list(caller: AuthUser): Promise<ChatRoom[]> {
    const holder = await this.access.holder(caller);
    const rooms = await this.chat.rooms(holder.admin);
    const [sessions, names] = await Promise.all([this.chat.running(rooms.map((room) => room.id)), this.lockNames(rooms)]);
    const steps = new Map<string, Promise<UnmetCondition[]>>();
    return Promise.all(rooms.map((room) => this.view(holder, room, sessions.get(room.id) ?? null, { names, steps })));
  }

  async get(caller: AuthUser, roomId: string): Promise<ChatRoom> {
    const holder = await this.access.holder(caller);
    const room = await this.chat.room(roomId);
    if (!room || (room.archivedAt && !holder.admin)) throw roomNotFound();
    return this.view(holder, room, (await this.chat.running([room.id])).get(room.id) ?? null);
  }

  /** A room someone may enter, with their standing in it; refused otherwise. */
  async enterable(caller: AuthUser | { id: string }, roomId: string): Promise<{ room: RoomRow; holder: Holder; session: SessionRow | null; view: ChatRoom }> {
    const holder = await this.access.holder(caller);
    const room = await this.chat.room(roomId);
    if (!room || (room.archivedAt && !holder.admin)) throw roomNotFound();
    const session = (await this.chat.running([room.id])).get(room.id) ?? null;
    const view = await this.view(holder, room, session);
    if (!view.canEnter) {
      const until = holder.bannedFrom.get(room.id);
      throw new ChatError(
        ChatErrorCode.RoomClosed,
        until ? `You were removed from this room until ${until.toISOString().slice(0, 16).replace('T', ' ')} UTC.` : 'This room is locked; see what would open it.',
      );
    }
    return { room, holder, session, view };
  }

  /** The people connected to a room now (on any instance), by name, with any mute. */
  async people(caller: AuthUser, roomId: string): Promise<RoomMember[]> {
    await this.enterable(caller, roomId);
    const userIds = [...new Set((await this.broadcast.present(roomId)).map((entry) => entry.userId))];
    const [people, mutes] = await Promise.all([this.users.summaries(userIds), this.chat.mutes(roomId)]);
    return userIds
      .flatMap((id) => {
        const user = people.get(id);
        return user ? [{ user, mutedUntil: mutes.get(id)?.toISOString() ?? null }] : [];
      })
      .sort((a, b) => a.user.displayName.localeCompare(b.user.displayName));
  }

  async create(caller: AuthUser, request: CreateRoomRequest): Promise<ChatRoom> {
    await this.users.requireAdmin(caller);
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

  /** `shared`: what a list of rooms loads once for all of them (the locks' words, each role's missing steps). */
  async view(holder: Holder, room: RoomRow, session: SessionRow | null, shared?: { names: LockNames; steps: Map<string, Promise<UnmetCondition[]>> }): Promise<ChatRoom> {
    const standing = this.access.standing(holder, room, session);
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
      unmet: standing.canEnter || !isLocked(room) ? [] : await this.access.unmet(holder, room, shared?.steps),
      powers: standing.powers,
      session: session && standing.canEnter ? await this.sessionView(session) : null,
    };
  }

  /** The names of the roles and courses these rooms' locks mention, in two queries. */
  private async lockNames(rooms: RoomRow[]): Promise<LockNames> {
    const locked = rooms.filter(isLocked);
    if (locked.length === 0) return { roles: new Map(), courses: new Map() };
    const [roles, courses] = await Promise.all([this.roles.list(), this.courses.briefs([...new Set(locked.flatMap((room) => room.lockCourseIds))])]);
    return { roles: new Map(roles.map((role) => [role.key, role.name])), courses: new Map([...courses].map(([id, course]) => [id, course.title])) };
  }

  async sessionView(session: SessionRow): Promise<ChatSession> {
    const [people, pinned] = await Promise.all([
      this.users.summaries([session.leaderId, session.coHostId].filter((id): id is string => id !== null)),
      session.pinnedMessageId ? this.chat.message(session.pinnedMessageId) : Promise.resolve(null),
    ]);
    return {
      id: session.id,
      roomId: session.roomId,
      kind: session.kind,
      topic: session.topic,
      leader: session.leaderId ? (people.get(session.leaderId) ?? null) : null,
      coHost: session.coHostId ? (people.get(session.coHostId) ?? null) : null,
      scheduledFor: session.scheduledFor?.toISOString() ?? null,
      startedAt: session.startedAt?.toISOString() ?? null,
      endedAt: session.endedAt?.toISOString() ?? null,
      pinned: pinned && !pinned.removedAt ? (await this.messageViews([pinned]))[0] : null,
    };
  }

  async messageViews(rows: MessageRow[]): Promise<ChatMessage[]> {
    const authors = await this.users.summaries(rows.flatMap((row) => (row.authorId ? [row.authorId] : [])));
    return rows.map((row) => ({
      id: row.id,
      roomId: row.roomId,
      seq: row.seq,
      kind: row.kind,
      author: row.authorId ? (authors.get(row.authorId) ?? null) : null,
      body: row.removedAt ? '' : row.body,
      bodyHtml: row.removedAt ? '' : row.bodyHtml,
      clientId: row.clientId,
      createdAt: row.createdAt.toISOString(),
      removed: row.removedAt !== null,
    }));
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
