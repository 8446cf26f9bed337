import { Injectable, type OnModuleInit } from '@nestjs/common';
import { SANCTION_REASON_NAMES, type SanctionReason } from '@hearth/contracts';
import { DomainEvents } from '@hearth/platform';
import { AuditRepository, type AuditRow } from './audit.repository';

const GRANT_WORDS = { auto: 'automatically', review: 'after review', manual: 'by hand', reinstated: 'again' } as const;

/**
 * The audit context's events. It publishes none; it handles every grant change, publish,
 * platform-role change, account deletion or export and moderation action of the other
 * contexts, writing one row for each in the transaction of the change itself, as a follower:
 * if writing it fails, the change still commits and the row is written after the commit,
 * from the outbox, stamped then (never undone by it; a row that still cannot be written
 * after the outbox's last try waits as a failed message, for a person to look at). See
 * docs/architecture.md for the whole map.
 */
@Injectable()
export class AuditEvents implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly entries: AuditRepository,
  ) {}

  onModuleInit(): void {
    // A follower: what it writes cannot fail the change it follows (DomainEvents.follower).
    const events = this.events.follower('audit');
    const record = (entry: Omit<AuditRow, 'id' | 'at' | 'data'> & { data?: Record<string, unknown> }) => this.entries.insert({ data: {}, ...entry });
    events.on('course.published', (e) =>
      record({ actorId: e.publishedBy, kind: 'course.published', subjectType: 'course', subjectId: e.courseId, subjectUserId: null, summary: `Published “${e.title}”, version ${e.version}`, data: { slug: e.courseSlug, version: e.version } }),
    );
    events.on('role.defined', (e) =>
      record({ actorId: e.actorId, kind: 'role.defined', subjectType: 'role', subjectId: e.roleKey, subjectUserId: null, summary: `${e.version === 1 ? 'Created' : 'Changed'} the role “${e.name}” (version ${e.version})`, data: { version: e.version } }),
    );
    events.on('grant.requested', (e) =>
      record({ actorId: null, kind: 'grant.requested', subjectType: 'user', subjectId: e.userId, subjectUserId: e.userId, summary: e.kind === 'reinstatement' ? `Redid a refresher; waiting to have “${e.roleName}” back` : `Met what “${e.roleName}” asks for; waiting for review`, data: { roleKey: e.roleKey, roleVersion: e.roleVersion, requestId: e.requestId } }),
    );
    events.on('grant.denied', (e) =>
      record({ actorId: e.actorId, kind: 'grant.denied', subjectType: 'user', subjectId: e.userId, subjectUserId: e.userId, summary: `Denied “${e.roleName}”`, data: { roleKey: e.roleKey, roleVersion: e.roleVersion, requestId: e.requestId, reason: e.reason } }),
    );
    events.on('role.granted', (e) =>
      record({
        actorId: e.actorId,
        kind: e.how === 'reinstated' ? 'role.reinstated' : 'role.granted',
        subjectType: 'user',
        subjectId: e.userId,
        subjectUserId: e.userId,
        summary: `${e.how === 'reinstated' ? 'Reinstated' : 'Granted'} “${e.roleName}” ${GRANT_WORDS[e.how]} (role version ${e.roleVersion})`,
        data: { roleKey: e.roleKey, roleVersion: e.roleVersion, grantId: e.grantId, how: e.how, reason: e.reason, expiresAt: e.expiresAt },
      }),
    );
    events.on('role.revoked', (e) =>
      record({ actorId: e.actorId, kind: 'role.revoked', subjectType: 'user', subjectId: e.userId, subjectUserId: e.userId, summary: `Revoked “${e.roleName}”`, data: { roleKey: e.roleKey, grantId: e.grantId, reason: e.reason } }),
    );
    events.on('role.expired', (e) =>
      record({ actorId: null, kind: 'role.expired', subjectType: 'user', subjectId: e.userId, subjectUserId: e.userId, summary: `“${e.roleName}” expired`, data: { roleKey: e.roleKey, grantId: e.grantId } }),
    );
    events.on('role.suspended', (e) =>
      record({
        actorId: e.actorId,
        kind: 'role.suspended',
        subjectType: 'user',
        subjectId: e.userId,
        subjectUserId: e.userId,
        summary: `Suspended “${e.roleName}” ${e.until ? `until ${e.until.slice(0, 16).replace('T', ' ')} UTC` : 'until reinstated'}${e.cause === 'prerequisite' ? ' (a role it builds on ended)' : ''}`,
        data: { roleKey: e.roleKey, grantId: e.grantId, cause: e.cause, reason: e.reason, until: e.until },
      }),
    );
    events.on('badge.awarded', (e) =>
      record({ actorId: null, kind: 'badge.awarded', subjectType: 'badge', subjectId: e.assertionId, subjectUserId: e.userId, summary: `Awarded the badge “${e.name}”`, data: { courseId: e.courseId } }),
    );
    events.on('badge.revoked', (e) =>
      record({ actorId: e.actorId, kind: 'badge.revoked', subjectType: 'badge', subjectId: e.assertionId, subjectUserId: e.userId, summary: 'Revoked a badge', data: { courseId: e.courseId, reason: e.reason } }),
    );
    events.on('platform_roles.changed', (e) =>
      record({
        actorId: e.actorId,
        kind: 'platform_roles.changed',
        subjectType: 'user',
        subjectId: e.userId,
        subjectUserId: e.userId,
        summary: `Platform roles: ${e.roles.join(', ') || 'none'} (were ${e.previous.join(', ') || 'none'})`,
        data: { roles: e.roles, previous: e.previous },
      }),
    );
    events.on('user.deleted', (e) =>
      record({
        actorId: e.actorId,
        kind: 'user.deleted',
        subjectType: 'user',
        subjectId: e.userId,
        subjectUserId: e.userId,
        summary: e.actorId === e.userId ? 'Deleted their own account' : 'Deleted an account',
        data: e.reason ? { reason: e.reason } : {},
      }),
    );
    events.on('user.exported', (e) =>
      record({ actorId: e.actorId, kind: 'user.exported', subjectType: 'user', subjectId: e.userId, subjectUserId: e.userId, summary: 'Exported a person’s data', data: {} }),
    );
    events.on('chat.moderated', (e) =>
      record({
        actorId: e.actorId,
        kind: `chat.${e.action}`,
        subjectType: 'room',
        subjectId: e.roomId,
        subjectUserId: e.userId,
        summary: {
          remove: `Removed a chat message${because(e.reasonCode)}`,
          warn: `Warned someone${because(e.reasonCode)}`,
          mute: `Muted someone for ${e.minutes} minutes${because(e.reasonCode)}`,
          ban: `Took someone out of the room for ${e.minutes} minutes${because(e.reasonCode)}`,
          suspend_role: `Suspended someone’s role for ${Math.round((e.minutes ?? 0) / 1440)} days${because(e.reasonCode)}`,
          slow_mode: `Set slow mode (${e.reason})`,
          freeze: 'Locked the room',
          unfreeze: 'Opened the room again',
          appeal_confirmed: 'Decided an appeal: the step stands',
          appeal_overturned: 'Decided an appeal: the step is lifted',
          report_dismissed: 'Dismissed a report of a message',
        }[e.action],
        data: { messageId: e.messageId, minutes: e.minutes, sanctionId: e.sanctionId, reasonCode: e.reasonCode, reason: e.reason },
      }),
    );
    events.on('reply.moderated', (e) =>
      record({
        actorId: e.actorId,
        kind: `reply.${e.action}`,
        subjectType: 'reply',
        subjectId: e.replyId,
        subjectUserId: e.authorId,
        summary: { hide: 'Hid a reply', restore: 'Restored a hidden reply', remove: 'Removed a reply', dismiss_flags: 'Dismissed the flags on a reply' }[e.action],
        data: { courseId: e.courseId, itemId: e.itemId },
      }),
    );
  }
}

/** A sanction's reason in the audit log's summary: the list's words; the moderator's own are in `data`. */
function because(code: SanctionReason | null): string {
  return code ? ` (${SANCTION_REASON_NAMES[code].toLowerCase()})` : '';
}
