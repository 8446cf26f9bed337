import { Injectable } from '@nestjs/common';
import { type ChatShift, type CoverageWeek, type CreateShiftRequest, HOST_CALL_MINUTES, type HostCall, isoWeekOf, SHIFT_MAX_HOURS, weekStart } from '@hearth/contracts';
import { type AuthUser, UsersService } from '@hearth/identity';
import { Database, DomainEvents, ValidationFailedError } from '@hearth/platform';
import { facilitates, standingIn } from './chat-access';
import { ChatBroadcast } from './chat-broadcast';
import { ChatError, ChatErrorCode, roomNotFound } from './chat.errors';
import { ChatRepository, type RoomRow } from './chat.repository';
import { CoverageRepository, type ShiftRow } from './coverage.repository';
import { MessagesService } from './messages.service';
import { RoomsService } from './rooms.service';
import { StandingRepository } from './standing.repository';

const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * 24 * HOUR_MS;
const utc = (moment: Date) => `${moment.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * Who covers the rooms, and help when nobody does.
 *
 * - The rota: a shift puts one person on duty in one room for up to SHIFT_MAX_HOURS, never
 *   overlapping another shift of theirs. Admins put anyone who facilitates the room on it
 *   (holds a moderator's, session leader's or on-spot host's role covering it, or is an
 *   admin); a facilitator of the room puts themselves on it. A shift is taken off by an
 *   admin or its own person.
 * - The week: each room's hours, covered by a shift or a session (its leader) or not. Admins
 *   see every room, facilitators the rooms they facilitate.
 * - Asking for a host: when people are in a room and none of them facilitates it, anyone
 *   there (or a moderator of the room) asks the on-spot hosts who cover it and are connected
 *   now; once per room in HOST_CALL_MINUTES, and the room is told with a line.
 */
@Injectable()
export class CoverageService {
  constructor(
    private readonly db: Database,
    private readonly events: DomainEvents,
    private readonly coverage: CoverageRepository,
    private readonly chat: ChatRepository,
    private readonly standings: StandingRepository,
    private readonly rooms: RoomsService,
    private readonly messages: MessagesService,
    private readonly broadcast: ChatBroadcast,
    private readonly users: UsersService,
  ) {}

  async createShift(caller: AuthUser, roomId: string, request: CreateShiftRequest): Promise<ChatShift> {
    const [startsAt, endsAt] = [new Date(request.startsAt), new Date(request.endsAt)];
    if (!(endsAt > startsAt)) throw new ValidationFailedError([{ field: 'endsAt', message: 'A shift ends after it starts.' }]);
    if (endsAt.getTime() - startsAt.getTime() > SHIFT_MAX_HOURS * HOUR_MS) {
      throw new ChatError(ChatErrorCode.ShiftTooLong, `A shift lasts at most ${SHIFT_MAX_HOURS} hours; make two shifts for a longer span.`);
    }
    const mine = await this.rooms.read(caller.id, roomId);
    if (mine.room.archivedAt) throw new ChatError(ChatErrorCode.RoomClosed, 'This room is archived: it has no rota.');
    const userId = request.userId ?? caller.id;
    if (userId !== caller.id && !mine.member.admin) throw new ChatError(ChatErrorCode.NotAllowed, 'Only admins put someone else on the rota.');
    // The room is the admin's to see; not found for the person means there is no such person.
    const person = userId === caller.id ? mine : await this.rooms.read(userId, roomId).catch((error: { code?: string }) => (error.code === ChatErrorCode.RoomNotFound ? null : Promise.reject(error)));
    if (!person) throw new ValidationFailedError([{ field: 'userId', message: 'There is no member with this id.' }]);
    if (!person.standing.canEnter || !(person.member.admin || facilitates(person.member, person.room))) {
      const who = userId === caller.id ? 'You hold' : `${person.member.displayName} holds`;
      throw new ChatError(ChatErrorCode.NotCovering, `${who} no role whose powers cover “${person.room.name}”: only its facilitators go on its rota.`);
    }
    const id = await this.db.transaction(async () => {
      await this.coverage.lockPerson(userId);
      const clash = await this.coverage.overlapping(userId, startsAt, endsAt);
      if (clash) {
        throw new ChatError(ChatErrorCode.ShiftOverlaps, `${userId === caller.id ? 'You have' : `${person.member.displayName} has`} a shift in “${clash.roomName}” from ${utc(clash.startsAt)} to ${utc(clash.endsAt)} then.`);
      }
      return this.coverage.insertShift({ roomId, userId, startsAt, endsAt, createdBy: caller.id });
    });
    return (await this.views([(await this.coverage.shift(id))!]))[0];
  }

  /** By its own person or an admin; for anyone else who sees the room's rota, refused; otherwise not found. */
  async removeShift(caller: AuthUser, shiftId: string): Promise<void> {
    const shift = await this.coverage.shift(shiftId);
    if (shift && shift.userId !== caller.id) {
      const visible = await this.visibleRooms(caller).catch(() => null);
      if (!visible?.rooms.some((room) => room.id === shift.roomId)) throw shiftNotFound();
      if (!visible.admin) throw new ChatError(ChatErrorCode.NotAllowed, 'Only admins take someone else’s shift off the rota.');
    }
    if (!shift) throw shiftNotFound();
    await this.coverage.deleteShift(shiftId);
  }

  /** The week's shifts in the rooms I may see (or one of them), earliest first. */
  async shifts(caller: AuthUser, query: { week?: string; roomId?: string }): Promise<ChatShift[]> {
    const from = weekOf(query.week);
    const { rooms } = await this.visibleRooms(caller);
    const roomIds = rooms.map((room) => room.id).filter((id) => !query.roomId || id === query.roomId);
    if (query.roomId && roomIds.length === 0) throw roomNotFound();
    return this.views(await this.coverage.shiftsIn(roomIds, from, new Date(from.getTime() + WEEK_MS)));
  }

  /** Each room I may see, hour by hour through the week: covered or not. */
  async week(caller: AuthUser, week?: string): Promise<CoverageWeek> {
    const from = weekOf(week);
    const { rooms } = await this.visibleRooms(caller);
    const rows = rooms.length > 0 ? await this.coverage.coverage(rooms.map((room) => room.id), from) : [];
    return {
      week: isoWeekOf(from),
      from: from.toISOString(),
      to: new Date(from.getTime() + WEEK_MS).toISOString(),
      rooms: rows.map((row) => ({
        room: { id: row.roomId, name: row.name },
        uncoveredHours: row.covered.filter((covered) => !covered).length,
        days: Array.from({ length: 7 }, (_, day) => ({
          date: new Date(from.getTime() + day * 24 * HOUR_MS).toISOString().slice(0, 10),
          covered: row.covered.slice(day * 24, day * 24 + 24),
        })),
      })),
    };
  }

  /**
   * Tells the on-spot hosts who cover the room and are connected now that it has people and
   * no facilitator. Refused, saying why, when the room is empty, has a facilitator, asked
   * less than HOST_CALL_MINUTES ago, or has no host to ask: never silently.
   */
  async askForHost(caller: AuthUser, roomId: string): Promise<HostCall> {
    const { room, standing, member } = await this.rooms.access(caller, roomId);
    await this.refuseIfAskedLately(roomId);
    const here = new Set((await this.broadcast.present(roomId)).map((entry) => entry.userId));
    if (!here.has(caller.id) && !standing.powers.includes('moderate')) throw new ChatError(ChatErrorCode.NotInRoom, 'Join the room to ask for a host for it.');
    if (here.size === 0) throw new ChatError(ChatErrorCode.RoomEmpty, 'Nobody is in this room now: there is nobody for a host to help.');
    const present = [...(await this.standings.people([...here])).values()];
    const facilitator = present.find((member) => facilitates(member, room));
    if (facilitator) throw new ChatError(ChatErrorCode.FacilitatorPresent, `${facilitator.displayName} facilitates this room and is here now.`);
    const hostIds = await this.hostsToAsk(room, caller.id);
    if (hostIds.length === 0) {
      throw new ChatError(ChatErrorCode.NoHostOnline, 'No on-spot host who covers this room is online now. Try again in a while, or tell an admin.');
    }
    const { call, line } = await this.db.transaction(async () => {
      // Under the room's lock, so two people asking at once make one call.
      await this.chat.lockRoom(roomId);
      await this.refuseIfAskedLately(roomId);
      const call = await this.coverage.insertCall({ roomId, askedBy: caller.id, hostIds });
      await this.events.publish('chat.host_wanted', { callId: call.id, roomId, roomName: room.name, askedBy: caller.id, hostIds });
      const count = hostIds.length === 1 ? 'One on-spot host was' : `${hostIds.length} on-spot hosts were`;
      const line = await this.messages.systemLine(roomId, `${member.displayName} asked for a host. ${count} told.`);
      return { call, line };
    });
    await this.messages.announce(line.id);
    return { roomId, askedAt: call.askedAt.toISOString(), hostsAsked: hostIds.length, nextAskAt: new Date(call.askedAt.getTime() + HOST_CALL_MINUTES * 60_000).toISOString() };
  }

  /** The on-spot hosts covering the room who may enter it and are connected now (on any instance), not the one asking. */
  private async hostsToAsk(room: RoomRow, askedBy: string): Promise<string[]> {
    const hosts = (await this.standings.holdersCovering(room, 'on_spot_host'))
      .filter(({ member, bannedUntil }) => member.userId !== askedBy && standingIn(member, room, { bannedUntil, session: null }).canEnter)
      .map(({ member }) => member.userId);
    const online = await this.broadcast.connected(hosts);
    return hosts.filter((id) => online.has(id));
  }

  private async refuseIfAskedLately(roomId: string): Promise<void> {
    const recent = await this.coverage.recentCall(roomId, HOST_CALL_MINUTES);
    if (!recent) return;
    const next = new Date(recent.askedAt.getTime() + HOST_CALL_MINUTES * 60_000);
    const seconds = Math.max(1, Math.ceil((next.getTime() - Date.now()) / 1000));
    throw new ChatError(
      ChatErrorCode.RateLimited,
      `Hosts were asked at ${utc(recent.askedAt)}; a room asks once in ${HOST_CALL_MINUTES} minutes, so this one can ask again at ${utc(next)}.`,
      seconds,
    );
  }

  /** The rooms whose rota I may see: every room for admins, the rooms I facilitate otherwise. */
  private async visibleRooms(caller: AuthUser): Promise<{ admin: boolean; rooms: RoomRow[] }> {
    const found = await this.standings.member(caller.id);
    const all = found ? await this.chat.rooms(false) : [];
    if (found?.member.admin) return { admin: true, rooms: all };
    const rooms = found
      ? all.filter((room) => facilitates(found.member, room) && standingIn(found.member, room, { bannedUntil: found.bannedFrom.get(room.id) ?? null, session: null }).canEnter)
      : [];
    if (rooms.length === 0) throw new ChatError(ChatErrorCode.NotAllowed, 'The rota is for admins and the rooms’ facilitators.');
    return { admin: false, rooms };
  }

  private async views(rows: ShiftRow[]): Promise<ChatShift[]> {
    const people = await this.users.summaries([...new Set(rows.flatMap((row) => [row.userId, ...(row.createdBy ? [row.createdBy] : [])]))]);
    return rows.flatMap((row) => {
      const person = people.get(row.userId);
      if (!person) return [];
      return [
        {
          id: row.id,
          room: { id: row.roomId, name: row.roomName },
          person,
          startsAt: row.startsAt.toISOString(),
          endsAt: row.endsAt.toISOString(),
          createdBy: row.createdBy ? (people.get(row.createdBy) ?? null) : null,
        },
      ];
    });
  }
}

const shiftNotFound = () => new ChatError(ChatErrorCode.ShiftNotFound, 'There is no such shift.');

/** The Monday 00:00 UTC starting the week asked for (this week when none is). */
function weekOf(week: string | undefined): Date {
  const from = weekStart(week ?? isoWeekOf(new Date()));
  if (!from) throw new ValidationFailedError([{ field: 'week', message: 'This year has no such week.' }]);
  return from;
}
