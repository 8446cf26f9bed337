import { Injectable } from '@nestjs/common';
import {
  BAN_MINUTES,
  type ChatPower,
  durationInWords,
  type ChatRoom,
  LADDER_DAYS,
  type ModerationHistory,
  type ModerationReason,
  MUTE_MINUTES,
  type RoleSuspensionRequest,
  SANCTION_REASON_NAMES,
  type SanctionKind,
  SUSPENSION_DAYS,
} from '@hearth/contracts';
import { GrantsService, RefreshersService } from '@hearth/credentials';
import type { AuthUser } from '@hearth/identity';
import { Clock, Database, DomainEvents, ValidationFailedError } from '@hearth/platform';
import { isFacilitator, type Member, standingIn } from './chat-access';
import { ChatBroadcast } from './chat-broadcast';
import { ChatError, ChatErrorCode } from './chat.errors';
import { ChatRepository, type RoomRow, type SessionRow } from './chat.repository';
import { MessagesService } from './messages.service';
import { ReportsService } from './reports.service';
import { type InRoom, RoomsService } from './rooms.service';
import { SanctionViews } from './sanction-views';
import { type SanctionRow, SanctionsRepository } from './sanctions.repository';
import { StandingRepository } from './standing.repository';

const DAY_MS = 86_400_000;

/** A step on the ladder and the reason given for it, checked. */
interface Reasoned {
  reasonCode: ModerationReason['reasonCode'];
  reason: string;
  reportId: string | null;
}

/**
 * A moderator's powers in the rooms their role covers, each step with a reason: a warning,
 * removing a message, a timed mute, a timed removal from the room; an admin's last step,
 * suspending a facilitator's role for a time; slow mode and locking the room; an on-spot
 * host's welcome. Every step against a person is a sanction (their moderation history,
 * open to appeal), a row in the audit log, a private notice to them (what, for how long,
 * why, where to appeal: in the bell, by e-mail and on their open connections) and, for
 * the room, a neutral line without the reason. A moderator on probation gives mutes and
 * removals of at most their role's limit and does not lock rooms.
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
    private readonly standings: StandingRepository,
    private readonly sanctions: SanctionsRepository,
    private readonly views: SanctionViews,
    private readonly grants: GrantsService,
    private readonly refreshers: RefreshersService,
    private readonly reports: ReportsService,
    private readonly clock: Clock,
  ) {}

  async warn(caller: AuthUser, roomId: string, request: { userId: string } & ModerationReason): Promise<{ sanctionId: string }> {
    const why = checkReason(request);
    const { me, target } = await this.requireOver(caller, roomId, request.userId);
    const sanctionId = await this.step(me, target, 'warning', why, { minutes: null, endsAt: new Date(this.clock.now().getTime() + LADDER_DAYS * DAY_MS) }, `A moderator gave ${target.displayName} a warning.`);
    return { sanctionId };
  }

  async mute(caller: AuthUser, roomId: string, request: { userId: string; minutes: number } & ModerationReason): Promise<{ until: string; sanctionId: string }> {
    const why = checkReason(request);
    checkMinutes(request.minutes, MUTE_MINUTES, 'A mute');
    const { me, target } = await this.requireOver(caller, roomId, request.userId);
    checkProbation(me, request.minutes);
    const until = new Date(this.clock.now().getTime() + request.minutes * 60_000);
    const sanctionId = await this.step(me, target, 'mute', why, { minutes: request.minutes, endsAt: until }, `${target.displayName} is muted for ${durationInWords(request.minutes)}.`);
    this.broadcast.toRoom(roomId, 'member:muted', { roomId, userId: target.userId, until: until.toISOString() });
    return { until: until.toISOString(), sanctionId };
  }

  /** Out of the room for a time: their connections leave it now, on every instance. */
  async ban(caller: AuthUser, roomId: string, request: { userId: string; minutes: number } & ModerationReason): Promise<{ until: string; sanctionId: string }> {
    const why = checkReason(request);
    checkMinutes(request.minutes, BAN_MINUTES, 'A removal');
    const { me, target } = await this.requireOver(caller, roomId, request.userId);
    checkProbation(me, request.minutes);
    const until = new Date(this.clock.now().getTime() + request.minutes * 60_000);
    const sanctionId = await this.step(me, target, 'ban', why, { minutes: request.minutes, endsAt: until }, `${target.displayName} is out of the room for ${durationInWords(request.minutes)}.`);
    this.broadcast.toUser(target.userId, 'room:closed', { roomId, reason: 'removed', until: until.toISOString() });
    this.broadcast.leave(target.userId, roomId);
    if (me.session) await this.chat.leaveAll(target.userId, me.session.id);
    return { until: until.toISOString(), sanctionId };
  }

  /**
   * A message taken down: its author's own, with no more said; or someone else's by a
   * moderator of the room, with a reason, as a step in its author's history.
   */
  async removeMessage(caller: AuthUser, messageId: string, request: Partial<ModerationReason>): Promise<void> {
    const message = await this.chat.message(messageId);
    if (!message || message.kind !== 'text') throw new ChatError(ChatErrorCode.MessageNotFound, 'There is no such message.');
    const me = await this.rooms.access(caller, message.roomId);
    if (message.authorId === caller.id) {
      if (await this.db.transaction(() => this.chat.removeMessage(message.id, caller.id))) this.removed(me, message.id);
      return;
    }
    if (!me.standing.powers.includes('moderate')) throw new ChatError(ChatErrorCode.NotAllowed, 'Only the room’s moderators remove other people’s messages.');
    const why = checkReason(request);
    if (message.removedAt) return;
    if (!message.authorId) throw new ChatError(ChatErrorCode.MessageNotFound, 'There is no such message.');
    const target = await this.targetIn(me, message.authorId);
    await this.step(me, target, 'message_removed', why, { minutes: null, endsAt: null, messageId: message.id }, 'A moderator removed a message.', async () => {
      if (!(await this.chat.removeMessage(message.id, caller.id))) throw new ChatError(ChatErrorCode.MessageNotFound, 'This message was removed already.');
    });
    this.removed(me, message.id);
  }

  /**
   * The ladder's last step for a facilitator: an admin suspends one of their roles (its
   * powers held back everywhere, the roles built on it with it; the grant and its history
   * stay), from the room where it came to that: for a number of days, or until they redo a
   * course (a refresher) and an admin reinstates them.
   */
  async suspendRole(caller: AuthUser, roomId: string, request: RoleSuspensionRequest): Promise<{ sanctionId: string; until: string | null }> {
    const why = checkReason(request);
    const { days, refresherCourseId } = request;
    if (refresherCourseId !== undefined && days !== undefined) {
      throw new ValidationFailedError([{ field: 'days', message: 'A suspension with a refresher lasts until an admin reinstates the role; leave out the days.' }]);
    }
    if (refresherCourseId === undefined && (days === undefined || !Number.isInteger(days) || days < SUSPENSION_DAYS.min || days > SUSPENSION_DAYS.max)) {
      throw new ValidationFailedError([{ field: 'days', message: `A suspension lasts from ${SUSPENSION_DAYS.min} to ${SUSPENSION_DAYS.max} days, or until a refresher is redone.` }]);
    }
    const me = await this.rooms.access(caller, roomId);
    if (!me.member.admin) throw new ChatError(ChatErrorCode.NotAllowed, 'Only admins suspend a facilitator’s role.');
    if (request.userId === caller.id) throw new ChatError(ChatErrorCode.NotAllowed, 'You cannot do this to yourself.');
    const target = await this.targetIn(me, request.userId);
    const role = target.roles.find((held) => held.key === request.roleKey);
    if (!role) throw new ChatError(ChatErrorCode.NotAllowed, `${target.displayName} does not hold this role now.`);
    const until = days === undefined ? null : new Date(this.clock.now().getTime() + days * DAY_MS);
    const sanctionId = await this.step(
      me,
      target,
      'role_suspended',
      why,
      { minutes: days === undefined ? null : days * 24 * 60, endsAt: until, roleKey: role.key },
      days === undefined
        ? `${target.displayName}’s role ${role.name} is suspended until they redo a refresher course.`
        : `${target.displayName}’s role ${role.name} is suspended for ${durationInWords(days * 24 * 60)}.`,
      async (id, at) => {
        // Suspended at the step's moment, which is how an appeal upheld later finds this suspension and no later one.
        const grant =
          refresherCourseId === undefined
            ? await this.grants.suspendHeld(caller, target.userId, role.key, sanctionReason(why), until!, at)
            : await this.refreshers.suspendUntilRedone(caller, target.userId, role.key, sanctionReason(why), refresherCourseId, at);
        await this.sanctions.attachGrant(id, grant.id);
      },
    );
    return { sanctionId, until: until?.toISOString() ?? null };
  }

  /** A person's moderation history, for the room's moderators and admins about to act: with the ladder's next step. */
  /**
   * A person's moderation history, for those who may act on them in this room: the room's
   * moderators (not for its facilitators, who answer to admins) see the steps taken in the
   * rooms they moderate; admins see every step. The ladder's next step counts them all.
   */
  async history(caller: AuthUser, roomId: string, userId: string): Promise<ModerationHistory> {
    const me = await this.rooms.access(caller, roomId);
    if (!me.standing.powers.includes('moderate')) throw new ChatError(ChatErrorCode.NotAllowed, 'Only the room’s moderators see a person’s moderation history.');
    const target = await this.standings.access(userId, roomId);
    if (!target?.member) throw new ValidationFailedError([{ field: 'userId', message: 'There is no member with this id.' }]);
    const facilitator = facilitatorOf(target.member, target.room, target.session);
    if (facilitator && !me.member.admin) throw new ChatError(ChatErrorCode.NotAllowed, `${target.member.displayName} is a facilitator here; their record is for admins.`);
    const rows = await this.sanctions.ofUser(userId);
    const shown = me.member.admin ? rows : await this.inRoomsModeratedBy(me.member, rows);
    return {
      user: { id: target.member.userId, username: target.member.username, displayName: target.member.displayName },
      sanctions: await this.views.of(shown, { userId: me.member.userId, admin: me.member.admin }),
      nextStep: nextStep(rows, facilitator, this.clock.now().getTime()),
      facilitator,
      roles: target.member.roles.map((role) => ({ key: role.key, name: role.name })),
    };
  }

  async slowMode(caller: AuthUser, roomId: string, seconds: number): Promise<ChatRoom> {
    if (!Number.isInteger(seconds) || seconds < 0 || seconds > 3600) {
      throw new ValidationFailedError([{ field: 'seconds', message: 'Slow mode is a whole number of seconds from 0 (off) to 3600.' }]);
    }
    await this.require(caller, roomId, 'moderate');
    const line = await this.db.transaction(async () => {
      await this.chat.updateRoom(roomId, { slowModeSeconds: seconds });
      await this.events.publish('chat.moderated', { ...NO_PERSON, roomId, action: 'slow_mode', actorId: caller.id, reason: `${seconds} seconds` });
      return this.messages.systemLine(roomId, seconds ? `Slow mode: one message every ${seconds} seconds.` : 'Slow mode is off.');
    });
    this.broadcast.toRoom(roomId, 'room:updated', { roomId });
    await this.messages.announce(line.id);
    return this.rooms.get(caller, roomId);
  }

  async freeze(caller: AuthUser, roomId: string, frozen: boolean): Promise<ChatRoom> {
    const me = await this.require(caller, roomId, 'moderate');
    if (frozen && me.standing.probation) {
      throw new ChatError(ChatErrorCode.OnProbation, `Locking a room waits until your probation ends (${me.standing.probation.confirmed} of ${me.standing.probation.needed} co-hosted sessions confirmed).`);
    }
    const line = await this.db.transaction(async () => {
      await this.chat.updateRoom(roomId, { frozen });
      await this.events.publish('chat.moderated', { ...NO_PERSON, roomId, action: frozen ? 'freeze' : 'unfreeze', actorId: caller.id, reason: null });
      return this.messages.systemLine(roomId, frozen ? 'The room is locked for now: only facilitators post.' : 'The room is open again.');
    });
    this.broadcast.toRoom(roomId, 'room:updated', { roomId });
    await this.messages.announce(line.id);
    return this.rooms.get(caller, roomId);
  }

  /** An on-spot host welcomes a newcomer by name. */
  async welcome(caller: AuthUser, roomId: string, userId: string): Promise<void> {
    const me = await this.require(caller, roomId, 'host');
    const person = (await this.standings.people([userId])).get(userId);
    if (!person) throw new ValidationFailedError([{ field: 'userId', message: 'There is no member with this id.' }]);
    const line = await this.db.transaction(() =>
      this.messages.systemLine(roomId, `${me.member.displayName} welcomes ${person.displayName} (@${person.username}) to the room. Read along for a while if you like; say hello when you are ready.`),
    );
    await this.messages.announce(line.id);
  }

  /**
   * One step against a person, in one transaction: the sanction, `also` (the removal of a
   * message, a role's suspension), the audit row, the notice to them, the room's neutral
   * line, and the reports it answers resolved (their reporters told). Then, committed:
   * the person's open connections hear, and the room sees its line.
   */
  private async step(
    me: InRoom,
    target: Member,
    kind: SanctionKind,
    why: Reasoned,
    what: { minutes: number | null; endsAt: Date | null; messageId?: string; roleKey?: string },
    line: string,
    also?: (sanctionId: string, at: Date) => Promise<void>,
  ): Promise<string> {
    const report = why.reportId ? await this.sanctions.report(why.reportId) : null;
    if (why.reportId && (!report || report.roomId !== me.room.id)) throw new ValidationFailedError([{ field: 'reportId', message: 'There is no such report in this room.' }]);
    if (report && report.status !== 'open') throw new ChatError(ChatErrorCode.ReportResolved, 'This report was dealt with already; act without it, or look at it in the queue again.');
    // A report is answered by a step about the message it reports, or its author.
    if (report && (await this.chat.message(report.messageId))?.authorId !== target.userId) {
      throw new ValidationFailedError([{ field: 'reportId', message: 'This report is about someone else’s message.' }]);
    }
    const { sanctionId, lineId } = await this.db.transaction(async () => {
      const at = this.clock.now();
      const sanctionId = await this.sanctions.insert({
        kind,
        roomId: me.room.id,
        userId: target.userId,
        actorId: me.member.userId,
        reasonCode: why.reasonCode,
        reasonNote: why.reason,
        minutes: what.minutes,
        endsAt: what.endsAt,
        messageId: what.messageId ?? null,
        grantId: null,
        roleKey: what.roleKey ?? null,
        createdAt: at,
      });
      await also?.(sanctionId, at);
      await this.events.publish('chat.moderated', {
        roomId: me.room.id,
        action: ACTION_OF[kind],
        actorId: me.member.userId,
        userId: target.userId,
        messageId: what.messageId ?? null,
        minutes: what.minutes,
        sanctionId,
        reasonCode: why.reasonCode,
        reason: why.reason || null,
      });
      await this.events.publish('chat.sanctioned', {
        sanctionId,
        userId: target.userId,
        roomId: me.room.id,
        roomName: me.room.name,
        kind,
        minutes: what.minutes,
        endsAt: what.endsAt?.toISOString() ?? null,
        reasonCode: why.reasonCode,
        reason: why.reason,
        actorId: me.member.userId,
      });
      // Another moderator may have acted on it meanwhile: then this step stands alone (rolled back, and said).
      if (report && (await this.reports.resolve(report.messageId, { status: 'actioned', by: me.member.userId, note: null, sanctionId }, me.room.name)) === 0) {
        throw new ChatError(ChatErrorCode.ReportResolved, 'Another moderator dealt with this report just now; nothing was done.');
      }
      return { sanctionId, lineId: (await this.messages.systemLine(me.room.id, line)).id };
    });
    const [sanction] = await this.views.of([(await this.sanctions.find(sanctionId)) as SanctionRow], { userId: target.userId, admin: false });
    this.broadcast.toUser(target.userId, 'moderation:notice', { sanction, link: `/chat/sanctions/${sanctionId}` });
    await this.messages.announce(lineId);
    return sanctionId;
  }

  /** Those steps taken in rooms this member may moderate now. */
  private async inRoomsModeratedBy(member: Member, rows: SanctionRow[]): Promise<SanctionRow[]> {
    const rooms = await this.chat.roomsByIds([...new Set(rows.map((row) => row.roomId))]);
    const moderated = new Set(rooms.filter((room) => standingIn(member, room, { bannedUntil: null, session: null }).powers.includes('moderate')).map((room) => room.id));
    return rows.filter((row) => moderated.has(row.roomId));
  }

  private removed(me: InRoom, messageId: string): void {
    this.broadcast.toRoom(me.room.id, 'message:deleted', { roomId: me.room.id, messageId });
    if (me.session?.pinnedMessageId === messageId) void this.rooms.sessionView(me.session).then((view) => this.broadcast.toRoom(me.room.id, 'session:updated', view));
  }

  private async require(caller: AuthUser, roomId: string, power: ChatPower): Promise<InRoom> {
    const me = await this.rooms.access(caller, roomId);
    if (!me.standing.powers.includes(power)) {
      const who = { moderate: 'moderators', lead: 'session leaders', host: 'on-spot hosts', post: 'members' }[power];
      throw new ChatError(ChatErrorCode.NotAllowed, `Only the room’s ${who} may do this.`);
    }
    return me;
  }

  /**
   * A moderator acting on a member: facilitators of the room and admins answer to admins
   * only (their powers would make a mute or a removal an empty gesture, or a weapon).
   */
  private async requireOver(caller: AuthUser, roomId: string, userId: string): Promise<{ me: InRoom; target: Member }> {
    const me = await this.require(caller, roomId, 'moderate');
    if (userId === caller.id) throw new ChatError(ChatErrorCode.NotAllowed, 'You cannot do this to yourself.');
    return { me, target: await this.targetIn(me, userId) };
  }

  /** The person acted on, who must not be a facilitator of the room unless an admin acts. */
  private async targetIn(me: InRoom, userId: string): Promise<Member> {
    const theirs = await this.standings.access(userId, me.room.id);
    if (!theirs?.member) throw new ValidationFailedError([{ field: 'userId', message: 'There is no member with this id.' }]);
    if (facilitatorOf(theirs.member, me.room, me.session) && !me.member.admin) throw new ChatError(ChatErrorCode.NotAllowed, `${theirs.member.displayName} is a facilitator here; ask an admin.`);
    return theirs.member;
  }
}

const ACTION_OF: Record<SanctionKind, 'warn' | 'remove' | 'mute' | 'ban' | 'suspend_role'> = {
  warning: 'warn',
  message_removed: 'remove',
  mute: 'mute',
  ban: 'ban',
  role_suspended: 'suspend_role',
};

/**
 * A facilitator of the room (or an admin), whether or not a removal keeps them out of it
 * now: a facilitator taken out of the room still answers to admins only, and their
 * ladder still ends with a role suspended.
 */
function facilitatorOf(member: Member, room: RoomRow, session: SessionRow | null): boolean {
  return isFacilitator(member, standingIn(member, room, { bannedUntil: null, session }));
}

const NO_PERSON = { userId: null, messageId: null, minutes: null, sanctionId: null, reasonCode: null } as const;

/** A reason from the list, and the moderator's own words (required with `other`). */
function checkReason(request: Partial<ModerationReason>): Reasoned {
  const reason = (request.reason ?? '').trim();
  if (!request.reasonCode) throw new ValidationFailedError([{ field: 'reasonCode', message: 'Choose a reason; the person is told it.' }]);
  if (request.reasonCode === 'other' && !reason) throw new ValidationFailedError([{ field: 'reason', message: 'Say in a few words why; the person is told it.' }]);
  if (reason.length > 500) throw new ValidationFailedError([{ field: 'reason', message: 'Keep the reason under 500 characters.' }]);
  return { reasonCode: request.reasonCode, reason, reportId: request.reportId ?? null };
}

/** The reason in words, for a role suspension's record in credentials (the holder reads it on their roles page). */
function sanctionReason(why: Reasoned): string {
  return `${SANCTION_REASON_NAMES[why.reasonCode]}${why.reason ? ` — “${why.reason}”` : ''}`;
}

function checkProbation(me: InRoom, minutes: number): void {
  const probation = me.standing.probation;
  if (probation && minutes > probation.maxMinutes) {
    throw new ChatError(
      ChatErrorCode.OnProbation,
      `On probation you give mutes and removals of at most ${durationInWords(probation.maxMinutes)} (${probation.confirmed} of ${probation.needed} co-hosted sessions confirmed); ask a moderator or an admin for more.`,
    );
  }
}

/**
 * The ladder: warn → timed mute → timed removal → (for facilitators) a role suspended. The
 * next step is one past the heaviest still counting (in force, or within LADDER_DAYS);
 * one overturned on appeal does not count.
 */
function nextStep(rows: SanctionRow[], facilitator: boolean, now: number): SanctionKind {
  const ladder: SanctionKind[] = facilitator ? ['warning', 'mute', 'ban', 'role_suspended'] : ['warning', 'mute', 'ban'];
  const counting = rows.filter((row) => !row.liftedAt && row.kind !== 'message_removed' && now < countsUntil(row));
  const heaviest = Math.max(-1, ...counting.map((row) => ladder.indexOf(row.kind)));
  return ladder[Math.min(heaviest + 1, ladder.length - 1)];
}

/** A warning's end is when it stops counting (LADDER_DAYS after it was given); a mute, removal or suspension counts LADDER_DAYS past its end. */
function countsUntil(row: SanctionRow): number {
  const end = (row.endsAt ?? row.createdAt).getTime();
  return row.kind === 'warning' ? end : end + LADDER_DAYS * DAY_MS;
}

function checkMinutes(minutes: number, range: { min: number; max: number }, what: string): void {
  if (!Number.isInteger(minutes) || minutes < range.min || minutes > range.max) {
    throw new ValidationFailedError([{ field: 'minutes', message: `${what} lasts from ${range.min} minutes to ${durationInWords(range.max)}.` }]);
  }
}
