import type { ItemType } from './courses';

/**
 * Every domain event, by name, with its payload. A context publishes these inside the
 * transaction that made the change; others subscribe without importing the publisher.
 */
export interface DomainEventMap {
  'course.published': CoursePublished;
  'enrollment.created': EnrollmentCreated;
  'item.viewed': ItemViewed;
  'quiz.passed': QuizPassed;
}

export type DomainEventName = keyof DomainEventMap;

export interface CoursePublished {
  courseId: string;
  version: number;
  publishedBy: string;
  /** The version's items in reading order, for contexts that keep their own view of a course. */
  items: Array<{ itemId: string; type: ItemType; minWords: number | null }>;
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
