import { Injectable } from '@nestjs/common';
import { BAN_MINUTES, type ChatPower, type ChatRoom, MUTE_MINUTES } from '@hearth/contracts';
import { type AuthUser, UsersService } from '@hearth/identity';
import { Database, DomainEvents, ValidationFailedError } from '@hearth/platform';
import { ChatAccess } from './chat-access';
import { ChatBroadcast } from './chat-broadcast';
import { ChatError, ChatErrorCode } from './chat.errors';
import { ChatRepository } from './chat.repository';
import { MessagesService } from './messages.service';
import { RoomsService } from './rooms.service';

/**
 * A moderator's powers in the rooms their role covers: timed mutes, timed removals, slow
 * mode, locking the room; and an on-spot host's welcome. Each leaves a system line in the
 * room and, for moderation, a row in the audit log.
 */
@Injectable()
export class ChatModerationService {
  constructor(
    private readonly db: Database,
    private readonly events: DomainEvents,
    private readonly chat: ChatRepository,
    private readonly rooms: RoomsService,
    private readonly messages: MessagesService,
    private readonly broadcast: ChatBroadcast,
    private readonly users: UsersService,
    private readonly access: ChatAccess,
  ) {}

  async mute(caller: AuthUser, roomId: string, userId: string, minutes: number, reason: string | undefined): Promise<{ until: string }> {
    checkMinutes(minutes, MUTE_MINUTES, 'A mute');
    const person = await this.requireOver(caller, roomId, userId);
    const until = new Date(Date.now() + minutes * 60_000);
    const line = await this.db.transaction(async () => {
      await this.chat.mute(roomId, userId, until, caller.id, reason?.trim() || null);
      await this.events.publish('chat.moderated', { roomId, action: 'mute', actorId: caller.id, userId, messageId: null, minutes, reason: reason?.trim() || null });
      return this.messages.systemLine(roomId, `${person.displayName} is muted for ${duration(minutes)}.`);
    });
    this.broadcast.toRoom(roomId, 'member:muted', { roomId, userId, until: until.toISOString() });
    await this.messages.announce(line.id);
    return { until: until.toISOString() };
  }

  /** Out of the room for a time: their connections leave it now, on every instance. */
  async ban(caller: AuthUser, roomId: string, userId: string, minutes: number, reason: string | undefined): Promise<{ until: string }> {
    checkMinutes(minutes, BAN_MINUTES, 'A removal');
    const person = await this.requireOver(caller, roomId, userId);
    const until = new Date(Date.now() + minutes * 60_000);
    const line = await this.db.transaction(async () => {
      await this.chat.ban(roomId, userId, until, caller.id, reason?.trim() || null);
      await this.events.publish('chat.moderated', { roomId, action: 'ban', actorId: caller.id, userId, messageId: null, minutes, reason: reason?.trim() || null });
      return this.messages.systemLine(roomId, `${person.displayName} is out of the room for ${duration(minutes)}.`);
    });
    this.broadcast.toUser(userId, 'room:closed', { roomId, reason: 'removed', until: until.toISOString() });
    this.broadcast.leave(userId, roomId);
    const session = (await this.chat.running([roomId])).get(roomId);
    if (session) await this.chat.leaveAll(userId, session.id);
    await this.messages.announce(line.id);
    return { until: until.toISOString() };
  }

  async slowMode(caller: AuthUser, roomId: string, seconds: number): Promise<ChatRoom> {
    if (!Number.isInteger(seconds) || seconds < 0 || seconds > 3600) {
      throw new ValidationFailedError([{ field: 'seconds', message: 'Slow mode is a whole number of seconds from 0 (off) to 3600.' }]);
    }
    await this.require(caller, roomId, 'moderate');
    const line = await this.db.transaction(async () => {
      await this.chat.updateRoom(roomId, { slowModeSeconds: seconds });
      await this.events.publish('chat.moderated', { roomId, action: 'slow_mode', actorId: caller.id, userId: null, messageId: null, minutes: null, reason: `${seconds} seconds` });
      return this.messages.systemLine(roomId, seconds ? `Slow mode: one message every ${seconds} seconds.` : 'Slow mode is off.');
    });
    this.broadcast.toRoom(roomId, 'room:updated', { roomId });
    await this.messages.announce(line.id);
    return this.rooms.get(caller, roomId);
  }

  async freeze(caller: AuthUser, roomId: string, frozen: boolean): Promise<ChatRoom> {
    await this.require(caller, roomId, 'moderate');
    const line = await this.db.transaction(async () => {
      await this.chat.updateRoom(roomId, { frozen });
      await this.events.publish('chat.moderated', { roomId, action: frozen ? 'freeze' : 'unfreeze', actorId: caller.id, userId: null, messageId: null, minutes: null, reason: null });
      return this.messages.systemLine(roomId, frozen ? 'The room is locked for now: only facilitators post.' : 'The room is open again.');
    });
    this.broadcast.toRoom(roomId, 'room:updated', { roomId });
    await this.messages.announce(line.id);
    return this.rooms.get(caller, roomId);
  }

  /** An on-spot host welcomes a newcomer by name. */
  async welcome(caller: AuthUser, roomId: string, userId: string): Promise<void> {
    await this.require(caller, roomId, 'host');
    const [host, person] = await Promise.all([this.person(caller.id), this.person(userId)]);
    const line = await this.db.transaction(() =>
      this.messages.systemLine(roomId, `${host.displayName} welcomes ${person.displayName} (@${person.username}) to the room. Read along for a while if you like; say hello when you are ready.`),
    );
    await this.messages.announce(line.id);
  }

  private async require(caller: AuthUser, roomId: string, power: ChatPower): Promise<void> {
    const { view } = await this.rooms.enterable(caller, roomId);
    if (!view.powers.includes(power)) {
      const who = { moderate: 'moderators', lead: 'session leaders', host: 'on-spot hosts', post: 'members' }[power];
      throw new ChatError(ChatErrorCode.NotAllowed, `Only the room’s ${who} may do this.`);
    }
  }

  /**
   * A moderator acting on a member: facilitators of the room and admins answer to admins
   * only (their powers would make a mute or a removal an empty gesture, or a weapon).
   */
  private async requireOver(caller: AuthUser, roomId: string, userId: string) {
    const { room, session, holder } = await this.rooms.enterable(caller, roomId);
    const mine = this.access.standing(holder, room, session);
    if (!mine.powers.includes('moderate')) throw new ChatError(ChatErrorCode.NotAllowed, 'Only the room’s moderators may do this.');
    const person = await this.person(userId);
    if (userId === caller.id) throw new ChatError(ChatErrorCode.NotAllowed, 'You cannot do this to yourself.');
    const theirs = await this.access.holder({ id: userId });
    const facilitator = theirs.admin || this.access.standing(theirs, room, session).powers.some((power) => power !== 'post');
    if (facilitator && !holder.admin) throw new ChatError(ChatErrorCode.NotAllowed, `${person.displayName} is a facilitator here; ask an admin.`);
    return person;
  }

  private async person(userId: string) {
    const person = (await this.users.summaries([userId])).get(userId);
    if (!person) throw new ValidationFailedError([{ field: 'userId', message: 'There is no member with this id.' }]);
    return person;
  }

}

function checkMinutes(minutes: number, range: { min: number; max: number }, what: string): void {
  if (!Number.isInteger(minutes) || minutes < range.min || minutes > range.max) {
    throw new ValidationFailedError([{ field: 'minutes', message: `${what} lasts from ${range.min} minutes to ${duration(range.max)}.` }]);
  }
}

function duration(minutes: number): string {
  if (minutes % (24 * 60) === 0) return `${minutes / (24 * 60)} day${minutes === 24 * 60 ? '' : 's'}`;
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? '' : 's'}`;
  return `${minutes} minutes`;
}
