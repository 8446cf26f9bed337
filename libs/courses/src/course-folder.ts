import { type CompletionRequirement, DEFAULT_REQUIREMENTS, DEFAULT_SHOW_ANSWERS, type FolderProblem, type ItemType, type QuizQuestionDraft, type ScriptContent, type ShowAnswers } from '@hearth/contracts';
import { type Files, ValidationFailedError, validateInput } from '@hearth/platform';
import { Document, isMap, LineCounter, parseDocument, stringify, visit } from 'yaml';
import { CreateCourseDto, CreateItemDto } from './courses.dto';
import { TYPE_FIELDS } from './item-fields';
import { normaliseQuestions, quizProblems } from './quiz';
import { readRequirements } from './requirements';
import { readScript, scriptProblems } from './script';

/**
 * A course as a folder of Markdown files, for writing courses in an editor and keeping
 * them in git:
 *
 *   course.yaml                 slug, title, summary, coverImageUrl?, and modules: { slug: title },
 *                               in reading order (a module with no items has no folder)
 *   01-first-module/            NN-module-slug, numbered in that order
 *     01-welcome.md             NN-item-slug.md: YAML front matter, then the Markdown body
 *     02-your-room.md
 *
 * Front matter holds the item's `type` and `title`, and for a discussion its
 * `reflectionQuestion`, `postFirst` and `minWords`, for a quiz its `passPercent`, when it
 * shows its key (`showAnswers: after-each-attempt`; left out, after a pass) and
 * `questions` (each with `text`, `kind: single|multiple`, `options` of `text` and
 * `correct: true`, and an optional `explanation`). The body is the lesson, the prompt, or
 * the quiz's introduction.
 *
 * Reading checks everything with the same rules as the API and reports every problem with
 * its file and line; when the course is to be published, it also checks that every item is
 * ready (a discussion has its question, a quiz right answers). Writing produces exactly what
 * reading accepts.
 */
export interface FolderCourse {
  slug: string;
  title: string;
  summary: string;
  coverImageUrl: string | null;
  /** Absent from course.yaml: every item done (DEFAULT_REQUIREMENTS). */
  requirements: CompletionRequirement[];
  modules: FolderModule[];
}

export interface FolderModule {
  slug: string;
  title: string;
  items: FolderItem[];
}

export interface FolderItem {
  /** The file it was read from (ignored when writing). */
  file?: string;
  slug: string;
  type: ItemType;
  title: string;
  body: string;
  reflectionQuestion?: string | null;
  postFirst?: boolean;
  minWords?: number;
  passPercent?: number;
  showAnswers?: ShowAnswers;
  questions?: QuizQuestionDraft[];
  script?: ScriptContent;
}

const COURSE_FILE = 'course.yaml';
const MODULE_FOLDER = /^(\d{1,3})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
const ITEM_FILE = /^(\d{1,3})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;
const COURSE_KEYS = ['slug', 'title', 'summary', 'coverImageUrl', 'requirements', 'modules'];

export async function readCourseFolder(
  files: Files,
  options: { publishing?: boolean } = {},
): Promise<{ course: FolderCourse | null; problems: FolderProblem[] }> {
  const problems: FolderProblem[] = [];
  const report = (file: string, line: number | null, message: string) => problems.push({ file, line, message });

  const courseText = files.get(COURSE_FILE);
  let head: CourseYaml | null = null;
  if (!courseText) report(COURSE_FILE, null, 'The folder has no course.yaml.');
  else head = await readCourseYaml(courseText.toString('utf8'), report);

  // Group the files into module folders, in the order their numbers give.
  const folders = new Map<string, { order: number; slug: string; files: Array<{ order: number; slug: string; path: string }> }>();
  for (const path of [...files.keys()].sort()) {
    if (path === COURSE_FILE || path.split('/').some((part) => part.startsWith('.'))) continue;
    const parts = path.split('/');
    const folder = parts.length === 2 ? MODULE_FOLDER.exec(parts[0]) : null;
    const file = parts.length === 2 ? ITEM_FILE.exec(parts[1]) : null;
    if (!folder || !file) {
      report(path, null, parts.length === 2 && folder
        ? 'Item files are named NN-item-slug.md, like 01-welcome.md.'
        : 'Not part of a course folder: expected course.yaml and NN-module-slug/NN-item-slug.md files.');
      continue;
    }
    const entry = folders.get(parts[0]) ?? { order: Number(folder[1]), slug: folder[2], files: [] };
    entry.files.push({ order: Number(file[1]), slug: file[2], path });
    folders.set(parts[0], entry);
  }

  const sortedFolders = [...folders.entries()].sort(([, a], [, b]) => a.order - b.order);
  checkUnique(sortedFolders.map(([name, f]) => ({ where: name, key: String(f.order) })), 'Two module folders have the number', report);
  checkUnique(sortedFolders.map(([name, f]) => ({ where: name, key: f.slug })), 'Two module folders have the slug', report);
  const itemSlugs: Array<{ where: string; key: string }> = [];

  const folderOf = new Map(sortedFolders.map(([name, folder]) => [folder.slug, { name, ...folder }]));
  for (const [name, folder] of sortedFolders) {
    if (head && !head.titles.has(folder.slug)) report(COURSE_FILE, null, `The folder ${name} has no title under modules: in course.yaml (add "${folder.slug}: Its title").`);
  }

  // Modules come in the order course.yaml lists them; folders are numbered in that order.
  const modules: FolderModule[] = [];
  let previous: { name: string; order: number } | null = null;
  for (const [slug, { title, line }] of head?.titles ?? []) {
    const folder = folderOf.get(slug);
    if (folder && previous && folder.order <= previous.order) {
      report(COURSE_FILE, line, `The folder ${folder.name} must be numbered after ${previous.name}: folders follow the order of modules: here.`);
    }
    if (folder) previous = { name: folder.name, order: folder.order };
    const sortedFiles = (folder?.files ?? []).sort((a, b) => a.order - b.order);
    checkUnique(sortedFiles.map((f) => ({ where: f.path, key: String(f.order) })), 'Two items in this module have the number', report);
    sortedFiles.forEach((f) => itemSlugs.push({ where: f.path, key: f.slug }));
    const items: FolderItem[] = [];
    for (const f of sortedFiles) {
      const item = await readItemFile(f.path, f.slug, files.get(f.path)!.toString('utf8'), options.publishing ?? false, report);
      if (item) items.push(item);
    }
    modules.push({ slug, title, items });
  }
  checkUnique(itemSlugs, 'Two items of the course have the slug', report);
  if (options.publishing && head && modules.every((module) => module.items.length === 0) && problems.length === 0) {
    report(COURSE_FILE, null, 'The course has no items to publish: add NN-module-slug/NN-item-slug.md files.');
  }

  problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  if (problems.length > 0 || !head?.course) return { course: null, problems };
  return { course: { ...head.course, modules }, problems };
}

type Report = (file: string, line: number | null, message: string) => void;

async function readCourseYaml(text: string, report: Report): Promise<CourseYaml | null> {
  const yaml = parseYaml(COURSE_FILE, text, 0, report);
  if (!yaml) return null;
  const { data, lineOf } = yaml;
  for (const key of Object.keys(data)) {
    if (!COURSE_KEYS.includes(key)) report(COURSE_FILE, lineOf([key]), `${key} is not a course setting (expected ${COURSE_KEYS.join(', ')}).`);
  }
  const fields = { slug: data.slug, title: data.title, summary: data.summary ?? '', coverImageUrl: data.coverImageUrl ?? null };
  const valid = await validated(CreateCourseDto, fields, COURSE_FILE, lineOf, 1, report);

  const titles = new Map<string, { title: string; line: number }>();
  if (!isPlainObject(data.modules)) {
    report(COURSE_FILE, lineOf(['modules']), 'modules: must map each module folder’s slug to its title.');
  } else {
    for (const [slug, title] of Object.entries(data.modules)) {
      if (typeof title !== 'string' || !title.trim()) report(COURSE_FILE, lineOf(['modules', slug]), `The module ${slug} needs a title.`);
      else titles.set(slug, { title: title.trim(), line: lineOf(['modules', slug]) ?? 1 });
    }
  }
  const read = readRequirements(data.requirements ?? DEFAULT_REQUIREMENTS);
  for (const problem of read.problems) {
    const path = problem.field.split('.').slice(1).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    report(COURSE_FILE, lineOf(['requirements', ...path]) ?? lineOf(['requirements']), problem.message);
  }
  const course =
    valid && read.problems.length === 0
      ? { slug: valid.slug, title: valid.title, summary: valid.summary, coverImageUrl: valid.coverImageUrl ?? null, requirements: read.requirements }
      : null;
  return { course, titles };
}

interface CourseYaml {
  /** Null when its settings have problems (reported). */
  course: Omit<FolderCourse, 'modules'> | null;
  titles: Map<string, { title: string; line: number }>;
}

async function readItemFile(path: string, slug: string, text: string, publishing: boolean, report: Report): Promise<FolderItem | null> {
  const match = /^---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)([\s\S]*)$/.exec(text);
  if (!match) {
    report(path, 1, 'The file must start with front matter between --- lines (type and title at least).');
    return null;
  }
  // Front matter starts on the file's second line.
  const yaml = parseYaml(path, match[1], 1, report);
  if (!yaml) return null;
  const { data, lineOf } = yaml;
  const type = data.type as ItemType;
  if (!['lesson', 'discussion', 'quiz', 'script'].includes(type)) {
    report(path, lineOf(['type']) ?? 2, 'type must be lesson, discussion, quiz or script.');
    return null;
  }
  const allowed = ['type', 'title', ...TYPE_FIELDS[type]];
  for (const key of Object.keys(data)) {
    if (!allowed.includes(key)) report(path, lineOf([key]), `${key} is not a setting of a ${type} (expected ${allowed.join(', ')}).`);
  }
  const fields = Object.fromEntries(allowed.filter((key) => data[key] !== undefined).map((key) => [key, data[key]]));
  // In a file an option is wrong unless marked `correct: true`.
  if (Array.isArray(fields.questions)) fields.questions = fields.questions.map(withDefaultCorrect);
  const body = match[2].replace(/^(\r?\n)+/, '').replace(/\s+$/, '');
  const valid = await validated(CreateItemDto, { ...fields, slug, body }, path, lineOf, 2, report);
  const script = type === 'script' ? readScript(fields.script) : null;
  for (const problem of script?.problems ?? []) {
    const at = problem.field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    report(path, lineOf(at) ?? lineOf(['script']) ?? 2, problem.message);
  }
  if (publishing && script && script.problems.length === 0) for (const problem of scriptProblems(script.script)) report(path, lineOf(['script']) ?? 2, problem);

  if (publishing && type === 'discussion' && !String(fields.reflectionQuestion ?? '').trim()) {
    report(path, lineOf(['reflectionQuestion']) ?? 2, 'A discussion needs a reflectionQuestion before it is published.');
  }
  const questions = type === 'quiz' ? questionShapes(fields.questions) : null;
  if (publishing && type === 'quiz' && (questions || !fields.questions)) {
    for (const problem of quizProblems(normaliseQuestions(questions ?? []))) report(path, lineOf(['questions']) ?? 2, problem);
  }
  if (!valid || (script && script.problems.length > 0)) return null;
  return {
    file: path,
    slug,
    type,
    title: valid.title,
    body,
    ...(type === 'discussion' ? { reflectionQuestion: valid.reflectionQuestion ?? null, postFirst: valid.postFirst ?? true, minWords: valid.minWords ?? 0 } : {}),
    // A file that says nothing of showAnswers has the default (so removing the line resets it).
    ...(type === 'quiz' ? { passPercent: valid.passPercent, showAnswers: valid.showAnswers ?? DEFAULT_SHOW_ANSWERS, questions: valid.questions } : {}),
    ...(script ? { script: script.script } : {}),
  };
}

interface ParsedYaml {
  data: Record<string, any>;
  /** The file line of the node at a path (`['questions', 0, 'text']`), if it is there. */
  lineOf: (path: Array<string | number>) => number | null;
}

function parseYaml(file: string, text: string, lineOffset: number, report: Report): ParsedYaml | null {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number) => lineCounter.linePos(offset).line + lineOffset;
  if (doc.errors.length > 0) {
    for (const error of doc.errors) report(file, at(error.pos[0]), `YAML: ${error.message.split('\n')[0]}`);
    return null;
  }
  if (!isMap(doc.contents)) {
    report(file, 1 + lineOffset, 'Expected settings as "key: value" lines.');
    return null;
  }
  const lineOf = (path: Array<string | number>) => {
    for (let depth = path.length; depth > 0; depth--) {
      const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return at(node.range[0]);
    }
    return null;
  };
  return { data: doc.toJS() as Record<string, any>, lineOf };
}

/**
 * Runs the API's validation on values read from a file, reporting each field at its line
 * (a missing setting once, at the top of the settings).
 */
async function validated<T extends object>(
  type: new () => T,
  value: Record<string, unknown>,
  file: string,
  lineOf: ParsedYaml['lineOf'],
  firstLine: number,
  report: Report,
): Promise<T | null> {
  try {
    return await validateInput(type, value);
  } catch (error) {
    if (!(error instanceof ValidationFailedError)) throw error;
    const missing = new Set<string>();
    for (const { field, message } of error.fieldErrors) {
      const path = field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
      if (value[path[0]] === undefined) {
        if (!missing.has(String(path[0]))) report(file, firstLine, `${path[0]} is missing.`);
        missing.add(String(path[0]));
      } else report(file, lineOf(path) ?? firstLine, message);
    }
    return null;
  }
}

function withDefaultCorrect(question: unknown): unknown {
  if (!isPlainObject(question) || !Array.isArray(question.options)) return question;
  return { ...question, options: question.options.map((option) => (isPlainObject(option) && option.correct === undefined ? { ...option, correct: false } : option)) };
}

/** Questions whose shape is right enough to check as a quiz, even if some values are not. */
function questionShapes(value: unknown): QuizQuestionDraft[] | null {
  if (!Array.isArray(value)) return null;
  const shaped = value.every(
    (q) => isPlainObject(q) && typeof q.text === 'string' && Array.isArray(q.options) && q.options.every((o) => isPlainObject(o) && typeof o.text === 'string'),
  );
  return shaped ? (value as QuizQuestionDraft[]) : null;
}

function checkUnique(entries: Array<{ where: string; key: string }>, message: string, report: Report): void {
  const seen = new Map<string, string>();
  for (const { where, key } of entries) {
    const first = seen.get(key);
    if (first) report(where, null, `${message} ${key} (also ${first}).`);
    else seen.set(key, where);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The folder for a course: exactly what readCourseFolder reads back. */
export function writeCourseFolder(course: FolderCourse): Files {
  const files: Files = new Map();
  const number = (n: number) => String(n).padStart(2, '0');
  files.set(
    COURSE_FILE,
    Buffer.from(
      yaml({
        slug: course.slug,
        title: course.title,
        summary: course.summary,
        ...(course.coverImageUrl ? { coverImageUrl: course.coverImageUrl } : {}),
        requirements: course.requirements.map(inFolderOrder),
        modules: Object.fromEntries(course.modules.map((module) => [module.slug, module.title])),
      }),
    ),
  );
  course.modules.forEach((module, m) => {
    module.items.forEach((item, i) => {
      const front: Record<string, unknown> = { type: item.type, title: item.title };
      if (item.type === 'discussion') Object.assign(front, { reflectionQuestion: item.reflectionQuestion, postFirst: item.postFirst, minWords: item.minWords });
      if (item.type === 'quiz') {
        front.passPercent = item.passPercent;
        if (item.showAnswers && item.showAnswers !== DEFAULT_SHOW_ANSWERS) front.showAnswers = item.showAnswers;
        front.questions = (item.questions ?? []).map((question) => ({
          text: question.text,
          kind: question.kind,
          options: question.options.map((option) => (option.correct ? { text: option.text, correct: true } : { text: option.text })),
          ...(question.explanation ? { explanation: question.explanation } : {}),
        }));
      }
      if (item.type === 'script') {
        front.script = {
          steps: (item.script?.steps ?? []).map((step) => (step.prompt ? { title: step.title, prompt: step.prompt } : { title: step.title })),
          ...(item.script?.questions.length ? { questions: item.script.questions } : {}),
        };
      }
      const body = item.body.replace(/\s+$/, '');
      files.set(`${number(m + 1)}-${module.slug}/${number(i + 1)}-${item.slug}.md`, Buffer.from(`---\n${yaml(front)}---\n${body ? `\n${body}\n` : ''}`));
    });
  });
  return files;
}

/**
 * A requirement with its settings in the order a person writes them (the database keeps
 * JSON with its keys reordered), so an exported folder reads as the one imported.
 */
function inFolderOrder(requirement: CompletionRequirement): CompletionRequirement {
  switch (requirement.kind) {
    case 'sessions_attended':
      return { kind: requirement.kind, sessionKind: requirement.sessionKind, atLeast: requirement.atLeast, minutes: requirement.minutes };
    case 'practicum':
      return {
        kind: requirement.kind,
        atLeast: requirement.atLeast,
        rubric: {
          criteria: requirement.rubric.criteria.map(({ key, label, description, maxScore }) => ({ key, label, ...(description ? { description } : {}), maxScore })),
          passScore: requirement.rubric.passScore,
        },
      };
    default:
      return requirement;
  }
}

/**
 * YAML as a person would write it: plain values where possible, and a literal block
 * (`|-`) for long text that would otherwise need quotes and escapes.
 */
function yaml(value: unknown): string {
  const doc = new Document(value);
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string') return;
      const needsQuotes = /^['"]/.test(stringify(node.value, { lineWidth: 0 }));
      if (node.value.includes('\n') || (needsQuotes && node.value.length > 60)) node.type = 'BLOCK_LITERAL';
    },
  });
  return doc.toString({ lineWidth: 0, minContentWidth: 0 });
}
