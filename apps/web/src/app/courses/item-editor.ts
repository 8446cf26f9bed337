import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { type FormArray, type FormControl, type FormGroup, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { DEFAULT_SHOW_ANSWERS, type DraftItem, type QuizQuestionDraft, type ShowAnswers, type UpdateItemRequest } from '@hearth/contracts';
import { Confirm } from '../platform/confirm-dialog';
import { focusWhenShown } from '../platform/focus';
import { FormSubmission, serverError } from '../platform/form-submission';
import { CoursesApi, ITEM_TYPE_NAMES } from './courses-api';
import { effectOnChange } from '../platform/effects';
import { MarkdownEditor } from '../platform/markdown-editor';

type OptionForm = FormGroup<{ id: FormControl<string>; text: FormControl<string>; correct: FormControl<boolean> }>;
type QuestionForm = FormGroup<{
  id: FormControl<string>;
  text: FormControl<string>;
  kind: FormControl<'single' | 'multiple'>;
  explanation: FormControl<string>;
  options: FormArray<OptionForm>;
}>;

type StepForm = FormGroup<{ title: FormControl<string>; prompt: FormControl<string> }>;

/** Editing one item of the draft: its text, and its discussion, quiz or script settings. */
@Component({
  selector: 'hearth-item-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatSlideToggleModule,
    MarkdownEditor,
  ],
  templateUrl: './item-editor.html',
  styleUrl: './item-editor.scss',
})
export class ItemEditor {
  private readonly api = inject(CoursesApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly confirm = inject(Confirm);

  readonly item = input.required<DraftItem>();
  readonly saved = output<DraftItem>();
  readonly closed = output<void>();

  protected readonly typeName = ITEM_TYPE_NAMES;
  protected readonly serverError = serverError;
  protected readonly form = this.fb.group({
    title: ['', [Validators.required, Validators.maxLength(160)]],
    body: [''],
    reflectionQuestion: [''],
    postFirst: [true],
    minWords: [0, [Validators.min(0), Validators.max(5000)]],
    passPercent: [70, [Validators.required, Validators.min(1), Validators.max(100)]],
    showAnswers: [DEFAULT_SHOW_ANSWERS as ShowAnswers],
    questions: this.fb.array<QuestionForm>([]),
    steps: this.fb.array<StepForm>([]),
    scriptQuestions: this.fb.array<FormControl<string>>([]),
  });
  protected readonly submission = new FormSubmission(this.form);

  constructor() {
    effectOnChange(this.item, (item) => this.reset(item));
  }

  protected get questions(): FormArray<QuestionForm> {
    return this.form.controls.questions;
  }

  protected get steps(): FormArray<StepForm> {
    return this.form.controls.steps;
  }

  protected get scriptQuestions(): FormArray<FormControl<string>> {
    return this.form.controls.scriptQuestions;
  }

  protected addStep(): void {
    this.steps.push(this.fb.group({ title: ['', Validators.required], prompt: [''] }));
  }

  protected removeStep(index: number): void {
    this.steps.removeAt(index);
  }

  protected addScriptQuestion(): void {
    this.scriptQuestions.push(this.fb.control('', Validators.required));
  }

  protected removeScriptQuestion(index: number): void {
    this.scriptQuestions.removeAt(index);
  }

  private reset(item: DraftItem): void {
    this.questions.clear();
    for (const question of item.questions ?? []) this.questions.push(this.question(question));
    this.steps.clear();
    for (const step of item.script?.steps ?? []) this.steps.push(this.fb.group({ title: [step.title, Validators.required], prompt: [step.prompt] }));
    this.scriptQuestions.clear();
    for (const question of item.script?.questions ?? []) this.scriptQuestions.push(this.fb.control(question, Validators.required));
    this.form.reset({
      title: item.title,
      body: item.body,
      reflectionQuestion: item.reflectionQuestion ?? '',
      postFirst: item.postFirst ?? true,
      minWords: item.minWords ?? 0,
      passPercent: item.passPercent ?? 70,
      showAnswers: item.showAnswers ?? DEFAULT_SHOW_ANSWERS,
    });
  }

  private question(question?: QuizQuestionDraft): QuestionForm {
    const options = question?.options ?? [
      { text: '', correct: true },
      { text: '', correct: false },
    ];
    return this.fb.group({
      id: [question?.id ?? ''],
      text: [question?.text ?? '', Validators.required],
      kind: [question?.kind ?? ('single' as 'single' | 'multiple')],
      explanation: [question?.explanation ?? ''],
      options: this.fb.array(options.map((option) => this.option(option))),
    });
  }

  private option(option?: { id?: string; text: string; correct: boolean }): OptionForm {
    return this.fb.group({ id: [option?.id ?? ''], text: [option?.text ?? '', Validators.required], correct: [option?.correct ?? false] });
  }

  protected addQuestion(): void {
    this.questions.push(this.question());
  }

  /** A question with words in it goes only after a confirmation (an empty one at once). */
  protected async removeQuestion(index: number): Promise<void> {
    const question = this.questions.at(index).getRawValue();
    const written = question.text.trim() || question.explanation.trim() || question.options.some((option) => option.text.trim());
    if (written && !(await this.confirm.ask({ title: `Remove question ${index + 1}?`, message: `“${question.text.trim() || 'Untitled question'}” and its options leave this quiz when you save it.`, confirm: 'Remove the question' }))) return;
    this.questions.removeAt(index);
    // Its Remove button went with it.
    focusWhenShown('hearth-item-editor [data-testid=add-question]', { from: null });
  }

  protected moveQuestion(index: number, by: -1 | 1): void {
    const control = this.questions.at(index);
    this.questions.removeAt(index);
    this.questions.insert(index + by, control);
  }

  protected addOption(question: QuestionForm): void {
    question.controls.options.push(this.option());
  }

  protected removeOption(question: QuestionForm, index: number): void {
    question.controls.options.removeAt(index);
  }

  /** A one-answer question keeps exactly one option marked right. */
  protected markCorrect(question: QuestionForm, index: number, correct: boolean): void {
    if (question.controls.kind.value === 'single' && correct) {
      question.controls.options.controls.forEach((option, i) => option.controls.correct.setValue(i === index));
    } else {
      question.controls.options.at(index).controls.correct.setValue(correct);
    }
  }

  protected save(): Promise<void> {
    return this.submission.submit(async () => {
      const value = this.form.getRawValue();
      const type = this.item().type;
      const request: UpdateItemRequest = { title: value.title, body: value.body };
      if (type === 'discussion') Object.assign(request, { reflectionQuestion: value.reflectionQuestion || null, postFirst: value.postFirst, minWords: value.minWords });
      if (type === 'quiz') {
        Object.assign(request, {
          passPercent: value.passPercent,
          showAnswers: value.showAnswers,
          questions: value.questions.map((question) => ({
            ...(question.id ? { id: question.id } : {}),
            text: question.text,
            kind: question.kind,
            explanation: question.explanation || null,
            options: question.options.map((option) => ({ ...(option.id ? { id: option.id } : {}), text: option.text, correct: option.correct })),
          })),
        });
      }
      if (type === 'script') request.script = { steps: value.steps, questions: value.scriptQuestions };
      this.saved.emit(await this.api.updateItem(this.item().id, request));
    });
  }
}
