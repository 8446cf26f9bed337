import type { AuditKind, GrantEventKind, GrantSource, GrantStatus, PermissionBundle, RequestStatus } from '@hearth/contracts';

/** The admin pages' words for the API's codes, in one place so every page says the same. */

export const AUDIT_KIND_NAMES: Record<AuditKind, string> = {
  'course.published': 'Course published',
  'role.defined': 'Role defined',
  'grant.requested': 'Role requested',
  'grant.denied': 'Request denied',
  'role.granted': 'Role granted',
  'role.reinstated': 'Role reinstated',
  'role.revoked': 'Role revoked',
  'role.expired': 'Role expired',
  'role.suspended': 'Role suspended',
  'badge.awarded': 'Badge awarded',
  'badge.revoked': 'Badge revoked',
  'platform_roles.changed': 'Platform roles changed',
  'reply.hide': 'Reply hidden',
  'reply.restore': 'Reply shown again',
  'reply.remove': 'Reply removed',
  'reply.dismiss_flags': 'Flags dismissed',
  'chat.remove': 'Chat message removed',
  'chat.warn': 'Chat warning',
  'chat.mute': 'Chat mute',
  'chat.ban': 'Removed from a room',
  'chat.suspend_role': 'Role suspended from the chat',
  'chat.appeal_confirmed': 'Appeal decided: the step stands',
  'chat.appeal_overturned': 'Appeal decided: the step lifted',
  'chat.report_dismissed': 'Report dismissed',
  'chat.slow_mode': 'Slow mode changed',
  'chat.freeze': 'Room locked',
  'chat.unfreeze': 'Room unlocked',
  'user.deleted': 'Account deleted',
  'user.exported': 'Data exported',
};

export const GRANT_EVENT_NAMES: Record<GrantEventKind, string> = {
  requested: 'Requested',
  granted: 'Granted',
  denied: 'Denied',
  revoked: 'Revoked',
  expired: 'Expired',
  suspended: 'Suspended',
  reinstated: 'Reinstated',
};

export const GRANT_STATUS_NAMES: Record<GrantStatus, string> = { active: 'Active', suspended: 'Suspended', revoked: 'Revoked', expired: 'Expired' };

export const GRANT_SOURCE_NAMES: Record<GrantSource, string> = { auto: 'automatically', review: 'after review', manual: 'by hand' };

export const REQUEST_STATUS_NAMES: Record<RequestStatus, string> = { pending: 'Pending', approved: 'Approved', denied: 'Denied' };

export const BUNDLE_NAMES: Record<PermissionBundle, string> = {
  moderator: 'Moderator',
  session_leader: 'Session leader',
  on_spot_host: 'On-the-spot host',
};
