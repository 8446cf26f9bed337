import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  type CompletionEvidence,
  type CompletionFunnel,
  type AttendanceRecord as AttendanceRecordView,
  type CourseProgress,
  describeRequirement,
  isItemDone,
  type ItemState,
  type Page,
  practicumReviewView,
} from '@hearth/contracts';
import { UsersService } from '@hearth/identity';
import { Database, decodeCursor, DEFAULT_PAGE_SIZE, DomainEvents, Outbox, outboxTopic, OutboxWorker, renderMarkdown, toPage } from '@hearth/platform';
import { type ItemProgressRow, type PracticumReviewRow, ProgressRepository, toItemRecord } from './progress.repository';
import { Refreshers } from './refreshers';
import { type CoursePlan, evaluate, needsPracticum, needsSessions, type TraineeRecord } from './requirements';

const RECHECK_TOPIC = outboxTopic<{ courseId: string }>('progress.recheck-course');

export interface TraineeStanding {
  userId: string;
  enrolledAt: string;
  done: number;
  total: number;
  completedAt: string | null;
  signedOffAt: string | null;
}

export interface Completion {
  userId: string;
  courseId: string;
  version: number;
  completedAt: string;
  evidence: CompletionEvidence;
}

/**
 * Progress, kept from other contexts' events (ProgressEvents, progress.events.ts; it never
 * reads their tables): per item, and per enrollment against the course's completion requirements.
 *
 * Each event re-checks the one enrollment it is about, inside the transaction that caused
 * it, under a lock on that enrollment's row: two events about one trainee take turns, and
 * a completion is recorded once, with the version and the evidence, and announced once
 * (`course.completed`). A completion stands even if the trainee later removes an answer.
 * Publishing a version is the one change that concerns everyone in a course: their
 * enrollments are re-checked after it commits, in the background, one at a time.
 */
@Injectable()
export class ProgressService implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly events: DomainEvents,
    private readonly outbox: Outbox,
    private readonly worker: OutboxWorker,
    private readonly progress: ProgressRepository,
    private readonly users: UsersService,
    private readonly refreshers: Refreshers,
  ) {}

  onModuleInit(): void {
    this.worker.handle(RECHECK_TOPIC, ({ courseId }) => this.recheckCourse(courseId).then(() => undefined));
  }

  /** Every enrollment of a course re-checked, after the change that asks for it commits, in the background. */
  recheckLater(courseId: string): Promise<void> {
    return this.outbox.enqueue(RECHECK_TOPIC, { courseId });
  }

  /** Re-checks every enrollment of a course, each in its own short transaction; how many. */
  async recheckCourse(courseId: string): Promise<number> {
    let after: string | null = null;
    let count = 0;
    for (;;) {
      const userIds = await this.progress.enrolledAfter(courseId, after, 100);
      for (const userId of userIds) await this.db.transaction(() => this.recheck(userId, courseId));
      count += userIds.length;
      if (userIds.length < 100) return count;
      after = userIds[userIds.length - 1];
    }
  }

  /** My time in live chat sessions, newest first: what counts toward session requirements. */
  async attendance(userId: string): Promise<AttendanceRecordView[]> {
    const rows = await this.progress.attendance(userId);
    return rows.reverse().map((row) => ({ sessionId: row.sessionId, kind: row.kind, title: row.title, minutes: row.minutes, attendedAt: row.attendedAt.toISOString() }));
  }

  /** Each item's state for one trainee in one course; items never touched are absent. */
  async itemStates(userId: string, courseId: string): Promise<Map<string, ItemState>> {
    const rows = await this.progress.forCourse(userId, courseId);
    return new Map(rows.map((row) => [row.itemId, stateOf(row)]));
  }

  /** How far someone is with an item, and whether a refresher asks them to do it again. */
  async itemStanding(userId: string, itemId: string): Promise<{ state: ItemState; redo: boolean }> {
    const row = await this.progress.forItem(userId, itemId);
    return row ? { state: stateOf(row), redo: row.redo } : { state: 'not_started', redo: false };
  }

  /** My standing in a course: every requirement, met or not, with what is missing and where to do it. */
  async courseProgress(userId: string, courseId: string): Promise<CourseProgress | null> {
    const [plan, enrollment] = await Promise.all([this.progress.plan(courseId), this.progress.enrollment(userId, courseId)]);
    if (!plan || !enrollment) return null;
    const [rows, record, signoff, reviews, refresher] = await Promise.all([
      this.progress.forCourse(userId, courseId),
      this.record(userId, courseId, plan),
      this.progress.signoff(userId, courseId),
      this.progress.practicumReviews(userId, courseId),
      this.refreshers.view(userId, plan),
    ]);
    const people = await this.users.summaries([signoff?.mentorId, ...reviews.map((review) => review.mentorId)].filter((id): id is string => !!id));
    const mentor = signoff?.mentorId ? people.get(signoff.mentorId) ?? null : null;
    return {
      courseId,
      version: plan.version,
      completed: enrollment.completedAt !== null,
      completedAt: enrollment.completedAt?.toISOString() ?? null,
      items: rows.map((row) => ({ itemId: row.itemId, state: stateOf(row) })),
      requirements: evaluate(plan, record),
      signedOff: signoff ? { by: mentor, at: signoff.signedAt.toISOString() } : null,
      refresher,
      practicumReviews: reviews.map((review) => practicumReviewView(review, review.mentorId ? (people.get(review.mentorId) ?? null) : null, renderMarkdown(review.feedback))),
    };
  }

  /** A course's trainees with how far each has got, oldest enrollment first. */
  async trainees(courseId: string, query: { cursor?: string; limit?: number }): Promise<Page<TraineeStanding>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.progress.enrollmentsPage(courseId, decodeCursor(query.cursor, ['timestamp', 'uuid']), limit);
    return toPage(
      rows,
      limit,
      (row) => [row.enrolledKey, row.userId],
      (row) => ({
        userId: row.userId,
        enrolledAt: row.enrolledAt.toISOString(),
        done: row.done,
        total: row.total,
        completedAt: row.completedAt?.toISOString() ?? null,
        signedOffAt: (row as { signedAt?: Date | null }).signedAt?.toISOString() ?? null,
      }),
    );
  }

  /** Enrolled → started → each requirement met → completed. */
  async funnel(courseId: string): Promise<CompletionFunnel> {
    const plan = await this.progress.plan(courseId);
    if (!plan) return { courseId, version: null, steps: [] };
    const counts = await this.progress.funnel(courseId, plan.version, plan.requirements.length);
    return {
      courseId,
      version: plan.version,
      steps: [
        { label: 'Enrolled', count: counts.enrolled },
        { label: 'Started', count: counts.started },
        ...plan.requirements.map((requirement, i) => ({ label: describeRequirement(requirement), count: counts.met[i] ?? 0 })),
        { label: 'Completed', count: counts.completed },
      ],
    };
  }

  /** A recorded completion with its evidence, if the trainee has completed the course. */
  async completion(userId: string, courseId: string): Promise<Completion | null> {
    const row = await this.progress.enrollment(userId, courseId);
    if (!row?.completedAt || !row.evidence || row.completedVersion === null) return null;
    return { userId, courseId, version: row.completedVersion, completedAt: row.completedAt.toISOString(), evidence: row.evidence };
  }

  /**
   * Re-checks one enrollment against its course's current requirements, and records the
   * completion the first time they are all met.
   */
  async recheck(userId: string, courseId: string): Promise<void> {
    const enrollment = await this.progress.lockEnrollment(userId, courseId);
    const plan = enrollment && (await this.progress.plan(courseId));
    if (!enrollment || !plan) return;
    const record = await this.record(userId, courseId, plan);
    const statuses = evaluate(plan, record);
    const done = plan.items.filter((item) => isItemDone(item.type, stateOfRecord(record, item.itemId))).length;
    const started = record.items.size > 0 || record.signedOff;
    await this.progress.saveStanding(userId, courseId, { done, total: plan.items.length, met: statuses.map((s) => s.met), version: plan.version, started });
    if (enrollment.completedAt || plan.requirements.length === 0 || !statuses.every((status) => status.met)) return;

    const evidence = await this.evidence(userId, courseId, plan, record);
    const completedAt = await this.progress.complete(userId, courseId, plan.version, evidence);
    if (completedAt) {
      await this.events.publish('course.completed', {
        userId,
        courseId,
        courseSlug: plan.courseSlug,
        courseTitle: plan.title,
        version: plan.version,
        completedAt: completedAt.toISOString(),
        evidence,
      });
    }
  }

  private async record(
    userId: string,
    courseId: string,
    plan: CoursePlan,
  ): Promise<TraineeRecord & { rows: ItemProgressRow[]; sessionRows: Array<{ sessionId: string; kind: string; minutes: number; attendedAt: Date }>; reviewRows: PracticumReviewRow[] }> {
    const [rows, signoff, sessionRows, reviewRows] = await Promise.all([
      this.progress.forCourse(userId, courseId),
      this.progress.signoff(userId, courseId),
      needsSessions(plan) ? this.progress.attendance(userId) : Promise.resolve([]),
      needsPracticum(plan) ? this.progress.practicumReviews(userId, courseId) : Promise.resolve([]),
    ]);
    return {
      items: new Map(rows.map((row) => [row.itemId, toItemRecord(row)])),
      sessions: sessionRows,
      signedOff: signoff !== null,
      practicum: reviewRows.map((review) => ({ sessionId: review.sessionId, passed: review.passed })),
      rows,
      sessionRows,
      reviewRows,
    };
  }

  private async evidence(userId: string, courseId: string, plan: CoursePlan, record: Awaited<ReturnType<ProgressService['record']>>): Promise<CompletionEvidence> {
    const byItem = new Map(record.rows.map((row) => [row.itemId, row]));
    const signoff = record.signedOff ? await this.progress.signoff(userId, courseId) : null;
    const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;
    return {
      version: plan.version,
      requirements: plan.requirements,
      items: plan.items.map((item) => {
        const row = byItem.get(item.itemId);
        const accepted = row?.answerReplyId != null && row.acceptedReplyId === row.answerReplyId;
        return {
          itemId: item.itemId,
          title: item.title,
          type: item.type,
          viewedAt: iso(row?.viewedAt),
          replyId: row?.answerReplyId ?? null,
          answeredAt: iso(row?.answeredAt),
          acceptedAt: accepted ? iso(row?.acceptedAt) : null,
          attemptId: row?.passedAttemptId ?? null,
          scorePercent: row?.passedScore ?? null,
          passedAt: iso(row?.passedAt),
        };
      }),
      // The sessions that counted: of a kind a requirement names, long enough for it.
      sessions: record.sessionRows
        .filter((session) => plan.requirements.some((r) => r.kind === 'sessions_attended' && r.sessionKind === session.kind && session.minutes >= r.minutes))
        .map((session) => ({ sessionId: session.sessionId, kind: session.kind, minutes: session.minutes, attendedAt: session.attendedAt.toISOString() })),
      signoff: signoff ? { mentorId: signoff.mentorId, at: signoff.signedAt.toISOString(), note: signoff.note } : null,
      ...(needsPracticum(plan)
        ? {
            // The passing reviews that counted, oldest first (they are read newest first).
            practicum: [...record.reviewRows]
              .reverse()
              .filter((review) => review.passed)
              .map((review) => ({ sessionId: review.sessionId, scriptItemId: review.scriptItemId, mentorId: review.mentorId ?? '', total: review.total, reviewedAt: review.reviewedAt.toISOString() })),
          }
        : {}),
      answers: plan.items.flatMap((item) => {
        const row = byItem.get(item.itemId);
        if (!row?.answerReplyId || !row.answer) return [];
        const review = row.review?.replyId === row.answerReplyId ? { status: row.review.status, comment: row.review.comment, mentorId: row.review.mentorId } : null;
        return [{ itemId: item.itemId, replyId: row.answerReplyId, ...row.answer, review }];
      }),
    };
  }
}

function stateOf(row: ItemProgressRow): ItemState {
  if (row.passedAt) return 'passed';
  if (row.answeredAt) return 'answered';
  if (row.viewedAt) return 'viewed';
  return 'not_started';
}

function stateOfRecord(record: TraineeRecord, itemId: string): ItemState {
  const item = record.items.get(itemId);
  if (!item) return 'not_started';
  if (item.passedAt) return 'passed';
  if (item.answerReplyId) return 'answered';
  if (item.viewedAt) return 'viewed';
  return 'not_started';
}
