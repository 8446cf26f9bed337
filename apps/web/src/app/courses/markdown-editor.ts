import { ChangeDetectionStrategy, Component, DestroyRef, forwardRef, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { type ControlValueAccessor, NG_VALUE_ACCESSOR } from '@angular/forms';
import { debounceTime, distinctUntilChanged, from, of, Subject, switchMap, catchError } from 'rxjs';
import { CoursesApi } from './courses-api';

let nextId = 0;

/**
 * A Markdown field with a live preview rendered by the server's own renderer, so the
 * preview is exactly what trainees will see.
 */
@Component({
  selector: 'hearth-markdown-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [{ provide: NG_VALUE_ACCESSOR, useExisting: forwardRef(() => MarkdownEditor), multi: true }],
  template: `
    <div class="markdown-editor">
      <div class="pane">
        <label [for]="id">{{ label() }}</label>
        <textarea
          [id]="id"
          [value]="value()"
          [disabled]="disabled()"
          [attr.aria-describedby]="id + '-help'"
          rows="14"
          (input)="edit($any($event.target).value)"
          (blur)="touched()"
        ></textarea>
        <small [id]="id + '-help'">Markdown: **bold**, *italic*, # headings, - lists, [links](https://…), > quotes.</small>
      </div>
      <div class="pane">
        <span class="preview-label" [id]="id + '-preview'">Preview</span>
        <div class="prose preview" role="region" [attr.aria-labelledby]="id + '-preview'" [innerHTML]="html()"></div>
      </div>
    </div>
  `,
  styles: `
    .markdown-editor { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 1rem; margin: 0.5rem 0 1rem; }
    .pane { display: flex; flex-direction: column; gap: 0.25rem; min-width: 0; }
    label, .preview-label { font-weight: 600; }
    textarea { font: 0.95rem/1.5 ui-monospace, SFMono-Regular, Menlo, monospace; padding: 0.75rem; border-radius: 8px; border: 1px solid var(--mat-sys-outline); background: var(--mat-sys-surface); color: inherit; resize: vertical; min-height: 12rem; }
    small { color: var(--mat-sys-on-surface-variant); }
    .preview { border: 1px dashed var(--mat-sys-outline-variant); border-radius: 8px; padding: 0 1rem; min-height: 12rem; overflow: auto; }
  `,
})
export class MarkdownEditor implements ControlValueAccessor {
  private readonly api = inject(CoursesApi);
  private readonly changes = new Subject<string>();
  private onChange: (value: string) => void = () => undefined;
  private onTouched: () => void = () => undefined;

  readonly label = input('Text');
  protected readonly id = `markdown-${nextId++}`;
  protected readonly value = signal('');
  protected readonly html = signal('');
  protected readonly disabled = signal(false);

  constructor() {
    this.changes
      .pipe(
        debounceTime(300),
        distinctUntilChanged(),
        switchMap((markdown) => (markdown.trim() ? from(this.api.preview(markdown)).pipe(catchError(() => of(null))) : of({ html: '' }))),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((preview) => {
        if (preview) this.html.set(preview.html);
      });
  }

  writeValue(value: string | null): void {
    this.value.set(value ?? '');
    this.changes.next(value ?? '');
  }

  registerOnChange(fn: (value: string) => void): void {
    this.onChange = fn;
  }

  registerOnTouched(fn: () => void): void {
    this.onTouched = fn;
  }

  setDisabledState(disabled: boolean): void {
    this.disabled.set(disabled);
  }

  protected edit(value: string): void {
    this.value.set(value);
    this.onChange(value);
    this.changes.next(value);
  }

  protected touched(): void {
    this.onTouched();
  }
}
