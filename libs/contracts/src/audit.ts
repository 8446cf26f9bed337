import type { UserSummary } from './identity';

/** What the audit log records. */
export const AUDIT_KINDS = [
  'course.published',
  'role.defined',
  'grant.requested',
  'grant.denied',
  'role.granted',
  'role.reinstated',
  'role.revoked',
  'role.expired',
  'role.suspended',
  'badge.awarded',
  'badge.revoked',
  'platform_roles.changed',
  'reply.hide',
  'reply.restore',
  'reply.remove',
  'reply.dismiss_flags',
  'chat.remove',
  'chat.warn',
  'chat.mute',
  'chat.ban',
  'chat.suspend_role',
  'chat.appeal_confirmed',
  'chat.appeal_overturned',
  'chat.report_dismissed',
  'chat.slow_mode',
  'chat.freeze',
  'chat.unfreeze',
  'user.deleted',
  'user.exported',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export interface AuditEntry {
  id: string;
  at: string;
  /** Null when Hearth did it by itself. */
  actor: UserSummary | null;
  kind: AuditKind;
  subjectType: 'user' | 'course' | 'role' | 'reply' | 'badge' | 'room';
  subjectId: string;
  /** The person it concerns, if any. */
  subjectUser: UserSummary | null;
  summary: string;
  data: Record<string, unknown>;
}
