/**
 * The yardstick for chat fan-out: a bare Socket.IO 4 server doing the work Hearth's chat
 * must do for a message, and no more. No Nest, no TypeORM, no Postgres adapter (one
 * instance, the default in-memory adapter).
 *
 * Speaks Hearth's protocol (libs/chat/src/chat.gateway.ts): namespace `/chat` on path
 * `/socket.io`; the handshake carries `auth: { token }`, an HS256 JWT checked with the same
 * algorithm, issuer and audience, and the connection is dropped when the token runs out;
 * `room:join { roomId, after? }` and `message:send { roomId, body, clientId? }` answer with
 * `{ ok: true, data }` or `{ ok: false, code, message }`, with Hearth's codes; the room
 * hears `message:new` (a ChatMessage).
 *
 * Per message, the essential work Hearth does (libs/chat/src/messages.service.ts), with
 * Hearth's very statements (libs/chat/src/chat.sql.ts, imported, not copied) and its
 * standing rules (libs/chat/src/chat-access.ts):
 *   - the payload checked as SocketMessageDto does, and the sender in the room's channel;
 *   - the room and the sender's standing in it (roles, badges, mute, removal, session,
 *     slow mode) read in one query, and the same refusals decided from it;
 *   - @mentions (only when the text has an `@`) looked up in one query, and the text
 *     rendered by Hearth's own renderChatText;
 *   - the send statement: rate limit, INSERT and (for mentions) the outbox row, in one;
 *   - one emit of `message:new` to the room.
 * So both servers send the same statements to PostgreSQL, and the figures compare what
 * surrounds them (Nest, the gateway, the Postgres adapter). Left out as not this
 * benchmark's job: sessions and presence, the per-person channel, the outbox's worker.
 * The pool holds 10 connections, as Hearth's does.
 *
 * Run directly: DATABASE_URL=… HEARTH_JWT_SECRET=… [PORT=0] node socket-server.js
 */
import { createSecretKey } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { Pool } from 'pg';
import { Server, type Socket } from 'socket.io';
import type { ChatAck, ChatMessage, ChatRoom, JoinedRoom, UserSummary } from '@hearth/contracts';
import { ACCESS_SQL, isFacilitator, type MemberColumns, messageFromJson, messageView, NAMED_SQL, sendSql, sessionFromJson, standingIn, toMember } from '@hearth/chat/bare';
import { CHAT_RATE_LIMIT } from '@hearth/contracts';
import { camelCaseKeys, camelCaseRows, mentionedUsernames, OUTBOX_SQL, renderChatText } from '@hearth/platform/bare';
import { runAsProcess } from './process';

export interface ReferenceSocketServer {
  /** The base URL; clients connect to `${url}/chat`. */
  url: string;
  close(): Promise<void>;
}

// The SQL Hearth runs (libs/chat/src/chat.repository.ts), word for word where it matters.
const ROOM = `id, name, topic, audience_note AS "audienceNote", tags, lock_course_ids AS "lockCourseIds", lock_role_keys AS "lockRoleKeys",
              read_only AS "readOnly", slow_mode_seconds AS "slowModeSeconds", frozen, archived_at AS "archivedAt",
              created_by AS "createdBy", created_at AS "createdAt", updated_at AS "updatedAt"`;
const MESSAGE = `m.id, m.seq::text AS seq, m.room_id AS "roomId", m.author_id AS "authorId", m.kind, m.body, m.body_html AS "bodyHtml",
                 m.client_id AS "clientId", m.created_at AS "createdAt", m.removed_at AS "removedAt", m.removed_by AS "removedBy"`;
const HISTORY = `SELECT ${MESSAGE} FROM chat_message m WHERE m.room_id = $1 ORDER BY m.seq DESC LIMIT $2`;
const AFTER = `SELECT ${MESSAGE} FROM chat_message m WHERE m.room_id = $1 AND m.seq > $2::bigint ORDER BY m.seq LIMIT $3`;
const SEND = sendSql(OUTBOX_SQL);
const MENTION_TOPIC = 'chat.mentioned';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CATCH_UP_LIMIT = 200;
const LATEST = 50;

interface MessageRow {
  id: string;
  seq: string;
  roomId: string;
  authorId: string | null;
  kind: 'text' | 'system';
  body: string;
  bodyHtml: string;
  clientId: string | null;
  createdAt: Date;
  removedAt: Date | null;
}

interface RoomRow {
  id: string;
  name: string;
  topic: string;
  audienceNote: string;
  tags: string[];
  lockCourseIds: string[];
  lockRoleKeys: string[];
  readOnly: boolean;
  slowModeSeconds: number;
  frozen: boolean;
  archivedAt: Date | null;
}

interface SocketData {
  userId: string;
}

type ChatSocket = Socket<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>;

/** A refusal the client hears as `{ ok: false, code, message }`. */
class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

const channel = (roomId: string) => `room:${roomId}`;

export async function startReferenceSocketServer(options: { databaseUrl: string; jwtSecret: string; port?: number }): Promise<ReferenceSocketServer> {
  const pool = new Pool({ connectionString: options.databaseUrl, max: 10, application_name: 'reference-sockets' });
  pool.on('error', () => undefined);
  const http = createServer();
  const io = new Server(http, { path: '/socket.io', serveClient: false });
  const chat = io.of('/chat');
  const expiries = new WeakMap<Socket, NodeJS.Timeout>();
  // A KeyObject, as Hearth's AccessTokens.verificationKey: given a string, jsonwebtoken first
  // tries it as a public key (and throws) on every check.
  const key = createSecretKey(Buffer.from(options.jwtSecret, 'utf8'));

  chat.use((socket, next) => {
    const token: unknown = socket.handshake.auth?.token;
    try {
      if (typeof token !== 'string' || token.length === 0 || token.length > 4096) throw new Error('no token');
      const payload = jwt.verify(token, key, { algorithms: ['HS256'], issuer: 'hearth', audience: 'hearth-api' }) as jwt.JwtPayload;
      socket.data.userId = payload.sub!;
      const expiry = setTimeout(
        () => {
          socket.emit('auth:expired', { message: 'Your access token ran out; reconnect with a fresh one.' });
          socket.disconnect(true);
        },
        Math.max(0, payload.exp! * 1000 - Date.now()),
      );
      expiries.set(socket, expiry);
      next();
    } catch {
      next(Object.assign(new Error('Sign in again: the access token is missing, expired or invalid.'), { data: { code: 'unauthenticated' } }));
    }
  });

  chat.on('connection', (socket: ChatSocket) => {
    socket.on('disconnect', () => clearTimeout(expiries.get(socket)));
    socket.on('room:join', (payload: unknown, ack: unknown) => answer(ack, () => join(socket, payload)));
    socket.on('message:send', (payload: unknown, ack: unknown) => answer(ack, () => send(socket, payload)));
  });

  async function join(socket: ChatSocket, payload: unknown): Promise<JoinedRoom> {
    const { roomId, after } = (payload ?? {}) as { roomId?: unknown; after?: unknown };
    if (typeof roomId !== 'string' || !UUID.test(roomId)) throw new Refusal('validation', 'The request has invalid fields. roomId: roomId must be a UUID');
    if (after !== undefined && (typeof after !== 'string' || !/^\d{1,18}$/.test(after))) {
      throw new Refusal('validation', 'The request has invalid fields. after: after is the seq of the last message seen.');
    }
    const room = (await pool.query<RoomRow>(`SELECT ${ROOM} FROM chat_room WHERE id = $1`, [roomId])).rows[0];
    if (!room || room.archivedAt) throw new Refusal('room-not-found', 'There is no such room, or it is not open to you.');
    if (room.lockCourseIds.length + room.lockRoleKeys.length > 0) throw new Refusal('room-closed', 'This room is locked; see what would open it.');
    await socket.join(channel(roomId));
    const limit = after ? CATCH_UP_LIMIT : LATEST;
    const rows = after
      ? (await pool.query<MessageRow>(AFTER, [roomId, after, limit + 1])).rows
      : (await pool.query<MessageRow>(HISTORY, [roomId, limit + 1])).rows.slice(0, limit).reverse();
    const authors = await summaries(rows.flatMap((row) => (row.authorId ? [row.authorId] : [])));
    return {
      room: roomView(room),
      messages: rows.slice(0, limit).map((row) => messageView(row, row.authorId ? (authors.get(row.authorId) ?? null) : null)),
      truncated: rows.length > limit,
    };
  }

  async function send(socket: ChatSocket, payload: unknown): Promise<ChatMessage> {
    const { roomId, body, clientId } = sendInput(payload);
    if (!socket.rooms.has(channel(roomId))) throw new Refusal('not-in-room', 'Join the room before sending to it.');
    const userId = socket.data.userId;
    type AccessRow = RoomRow & { member: Record<string, unknown> | null; bannedUntil: Date | null; mutedUntil: Date | null; session: Record<string, string | null> | null; lastPostAt: Date | null };
    // Hearth's SQL, so its rows as Hearth's Database hands them back: column names in camelCase.
    const [found] = camelCaseRows<AccessRow>((await pool.query(ACCESS_SQL, [userId, roomId, new Date()])).rows);
    if (!found?.member || found.archivedAt) throw new Refusal('room-not-found', 'There is no such room, or it is not open to you.');
    const { member: columns, bannedUntil, mutedUntil, session, lastPostAt, ...room } = found;
    const member = toMember(camelCaseKeys<MemberColumns>(columns));
    const standing = standingIn(member, room as Parameters<typeof standingIn>[1], { bannedUntil, session: session ? sessionFromJson(session) : null });
    if (!standing.canEnter) throw new Refusal('room-closed', 'This room is locked; see what would open it.');
    if (!standing.powers.includes('post')) throw new Refusal('room-read-only', 'Only the room’s facilitators post here.');
    const facilitator = isFacilitator(member, standing);
    if (room.frozen && !facilitator) throw new Refusal('room-frozen', 'A moderator has locked the room for now; only facilitators post until it opens again.');
    if (mutedUntil && !facilitator) throw new Refusal('muted', 'You are muted in this room.');
    if (lastPostAt && !facilitator && room.slowModeSeconds * 1000 > Date.now() - lastPostAt.getTime()) throw new Refusal('slow-mode', 'The room is in slow mode.');
    const author: UserSummary = { id: userId, username: member.username, displayName: member.displayName };

    const names = body.includes('@') ? [...new Set(mentionedUsernames(body).map((name) => name.toLowerCase()))].slice(0, 50) : [];
    const named = names.length > 0 ? camelCaseRows<MemberColumns>((await pool.query(NAMED_SQL, [names, roomId, new Date()])).rows) : [];
    const mentions = new Map(named.map((person) => [person.username.toLowerCase(), person.username]));
    const bodyHtml = renderChatText(body, { mentions });
    const toTell = named.filter((person) => person.userId !== userId).slice(0, 10).map((person) => person.userId);

    const mention = toTell.length > 0 ? { roomId, roomName: room.name, authorId: userId, mentionedUserIds: toTell } : null;
    const { rows } = await pool.query<{ sent: Record<string, string | null> | null; earlier: Record<string, string | null> | null; oldest: Date | null }>(SEND, [
      roomId,
      userId,
      body,
      bodyHtml,
      clientId,
      CHAT_RATE_LIMIT.seconds,
      CHAT_RATE_LIMIT.messages,
      mention ? MENTION_TOPIC : null,
      JSON.stringify(mention ?? {}),
    ]);
    const [result] = rows;
    if (result.sent) {
      const message = messageView(messageFromJson(result.sent), author);
      chat.to(channel(roomId)).emit('message:new', message);
      return message;
    }
    if (result.earlier) {
      const earlier = messageFromJson(result.earlier);
      if (earlier.roomId !== roomId) throw new Refusal('not-allowed', 'This message id was used for another message.');
      return messageView(earlier, author);
    }
    const wait = Math.max(1, Math.ceil(CHAT_RATE_LIMIT.seconds - (Date.now() - (result.oldest ?? new Date()).getTime()) / 1000));
    throw new Refusal('rate-limited', `That is ${CHAT_RATE_LIMIT.messages} messages in ${CHAT_RATE_LIMIT.seconds} seconds; wait ${wait} s.`, wait);
  }

  async function summaries(ids: string[]): Promise<Map<string, UserSummary>> {
    if (ids.length === 0) return new Map();
    const { rows } = await pool.query<UserSummary>('SELECT id, username, display_name AS "displayName" FROM "user" WHERE id = ANY($1)', [[...new Set(ids)]]);
    return new Map(rows.map((user) => [user.id, user]));
  }

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await pool.end();
    },
  };
}

/** Runs a handler and answers its acknowledgement, as Hearth's gateway does. */
function answer<T>(ack: unknown, work: () => Promise<T>): void {
  work().then(
    (data): ChatAck<T> => ({ ok: true, data }),
    (error: unknown): ChatAck<T> => {
      if (error instanceof Refusal) return { ok: false, code: error.code, message: error.message, ...(error.retryAfterSeconds ? { retryAfterSeconds: error.retryAfterSeconds } : {}) };
      console.error('reference sockets: an event failed', error);
      return { ok: false, code: 'internal', message: 'Something went wrong on our side; try again.' };
    },
  ).then((reply) => {
    if (typeof ack === 'function') ack(reply);
  });
}

/** What SocketMessageDto accepts: a room id, 1–2,000 characters once trimmed and without NUL, an optional UUID. */
function sendInput(payload: unknown): { roomId: string; body: string; clientId: string | null } {
  const input = (payload ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(input)) if (!['roomId', 'body', 'clientId'].includes(key)) problems.push(`${key}: ${key} is not a field of this request`);
  if (typeof input.roomId !== 'string' || !UUID.test(input.roomId)) problems.push('roomId: roomId must be a UUID');
  const body = typeof input.body === 'string' ? input.body.trim() : '';
  if (body.length === 0) problems.push('body: Write something first.');
  if (body.length > 2000) problems.push('body: body must be shorter than or equal to 2000 characters');
  if (body.includes('\u0000')) problems.push('body: Text cannot contain NUL characters.');
  if (input.clientId !== undefined && (typeof input.clientId !== 'string' || !UUID.test(input.clientId))) problems.push('clientId: clientId must be a UUID');
  if (problems.length > 0) throw new Refusal('validation', `The request has invalid fields. ${problems.join('; ')}`);
  return { roomId: input.roomId as string, body, clientId: (input.clientId as string | undefined) ?? null };
}

/** The room as anyone may use it: no powers beyond posting, no session. */
function roomView(room: RoomRow): ChatRoom {
  return {
    id: room.id,
    name: room.name,
    topic: room.topic,
    audienceNote: room.audienceNote,
    tags: room.tags,
    lock: null,
    lockedTo: [],
    readOnly: room.readOnly,
    slowModeSeconds: room.slowModeSeconds,
    frozen: room.frozen,
    archived: false,
    locked: false,
    canEnter: true,
    unmet: [],
    powers: room.readOnly ? [] : ['post'],
    probation: null,
    session: null,
  };
}

if (require.main === module) runAsProcess('reference sockets', startReferenceSocketServer);
