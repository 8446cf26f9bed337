import type { PermissionBundle, UnmetCondition } from './credentials';
import type { UserSummary } from './identity';

/** What someone may do in a room, decided by the server from the roles they hold now. */
export const CHAT_POWERS = ['post', 'moderate', 'lead', 'host'] as const;
export type ChatPower = (typeof CHAT_POWERS)[number];

/** A room tag (`support-session`): lower-case words joined by hyphens. */
export const ROOM_TAG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

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
  /** The live session running in the room, if any. */
  session: ChatSession | null;
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

export interface MuteRequest {
  userId: string;
  minutes: number;
  reason?: string;
}

export interface BanRequest {
  userId: string;
  minutes: number;
  reason?: string;
}

export interface SlowModeRequest {
  /** 0 turns it off. */
  seconds: number;
}

export interface FreezeRequest {
  frozen: boolean;
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
}

/** Someone connected to a room now. */
export interface RoomMember {
  user: UserSummary;
  /** Set while a moderator's mute lasts. */
  mutedUntil: string | null;
}

export interface ScheduleSessionRequest {
  topic: string;
  /** Defaults to the room's first tag, or `support-session`. */
  kind?: string;
  startsAt?: string;
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
  powers: Array<{ roomId: string; powers: ChatPower[] }>;
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
