import { ChangeDetectionStrategy, Component, inject, input, type OnInit, output } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import type { ReplyView, UserSummary } from '@hearth/contracts';
import { CoursesApi } from '../courses/courses-api';
import { FormSubmission } from '../platform/form-submission';
import { MarkdownEditor } from '../platform/markdown-editor';
import { DiscussionsApi } from './discussions-api';

/**
 * Writing an answer, a reply or an edit. The button is disabled while sending; a failed
 * send keeps the text; every draft carries its own Idempotency-Key, so sending it twice
 * posts it once.
 */
@Component({
  selector: 'hearth-composer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MarkdownEditor],
  template: `
    <form class="composer" [formGroup]="form" (ngSubmit)="send()" novalidate>
      @if (submission.error(); as message) {
        <p class="alert" role="alert">{{ message }}</p>
      }
      <hearth-markdown-editor formControlName="body" [label]="label()" [rows]="rows()" [minWords]="minWords()" [suggest]="suggest" />
      <div class="form-actions">
        <button mat-flat-button type="submit" [disabled]="submission.busy()">{{ submission.busy() ? 'Sending…' : action() }}</button>
        @if (cancellable()) {
          <button mat-button type="button" (click)="cancelled.emit()">Cancel</button>
        }
      </div>
    </form>
  `,
})
export class Composer implements OnInit {
  private readonly api = inject(DiscussionsApi);
  private readonly courses = inject(CoursesApi);

  readonly itemId = input.required<string>();
  readonly courseSlug = input.required<string>();
  readonly label = input('Your answer');
  readonly action = input('Post');
  readonly rows = input(6);
  readonly minWords = input<number | null>(null);
  readonly parentId = input<string | null>(null);
  /** When set, the composer edits this reply instead of posting a new one. */
  readonly editing = input<ReplyView | null>(null);
  readonly initial = input('');
  readonly cancellable = input(false);
  readonly sent = output<ReplyView>();
  readonly cancelled = output<void>();

  protected readonly form = inject(NonNullableFormBuilder).group({ body: ['', [Validators.required, Validators.pattern(/\S/)]] });
  protected readonly submission = new FormSubmission(this.form, 'Write something first.');
  private idempotencyKey = crypto.randomUUID();
  protected readonly suggest = (prefix: string): Promise<UserSummary[]> => this.courses.participants(this.courseSlug(), prefix);

  ngOnInit(): void {
    this.form.controls.body.setValue(this.initial());
  }

  protected send(): Promise<void> {
    return this.submission.submit(async () => {
      const body = this.form.getRawValue().body;
      const editing = this.editing();
      const reply = editing ? await this.api.edit(editing.id, body) : await this.api.post(this.itemId(), body, this.parentId(), this.idempotencyKey);
      this.idempotencyKey = crypto.randomUUID();
      this.form.reset({ body: '' });
      this.sent.emit(reply);
    });
  }
}
