import { ChangeDetectionStrategy, Component, computed, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatRadioModule } from '@angular/material/radio';
import { RouterLink } from '@angular/router';
import type { ItemView, QuizAttemptResult } from '@hearth/contracts';
import { ApiError } from '../platform/api-error';
import { CoursesApi } from './courses-api';
import { effectOnChange } from '../platform/effects';
import { focusWhenShown } from '../platform/focus';

/** Taking a quiz: answers are scored on the server; the key shows after a pass (or every attempt, if the author chose so). */
@Component({
  selector: 'hearth-quiz',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatCheckboxModule, MatRadioModule, RouterLink],
  templateUrl: './quiz.html',
  styleUrl: './quiz.scss',
})
export class Quiz {
  private readonly api = inject(CoursesApi);

  readonly item = input.required<ItemView>();

  /** Chosen option ids by question id. */
  protected readonly chosen = signal<Record<string, string[]>>({});
  protected readonly result = signal<QuizAttemptResult | null>(null);
  protected readonly history = signal<QuizAttemptResult[]>([]);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly unanswered = computed(() => (this.item().questions ?? []).filter((q) => !(this.chosen()[q.id]?.length)).length);
  protected readonly review = computed(() => new Map((this.result()?.review ?? []).map((r) => [r.questionId, r])));
  /** The quiz shows its key after every attempt, not only with a pass. */
  protected readonly keyEachAttempt = computed(() => this.item().showAnswers === 'after-each-attempt');
  /** Whether the last attempt came back with the key (a pass, or a quiz that shows it each time). */
  protected readonly keyShown = computed(() => this.result()?.review?.some((question) => question.correctOptionIds.length > 0) ?? false);

  constructor() {
    // Another quiz clears the answers; the same quiz handed over again (the page marks it
    // viewed a moment after showing it) keeps what the person ticked meanwhile.
    effectOnChange(
      computed(() => this.item().id),
      () => {
        this.chosen.set({});
        this.result.set(null);
        const item = untracked(this.item);
        if (item.enrolled) void this.api.attempts(item.id).then((attempts) => this.history.set(attempts), () => undefined);
      },
    );
  }

  protected choose(questionId: string, optionId: string, single: boolean, checked = true): void {
    this.chosen.update((chosen) => {
      const current = chosen[questionId] ?? [];
      const next = single ? [optionId] : checked ? [...new Set([...current, optionId])] : current.filter((id) => id !== optionId);
      return { ...chosen, [questionId]: next };
    });
  }

  protected isChosen(questionId: string, optionId: string): boolean {
    return this.chosen()[questionId]?.includes(optionId) ?? false;
  }

  /** Whether the option is one of the right ones (known only when the server sent the key). */
  protected isKey(questionId: string, optionId: string): boolean {
    return this.review().get(questionId)?.correctOptionIds.includes(optionId) ?? false;
  }

  protected async submit(): Promise<void> {
    if (this.unanswered() > 0) {
      this.error.set(`Answer every question first (${this.unanswered()} left).`);
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const answers = Object.entries(this.chosen()).map(([questionId, optionIds]) => ({ questionId, optionIds }));
      const result = await this.api.attempt(this.item().id, answers);
      this.result.set(result);
      this.history.update((history) => [result, ...history]);
      // The button is gone: the outcome is where the person reads on.
      focusWhenShown('hearth-quiz .outcome');
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    } finally {
      this.busy.set(false);
    }
  }

  protected tryAgain(): void {
    this.result.set(null);
    this.chosen.set({});
  }
}
