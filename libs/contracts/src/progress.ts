import type { ItemState, ItemType } from './courses';
import type { RefresherCause } from './credentials';
import type { UserSummary } from './identity';
import type { ReviewStatus } from './discussions';
import type { FieldError } from './problem';

/** One thing a mentor scores in a practice session, from 0 to `maxScore`. */
export interface RubricCriterion {
  /** Lower-case words joined by hyphens, unique in the rubric (`opening`). */
  key: string;
  label: string;
  description?: string;
  maxScore: number;
}

/** How a practicum's sessions are scored: its criteria, and the total a passing session needs. */
export interface PracticumRubric {
  criteria: RubricCriterion[];
  passScore: number;
}

/**
 * What completes a course, set by its authors and published with each version. Every one
 * of a course's requirements must be met.
 */
export type CompletionRequirement =
  /** Every lesson opened. */
  | { kind: 'lessons_viewed' }
  /** An answer that counts (long enough, not removed) to every discussion, or to at least `atLeast` of them. */
  | { kind: 'discussions_answered'; atLeast?: number }
  /** Answers a mentor accepted: to every discussion, or to at least `atLeast` of them. */
  | { kind: 'answers_accepted'; atLeast?: number }
  /** Every quiz passed. */
  | { kind: 'quizzes_passed' }
  /** At least `atLeast` live chat sessions of a kind, each attended for `minutes` or more. */
  | { kind: 'sessions_attended'; sessionKind: string; atLeast: number; minutes: number }
  /** A mentor of the course signed the trainee off. */
  | { kind: 'mentor_signoff' }
  /**
   * At least `atLeast` practice sessions the trainee led in a practice room from one of the
   * course's scripts, each scored by an observing mentor against the rubric with a pass.
   */
  | { kind: 'practicum'; atLeast: number; rubric: PracticumRubric };

export type RequirementKind = CompletionRequirement['kind'];

export const REQUIREMENT_KINDS = ['lessons_viewed', 'discussions_answered', 'answers_accepted', 'quizzes_passed', 'sessions_attended', 'mentor_signoff', 'practicum'] as const satisfies readonly RequirementKind[];

/** What a new course asks for until its authors say otherwise: every item done. */
export const DEFAULT_REQUIREMENTS: CompletionRequirement[] = [{ kind: 'lessons_viewed' }, { kind: 'discussions_answered' }, { kind: 'quizzes_passed' }];

/** A live-session kind: lower-case words joined by hyphens (`support-session`). */
export const SESSION_KIND_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface RequirementsRequest {
  requirements: CompletionRequirement[];
}

/** One requirement, for one trainee: met or not, how far along, and where to go next. */
export interface RequirementStatus {
  kind: RequirementKind;
  /** The requirement as the authors set it. */
  requirement: CompletionRequirement;
  met: boolean;
  /** In words: "3 of 4 lessons opened". */
  detail: string;
  done: number;
  needed: number;
  /** Items still to do, in reading order (lessons, discussions, quizzes). */
  missing: Array<{ itemId: string; title: string; type: ItemType }>;
  /** Where to do it: an item of the course, the chat, or nothing (a sign-off is asked for). */
  link: string | null;
}

/** `GET /courses/:course/progress`: my standing in a course. */
export interface CourseProgress {
  courseId: string;
  /** The version whose requirements apply: the one published now. */
  version: number;
  completed: boolean;
  completedAt: string | null;
  items: Array<{ itemId: string; state: ItemState }>;
  requirements: RequirementStatus[];
  signedOff: { by: UserSummary | null; at: string } | null;
  /** A refresher asked of me in this course, until it is done: the items to redo, and which are redone. */
  refresher: RefresherProgress | null;
  /** Mentors' reviews of the practice sessions I led, newest first. */
  practicumReviews: PracticumReview[];
}

/** What a refresher asks: lessons, discussions and quizzes again (all, or what changed), from `assignedAt` on. */
export interface RefresherProgress {
  refresherId: string;
  cause: RefresherCause;
  assignedAt: string;
  /** A recertification's deadline: the roles built on the course are suspended after it until it is done. */
  dueAt: string | null;
  items: Array<{ itemId: string; title: string; type: ItemType; done: boolean }>;
}

/** A criterion as a mentor scored it. */
export interface CriterionScore {
  key: string;
  label: string;
  score: number;
  maxScore: number;
}

/** A mentor's review of a practice session a trainee led: the rubric scored, and feedback. */
export interface PracticumReview {
  sessionId: string;
  scriptItemId: string;
  scriptTitle: string;
  mentor: UserSummary | null;
  scores: CriterionScore[];
  total: number;
  passScore: number;
  passed: boolean;
  /** Markdown as written, and rendered. */
  feedback: string;
  feedbackHtml: string;
  reviewedAt: string;
}

/** A review as pages show it, from what the chat or progress keeps of it, with its mentor and its feedback rendered. */
export function practicumReviewView(
  review: Omit<PracticumReview, 'mentor' | 'feedbackHtml' | 'reviewedAt'> & { reviewedAt: Date },
  mentor: UserSummary | null,
  feedbackHtml: string,
): PracticumReview {
  return {
    sessionId: review.sessionId,
    scriptItemId: review.scriptItemId,
    scriptTitle: review.scriptTitle,
    mentor,
    scores: review.scores,
    total: review.total,
    passScore: review.passScore,
    passed: review.passed,
    feedback: review.feedback,
    feedbackHtml,
    reviewedAt: review.reviewedAt.toISOString(),
  };
}

/**
 * A rubric scored: every criterion needs a whole score from 0 to its maximum, and no other
 * key may appear. Problems name their place (`scores.opening`).
 */
export function scoreRubric(rubric: PracticumRubric, scores: Record<string, unknown>): { scores: CriterionScore[]; total: number; passed: boolean; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const known = new Set(rubric.criteria.map((criterion) => criterion.key));
  for (const key of Object.keys(scores)) if (!known.has(key)) problems.push({ field: `scores.${key}`, message: `${key} is not a criterion of this rubric.` });
  const scored = rubric.criteria.map((criterion) => {
    const value = scores[criterion.key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > criterion.maxScore) {
      problems.push({ field: `scores.${criterion.key}`, message: `${criterion.label} takes a whole score from 0 to ${criterion.maxScore}.` });
      return { key: criterion.key, label: criterion.label, score: 0, maxScore: criterion.maxScore };
    }
    return { key: criterion.key, label: criterion.label, score: value, maxScore: criterion.maxScore };
  });
  const total = scored.reduce((sum, criterion) => sum + criterion.score, 0);
  return { scores: scored, total, passed: problems.length === 0 && total >= rubric.passScore, problems };
}

/** What a completion rests on, kept with it: which answers, attempts, sessions, sign-off. */
export interface CompletionEvidence {
  version: number;
  /** The requirements that were met. */
  requirements: CompletionRequirement[];
  items: Array<{
    itemId: string;
    title: string;
    type: ItemType;
    viewedAt: string | null;
    /** Discussions: the answer that counted, and the mentor's acceptance if any. */
    replyId: string | null;
    answeredAt: string | null;
    acceptedAt: string | null;
    /** Quizzes: the passing attempt. */
    attemptId: string | null;
    scorePercent: number | null;
    passedAt: string | null;
  }>;
  sessions: Array<{ sessionId: string; kind: string; minutes: number; attendedAt: string }>;
  signoff: { mentorId: string | null; at: string; note: string | null } | null;
  /** The passing practicum reviews that counted (absent before Hearth had practicums). */
  practicum?: Array<{ sessionId: string; scriptItemId: string; mentorId: string; total: number; reviewedAt: string }>;
  /**
   * The answers that counted, as they read when the course was completed, with the latest
   * review of each then: what an admin weighs on a grant request. Like the rest of the
   * evidence it stops at the completion (a later review or edit is not in it). Absent in
   * evidence recorded before Hearth kept it.
   */
  answers?: CompletionAnswer[];
}

/** A discussion answer as evidence: its text shortened (plain and rendered), its length. */
export interface AnswerSnapshot {
  excerpt: string;
  /** Absent in answers recorded before Hearth kept it. */
  excerptHtml?: string;
  wordCount: number;
}

/** A mentor's latest review of an answer, as evidence (the mentor by id: names are read when shown). */
export interface ReviewSnapshot {
  status: ReviewStatus;
  comment: string | null;
  mentorId: string;
}

export interface CompletionAnswer extends AnswerSnapshot {
  itemId: string;
  replyId: string;
  review: ReviewSnapshot | null;
}

export interface SignOffRequest {
  note?: string;
}

/** A course's trainees as its staff see them. */
export interface TraineeProgress {
  user: UserSummary;
  enrolledAt: string;
  done: number;
  total: number;
  completedAt: string | null;
  signedOffAt: string | null;
}

/** Enrolled → started → each requirement met → completed, for a course's staff. */
export interface CompletionFunnel {
  courseId: string;
  version: number | null;
  steps: Array<{ label: string; count: number }>;
}

/** A requirement in a few words, for checklists, the funnel and badge criteria. */
export function describeRequirement(requirement: CompletionRequirement): string {
  switch (requirement.kind) {
    case 'lessons_viewed':
      return 'All lessons opened';
    case 'discussions_answered':
      return requirement.atLeast ? `${requirement.atLeast}+ discussions answered` : 'All discussions answered';
    case 'answers_accepted':
      return requirement.atLeast ? `${requirement.atLeast}+ answers accepted by a mentor` : 'All answers accepted by a mentor';
    case 'quizzes_passed':
      return 'All quizzes passed';
    case 'sessions_attended':
      return `${requirement.atLeast}+ ${requirement.sessionKind} sessions of ${requirement.minutes}+ minutes`;
    case 'mentor_signoff':
      return 'Signed off by a mentor';
    case 'practicum':
      return `${requirement.atLeast}+ practice sessions led and passed`;
  }
}
