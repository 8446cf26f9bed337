import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { ChatMessage, ChatPower, ChatRoom, ChatServerEvent, ChatServerPayload, ChatSession, ModerationNotice, RoomMember, UserSummary } from '@hearth/contracts';
import { Subject } from 'rxjs';
import { Session } from '../identity/session';
import { ApiError } from '../platform/api-error';
import { formatWhen } from '../platform/when';
import { ChatApi } from './chat-api';
import { ChatSocket } from './chat-socket';
import { bySeq, mergeMessages } from './messages';

/** How many of the latest arrivals the live log keeps (older lines leave it unspoken). */
const SPOKEN_LINES = 5;

/**
 * One chat room as its page shows it, kept live: the room and what I may do there, its
 * messages (older pages on demand, live arrivals, catching up after a reconnect), the
 * people here, the sessions to come, and what a moderator did to me. Provided by the room
 * page (one per page), started with the room's id; the page's parts read it and act
 * through it. Powers follow my roles live: a grant or a revocation changes what the page
 * offers without a reload, and a room I may no longer be in closes.
 */
@Injectable()
export class RoomStore {
  private readonly api = inject(ChatApi);
  private readonly socket = inject(ChatSocket);
  private readonly destroyRef = inject(DestroyRef);
  readonly me = inject(Session).me;

  private roomId = '';
  readonly room = signal<ChatRoom | null>(null);
  readonly messages = signal<ChatMessage[]>([]);
  readonly olderCursor = signal<string | null>(null);
  readonly loadingOlder = signal(false);
  readonly people = signal<RoomMember[]>([]);
  readonly upcoming = signal<ChatSession[]>([]);
  /** The room could not be loaded (or joined): in words. */
  readonly error = signal<string | null>(null);
  /** Why I am no longer in the room (locked to me now, removed, archived). */
  readonly closedReason = signal<string | null>(null);
  /** What went wrong with my last action. */
  readonly actionError = signal<string | null>(null);
  /** A background refresh that failed: what is shown may be out of date (the next event tries again). */
  readonly stale = signal<string | null>(null);
  /**
   * The latest arrivals from others, for the polite `role="log"` region: only what arrives
   * while I am here goes in (never the history or an older page), so a screen reader speaks
   * each new message once and never reads the room back.
   */
  readonly spoken = signal<{ id: string; text: string }[]>([]);
  /** What a moderator just did to me here, told privately, until dismissed. */
  readonly notice = signal<ModerationNotice | null>(null);
  /** The report queue's length in words (`3`, `20+`), for its moderators. */
  readonly openReports = signal('');
  /** The session that ended last while I was here (its leader may confirm its co-host). */
  readonly lastEnded = signal<ChatSession | null>(null);
  /** A message arrived or the list was drawn anew: where the message list should scroll. */
  readonly arrivals = new Subject<{ mine: boolean; toEnd: boolean }>();
  /** Ticks every 15 s, so time-bound states (a mute running out) update by themselves. */
  private readonly clock = signal(Date.now());
  private joinedBefore = false;
  private peopleRefresh?: ReturnType<typeof setTimeout>;
  private joinRetry?: ReturnType<typeof setTimeout>;
  /** The message a refused join showed, taken down once in. */
  private joinRefusal: string | null = null;

  readonly connected = this.socket.connected;
  readonly connectionProblem = this.socket.problem;
  readonly powers = computed<ChatPower[]>(() => (this.closedReason() ? [] : (this.room()?.powers ?? [])));
  readonly canModerate = computed(() => this.powers().includes('moderate'));
  readonly canLead = computed(() => this.powers().includes('lead'));
  readonly canHost = computed(() => this.powers().includes('host'));
  readonly running = computed(() => this.room()?.session ?? null);
  readonly admin = computed(() => this.me()?.platformRoles?.includes('admin') ?? false);
  /** People are here and none of them facilitates the room: anyone here may ask for a host. */
  readonly needsHost = computed(() => !this.closedReason() && this.people().length > 0 && !this.people().some((person) => person.facilitator));

  /**
   * Why the composer is closed, if it is: the server's answer (the room's `posting`), shown
   * as it is; a mute's end is the only thing decided here, by the clock.
   */
  readonly cannotPost = computed(() => {
    const room = this.room();
    if (this.closedReason()) return this.closedReason();
    if (!room) return 'Loading…';
    const closed = room.posting;
    if (!closed) return null;
    if (!closed.until) return closed.reason;
    return new Date(closed.until).getTime() > this.clock() ? `${closed.reason} until ${formatWhen(closed.until, 'time')}.` : null;
  });

  /** Loads the room and its latest messages, then joins it live. */
  async start(roomId: string): Promise<void> {
    this.roomId = roomId;
    const tick = setInterval(() => this.clock.set(Date.now()), 15_000);
    this.destroyRef.onDestroy(() => {
      clearInterval(tick);
      clearTimeout(this.peopleRefresh);
      clearTimeout(this.joinRetry);
    });
    try {
      const room = await this.api.room(roomId);
      this.room.set(room);
      if (!room.canEnter) {
        this.closedReason.set(room.locked ? 'This room is locked to you. The room list says what would open it.' : 'You cannot be in this room for now.');
        return;
      }
      const page = await this.api.history(roomId, null);
      this.messages.set([...page.items].sort(bySeq));
      this.olderCursor.set(page.nextCursor);
      this.arrivals.next({ mine: false, toEnd: true });
    } catch (error) {
      this.error.set(ApiError.from(error).message);
      return;
    }
    void this.refreshPeople();
    void this.refreshUpcoming();
    void this.refreshReports();
    this.listen();
    this.socket.open();
    if (this.socket.connected()) void this.join();
  }

  isMe(user: UserSummary | null): boolean {
    return user?.id === this.me()?.id;
  }

  /** An older page of messages; resolves once it is in. */
  async loadOlder(): Promise<void> {
    const cursor = this.olderCursor();
    if (!cursor || this.loadingOlder()) return;
    this.loadingOlder.set(true);
    try {
      const page = await this.api.history(this.roomId, cursor);
      this.messages.update((shown) => mergeMessages(shown, page.items));
      this.olderCursor.set(page.nextCursor);
    } catch (error) {
      this.actionError.set(ApiError.from(error).message);
    } finally {
      this.loadingOlder.set(false);
    }
  }

  /** My message, as the server acknowledged it. */
  sent(message: ChatMessage): void {
    this.messages.update((shown) => mergeMessages(shown, [message]));
    this.arrivals.next({ mine: true, toEnd: true });
  }

  /** One of my actions here (a moderator's, a host's, my own message's), its failure shown. */
  async act(work: () => Promise<unknown>): Promise<void> {
    this.actionError.set(null);
    try {
      await work();
    } catch (error) {
      this.actionError.set(ApiError.from(error).message);
    }
  }

  /** A session was started, ended or changed from this page. */
  async sessionChanged(): Promise<void> {
    await Promise.all([this.refreshRoom(), this.refreshUpcoming()]);
  }

  private listen(): void {
    const on = <K extends ChatServerEvent>(event: K, handle: (payload: ChatServerPayload<K>) => void) => this.socket.on(event).pipe(takeUntilDestroyed(this.destroyRef)).subscribe(handle);
    const here = (payload: { roomId: string }) => payload.roomId === this.roomId;

    this.socket.connects.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(() => void this.join());
    this.destroyRef.onDestroy(() => void this.socket.request('room:leave', { roomId: this.roomId }));

    on('message:new', (message) => {
      if (!here(message)) return;
      const mine = this.isMe(message.author);
      // Told first, while the list is still as it was: it measures whether it was at its end.
      this.arrivals.next({ mine, toEnd: false });
      this.messages.update((shown) => mergeMessages(shown, [message]));
      if (!mine) {
        const text = message.author ? `${message.author.displayName}: ${message.body}` : message.body;
        this.spoken.update((lines) => [...lines, { id: message.id, text }].slice(-SPOKEN_LINES));
      }
    });
    on('message:deleted', (event) => {
      if (!here(event)) return;
      this.messages.update((shown) => shown.map((m) => (m.id === event.messageId ? { ...m, removed: true, body: '', bodyHtml: '' } : m)));
      // Nor is a removed message left to be read in the live log.
      this.spoken.update((lines) => lines.filter((line) => line.id !== event.messageId));
    });
    on('moderation:notice', (notice) => {
      if (notice.sanction.room.id === this.roomId) this.notice.set(notice);
    });
    on('report:new', (event) => {
      if (here(event)) void this.refreshReports();
    });
    on('member:muted', (event) => {
      if (!here(event)) return;
      // My own mute: the room says again whether and until when I may post.
      if (event.userId === this.me()?.id) void this.refreshRoom();
      void this.refreshPeople();
    });
    on('room:closed', (event) => {
      if (!here(event)) return;
      const reasons: Record<string, string> = {
        locked: 'Your roles changed: this room is locked to you now.',
        removed: 'A moderator removed you from this room for a while.',
        archived: 'An admin archived this room.',
      };
      this.closedReason.set(reasons[event.reason] ?? 'You are no longer in this room.');
    });
    on('role:changed', (change) => {
      const mine = change.powers.find((entry) => entry.roomId === this.roomId);
      if (!mine) return;
      this.room.update((room) => (room ? { ...room, powers: mine.powers, probation: mine.probation } : room));
      // What I may post follows my powers: the room says it again.
      void this.refreshRoom();
    });
    on('room:updated', (event) => {
      if (here(event)) void this.refreshRoom();
    });
    on('room:presence', (event) => {
      if (here(event)) this.refreshPeopleSoon();
    });
    for (const event of ['session:started', 'session:ended', 'session:updated', 'session:scheduled'] as const) {
      on(event, (session) => {
        if (session.roomId !== this.roomId) return;
        if (event === 'session:ended') this.lastEnded.set(session);
        void this.refreshRoom();
        void this.refreshUpcoming();
      });
    }
  }

  /** (Re)joins the room, catching up on what came while away. */
  private async join(): Promise<void> {
    if (this.closedReason()) return;
    const last = this.messages().at(-1);
    const ack = await this.socket.request('room:join', { roomId: this.roomId, ...(last ? { after: last.seq } : {}) });
    if (!ack.ok) {
      if (ack.code === 'room-closed' || ack.code === 'room-not-found') this.closedReason.set(ack.message);
      else this.error.set(ack.message);
      // Too many rooms joined in a moment: in again when the server says.
      if (ack.code === 'rate-limited' && ack.retryAfterSeconds) {
        clearTimeout(this.joinRetry);
        this.joinRetry = setTimeout(() => void this.join(), ack.retryAfterSeconds * 1000);
        this.joinRefusal = ack.message;
      }
      return;
    }
    if (this.joinRefusal && this.error() === this.joinRefusal) this.error.set(null);
    this.joinRefusal = null;
    this.room.set(ack.data.room);
    const returning = this.joinedBefore;
    this.joinedBefore = true;
    if (ack.data.truncated) {
      // Too much was missed to send: start again from the latest page.
      await this.background('The latest messages', async () => {
        const page = await this.api.history(this.roomId, null);
        this.messages.set([...page.items].sort(bySeq));
        this.olderCursor.set(page.nextCursor);
      });
    } else {
      this.messages.update((shown) => mergeMessages(shown, ack.data.messages));
      // Back after a break: the latest page again, for removals made meanwhile.
      if (returning) void this.background('The latest messages', () => this.reloadLatest());
    }
  }

  private async reloadLatest(): Promise<void> {
    const page = await this.api.history(this.roomId, null);
    this.messages.update((shown) => mergeMessages(shown, page.items));
  }

  private refreshRoom(): Promise<void> {
    return this.background('The room', async () => {
      const room = await this.api.room(this.roomId);
      this.room.set(room);
      if (!room.canEnter) this.closedReason.set('This room is closed to you now. The room list says what would open it.');
    });
  }

  /**
   * Someone came or went: read the list again, once for any number of hints meanwhile, and
   * in a busy room after a random wait of up to 5 ms a person (5 s at 1,000), so that the
   * pages of a full room do not all ask at the same instant.
   */
  private refreshPeopleSoon(): void {
    if (this.peopleRefresh) return;
    const spreadMs = Math.min(5_000, this.people().length * 5);
    this.peopleRefresh = setTimeout(() => {
      this.peopleRefresh = undefined;
      void this.refreshPeople();
    }, Math.random() * spreadMs);
  }

  /** Who is here (and muted) again: after a hint, or after my own moderation step. */
  refreshPeople(): Promise<void> {
    return this.background('Who is here', async () => this.people.set(await this.api.people(this.roomId)));
  }

  /** How many reports wait in the room's queue, for its moderators. */
  private async refreshReports(): Promise<void> {
    if (!this.canModerate()) return;
    try {
      const page = await this.api.reports(this.roomId, 'open', null);
      this.openReports.set(page.items.length === 0 ? '' : `${page.items.length}${page.nextCursor ? '+' : ''}`);
    } catch (error) {
      this.actionError.set(ApiError.from(error).message);
    }
  }

  private refreshUpcoming(): Promise<void> {
    return this.background('The sessions to come', async () => this.upcoming.set(await this.api.upcoming(this.roomId)));
  }

  /**
   * A refresh nobody asked for (an event said something changed): on failure what is shown
   * stays, and the page says it may be out of date until the next refresh works.
   */
  private async background(what: string, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
      if (this.stale()?.startsWith(what)) this.stale.set(null);
    } catch (error) {
      this.stale.set(`${what} could not be brought up to date (${ApiError.from(error).message}); it will be tried again.`);
    }
  }
}
