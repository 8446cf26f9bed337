import { WhenPipe } from '../platform/when';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { type CourseOutline, type CourseProgress, isItemDone, type ThreadActivity, UNREAD_COUNT_LIMIT } from '@hearth/contracts';
import { DiscussionsApi } from '../discussions/discussions-api';
import { Session } from '../identity/session';
import { focusWhenShown } from '../platform/focus';
import { ApiError } from '../platform/api-error';
import { CoursesApi, ITEM_STATE_NAMES, ITEM_TYPE_NAMES } from './courses-api';
import { effectOnChange } from '../platform/effects';
import { PracticumReviewView } from './practicum-review';
import { Icon } from '../platform/icon';

@Component({
  selector: 'hearth-course-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon, WhenPipe, MatButtonModule, MatProgressBarModule, PracticumReviewView, RouterLink],
  templateUrl: './course-page.html',
  styleUrl: './course-page.scss',
})
export class CoursePage {
  private readonly api = inject(CoursesApi);
  private readonly router = inject(Router);
  private readonly discussions = inject(DiscussionsApi);
  protected readonly session = inject(Session);

  /** The course's slug or id, from the address. */
  readonly course = input.required<string>();

  protected readonly outline = signal<CourseOutline | null>(null);
  /** Answers and unread replies per discussion, for the enrolled and staff. */
  protected readonly activity = signal<Map<string, ThreadActivity>>(new Map());
  protected readonly error = signal<string | null>(null);
  protected readonly enrolling = signal(false);
  /** My checklist: what completes the course, what is met, what is missing. */
  protected readonly standing = signal<CourseProgress | null>(null);
  protected readonly typeName = ITEM_TYPE_NAMES;
  protected readonly stateName = ITEM_STATE_NAMES;
  protected readonly unreadLimit = UNREAD_COUNT_LIMIT;
  protected readonly isDone = isItemDone;
  protected readonly percent = computed(() => {
    const progress = this.outline()?.progress;
    return progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  });
  /** Each item a refresher asks for again, redone or still to redo. */
  protected readonly redo = computed(() => new Map((this.standing()?.refresher?.items ?? []).map((item) => [item.itemId, item.done ? 'redone' : 'to redo'] as const)));
  protected readonly redoneCount = computed(() => (this.standing()?.refresher?.items ?? []).filter((item) => item.done).length);
  /** The first item not done yet (during a refresher, not redone yet), where "Continue" leads. */
  protected readonly nextItem = computed(() => {
    const items = this.outline()?.modules.flatMap((module) => module.items) ?? [];
    const toRedo = items.find((item) => this.redo().get(item.id) === 'to redo');
    return toRedo ?? items.find((item) => item.state === 'not_started' || item.state === 'viewed') ?? items[0] ?? null;
  });

  constructor() {
    effectOnChange(this.course, (course) => this.load(course));
  }

  private async load(course: string): Promise<void> {
    this.error.set(null);
    try {
      const outline = await this.api.outline(course);
      // Answers for a course the reader has since left are dropped.
      if (this.course() !== course) return;
      this.outline.set(outline);
      this.activity.set(new Map());
      this.standing.set(null);
      if (outline.enrollment) {
        const standing = await this.api.progress(course).catch(() => null);
        if (this.course() === course) this.standing.set(standing);
      }
      if (outline.enrollment || outline.myRole) {
        const activity = await this.discussions.activity(course).catch(() => []);
        if (this.course() === course) this.activity.set(new Map(activity.map((thread) => [thread.itemId, thread])));
      }
    } catch (error) {
      if (this.course() !== course) return;
      this.outline.set(null);
      this.error.set(ApiError.from(error).message);
    }
  }

  protected async enroll(): Promise<void> {
    if (!this.session.signedIn()) {
      await this.router.navigate(['/sign-in'], { queryParams: { returnUrl: this.router.url } });
      return;
    }
    this.enrolling.set(true);
    try {
      await this.api.enroll(this.course());
      await this.load(this.course());
      // Where to go from here: the first item.
      focusWhenShown('[data-testid=start-course]');
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    } finally {
      this.enrolling.set(false);
    }
  }
}
