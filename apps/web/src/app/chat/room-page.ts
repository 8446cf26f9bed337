import { WhenPipe } from '../platform/when';
import { ChangeDetectionStrategy, Component, inject, type OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { type ChatMessage, durationInWords, type HostCall, type UserSummary } from '@hearth/contracts';
import { ChatApi } from './chat-api';
import { Composer } from './composer';
import { MessageList } from './message-list';
import { ModerationDialog, type ModerationDialogData } from './moderation-dialog';
import { ModerationPanel } from './moderation-panel';
import { PeoplePanel } from './people-panel';
import { ReportDialog } from './report-dialog';
import { RoomStore } from './room-store';
import { headlineOf, sanctionReason } from './sanction-words';
import { SessionPanel } from './session-panel';

/**
 * A chat room's page: its header (the lock, slow mode, my probation, the connection), what
 * a moderator did to me, and its parts — the messages (MessageList), the composer, the
 * session (SessionPanel), the people here (PeoplePanel) and a moderator's room controls
 * (ModerationPanel) — all reading one RoomStore, which keeps the room live. The page opens
 * the dialogs a step against someone or a report takes.
 */
@Component({
  selector: 'hearth-room-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [WhenPipe, MatButtonModule, RouterLink, Composer, SessionPanel, MessageList, PeoplePanel, ModerationPanel],
  providers: [RoomStore],
  templateUrl: './room-page.html',
  styleUrl: './chat.scss',
})
export class RoomPage implements OnInit {
  protected readonly store = inject(RoomStore);
  private readonly dialog = inject(MatDialog);
  private readonly api = inject(ChatApi);
  private readonly roomId = inject(ActivatedRoute).snapshot.paramMap.get('room') ?? '';

  /** On a phone: whether the side panel (session, people, moderation) is open. */
  protected readonly sideOpen = signal(false);
  /** What my last moderation step or report did, for screen readers. */
  protected readonly done = signal<string | null>(null);
  /** The hosts asked from this page, and when the room may ask again. */
  protected readonly hostCall = signal<HostCall | null>(null);
  protected readonly asking = signal(false);
  protected readonly words = durationInWords;
  protected readonly headline = headlineOf;
  protected readonly reasonOf = sanctionReason;

  ngOnInit(): Promise<void> {
    return this.store.start(this.roomId);
  }

  protected report(message: ChatMessage): void {
    this.dialog
      .open(ReportDialog, { data: message, width: '32rem', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((sent) => {
        if (sent) this.done.set('Reported. The room’s moderators have it; you will hear what comes of it.');
      });
  }

  /** A moderator's step against a person (from one of their messages, or not), with a reason and a confirmation. */
  protected moderate(user: UserSummary, message: ChatMessage | null): void {
    const data: ModerationDialogData = { roomId: this.roomId, user, message, probation: this.store.room()?.probation ?? null, admin: this.store.admin() };
    this.dialog
      .open(ModerationDialog, { data, width: '36rem', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((summary?: string) => {
        if (!summary) return;
        this.done.set(summary);
        void this.store.refreshPeople();
      });
  }

  /** The server refuses, saying why, when nobody can be asked (or the room asked lately): shown as the action's error. */
  protected async askForHost(): Promise<void> {
    this.asking.set(true);
    await this.store.act(async () => this.hostCall.set(await this.api.askForHost(this.roomId)));
    this.asking.set(false);
  }

  protected dismissNotice(): void {
    this.store.notice.set(null);
  }
}
