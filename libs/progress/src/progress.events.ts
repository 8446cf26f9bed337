import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '@hearth/platform';
import { ProgressRepository } from './progress.repository';
import { ProgressService } from './progress.service';
import { Refreshers } from './refreshers';

/**
 * The progress context's events. It handles what a trainee does elsewhere — enrolls
 * (`enrollment.created`), opens an item (`item.viewed`), passes a quiz (`quiz.passed`),
 * answers a discussion (`discussion.answered`), has an answer reviewed (`review.recorded`),
 * is signed off (`trainee.signed_off`), attends a chat session (`session.attended`), has a
 * practice session they led scored by a mentor (`practicum.reviewed`) — and a
 * new version of a course (`course.published`); each records the fact and re-checks that
 * enrollment in the same transaction. It publishes `course.completed` (from
 * ProgressService.recheck) when an enrollment first meets its course's requirements. A
 * refresher (`refresher.assigned`, `refresher.cancelled`, from credentials) asks for a
 * course's items again; the lessons opened, quizzes passed and answers written after it count
 * toward it, and `refresher.completed` (from Refreshers) says when all of them are redone. See
 * docs/architecture.md for the whole map.
 */
@Injectable()
export class ProgressEvents implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly records: ProgressRepository,
    private readonly service: ProgressService,
    private readonly refreshers: Refreshers,
  ) {}

  onModuleInit(): void {
    this.events.on('course.published', async ({ courseId, courseSlug, title, version, items, requirements }) => {
      await this.records.savePlan({ courseId, courseSlug, title, version, items: items.map(({ itemId, type, title }) => ({ itemId, type, title })), requirements });
      await this.refreshers.recheckCourse(courseId);
      // The new version may complete someone already (an item they lacked is gone, a requirement
      // dropped): every enrollment is re-checked, after the publish, in the background.
      await this.service.recheckLater(courseId);
    });
    this.events.on('enrollment.created', async ({ userId, courseId }) => {
      await this.records.enroll(userId, courseId, new Date());
      await this.service.recheck(userId, courseId);
    });
    this.events.on('item.viewed', async ({ userId, courseId, itemId }) => {
      await this.records.markViewed(userId, courseId, itemId);
      await this.refreshers.redo(userId, courseId, itemId, 'lesson');
      await this.service.recheck(userId, courseId);
    });
    this.events.on('quiz.passed', async ({ userId, courseId, itemId, attemptId, scorePercent }) => {
      await this.records.markPassed(userId, courseId, itemId, attemptId, scorePercent);
      await this.refreshers.redo(userId, courseId, itemId, 'quiz');
      await this.service.recheck(userId, courseId);
    });
    this.events.on('discussion.answered', async ({ userId, courseId, itemId, replyId, answer, writtenAt }) => {
      await this.records.setAnswer(userId, courseId, itemId, replyId, answer);
      if (writtenAt) await this.refreshers.redo(userId, courseId, itemId, 'discussion', new Date(writtenAt));
      await this.service.recheck(userId, courseId);
    });
    this.events.on('review.recorded', async ({ answerAuthorId, courseId, itemId, replyId, status, comment, mentorId }) => {
      await this.records.setReview(answerAuthorId, courseId, itemId, replyId, { status, comment, mentorId });
      await this.service.recheck(answerAuthorId, courseId);
    });
    this.events.on('trainee.signed_off', async ({ userId, courseId, mentorId, note }) => {
      await this.records.signOff(userId, courseId, mentorId, note);
      await this.service.recheck(userId, courseId);
    });
    this.events.on('refresher.assigned', (assigned) => this.refreshers.start(assigned));
    this.events.on('refresher.cancelled', ({ refresherId }) => this.refreshers.cancel(refresherId));
    this.events.on('session.attended', async ({ userId, sessionId, kind, title, minutes, at }) => {
      await this.records.recordAttendance(userId, sessionId, kind, title, minutes, new Date(at));
      for (const courseId of await this.records.coursesCountingSessions(userId, kind)) await this.service.recheck(userId, courseId);
    });
    this.events.on('practicum.reviewed', async (review) => {
      await this.records.recordPracticumReview({
        sessionId: review.sessionId,
        userId: review.userId,
        courseId: review.courseId,
        scriptItemId: review.scriptItemId,
        scriptTitle: review.scriptTitle,
        mentorId: review.mentorId,
        scores: review.scores,
        total: review.total,
        passScore: review.passScore,
        passed: review.passed,
        feedback: review.feedback,
        reviewedAt: new Date(review.at),
      });
      await this.service.recheck(review.userId, review.courseId);
    });
  }
}
