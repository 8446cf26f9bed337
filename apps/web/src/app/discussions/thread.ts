import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { ReplySort, ReplyView, ThreadView } from '@hearth/contracts';
import { effectOnChange } from '../platform/effects';
import { focusWhenShown } from '../platform/focus';
import { ApiError } from '../platform/api-error';
import { Composer } from './composer';
import { DiscussionsApi } from './discussions-api';
import { ReplyCard } from './reply-card';

/**
 * A discussion's thread under its prompt: my answer box, then everyone's answers once I
 * may see them (post-first), sorted and loaded twenty at a time.
 */
@Component({
  selector: 'hearth-thread',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, Composer, ReplyCard],
  templateUrl: './thread.html',
  styleUrl: './thread.scss',
})
export class Thread {
  private readonly api = inject(DiscussionsApi);

  readonly itemId = input.required<string>();
  /** A reply to open the thread at: its answer is shown (first, if not on the page) with its replies open. */
  readonly focus = input<string | null>(null);

  protected readonly thread = signal<ThreadView | null>(null);
  protected readonly answers = signal<ReplyView[]>([]);
  protected readonly cursor = signal<string | null>(null);
  protected readonly sort = signal<ReplySort>('oldest');
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly announcement = signal('');
  /** The answer that holds the focused reply, once it is on the page. */
  protected readonly focusAnswer = signal<string | null>(null);

  /**
   * Each load and each page request is numbered; an answer that arrives after a newer
   * request was made (the reader moved to another discussion, or re-sorted) is dropped.
   */
  private loadNumber = 0;
  private pageNumber = 0;

  constructor() {
    const place = computed(() => ({ itemId: this.itemId(), focus: this.focus() }));
    effectOnChange(place, ({ itemId }, previous) => this.load(itemId, previous?.itemId !== itemId));
  }

  private async load(itemId: string, fresh: boolean): Promise<void> {
    const number = ++this.loadNumber;
    const current = () => number === this.loadNumber;
    this.error.set(null);
    this.focusAnswer.set(null);
    if (fresh) {
      // Nothing of the previous discussion stays on screen, or may be posted to.
      this.thread.set(null);
      this.answers.set([]);
      this.cursor.set(null);
    }
    try {
      const thread = await this.api.thread(itemId);
      if (!current()) return;
      this.thread.set(thread);
      if (thread.canSeeReplies) {
        await this.page(true);
        const focus = this.focus();
        if (focus && current()) await this.reveal(focus, current);
        if (current()) await this.api.markRead(itemId);
      }
    } catch (error) {
      if (current()) this.error.set(ApiError.from(error).message);
    }
  }

  private async reveal(replyId: string, current: () => boolean): Promise<void> {
    try {
      const target = await this.api.reply(replyId);
      const answerId = target.parentId ?? target.id;
      const answer = this.answers().some((shown) => shown.id === answerId) ? null : target.parentId ? await this.api.reply(target.parentId) : target;
      if (!current()) return;
      if (answer) this.answers.update((shown) => [answer, ...shown]);
      this.focusAnswer.set(answerId);
    } catch (error) {
      const problem = ApiError.from(error);
      if (current()) this.error.set(problem.status === 404 ? 'The reply you followed is no longer there.' : problem.message);
    }
  }

  protected async page(first: boolean): Promise<void> {
    const number = ++this.pageNumber;
    this.loading.set(true);
    try {
      const page = await this.api.answers(this.itemId(), this.sort(), first ? null : this.cursor());
      if (number !== this.pageNumber) return;
      this.answers.update((shown) => (first ? page.items : [...shown, ...page.items.filter((item) => !shown.some((s) => s.id === item.id))]));
      this.cursor.set(page.nextCursor);
      if (!first) this.announcement.set(`${page.items.length} more answers shown.`);
    } catch (error) {
      if (number === this.pageNumber) this.error.set(ApiError.from(error).message);
    } finally {
      if (number === this.pageNumber) this.loading.set(false);
    }
  }

  protected resort(sort: ReplySort): Promise<void> {
    this.sort.set(sort);
    return this.page(true);
  }

  protected async answered(answer: ReplyView): Promise<void> {
    this.announcement.set('Your answer is posted.');
    const from = document.activeElement;
    await this.load(this.itemId(), false);
    // The composer is gone: focus goes to the answer just posted (or, when the order chosen
    // puts it past the first page, to the answers' heading).
    focusWhenShown(this.answers().some((shown) => shown.id === answer.id) ? `#reply-${answer.id}` : '#thread-title', { from });
  }

  protected changed(reply: ReplyView): void {
    this.answers.update((shown) => shown.map((item) => (item.id === reply.id ? reply : item)));
    if (reply.mine && reply.state === 'removed') void this.load(this.itemId(), false);
  }
}
