import { ChangeDetectionStrategy, Component, inject, type OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { RouterLink } from '@angular/router';
import type { CourseSummary, LearningCourse } from '@hearth/contracts';
import { Session } from '../identity/session';
import { ApiError } from '../platform/api-error';
import { CoursesApi } from './courses-api';

@Component({
  selector: 'hearth-catalog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatCardModule, RouterLink],
  templateUrl: './catalog.html',
  styleUrl: './catalog.scss',
})
export class Catalog implements OnInit {
  private readonly api = inject(CoursesApi);

  protected readonly courses = signal<CourseSummary[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  /** Signed in: how far I am in each course I take, to mark it on its card. */
  protected readonly mine = signal(new Map<string, LearningCourse>());
  private readonly session = inject(Session);

  ngOnInit(): Promise<void> {
    if (this.session.signedIn()) {
      this.api.learning().then(
        (learning) => this.mine.set(new Map(learning.courses.map((course) => [course.courseId, course]))),
        // The cards still say "Enrolled"; only the progress is missing.
        () => undefined,
      );
    }
    return this.load(null);
  }

  protected async load(cursor: string | null): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await this.api.catalog(cursor);
      this.courses.update((shown) => (cursor ? [...shown, ...page.items] : page.items));
      this.nextCursor.set(page.nextCursor);
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    } finally {
      this.loading.set(false);
    }
  }
}
