import { WhenPipe } from '../platform/when';
import { ChangeDetectionStrategy, Component, inject, type OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { AppealCase, AppealStatus } from '@hearth/contracts';
import { ChatApi } from '../chat/chat-api';
import { headlineOf, sanctionReason } from '../chat/sanction-words';
import { ApiError } from '../platform/api-error';

const STATUS_NAMES: Record<AppealStatus, string> = { pending: 'Waiting', confirmed: 'Stood', overturned: 'Lifted' };

/**
 * Appeals against chat moderation, for admins, oldest first: the step as its person was
 * told it, their appeal, and a decision (it stands, or it is lifted) with a note they read.
 */
@Component({
  selector: 'hearth-admin-appeals',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [WhenPipe, FormsModule, MatButtonModule, RouterLink],
  template: `
    <section class="page" aria-labelledby="appeals-title">
      <p><a routerLink="/admin">Admin</a></p>
      <h1 id="appeals-title" tabindex="-1">Chat appeals</h1>
      @if (error(); as message) {
        <p class="alert" role="alert">{{ message }}</p>
      }
      <p class="visually-hidden" role="status">{{ status() }}</p>
      <div class="filters" role="group" aria-label="Which appeals">
        @for (choice of statuses; track choice) {
          <button mat-button type="button" [attr.aria-pressed]="filter() === choice" (click)="show(choice)">{{ statusNames[choice] }}</button>
        }
      </div>
      <ol class="cases">
        @for (item of cases(); track item.appeal.id) {
          <li [attr.aria-label]="'Appeal by ' + item.sanction.user.displayName">
            <h2>{{ headline(item.sanction, null) }}</h2>
            <p class="meta">
              {{ item.sanction.createdAt | when }} · by {{ item.sanction.actor?.displayName ?? 'a former moderator' }} · {{ reason(item.sanction) }}
              @if (item.sanction.inForce) {
                · in force until {{ item.sanction.endsAt | when }}
              }
            </p>
            @if (item.sanction.messageBody) {
              <blockquote>{{ item.sanction.messageBody }}</blockquote>
            }
            <p><strong>Their appeal</strong> ({{ item.appeal.createdAt | when }}):</p>
            <blockquote>{{ item.appeal.body }}</blockquote>
            @if (item.appeal.status === 'pending') {
              <form (ngSubmit)="$event.preventDefault()">
                <label [for]="'note-' + item.appeal.id">What to tell {{ item.sanction.user.displayName }} (required)</label>
                <textarea [id]="'note-' + item.appeal.id" [name]="'note-' + item.appeal.id" rows="2" maxlength="1000" [value]="notes()[item.appeal.id] ?? ''" (input)="setNote(item.appeal.id, $any($event.target).value)"></textarea>
                @if (problems()[item.appeal.id]; as message) {
                  <p class="alert" role="alert">{{ message }}</p>
                }
                <div class="form-actions">
                  <button mat-flat-button type="button" (click)="decide(item, 'overturned')" [disabled]="busy()">Lift the step</button>
                  <button mat-stroked-button type="button" (click)="decide(item, 'confirmed')" [disabled]="busy()">It stands</button>
                </div>
              </form>
            } @else {
              <p class="meta">{{ statusNames[item.appeal.status] }} by {{ item.appeal.decidedBy?.displayName }} · {{ item.appeal.decidedAt | when }} — {{ item.appeal.decisionNote }}</p>
            }
          </li>
        } @empty {
          <li class="empty">{{ filter() === 'pending' ? 'No appeal is waiting.' : 'None.' }}</li>
        }
      </ol>
      @if (cursor()) {
        <button mat-stroked-button type="button" (click)="more()">More appeals</button>
      }
    </section>
  `,
  styles: `
    .cases { list-style: none; padding: 0; }
    .cases > li { border: 1px solid var(--mat-sys-outline-variant); border-radius: 12px; padding: 0.75rem 1rem; margin-bottom: 1rem; }
    h2 { font-size: 1.1rem; margin: 0 0 0.25rem; }
    .meta, .empty { color: var(--mat-sys-on-surface-variant); }
    blockquote { margin: 0.25rem 0 0.75rem; padding: 0.25rem 0.75rem; border-left: 4px solid var(--mat-sys-outline-variant); overflow-wrap: anywhere; }
    form { display: flex; flex-direction: column; gap: 0.35rem; }
    textarea { font: inherit; padding: 0.35rem 0.5rem; border-radius: 6px; border: 1px solid var(--mat-sys-outline); background: var(--mat-sys-surface); color: inherit; }
    .form-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
    .filters { display: flex; flex-wrap: wrap; gap: 0.25rem; margin-bottom: 0.75rem; }
    .filters [aria-pressed='true'] { background: var(--mat-sys-secondary-container); }
  `,
})
export class AdminAppeals implements OnInit {
  private readonly api = inject(ChatApi);
  protected readonly statuses: AppealStatus[] = ['pending', 'confirmed', 'overturned'];
  protected readonly statusNames = STATUS_NAMES;
  protected readonly headline = headlineOf;
  protected readonly reason = sanctionReason;
  protected readonly cases = signal<AppealCase[]>([]);
  protected readonly cursor = signal<string | null>(null);
  protected readonly filter = signal<AppealStatus>('pending');
  protected readonly notes = signal<Partial<Record<string, string>>>({});
  protected readonly problems = signal<Partial<Record<string, string>>>({});
  protected readonly error = signal<string | null>(null);
  protected readonly status = signal('');
  protected readonly busy = signal(false);

  ngOnInit(): Promise<void> {
    return this.load();
  }

  protected async show(status: AppealStatus): Promise<void> {
    this.filter.set(status);
    await this.load();
  }

  protected setNote(id: string, note: string): void {
    this.notes.update((notes) => ({ ...notes, [id]: note }));
  }

  protected async decide(item: AppealCase, outcome: 'confirmed' | 'overturned'): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.problems.update((problems) => ({ ...problems, [item.appeal.id]: '' }));
    try {
      await this.api.decideAppeal(item.appeal.id, outcome, this.notes()[item.appeal.id] ?? '');
      this.status.set(`${outcome === 'overturned' ? 'Lifted' : 'It stands'}; ${item.sanction.user.displayName} is told.`);
      await this.load();
      setTimeout(() => document.getElementById('appeals-title')?.focus());
    } catch (error) {
      const problem = ApiError.from(error);
      this.problems.update((problems) => ({ ...problems, [item.appeal.id]: problem.messageFor('note') ?? problem.message }));
    } finally {
      this.busy.set(false);
    }
  }

  protected async more(): Promise<void> {
    try {
      const page = await this.api.appeals(this.filter(), this.cursor());
      this.cases.update((shown) => [...shown, ...page.items]);
      this.cursor.set(page.nextCursor);
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    }
  }

  private async load(): Promise<void> {
    try {
      const page = await this.api.appeals(this.filter(), null);
      this.cases.set(page.items);
      this.cursor.set(page.nextCursor);
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    }
  }
}
