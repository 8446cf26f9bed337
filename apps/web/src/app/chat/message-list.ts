import { afterNextRender, ChangeDetectionStrategy, Component, DestroyRef, type ElementRef, inject, Injector, output, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import type { ChatMessage, UserSummary } from '@hearth/contracts';
import { WhenPipe } from '../platform/when';
import { ChatApi } from './chat-api';
import { RoomStore } from './room-store';

/**
 * A room's messages: the history (an older page loads when scrolling up, the message
 * being read staying put), live arrivals (followed when the reader was at the end, and
 * spoken once through a polite `role="log"` region), and each message's actions.
 */
@Component({
  selector: 'hearth-message-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [WhenPipe, MatButtonModule, MatMenuModule],
  template: `
    <section class="messages" #scroller (scroll)="onScroll()" tabindex="0" aria-label="Messages">
      @if (store.olderCursor()) {
        <button mat-button type="button" class="load-older" (click)="loadOlder()" [disabled]="store.loadingOlder()">
          {{ store.loadingOlder() ? 'Loading…' : 'Load earlier messages' }}
        </button>
      }
      <ol class="message-list">
        @for (message of store.messages(); track message.id) {
          <li class="message" [class.system]="message.kind === 'system'" [class.mine]="store.isMe(message.author)">
            @if (message.kind === 'system') {
              <p class="system-line">{{ message.body }}</p>
            } @else {
              <p class="message-meta">
                <strong>{{ message.author?.displayName ?? 'Someone' }}</strong>
                <span class="username">&#64;{{ message.author?.username }}</span>
                <time [attr.datetime]="message.createdAt">{{ message.createdAt | when: 'time' }}</time>
              </p>
              @if (message.removed) {
                <p class="removed">Message removed by a moderator.</p>
              } @else {
                <p class="message-body" [innerHTML]="message.bodyHtml"></p>
                <button mat-button type="button" class="message-actions" [matMenuTriggerFor]="messageMenu" [attr.aria-label]="'Actions for the message from ' + (message.author?.displayName ?? 'someone')">
                  Actions
                </button>
                <mat-menu #messageMenu="matMenu">
                  @if ((store.canLead() || store.canHost()) && store.running()) {
                    <button mat-menu-item type="button" (click)="pin(message)">Pin to the session</button>
                  }
                  @if (store.isMe(message.author)) {
                    <button mat-menu-item type="button" (click)="removeMine(message)">Remove my message</button>
                  } @else if (message.author) {
                    @if (store.canModerate()) {
                      <button mat-menu-item type="button" (click)="moderate.emit({ user: message.author, message })">Moderate {{ message.author.displayName }}…</button>
                    }
                    <button mat-menu-item type="button" (click)="report.emit(message)">Report this message…</button>
                  }
                </mat-menu>
              }
            }
          </li>
        } @empty {
          <li class="empty">No messages yet. Say hello.</li>
        }
      </ol>
    </section>
    <div class="visually-hidden" role="log" aria-live="polite" aria-label="New messages">
      @for (line of store.spoken(); track line.id) {
        <p>{{ line.text }}</p>
      }
    </div>
  `,
  styleUrl: './chat.scss',
})
export class MessageList {
  protected readonly store = inject(RoomStore);
  private readonly api = inject(ChatApi);
  private readonly injector = inject(Injector);
  private readonly scroller = viewChild<ElementRef<HTMLElement>>('scroller');

  /** A moderator's step against the message's author, from this message. */
  readonly moderate = output<{ user: UserSummary; message: ChatMessage }>();
  readonly report = output<ChatMessage>();

  constructor() {
    const subscription = this.store.arrivals.subscribe(({ mine, toEnd }) => {
      // Measured now, before the list grows: a reader scrolled up to read is left there.
      const follow = toEnd || mine || this.nearEnd();
      if (follow) afterNextRender(() => this.scrollToEnd(), { injector: this.injector });
    });
    inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
  }

  protected async loadOlder(): Promise<void> {
    const element = this.scroller()?.nativeElement;
    const fromBottom = element ? element.scrollHeight - element.scrollTop : 0;
    await this.store.loadOlder();
    // Keep the message being read where it was.
    afterNextRender(
      () => {
        if (element) element.scrollTop = element.scrollHeight - fromBottom;
      },
      { injector: this.injector },
    );
  }

  protected onScroll(): void {
    const element = this.scroller()?.nativeElement;
    if (element && element.scrollTop < 60) void this.loadOlder();
  }

  protected removeMine(message: ChatMessage): Promise<void> {
    return this.store.act(() => this.api.removeMessage(message.id));
  }

  protected pin(message: ChatMessage): Promise<void> {
    const session = this.store.running();
    return session ? this.store.act(() => this.api.pin(session.id, message.id)) : Promise.resolve();
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
