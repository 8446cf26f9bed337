import { ChangeDetectionStrategy, Component, computed, inject, type OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { type CourseSummary, type FieldError, type ReviewQueue, SLUG_PATTERN, slugify } from '@hearth/contracts';
import { DiscussionsApi } from '../discussions/discussions-api';
import { Session } from '../identity/session';
import { ApiError } from '../platform/api-error';
import { FormSubmission, serverError } from '../platform/form-submission';
import { CoursesApi } from './courses-api';

@Component({
  selector: 'hearth-author-courses',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, RouterLink],
  templateUrl: './author-courses.html',
})
export class AuthorCourses implements OnInit {
  private readonly api = inject(CoursesApi);
  private readonly discussions = inject(DiscussionsApi);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly me = inject(Session).me;

  protected readonly isAuthor = computed(() => (this.me()?.platformRoles ?? []).some((role) => role === 'author' || role === 'admin'));
  protected readonly courses = signal<CourseSummary[]>([]);
  /** Per course: answers waiting for review and open flags (absent when the count could not be had). */
  protected readonly waiting = signal(new Map<string, ReviewQueue>());
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly serverError = serverError;

  protected readonly create = this.fb.group({
    title: ['', [Validators.required, Validators.maxLength(120)]],
    slug: ['', [Validators.required, Validators.pattern(SLUG_PATTERN), Validators.minLength(3)]],
    summary: ['', Validators.maxLength(1000)],
  });
  protected readonly creation = new FormSubmission(this.create);
  private slugEdited = false;

  protected readonly importFile = signal<File | null>(null);
  protected readonly importPublish = signal(false);
  protected readonly importing = signal(false);
  protected readonly importProblems = signal<FieldError[]>([]);
  protected readonly importMessage = signal<string | null>(null);

  async ngOnInit(): Promise<void> {
    try {
      const [page, waiting] = await Promise.all([this.api.catalog(null, true), this.discussions.reviewQueue().catch(() => [])]);
      this.courses.set(page.items);
      this.waiting.set(new Map(waiting.map((queue) => [queue.courseId, queue])));
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    } finally {
      this.loading.set(false);
    }
  }

  /** The slug follows the title until the author edits it. */
  protected titleChanged(): void {
    if (!this.slugEdited) this.create.controls.slug.setValue(slugify(this.create.controls.title.value));
  }

  protected slugChanged(): void {
    this.slugEdited = true;
  }

  protected submitCreate(): Promise<void> {
    return this.creation.submit(async () => {
      const course = await this.api.create(this.create.getRawValue());
      await this.router.navigate(['/author/courses', course.slug]);
    });
  }

  protected chooseFile(files: FileList | null): void {
    this.importFile.set(files?.[0] ?? null);
    this.importProblems.set([]);
    this.importMessage.set(null);
  }

  protected async submitImport(): Promise<void> {
    const file = this.importFile();
    if (!file) {
      this.importMessage.set('Choose a .tar.gz or .zip file first.');
      return;
    }
    this.importing.set(true);
    this.importProblems.set([]);
    this.importMessage.set(null);
    try {
      const result = await this.api.importArchive(file, this.importPublish());
      await this.router.navigate(['/author/courses', result.course.slug]);
    } catch (caught) {
      const error = ApiError.from(caught);
      this.importMessage.set(error.message);
      this.importProblems.set(error.fieldErrors);
    } finally {
      this.importing.set(false);
    }
  }
}
