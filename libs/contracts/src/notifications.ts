import type { UserSummary } from './identity';

export const NOTIFICATION_KINDS = ['mention', 'reply', 'review'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** No reply text is carried: a notification never reveals an answer its reader may not see yet. */
export interface NotificationView {
  id: string;
  kind: NotificationKind;
  actor: UserSummary | null;
  courseSlug: string;
  itemId: string;
  itemTitle: string;
  replyId: string;
  /** For reviews: accepted or needs_revision. */
  detail: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface MarkReadRequest {
  /** The notifications to mark read; all of mine when absent. */
  ids?: string[];
}
