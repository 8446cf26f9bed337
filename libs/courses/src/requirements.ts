import { type CompletionRequirement, type FieldError, type ItemType, REQUIREMENT_KINDS, type RequirementKind, SESSION_KIND_PATTERN } from '@hearth/contracts';

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
    } else {
      keep({ kind }, index);
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

/** What stops these requirements from being met in a course with these items (checked when publishing). */
export function requirementProblems(requirements: CompletionRequirement[], items: Array<{ type: ItemType }>): FieldError[] {
  const discussions = items.filter((item) => item.type === 'discussion').length;
  const problems: FieldError[] = [];
  if (requirements.length === 0) problems.push({ field: 'requirements', message: 'The course has no completion requirements, so nobody could complete it.' });
  requirements.forEach((requirement, index) => {
    if ((requirement.kind === 'discussions_answered' || requirement.kind === 'answers_accepted') && requirement.atLeast !== undefined && requirement.atLeast > discussions) {
      problems.push({
        field: `requirements.${index}.atLeast`,
        message: `${requirement.kind} asks for ${requirement.atLeast} discussions, but the course has ${discussions}.`,
      });
    }
  });
  return problems;
}
