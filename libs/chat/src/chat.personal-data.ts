import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Database, HoldsPersonalData, Outbox, outboxTopic, OutboxWorker, type PersonalDataHolder } from '@hearth/platform';
import { ChatBroadcast } from './chat-broadcast';

const ERASED_TOPIC = outboxTopic<{ messages: Array<{ id: string; roomId: string }> }>('chat.messages-erased');

/**
 * Messages, reports, appeals, presence, shifts and practice reviews. In a deletion the person's messages lose their
 * text and show as removed (in place, so the conversation around them still reads), their
 * reports and appeals keep no words of theirs, their presence and their shifts go, and calls
 * for a host forget them, reviews of practice sessions they led go and feedback they wrote
 * as a mentor loses its words. Moderation steps taken
 * about them stay as the room's record, by id; the chat's copy of their name follows the
 * account's (`user.renamed`, "Former member"). Rooms open at the time drop the erased
 * messages once the deletion commits (through the outbox, on every instance).
 */
@Injectable()
@HoldsPersonalData()
export class ChatPersonalData implements PersonalDataHolder, OnModuleInit {
  readonly section = 'chat';
  readonly stage = 'content' as const;

  constructor(
    private readonly db: Database,
    private readonly outbox: Outbox,
    private readonly worker: OutboxWorker,
    private readonly broadcast: ChatBroadcast,
  ) {}

  onModuleInit(): void {
    this.worker.handle(ERASED_TOPIC, async ({ messages }: { messages: Array<{ id: string; roomId: string }> }) => {
      for (const message of messages) this.broadcast.toRoom(message.roomId, 'message:deleted', { roomId: message.roomId, messageId: message.id });
    });
  }

  async export(userId: string): Promise<Record<string, unknown>> {
    const [messages, sanctions, reports, appeals, sessionsLed, shifts, practiceReviewsWritten] = await Promise.all([
      this.db.query(
        `SELECT r.name AS "room", m.body, m.created_at, m.removed_at
           FROM chat_message m JOIN chat_room r ON r.id = m.room_id WHERE m.author_id = $1 AND m.kind = 'text' ORDER BY m.seq`,
        [userId],
      ),
      this.db.query(
        `SELECT s.kind, r.name AS "room", s.reason_code, s.reason_note AS "reason", s.minutes, s.created_at, s.ends_at
           FROM chat_sanction s JOIN chat_room r ON r.id = s.room_id WHERE s.user_id = $1 ORDER BY s.created_at`,
        [userId],
      ),
      this.db.query(
        `SELECT r.name AS "room", p.reason_code, p.note, p.status, p.created_at, p.outcome_note AS "outcome"
           FROM chat_report p JOIN chat_room r ON r.id = p.room_id WHERE p.reporter_id = $1 ORDER BY p.created_at`,
        [userId],
      ),
      this.db.query('SELECT body, status, created_at, decision_note AS "decision" FROM chat_appeal WHERE user_id = $1 ORDER BY created_at', [userId]),
      this.db.query(
        `SELECT r.name AS "room", s.kind, s.topic, s.started_at, s.ended_at
           FROM chat_session s JOIN chat_room r ON r.id = s.room_id WHERE s.leader_id = $1 OR s.co_host_id = $1 ORDER BY s.created_at`,
        [userId],
      ),
      this.db.query(
        `SELECT r.name AS "room", s.starts_at, s.ends_at FROM chat_shift s JOIN chat_room r ON r.id = s.room_id WHERE s.user_id = $1 ORDER BY s.starts_at`,
        [userId],
      ),
      // As a mentor: the practice sessions they scored (the reviews of sessions they led are in progress's section).
      this.db.query(
        `SELECT r.name AS "room", s.topic, p.scores, p.total, p.passed, p.feedback, p.reviewed_at
           FROM chat_practice_review p JOIN chat_session s ON s.id = p.session_id JOIN chat_room r ON r.id = s.room_id
          WHERE p.mentor_id = $1 ORDER BY p.reviewed_at`,
        [userId],
      ),
    ]);
    return { messages, moderationOfMe: sanctions, reportsMade: reports, appeals, sessionsLed, shifts, practiceReviewsWritten };
  }

  async erase(userId: string): Promise<void> {
    const erased = await this.db.query<{ id: string; roomId: string; wasShown: boolean }>(
      `UPDATE chat_message m SET body = '', body_html = '', removed_at = coalesce(m.removed_at, now()), removed_by = coalesce(m.removed_by, $1)
         FROM chat_message before WHERE before.id = m.id AND m.author_id = $1 AND m.kind = 'text'
       RETURNING m.id, m.room_id, before.removed_at IS NULL AS was_shown`,
      [userId],
    );
    const shown = erased.filter((message) => message.wasShown).map(({ id, roomId }) => ({ id, roomId }));
    if (shown.length > 0) await this.outbox.enqueue(ERASED_TOPIC, { messages: shown });
    await this.db.execute(`UPDATE chat_report SET note = '' WHERE reporter_id = $1`, [userId]);
    await this.db.execute(`UPDATE chat_appeal SET body = '' WHERE user_id = $1`, [userId]);
    await this.db.execute('DELETE FROM chat_presence WHERE user_id = $1', [userId]);
    await this.db.execute('DELETE FROM chat_sender WHERE user_id = $1', [userId]);
    // Off the rota, and out of the record of who was asked for help or asked for it.
    await this.db.execute('DELETE FROM chat_shift WHERE user_id = $1', [userId]);
    // The reviews of practice sessions they led are about them alone; the feedback they wrote as a mentor goes, the scores stand.
    await this.db.execute('DELETE FROM chat_practice_review p USING chat_session s WHERE s.id = p.session_id AND s.leader_id = $1', [userId]);
    await this.db.execute(`UPDATE chat_practice_review SET feedback = '' WHERE mentor_id = $1`, [userId]);
    await this.db.execute('UPDATE chat_host_call SET host_ids = array_remove(host_ids, $1), asked_by = nullif(asked_by, $1) WHERE asked_by = $1 OR $1 = ANY(host_ids)', [userId]);
  }
}
