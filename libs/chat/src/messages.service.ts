import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CHAT_RATE_LIMIT, type ChatMentioned, type ChatMessage, type JoinedRoom, type Page } from '@hearth/contracts';
import type { AuthUser } from '@hearth/identity';
import { Clock, Database, decodeCursor, DEFAULT_PAGE_SIZE, DomainEvents, mentionedUsernames, outboxTopic, OutboxWorker, renderChatText, toPage } from '@hearth/platform';
import { isFacilitator, postingIn, standingIn } from './chat-access';
import { ChatBroadcast } from './chat-broadcast';
import { ChatError, ChatErrorCode } from './chat.errors';
import { ChatRepository, type MessageRow } from './chat.repository';
import { messageView } from './message-view';
import { RoomsService } from './rooms.service';
import { StandingRepository } from './standing.repository';

/** How many missed messages a reconnecting client is sent before it is asked to reload. */
const CATCH_UP_LIMIT = 200;
/** At most this many people are told of one message; a message naming half the room tells the first ten named. */
const MENTIONS_TOLD = 10;
/** Names past this many in one message are neither looked up nor linked. */
const MENTIONS_READ = 50;
/** Written with the message, drained after it commits: the people named are told then. */
const MENTION_TOPIC = outboxTopic<ChatMentioned>('chat.mentioned');

/**
 * Messages: history, sending and removal of one's own. Every send is checked against the
 * sender's standing in the room now (locked, removed, read-only, frozen, muted, slow
 * mode), read with the room in one query from the chat's own tables, and written with the
 * per-person rate limit in a second: a plain message costs two statements, one naming
 * people a third (who they are and whether they may read the room). A resend with the same
 * client id returns the first message. Clients hear of a message after it is committed,
 * and the people it names are told (notifications) from the outbox, after it is.
 */
@Injectable()
export class MessagesService implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly events: DomainEvents,
    private readonly worker: OutboxWorker,
    private readonly chat: ChatRepository,
    private readonly standings: StandingRepository,
    private readonly rooms: RoomsService,
    private readonly broadcast: ChatBroadcast,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.worker.handle(MENTION_TOPIC, (event: ChatMentioned) => this.db.transaction(() => this.events.publish('chat.mentioned', event)));
  }

  /** Newest first, a page at a time. */
  async history(caller: AuthUser, roomId: string, query: { cursor?: string; limit?: number }): Promise<Page<ChatMessage>> {
    await this.rooms.access(caller, roomId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const [before] = (decodeCursor(query.cursor, ['serial']) ?? [null]) as [string | null];
    const page = toPage(await this.chat.history(roomId, before, limit), limit, (row) => [row.seq], (row) => row);
    return { items: await this.rooms.messageViews(page.items), nextCursor: page.nextCursor };
  }

  /** A room on joining: the room as I may use it, and what I missed since `after` (or the latest page). */
  async join(caller: AuthUser | { id: string }, roomId: string, after: string | undefined): Promise<JoinedRoom> {
    const { view } = await this.rooms.enterable(caller, roomId);
    if (after && /^\d{1,18}$/.test(after)) {
      const rows = await this.chat.after(roomId, after, CATCH_UP_LIMIT);
      return { room: view, messages: await this.rooms.messageViews(rows.slice(0, CATCH_UP_LIMIT)), truncated: rows.length > CATCH_UP_LIMIT };
    }
    const latest = await this.chat.history(roomId, null, 50);
    return { room: view, messages: await this.rooms.messageViews(latest.slice(0, 50).reverse()), truncated: latest.length > 50 };
  }

  async send(caller: AuthUser | { id: string }, roomId: string, body: string, clientId?: string): Promise<ChatMessage> {
    const { room, member, standing, mutedUntil, lastPostAt } = await this.rooms.access(caller, roomId);
    const closed = postingIn(member, room, standing, mutedUntil);
    if (closed) {
      throw new ChatError(
        closed.code as ChatErrorCode,
        closed.until ? `${closed.reason} until ${closed.until.toISOString().slice(11, 16)} UTC.` : closed.reason,
        closed.until ? secondsUntil(closed.until, this.clock.now()) : undefined,
      );
    }
    const facilitator = isFacilitator(member, standing);
    if (lastPostAt && !facilitator) {
      const wait = Math.ceil(room.slowModeSeconds - (Date.now() - lastPostAt.getTime()) / 1000);
      if (wait > 0) throw new ChatError(ChatErrorCode.SlowMode, `The room is in slow mode: one message every ${room.slowModeSeconds} seconds. Wait ${wait} s.`, wait);
    }

    const named = [...new Set(mentionedUsernames(body).map((name) => name.toLowerCase()))].slice(0, MENTIONS_READ);
    const people = await this.standings.named(named, roomId);
    const byName = new Map(people.map((person) => [person.member.username.toLowerCase(), person]));
    const bodyHtml = renderChatText(body, { mentions: new Map([...byName].map(([key, person]) => [key, person.member.username])) });
    // The first few people named, in the order named, besides the sender, who may read the room: those to tell.
    const toTell = named
      .map((name) => byName.get(name))
      .filter((person) => person !== undefined && person.member.userId !== member.userId && standingIn(person.member, room, { bannedUntil: person.bannedUntil, session: null }).canEnter)
      .slice(0, MENTIONS_TOLD)
      .map((person) => person!.member.userId);

    const mention: Omit<ChatMentioned, 'messageId'> = { roomId, roomName: room.name, authorId: member.userId, mentionedUserIds: toTell };
    const result = await this.chat.send(
      { roomId, authorId: member.userId, body, bodyHtml, clientId: clientId ?? null },
      CHAT_RATE_LIMIT,
      toTell.length > 0 ? { topic: MENTION_TOPIC.name, payload: mention } : null,
    );
    const author = { id: member.userId, username: member.username, displayName: member.displayName };
    if (result.sent) {
      const sent = messageView(result.sent, author);
      this.broadcast.toRoom(roomId, 'message:new', sent);
      return sent;
    }
    // A resend: the first message (looked up again if it was committed while this one waited its turn).
    const earlier = result.earlier ?? (clientId ? await this.chat.messageByClientId(member.userId, clientId) : null);
    if (earlier) {
      if (earlier.roomId !== roomId) throw new ChatError(ChatErrorCode.NotAllowed, 'This message id was used for another message.');
      return messageView(earlier, author);
    }
    const oldest = result.oldestRecent ?? new Date();
    const wait = Math.max(1, Math.ceil(CHAT_RATE_LIMIT.seconds - (Date.now() - oldest.getTime()) / 1000));
    throw new ChatError(ChatErrorCode.RateLimited, `That is ${CHAT_RATE_LIMIT.messages} messages in ${CHAT_RATE_LIMIT.seconds} seconds; wait ${wait} s.`, wait);
  }

  /** A system line in a room ("Sam was muted for 10 minutes"), within the caller's transaction. */
  async systemLine(roomId: string, text: string): Promise<MessageRow> {
    return (await this.chat.insertMessage({ roomId, authorId: null, kind: 'system', body: text, bodyHtml: renderChatText(text), clientId: null }))!;
  }

  /** Tells the room of a message written in a transaction that has committed (a system line). */
  async announce(messageId: string): Promise<void> {
    const [line] = await this.rooms.messageViews([(await this.chat.message(messageId))!]);
    this.broadcast.toRoom(line.roomId, 'message:new', line);
  }
}

function secondsUntil(date: Date, now: Date): number {
  return Math.max(1, Math.ceil((date.getTime() - now.getTime()) / 1000));
}
