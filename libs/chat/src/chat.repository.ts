import { Injectable } from '@nestjs/common';
import { Clock, Database, OUTBOX_SQL } from '@hearth/platform';
import { MESSAGE, messageFromJson, ROOM, SESSION, sendSql } from './chat.sql';
import type { ChatMessageEntity, ChatPracticeReviewEntity, ChatRoomEntity, ChatSessionEntity } from './chat.entity';

export type RoomRow = ChatRoomEntity;
export type MessageRow = ChatMessageEntity;
export type SessionRow = ChatSessionEntity;
export type PracticeReviewRow = ChatPracticeReviewEntity;

/** The send statement, with the platform's outbox fragments. */
const SEND_SQL = sendSql(OUTBOX_SQL);

/** How often each instance vouches for its connections' open presences (ChatGateway). */
export const PRESENCE_BEAT_SECONDS = 60;
/** A presence not vouched for this long (two beats missed, and some) is taken as gone since it was last seen. */
export const PRESENCE_SILENT_SECONDS = PRESENCE_BEAT_SECONDS * 2.5;

@Injectable()
export class ChatRepository {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  // Rooms

  rooms(includeArchived: boolean): Promise<RoomRow[]> {
    return this.db.query<RoomRow>(`SELECT ${ROOM()} FROM chat_room ${includeArchived ? '' : 'WHERE archived_at IS NULL'} ORDER BY lower(name), id`);
  }

  room(id: string): Promise<RoomRow | null> {
    return this.db.query<RoomRow>(`SELECT ${ROOM()} FROM chat_room WHERE id = $1`, [id]).then(([row]) => row ?? null);
  }

  roomsByIds(ids: string[]): Promise<RoomRow[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.db.query<RoomRow>(`SELECT ${ROOM()} FROM chat_room WHERE id = ANY($1::uuid[])`, [ids]);
  }

  lockRoom(id: string): Promise<RoomRow | null> {
    return this.db.query<RoomRow>(`SELECT ${ROOM()} FROM chat_room WHERE id = $1 FOR UPDATE`, [id]).then(([row]) => row ?? null);
  }

  async insertRoom(room: Pick<RoomRow, 'name' | 'topic' | 'audienceNote' | 'tags' | 'lockCourseIds' | 'lockRoleKeys' | 'readOnly' | 'createdBy'>): Promise<RoomRow> {
    const [row] = await this.db.query<RoomRow>(
      `INSERT INTO chat_room (name, topic, audience_note, tags, lock_course_ids, lock_role_keys, read_only, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${ROOM()}`,
      [room.name, room.topic, room.audienceNote, room.tags, room.lockCourseIds, room.lockRoleKeys, room.readOnly, room.createdBy],
    );
    return row;
  }

  async updateRoom(id: string, changes: Partial<Pick<RoomRow, 'name' | 'topic' | 'audienceNote' | 'tags' | 'lockCourseIds' | 'lockRoleKeys' | 'readOnly' | 'slowModeSeconds' | 'frozen' | 'archivedAt'>>): Promise<void> {
    const columns: Record<string, string> = {
      name: 'name',
      topic: 'topic',
      audienceNote: 'audience_note',
      tags: 'tags',
      lockCourseIds: 'lock_course_ids',
      lockRoleKeys: 'lock_role_keys',
      readOnly: 'read_only',
      slowModeSeconds: 'slow_mode_seconds',
      frozen: 'frozen',
      archivedAt: 'archived_at',
    };
    const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
    if (entries.length === 0) return;
    await this.db.execute(
      `UPDATE chat_room SET ${entries.map(([key], i) => `${columns[key]} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
      [id, ...entries.map(([, value]) => value)],
    );
  }

  // Messages

  /** A message with this client id from this author, if it was posted already. */
  messageByClientId(authorId: string, clientId: string): Promise<MessageRow | null> {
    return this.db
      .query<MessageRow>(`SELECT ${MESSAGE} FROM chat_message m WHERE m.author_id = $1 AND m.client_id = $2`, [authorId, clientId])
      .then(([row]) => row ?? null);
  }

  /** A new message; null when this author's client id was used already (a resend). */
  async insertMessage(message: Pick<MessageRow, 'roomId' | 'authorId' | 'kind' | 'body' | 'bodyHtml' | 'clientId'>): Promise<MessageRow | null> {
    const [row] = await this.db.query<MessageRow>(
      `INSERT INTO chat_message AS m (room_id, author_id, kind, body, body_html, client_id) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (author_id, client_id) WHERE client_id IS NOT NULL DO NOTHING RETURNING ${MESSAGE}`,
      [message.roomId, message.authorId, message.kind, message.body, message.bodyHtml, message.clientId],
    );
    return row ?? null;
  }

  message(id: string): Promise<MessageRow | null> {
    return this.db.query<MessageRow>(`SELECT ${MESSAGE} FROM chat_message m WHERE m.id = $1`, [id]).then(([row]) => row ?? null);
  }

  async messagesByIds(ids: string[]): Promise<Map<string, MessageRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.query<MessageRow>(`SELECT ${MESSAGE} FROM chat_message m WHERE m.id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** A removed message shown again (its removal overturned). */
  async restoreMessage(id: string): Promise<void> {
    await this.db.execute('UPDATE chat_message SET removed_at = NULL, removed_by = NULL WHERE id = $1', [id]);
  }

  async removeMessage(id: string, by: string): Promise<boolean> {
    return (await this.db.execute('UPDATE chat_message SET removed_at = now(), removed_by = $2 WHERE id = $1 AND removed_at IS NULL', [id, by])) > 0;
  }

  /** Newest first, `limit + 1` before the cursor's seq, on chat_message_room_id_seq_idx. */
  history(roomId: string, before: string | null, limit: number): Promise<MessageRow[]> {
    return this.db.query<MessageRow>(
      `SELECT ${MESSAGE} FROM chat_message m WHERE m.room_id = $1${before ? ' AND m.seq < $3::bigint' : ''} ORDER BY m.seq DESC LIMIT $2`,
      [roomId, limit + 1, ...(before ? [before] : [])],
    );
  }

  /** Oldest first, up to `limit + 1` after a seq: what a reconnecting client missed. */
  after(roomId: string, after: string, limit: number): Promise<MessageRow[]> {
    return this.db.query<MessageRow>(`SELECT ${MESSAGE} FROM chat_message m WHERE m.room_id = $1 AND m.seq > $2::bigint ORDER BY m.seq LIMIT $3`, [
      roomId,
      after,
      limit + 1,
    ]);
  }

  /**
   * Sends a text message, rate limit included, in one statement: the sender's row of recent
   * send times is checked and updated under its row lock (two sends at once take turns, and
   * the second sees the first), and the message is written only if there was room. A resend
   * of a client id already used counts nothing and returns the earlier message. With
   * `mention`, an outbox message to tell the people named goes in the same statement.
   */
  async send(
    message: Pick<MessageRow, 'roomId' | 'authorId' | 'body' | 'bodyHtml' | 'clientId'>,
    limit: { messages: number; seconds: number },
    mention: { topic: string; payload: Record<string, unknown> } | null,
  ): Promise<{ sent: MessageRow | null; earlier: MessageRow | null; oldestRecent: Date | null }> {
    const [row] = await this.db.query<{ sent: Record<string, string | null> | null; earlier: Record<string, string | null> | null; oldest: Date | null }>(SEND_SQL, [
      message.roomId,
      message.authorId,
      message.body,
      message.bodyHtml,
      message.clientId,
      limit.seconds,
      limit.messages,
      mention?.topic ?? null,
      JSON.stringify(mention?.payload ?? {}),
    ]);
    return { sent: row.sent ? messageFromJson(row.sent) : null, earlier: row.earlier ? messageFromJson(row.earlier) : null, oldestRecent: row.oldest };
  }

  // Sessions and presence

  async insertSession(
    session: Pick<SessionRow, 'roomId' | 'kind' | 'topic' | 'leaderId' | 'scheduledFor' | 'startedAt'> & Partial<Pick<SessionRow, 'courseId' | 'scriptItemId'>>,
  ): Promise<SessionRow> {
    const [row] = await this.db.query<SessionRow>(
      `INSERT INTO chat_session (room_id, kind, topic, leader_id, scheduled_for, started_at, course_id, script_item_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${SESSION}`,
      [session.roomId, session.kind, session.topic, session.leaderId, session.scheduledFor, session.startedAt, session.courseId ?? null, session.scriptItemId ?? null],
    );
    return row;
  }

  /** A practice session's observer, set once: true when this call set it (or it was this person already). */
  async observe(sessionId: string, userId: string): Promise<boolean> {
    const [row] = await this.db.query<{ observerId: string }>(
      `UPDATE chat_session SET observer_id = $2 WHERE id = $1 AND (observer_id IS NULL OR observer_id = $2) RETURNING observer_id`,
      [sessionId, userId],
    );
    return row !== undefined;
  }

  /** Records a practice session's review; false when it has one already. */
  async insertPracticeReview(review: PracticeReviewRow): Promise<boolean> {
    const inserted = await this.db.query<{ sessionId: string }>(
      `INSERT INTO chat_practice_review (session_id, mentor_id, scores, total, pass_score, passed, feedback, reviewed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (session_id) DO NOTHING RETURNING session_id`,
      [review.sessionId, review.mentorId, JSON.stringify(review.scores), review.total, review.passScore, review.passed, review.feedback, review.reviewedAt],
    );
    return inserted.length > 0;
  }

  practiceReview(sessionId: string): Promise<PracticeReviewRow | null> {
    return this.db
      .query<PracticeReviewRow>('SELECT session_id, mentor_id, scores, total, pass_score, passed, feedback, reviewed_at FROM chat_practice_review WHERE session_id = $1', [sessionId])
      .then(([row]) => row ?? null);
  }

  /** Which of these sessions have a review. */
  async practiceReviewed(sessionIds: string[]): Promise<Set<string>> {
    if (sessionIds.length === 0) return new Set();
    const rows = await this.db.query<{ sessionId: string }>('SELECT session_id FROM chat_practice_review WHERE session_id = ANY($1::uuid[])', [sessionIds]);
    return new Set(rows.map((row) => row.sessionId));
  }

  session(id: string): Promise<SessionRow | null> {
    return this.db.query<SessionRow>(`SELECT ${SESSION} FROM chat_session WHERE id = $1`, [id]).then(([row]) => row ?? null);
  }

  lockSession(id: string): Promise<SessionRow | null> {
    return this.db.query<SessionRow>(`SELECT ${SESSION} FROM chat_session WHERE id = $1 FOR UPDATE`, [id]).then(([row]) => row ?? null);
  }

  /** The sessions running now in these rooms. */
  async running(roomIds: string[]): Promise<Map<string, SessionRow>> {
    if (roomIds.length === 0) return new Map();
    const rows = await this.db.query<SessionRow>(`SELECT ${SESSION} FROM chat_session WHERE room_id = ANY($1) AND started_at IS NOT NULL AND ended_at IS NULL`, [
      roomIds,
    ]);
    return new Map(rows.map((row) => [row.roomId, row]));
  }

  /** Sessions scheduled and not started yet in any of the rooms, soonest first (unscheduled ones last), at most `limit`. */
  scheduledIn(roomIds: string[], limit: number): Promise<SessionRow[]> {
    return this.db.query<SessionRow>(
      `SELECT ${SESSION} FROM chat_session WHERE room_id = ANY($1::uuid[]) AND started_at IS NULL AND ended_at IS NULL
        ORDER BY scheduled_for NULLS LAST, created_at LIMIT $2`,
      [roomIds, limit],
    );
  }

  /** Sessions scheduled and not started yet in a room, soonest first. */
  scheduled(roomId: string): Promise<SessionRow[]> {
    return this.db.query<SessionRow>(
      `SELECT ${SESSION} FROM chat_session WHERE room_id = $1 AND started_at IS NULL AND ended_at IS NULL ORDER BY scheduled_for NULLS LAST, created_at`,
      [roomId],
    );
  }

  async updateSession(id: string, changes: Partial<Pick<SessionRow, 'startedAt' | 'endedAt' | 'coHostId' | 'pinnedMessageId'>>): Promise<void> {
    const columns: Record<string, string> = { startedAt: 'started_at', endedAt: 'ended_at', coHostId: 'co_host_id', pinnedMessageId: 'pinned_message_id' };
    const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
    if (entries.length === 0) return;
    await this.db.execute(`UPDATE chat_session SET ${entries.map(([key], i) => `${columns[key]} = $${i + 2}`).join(', ')} WHERE id = $1`, [
      id,
      ...entries.map(([, value]) => value),
    ]);
  }

  /** A person's minutes in an ended session: their connections' union, as attendance counts it. */
  async minutesIn(sessionId: string, userId: string): Promise<number> {
    const [row] = await this.db.query<{ minutes: number | null }>(
      `SELECT floor(sum(extract(epoch FROM upper(part) - lower(part))) / 60)::int AS minutes
         FROM (SELECT unnest(range_agg(tstzrange(joined_at, left_at))) AS part FROM chat_presence
                WHERE session_id = $1 AND user_id = $2 AND left_at IS NOT NULL) AS spans`,
      [sessionId, userId],
    );
    return row?.minutes ?? 0;
  }

  /** Whether the session's leader confirmed this co-host's session. */
  /** Which of these sessions have their present co-host confirmed. */
  async coHostsConfirmed(sessionIds: string[]): Promise<Set<string>> {
    if (sessionIds.length === 0) return new Set();
    const rows = await this.db.query<{ sessionId: string }>(
      `SELECT c.session_id FROM chat_co_host_confirmation c JOIN chat_session s ON s.id = c.session_id AND s.co_host_id = c.user_id WHERE c.session_id = ANY($1::uuid[])`,
      [sessionIds],
    );
    return new Set(rows.map((row) => row.sessionId));
  }

  /** Records the confirmation once; false when it was recorded already. */
  async confirmCoHost(sessionId: string, userId: string, by: string): Promise<boolean> {
    return (
      // Confirmed at the Clock's time: probation counts confirmations since the role was granted, which is the Clock's time too.
      (await this.db.execute('INSERT INTO chat_co_host_confirmation (session_id, user_id, confirmed_by, confirmed_at) VALUES ($1, $2, $3, $4::timestamptz) ON CONFLICT DO NOTHING', [sessionId, userId, by, this.clock.now()])) > 0
    );
  }

  // Presences are stamped with the Clock's time (joined, seen, left), as the session's start
  // and end are: attendance is measured between them, and tests move the clock to let it pass.

  async enter(sessionId: string, userId: string, socketId: string): Promise<void> {
    await this.db.execute(
      `INSERT INTO chat_presence (session_id, user_id, socket_id, joined_at, seen_at)
       SELECT $1, $2, $3, $4::timestamptz, $4::timestamptz WHERE NOT EXISTS (SELECT 1 FROM chat_presence WHERE session_id = $1 AND socket_id = $3 AND left_at IS NULL)`,
      [sessionId, userId, socketId, this.clock.now()],
    );
  }

  /** A connection left (a room, or altogether): its open presence ends now. */
  async leave(socketId: string, sessionId?: string): Promise<void> {
    await this.db.execute(
      `UPDATE chat_presence SET left_at = $${sessionId ? 3 : 2}::timestamptz WHERE socket_id = $1 AND left_at IS NULL${sessionId ? ' AND session_id = $2' : ''}`,
      sessionId ? [socketId, sessionId, this.clock.now()] : [socketId, this.clock.now()],
    );
  }

  /** These connections (one instance's) are still here: their open presences were seen now. */
  async seen(socketIds: string[]): Promise<void> {
    if (socketIds.length === 0) return;
    await this.db.execute('UPDATE chat_presence SET seen_at = $2::timestamptz WHERE socket_id = ANY($1) AND left_at IS NULL', [socketIds, this.clock.now()]);
  }

  /** Someone is taken out of a room (locked to them now, or removed): their time there stops counting. */
  async leaveAll(userId: string, sessionId: string): Promise<void> {
    await this.db.execute('UPDATE chat_presence SET left_at = $3::timestamptz WHERE user_id = $1 AND session_id = $2 AND left_at IS NULL', [userId, sessionId, this.clock.now()]);
  }

  /**
   * Ends a session's open presences and returns each person's minutes: the union of their
   * connections' intervals (two tabs count once), rounded down. A presence still open ends
   * with the session, unless its instance stopped vouching for it (a crash records no
   * departure): one not seen for PRESENCE_SILENT_SECONDS ends when it was last seen.
   */
  async closeAttendance(sessionId: string, endedAt: Date): Promise<Array<{ userId: string; minutes: number }>> {
    await this.db.execute(
      `UPDATE chat_presence SET left_at = CASE WHEN seen_at < $2::timestamptz - make_interval(secs => $3) THEN greatest(seen_at, joined_at) ELSE $2 END
        WHERE session_id = $1 AND left_at IS NULL`,
      [sessionId, endedAt, PRESENCE_SILENT_SECONDS],
    );
    return this.db.query(
      `SELECT user_id, floor(sum(extract(epoch FROM upper(part) - lower(part))) / 60)::int AS minutes
         FROM (SELECT user_id, unnest(range_agg(tstzrange(joined_at, least(left_at, $2)))) AS part
                 FROM chat_presence WHERE session_id = $1 AND joined_at < $2 GROUP BY user_id) AS spans
        GROUP BY user_id ORDER BY user_id`,
      [sessionId, endedAt],
    );
  }
}
