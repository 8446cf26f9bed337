import { Injectable } from '@nestjs/common';
import { CHAT_RATE_LIMIT, type ChatMessage, type JoinedRoom, type Page } from '@hearth/contracts';
import { type AuthUser, UsersService } from '@hearth/identity';
import { Database, decodeCursor, DEFAULT_PAGE_SIZE, DomainEvents, mentionedUsernames, renderChatText, toPage } from '@hearth/platform';
import { ChatBroadcast } from './chat-broadcast';
import { ChatError, ChatErrorCode } from './chat.errors';
import { ChatAccess } from './chat-access';
import { ChatRepository, type MessageRow, type RoomRow } from './chat.repository';
import { RoomsService } from './rooms.service';

/** How many missed messages a reconnecting client is sent before it is asked to reload. */
const CATCH_UP_LIMIT = 200;

/**
 * Messages: history, sending and removal. Every send is checked against the sender's
 * standing in the room now (locked, removed, read-only, frozen, muted), slow mode and the
 * per-person rate limit; a resend with the same client id returns the first message.
 * Clients hear of a message after it is committed.
 */
/** At most this many people are told of one message; a message naming half the room tells the first ten named. */
const MENTIONS_TOLD = 10;

@Injectable()
export class MessagesService {
  constructor(
    private readonly db: Database,
    private readonly events: DomainEvents,
    private readonly chat: ChatRepository,
    private readonly rooms: RoomsService,
    private readonly access: ChatAccess,
    private readonly broadcast: ChatBroadcast,
    private readonly users: UsersService,
  ) {}

  /** Newest first, a page at a time. */
  async history(caller: AuthUser, roomId: string, query: { cursor?: string; limit?: number }): Promise<Page<ChatMessage>> {
    await this.rooms.enterable(caller, roomId);
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
    const { room, view } = await this.rooms.enterable(caller, roomId);
    if (clientId) {
      const earlier = await this.chat.messageByClientId(caller.id, clientId);
      if (earlier) return this.sameMessage(earlier, roomId);
    }
    if (!view.powers.includes('post')) throw new ChatError(ChatErrorCode.ReadOnly, 'Only the room’s facilitators post here.');
    const facilitator = view.powers.some((power) => power !== 'post');
    if (room.frozen && !facilitator) throw new ChatError(ChatErrorCode.Frozen, 'A moderator has locked the room for now; only facilitators post until it opens again.');
    const mutedUntil = await this.chat.mutedUntil(roomId, caller.id);
    if (mutedUntil && !facilitator) {
      throw new ChatError(ChatErrorCode.Muted, `You are muted in this room until ${mutedUntil.toISOString().slice(11, 16)} UTC.`, secondsUntil(mutedUntil));
    }
    const named = mentionedUsernames(body);
    const mentions = await this.users.summariesByUsernames(named);
    const bodyHtml = renderChatText(body, { mentions: new Map([...mentions].map(([key, user]) => [key, user.username])) });
    // The first few people named, in the order named, besides the sender: those to tell.
    const toTell = [...new Set(named.map((name) => mentions.get(name)?.id).filter((id): id is string => id !== undefined && id !== caller.id))].slice(0, MENTIONS_TOLD);

    const message = await this.db.transaction(async () => {
      // One sender's messages take turns, so the rate limit holds even for messages sent together.
      await this.db.query("SELECT pg_advisory_xact_lock(hashtext('chat:' || $1))", [caller.id]);
      const recent = await this.chat.sentSince(caller.id, CHAT_RATE_LIMIT.seconds);
      if (recent.count >= CHAT_RATE_LIMIT.messages) {
        const wait = Math.max(1, Math.ceil(CHAT_RATE_LIMIT.seconds - (Date.now() - recent.oldest!.getTime()) / 1000));
        throw new ChatError(ChatErrorCode.RateLimited, `That is ${CHAT_RATE_LIMIT.messages} messages in ${CHAT_RATE_LIMIT.seconds} seconds; wait ${wait} s.`, wait);
      }
      if (room.slowModeSeconds > 0 && !facilitator) {
        const last = await this.chat.lastPost(roomId, caller.id);
        const wait = last ? Math.ceil(room.slowModeSeconds - (Date.now() - last.getTime()) / 1000) : 0;
        if (wait > 0) throw new ChatError(ChatErrorCode.SlowMode, `The room is in slow mode: one message every ${room.slowModeSeconds} seconds. Wait ${wait} s.`, wait);
      }
      const inserted = await this.chat.insertMessage({ roomId, authorId: caller.id, kind: 'text', body, bodyHtml, clientId: clientId ?? null });
      // Checked only for a message that is sent (not refused, not a resend), at most MENTIONS_TOLD people.
      const mentionedUserIds = inserted ? await this.mayEnter(toTell, room) : [];
      if (inserted && mentionedUserIds.length > 0) {
        await this.events.publish('chat.mentioned', { messageId: inserted.id, roomId, roomName: room.name, authorId: caller.id, mentionedUserIds });
      }
      return inserted;
    });
    if (!message) return this.sameMessage((await this.chat.messageByClientId(caller.id, clientId!))!, roomId);
    const [sent] = await this.rooms.messageViews([message]);
    this.broadcast.toRoom(roomId, 'message:new', sent);
    return sent;
  }

  /** Those of these people who may enter the room now: a mention in a locked room tells no one outside it. */
  private async mayEnter(userIds: string[], room: RoomRow): Promise<string[]> {
    const allowed: string[] = [];
    for (const id of userIds) {
      if (this.access.standing(await this.access.holder({ id }), room, null).canEnter) allowed.push(id);
    }
    return allowed;
  }

  /** A moderator of the room removes a message (authors may remove their own). */
  async remove(caller: AuthUser, messageId: string): Promise<void> {
    const message = await this.chat.message(messageId);
    if (!message) throw new ChatError(ChatErrorCode.MessageNotFound, 'There is no such message.');
    const { view, session } = await this.rooms.enterable(caller, message.roomId);
    const own = message.authorId === caller.id;
    if (!own && !view.powers.includes('moderate')) throw new ChatError(ChatErrorCode.NotAllowed, 'Only the room’s moderators remove other people’s messages.');
    const removed = await this.db.transaction(async () => {
      if (!(await this.chat.removeMessage(message.id, caller.id))) return null;
      if (own) return { line: null };
      await this.events.publish('chat.moderated', {
        roomId: message.roomId,
        action: 'remove',
        actorId: caller.id,
        userId: message.authorId,
        messageId: message.id,
        minutes: null,
        reason: null,
      });
      return { line: await this.systemLine(message.roomId, 'A moderator removed a message.') };
    });
    if (!removed) return;
    this.broadcast.toRoom(message.roomId, 'message:deleted', { roomId: message.roomId, messageId: message.id });
    if (session?.pinnedMessageId === message.id) this.broadcast.toRoom(message.roomId, 'session:updated', await this.rooms.sessionView(session));
    if (removed.line) await this.announce(removed.line.id);
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

  private async sameMessage(row: MessageRow, roomId: string): Promise<ChatMessage> {
    if (row.roomId !== roomId) throw new ChatError(ChatErrorCode.NotAllowed, 'This message id was used for another message.');
    return (await this.rooms.messageViews([row]))[0];
  }
}

function secondsUntil(date: Date): number {
  return Math.max(1, Math.ceil((date.getTime() - Date.now()) / 1000));
}
