import { formatWhen, WhenPipe } from '../platform/when';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, type ElementRef, inject, type OnInit, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatMenuModule } from '@angular/material/menu';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { type ChatMessage, type ChatPower, type ChatRoom, type ChatServerEvent, type ChatServerPayload, type ChatSession, durationInWords, type ModerationNotice, type RoomMember, type UserSummary } from '@hearth/contracts';
import { Session } from '../identity/session';
import { ApiError } from '../platform/api-error';
import { ChatApi } from './chat-api';
import { ChatSocket } from './chat-socket';
import { Composer } from './composer';
import { bySeq, mergeMessages } from './messages';
import { ModerationDialog, type ModerationDialogData } from './moderation-dialog';
import { ReportDialog } from './report-dialog';
import { headlineOf, sanctionReason } from './sanction-words';
import { SessionPanel } from './session-panel';

const SLOW_MODE_CHOICES = [0, 10, 30, 60];
/** How many of the latest arrivals the live log keeps (older lines leave it unspoken). */
const SPOKEN_LINES = 5;

/**
 * A chat room: its history (older pages load when scrolling up), live messages (announced
 * to screen readers as they arrive), the composer, the people here, and the powers I hold
 * here now — a moderator's actions on each message and person, a session leader's or
 * host's session controls. Powers follow my roles live: a grant or a revocation changes
 * what the page offers without a reload, and a room I may no longer be in closes.
 */
@Component({
  selector: 'hearth-room-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [WhenPipe, MatButtonModule, MatMenuModule, RouterLink, Composer, SessionPanel],
  templateUrl: './room-page.html',
  styleUrl: './chat.scss',
})
export class RoomPage implements OnInit {
  private readonly api = inject(ChatApi);
  private readonly socket = inject(ChatSocket);
  private readonly session = inject(Session);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);
  private readonly roomId = inject(ActivatedRoute).snapshot.paramMap.get('room') ?? '';
  private readonly scroller = viewChild<ElementRef<HTMLElement>>('scroller');

  protected readonly room = signal<ChatRoom | null>(null);
  protected readonly messages = signal<ChatMessage[]>([]);
  protected readonly olderCursor = signal<string | null>(null);
  protected readonly loadingOlder = signal(false);
  protected readonly people = signal<RoomMember[]>([]);
  /** On a phone: whether the side panel (session, people, moderation) is open. */
  protected readonly sideOpen = signal(false);
  private peopleRefresh?: ReturnType<typeof setTimeout>;
  private joinRetry?: ReturnType<typeof setTimeout>;
  /** The message a refused join showed, taken down once in. */
  private joinRefusal: string | null = null;
  protected readonly upcoming = signal<ChatSession[]>([]);
  protected readonly error = signal<string | null>(null);
  /** Why I am no longer in the room (locked to me now, removed, archived). */
  protected readonly closedReason = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);
  /**
   * The latest arrivals from others, for the polite `role="log"` region: only what arrives
   * while I am here goes in (never the history or an older page), so a screen reader speaks
   * each new message once and never reads the room back.
   */
  protected readonly spoken = signal<{ id: string; text: string }[]>([]);
  /** What a moderator just did to me here, told privately, until dismissed. */
  protected readonly notice = signal<ModerationNotice | null>(null);
  /** What my last moderation step did, for screen readers. */
  protected readonly done = signal<string | null>(null);
  /** The report queue's length in words (`3`, `20+`), for its moderators. */
  protected readonly openReports = signal('');
  /** The session that ended last while I was here (its leader may confirm its co-host). */
  protected readonly lastEnded = signal<ChatSession | null>(null);
  /** Ticks every 15 s, so time-bound states (a mute running out) update by themselves. */
  private readonly clock = signal(Date.now());
  private joinedBefore = false;

  protected readonly connected = this.socket.connected;
  protected readonly connectionProblem = this.socket.problem;
  protected readonly me = this.session.me;
  protected readonly powers = computed<ChatPower[]>(() => (this.closedReason() ? [] : (this.room()?.powers ?? [])));
  protected readonly canModerate = computed(() => this.powers().includes('moderate'));
  protected readonly canLead = computed(() => this.powers().includes('lead'));
  protected readonly canHost = computed(() => this.powers().includes('host'));
  protected readonly running = computed(() => this.room()?.session ?? null);
  protected readonly words = durationInWords;
  protected readonly headline = headlineOf;
  protected readonly reasonOf = sanctionReason;
  protected readonly slowModeChoices = SLOW_MODE_CHOICES;

  /**
   * Why the composer is closed, if it is: the server's answer (the room's `posting`), shown
   * as it is; a mute's end is the only thing decided here, by the clock.
   */
  protected readonly cannotPost = computed(() => {
    const room = this.room();
    if (this.closedReason()) return this.closedReason();
    if (!room) return 'Loading…';
    const closed = room.posting;
    if (!closed) return null;
    if (!closed.until) return closed.reason;
    return new Date(closed.until).getTime() > this.clock() ? `${closed.reason} until ${formatWhen(closed.until, 'time')}.` : null;
  });

  async ngOnInit(): Promise<void> {
    const tick = setInterval(() => this.clock.set(Date.now()), 15_000);
    this.destroyRef.onDestroy(() => {
      clearInterval(tick);
      clearTimeout(this.peopleRefresh);
      clearTimeout(this.joinRetry);
    });
    try {
      const room = await this.api.room(this.roomId);
      this.room.set(room);
      if (!room.canEnter) {
        this.closedReason.set(room.locked ? 'This room is locked to you. The room list says what would open it.' : 'You cannot be in this room for now.');
        return;
      }
      const page = await this.api.history(this.roomId, null);
      this.messages.set([...page.items].sort(bySeq));
      this.olderCursor.set(page.nextCursor);
      queueMicrotask(() => this.scrollToEnd());
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

  private listen(): void {
    const on = <K extends ChatServerEvent>(event: K, handle: (payload: ChatServerPayload<K>) => void) => this.socket.on(event).pipe(takeUntilDestroyed(this.destroyRef)).subscribe(handle);
    const here = (payload: { roomId: string }) => payload.roomId === this.roomId;

    this.socket.connects.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(() => void this.join());
    this.destroyRef.onDestroy(() => void this.socket.request('room:leave', { roomId: this.roomId }));

    on('message:new', (message) => {
      if (!here(message)) return;
      const atEnd = this.nearEnd();
      this.messages.update((shown) => mergeMessages(shown, [message]));
      if (message.author?.id !== this.me()?.id) {
        const text = message.author ? `${message.author.displayName}: ${message.body}` : message.body;
        this.spoken.update((lines) => [...lines, { id: message.id, text }].slice(-SPOKEN_LINES));
      }
      if (atEnd || message.author?.id === this.me()?.id) queueMicrotask(() => this.scrollToEnd());
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
      if (mine) this.room.update((room) => (room ? { ...room, powers: mine.powers, probation: mine.probation } : room));
      // What I may post follows my powers: the room says it again.
      if (mine) void this.refreshRoom();
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
      const page = await this.api.history(this.roomId, null);
      this.messages.set([...page.items].sort(bySeq));
      this.olderCursor.set(page.nextCursor);
    } else {
      this.messages.update((shown) => mergeMessages(shown, ack.data.messages));
      // Back after a break: the latest page again, for removals made meanwhile.
      if (returning) void this.reloadLatest();
    }
  }

  private async reloadLatest(): Promise<void> {
    try {
      const page = await this.api.history(this.roomId, null);
      this.messages.update((shown) => mergeMessages(shown, page.items));
    } catch {
      // Shown as they were; the next reconnect tries again.
    }
  }

  protected async loadOlder(): Promise<void> {
    const cursor = this.olderCursor();
    if (!cursor || this.loadingOlder()) return;
    this.loadingOlder.set(true);
    const element = this.scroller()?.nativeElement;
    const fromBottom = element ? element.scrollHeight - element.scrollTop : 0;
    try {
      const page = await this.api.history(this.roomId, cursor);
      this.messages.update((shown) => mergeMessages(shown, page.items));
      this.olderCursor.set(page.nextCursor);
      // Keep the message being read where it was.
      queueMicrotask(() => {
        if (element) element.scrollTop = element.scrollHeight - fromBottom;
      });
    } catch (error) {
      this.actionError.set(ApiError.from(error).message);
    } finally {
      this.loadingOlder.set(false);
    }
  }

  protected onScroll(): void {
    const element = this.scroller()?.nativeElement;
    if (element && element.scrollTop < 60) void this.loadOlder();
  }

  protected sent(message: ChatMessage): void {
    this.messages.update((shown) => mergeMessages(shown, [message]));
    queueMicrotask(() => this.scrollToEnd());
  }

  // Anyone's: my own message taken down, someone else's reported

  protected removeMine(message: ChatMessage): Promise<void> {
    return this.act(() => this.api.removeMessage(message.id));
  }

  protected report(message: ChatMessage): void {
    this.dialog
      .open(ReportDialog, { data: message, width: '32rem', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((sent) => {
        if (sent) this.done.set('Reported. The room’s moderators have it; you will hear what comes of it.');
      });
  }

  // A moderator's: one step against a person, with a reason and a confirmation

  protected moderate(user: UserSummary, message: ChatMessage | null): void {
    const data: ModerationDialogData = { roomId: this.roomId, user, message, probation: this.room()?.probation ?? null, admin: this.me()?.platformRoles?.includes('admin') ?? false };
    this.dialog
      .open(ModerationDialog, { data, width: '36rem', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((summary?: string) => {
        if (!summary) return;
        this.done.set(summary);
        void this.refreshPeople();
      });
  }

  protected dismissNotice(): void {
    this.notice.set(null);
  }

  protected async setSlowMode(event: Event): Promise<void> {
    const select = event.target as HTMLSelectElement;
    await this.act(async () => this.room.set(await this.api.slowMode(this.roomId, Number(select.value))));
    // After a refusal the control shows the room's real setting again.
    select.value = String(this.room()?.slowModeSeconds ?? 0);
  }

  protected toggleFreeze(): Promise<void> {
    return this.act(async () => this.room.set(await this.api.freeze(this.roomId, !this.room()?.frozen)));
  }

  // A host's and a session leader's

  protected welcome(user: UserSummary): Promise<void> {
    return this.act(() => this.api.welcome(this.roomId, user.id));
  }

  protected pin(message: ChatMessage): Promise<void> {
    const session = this.running();
    return session ? this.act(() => this.api.pin(session.id, message.id)) : Promise.resolve();
  }

  protected coHost(user: UserSummary): Promise<void> {
    const session = this.running();
    return session ? this.act(() => this.api.coHost(session.id, user.id)) : Promise.resolve();
  }

  protected async sessionChanged(): Promise<void> {
    await Promise.all([this.refreshRoom(), this.refreshUpcoming()]);
  }

  protected isMe(user: UserSummary | null): boolean {
    return user?.id === this.me()?.id;
  }

  private async act(work: () => Promise<unknown>): Promise<void> {
    this.actionError.set(null);
    try {
      await work();
    } catch (error) {
      this.actionError.set(ApiError.from(error).message);
    }
  }

  private async refreshRoom(): Promise<void> {
    try {
      const room = await this.api.room(this.roomId);
      this.room.set(room);
      if (!room.canEnter) this.closedReason.set('This room is closed to you now. The room list says what would open it.');
    } catch {
      // The next event or reload will tell.
    }
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

  private async refreshPeople(): Promise<void> {
    try {
      const people = await this.api.people(this.roomId);
      this.people.set(people);
    } catch {
      // Shown as it was; the next arrival refreshes it.
    }
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

  private async refreshUpcoming(): Promise<void> {
    try {
      this.upcoming.set(await this.api.upcoming(this.roomId));
    } catch {
      // As above.
    }
  }

  private nearEnd(): boolean {
    const element = this.scroller()?.nativeElement;
    return !element || element.scrollHeight - element.scrollTop - element.clientHeight < 80;
  }

  private scrollToEnd(): void {
    const element = this.scroller()?.nativeElement;
    if (element) element.scrollTop = element.scrollHeight;
  }
}
