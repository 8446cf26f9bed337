import type { ItemType } from './courses';
import type { ReviewStatus } from './discussions';
import type { CompletionRequirement } from './progress';

/**
 * Every domain event, by name, with its payload. A context publishes these inside the
 * transaction that made the change; others subscribe without importing the publisher.
 */
export interface DomainEventMap {
  'course.published': CoursePublished;
  'enrollment.created': EnrollmentCreated;
  'item.viewed': ItemViewed;
  'quiz.passed': QuizPassed;
  'discussion.answered': DiscussionAnswered;
  'reply.posted': ReplyPosted;
  'reply.edited': ReplyEdited;
  'review.recorded': ReviewRecorded;
  'trainee.signed_off': TraineeSignedOff;
  'session.attended': SessionAttended;
  'course.completed': CourseCompleted;
}

export type DomainEventName = keyof DomainEventMap;

export interface CoursePublished {
  courseId: string;
  courseSlug: string;
  title: string;
  version: number;
  publishedBy: string;
  /** The version's items in reading order, for contexts that keep their own view of a course. */
  items: Array<{ itemId: string; type: ItemType; title: string; minWords: number | null; postFirst: boolean | null }>;
  requirements: CompletionRequirement[];
}

export interface EnrollmentCreated {
  enrollmentId: string;
  courseId: string;
  userId: string;
  version: number;
}

export interface ItemViewed {
  userId: string;
  courseId: string;
  itemId: string;
  version: number;
}

export interface QuizPassed {
  userId: string;
  courseId: string;
  itemId: string;
  attemptId: string;
  scorePercent: number;
  version: number;
}

/** A trainee's answer that counts now (long enough, not removed or hidden), or none. */
export interface DiscussionAnswered {
  userId: string;
  courseId: string;
  itemId: string;
  replyId: string | null;
}

/** Where a reply sits, for notifications and links. */
export interface ReplyPlace {
  replyId: string;
  courseId: string;
  courseSlug: string;
  itemId: string;
  itemTitle: string;
}

export interface ReplyPosted extends ReplyPlace {
  authorId: string;
  parentId: string | null;
  /** The author of the answer replied to, if any, when they may read the reply. */
  parentAuthorId: string | null;
  /** The people @mentioned (not the author) who may read the reply: post-first applies. */
  mentionedUserIds: string[];
}

/** A reply's author changed its text. */
export interface ReplyEdited extends ReplyPlace {
  authorId: string;
  /** People the new text @mentions and the old did not, who may read the reply. */
  mentionedUserIds: string[];
}

export interface ReviewRecorded extends ReplyPlace {
  reviewId: string;
  answerAuthorId: string;
  mentorId: string;
  status: ReviewStatus;
}

/** A mentor of the course signed a trainee off. */
export interface TraineeSignedOff {
  courseId: string;
  userId: string;
  mentorId: string;
  note: string | null;
  at: string;
}

/** Someone's presence in a live chat session, once it ended: how long they were there. */
export interface SessionAttended {
  userId: string;
  sessionId: string;
  /** The session's kind (`support-session`), which course requirements name. */
  kind: string;
  minutes: number;
  at: string;
}

/** A trainee met every requirement of a course; recorded once, with its evidence. */
export interface CourseCompleted {
  userId: string;
  courseId: string;
  courseSlug: string;
  courseTitle: string;
  version: number;
  completedAt: string;
}
