import type { FieldError } from '@hearth/contracts';
import { DomainError, type ErrorKind } from '@hearth/platform';

export enum CoursesErrorCode {
  NotSignedIn = 'not-signed-in',
  CourseNotFound = 'course-not-found',
  ModuleNotFound = 'module-not-found',
  ItemNotFound = 'item-not-found',
  UserNotFound = 'user-not-found',
  SlugTaken = 'slug-taken',
  NotAnAuthor = 'not-an-author',
  NotCourseAuthor = 'not-course-author',
  NotCourseOwner = 'not-course-owner',
  NotEnrolled = 'not-enrolled',
  NotEnrollable = 'not-enrollable',
  NotPublishable = 'not-publishable',
  NothingToRecertify = 'nothing-to-recertify',
  NotAQuiz = 'not-a-quiz',
  NotADiscussion = 'not-a-discussion',
  ModuleNotEmpty = 'module-not-empty',
  LastOwner = 'last-owner',
  InvalidFolder = 'invalid-course-folder',
  InvalidArchive = 'invalid-archive',
  TraineeNotFound = 'trainee-not-found',
  SelfSignOff = 'self-sign-off',
}

const KINDS: Record<CoursesErrorCode, ErrorKind> = {
  [CoursesErrorCode.NotSignedIn]: 'unauthenticated',
  [CoursesErrorCode.CourseNotFound]: 'not_found',
  [CoursesErrorCode.ModuleNotFound]: 'not_found',
  [CoursesErrorCode.ItemNotFound]: 'not_found',
  [CoursesErrorCode.UserNotFound]: 'not_found',
  [CoursesErrorCode.SlugTaken]: 'conflict',
  [CoursesErrorCode.NotAnAuthor]: 'forbidden',
  [CoursesErrorCode.NotCourseAuthor]: 'forbidden',
  [CoursesErrorCode.NotCourseOwner]: 'forbidden',
  [CoursesErrorCode.NotEnrolled]: 'forbidden',
  [CoursesErrorCode.NotEnrollable]: 'rule',
  [CoursesErrorCode.NotPublishable]: 'rule',
  [CoursesErrorCode.NothingToRecertify]: 'rule',
  [CoursesErrorCode.NotAQuiz]: 'rule',
  [CoursesErrorCode.NotADiscussion]: 'rule',
  [CoursesErrorCode.ModuleNotEmpty]: 'rule',
  [CoursesErrorCode.LastOwner]: 'rule',
  [CoursesErrorCode.InvalidFolder]: 'rule',
  [CoursesErrorCode.InvalidArchive]: 'invalid',
  [CoursesErrorCode.TraineeNotFound]: 'not_found',
  [CoursesErrorCode.SelfSignOff]: 'forbidden',
};

export class CoursesError extends DomainError {
  readonly kind: ErrorKind;

  constructor(code: CoursesErrorCode, message: string, fieldErrors: FieldError[] = []) {
    super(code, message, fieldErrors);
    this.kind = KINDS[code];
  }
}

export const courseNotFound = () => new CoursesError(CoursesErrorCode.CourseNotFound, 'There is no such course, or it is not published.');
export const itemNotFound = () => new CoursesError(CoursesErrorCode.ItemNotFound, 'There is no such item, or it is not published.');
export const moduleNotFound = () => new CoursesError(CoursesErrorCode.ModuleNotFound, 'There is no such module.');
