import { DomainError, type ErrorKind } from '@hearth/platform';

export enum DiscussionsErrorCode {
  ReplyNotFound = 'reply-not-found',
  /** Kept short on purpose: clients look for a problem type ending in `post-first`. */
  PostFirst = 'post-first',
  AlreadyAnswered = 'already-answered',
  NotYourReply = 'not-your-reply',
  NotStaff = 'not-course-staff',
  ReplyClosed = 'reply-closed',
  NotAnAnswer = 'not-an-answer',
  AlreadyFlagged = 'already-flagged',
  FlagNotFound = 'flag-not-found',
  FlagSettled = 'flag-settled',
  NotEnrolled = 'not-enrolled',
  SelfReview = 'self-review',
}

const KINDS: Record<DiscussionsErrorCode, ErrorKind> = {
  [DiscussionsErrorCode.ReplyNotFound]: 'not_found',
  [DiscussionsErrorCode.PostFirst]: 'forbidden',
  [DiscussionsErrorCode.AlreadyAnswered]: 'conflict',
  [DiscussionsErrorCode.NotYourReply]: 'forbidden',
  [DiscussionsErrorCode.NotStaff]: 'forbidden',
  [DiscussionsErrorCode.ReplyClosed]: 'rule',
  [DiscussionsErrorCode.NotAnAnswer]: 'rule',
  [DiscussionsErrorCode.AlreadyFlagged]: 'conflict',
  [DiscussionsErrorCode.FlagNotFound]: 'not_found',
  [DiscussionsErrorCode.FlagSettled]: 'conflict',
  [DiscussionsErrorCode.NotEnrolled]: 'forbidden',
  [DiscussionsErrorCode.SelfReview]: 'forbidden',
};

export class DiscussionsError extends DomainError {
  readonly kind: ErrorKind;

  constructor(code: DiscussionsErrorCode, message: string) {
    super(code, message);
    this.kind = KINDS[code];
  }
}

export const replyNotFound = () => new DiscussionsError(DiscussionsErrorCode.ReplyNotFound, 'There is no such reply, or you may not see it.');
export const postFirst = () =>
  new DiscussionsError(DiscussionsErrorCode.PostFirst, 'Post your own answer first: the others’ answers open once you have shared yours.');
