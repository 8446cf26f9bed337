import { Injectable } from '@nestjs/common';
import {
  type ChatPower,
  type ChatSession,
  PRACTICE_ROOM_TAG,
  type PracticeSessionView,
  type PracticumReviewRequest,
  practicumReviewView,
  type ScheduleSessionRequest,
  scoreRubric,
  type UpcomingSession,
} from '@hearth/contracts';
import { LearningService, type PracticumContext } from '@hearth/courses';
import { type AuthUser, UsersService } from '@hearth/identity';
import { Clock, Database, DomainEvents, renderMarkdown, ValidationFailedError } from '@hearth/platform';
import { type PracticeRefusal, type PracticeStanding, practiceLeadRefusal, practiceObserveRefusal, practiceReviewRefusal } from './chat-access';
import { ChatPowers } from './chat-powers';
import { ChatBroadcast } from './chat-broadcast';
import { ChatError, ChatErrorCode } from './chat.errors';
import { ChatRepository, type SessionRow } from './chat.repository';
import { MessagesService } from './messages.service';
import { type InRoom, RoomsService } from './rooms.service';

/** How many upcoming sessions a learner's home lists. */
const UPCOMING_LIMIT = 10;

/** A co-hosted session is confirmed (toward the end of probation) only if the co-host was there this long. */
export const CO_HOST_MINUTES = 15;

/**
 * Live sessions: a session leader schedules, starts and ends them (an on-spot host starts
 * one on the spot), pins a message during one and invites a co-host. While a session runs,
 * each connection in its room is recorded from when it joined to when it left; when the
 * session ends, each person's time (their connections' union, so two tabs count once) is
 * published as `session.attended`, in the same transaction, for progress to count.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly db: Database,
    private readonly events: DomainEvents,
    private readonly chat: ChatRepository,
    private readonly rooms: RoomsService,
    private readonly messages: MessagesService,
    private readonly broadcast: ChatBroadcast,
    private readonly users: UsersService,
    private readonly powers: ChatPowers,
    private readonly clock: Clock,
    private readonly learning: LearningService,
  ) {}

  /**
   * Scheduled for later by a session leader, or started now by a leader or an on-spot host
   * (a host's session always starts now). Created and started in one transaction, so a
   * refused start leaves nothing behind.
   */
  async create(caller: AuthUser, roomId: string, request: ScheduleSessionRequest & { startNow?: boolean }): Promise<ChatSession> {
    if (request.practice) return this.createPractice(caller, roomId, { ...request, practice: request.practice });
    const { room, standing } = await this.rooms.access(caller, roomId);
    const leads = standing.powers.includes('lead');
    const startNow = request.startNow ?? (!leads && !request.startsAt);
    const may = startNow ? leads || standing.powers.includes('host') : leads;
    if (!may) throw new ChatError(ChatErrorCode.NotAllowed, startNow ? 'Only session leaders and on-spot hosts start sessions here.' : 'Only session leaders schedule sessions here.');
    // The room decides what its sessions count as: a "support-session" runs only in a room tagged for it.
    const kind = this.rooms.sessionKind(room, request.kind);
    if (kind === PRACTICE_ROOM_TAG) throw new ChatError(ChatErrorCode.PracticeRule, 'A practice session names its course and script (practice), and its trainee leads it.');
    const startsAt = request.startsAt ? new Date(request.startsAt) : null;
    if (startsAt && Number.isNaN(startsAt.getTime())) throw new ValidationFailedError([{ field: 'startsAt', message: 'startsAt is a date and time.' }]);
    const topic = request.topic.trim();
    if (!startNow) {
      const session = await this.chat.insertSession({ roomId, kind, topic, leaderId: caller.id, scheduledFor: startsAt, startedAt: null });
      const scheduled = await this.rooms.sessionView(session);
      this.broadcast.toRoom(roomId, 'session:scheduled', scheduled);
      return scheduled;
    }
    const present = await this.broadcast.present(roomId);
    return this.begin(roomId, present, async () => (await this.chat.insertSession({ roomId, kind, topic, leaderId: caller.id, scheduledFor: null, startedAt: null })).id);
  }

  /**
   * A practice session, scheduled or started now by the trainee who leads it, from one of the
   * course's published scripts (see practiceLeadRefusal for who may).
   */
  private async createPractice(caller: AuthUser, roomId: string, request: ScheduleSessionRequest & { startNow?: boolean; practice: { courseId: string; scriptItemId: string } }): Promise<ChatSession> {
    const { room, member, standing } = await this.rooms.access(caller, roomId);
    const practicum = await this.learning.practicum(caller.id, request.practice.courseId, request.practice.scriptItemId);
    if (!practicum) throw new ValidationFailedError([{ field: 'practice.courseId', message: 'There is no published course with this id.' }]);
    if (!practicum.script) throw new ValidationFailedError([{ field: 'practice.scriptItemId', message: 'This is not a script of the course’s published version.' }]);
    refuse(practiceLeadRefusal(room, standing, practiceStanding(practicum)));
    const startsAt = request.startsAt ? new Date(request.startsAt) : null;
    const startNow = request.startNow ?? !startsAt;
    const fields = { roomId, kind: PRACTICE_ROOM_TAG, topic: request.topic.trim(), leaderId: caller.id, courseId: practicum.course.id, scriptItemId: practicum.script.itemId };
    if (!startNow) {
      const session = await this.chat.insertSession({ ...fields, scheduledFor: startsAt, startedAt: null });
      const scheduled = await this.rooms.sessionView(session);
      this.broadcast.toRoom(roomId, 'session:scheduled', scheduled);
      return scheduled;
    }
    const present = await this.broadcast.present(roomId);
    return this.begin(roomId, present, async () => (await this.chat.insertSession({ ...fields, scheduledFor: null, startedAt: null })).id);
  }

  /** A practice session with its script, rubric and review, for its leader, its observer, the course's mentors and admins. */
  async practice(caller: AuthUser, sessionId: string): Promise<PracticeSessionView> {
    const session = await this.findPractice(sessionId);
    const { room, member, standing } = await this.rooms.read(caller.id, session.roomId);
    const practicum = await this.learning.practicum(caller.id, session.courseId!, session.scriptItemId);
    const mine = practicum ? practiceStanding(practicum) : null;
    if (!practicum || !mine || (session.leaderId !== caller.id && session.observerId !== caller.id && !mine.mentor && !member.admin)) {
      throw new ChatError(ChatErrorCode.SessionNotFound, 'There is no such session.');
    }
    const review = await this.chat.practiceReview(session.id);
    const people = await this.users.summaries(review?.mentorId ? [review.mentorId] : []);
    return {
      session: await this.rooms.sessionView(session),
      roomName: room.name,
      course: practicum.course,
      script: practicum.script ?? { itemId: session.scriptItemId ?? '', title: 'The script is no longer published', bodyHtml: '', steps: [], questions: [] },
      rubric: practicum.requirement?.rubric ?? { criteria: [], passScore: 0 },
      review: review
        ? practicumReviewView(
            { ...review, sessionId: session.id, scriptItemId: session.scriptItemId ?? '', scriptTitle: practicum.script?.title ?? '' },
            review.mentorId ? (people.get(review.mentorId) ?? null) : null,
            renderMarkdown(review.feedback),
          )
        : null,
      leading: session.leaderId === caller.id,
      observing: session.observerId === caller.id,
      canObserve: !session.endedAt && practiceObserveRefusal(member, standing, session, mine) === null && (session.observerId === null || session.observerId === caller.id),
      canReview: !!session.endedAt && !review && practiceReviewRefusal(member, session, mine) === null,
    };
  }

  /** A mentor of the course joins a practice session, before it ends, as its observer (one per session). */
  async observe(caller: AuthUser, sessionId: string): Promise<PracticeSessionView> {
    const session = await this.findPractice(sessionId);
    if (session.endedAt) throw new ChatError(ChatErrorCode.SessionNotRunning, 'This session has ended.');
    const { member, standing } = await this.rooms.read(caller.id, session.roomId);
    const practicum = await this.learning.practicum(caller.id, session.courseId!, session.scriptItemId);
    if (!practicum) throw new ChatError(ChatErrorCode.SessionNotFound, 'There is no such session.');
    refuse(practiceObserveRefusal(member, standing, session, practiceStanding(practicum)));
    if (session.observerId !== caller.id) {
      const line = await this.db.transaction(async () => {
        if (!(await this.chat.observe(session.id, caller.id))) throw new ChatError(ChatErrorCode.AlreadyObserved, 'Another mentor observes this session.');
        return this.messages.systemLine(session.roomId, `${member.displayName} observes the practice session “${session.topic}”.`);
      });
      this.broadcast.toRoom(session.roomId, 'session:updated', await this.rooms.sessionView((await this.chat.session(session.id))!));
      await this.messages.announce(line.id);
    }
    return this.practice(caller, sessionId);
  }

  /**
   * The observing mentor scores an ended practice session against the course's rubric and
   * writes feedback, once; `practicum.reviewed` tells progress, in the same transaction, and a
   * passing score counts toward the practicum.
   */
  async review(caller: AuthUser, sessionId: string, request: PracticumReviewRequest): Promise<PracticeSessionView> {
    const session = await this.findPractice(sessionId);
    const { member } = await this.rooms.read(caller.id, session.roomId);
    const practicum = await this.learning.practicum(caller.id, session.courseId!, session.scriptItemId);
    if (!practicum) throw new ChatError(ChatErrorCode.SessionNotFound, 'There is no such session.');
    refuse(practiceReviewRefusal(member, session, practiceStanding(practicum)));
    if (!session.endedAt) throw new ChatError(ChatErrorCode.SessionRunning, 'A practice session is scored once it has ended.');
    const rubric = practicum.requirement!.rubric;
    const scored = scoreRubric(rubric, request.scores ?? {});
    if (scored.problems.length > 0) throw new ValidationFailedError(scored.problems, 'The scores do not fit the rubric.');
    const feedback = request.feedback.trim();
    const reviewedAt = this.clock.now();
    await this.db.transaction(async () => {
      const recorded = await this.chat.insertPracticeReview({
        sessionId: session.id,
        mentorId: caller.id,
        scores: scored.scores,
        total: scored.total,
        passScore: rubric.passScore,
        passed: scored.passed,
        feedback,
        reviewedAt,
      });
      if (!recorded) throw new ChatError(ChatErrorCode.AlreadyReviewed, 'This session has been scored already.');
      await this.events.publish('practicum.reviewed', {
        userId: session.leaderId!,
        courseId: practicum.course.id,
        sessionId: session.id,
        scriptItemId: session.scriptItemId!,
        scriptTitle: practicum.script?.title ?? session.topic,
        mentorId: caller.id,
        scores: scored.scores,
        total: scored.total,
        passScore: rubric.passScore,
        passed: scored.passed,
        feedback,
        at: reviewedAt.toISOString(),
      });
    });
    this.broadcast.toRoom(session.roomId, 'session:updated', await this.rooms.sessionView(session));
    return this.practice(caller, sessionId);
  }

  private async findPractice(sessionId: string): Promise<SessionRow> {
    const session = await this.find(sessionId);
    if (!session.courseId || !session.leaderId) throw new ChatError(ChatErrorCode.NotPractice, 'There is no such practice session.');
    return session;
  }

  /** The next sessions scheduled in every room I may enter (a learner's home lists them), soonest first. */
  async upcomingForMe(caller: AuthUser): Promise<UpcomingSession[]> {
    const rooms = await this.rooms.openTo(caller);
    const names = new Map(rooms.map((room) => [room.id, room.name]));
    const sessions = rooms.length > 0 ? await this.chat.scheduledIn([...names.keys()], UPCOMING_LIMIT) : [];
    return (await this.rooms.sessionViews(sessions)).map((view) => ({ ...view, roomName: names.get(view.roomId)! }));
  }

  /** Sessions scheduled in a room and not started yet, soonest first. */
  async upcoming(caller: AuthUser, roomId: string): Promise<ChatSession[]> {
    await this.rooms.access(caller, roomId);
    return this.rooms.sessionViews(await this.chat.scheduled(roomId));
  }

  async start(caller: AuthUser, sessionId: string): Promise<ChatSession> {
    const session = await this.find(sessionId);
    const { room } = await this.require(caller, session, ['lead', 'host']);
    // The room's tags may have changed since the session was scheduled.
    this.rooms.sessionKind(room, session.kind);
    const present = await this.broadcast.present(session.roomId);
    return this.begin(session.roomId, present, async () => {
      const locked = (await this.chat.lockSession(session.id))!;
      if (locked.startedAt) throw new ChatError(ChatErrorCode.SessionRunning, locked.endedAt ? 'This session has ended.' : 'This session is running already.');
      return session.id;
    });
  }

  /** Starts a session (the one `pick` returns, inside the transaction) with whoever is in the room now. */
  private async begin(roomId: string, present: Array<{ userId: string; socketId: string }>, pick: () => Promise<string>): Promise<ChatSession> {
    const started = await this.db.transaction(async () => {
      const sessionId = await pick();
      try {
        await this.chat.updateSession(sessionId, { startedAt: this.clock.now() });
      } catch (error) {
        if ((error as { driverError?: { code?: string } }).driverError?.code === '23505') {
          throw new ChatError(ChatErrorCode.SessionRunning, 'Another session is running in this room; end it first.');
        }
        throw error;
      }
      // Whoever is in the room when it starts is there from the start.
      for (const { userId, socketId } of present) await this.chat.enter(sessionId, userId, socketId);
      const session = (await this.chat.session(sessionId))!;
      const line = await this.messages.systemLine(roomId, `The session “${session.topic}” has started.`);
      return { session, line };
    });
    const view = await this.rooms.sessionView(started.session);
    this.broadcast.toRoom(roomId, 'session:started', view);
    await this.messages.announce(started.line.id);
    return view;
  }

  async end(caller: AuthUser, sessionId: string): Promise<ChatSession> {
    const session = await this.find(sessionId);
    await this.require(caller, session, ['lead', 'host'], { coHost: true });
    const room = (await this.chat.room(session.roomId))!;
    const ended = await this.db.transaction(async () => {
      const locked = (await this.chat.lockSession(session.id))!;
      if (!locked.startedAt || locked.endedAt) throw new ChatError(ChatErrorCode.SessionNotRunning, 'This session is not running.');
      // The Clock, which stamped the presences it is measured against.
      const endedAt = this.clock.now();
      await this.chat.updateSession(session.id, { endedAt });
      const attendance = await this.chat.closeAttendance(session.id, endedAt);
      const counted = attendance.filter((person) => person.minutes > 0);
      for (const person of counted) {
        await this.events.publish('session.attended', {
          userId: person.userId,
          sessionId: session.id,
          kind: locked.kind,
          title: `${locked.topic} — ${room.name}`,
          minutes: person.minutes,
          at: endedAt.toISOString(),
        });
      }
      // A practice session is a trainee's practice, not hosting.
      const hosts = locked.kind === PRACTICE_ROOM_TAG ? [] : counted.filter((person) => person.userId === locked.leaderId || person.userId === locked.coHostId);
      await this.events.publish('session.ended', {
        sessionId: session.id,
        roomId: session.roomId,
        kind: locked.kind,
        endedBy: caller.id,
        attendees: counted.length,
        hosts,
        endedAt: endedAt.toISOString(),
      });
      if (locked.kind === PRACTICE_ROOM_TAG && locked.observerId && locked.leaderId) {
        await this.events.publish('practice.ended', { sessionId: session.id, roomId: session.roomId, topic: locked.topic, leaderId: locked.leaderId, observerId: locked.observerId });
      }
      const line = await this.messages.systemLine(session.roomId, `The session “${locked.topic}” has ended. Thank you for being here.`);
      return { session: (await this.chat.session(session.id))!, line };
    });
    const view = await this.rooms.sessionView(ended.session);
    this.broadcast.toRoom(session.roomId, 'session:ended', view);
    await this.messages.announce(ended.line.id);
    return view;
  }

  async pin(caller: AuthUser, sessionId: string, messageId: string): Promise<ChatSession> {
    const session = await this.running(sessionId);
    await this.require(caller, session, ['lead', 'host'], { coHost: true });
    const message = await this.chat.message(messageId);
    if (!message || message.roomId !== session.roomId || message.removedAt) throw new ChatError(ChatErrorCode.MessageNotFound, 'There is no such message in this room.');
    await this.chat.updateSession(session.id, { pinnedMessageId: message.id });
    const view = await this.rooms.sessionView((await this.chat.session(session.id))!);
    this.broadcast.toRoom(session.roomId, 'session:updated', view);
    return view;
  }

  /** The session's leader (or an admin) invites someone in the room to run it with them: pin and end. */
  async coHost(caller: AuthUser, sessionId: string, userId: string): Promise<ChatSession> {
    const session = await this.find(sessionId);
    if (session.endedAt) throw new ChatError(ChatErrorCode.SessionNotRunning, 'This session has ended.');
    // A session leader's power (an on-spot host does not invite), for their own session.
    await this.requireLeaderOf(caller, session, 'Only the session’s leader, as a session leader, invites a co-host.', { mentor: false });
    const person = (await this.users.summaries([userId])).get(userId);
    if (!person) throw new ValidationFailedError([{ field: 'userId', message: 'There is no member with this id.' }]);
    const theirs = await this.rooms.read(userId, session.roomId);
    if (!theirs.standing.canEnter) throw new ChatError(ChatErrorCode.NotInRoom, `${person.displayName} cannot enter this room.`);
    const line = await this.db.transaction(async () => {
      await this.chat.updateSession(session.id, { coHostId: userId });
      return this.messages.systemLine(session.roomId, `${person.displayName} co-hosts the session “${session.topic}”.`);
    });
    const view = await this.rooms.sessionView((await this.chat.session(session.id))!);
    this.broadcast.toRoom(session.roomId, 'session:updated', view);
    await this.messages.announce(line.id);
    return view;
  }

  /**
   * The session's leader (or an admin), as mentor, confirms that its co-host ran it well:
   * toward the end of a new holder's probation, and as shadowing toward a role its leader
   * holds. Once per session, after it has ended, and only for a co-host who was there for
   * CO_HOST_MINUTES of it: a probation is not ended by sessions started and stopped in a moment.
   */
  async confirmCoHost(caller: AuthUser, sessionId: string): Promise<ChatSession> {
    const session = await this.find(sessionId);
    if (!session.coHostId) throw new ChatError(ChatErrorCode.NotAllowed, 'This session has no co-host to confirm.');
    await this.requireLeaderOf(caller, session, 'Only the session’s leader, as a session leader not on probation, confirms its co-host.', { mentor: true });
    if (session.coHostId === caller.id) throw new ChatError(ChatErrorCode.NotAllowed, 'You cannot confirm your own co-hosting.');
    if (!session.endedAt) throw new ChatError(ChatErrorCode.SessionRunning, 'A co-host is confirmed once the session has ended.');
    const minutes = await this.chat.minutesIn(session.id, session.coHostId);
    if (minutes < CO_HOST_MINUTES) {
      throw new ChatError(ChatErrorCode.NotAllowed, `The co-host was in the session for ${minutes} minutes; a confirmed session asks for ${CO_HOST_MINUTES}.`);
    }
    const room = (await this.chat.room(session.roomId))!;
    // Shadowing counts toward the leader's roles that cover this room, as they hold them now, at the confirmation.
    const leaderRoleKeys = session.leaderId ? await this.rooms.rolesCovering(session.leaderId, room) : [];
    await this.db.transaction(async () => {
      if (!(await this.chat.confirmCoHost(session.id, session.coHostId!, caller.id))) return;
      // Their probation may have ended: their powers, wherever they are connected, are worked out again.
      await this.powers.recheck([session.coHostId!]);
      // And it counts as shadowing toward the roles its leader holds (credentials keeps the record).
      await this.events.publish('session.co_host_confirmed', {
        sessionId: session.id,
        roomName: room.name,
        topic: session.topic,
        userId: session.coHostId!,
        leaderId: session.leaderId,
        leaderRoleKeys,
        confirmedBy: caller.id,
        minutes,
        at: this.clock.now().toISOString(),
      });
    });
    const view = await this.rooms.sessionView((await this.chat.session(session.id))!);
    this.broadcast.toRoom(session.roomId, 'session:updated', view);
    return view;
  }

  /** The session's own leader holding a session leader's power in its room now (as a `mentor`, not on probation themselves), or an admin. */
  private async requireLeaderOf(caller: AuthUser, session: SessionRow, refusal: string, options: { mentor: boolean }): Promise<void> {
    const { member, standing } = await this.rooms.access(caller, session.roomId);
    const leads = session.leaderId === caller.id && standing.powers.includes('lead') && !(options.mentor && standing.probation);
    if (!member.admin && !leads) throw new ChatError(ChatErrorCode.NotAllowed, refusal);
  }

  /**
   * A connection joined a room: if a session runs there, its time starts counting. The
   * caller may have read the running session already, with the standing (`running`, null
   * for none); otherwise it is looked up.
   */
  async entered(userId: string, socketId: string, roomId: string, running?: { id: string } | null): Promise<void> {
    const session = running === undefined ? (await this.chat.running([roomId])).get(roomId) : running;
    if (session) await this.chat.enter(session.id, userId, socketId);
  }

  /** This instance's connections are still here: their time in running sessions keeps counting. */
  stillHere(socketIds: string[]): Promise<void> {
    return this.chat.seen(socketIds);
  }

  /** A connection left a room, or disconnected (no room): its time stops counting. */
  async left(socketId: string, roomId?: string): Promise<void> {
    const session = roomId ? (await this.chat.running([roomId])).get(roomId) : undefined;
    if (roomId && !session) return;
    await this.chat.leave(socketId, session?.id);
  }

  /** One of `powers` in the session's room, or (with `coHost`) being this session's co-host. A leader whose role was revoked holds nothing, their own session included. */
  private async require(caller: AuthUser, session: SessionRow, powers: ChatPower[], options: { coHost?: boolean } = {}): Promise<InRoom> {
    const me = await this.rooms.access(caller, session.roomId);
    if (options.coHost && session.coHostId === caller.id) return me;
    // A practice session is its trainee's to start and end, whatever powers they hold.
    if (session.courseId && session.leaderId === caller.id) return me;
    if (!powers.some((power) => me.standing.powers.includes(power))) {
      throw new ChatError(ChatErrorCode.NotAllowed, 'Only the session’s leader, its co-host and the room’s session leaders may do this.');
    }
    return me;
  }

  private async find(sessionId: string): Promise<SessionRow> {
    const session = await this.chat.session(sessionId);
    if (!session) throw new ChatError(ChatErrorCode.SessionNotFound, 'There is no such session.');
    return session;
  }

  private async running(sessionId: string): Promise<SessionRow> {
    const session = await this.find(sessionId);
    if (!session.startedAt || session.endedAt) throw new ChatError(ChatErrorCode.SessionNotRunning, 'This session is not running.');
    return session;
  }

}

function practiceStanding(practicum: PracticumContext): PracticeStanding {
  return { enrolled: practicum.enrolled, mentor: practicum.role === 'mentor', practicum: practicum.requirement !== null };
}

function refuse(refusal: PracticeRefusal | null): void {
  if (refusal) throw new ChatError(refusal.kind === 'rule' ? ChatErrorCode.PracticeRule : ChatErrorCode.NotAllowed, refusal.reason);
}
