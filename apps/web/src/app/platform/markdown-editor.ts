import { ChangeDetectionStrategy, Component, computed, DestroyRef, ElementRef, forwardRef, inject, input, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { type ControlValueAccessor, NG_VALUE_ACCESSOR } from '@angular/forms';
import { MENTION, type MarkdownPreview, type UserSummary } from '@hearth/contracts';
import { catchError, debounceTime, distinctUntilChanged, from, type Observable, of, Subject, switchMap } from 'rxjs';
import { MarkdownApi } from './markdown-api';

let nextId = 0;

/** The @name being typed at the caret, if any. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const match = MENTION.beingTyped.exec(text.slice(0, caret));
  return match ? { start: caret - match[2].length - 1, query: match[2] } : null;
}

/**
 * A Markdown field with a live preview from the server's own renderer (so the preview is
 * exactly what others will see), an optional word count, and optional @mention
 * suggestions (an accessible listbox under the text).
 */
@Component({
  selector: 'hearth-markdown-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [{ provide: NG_VALUE_ACCESSOR, useExisting: forwardRef(() => MarkdownEditor), multi: true }],
  templateUrl: './markdown-editor.html',
  styleUrl: './markdown-editor.scss',
})
export class MarkdownEditor implements ControlValueAccessor {
  private readonly api = inject(MarkdownApi);
  private readonly changes = new Subject<string>();
  private readonly lookups = new Subject<string>();
  private onChange: (value: string) => void = () => undefined;
  private onTouched: () => void = () => undefined;
  private readonly textarea = viewChild.required<ElementRef<HTMLTextAreaElement>>('textarea');

  readonly label = input('Text');
  readonly rows = input(14);
  /** When set, "N words" is shown, and whether the answer is long enough to count. */
  readonly minWords = input<number | null>(null);
  /** When set, typing @ offers matching members. */
  readonly suggest = input<((prefix: string) => Promise<UserSummary[]>) | null>(null);

  protected readonly id = `markdown-${nextId++}`;
  protected readonly value = signal('');
  protected readonly html = signal('');
  protected readonly disabled = signal(false);
  /** The server's count, from the preview: the one that decides whether an answer counts. */
  protected readonly words = signal(0);
  /**
   * For screen readers, said only when it changes: when the text becomes long enough to
   * count (or stops being), and how many people are suggested.
   */
  protected readonly lengthStatus = computed(() => {
    const needed = this.minWords() ?? 0;
    if (needed <= 0 || this.words() === 0) return '';
    return this.words() >= needed ? 'Long enough to count toward the course.' : `Fewer than ${needed} words so far.`;
  });
  protected readonly suggestions = signal<UserSummary[]>([]);
  protected readonly active = signal(0);
  private mention: { start: number; query: string } | null = null;

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.changes
      .pipe(
        debounceTime(300),
        distinctUntilChanged(),
        switchMap((markdown): Observable<MarkdownPreview | null> =>
          markdown.trim() ? from(this.api.preview(markdown)).pipe(catchError(() => of(null))) : of({ html: '', wordCount: 0 }),
        ),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((preview) => {
        if (!preview) return;
        this.html.set(preview.html);
        this.words.set(preview.wordCount);
      });
    this.lookups
      .pipe(
        debounceTime(150),
        distinctUntilChanged(),
        switchMap((query): Observable<UserSummary[]> => from(this.suggest()!(query)).pipe(catchError(() => of([])))),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((people) => {
        this.suggestions.set(this.mention ? people : []);
        this.active.set(0);
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

  protected edit(element: HTMLTextAreaElement): void {
    this.value.set(element.value);
    this.onChange(element.value);
    this.changes.next(element.value);
    if (this.suggest()) {
      this.mention = mentionAt(element.value, element.selectionStart);
      if (this.mention) this.lookups.next(this.mention.query);
      else this.suggestions.set([]);
    }
  }

  protected keydown(event: KeyboardEvent): void {
    const people = this.suggestions();
    if (people.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      this.active.set((this.active() + (event.key === 'ArrowDown' ? 1 : people.length - 1)) % people.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      this.pick(people[this.active()]);
    } else if (event.key === 'Escape') {
      this.suggestions.set([]);
    }
  }

  protected pick(person: UserSummary): void {
    const element = this.textarea().nativeElement;
    if (!this.mention) return;
    const before = this.value().slice(0, this.mention.start);
    const after = this.value().slice(element.selectionStart);
    const inserted = `@${person.username} `;
    element.value = before + inserted + after;
    const caret = before.length + inserted.length;
    element.setSelectionRange(caret, caret);
    element.focus();
    this.mention = null;
    this.suggestions.set([]);
    this.edit(element);
  }

  protected touched(): void {
    this.onTouched();
    setTimeout(() => this.suggestions.set([]), 200);
  }
}
