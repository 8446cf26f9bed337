import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { PracticumReview } from '@hearth/contracts';
import { WhenPipe } from '../platform/when';

/** A mentor's review of a practice session: each criterion's score, who wrote the feedback and when, and the feedback. */
@Component({
  selector: 'hearth-practicum-review',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [WhenPipe],
  template: `
    @let shown = review();
    <table class="scores">
      <caption class="visually-hidden">Scores per criterion</caption>
      <thead>
        <tr><th scope="col">Criterion</th><th scope="col">Score</th></tr>
      </thead>
      <tbody>
        @for (score of shown.scores; track score.key) {
          <tr><th scope="row">{{ score.label }}</th><td>{{ score.score }} of {{ score.maxScore }}</td></tr>
        }
      </tbody>
    </table>
    <p class="byline">{{ shown.mentor?.displayName ?? 'A mentor' }} wrote, {{ shown.reviewedAt | when: 'day' }}:</p>
    <blockquote class="prose" [innerHTML]="shown.feedbackHtml"></blockquote>
  `,
  styles: `
    :host { display: block; }
    .scores { border-collapse: collapse; margin: 0.5rem 0; }
    .scores th, .scores td { text-align: left; padding: 0.25rem 1rem 0.25rem 0; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .byline { color: var(--mat-sys-on-surface-variant); font-size: 0.9rem; }
  `,
})
export class PracticumReviewView {
  readonly review = input.required<PracticumReview>();
}
