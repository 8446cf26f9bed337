import type { UserSummary } from './identity';

export const REACTION_KINDS = ['like', 'heart', 'insightful', 'support'] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];

export const REVIEW_STATUSES = ['accepted', 'needs_revision'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const REPLY_SORTS = ['oldest', 'newest', 'top'] as const;
export type ReplySort = (typeof REPLY_SORTS)[number];

/** A discussion item's thread, as `GET /items/:id/thread` describes it. */
export interface ThreadView {
  itemId: string;
  courseId: string;
  courseSlug: string;
  courseTitle: string;
  title: string;
  promptHtml: string;
  reflectionQuestion: string | null;
  postFirst: boolean;
  minWords: number;
  /** Answers (not counting nested replies, nor removed answers). */
  replyCount: number;
  /** False while a post-first prompt waits for my own answer. */
  canSeeReplies: boolean;
  myAnswerId: string | null;
  /** I may moderate and review here (course staff, admins). */
  canModerate: boolean;
  canReview: boolean;
}

export interface ReplyAuthor extends UserSummary {
  /** Facilitator roles held, shown as badges next to the name. */
  badges: string[];
}

export interface ReplyReview {
  status: ReviewStatus;
  comment: string | null;
  reviewer: UserSummary | null;
  reviewedAt: string;
}

export interface ReplyView {
  id: string;
  itemId: string;
  parentId: string | null;
  /** Empty when the reply is removed or hidden (and the caller may not moderate). */
  bodyHtml: string;
  author: ReplyAuthor | null;
  createdAt: string;
  editedAt: string | null;
  /** `removed` by its author or a moderator; `hidden` by moderators or three flags. */
  state: 'visible' | 'removed' | 'hidden';
  reactions: Record<ReactionKind, number>;
  myReactions: ReactionKind[];
  childCount: number;
  mine: boolean;
  /** The Markdown, for its author to edit. */
  bodyMd?: string;
  wordCount: number;
  /** Shown to the answer's author and to staff. */
  review: ReplyReview | null;
}

export interface CreateReplyRequest {
  /** Markdown. */
  body: string;
  /** Set to reply to an answer (replies nest one level). */
  parentId?: string;
}

export interface UpdateReplyRequest {
  body: string;
}

export interface FlagRequest {
  reason: string;
}

export interface ReviewRequest {
  status: ReviewStatus;
  comment?: string;
}

export interface ReplyEditView {
  bodyMd: string;
  editedAt: string;
  editedBy: UserSummary | null;
}

/** A flag as filed, and whether the reply is hidden now (enough flags hide it until a moderator looks). */
export interface FlagResult {
  id: string;
  hidden: boolean;
}

/** A flagged reply in a course's moderation queue. */
export interface FlagView {
  id: string;
  reason: string;
  createdAt: string;
  flaggedBy: UserSummary | null;
  reply: ReplyView & { bodyMd: string; itemTitle: string };
}

/** Unread replies are counted up to this many ("100+"), so a busy thread costs no more. */
export const UNREAD_COUNT_LIMIT = 100;

/** Per discussion of a course: how many answers, and how many replies I have not read. */
export interface ThreadActivity {
  itemId: string;
  answerCount: number;
  /** At most UNREAD_COUNT_LIMIT. */
  unread: number;
}

/** What waits for a course's staff: answers nobody has reviewed yet, flags nobody has looked at. */
export interface ReviewQueue {
  courseId: string;
  answersToReview: number;
  openFlags: number;
}
