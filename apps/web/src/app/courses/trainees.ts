import { WhenPipe } from '../platform/when';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { CompletionFunnel, CourseOutline, TraineeProgress } from '@hearth/contracts';
import { ApiError } from '../platform/api-error';
import { BarChart } from '../platform/bar-chart';
import { effectOnChange } from '../platform/effects';
import { CoursesApi } from './courses-api';

/** A course's trainees for its staff: the completion funnel, and each trainee's progress, with sign-off. */
@Component({
  selector: 'hearth-trainees',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [WhenPipe, FormsModule, MatButtonModule, RouterLink, BarChart],
  templateUrl: './trainees.html',
  styleUrl: './trainees.scss',
})
export class Trainees {
  private readonly api = inject(CoursesApi);

  readonly course = input.required<string>();

  protected readonly outline = signal<CourseOutline | null>(null);
  protected readonly funnel = signal<CompletionFunnel | null>(null);
  protected readonly trainees = signal<TraineeProgress[]>([]);
  protected readonly cursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly notice = signal('');
  /** The trainee whose sign-off form is open, and its note. */
  protected readonly signingOff = signal<string | null>(null);
  protected note = '';
  protected readonly bars = computed(() => (this.funnel()?.steps ?? []).map((step) => ({ label: step.label, value: step.count })));

  constructor() {
    effectOnChange(this.course, (course) => this.load(course));
  }

  private async load(course: string): Promise<void> {
    this.error.set(null);
    this.trainees.set([]);
    this.cursor.set(null);
    try {
      const [outline, funnel] = await Promise.all([this.api.outline(course), this.api.funnel(course)]);
      if (this.course() !== course) return;
      this.outline.set(outline);
      this.funnel.set(funnel);
      await this.more();
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    }
  }

  protected async more(): Promise<void> {
    const course = this.course();
    this.loading.set(true);
    try {
      const page = await this.api.trainees(course, this.cursor());
      if (course !== this.course()) return;
      this.trainees.update((shown) => [...shown, ...page.items.filter((item) => !shown.some((s) => s.user.id === item.user.id))]);
      this.cursor.set(page.nextCursor);
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    } finally {
      this.loading.set(false);
    }
  }

  protected openSignOff(trainee: TraineeProgress): void {
    this.signingOff.set(trainee.user.id);
  }

  protected async signOff(trainee: TraineeProgress): Promise<void> {
    this.error.set(null);
    try {
      await this.api.signOff(this.course(), trainee.user.id, this.note.trim());
      this.note = '';
      this.signingOff.set(null);
      this.notice.set(`${trainee.user.displayName} is signed off.`);
      this.trainees.update((all) => all.map((t) => (t.user.id === trainee.user.id ? { ...t, signedOffAt: new Date().toISOString() } : t)));
      this.funnel.set(await this.api.funnel(this.course()));
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    }
  }
}
