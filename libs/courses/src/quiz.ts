import { randomBytes } from 'node:crypto';
import type { QuizAnswer, QuizQuestionDraft, QuizQuestionReview, QuizQuestionView } from '@hearth/contracts';
import { renderInlineMarkdown, renderMarkdown, ValidationFailedError } from '@hearth/platform';

export interface StoredOption {
  id: string;
  text: string;
  correct: boolean;
}

/** A question as authored, answer key included. */
export interface StoredQuestion {
  id: string;
  text: string;
  kind: 'single' | 'multiple';
  options: StoredOption[];
  explanation: string | null;
}

/** A question frozen in a published version, its Markdown rendered. */
export interface PublishedQuestion extends StoredQuestion {
  textHtml: string;
  explanationHtml: string | null;
  options: Array<StoredOption & { textHtml: string }>;
}

const ID = /^[A-Za-z0-9_-]{1,40}$/;
const newId = () => randomBytes(4).toString('hex');

/**
 * Questions as they will be stored: trimmed, and every question and option with an id
 * that is unique where it needs to be (kept when the author's client sent one, so answers
 * and progress refer to the same question across edits).
 */
export function normaliseQuestions(drafts: QuizQuestionDraft[]): StoredQuestion[] {
  const questionIds = new Set<string>();
  return drafts.map((draft) => {
    const id = draft.id && ID.test(draft.id) && !questionIds.has(draft.id) ? draft.id : newId();
    questionIds.add(id);
    const optionIds = new Set<string>();
    return {
      id,
      text: draft.text.trim(),
      kind: draft.kind,
      explanation: draft.explanation?.trim() || null,
      options: draft.options.map((option) => {
        const optionId = option.id && ID.test(option.id) && !optionIds.has(option.id) ? option.id : newId();
        optionIds.add(optionId);
        return { id: optionId, text: option.text.trim(), correct: option.correct };
      }),
    };
  });
}

/** What keeps a quiz from being published, in words an author can act on. */
export function quizProblems(questions: StoredQuestion[] | null): string[] {
  if (!questions || questions.length === 0) return ['The quiz has no questions.'];
  const problems: string[] = [];
  questions.forEach((question, index) => {
    const label = `Question ${index + 1}`;
    if (!question.text) problems.push(`${label} has no text.`);
    if (question.options.length < 2) problems.push(`${label} needs at least two options.`);
    if (question.options.some((option) => !option.text)) problems.push(`${label} has an empty option.`);
    const correct = question.options.filter((option) => option.correct).length;
    if (question.kind === 'single' && correct !== 1) problems.push(`${label} (one answer) must have exactly one correct option, not ${correct}.`);
    if (question.kind === 'multiple' && correct === 0) problems.push(`${label} (several answers) needs at least one correct option.`);
  });
  return problems;
}

export function publishQuestions(questions: StoredQuestion[]): PublishedQuestion[] {
  return questions.map((question) => ({
    ...question,
    textHtml: renderInlineMarkdown(question.text),
    explanationHtml: question.explanation ? renderMarkdown(question.explanation) : null,
    options: question.options.map((option) => ({ ...option, textHtml: renderInlineMarkdown(option.text) })),
  }));
}

/** The questions a trainee sees: no `correct` flags, no explanations. */
export function questionViews(questions: PublishedQuestion[]): QuizQuestionView[] {
  return questions.map((question) => ({
    id: question.id,
    textHtml: question.textHtml,
    kind: question.kind,
    options: question.options.map((option) => ({ id: option.id, textHtml: option.textHtml })),
  }));
}

export interface Score {
  correctCount: number;
  questionCount: number;
  scorePercent: number;
  review: QuizQuestionReview[];
}

/**
 * Scores answers against the key. Every question must be answered once, with options of
 * that question, one option for a one-answer question; a question is right when exactly
 * its correct options were chosen.
 */
export function scoreAnswers(questions: PublishedQuestion[], answers: QuizAnswer[]): Score {
  const byQuestion = new Map(questions.map((question) => [question.id, question]));
  const problems: Array<{ field: string; message: string }> = [];
  const chosen = new Map<string, string[]>();
  answers.forEach((answer, index) => {
    const question = byQuestion.get(answer.questionId);
    const field = `answers.${index}`;
    if (!question) return void problems.push({ field, message: 'This question is not in the quiz.' });
    if (chosen.has(question.id)) return void problems.push({ field, message: 'This question is answered twice.' });
    const known = new Set(question.options.map((option) => option.id));
    const options = [...new Set(answer.optionIds)];
    if (options.some((id) => !known.has(id))) problems.push({ field, message: 'An option chosen is not one of this question’s.' });
    if (options.length === 0) problems.push({ field, message: 'Choose an answer.' });
    if (question.kind === 'single' && options.length > 1) problems.push({ field, message: 'This question takes one answer.' });
    chosen.set(question.id, options);
  });
  questions.forEach((question, index) => {
    if (!chosen.has(question.id)) problems.push({ field: 'answers', message: `Question ${index + 1} is not answered.` });
  });
  if (problems.length > 0) throw new ValidationFailedError(problems, 'Some answers are missing or do not fit the quiz.');

  const review = questions.map((question) => {
    const correctOptionIds = question.options.filter((option) => option.correct).map((option) => option.id);
    const chosenOptionIds = chosen.get(question.id)!;
    const correct = correctOptionIds.length === chosenOptionIds.length && correctOptionIds.every((id) => chosenOptionIds.includes(id));
    return { questionId: question.id, correct, chosenOptionIds, correctOptionIds, explanationHtml: question.explanationHtml };
  });
  const correctCount = review.filter((question) => question.correct).length;
  return { correctCount, questionCount: questions.length, scorePercent: Math.round((correctCount / questions.length) * 100), review };
}
