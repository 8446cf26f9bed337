import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { ItemView } from '@hearth/contracts';
import { ApiError } from '../platform/api-error';
import { CoursesApi, ITEM_TYPE_NAMES } from './courses-api';
import { effectOnChange } from '../platform/effects';
import { Thread } from '../discussions/thread';
import { Quiz } from './quiz';
import { Icon } from '../platform/icon';
import { PracticeStart } from '../chat/practice-start';

/** One item of a published course: a lesson to read, a discussion's prompt, a quiz, or a session script to practise from. */
@Component({
  selector: 'hearth-item-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon, MatButtonModule, RouterLink, Quiz, Thread, PracticeStart],
  templateUrl: './item-page.html',
  styleUrl: './item-page.scss',
})
export class ItemPage {
  private readonly api = inject(CoursesApi);

  readonly course = input.required<string>();
  readonly item = input.required<string>();

  protected readonly view = signal<ItemView | null>(null);
  protected readonly error = signal<{ message: string; code: string } | null>(null);
  protected readonly typeName = ITEM_TYPE_NAMES;
  private readonly fragment = toSignal(inject(ActivatedRoute).fragment);
  /** A link to `#reply-<id>` (from a notification, say) opens the thread at that reply. */
  protected readonly focusedReply = computed(() => this.fragment()?.match(/^reply-([0-9a-f-]{36})$/)?.[1] ?? null);

  constructor() {
    effectOnChange(this.item, (id) => this.load(id));
  }

  private async load(id: string): Promise<void> {
    this.error.set(null);
    try {
      const view = await this.api.item(id);
      // The reader may have moved on to another item while this one loaded.
      if (this.item() !== id) return;
      this.view.set(view);
      // Opening an item is reading it (again, when a refresher asks); quizzes count once passed, discussions once answered.
      if (view.enrolled && (view.state === 'not_started' || (view.redo && view.type === 'lesson'))) {
        await this.api.markViewed(id);
        this.view.update((current) => (current?.id === id ? { ...current, state: current.state === 'not_started' ? 'viewed' : current.state, redo: false } : current));
      }
    } catch (caught) {
      if (this.item() !== id) return;
      const error = ApiError.from(caught);
      this.view.set(null);
      this.error.set({ message: error.message, code: error.code });
    }
  }
}
