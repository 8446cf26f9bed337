import type { FieldError, ScriptContent, ScriptStep, ScriptView } from '@hearth/contracts';
import { renderMarkdown, ValidationFailedError } from '@hearth/platform';

const MAX_STEPS = 30;
const MAX_QUESTIONS = 20;

/**
 * A script's steps and questions as they will be stored: trimmed, each checked (a step has
 * a title; a question is words). The API body and a course folder's front matter both come
 * through here, so a folder accepts what the API does.
 */
export function readScript(value: unknown, field = 'script'): { script: ScriptContent; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const report = (path: string, message: string) => problems.push({ field: path ? `${field}.${path}` : field, message });
  if (value === undefined || value === null) return { script: { steps: [], questions: [] }, problems };
  if (typeof value !== 'object' || Array.isArray(value)) {
    report('', 'A script is an object with steps and questions.');
    return { script: { steps: [], questions: [] }, problems };
  }
  const raw = value as Record<string, unknown>;
  for (const key of Object.keys(raw)) if (key !== 'steps' && key !== 'questions') report(key, `${key} is not part of a script (steps, questions).`);
  const steps: ScriptContent['steps'] = [];
  if (raw.steps !== undefined && !Array.isArray(raw.steps)) report('steps', 'steps is a list.');
  const rawSteps = Array.isArray(raw.steps) ? raw.steps : [];
  if (rawSteps.length > MAX_STEPS) report('steps', `At most ${MAX_STEPS} steps.`);
  rawSteps.slice(0, MAX_STEPS).forEach((step: unknown, i) => {
    const entry = (typeof step === 'object' && step !== null ? step : {}) as Record<string, unknown>;
    const title = typeof entry.title === 'string' ? entry.title.trim() : '';
    const prompt = typeof entry.prompt === 'string' ? entry.prompt.trim() : entry.prompt === undefined ? '' : null;
    if (!title || title.length > 200) report(`steps.${i}.title`, 'Each step has a title of 1 to 200 characters.');
    if (prompt === null) report(`steps.${i}.prompt`, 'A step’s prompt is Markdown text.');
    if (title && title.length <= 200 && prompt !== null) steps.push({ title, prompt });
  });
  const questions: string[] = [];
  if (raw.questions !== undefined && !Array.isArray(raw.questions)) report('questions', 'questions is a list.');
  const rawQuestions = Array.isArray(raw.questions) ? raw.questions : [];
  if (rawQuestions.length > MAX_QUESTIONS) report('questions', `At most ${MAX_QUESTIONS} questions.`);
  rawQuestions.slice(0, MAX_QUESTIONS).forEach((question: unknown, i) => {
    if (typeof question !== 'string' || !question.trim() || question.length > 1000) report(`questions.${i}`, 'Each question is text of 1 to 1000 characters.');
    else questions.push(question.trim());
  });
  return { script: { steps, questions }, problems };
}

/** The script from an API body, or a 400 naming each bad field. */
export function normaliseScript(value: unknown): ScriptContent {
  const { script, problems } = readScript(value);
  if (problems.length > 0) throw new ValidationFailedError(problems);
  return script;
}

/** What keeps a script from being published. */
export function scriptProblems(script: ScriptContent | null): string[] {
  return !script || script.steps.length === 0 ? ['The script has no steps.'] : [];
}

/** A script frozen in a published version, its prompts' Markdown rendered. */
export interface PublishedScript extends ScriptContent {
  steps: Array<ScriptStep & { promptHtml: string }>;
}

export function publishScript(script: ScriptContent): PublishedScript {
  return { steps: script.steps.map((step) => ({ ...step, promptHtml: renderMarkdown(step.prompt) })), questions: script.questions };
}

/** A published script as trainees read it. */
export function scriptView(script: PublishedScript): ScriptView {
  return { steps: script.steps.map((step) => ({ title: step.title, promptHtml: step.promptHtml })), questions: script.questions };
}
