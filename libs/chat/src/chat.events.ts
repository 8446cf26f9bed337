import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '@hearth/platform';
import { ChatPowers } from './chat-powers';
import { ChatSignOuts } from './chat-sign-outs';
import { StandingRepository } from './standing.repository';

/**
 * The chat context's events. It follows identity and credentials, each event inside the
 * transaction that publishes it:
 *
 * - its read model of people (StandingRepository) is kept in step, so the chat's view of
 *   someone's roles, badges and admin standing commits or rolls back with the change itself
 *   (every write an upsert or a delete by key: a retried event is harmless);
 * - whoever's roles, badges or admin standing changed (or whose role was redefined) gets
 *   their powers worked out again and pushed to their open connections after the commit
 *   (ChatPowers);
 * - a sign-in that ended closes its connections (ChatSignOuts).
 *
 * It publishes `chat.moderated`, `chat.sanctioned`, `chat.reported`, `chat.report_*`,
 * `chat.appealed`, `chat.appeal_decided`, `chat.host_wanted`, `chat.mentioned` (after the message, from the
 * outbox), `session.attended` and `session.ended`. See docs/architecture.md for the whole map.
 */
@Injectable()
export class ChatEvents implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly standing: StandingRepository,
    private readonly powers: ChatPowers,
    private readonly signOuts: ChatSignOuts,
  ) {}

  onModuleInit(): void {
    // The read model.
    this.events.on('user.registered', (e) => this.standing.saveMember(e));
    this.events.on('user.renamed', (e) => this.standing.renameMember(e.userId, e.username, e.displayName));
    this.events.on('platform_roles.changed', (e) => this.standing.setAdmin(e.userId, e.roles.includes('admin')));
    this.events.on('role.defined', (e) => this.standing.saveRole(e.roleKey, e.name, e.effects));
    this.events.on('role.granted', (e) =>
      this.standing.holdRole({ userId: e.userId, roleKey: e.roleKey, grantId: e.grantId, grantedAt: new Date(e.grantedAt), expiresAt: e.expiresAt ? new Date(e.expiresAt) : null }),
    );
    this.events.on('role.suspended', (e) => this.standing.dropRole(e.grantId));
    this.events.on('role.revoked', (e) => this.standing.dropRole(e.grantId));
    this.events.on('role.expired', (e) => this.standing.dropRole(e.grantId));
    this.events.on('badge.awarded', (e) => this.standing.holdBadge(e.userId, e.courseId));
    this.events.on('badge.revoked', (e) => this.standing.dropBadge(e.userId, e.courseId));
    // Then what each change does to powers already in use.
    const changed = ({ userId }: { userId: string }) => this.powers.recheck([userId]);
    this.events.on('role.granted', changed);
    this.events.on('role.revoked', changed);
    this.events.on('role.expired', changed);
    this.events.on('role.suspended', changed);
    // A badge can open a room locked to it.
    this.events.on('badge.awarded', changed);
    this.events.on('badge.revoked', changed);
    // An admin made or unmade someone an admin (admins hold every power everywhere).
    this.events.on('platform_roles.changed', changed);
    this.events.on('role.defined', ({ roleKey }) => this.powers.roleRedefined(roleKey));
    this.events.on('user.signed_out', ({ sessionIds }) => this.signOuts.ended(sessionIds));
  }
}
