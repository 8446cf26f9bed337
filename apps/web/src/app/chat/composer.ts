import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import type { ChatMessage } from '@hearth/contracts';
import { ChatSocket } from './chat-socket';

/**
 * The chat composer. Enter sends, Shift+Enter starts a new line. The draft stays until the
 * server has it: a refusal (the rate limit, a mute) or a lost connection keeps the text and
 * says why. Each draft carries its own client id, so sending it again after a reconnect
 * posts it once.
 */
@Component({
  selector: 'hearth-chat-composer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatButtonModule],
  styleUrl: './chat.scss',
  template: `
    <form class="chat-composer" (ngSubmit)="send()">
      @if (error(); as message) {
        <p class="alert" role="alert">{{ message }}</p>
      }
      @if (closed(); as reason) {
        <p class="notice composer-closed">{{ reason }}</p>
      } @else {
        <label class="visually-hidden" for="chat-draft">Message</label>
        <textarea
          id="chat-draft"
          name="draft"
          rows="2"
          maxlength="2000"
          placeholder="Write a message"
          [ngModel]="draft()"
          (ngModelChange)="draft.set($event)"
          (keydown.enter)="onEnter($event)"
        ></textarea>
        <button mat-flat-button type="submit" [disabled]="busy()">{{ busy() ? 'Sending…' : 'Send' }}</button>
      }
    </form>
  `,
})
export class Composer {
  private readonly socket = inject(ChatSocket);

  readonly roomId = input.required<string>();
  /** Why I cannot post here now, if I cannot. */
  readonly closed = input<string | null>(null);
  readonly sent = output<ChatMessage>();

  protected readonly draft = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  private clientId = crypto.randomUUID();
  /** The text last sent under `clientId`: an edited draft is a new message, with a new id. */
  private lastAttempt: string | null = null;

  protected onEnter(event: Event): void {
    const key = event as KeyboardEvent;
    if (key.shiftKey || key.isComposing) return;
    event.preventDefault();
    void this.send();
  }

  protected async send(): Promise<void> {
    const body = this.draft().trim();
    if (!body) {
      this.error.set('Write something first.');
      return;
    }
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    if (this.lastAttempt !== null && this.lastAttempt !== body) this.clientId = crypto.randomUUID();
    this.lastAttempt = body;
    const ack = await this.socket.request('message:send', { roomId: this.roomId(), body, clientId: this.clientId });
    this.busy.set(false);
    if (!ack.ok) {
      this.error.set(ack.message);
      return;
    }
    this.clientId = crypto.randomUUID();
    this.lastAttempt = null;
    this.draft.set('');
    this.sent.emit(ack.data);
  }
}
