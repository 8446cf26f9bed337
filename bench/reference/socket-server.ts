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
 * Per message, the essential work Hearth does (libs/chat/src/messages.service.ts):
 *   - the payload checked as SocketMessageDto does, and the sender in the room's channel;
 *   - the room checked (exists, not archived, not locked, read-only or frozen), with the
 *     author's name, in one query;
 *   - @mentions resolved (only when the text has an `@`) and the text rendered by Hearth's
 *     own renderChatText;
 *   - in one transaction: the sender's advisory lock, the rate-limit count and the INSERT,
 *     all three with Hearth's SQL (libs/chat/src/chat.repository.ts);
 *   - one emit of `message:new` to the room.
 * Left out as not this benchmark's job: powers and locks beyond refusing a locked room,
 * bans, mutes, slow mode, sessions and presence, the per-person channel. A resend with a
 * used client id is answered from the INSERT's conflict, without Hearth's lookup first.
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
import { CHAT_RATE_LIMIT } from '../../libs/contracts/src/chat';
import { mentionedUsernames, renderChatText } from '../../libs/platform/src/markdown';
import { inTransaction, runAsProcess } from './process';

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
const INSERT_MESSAGE = `INSERT INTO chat_message AS m (room_id, author_id, kind, body, body_html, client_id) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (author_id, client_id) WHERE client_id IS NOT NULL DO NOTHING RETURNING ${MESSAGE}`;
const SENT_SINCE = `SELECT count(*) AS count, min(created_at) AS oldest FROM chat_message
        WHERE author_id = $1 AND kind = 'text' AND created_at > now() - $2 * interval '1 second'`;
const SENDER_LOCK = "SELECT pg_advisory_xact_lock(hashtext('chat:' || $1))";
const HISTORY = `SELECT ${MESSAGE} FROM chat_message m WHERE m.room_id = $1 ORDER BY m.seq DESC LIMIT $2`;
const AFTER = `SELECT ${MESSAGE} FROM chat_message m WHERE m.room_id = $1 AND m.seq > $2::bigint ORDER BY m.seq LIMIT $3`;
// The room check and the author's name (which a ChatMessage carries) in one round trip.
const SENDABLE = `SELECT r.archived_at IS NOT NULL AS archived, cardinality(r.lock_course_ids) + cardinality(r.lock_role_keys) > 0 AS locked,
                         r.read_only AS "readOnly", r.frozen, u.username, u.display_name AS "displayName"
                    FROM chat_room r, "user" u WHERE r.id = $1 AND u.id = $2`;

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
    const room = (await pool.query<{ archived: boolean; locked: boolean; readOnly: boolean; frozen: boolean } & Omit<UserSummary, 'id'>>(SENDABLE, [roomId, userId])).rows[0];
    if (!room || room.archived) throw new Refusal('room-not-found', 'There is no such room, or it is not open to you.');
    if (room.locked) throw new Refusal('room-closed', 'This room is locked; see what would open it.');
    if (room.readOnly) throw new Refusal('room-read-only', 'Only the room’s facilitators post here.');
    if (room.frozen) throw new Refusal('room-frozen', 'A moderator has locked the room for now; only facilitators post until it opens again.');
    const author: UserSummary = { id: userId, username: room.username, displayName: room.displayName };

    const names = body.includes('@') ? mentionedUsernames(body) : [];
    const mentions = names.length > 0 ? await usernames(names) : new Map<string, string>();
    const bodyHtml = renderChatText(body, { mentions });

    const inserted = await inTransaction(pool, async (client) => {
      await client.query(SENDER_LOCK, [userId]);
      const recent = (await client.query<{ count: string; oldest: Date | null }>(SENT_SINCE, [userId, CHAT_RATE_LIMIT.seconds])).rows[0];
      if (Number(recent.count) >= CHAT_RATE_LIMIT.messages) {
        const wait = Math.max(1, Math.ceil(CHAT_RATE_LIMIT.seconds - (Date.now() - recent.oldest!.getTime()) / 1000));
        throw new Refusal('rate-limited', `That is ${CHAT_RATE_LIMIT.messages} messages in ${CHAT_RATE_LIMIT.seconds} seconds; wait ${wait} s.`, wait);
      }
      return (await client.query<MessageRow>(INSERT_MESSAGE, [roomId, userId, 'text', body, bodyHtml, clientId])).rows[0] ?? null;
    });
    if (!inserted) {
      // A resend: the first message with this client id.
      const earlier = (await pool.query<MessageRow>(`SELECT ${MESSAGE} FROM chat_message m WHERE m.author_id = $1 AND m.client_id = $2`, [userId, clientId])).rows[0];
      if (earlier.roomId !== roomId) throw new Refusal('not-allowed', 'This message id was used for another message.');
      return messageView(earlier, author);
    }
    const message = messageView(inserted, author);
    chat.to(channel(roomId)).emit('message:new', message);
    return message;
  }

  async function summaries(ids: string[]): Promise<Map<string, UserSummary>> {
    if (ids.length === 0) return new Map();
    const { rows } = await pool.query<UserSummary>('SELECT id, username, display_name AS "displayName" FROM "user" WHERE id = ANY($1)', [[...new Set(ids)]]);
    return new Map(rows.map((user) => [user.id, user]));
  }

  /** Lower-cased name → the username as written, for those who exist. */
  async function usernames(names: string[]): Promise<Map<string, string>> {
    const { rows } = await pool.query<{ username: string }>('SELECT username FROM "user" WHERE lower(username) = ANY($1)', [names]);
    return new Map(rows.map((user) => [user.username.toLowerCase(), user.username]));
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

function messageView(row: MessageRow, author: UserSummary | null): ChatMessage {
  return {
    id: row.id,
    roomId: row.roomId,
    seq: row.seq,
    kind: row.kind,
    author,
    body: row.removedAt ? '' : row.body,
    bodyHtml: row.removedAt ? '' : row.bodyHtml,
    clientId: row.clientId,
    createdAt: row.createdAt.toISOString(),
    removed: row.removedAt !== null,
  };
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
