import type { UserSummary } from './identity';

export const NOTIFICATION_KINDS = ['mention', 'reply', 'review', 'role_granted', 'role_revoked', 'role_expired', 'role_expiring', 'request_denied', 'chat_mention', 'role_suspended', 'chat_sanction', 'chat_report', 'chat_report_escalated', 'chat_report_outcome', 'chat_appeal', 'chat_appeal_decided', 'course_completed', 'badge_awarded', 'answer_to_review', 'reply_flagged', 'grant_requested', 'grant_request_waiting', 'chat_host_wanted', 'refresher_assigned', 'refresher_due', 'activity_low', 'practice_to_score', 'practicum_reviewed'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Every kind, in words and in groups, as the e-mail preferences page lists them. */
export const NOTIFICATION_KIND_GROUPS: ReadonlyArray<{ title: string; kinds: ReadonlyArray<{ kind: NotificationKind; label: string }> }> = [
  {
    title: 'Courses and discussions',
    kinds: [
      { kind: 'mention', label: 'Someone mentions me in a discussion' },
      { kind: 'reply', label: 'Someone replies to my answer' },
      { kind: 'review', label: 'A mentor reviews my answer' },
      { kind: 'course_completed', label: 'I complete a course' },
      { kind: 'practicum_reviewed', label: 'A mentor scores a practice session I led' },
      { kind: 'badge_awarded', label: 'I earn a badge' },
    ],
  },
  {
    title: 'Facilitator roles',
    kinds: [
      { kind: 'role_granted', label: 'I am given a role, or it is given back' },
      { kind: 'role_expiring', label: 'A role of mine ends soon' },
      { kind: 'role_expired', label: 'A role of mine has ended' },
      { kind: 'role_suspended', label: 'A role of mine is suspended' },
      { kind: 'refresher_assigned', label: 'I am asked to redo a course, or what changed in one, for a role' },
      { kind: 'refresher_due', label: 'What I am asked to redo is due soon' },
      { kind: 'activity_low', label: 'I have hosted less than a role of mine asks' },
      { kind: 'role_revoked', label: 'A role of mine is revoked' },
      { kind: 'request_denied', label: 'My request for a role is declined' },
    ],
  },
  {
    title: 'Chat',
    kinds: [
      { kind: 'chat_mention', label: 'Someone mentions me in a chat room' },
      { kind: 'chat_sanction', label: 'A moderator acts on something of mine' },
      { kind: 'chat_appeal_decided', label: 'My appeal is decided' },
      { kind: 'chat_report_outcome', label: 'A message I reported was looked at' },
    ],
  },
  {
    title: 'Mentoring, moderating and admin work',
    kinds: [
      { kind: 'answer_to_review', label: 'An answer waits for my review, in a course I mentor' },
      { kind: 'practice_to_score', label: 'A practice session I observed waits for my scores' },
      { kind: 'reply_flagged', label: 'A reply is flagged, in a course I help run' },
      { kind: 'grant_requested', label: 'Someone asks for a role (admins)' },
      { kind: 'grant_request_waiting', label: 'A role request has waited too long (admins)' },
      { kind: 'chat_report', label: 'A message is reported in a room I moderate' },
      { kind: 'chat_host_wanted', label: 'A room I host asks for a host' },
      { kind: 'chat_report_escalated', label: 'A report is waiting for an admin' },
      { kind: 'chat_appeal', label: 'Someone appeals a moderation step' },
    ],
  },
];

/** The kinds a person does not want by e-mail (they still show in the bell). */
/**
 * How each kind of notification reaches me by e-mail: each one as it happens (the kinds in
 * neither list), gathered into one e-mail a day (`daily`: those still unread when it goes,
 * at 07:00 UTC), or not at all (`emailOff`). The bell shows every one whatever is chosen.
 */
export interface EmailPreferences {
  emailOff: NotificationKind[];
  /** Optional when saving (none then). */
  daily: NotificationKind[];
}

export interface EmailPreferencesRequest {
  emailOff: NotificationKind[];
  daily?: NotificationKind[];
}

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

/** How many of my notifications are unread, for the bell. */
export interface UnreadCount {
  unread: number;
}

export interface MarkReadRequest {
  /** The notifications to mark read; all of mine when absent. */
  ids?: string[];
}
