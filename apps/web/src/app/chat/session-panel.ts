import { WhenPipe } from '../platform/when';
import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { ChatSession } from '@hearth/contracts';
import { ApiError } from '../platform/api-error';
import { ChatApi } from './chat-api';

/**
 * A room's live session: the one running (topic, leader, co-host, the pinned message) and
 * those to come. A session leader schedules, starts and ends them; an on-spot host starts
 * one on the spot. Attendance counts while a session runs.
 */
@Component({
  selector: 'hearth-session-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [WhenPipe, FormsModule, MatButtonModule, RouterLink],
  styleUrl: './chat.scss',
  template: `
    <section class="session-panel" aria-labelledby="session-title">
      <h2 id="session-title">Live session</h2>
      @if (error(); as message) {
        <p class="alert" role="alert">{{ message }}</p>
      }
      @if (running(); as session) {
        <div class="running" aria-label="Session running">
          <p class="live-title"><span class="chip live">Live</span> {{ session.topic }}</p>
          <p class="meta">
            Led by {{ session.leader?.displayName ?? 'a former leader' }}
            @if (session.coHost) {
              with {{ session.coHost.displayName }}
            }
            · since {{ session.startedAt | when: 'time' }} · counts as {{ session.kind }}
          </p>
          @if (session.pinned; as pinned) {
            <blockquote class="pinned" aria-label="Pinned message">
              <strong>{{ pinned.author?.displayName ?? 'Someone' }}:</strong>&ngsp;<span [innerHTML]="pinned.bodyHtml"></span>
            </blockquote>
          }
          @if (session.practice) {
            <p><a [routerLink]="['/chat/sessions', session.id, 'practice']">A practice session: its script, observer and scoring</a></p>
          }
          @if (canLead() || canHost()) {
            <button mat-stroked-button type="button" (click)="end(session)" [disabled]="busy()">End the session</button>
          }

        </div>
      } @else {
        <p class="meta">No session is running. Time in a running session counts toward courses that ask for it.</p>
      }
      @if (ended(); as session) {
        @if (session.practice) {
          <p class="meta">“{{ session.topic }}” has ended. <a [routerLink]="['/chat/sessions', session.id, 'practice']">Its review</a></p>
        }
        @if (session.coHost && (mayConfirm(session) || confirmed().includes(session.id))) {
          <div class="ended" aria-label="Session just ended">
            <p class="meta">“{{ session.topic }}” has ended; {{ session.coHost.displayName }} co-hosted it.</p>
            @if (confirmed().includes(session.id)) {
              <p class="meta" role="status">{{ session.coHost.displayName }}’s co-hosting is confirmed.</p>
            } @else {
              <button mat-stroked-button type="button" (click)="confirm(session)" [disabled]="busy()">Confirm {{ session.coHost.displayName }} co-hosted well</button>
            }
          </div>
        }
      }

      @if (upcoming().length > 0) {
        <h3>Coming up</h3>
        <ul class="upcoming">
          @for (session of upcoming(); track session.id) {
            <li>
              {{ session.topic }}
              @if (session.scheduledFor) {
                · {{ session.scheduledFor | when }}
              }
              · {{ session.leader?.displayName }}
              @if (canLead() && !running()) {
                <button mat-button type="button" (click)="start(session)" [disabled]="busy()">Start</button>
              }
            </li>
          }
        </ul>
      }

      @if (!running() && (canLead() || canHost())) {
        <form class="session-form" (ngSubmit)="create()">
          <label for="session-topic">Topic</label>
          <input id="session-topic" name="topic" [ngModel]="topic()" (ngModelChange)="topic.set($event)" maxlength="200" />
          @if (tags().length > 1) {
            <label for="session-kind">Counts as</label>
            <select id="session-kind" name="kind" [ngModel]="kind()" (ngModelChange)="kind.set($event)">
              @for (tag of tags(); track tag) {
                <option [value]="tag">{{ tag }}</option>
              }
            </select>
          } @else {
            <p class="meta">It counts as {{ tags().length ? tags()[0] : 'a session in an untagged room (no course asks for those)' }}: the room decides.</p>
          }
          @if (canLead()) {
            <label for="session-when">Starts at (leave empty to start now)</label>
            <input id="session-when" name="when" type="datetime-local" [ngModel]="when()" (ngModelChange)="when.set($event)" />
          }
          <button mat-flat-button type="submit" [disabled]="busy()">{{ when() ? 'Schedule the session' : 'Start a session now' }}</button>
        </form>
      }
    </section>
  `,
})
export class SessionPanel {
  private readonly api = inject(ChatApi);

  readonly roomId = input.required<string>();
  readonly running = input<ChatSession | null>(null);
  readonly upcoming = input<ChatSession[]>([]);
  readonly canLead = input(false);
  readonly canHost = input(false);
  /** The room's tags: the kinds its sessions may count as. */
  readonly tags = input<string[]>([]);
  readonly myId = input<string | null>(null);
  /** The session that ended last while the page was open: its leader may confirm its co-host. */
  readonly ended = input<ChatSession | null>(null);
  readonly admin = input(false);
  readonly changed = output<void>();

  protected readonly topic = signal('');
  protected readonly when = signal('');
  /** Empty: the room's first tag, as the server takes it. */
  protected readonly kind = signal('');
  protected readonly busy = signal(false);
  protected readonly confirmed = signal<string[]>([]);
  protected readonly error = signal<string | null>(null);

  protected create(): Promise<void> {
    const topic = this.topic().trim();
    if (!topic) {
      this.error.set('Give the session a topic.');
      return Promise.resolve();
    }
    const when = this.when();
    return this.run(async () => {
      const kind = this.kind() || undefined;
      await this.api.createSession(this.roomId(), when ? { topic, kind, startsAt: new Date(when).toISOString() } : { topic, kind, startNow: true });
      this.topic.set('');
      this.when.set('');
    });
  }

  protected start(session: ChatSession): Promise<void> {
    return this.run(() => this.api.startSession(session.id));
  }

  protected end(session: ChatSession): Promise<void> {
    return this.run(() => this.api.endSession(session.id));
  }

  /** The session's leader (or an admin) confirms its co-host, toward the end of their probation. */
  protected mayConfirm(session: ChatSession): boolean {
    return session.coHost !== null && !session.coHostConfirmed && session.coHost.id !== this.myId() && (this.admin() || (this.canLead() && session.leader?.id === this.myId()));
  }

  protected confirm(session: ChatSession): Promise<void> {
    return this.run(async () => {
      await this.api.confirmCoHost(session.id);
      this.confirmed.update((ids) => [...ids, session.id]);
    });
  }

  private async run(work: () => Promise<unknown>): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      await work();
      this.changed.emit();
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    } finally {
      this.busy.set(false);
    }
  }
}
