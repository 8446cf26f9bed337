import { Injectable } from '@nestjs/common';
import type { SuspensionCause } from '@hearth/contracts';
import { Clock, DomainEvents, Outbox, outboxTopic } from '@hearth/platform';
import { CredentialsError, CredentialsErrorCode } from './credentials.errors';
import { type GrantRow, GrantsRepository } from './grants.repository';
import { type RoleRow, RolesRepository } from './roles.repository';

export const DAY_MS = 86_400_000;
/** A grant's end or a suspension's end was set: the deadline clock (GrantDeadlines) looks again. */
export const DEADLINE_TOPIC = outboxTopic<Record<string, never>>('credentials.deadline-changed');

/**
 * How a grant changes state: granted, expired, suspended, reinstated, revoked. Each change
 * is a row in grant_event and a domain event, inside the caller's transaction (the
 * caller has locked the person first).
 *
 * Roles that build on roles fall with them: when a grant stops being in force (revoked,
 * expired, suspended), the person's grants of roles whose rule names it are suspended in
 * the same transaction, and when it is in force again (granted, reinstated) those
 * suspended for that reason are reinstated, as far down as roles build on each other.
 */
@Injectable()
export class GrantLifecycle {
  constructor(
    private readonly events: DomainEvents,
    private readonly outbox: Outbox,
    private readonly grants: GrantsRepository,
    private readonly roles: RolesRepository,
    private readonly clock: Clock,
  ) {}

  /** Grants a role now; null when it is held already. */
  async grant(
    userId: string,
    role: RoleRow,
    how: 'auto' | 'review' | 'manual',
    actorId: string | null,
    reason: string | null,
    requestId: string | null,
    endsAt?: Date,
  ): Promise<GrantRow | null> {
    await this.expireEnded(userId, role);
    const grantedAt = this.clock.now();
    const validUntil = role.rule.validityDays ? new Date(grantedAt.getTime() + role.rule.validityDays * DAY_MS) : null;
    const expiresAt = endsAt && (!validUntil || endsAt < validUntil) ? endsAt : validUntil;
    const grant = await this.grants.insertGrant({ userId, roleKey: role.key, roleVersion: role.version, source: how, grantedAt, expiresAt });
    if (!grant) return null;
    await this.grants.insertEvent({ userId, kind: 'granted', roleKey: role.key, roleVersion: role.version, grantId: grant.id, requestId, actorId, reason });
    await this.events.publish('role.granted', {
      grantId: grant.id,
      userId,
      roleKey: role.key,
      roleName: role.name,
      roleVersion: role.version,
      how,
      grantedAt: grantedAt.toISOString(),
      actorId,
      reason,
      expiresAt: expiresAt?.toISOString() ?? null,
    });
    if (expiresAt) await this.deadlineChanged();
    await this.restoreDependents(userId, role.key, role.name);
    return grant;
  }

  async expire(grant: GrantRow, roleName: string): Promise<void> {
    await this.grants.setStatus(grant.id, 'expired');
    await this.grants.insertEvent({ userId: grant.userId, kind: 'expired', roleKey: grant.roleKey, roleVersion: grant.roleVersion, grantId: grant.id, requestId: null, actorId: null, reason: null });
    await this.events.publish('role.expired', { grantId: grant.id, userId: grant.userId, roleKey: grant.roleKey, roleName, roleVersion: grant.roleVersion });
    if (grant.status === 'active') await this.suspendDependents(grant.userId, grant.roleKey, roleName);
  }

  /** Suspends the grant, as of `at` (the Clock's time now, unless the caller's step names its moment). */
  async suspend(
    grant: GrantRow,
    roleName: string,
    suspension: { cause: SuspensionCause; reason: string; until: Date | null; actorId: string | null; at?: Date; refresherId?: string | null },
  ): Promise<void> {
    await this.grants.suspend(grant.id, suspension);
    await this.grants.insertEvent({
      userId: grant.userId,
      kind: 'suspended',
      roleKey: grant.roleKey,
      roleVersion: grant.roleVersion,
      grantId: grant.id,
      requestId: null,
      actorId: suspension.actorId,
      reason: suspension.reason,
    });
    await this.events.publish('role.suspended', {
      grantId: grant.id,
      userId: grant.userId,
      roleKey: grant.roleKey,
      roleName,
      roleVersion: grant.roleVersion,
      cause: suspension.cause,
      actorId: suspension.actorId,
      reason: suspension.reason,
      until: suspension.until?.toISOString() ?? null,
    });
    if (suspension.until) await this.deadlineChanged();
    await this.suspendDependents(grant.userId, grant.roleKey, roleName);
  }

  /** A suspended grant in force again (its end unchanged), and what was suspended with it. */
  async restore(grant: GrantRow, roleName: string, actorId: string | null, reason: string): Promise<void> {
    await this.grants.setStatus(grant.id, 'active');
    await this.recordReinstated(grant, roleName, actorId, reason, grant.expiresAt);
    await this.restoreDependents(grant.userId, grant.roleKey, roleName);
  }

  /**
   * A revoked or expired grant made active again, until its old end if that is still
   * ahead, else for a fresh term; its new end.
   */
  async reactivate(grant: GrantRow, role: RoleRow, actorId: string, reason: string): Promise<Date | null> {
    await this.expireEnded(grant.userId, role);
    const now = this.clock.now().getTime();
    const expiresAt = grant.expiresAt && grant.expiresAt.getTime() > now ? grant.expiresAt : role.rule.validityDays ? new Date(now + role.rule.validityDays * DAY_MS) : null;
    await this.grants.setStatus(grant.id, 'active', { expiresAt });
    await this.recordReinstated(grant, role.name, actorId, reason, expiresAt);
    if (expiresAt) await this.deadlineChanged();
    await this.restoreDependents(grant.userId, grant.roleKey, role.name);
    return expiresAt;
  }

  async revoke(grant: GrantRow, actorId: string, reason: string): Promise<void> {
    await this.grants.setStatus(grant.id, 'revoked');
    await this.grants.insertEvent({ userId: grant.userId, kind: 'revoked', roleKey: grant.roleKey, roleVersion: grant.roleVersion, grantId: grant.id, requestId: null, actorId, reason });
    const roleName = await this.roles.name(grant.roleKey);
    await this.events.publish('role.revoked', { grantId: grant.id, userId: grant.userId, roleKey: grant.roleKey, roleName, roleVersion: grant.roleVersion, actorId, reason });
    if (grant.status === 'active') await this.suspendDependents(grant.userId, grant.roleKey, roleName);
  }

  /** The roles a role builds on that the person does not hold now. */
  async missingPrerequisites(userId: string, role: RoleRow): Promise<string[]> {
    const held = new Set((await this.grants.active(userId)).map((grant) => grant.roleKey));
    return role.rule.roleKeys.filter((key) => !held.has(key));
  }

  async requirePrerequisites(userId: string, role: RoleRow): Promise<void> {
    const missing = await this.missingPrerequisites(userId, role);
    if (missing.length > 0) {
      const names = await this.roles.names(missing);
      throw new CredentialsError(
        CredentialsErrorCode.MissingRoles,
        `${role.name} builds on ${missing.map((key) => names.get(key) ?? key).join(', ')}, which this person does not hold.`,
      );
    }
  }

  /**
   * A suspended grant whose prerequisite is missing stays suspended, now for that reason:
   * it comes back when the role it builds on does. Whether it was held back.
   */
  async holdBackForPrerequisites(grant: GrantRow, role: RoleRow): Promise<boolean> {
    const missing = await this.missingPrerequisites(grant.userId, role);
    if (missing.length === 0) return false;
    await this.grants.recause(grant.id, prerequisiteReason(await this.roles.name(missing[0])));
    return true;
  }

  /** A grant past its end that the sweep has not reached yet ends now, making room. */
  private async expireEnded(userId: string, role: RoleRow): Promise<void> {
    const ended = await this.grants.endedOf(userId, role.key);
    if (ended) await this.expire(ended, role.name);
  }

  /** The history row and the event of a grant in force again: to those who follow `role.granted`, it is granted anew. */
  private async recordReinstated(grant: GrantRow, roleName: string, actorId: string | null, reason: string, expiresAt: Date | null): Promise<void> {
    await this.grants.insertEvent({ userId: grant.userId, kind: 'reinstated', roleKey: grant.roleKey, roleVersion: grant.roleVersion, grantId: grant.id, requestId: null, actorId, reason });
    await this.events.publish('role.granted', {
      grantId: grant.id,
      userId: grant.userId,
      roleKey: grant.roleKey,
      roleName,
      roleVersion: grant.roleVersion,
      how: 'reinstated',
      grantedAt: grant.grantedAt.toISOString(),
      actorId,
      reason,
      expiresAt: expiresAt?.toISOString() ?? null,
    });
  }

  /** A role stopped being in force: the person's active grants of roles built on it are suspended (and theirs, in turn). */
  private async suspendDependents(userId: string, roleKey: string, roleName: string): Promise<void> {
    for (const dependent of await this.grants.dependentsOf(userId, roleKey, 'active')) {
      await this.suspend(dependent, await this.roles.name(dependent.roleKey), { cause: 'prerequisite', reason: prerequisiteReason(roleName), until: null, actorId: null });
    }
  }

  /** A role is in force again: grants suspended because it was not, whose every prerequisite is held now, are reinstated. */
  private async restoreDependents(userId: string, roleKey: string, roleName: string): Promise<void> {
    for (const dependent of await this.grants.dependentsOf(userId, roleKey, 'suspended')) {
      const role = (await this.roles.find(dependent.roleKey))!;
      if ((await this.missingPrerequisites(userId, role)).length > 0) continue;
      await this.restore(dependent, role.name, null, `${roleName}, which it builds on, is held again.`);
    }
  }

  private deadlineChanged(): Promise<void> {
    return this.outbox.enqueue(DEADLINE_TOPIC, {});
  }
}

function prerequisiteReason(roleName: string): string {
  return `It builds on ${roleName}, which is no longer held.`;
}
