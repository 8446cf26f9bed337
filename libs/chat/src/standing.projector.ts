import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '@hearth/platform';
import { StandingRepository } from './standing.repository';

/**
 * Keeps the chat's read model of people (StandingRepository) in step with identity and
 * credentials: each event is followed inside the transaction that publishes it, so the
 * chat's view of someone's roles, badges and admin standing commits or rolls back with
 * the change itself. Every write is an upsert or a delete by key: a retried event is harmless.
 */
@Injectable()
export class StandingProjector implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly standing: StandingRepository,
  ) {}

  onModuleInit(): void {
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
  }
}
