import { type CompletionRequirement, type FieldError, type ItemType, type PracticumRubric, REQUIREMENT_KINDS, type RequirementKind, SESSION_KIND_PATTERN, SLUG_PATTERN } from '@hearth/contracts';

const MAX_CRITERIA = 12;
const MAX_CRITERION_SCORE = 100;

const MAX_REQUIREMENTS = 12;

/**
 * Completion requirements as sent by authors (API body or `requirements:` in course.yaml),
 * checked field by field. The same reader serves both, so a folder accepts exactly what
 * the API does. Problems name their place (`requirements.1.atLeast`).
 */
export function readRequirements(value: unknown, field = 'requirements'): { requirements: CompletionRequirement[]; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const report = (path: string, message: string) => problems.push({ field: path ? `${field}.${path}` : field, message });
  if (!Array.isArray(value)) {
    report('', 'Requirements are a list; an empty list means the course cannot be completed.');
    return { requirements: [], problems };
  }
  if (value.length > MAX_REQUIREMENTS) report('', `At most ${MAX_REQUIREMENTS} requirements.`);
  const requirements: CompletionRequirement[] = [];
  const places: number[] = [];
  const keep = (requirement: CompletionRequirement, index: number) => {
    requirements.push(requirement);
    places.push(index);
  };
  value.slice(0, MAX_REQUIREMENTS).forEach((entry: unknown, index) => {
    const at = (key?: string) => (key ? `${index}.${key}` : String(index));
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      report(at(), 'Each requirement is an object with a kind.');
      return;
    }
    const raw = entry as Record<string, unknown>;
    const kind = raw.kind as RequirementKind;
    if (!REQUIREMENT_KINDS.includes(kind)) {
      report(at('kind'), `kind must be one of ${REQUIREMENT_KINDS.join(', ')}.`);
      return;
    }
    const allowed: Record<RequirementKind, string[]> = {
      lessons_viewed: [],
      discussions_answered: ['atLeast'],
      answers_accepted: ['atLeast'],
      quizzes_passed: [],
      sessions_attended: ['sessionKind', 'atLeast', 'minutes'],
      mentor_signoff: [],
      practicum: ['atLeast', 'rubric'],
    };
    for (const key of Object.keys(raw)) {
      if (key !== 'kind' && !allowed[kind].includes(key)) report(at(key), `${key} is not a setting of ${kind}.`);
    }
    const count = (key: string, max: number, required: boolean): number | undefined => {
      const n = raw[key];
      if (n === undefined || n === null) {
        if (required) report(at(key), `${kind} needs ${key}.`);
        return undefined;
      }
      if (!Number.isInteger(n) || (n as number) < 1 || (n as number) > max) {
        report(at(key), `${key} must be a whole number from 1 to ${max}.`);
        return undefined;
      }
      return n as number;
    };
    if (kind === 'discussions_answered' || kind === 'answers_accepted') {
      const atLeast = count('atLeast', 1000, false);
      keep(atLeast === undefined ? { kind } : { kind, atLeast }, index);
    } else if (kind === 'sessions_attended') {
      const sessionKind = raw.sessionKind;
      if (typeof sessionKind !== 'string' || !SESSION_KIND_PATTERN.test(sessionKind) || sessionKind.length > 40) {
        report(at('sessionKind'), 'sessionKind is the kind of live session, in lower-case words joined by hyphens (support-session).');
      }
      const atLeast = count('atLeast', 100, true);
      const minutes = count('minutes', 1440, true);
      if (typeof sessionKind === 'string' && atLeast !== undefined && minutes !== undefined) keep({ kind, sessionKind, atLeast, minutes }, index);
    } else if (kind === 'practicum') {
      const atLeast = count('atLeast', 100, true);
      const rubric = readRubric(raw.rubric, (path, message) => report(at(path ? `rubric.${path}` : 'rubric'), message));
      if (atLeast !== undefined && rubric) keep({ kind, atLeast, rubric }, index);
    } else {
      keep({ kind: kind as 'lessons_viewed' | 'quizzes_passed' | 'mentor_signoff' }, index);
    }
  });
  // Two requirements of one kind would contradict or repeat each other; sessions differ by their kind.
  const seen = new Set<string>();
  requirements.forEach((requirement, index) => {
    const key = requirement.kind === 'sessions_attended' ? `${requirement.kind}:${requirement.sessionKind}` : requirement.kind;
    if (seen.has(key)) report(`${places[index]}.kind`, `${requirement.kind} is listed twice.`);
    seen.add(key);
  });
  return { requirements, problems };
}

/**
 * A practicum's rubric: 1 to 12 criteria, each with a key unique in the rubric (lower-case
 * words joined by hyphens), a label and a whole `maxScore` from 1 to 100, and a `passScore`
 * the criteria can reach. Null when anything is wrong (each problem reported).
 */
export function readRubric(value: unknown, report: (path: string, message: string) => void): PracticumRubric | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    report('', 'practicum needs a rubric: { criteria: [{ key, label, maxScore }], passScore }.');
    return null;
  }
  const raw = value as Record<string, unknown>;
  let ok = true;
  const fail = (path: string, message: string) => {
    ok = false;
    report(path, message);
  };
  for (const key of Object.keys(raw)) if (key !== 'criteria' && key !== 'passScore') fail(key, `${key} is not part of a rubric (criteria, passScore).`);
  const criteria: PracticumRubric['criteria'] = [];
  if (!Array.isArray(raw.criteria) || raw.criteria.length === 0 || raw.criteria.length > MAX_CRITERIA) {
    fail('criteria', `A rubric has 1 to ${MAX_CRITERIA} criteria.`);
  } else {
    const keys = new Set<string>();
    raw.criteria.forEach((entry: unknown, i) => {
      const criterion = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
      for (const key of Object.keys(criterion)) {
        if (!['key', 'label', 'description', 'maxScore'].includes(key)) fail(`criteria.${i}.${key}`, `${key} is not part of a criterion (key, label, description, maxScore).`);
      }
      const { key, label, description, maxScore } = criterion;
      if (typeof key !== 'string' || !SLUG_PATTERN.test(key) || key.length > 40) fail(`criteria.${i}.key`, 'A criterion’s key is lower-case words joined by hyphens (opening), at most 40 characters.');
      else if (keys.has(key)) fail(`criteria.${i}.key`, `The key ${key} is used twice.`);
      if (typeof key === 'string') keys.add(key);
      if (typeof label !== 'string' || !label.trim() || label.length > 120) fail(`criteria.${i}.label`, 'A criterion has a label of 1 to 120 characters.');
      if (description !== undefined && (typeof description !== 'string' || description.length > 1000)) fail(`criteria.${i}.description`, 'A description is text of at most 1000 characters.');
      if (!Number.isInteger(maxScore) || (maxScore as number) < 1 || (maxScore as number) > MAX_CRITERION_SCORE) {
        fail(`criteria.${i}.maxScore`, `maxScore must be a whole number from 1 to ${MAX_CRITERION_SCORE}.`);
      }
      criteria.push({
        key: key as string,
        label: typeof label === 'string' ? label.trim() : '',
        ...(typeof description === 'string' && description.trim() ? { description: description.trim() } : {}),
        maxScore: maxScore as number,
      });
    });
  }
  const most = ok ? criteria.reduce((sum, criterion) => sum + criterion.maxScore, 0) : Infinity;
  const passScore = raw.passScore;
  if (!Number.isInteger(passScore) || (passScore as number) < 1) fail('passScore', 'passScore is a whole number of at least 1: the total a passing session needs.');
  else if ((passScore as number) > most) fail('passScore', `passScore is ${passScore as number}, but the criteria add up to ${most}.`);
  return ok ? { criteria, passScore: passScore as number } : null;
}

/** What stops these requirements from being met in a course with these items (checked when publishing). */
export function requirementProblems(requirements: CompletionRequirement[], items: Array<{ type: ItemType }>): FieldError[] {
  const discussions = items.filter((item) => item.type === 'discussion').length;
  const scripts = items.filter((item) => item.type === 'script').length;
  const problems: FieldError[] = [];
  if (requirements.length === 0) problems.push({ field: 'requirements', message: 'The course has no completion requirements, so nobody could complete it.' });
  requirements.forEach((requirement, index) => {
    if ((requirement.kind === 'discussions_answered' || requirement.kind === 'answers_accepted') && requirement.atLeast !== undefined && requirement.atLeast > discussions) {
      problems.push({
        field: `requirements.${index}.atLeast`,
        message: `${requirement.kind} asks for ${requirement.atLeast} discussions, but the course has ${discussions}.`,
      });
    }
    if (requirement.kind === 'practicum' && scripts === 0) {
      problems.push({ field: `requirements.${index}.kind`, message: 'The practicum needs a script item for trainees to lead their practice sessions from.' });
    }
  });
  return problems;
}
