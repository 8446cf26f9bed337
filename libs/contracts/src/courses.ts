import type { UserSummary } from './identity';
import type { CompletionRequirement } from './progress';

export const COURSE_STATUSES = ['draft', 'published', 'archived'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

export const ITEM_TYPES = ['lesson', 'discussion', 'quiz', 'script'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** A person's part in one course: owners and authors write it, mentors review trainees. */
export const COURSE_ROLES = ['owner', 'author', 'mentor'] as const;
export type CourseRole = (typeof COURSE_ROLES)[number];

/** Lower-case words joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A slug from a title: lower-case words joined by hyphens, at most 60 characters ('' if none). */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

export interface CourseSummary {
  id: string;
  slug: string;
  title: string;
  summary: string;
  coverImageUrl: string | null;
  status: CourseStatus;
  /** The published version trainees see; null before the first publish. */
  version: number | null;
  publishedAt: string | null;
  /** My part in the course, when I have one. */
  myRole: CourseRole | null;
  enrolled: boolean;
  /** Staff only: the draft differs from the published version. */
  unpublishedChanges?: boolean;
}

export interface CreateCourseRequest {
  slug: string;
  title: string;
  summary: string;
  coverImageUrl?: string | null;
}

export type UpdateCourseRequest = Partial<CreateCourseRequest>;

export interface QuizOptionDraft {
  id?: string;
  text: string;
  correct: boolean;
}

/**
 * When a quiz shows its key (the right options and the author's explanations): only with a
 * pass (the default: trainees cannot fish for answers), or after every attempt.
 */
export const SHOW_ANSWERS = ['after-pass', 'after-each-attempt'] as const;
export type ShowAnswers = (typeof SHOW_ANSWERS)[number];
export const DEFAULT_SHOW_ANSWERS: ShowAnswers = 'after-pass';

export interface QuizQuestionDraft {
  id?: string;
  text: string;
  kind: 'single' | 'multiple';
  options: QuizOptionDraft[];
  explanation?: string | null;
}

/** One step of a practice session's script: what the trainee leading it does, in Markdown. */
export interface ScriptStep {
  title: string;
  prompt: string;
}

/**
 * A session script (a `script` item): the plan is the item's body; the steps are what the
 * trainee leading a practice session walks the group through, in order; the questions are
 * for the trainee's reflection afterwards.
 */
export interface ScriptContent {
  steps: ScriptStep[];
  questions: string[];
}

/** A script as trainees (and the chat's practice sessions) read it, Markdown rendered. */
export interface ScriptView {
  steps: Array<{ title: string; promptHtml: string }>;
  questions: string[];
}

export interface CreateItemRequest {
  type: ItemType;
  title: string;
  slug?: string;
  /** Markdown: the lesson, the discussion's prompt, or the quiz's introduction. */
  body: string;
  reflectionQuestion?: string | null;
  postFirst?: boolean;
  minWords?: number;
  questions?: QuizQuestionDraft[];
  passPercent?: number;
  /** Quizzes: when the key is shown (default `after-pass`). */
  showAnswers?: ShowAnswers;
  /** Scripts: the steps and reflection questions. */
  script?: ScriptContent;
  /** 1-based place in its module; the end when absent. */
  position?: number;
}

export interface UpdateItemRequest extends Partial<Omit<CreateItemRequest, 'type'>> {
  /** Move the item to another module of the same course. */
  moduleId?: string;
}

export interface CreateModuleRequest {
  title: string;
  slug?: string;
  position?: number;
}

export type UpdateModuleRequest = Partial<CreateModuleRequest>;

/** An item as its authors edit it: the draft, answer key included. */
export interface DraftItem {
  id: string;
  moduleId: string;
  slug: string;
  type: ItemType;
  title: string;
  position: number;
  body: string;
  bodyHtml: string;
  reflectionQuestion: string | null;
  postFirst: boolean | null;
  minWords: number | null;
  passPercent: number | null;
  showAnswers: ShowAnswers | null;
  questions: Required<QuizQuestionDraft>[] | null;
  script: ScriptContent | null;
  /** Never published, or changed since the last publish. */
  changed: boolean;
  /** What keeps the item from being published, if anything. */
  problems: string[];
}

export interface DraftModule {
  id: string;
  slug: string;
  title: string;
  position: number;
  items: DraftItem[];
}

export interface CourseDraft extends CourseSummary {
  modules: DraftModule[];
  staff: CourseStaffMember[];
  /** What will complete the course once this draft is published. */
  requirements: CompletionRequirement[];
}

export interface CourseStaffMember extends UserSummary {
  role: CourseRole;
}

export interface OutlineItem {
  id: string;
  type: ItemType;
  title: string;
  slug: string;
  /** Mine, when signed in and enrolled. */
  state?: ItemState;
}

export interface OutlineModule {
  id: string;
  slug: string;
  title: string;
  items: OutlineItem[];
}

export const ITEM_STATES = ['not_started', 'viewed', 'answered', 'passed'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

/** When an item counts as done: a lesson or a script once read, a quiz once passed, a discussion once answered. */
export function isItemDone(type: ItemType, state: ItemState): boolean {
  if (type === 'lesson' || type === 'script') return state !== 'not_started';
  if (type === 'quiz') return state === 'passed';
  return state === 'answered';
}

export interface Enrollment {
  id: string;
  courseId: string;
  enrolledAt: string;
  /** The version published when I enrolled. */
  version: number;
}

/** A published course as trainees see it. */
export interface CourseOutline extends CourseSummary {
  modules: OutlineModule[];
  authors: UserSummary[];
  enrollment: Enrollment | null;
  progress: { done: number; total: number } | null;
}

export interface QuizOptionView {
  id: string;
  textHtml: string;
}

export interface QuizQuestionView {
  id: string;
  textHtml: string;
  kind: 'single' | 'multiple';
  options: QuizOptionView[];
}

/** A published item, as an enrolled trainee reads it. Quiz questions come without their key. */
export interface ItemView {
  id: string;
  courseId: string;
  courseSlug: string;
  courseTitle: string;
  moduleId: string;
  moduleTitle: string;
  type: ItemType;
  title: string;
  bodyHtml: string;
  reflectionQuestion: string | null;
  postFirst: boolean | null;
  minWords: number | null;
  passPercent: number | null;
  /** Quizzes: when this quiz shows its key. */
  showAnswers: ShowAnswers | null;
  questions: QuizQuestionView[] | null;
  script: ScriptView | null;
  version: number;
  previous: { id: string; title: string } | null;
  next: { id: string; title: string } | null;
  state: ItemState;
  /** A refresher asks me to do it again: open a lesson again, pass a quiz again, write my answer again. */
  redo: boolean;
  /** False for staff previewing a course they are not enrolled in. */
  enrolled: boolean;
}

export interface QuizAnswer {
  questionId: string;
  optionIds: string[];
}

export interface QuizAttemptRequest {
  answers: QuizAnswer[];
}

export interface QuizQuestionReview {
  questionId: string;
  correct: boolean;
  chosenOptionIds: string[];
  correctOptionIds: string[];
  explanationHtml: string | null;
}

export interface QuizAttemptResult {
  id: string;
  scorePercent: number;
  passed: boolean;
  correctCount: number;
  questionCount: number;
  passPercent: number;
  createdAt: string;
  /**
   * Per question of this attempt: right or not. The key (`correctOptionIds`) and the
   * author's explanations only with a pass, or after any attempt when the quiz says
   * `after-each-attempt`; null for earlier attempts listed.
   */
  review: QuizQuestionReview[] | null;
  /** When this attempt was a pass: whether the course is now complete (so the page can say so). */
  courseCompleted?: boolean;
}

export interface PublishRequest {
  note?: string;
  /**
   * Holders of the roles built on the course must redo what changed since the version
   * before (new items, and items whose text, question or quiz changed) within this many days.
   */
  recertify?: { days: number };
}

/** Recertification's deadline: from 1 to 365 days. */
export const RECERTIFY_DAYS = { min: 1, max: 365 } as const;

export interface CourseVersionSummary {
  version: number;
  note: string | null;
  /** Published asking holders to redo what changed: how many items, within how many days. */
  recertify: { days: number; items: number } | null;
  publishedAt: string;
  publishedBy: UserSummary | null;
}

export interface MarkdownPreviewRequest {
  markdown: string;
}

export interface MarkdownPreview {
  html: string;
  /** Counted as a reply's words are counted for `minWords`. */
  wordCount: number;
}

/** Every problem found in a course folder, each with where it is. */
export interface FolderProblem {
  file: string;
  line: number | null;
  message: string;
}

export interface ImportResult {
  course: CourseSummary;
  created: boolean;
  modules: number;
  items: number;
}

/** A course I am enrolled in, as my learning page shows it: how far, and the next step. */
export interface LearningCourse {
  courseId: string;
  slug: string;
  title: string;
  enrolledAt: string;
  done: number;
  total: number;
  completedAt: string | null;
  /** The first item not done yet; null when every item is. */
  next: { id: string; title: string; type: ItemType } | null;
}

export interface MyLearning {
  /** Courses in progress first (the most recently enrolled first), then those completed. */
  courses: LearningCourse[];
}
