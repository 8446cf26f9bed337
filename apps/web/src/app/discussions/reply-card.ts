import { WhenPipe } from '../platform/when';
import { afterNextRender, ChangeDetectionStrategy, Component, ElementRef, inject, Injector, input, linkedSignal, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { REACTION_KINDS, type ReactionKind, type ReplyEditView, type ReplyView, type ReviewStatus, type ThreadView } from '@hearth/contracts';
import { ApiError } from '../platform/api-error';
import { Confirm } from '../platform/confirm-dialog';
import { effectOnChange } from '../platform/effects';
import { focusWhenShown } from '../platform/focus';
import { Composer } from './composer';
import { DiscussionsApi, REACTION_LABELS } from './discussions-api';
import { Icon } from '../platform/icon';

/** One answer or reply: its text, reactions and actions, and (for an answer) its replies. */
@Component({
  selector: 'hearth-reply-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon, WhenPipe, FormsModule, MatButtonModule, RouterLink, Composer],
  templateUrl: './reply-card.html',
  styleUrl: './reply-card.scss',
})
export class ReplyCard {
  private readonly api = inject(DiscussionsApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly confirm = inject(Confirm);

  readonly reply = input.required<ReplyView>();
  readonly thread = input.required<ThreadView>();
  readonly nested = input(false);
  /** A reply to bring into view: this one, or one of its replies (loaded until found). */
  readonly focus = input<string | null>(null);
  /** The answer was changed (edited, removed, reviewed…): the thread may need fresh counts. */
  readonly changed = output<ReplyView>();
  /** A nested reply asks its answer to open a reply to it. */
  readonly replyTo = output<ReplyView>();

  protected readonly kinds = REACTION_KINDS;
  protected readonly labels = REACTION_LABELS;
  /** The reply as last changed here; a fresh one from the thread replaces it. */
  protected readonly current = linkedSignal(() => this.reply());
  /** The composers stay open, with their drafts, whatever else is opened beside them. */
  protected readonly replying = signal(false);
  protected readonly editing = signal(false);
  /** At most one of the small forms: flag, review, or the edit history. */
  protected readonly panel = signal<'none' | 'flag' | 'review' | 'history'>('none');
  protected readonly children = signal<ReplyView[]>([]);
  protected readonly childrenCursor = signal<string | null>(null);
  protected readonly childrenOpen = signal(false);
  protected readonly replyPrefill = signal('');
  protected readonly message = signal<string | null>(null);
  protected readonly pendingReactions = signal<ReadonlySet<ReactionKind>>(new Set());
  protected readonly history = signal<ReplyEditView[]>([]);
  protected flagReason = '';
  protected reviewComment = '';

  constructor() {
    effectOnChange(this.focus, (id) => id && this.reveal(id));
  }

  protected view(): ReplyView {
    return this.current();
  }

  private async reveal(id: string): Promise<void> {
    if (id === this.view().id) {
      afterNextRender(
        () => {
          const article = this.host.nativeElement.querySelector<HTMLElement>('article');
          article?.scrollIntoView({ block: 'center' });
          article?.focus({ preventScroll: true });
        },
        { injector: this.injector },
      );
      return;
    }
    if (this.nested() || this.view().childCount === 0) return;
    this.childrenOpen.set(true);
    this.children.set([]);
    this.childrenCursor.set(null);
    for (let pages = 0; pages < 50; pages++) {
      await this.moreChildren();
      if (this.message() || !this.childrenCursor() || this.children().some((child) => child.id === id)) break;
    }
  }

  private update(reply: ReplyView): void {
    this.current.set(reply);
    this.changed.emit(reply);
  }

  private async attempt(work: () => Promise<void>): Promise<void> {
    this.message.set(null);
    try {
      await work();
    } catch (error) {
      this.message.set(ApiError.from(error).message);
    }
  }

  /**
   * Shown at once, then confirmed (or undone) by the server. One request per kind at a
   * time: a click while that kind is on its way is ignored, and the answer for one kind
   * never overwrites another kind's.
   */
  protected async toggle(kind: ReactionKind): Promise<void> {
    if (this.pendingReactions().has(kind)) return;
    const before = this.view();
    const on = !before.myReactions.includes(kind);
    this.current.set(withReaction(before, kind, on, before.reactions[kind] + (on ? 1 : -1)));
    this.pendingReactions.update((kinds) => new Set(kinds).add(kind));
    await this.attempt(async () => {
      try {
        const saved = await this.api.react(before.id, kind, on);
        this.current.set(withReaction(this.view(), kind, saved.myReactions.includes(kind), saved.reactions[kind]));
      } catch (error) {
        this.current.set(withReaction(this.view(), kind, !on, before.reactions[kind]));
        throw error;
      }
    });
    this.pendingReactions.update((kinds) => {
      const rest = new Set(kinds);
      rest.delete(kind);
      return rest;
    });
  }

  protected async toggleChildren(): Promise<void> {
    if (this.childrenOpen()) {
      this.childrenOpen.set(false);
      return;
    }
    this.childrenOpen.set(true);
    this.children.set([]);
    await this.moreChildren();
  }

  protected moreChildren(): Promise<void> {
    return this.attempt(async () => {
      const page = await this.api.children(this.view().id, this.childrenCursor() && this.children().length ? this.childrenCursor() : null);
      this.children.update((shown) => [...shown, ...page.items.filter((item) => !shown.some((s) => s.id === item.id))]);
      this.childrenCursor.set(page.nextCursor);
    });
  }

  /** Opens the reply box; one already open keeps what is written in it. */
  protected openReply(prefill = ''): void {
    if (this.replying()) return;
    this.replyPrefill.set(prefill);
    this.replying.set(true);
    // Straight into the reply's words.
    focusWhenShown(`#reply-${this.view().id} > hearth-composer textarea`);
  }

  protected togglePanel(panel: 'flag' | 'review'): void {
    this.panel.set(this.panel() === panel ? 'none' : panel);
  }

  protected replied(reply: ReplyView): void {
    this.replying.set(false);
    this.childrenOpen.set(true);
    this.children.update((shown) => [...shown, reply]);
    this.update({ ...this.view(), childCount: this.view().childCount + 1 });
    // Focus goes to the reply just posted (the composer it came from is gone).
    focusWhenShown(`#reply-${reply.id}`);
  }

  protected edited(reply: ReplyView): void {
    this.editing.set(false);
    this.update(reply);
  }

  protected async remove(): Promise<void> {
    const mine = this.view().mine;
    const sure = await this.confirm.ask({
      title: mine ? 'Remove your reply?' : 'Remove this reply for everyone?',
      message: mine ? 'Its words go for good; replies to it stay.' : 'Nobody sees its words any more; replies to it stay.',
      confirm: 'Remove the reply',
    });
    if (!sure) return;
    return this.attempt(async () => {
      await this.api.remove(this.view().id);
      this.update({ ...this.view(), state: 'removed', bodyHtml: '', author: null });
      // Its Remove button is gone with its words: focus stays on the reply, now a placeholder.
      focusWhenShown(`#reply-${this.view().id}`, { from: null });
    });
  }

  protected flag(): Promise<void> {
    return this.attempt(async () => {
      const { hidden } = await this.api.flag(this.view().id, this.flagReason.trim());
      this.panel.set('none');
      this.flagReason = '';
      this.message.set(hidden ? 'Thank you. The reply is hidden until staff look at it.' : 'Thank you. Staff will look at it.');
    });
  }

  protected setHidden(hidden: boolean): Promise<void> {
    return this.attempt(async () => this.update(await this.api.setHidden(this.view().id, hidden)));
  }

  protected review(status: ReviewStatus): Promise<void> {
    return this.attempt(async () => {
      this.update(await this.api.review(this.view().id, status, this.reviewComment.trim()));
      this.panel.set('none');
      this.reviewComment = '';
    });
  }

  protected showHistory(): Promise<void> {
    return this.attempt(async () => {
      this.history.set(await this.api.history(this.view().id));
      this.panel.set('history');
    });
  }
}

/** The reply with one kind of reaction set: mine or not, and its count. */
function withReaction(reply: ReplyView, kind: ReactionKind, mine: boolean, count: number): ReplyView {
  const others = reply.myReactions.filter((k) => k !== kind);
  return { ...reply, myReactions: mine ? [...others, kind] : others, reactions: { ...reply.reactions, [kind]: count } };
}
