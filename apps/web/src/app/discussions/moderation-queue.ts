import { WhenPipe } from '../platform/when';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { FlagView } from '@hearth/contracts';
import { effectOnChange } from '../platform/effects';
import { ApiError } from '../platform/api-error';
import { DiscussionsApi } from './discussions-api';

/** A course's open flags, for its staff: hide the reply, or find nothing wrong. */
@Component({
  selector: 'hearth-moderation-queue',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [WhenPipe, MatButtonModule, RouterLink],
  template: `
    <section class="page" aria-labelledby="queue-title">
      <p><a [routerLink]="['/courses', course()]">Back to the course</a></p>
      <h1 id="queue-title" tabindex="-1">Flagged replies</h1>
      @if (error(); as message) {
        <p class="alert" role="alert">{{ message }}</p>
      }
      <p class="notice" role="status">{{ notice() }}</p>
      @for (flag of flags(); track flag.id) {
        <article class="flag" [attr.aria-label]="'Flag by ' + (flag.flaggedBy?.displayName ?? 'someone')">
          <p>
            <strong>{{ flag.flaggedBy?.displayName ?? 'Someone' }}</strong> flagged a reply in “{{ flag.reply.itemTitle }}”
            on {{ flag.createdAt | when }}: <em>{{ flag.reason }}</em>
          </p>
          <blockquote>
            <p class="by">By {{ flag.reply.author?.displayName ?? 'a removed author' }} · {{ flag.reply.state }}</p>
            <div class="prose" [innerHTML]="flag.reply.bodyHtml"></div>
          </blockquote>
          <p><a [routerLink]="['/courses', course(), 'items', flag.reply.itemId]" [fragment]="'reply-' + flag.reply.id">See it in the thread</a></p>
          <div class="form-actions">
            <button mat-flat-button type="button" (click)="act(flag, 'hide')">{{ flag.reply.state === 'hidden' ? 'Keep it hidden' : 'Hide the reply' }}</button>
            <button mat-stroked-button type="button" (click)="act(flag, 'dismiss')">{{ flag.reply.state === 'hidden' ? 'Nothing wrong: show it again' : 'Nothing wrong' }}</button>
          </div>
        </article>
      } @empty {
        @if (!loading()) {
          <p>No open flags. All quiet.</p>
        }
      }
    </section>
  `,
  styles: `
    .flag { border: 1px solid var(--mat-sys-outline-variant); border-radius: 10px; padding: 0.75rem 1rem; margin-bottom: 1rem; }
    blockquote { margin: 0.5rem 0; padding: 0.25rem 1rem; border-left: 4px solid var(--mat-sys-outline-variant); }
    .by { color: var(--mat-sys-on-surface-variant); font-size: 0.85rem; }
  `,
})
export class ModerationQueue {
  private readonly api = inject(DiscussionsApi);
  readonly course = input.required<string>();
  protected readonly flags = signal<FlagView[]>([]);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly notice = signal('');

  constructor() {
    effectOnChange(this.course, () => this.load());
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    try {
      this.flags.set(await this.api.flags(this.course()));
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    } finally {
      this.loading.set(false);
    }
  }

  protected async act(flag: FlagView, action: 'hide' | 'dismiss'): Promise<void> {
    this.error.set(null);
    try {
      if (action === 'hide') await this.api.setHidden(flag.reply.id, true);
      else await this.api.dismiss(flag.id);
      const by = flag.reply.author?.displayName ?? 'a removed author';
      this.notice.set(action === 'hide' ? `The reply by ${by} is hidden; its flags are settled.` : `The flags on the reply by ${by} are dismissed.`);
    } catch (error) {
      this.notice.set('');
      this.error.set(ApiError.from(error).message);
    }
    await this.load();
  }
}
