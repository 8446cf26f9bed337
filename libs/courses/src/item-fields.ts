import { DEFAULT_SHOW_ANSWERS, type UpdateItemRequest } from '@hearth/contracts';
import { ValidationFailedError } from '@hearth/platform';
import type { ItemEntity } from './draft.entity';
import { normaliseQuestions } from './quiz';
import { normaliseScript } from './script';

export const DEFAULT_PASS_PERCENT = 70;

/** Which optional fields each type of item takes. */
export const TYPE_FIELDS = {
  lesson: [],
  discussion: ['reflectionQuestion', 'postFirst', 'minWords'],
  quiz: ['questions', 'passPercent', 'showAnswers'],
  script: ['script'],
} as const satisfies Record<ItemEntity['type'], ReadonlyArray<keyof UpdateItemRequest>>;

const ALL_TYPE_FIELDS = ['reflectionQuestion', 'postFirst', 'minWords', 'questions', 'passPercent', 'showAnswers', 'script'] as const;
const QUIZ_FIELDS: ReadonlySet<string> = new Set(TYPE_FIELDS.quiz);

/**
 * The fields that belong to an item's type, with their defaults on creation. A field of
 * another type is refused rather than silently dropped.
 */
export function itemFields(type: ItemEntity['type'], request: UpdateItemRequest, creating: boolean): Partial<ItemEntity> {
  const allowed = new Set<string>(TYPE_FIELDS[type]);
  const misplaced = ALL_TYPE_FIELDS.filter((field) => request[field] !== undefined && !allowed.has(field)).map((field) => ({
    field,
    message: `${field} is only for ${field === 'script' ? 'script' : QUIZ_FIELDS.has(field) ? 'quiz' : 'discussion'} items.`,
  }));
  if (misplaced.length > 0) throw new ValidationFailedError(misplaced);

  const fields: Partial<ItemEntity> = {};
  if (type === 'discussion') {
    if (request.reflectionQuestion !== undefined || creating) fields.reflectionQuestion = request.reflectionQuestion?.trim() || null;
    if (request.postFirst !== undefined || creating) fields.postFirst = request.postFirst ?? true;
    if (request.minWords !== undefined || creating) fields.minWords = request.minWords ?? 0;
  }
  if (type === 'quiz') {
    if (request.questions !== undefined || creating) fields.questions = normaliseQuestions(request.questions ?? []);
    if (request.passPercent !== undefined || creating) fields.passPercent = request.passPercent ?? DEFAULT_PASS_PERCENT;
    if (request.showAnswers !== undefined || creating) fields.showAnswers = request.showAnswers ?? DEFAULT_SHOW_ANSWERS;
  }
  if (type === 'script' && (request.script !== undefined || creating)) fields.script = normaliseScript(request.script);
  return fields;
}
