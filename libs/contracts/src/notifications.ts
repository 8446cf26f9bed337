import type { UserSummary } from './identity';

export const NOTIFICATION_KINDS = ['mention', 'reply', 'review', 'role_granted', 'role_revoked', 'role_expired', 'role_expiring', 'request_denied', 'chat_mention', 'role_suspended', 'chat_sanction', 'chat_report', 'chat_report_escalated', 'chat_report_outcome', 'chat_appeal', 'chat_appeal_decided'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** No reply text is carried: a notification never reveals an answer its reader may not see yet. */
export interface NotificationView {
  id: string;
  kind: NotificationKind;
  actor: UserSummary | null;
  /** What happened, in a sentence: “Sam Okafor mentioned you in ‘A room you like’”. */
  text: string;
  /** Where to look: a path in the web app, with a `#fragment` for a reply. */
  link: string;
  createdAt: string;
  readAt: string | null;
}

export interface MarkReadRequest {
  /** The notifications to mark read; all of mine when absent. */
  ids?: string[];
}
