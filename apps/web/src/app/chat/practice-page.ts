import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { type PracticeSessionView, scoreRubric } from '@hearth/contracts';
import { PracticumReviewView } from '../courses/practicum-review';
import { ApiError } from '../platform/api-error';
import { effectOnChange } from '../platform/effects';
import { WhenPipe } from '../platform/when';
import { ChatApi } from './chat-api';

/**
 * A practice session: its trainee reads the script's steps while leading it (and ends it
 * here); a mentor of the course observes it and, once it has ended, scores the rubric and
 * writes feedback; the review shows to both afterwards.
 */
@Component({
  selector: 'hearth-practice-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatButtonModule, PracticumReviewView, RouterLink, WhenPipe],
  styleUrls: ['./chat.scss', './practice.scss'],
  template: `
    <section class="page practice" aria-labelledby="practice-title">
      @if (view(); as view) {
        <p class="back"><a [routerLink]="['/chat', view.session.roomId]">Back to {{ view.roomName }}</a></p>
        <h1 id="practice-title" tabindex="-1">Practice session: {{ view.session.topic }}</h1>
        <dl class="facts">
          <dt>Course</dt>
          <dd><a [routerLink]="['/courses', view.course.slug]">{{ view.course.title }}</a></dd>
          <dt>Led by</dt>
          <dd>{{ view.session.leader?.displayName ?? 'Former member' }}</dd>
          <dt>Observed by</dt>
          <dd>{{ view.session.practice?.observer?.displayName ?? 'No mentor yet' }}</dd>
          <dt>When</dt>
          <dd data-testid="practice-status">
            @if (view.session.endedAt) {
              Ended {{ view.session.endedAt | when }}
            } @else if (view.session.startedAt) {
              Running since {{ view.session.startedAt | when }}
            } @else {
              Not started yet
            }
          </dd>
        </dl>

        <div class="actions">
          @if (view.canObserve && !view.observing) {
            <button mat-flat-button type="button" (click)="observe()" [disabled]="busy()">Observe this session</button>
          }
          @if (view.leading && view.session.startedAt && !view.session.endedAt) {
            <button mat-stroked-button type="button" (click)="end()" [disabled]="busy()">End the session</button>
          }
        </div>
        @if (error(); as message) {
          <p class="alert" role="alert">{{ message }}</p>
        }

        <section aria-labelledby="script-title">
          <h2 id="script-title">The script: {{ view.script.title }}</h2>
          <div class="prose" [innerHTML]="view.script.bodyHtml"></div>
          <ol class="script-steps">
            @for (step of view.script.steps; track $index) {
              <li>
                <h3>{{ step.title }}</h3>
                <div class="prose" [innerHTML]="step.promptHtml"></div>
              </li>
            }
          </ol>
          @if (view.script.questions.length > 0) {
            <h3>To reflect on afterwards</h3>
            <ul>
              @for (question of view.script.questions; track $index) {
                <li>{{ question }}</li>
              }
            </ul>
          }
        </section>

        @if (view.review; as review) {
          <section aria-labelledby="review-title" data-testid="practice-review">
            <h2 id="review-title" tabindex="-1">{{ review.passed ? 'Passed' : 'Not passed yet' }}: {{ review.total }} of {{ review.passScore }} needed</h2>
            <hearth-practicum-review [review]="review" />
          </section>
        } @else if (view.canReview) {
          <section aria-labelledby="score-title">
            <h2 id="score-title" tabindex="-1">Score the session</h2>
            <form class="rubric" (ngSubmit)="review()" novalidate>
              @for (criterion of view.rubric.criteria; track criterion.key) {
                <div class="criterion">
                  <label [for]="'score-' + criterion.key">{{ criterion.label }} (0 to {{ criterion.maxScore }})</label>
                  @if (criterion.description) {
                    <p class="meta" [id]="'about-' + criterion.key">{{ criterion.description }}</p>
                  }
                  <input
                    type="number"
                    min="0"
                    [max]="criterion.maxScore"
                    step="1"
                    inputmode="numeric"
                    [id]="'score-' + criterion.key"
                    [name]="'score-' + criterion.key"
                    [attr.aria-describedby]="criterion.description ? 'about-' + criterion.key : null"
                    [value]="scores()[criterion.key]"
                    (input)="setScore(criterion.key, $any($event.target).value)"
                  />
                  @if (problemFor('scores.' + criterion.key); as message) {
                    <p class="alert" role="alert">{{ message }}</p>
                  }
                </div>
              }
              <p class="meta" role="status">Total {{ total() }} of {{ view.rubric.passScore }} needed to pass</p>
              <label for="practice-feedback">Feedback for the trainee</label>
              <textarea id="practice-feedback" name="feedback" rows="6" maxlength="5000" [value]="feedback()" (input)="feedback.set($any($event.target).value)"></textarea>
              @if (problemFor('feedback'); as message) {
                <p class="alert" role="alert">{{ message }}</p>
              }
              <button mat-flat-button type="submit" [disabled]="busy()">{{ busy() ? 'Saving…' : 'Save the review' }}</button>
            </form>
          </section>
        } @else if (view.session.endedAt) {
          <p class="meta">No review yet.</p>
        }
      } @else if (error(); as message) {
        <h1 id="practice-title" tabindex="-1">Practice session not available</h1>
        <p class="alert" role="alert">{{ message }}</p>
        <p><a routerLink="/chat">Back to the chat</a></p>
      }
    </section>
  `,
})
export class PracticePage {
  private readonly api = inject(ChatApi);

  /** The session's id, from the address. */
  readonly session = input.required<string>();

  protected readonly view = signal<PracticeSessionView | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly problems = signal<ApiError | null>(null);
  protected readonly busy = signal(false);
  protected readonly scores = signal<Record<string, number>>({});
  protected readonly feedback = signal('');
  protected readonly total = computed(() => {
    const view = this.view();
    return view ? scoreRubric(view.rubric, this.scores()).scores.reduce((sum, s) => sum + s.score, 0) : 0;
  });

  constructor() {
    effectOnChange(this.session, (id) => this.load(id));
  }

  private async load(id: string): Promise<void> {
    try {
      const view = await this.api.practice(id);
      if (this.session() === id) this.view.set(view);
    } catch (error) {
      if (this.session() === id) this.error.set(ApiError.from(error).message);
    }
  }

  protected setScore(key: string, value: string): void {
    this.scores.update((scores) => {
      const next = { ...scores };
      if (value === '') delete next[key];
      else next[key] = Number(value);
      return next;
    });
  }

  protected problemFor(field: string): string | undefined {
    return this.problems()?.messageFor(field);
  }

  protected observe(): Promise<void> {
    return this.act(() => this.api.observe(this.session()));
  }

  protected end(): Promise<void> {
    return this.act(async () => {
      await this.api.endSession(this.session());
      return this.api.practice(this.session());
    });
  }

  protected review(): Promise<void> {
    return this.act(() => this.api.reviewPractice(this.session(), { scores: this.scores(), feedback: this.feedback() }), 'review-title');
  }

  private async act(work: () => Promise<PracticeSessionView>, focus = 'practice-title'): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    this.problems.set(null);
    try {
      this.view.set(await work());
      setTimeout(() => document.getElementById(focus)?.focus());
    } catch (caught) {
      const error = ApiError.from(caught);
      this.problems.set(error);
      this.error.set(error.message);
    } finally {
      this.busy.set(false);
    }
  }
}
