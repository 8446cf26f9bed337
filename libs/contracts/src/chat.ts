import type { PermissionBundle, UnmetCondition } from './credentials';
import type { UserSummary } from './identity';
import type { PracticumReview, PracticumRubric } from './progress';

/** What someone may do in a room, decided by the server from the roles they hold now. */
export const CHAT_POWERS = ['post', 'moderate', 'lead', 'host'] as const;
export type ChatPower = (typeof CHAT_POWERS)[number];

/** A room tag (`support-session`): lower-case words joined by hyphens. */
export const ROOM_TAG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The kind of a session in a room with no tags: no room can be tagged with it, so no requirement names it by accident. */
export const UNTAGGED_SESSION_KIND = 'untagged';

/** Mutes last from 5 minutes to 24 hours; removals from a room up to 30 days. */
export const MUTE_MINUTES = { min: 5, max: 24 * 60 } as const;
export const BAN_MINUTES = { min: 5, max: 30 * 24 * 60 } as const;

/** Messages per person per window, across rooms, before the server asks them to wait. */
export const CHAT_RATE_LIMIT = { messages: 5, seconds: 5 } as const;

/** Who may enter a locked room: anyone holding one of these badges or roles (either list may be left out). */
export interface RoomLock {
  /** Course ids: holders of the badge any of these courses awards may enter. */
  badges: string[];
  /** Facilitator role keys: holders of any of these roles may enter. */
  roles: string[];
}

export interface ChatRoom {
  id: string;
  name: string;
  topic: string;
  audienceNote: string;
  tags: string[];
  lock: RoomLock | null;
  /** The lock in words: each role or badge that opens the room (`Chat Room Moderator role`). */
  lockedTo: string[];
  readOnly: boolean;
  slowModeSeconds: number;
  /** Locked by a moderator: only facilitators post until it is unlocked. */
  frozen: boolean;
  archived: boolean;
  locked: boolean;
  canEnter: boolean;
  /** For a locked room I cannot enter: what would open it, with where to do it. */
  unmet: UnmetCondition[];
  /** What I may do here now. */
  powers: ChatPower[];
  /** While my moderating powers here are a new holder's: their limits, and how far I am. */
  probation: ProbationStanding | null;
  /** The live session running in the room, if any. */
  session: ChatSession | null;
  /**
   * In a room's own view (its page, the join; not the list): why I cannot post here now,
   * null when I can. The server's rule, so clients only show it (and reopen at `until`).
   */
  posting?: PostingClosed | null;
}

/** Why someone cannot post in a room: its own rule, a moderator's lock, or their mute (until `until`). */
export interface PostingClosed {
  code: 'room-read-only' | 'room-frozen' | 'muted';
  /** In words; for a mute, without its end (`until` says when, for the client to show in its time zone). */
  reason: string;
  until: string | null;
}

export interface CreateRoomRequest {
  name: string;
  topic?: string;
  audienceNote?: string;
  tags?: string[];
  lock?: Partial<RoomLock> | null;
  readOnly?: boolean;
}

export type UpdateRoomRequest = Partial<CreateRoomRequest>;

export interface ChatMessage {
  id: string;
  roomId: string;
  /** Orders a room's messages; a client resumes after the last one it saw. */
  seq: string;
  kind: 'text' | 'system';
  author: UserSummary | null;
  /** Plain text as written. */
  body: string;
  /** The same, with links and @mentions made into links; safe HTML. */
  bodyHtml: string;
  clientId: string | null;
  createdAt: string;
  removed: boolean;
}

export interface SendMessageRequest {
  body: string;
  /** The sender's own id for the message: sending it again (after a reconnect) posts it once. */
  clientId?: string;
}

/**
 * Why a moderator acted: one of a short list, and their own words (required with
 * `other`). The person acted on is told both; the room sees neither.
 */
export const SANCTION_REASONS = ['harassment', 'hate', 'spam', 'unsafe', 'personal-info', 'off-topic', 'other'] as const;
export type SanctionReason = (typeof SANCTION_REASONS)[number];

/** The reasons in words, one wording for the server's messages and the web app. */
export const SANCTION_REASON_NAMES: Record<SanctionReason, string> = {
  harassment: 'Harassing or belittling someone',
  hate: 'Hateful words about who someone is',
  spam: 'Spam or advertising',
  unsafe: 'Content that could put someone at risk',
  'personal-info': 'Sharing someone’s personal details',
  'off-topic': 'Repeatedly off-topic for the room',
  other: 'Another reason',
};

/** The steps of the sanction ladder, mildest first; a removed message sits beside them. */
export const SANCTION_KINDS = ['warning', 'message_removed', 'mute', 'ban', 'role_suspended'] as const;
export type SanctionKind = (typeof SANCTION_KINDS)[number];

/** A warning counts on the ladder for this long; so do mutes and removals after they end. */
export const LADDER_DAYS = 30;

/** A mute's or removal's length as people say it: `10 minutes`, `1 hour`, `7 days`. */
export function durationInWords(minutes: number): string {
  if (minutes % (24 * 60) === 0) return `${minutes / (24 * 60)} day${minutes === 24 * 60 ? '' : 's'}`;
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? '' : 's'}`;
  return `${minutes} minutes`;
}

/**
 * A step in a sentence: what, where, for how long. As the person it concerns is told it
 * (the notification, the e-mail, their page), or, given `person`, as staff read it.
 */
export function sanctionHeadline(step: { kind: SanctionKind; minutes: number | null; roomName: string; roleName?: string | null }, person?: string): string {
  const room = `“${step.roomName}”`;
  const span = step.minutes ? durationInWords(step.minutes) : '';
  const [them, their] = person ? [person, `${person}’s`] : ['you', 'your'];
  switch (step.kind) {
    case 'warning':
      return `A moderator gave ${them} a warning in ${room}`;
    case 'message_removed':
      return `A moderator removed ${person ? `a message of ${person}’s` : 'a message of yours'} in ${room}`;
    case 'mute':
      return `A moderator muted ${them} in ${room} for ${span}`;
    case 'ban':
      return `A moderator took ${them} out of ${room} for ${span}`;
    case 'role_suspended':
      return `An admin suspended ${step.roleName ? `${their} role ${step.roleName}` : `one of ${their} roles`} ${span ? `for ${span}` : 'until a refresher course is redone'}, after what happened in ${room}`;
  }
}

/** Role suspensions from the ladder last from 1 to 90 days. */
export const SUSPENSION_DAYS = { min: 1, max: 90 } as const;

/** What every moderation request carries: why. */
export interface ModerationReason {
  reasonCode: SanctionReason;
  /** In the moderator's words; required with `other`. Told to the person, never to the room. */
  reason?: string;
  /** The report this answers, if acting from the report queue: its reporters are told. */
  reportId?: string;
}

export interface MuteRequest extends ModerationReason {
  userId: string;
  minutes: number;
}

export interface BanRequest extends ModerationReason {
  userId: string;
  minutes: number;
}

export interface WarnRequest extends ModerationReason {
  userId: string;
}

/** A step of the ladder, taken: the sanction it recorded. */
export interface SanctionTaken {
  sanctionId: string;
}

/** A mute, a removal from the room or a role suspension, taken: until when it holds. */
export interface TimedSanctionTaken extends SanctionTaken {
  until: string;
}

/** A role suspended: until `until`, or (null) until a refresher is redone and an admin reinstates it. */
export interface RoleSuspensionTaken extends SanctionTaken {
  until: string | null;
}

/** `DELETE /chat/messages/:id`: a reason for someone else's message; none for one's own. */
export type RemoveMessageRequest = Partial<ModerationReason>;

/** An admin suspends a facilitator's role from the room: the ladder's last step. */
/**
 * The ladder's last step: a role suspended for `days`, or, with `refresherCourseId`, until
 * its holder redoes that course and an admin reinstates them (then leave out `days`).
 */
export interface RoleSuspensionRequest extends ModerationReason {
  userId: string;
  roleKey: string;
  days?: number;
  refresherCourseId?: string;
}

export const APPEAL_STATUSES = ['pending', 'confirmed', 'overturned'] as const;
/** `confirmed`: the sanction stands; `overturned`: it is lifted (and the room's record says so). */
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

export interface Appeal {
  id: string;
  status: AppealStatus;
  body: string;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: UserSummary | null;
  decisionNote: string | null;
}

/** One step taken against a member, as they, the room's moderators and admins see it. */
export interface Sanction {
  id: string;
  kind: SanctionKind;
  room: { id: string; name: string };
  user: UserSummary;
  /** Null when the acting account is gone. */
  actor: UserSummary | null;
  reasonCode: SanctionReason;
  reason: string;
  minutes: number | null;
  createdAt: string;
  /** When it ends by itself; null for a removed message. */
  endsAt: string | null;
  /** A mute or removal holding now, a role suspension not yet over. */
  inForce: boolean;
  /** The removed message's text, for the person and staff. */
  messageBody: string | null;
  roleName: string | null;
  liftedAt: string | null;
  appeal: Appeal | null;
  /** The person may still appeal (no appeal yet, and within APPEAL_DAYS). */
  canAppeal: boolean;
}

/** Appeals are made within this many days of the sanction. */
export const APPEAL_DAYS = 14;

/** A person's moderation record, as a moderator about to act sees it. */
export interface ModerationHistory {
  user: UserSummary;
  /** Newest first. */
  sanctions: Sanction[];
  /** The next step on the ladder, from what counts now (the last LADDER_DAYS). */
  nextStep: SanctionKind;
  /** A facilitator of the room (only admins act on them) or an admin. */
  facilitator: boolean;
  /** Their roles held now, for the ladder's last step. */
  roles: Array<{ key: string; name: string }>;
}

export interface AppealRequest {
  body: string;
}

export interface AppealDecisionRequest {
  outcome: 'confirmed' | 'overturned';
  note: string;
}

/** An appeal in the admins' queue, with the sanction it is about. */
export interface AppealCase {
  appeal: Appeal;
  sanction: Sanction;
}

/** Reports on chat messages. */
export const REPORT_STATUSES = ['open', 'actioned', 'dismissed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** A report nobody acts on goes to the admins after this many minutes (HEARTH_CHAT_REPORT_ESCALATE_MINUTES). */
export const REPORT_ESCALATION_MINUTES = 15;

export interface ReportRequest {
  reasonCode: SanctionReason;
  reason?: string;
}

export interface ChatReport {
  id: string;
  room: { id: string; name: string };
  message: ChatMessage;
  reporter: UserSummary;
  reasonCode: SanctionReason;
  reason: string;
  status: ReportStatus;
  createdAt: string;
  escalatedAt: string | null;
  resolvedBy: UserSummary | null;
  resolvedAt: string | null;
  outcomeNote: string | null;
}

export interface DismissReportRequest {
  /** Told to the reporter. */
  note: string;
}

/** What the person acted on hears, on their own connections: what, for how long, why, and where to appeal. */
export interface ModerationNotice {
  sanction: Sanction;
  /** The page to read it again and appeal from. */
  link: string;
}

export interface SlowModeRequest {
  /** 0 turns it off. */
  seconds: number;
}

export interface FreezeRequest {
  frozen: boolean;
}

/** A new holder's limits in a room, until enough co-hosted sessions are confirmed. */
export interface ProbationStanding {
  /** The longest mute or removal I may give. */
  maxMinutes: number;
  /** Locking the room (freeze) waits until probation ends. */
  mayLockRoom: false;
  confirmed: number;
  needed: number;
}

export interface ChatSession {
  id: string;
  roomId: string;
  /** Which requirement it counts for (`support-session`). */
  kind: string;
  topic: string;
  leader: UserSummary | null;
  coHost: UserSummary | null;
  scheduledFor: string | null;
  startedAt: string | null;
  endedAt: string | null;
  pinned: ChatMessage | null;
  /** The co-host's session was confirmed by its leader (toward ending their probation). */
  coHostConfirmed: boolean;
  /** A practice session: a trainee leads it from a course's script, a mentor may observe and score it. */
  practice: PracticeInfo | null;
}

export interface PracticeInfo {
  courseId: string;
  scriptItemId: string;
  observer: UserSummary | null;
  reviewed: boolean;
}

/** Practice sessions run only in rooms with this tag, and count as this kind. */
export const PRACTICE_ROOM_TAG = 'practice';

/**
 * `GET /chat/sessions/:id/practice`: a practice session with its script (for its leader)
 * and its rubric and review (for the observing mentor, and the leader once reviewed).
 */
export interface PracticeSessionView {
  session: ChatSession;
  roomName: string;
  course: { id: string; slug: string; title: string };
  script: { itemId: string; title: string; bodyHtml: string; steps: Array<{ title: string; promptHtml: string }>; questions: string[] };
  rubric: PracticumRubric;
  review: PracticumReview | null;
  /** Mine: leading it, observing it, and whether I may observe or review it now. */
  leading: boolean;
  observing: boolean;
  canObserve: boolean;
  canReview: boolean;
}

export interface PracticumReviewRequest {
  /** A whole score per criterion key, 0 to its maximum. */
  scores: Record<string, number>;
  /** Markdown. */
  feedback: string;
}

/** `GET /chat/sessions/upcoming`: a session scheduled in a room I may enter, with the room's name. */
export interface UpcomingSession extends ChatSession {
  roomName: string;
}

/** Someone connected to a room now. */
export interface RoomMember {
  user: UserSummary;
  /** Set while a moderator's mute lasts. */
  mutedUntil: string | null;
  /** Holds a role whose powers cover the room (moderator, session leader, on-spot host). */
  facilitator: boolean;
}

export interface ScheduleSessionRequest {
  topic: string;
  /**
   * One of the room's tags (the kinds course requirements name count only in rooms tagged
   * for them); defaults to the room's first tag, or UNTAGGED_SESSION_KIND in a room without.
   */
  kind?: string;
  startsAt?: string;
  /** A practice session (in a room tagged `practice`): the course and its published script item the trainee leads it from. */
  practice?: { courseId: string; scriptItemId: string };
}

export interface PinRequest {
  messageId: string;
}

export interface CoHostRequest {
  userId: string;
}

export interface WelcomeRequest {
  userId: string;
}

/** My time in a live session: what counts toward course requirements. */
export interface AttendanceRecord {
  sessionId: string;
  kind: string;
  /** The session's topic and room. */
  title: string;
  minutes: number;
  attendedAt: string;
}

/** What the server pushes when my powers change: a role granted, revoked or expired. */
export interface PowersChanged {
  powers: Array<{ roomId: string; powers: ChatPower[]; probation: ProbationStanding | null }>;
  /** Rooms I was in and may no longer enter. */
  closed: string[];
  roles: Array<{ key: string; bundle: PermissionBundle }>;
}

/** Socket.IO acknowledgements: the result, or a problem the client can show. */
export type ChatAck<T> = { ok: true; data: T } | { ok: false; code: string; message: string; retryAfterSeconds?: number };

export interface JoinRoomRequest {
  roomId: string;
  /** The last message seen (seq): the server sends what came after it. */
  after?: string;
}

export interface JoinedRoom {
  room: ChatRoom;
  /** Messages after `after`, oldest first; or the latest page when none was given. */
  messages: ChatMessage[];
  /** More were missed than can be sent: reload the history. */
  truncated: boolean;
}

/** Why a room's connection was taken out of it (`room:closed`). */
export type RoomClosedReason = 'archived' | 'locked' | 'removed';

/**
 * The chat's Socket.IO events, by name, for the server (libs/chat) and the web app alike:
 * what the server pushes (`ChatServerEvents`) and what a client asks, with the answer it
 * acknowledges (`ChatClientEvents`). In Socket.IO's own shape, so `Server<…>` and
 * `Socket<…>` take them as they are.
 */
export interface ChatServerEvents {
  'message:new': (message: ChatMessage) => void;
  'message:deleted': (event: { roomId: string; messageId: string }) => void;
  /** Someone's mute here began (`until`) or was lifted (null). */
  'member:muted': (event: { roomId: string; userId: string; until: string | null }) => void;
  /** To the person acted on, privately: what a moderator did and why. */
  'moderation:notice': (notice: ModerationNotice) => void;
  /** To the room's moderators: a new report waits. */
  'report:new': (event: { roomId: string; reportId: string }) => void;
  /** To the person: their powers changed (a role granted, revoked, expired, suspended). */
  'role:changed': (change: PowersChanged) => void;
  /** To the person (or the room): they are out of it, and why; a removal says until when. */
  'room:closed': (event: { roomId: string; reason: RoomClosedReason; until?: string }) => void;
  /** Someone came or went: read the people here again. */
  'room:presence': (event: { roomId: string }) => void;
  /** The room's settings changed (slow mode, the lock, its tags): read it again. */
  'room:updated': (event: { roomId: string }) => void;
  'session:scheduled': (session: ChatSession) => void;
  'session:started': (session: ChatSession) => void;
  'session:updated': (session: ChatSession) => void;
  'session:ended': (session: ChatSession) => void;
  /** The access token ran out: reconnect with a fresh one. */
  'auth:expired': (event: { message: string }) => void;
  /** The sign-in ended: the connection closes. */
  'auth:ended': (event: { message: string }) => void;
}

export interface ChatClientEvents {
  'room:join': (request: JoinRoomRequest, answer: (ack: ChatAck<JoinedRoom>) => void) => void;
  'room:leave': (request: { roomId: string }, answer: (ack: ChatAck<null>) => void) => void;
  'message:send': (request: SendMessageRequest & { roomId: string }, answer: (ack: ChatAck<ChatMessage>) => void) => void;
}

export type ChatServerEvent = keyof ChatServerEvents;
/** The payload of a server event. */
export type ChatServerPayload<K extends ChatServerEvent> = Parameters<ChatServerEvents[K]>[0];
export type ChatClientEvent = keyof ChatClientEvents;
/** What a client sends with an event, and what the server acknowledges. */
export type ChatClientRequest<K extends ChatClientEvent> = Parameters<ChatClientEvents[K]>[0];
export type ChatClientAnswer<K extends ChatClientEvent> = Parameters<Parameters<ChatClientEvents[K]>[1]>[0];
