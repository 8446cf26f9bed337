import { WhenPipe } from '../platform/when';
import { ChangeDetectionStrategy, Component, inject, type OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { Sanction } from '@hearth/contracts';
import { Session } from '../identity/session';
import { ApiError } from '../platform/api-error';
import { ChatApi } from './chat-api';
import { headlineOf, sanctionReason } from './sanction-words';

/**
 * One moderation step, as its person reads it (what, where, for how long, why) with the
 * appeal form; the room's moderators and admins see the same page. What is typed in the
 * appeal stays through a refusal.
 */
@Component({
  selector: 'hearth-sanction-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [WhenPipe, FormsModule, MatButtonModule, RouterLink],
  styleUrl: './chat.scss',
  template: `
    <section class="page" aria-labelledby="sanction-title">
      <p class="back">
        @if (sanction() && !mine()) {
          <a [routerLink]="['/chat', sanction()!.room.id]">Back to {{ sanction()!.room.name }}</a>
        } @else {
          <a routerLink="/chat/sanctions">My moderation record</a>
        }
      </p>
      @if (error(); as message) {
        <p class="alert" role="alert">{{ message }}</p>
      }
      @if (sanction(); as sanction) {
        <h1 id="sanction-title" tabindex="-1">{{ headline(sanction, me()) }}</h1>
        <dl class="facts">
          <dt>When</dt>
          <dd>{{ sanction.createdAt | when }}{{ sanction.actor ? ', by ' + sanction.actor.displayName : '' }}</dd>
          <dt>Why</dt>
          <dd>{{ reason(sanction) }}</dd>
          @if (sanction.messageBody) {
            <dt>The message</dt>
            <dd><blockquote class="reported">{{ sanction.messageBody }}</blockquote></dd>
          }
          @if (sanction.endsAt && sanction.kind !== 'message_removed') {
            <dt>{{ sanction.kind === 'warning' ? 'Counts until' : 'Ends' }}</dt>
            <dd>{{ sanction.endsAt | when }}{{ sanction.inForce ? ' (in force now)' : '' }}</dd>
          }
          @if (sanction.liftedAt) {
            <dt>Lifted</dt>
            <dd>{{ sanction.liftedAt | when }}, on appeal</dd>
          }
        </dl>

        <section aria-labelledby="appeal-title">
          <h2 id="appeal-title" tabindex="-1">Appeal</h2>
          @if (sanction.appeal; as appeal) {
            @if (appeal.body) {
              <p>{{ mine() ? 'You' : sanction.user.displayName }} wrote, on {{ appeal.createdAt | when }}:</p>
              <blockquote>{{ appeal.body }}</blockquote>
            } @else {
              <p>{{ sanction.user.displayName }} appealed on {{ appeal.createdAt | when }}; the appeal is between them and the admins.</p>
            }
            @if (appeal.status === 'pending') {
              <p class="status" role="status">An admin will look at it and decide{{ mine() ? '; you will be told.' : '.' }}</p>
            } @else {
              <p class="status" role="status">
                {{ appeal.status === 'overturned' ? 'Upheld: the step was lifted.' : 'Looked at: the step stands.' }}
                {{ appeal.decidedBy ? appeal.decidedBy.displayName + ' wrote:' : '' }} {{ appeal.decisionNote }}
              </p>
            }
          } @else if (sanction.canAppeal && mine()) {
            <form (ngSubmit)="appeal(sanction)" novalidate>
              <label for="appeal-body">What should an admin know? Why was it wrong?</label>
              <textarea id="appeal-body" name="body" rows="5" maxlength="2000" [value]="body()" (input)="body.set($any($event.target).value)"></textarea>
              @if (problem(); as message) {
                <p class="alert" role="alert">{{ message }}</p>
              }
              <button mat-flat-button type="submit" [disabled]="busy()">{{ busy() ? 'Sending…' : 'Send the appeal' }}</button>
            </form>
          } @else if (mine()) {
            <p class="meta">Appeals are made within 14 days of the step.</p>
          } @else {
            <p class="meta">No appeal.</p>
          }
        </section>
      }
    </section>
  `,
})
export class SanctionPage implements OnInit {
  private readonly api = inject(ChatApi);
  private readonly session = inject(Session);
  private readonly id = inject(ActivatedRoute).snapshot.paramMap.get('sanction') ?? '';

  protected readonly sanction = signal<Sanction | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly problem = signal<string | null>(null);
  protected readonly body = signal('');
  protected readonly busy = signal(false);
  protected readonly headline = headlineOf;
  protected readonly reason = sanctionReason;

  protected mine(): boolean {
    return this.sanction()?.user.id === this.session.me()?.id;
  }

  protected me(): string | null {
    return this.session.me()?.id ?? null;
  }

  async ngOnInit(): Promise<void> {
    try {
      this.sanction.set(await this.api.sanction(this.id));
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    }
  }

  protected async appeal(sanction: Sanction): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      this.sanction.set(await this.api.appeal(sanction.id, this.body()));
      setTimeout(() => document.getElementById('appeal-title')?.focus());
    } catch (error) {
      const problem = ApiError.from(error);
      this.problem.set(problem.messageFor('body') ?? problem.message);
    } finally {
      this.busy.set(false);
    }
  }
}
