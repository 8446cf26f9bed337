import { Injectable } from '@nestjs/common';
import type { CompletionRequirement, CourseProgress, CourseRole, Enrollment, ItemView, QuizAttemptRequest, QuizAttemptResult, ScriptView } from '@hearth/contracts';
import type { AuthUser } from '@hearth/identity';
import { Database, DomainEvents } from '@hearth/platform';
import { ProgressService } from '@hearth/progress';
import { CourseAccess, type CourseContext } from './course-access';
import type { CourseEntity } from './course.entity';
import { CourseRepository } from './course.repository';
import type { CourseBrief } from './courses.service';
import { CoursesError, CoursesErrorCode, itemNotFound } from './courses.errors';
import type { QuizAttemptEntity } from './enrollment.entity';
import { EnrollmentRepository } from './enrollment.repository';
import { questionViews, scoreAnswers } from './quiz';
import { scriptView } from './script';
import { type PublishedItemRow, VersionRepository } from './version.repository';

/** What the discussions context needs to know about a discussion item and its reader. */
export interface DiscussionAccess {
  itemId: string;
  itemTitle: string;
  courseId: string;
  courseSlug: string;
  courseTitle: string;
  promptHtml: string;
  reflectionQuestion: string | null;
  postFirst: boolean;
  minWords: number;
  /** Owners, authors, mentors and admins: they see every answer and moderate. */
  isStaff: boolean;
  role: CourseRole | null;
  enrolled: boolean;
}

/** What the chat needs of a course to run and score a practice session, for one person. */
export interface PracticumContext {
  course: { id: string; slug: string; title: string };
  /** The published practicum requirement, if the course has one. */
  requirement: Extract<CompletionRequirement, { kind: 'practicum' }> | null;
  /** The script item, when it is a script of the course's published version. */
  script: { itemId: string; title: string; bodyHtml: string; steps: ScriptView['steps']; questions: string[] } | null;
  enrolled: boolean;
  role: CourseRole | null;
}

export interface Enrolled {
  enrollment: Enrollment;
  created: boolean;
}

/** What trainees do in a published course: enroll, read, and take quizzes. */
@Injectable()
export class LearningService {
  constructor(
    private readonly db: Database,
    private readonly events: DomainEvents,
    private readonly access: CourseAccess,
    private readonly courses: CourseRepository,
    private readonly versions: VersionRepository,
    private readonly enrollments: EnrollmentRepository,
    private readonly standing: ProgressService,
  ) {}

  /** Enrolls once; enrolling again returns the existing enrollment. */
  async enroll(caller: AuthUser, ref: string): Promise<Enrolled> {
    const { course } = await this.access.view(caller, ref);
    return this.enrollIn(course, caller.id, 'You cannot enroll in this course.');
  }

  /**
   * Enrolls someone Hearth asks to take a course (a refresher), as `enroll` would; the course
   * must be published and open. What other contexts show of it comes back.
   */
  async enrollFor(userId: string, courseId: string): Promise<CourseBrief> {
    const course = await this.courses.findByRef(courseId);
    if (!course) throw new CoursesError(CoursesErrorCode.CourseNotFound, 'There is no such course.');
    await this.enrollIn(course, userId, `“${course.title}” cannot take trainees.`);
    return { id: course.id, slug: course.slug, title: course.title, summary: course.summary, coverImageUrl: course.coverImageUrl };
  }

  private async enrollIn(course: CourseEntity, userId: string, refusal: string): Promise<Enrolled> {
    const existing = await this.enrollments.find(course.id, userId);
    if (existing) return { enrollment: enrollmentOf(existing), created: false };
    if (course.status !== 'published' || course.currentVersion === null) {
      const why = course.status === 'archived' ? 'It is archived and takes no new trainees.' : 'It has not been published yet.';
      throw new CoursesError(CoursesErrorCode.NotEnrollable, `${refusal} ${why}`);
    }
    return this.db.transaction(async () => {
      const created = await this.enrollments.insertIfAbsent(course.id, userId, course.currentVersion!);
      if (!created) return { enrollment: enrollmentOf((await this.enrollments.find(course.id, userId))!), created: false };
      await this.events.publish('enrollment.created', { enrollmentId: created.id, courseId: course.id, userId, version: created.version });
      return { enrollment: enrollmentOf(created), created: true };
    });
  }

  /** My standing in a course: each requirement, met or not, with what is missing and where to do it. */
  async progress(caller: AuthUser, ref: string): Promise<CourseProgress> {
    const { course } = await this.access.view(caller, ref);
    const progress = await this.standing.courseProgress(caller.id, course.id);
    if (!progress) throw new CoursesError(CoursesErrorCode.NotEnrolled, `Enroll in “${course.title}” to see your progress in it.`);
    return progress;
  }

  /** A mentor (any of the course's staff, or an admin) signs off a trainee of the course; once is enough. */
  async signOff(caller: AuthUser, ref: string, userId: string, note: string | undefined): Promise<void> {
    const { course } = await this.access.staff(caller, ref);
    if (userId === caller.id) throw new CoursesError(CoursesErrorCode.SelfSignOff, 'Another mentor of the course signs you off, not you.');
    if (!(await this.enrollments.find(course.id, userId))) {
      throw new CoursesError(CoursesErrorCode.TraineeNotFound, 'This person is not a trainee of the course.');
    }
    await this.db.transaction(() =>
      this.events.publish('trainee.signed_off', { courseId: course.id, userId, mentorId: caller.id, note: note?.trim() || null, at: new Date().toISOString() }),
    );
  }

  /** An item of the current published version, for a trainee enrolled in its course (or its staff). */
  async read(caller: AuthUser, itemId: string): Promise<ItemView> {
    const { item, enrolled } = await this.reader(caller, itemId);
    const [neighbours, { state, redo }] = await Promise.all([
      this.versions.neighbours(item.courseId, item.version, item.sequence),
      this.standing.itemStanding(caller.id, item.itemId),
    ]);
    return {
      id: item.itemId,
      courseId: item.courseId,
      courseSlug: item.course.slug,
      courseTitle: item.courseTitle,
      moduleId: item.moduleId,
      moduleTitle: item.moduleTitle,
      type: item.type,
      title: item.title,
      bodyHtml: item.bodyHtml,
      reflectionQuestion: item.reflectionQuestion,
      postFirst: item.postFirst,
      minWords: item.minWords,
      passPercent: item.passPercent,
      showAnswers: item.showAnswers,
      questions: item.questions ? questionViews(item.questions) : null,
      script: item.type === 'script' && item.script ? scriptView(item.script) : null,
      version: item.version,
      ...neighbours,
      state,
      redo,
      enrolled,
    };
  }

  /**
   * A published course's practicum as it stands now, a script item of it, and someone's part
   * in the course (enrolled, staff); null when there is no such published course.
   */
  async practicum(userId: string, courseId: string, scriptItemId: string | null): Promise<PracticumContext | null> {
    const course = await this.courses.findByRef(courseId);
    if (!course || course.currentVersion === null || course.status === 'draft') return null;
    const [version, item, enrollment, role] = await Promise.all([
      this.versions.find(course.id, course.currentVersion),
      scriptItemId ? this.versions.currentItem(scriptItemId) : Promise.resolve(null),
      this.enrollments.find(course.id, userId),
      this.courses.staffRole(course.id, userId),
    ]);
    const requirement = version?.requirements.find((r): r is Extract<CompletionRequirement, { kind: 'practicum' }> => r.kind === 'practicum') ?? null;
    const script =
      item && item.courseId === course.id && item.type === 'script' && item.script
        ? { itemId: item.itemId, title: item.title, bodyHtml: item.bodyHtml, ...scriptView(item.script) }
        : null;
    return { course: { id: course.id, slug: course.slug, title: course.title }, requirement, script, enrolled: enrollment !== null, role };
  }

  /** Records that an enrolled trainee opened the item. */
  async markViewed(caller: AuthUser, itemId: string): Promise<void> {
    const { item } = await this.reader(caller, itemId, { mustBeEnrolled: true });
    await this.db.transaction(() => this.events.publish('item.viewed', { userId: caller.id, courseId: item.courseId, itemId: item.itemId, version: item.version }));
  }

  /**
   * A discussion of the current published version, for someone enrolled in its course or
   * on its staff; anyone else is refused as for reading the item.
   */
  async discussion(caller: AuthUser, itemId: string): Promise<DiscussionAccess> {
    const { item, context, enrolled } = await this.reader(caller, itemId);
    if (item.type !== 'discussion') throw new CoursesError(CoursesErrorCode.NotADiscussion, 'This item is not a discussion.');
    return {
      itemId: item.itemId,
      itemTitle: item.title,
      courseId: item.courseId,
      courseSlug: item.course.slug,
      courseTitle: item.courseTitle,
      promptHtml: item.bodyHtml,
      reflectionQuestion: item.reflectionQuestion,
      postFirst: item.postFirst ?? true,
      minWords: item.minWords ?? 0,
      isStaff: context.isStaff,
      role: context.role,
      enrolled,
    };
  }

  /** Scores an attempt on the server and keeps it; the key comes with a pass, or with any attempt if the quiz says so. */
  async attempt(caller: AuthUser, itemId: string, request: QuizAttemptRequest): Promise<QuizAttemptResult> {
    const { item } = await this.reader(caller, itemId, { mustBeEnrolled: true });
    if (item.type !== 'quiz' || !item.questions) throw new CoursesError(CoursesErrorCode.NotAQuiz, 'This item is not a quiz.');
    const score = scoreAnswers(item.questions, request.answers);
    const passPercent = item.passPercent ?? 100;
    // Exact, not on the rounded percentage: 2 of 3 right is not 67%.
    const passed = score.correctCount * 100 >= passPercent * score.questionCount;
    return this.db.transaction(async () => {
      const attempt = await this.enrollments.insertAttempt({
        courseId: item.courseId,
        itemId: item.itemId,
        userId: caller.id,
        version: item.version,
        answers: request.answers.map((answer) => ({ questionId: answer.questionId, optionIds: [...new Set(answer.optionIds)] })),
        scorePercent: score.scorePercent,
        correctCount: score.correctCount,
        questionCount: score.questionCount,
        passed,
      });
      if (passed) {
        await this.events.publish('quiz.passed', {
          userId: caller.id,
          courseId: item.courseId,
          itemId: item.itemId,
          attemptId: attempt.id,
          scorePercent: score.scorePercent,
          version: item.version,
        });
      }
      // A pass is scored with its key and explanations; a miss says only which questions were
      // wrong, unless the author chose to show the key after every attempt.
      const keyShown = passed || item.showAnswers === 'after-each-attempt';
      const review = keyShown ? score.review : score.review.map((question) => ({ ...question, correctOptionIds: [], explanationHtml: null }));
      // The pass's event has run progress's recheck in this transaction: the completion is known.
      const courseCompleted = passed ? (await this.standing.completion(caller.id, item.courseId)) !== null : undefined;
      return { ...attemptResult(attempt, passPercent), review, ...(courseCompleted === undefined ? {} : { courseCompleted }) };
    });
  }

  async attempts(caller: AuthUser, itemId: string): Promise<QuizAttemptResult[]> {
    const { item } = await this.reader(caller, itemId);
    if (item.type !== 'quiz') throw new CoursesError(CoursesErrorCode.NotAQuiz, 'This item is not a quiz.');
    const attempts = await this.enrollments.attempts(caller.id, item.itemId);
    return attempts.map((attempt) => ({ ...attemptResult(attempt, item.passPercent ?? 100), review: null }));
  }

  /**
   * The published item and the caller's standing in its course. Enrolled trainees read;
   * staff and admins may read to check what trainees see; anyone else who can see the
   * course is asked to enroll first. Recording progress needs an enrollment.
   */
  private async reader(
    caller: AuthUser,
    itemId: string,
    options: { mustBeEnrolled?: boolean } = {},
  ): Promise<{ item: PublishedItemRow; context: CourseContext; enrolled: boolean }> {
    const item = await this.versions.currentItem(itemId);
    if (!item) throw itemNotFound();
    const [context, enrollment] = await Promise.all([this.access.contextFor(caller, item.course), this.enrollments.find(item.courseId, caller.id)]);
    const enrolled = enrollment !== null;
    if (!enrolled && (options.mustBeEnrolled || !context.isStaff)) {
      throw new CoursesError(CoursesErrorCode.NotEnrolled, `Enroll in “${item.courseTitle}” to read and take part.`);
    }
    return { item, context, enrolled };
  }
}

function enrollmentOf(row: { id: string; courseId: string; enrolledAt: Date; version: number }): Enrollment {
  return { id: row.id, courseId: row.courseId, enrolledAt: row.enrolledAt.toISOString(), version: row.version };
}

function attemptResult(attempt: QuizAttemptEntity, passPercent: number): Omit<QuizAttemptResult, 'review'> {
  return {
    id: attempt.id,
    scorePercent: attempt.scorePercent,
    passed: attempt.passed,
    correctCount: attempt.correctCount,
    questionCount: attempt.questionCount,
    passPercent,
    createdAt: attempt.createdAt.toISOString(),
  };
}
