import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Eligibility, Grant, GrantHistory, GrantRequest, Page, RequestStatus } from '@hearth/contracts';
import { type AuthUser, UsersService } from '@hearth/identity';
import { Clock, Database, decodeCursor, DEFAULT_PAGE_SIZE, DomainEvents, Outbox, outboxTopic, OutboxWorker, toPage, ValidationFailedError } from '@hearth/platform';
import { CredentialsError, CredentialsErrorCode, roleNotFound } from './credentials.errors';
import { ActivitySweep } from './activity-sweep';
import { CompletionsRepository } from './completions.repository';
import { GrantEvidence } from './grant-evidence';
import { GrantLifecycle } from './grant-lifecycle';
import { GrantViews } from './grant-views';
import { GrantsRepository, type RequestRow } from './grants.repository';
import { RefreshersService } from './refreshers.service';
import { type RoleRow, RolesRepository } from './roles.repository';
import { RoleEligibility } from './role-eligibility';

const RECONSIDER_TOPIC = outboxTopic<{ roleKey: string }>('credentials.reconsider-role');

/**
 * Grants: who holds which facilitator role, and the append-only history of how.
 *
 * A completed course (or a newly held role) re-checks the roles whose rule names it, for
 * that one person: when the whole rule is met, an `auto` role is granted at once and a
 * `review` role gets a request with the evidence, for an admin. Admins also grant by hand,
 * revoke and reinstate, always with a reason. At most one active grant per person and
 * role, and one pending request: unique keys decide, so concurrent events cannot grant
 * twice. Every change is a row in grant_event and a domain event (`role.granted`,
 * `role.revoked`, `role.expired`, `role.suspended`) that the chat and the audit log follow;
 * GrantLifecycle makes those changes, and takes the roles built on a grant along with it.
 */
@Injectable()
export class GrantsService implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly events: DomainEvents,
    private readonly outbox: Outbox,
    private readonly worker: OutboxWorker,
    private readonly grants: GrantsRepository,
    private readonly roles: RolesRepository,
    private readonly completions: CompletionsRepository,
    private readonly users: UsersService,
    private readonly lifecycle: GrantLifecycle,
    private readonly roleEligibility: RoleEligibility,
    private readonly evidence: GrantEvidence,
    private readonly views: GrantViews,
    private readonly clock: Clock,
    private readonly activity: ActivitySweep,
    private readonly refreshers: RefreshersService,
  ) {}

  onModuleInit(): void {
    this.worker.handle(RECONSIDER_TOPIC, ({ roleKey }: { roleKey: string }) => this.reconsiderRole(roleKey).then(() => undefined));
  }

  /** The roles a course completion unlocks for someone, considered now (CredentialsEvents). */
  async considerAfterCompletion(userId: string, courseId: string): Promise<void> {
    await this.consider(userId, await this.roles.unlockedBy({ courseId }));
  }

  /** The roles built on one just granted, considered now. */
  async considerAfterGrant(userId: string, roleKey: string): Promise<void> {
    await this.consider(userId, await this.roles.unlockedBy({ roleKey }));
  }

  /** A confirmed co-hosted session may complete the shadowing a role asks for, of the roles its leader held (CredentialsEvents). */
  async considerAfterShadowing(userId: string, leaderRoleKeys: string[]): Promise<void> {
    if (leaderRoleKeys.length > 0) await this.consider(userId, await this.roles.unlockedBy({ shadowingAny: leaderRoleKeys }));
  }

  /**
   * A changed rule may be met already by people who completed its courses before: they are
   * looked at after the change commits, in the background, a few at a time.
   */
  reconsiderLater(roleKey: string): Promise<void> {
    return this.outbox.enqueue(RECONSIDER_TOPIC, { roleKey });
  }

  /**
   * Everyone who has completed every course of a role's rule is considered for it, as if
   * they had just completed the last one. Each person in their own short transaction.
   */
  async reconsiderRole(roleKey: string): Promise<number> {
    const role = await this.roles.find(roleKey);
    if (!role || role.rule.courseIds.length === 0) return 0;
    const people = await this.completions.completedAll(role.rule.courseIds);
    for (const userId of people) await this.db.transaction(() => this.consider(userId, [role]));
    return people.length;
  }

  /**
   * A member who meets a role's rule asks an admin to look at their record: after a denial
   * or an expiry, or when the rule changed. It is a request like any other, with the
   * evidence of the moment, whatever the role's approval mode.
   */
  async ask(caller: AuthUser, roleKey: string): Promise<Eligibility> {
    const role = await this.roles.find(roleKey);
    if (!role) throw roleNotFound();
    await this.db.transaction(async () => {
      await this.grants.lockPerson(caller.id);
      const held = await this.grants.heldOf(caller.id, role.key);
      if (held) {
        throw new CredentialsError(
          CredentialsErrorCode.AlreadyHeld,
          held.status === 'suspended' ? `Your ${role.name} is suspended; an admin reinstates it.` : `You hold ${role.name} already.`,
        );
      }
      if (await this.grants.pendingOf(caller.id, role.key)) throw new CredentialsError(CredentialsErrorCode.RequestPending, `Your request for ${role.name} is with an admin already.`);
      const unmet = await this.roleEligibility.unmet(caller.id, role, { details: false });
      if (role.rule.courseIds.length === 0 || unmet.length > 0) {
        throw new CredentialsError(CredentialsErrorCode.NotEligible, `You do not meet what ${role.name} asks for yet.`);
      }
      await this.request(caller.id, role);
    });
    return this.roleEligibility.eligibilityOf(caller.id, role);
  }

  /** The people who hold a role now (whose powers change with its definition). */
  holdersOf(roleKey: string): Promise<string[]> {
    return this.grants.holdersOf(roleKey);
  }

  async eligibilityFor(userId: string, key: string): Promise<Eligibility | null> {
    const role = await this.roles.find(key);
    return role ? this.roleEligibility.eligibilityOf(userId, role) : null;
  }

  /** What is missing before I could hold a role. */
  async eligibility(caller: AuthUser, key: string): Promise<Eligibility> {
    const role = await this.roles.find(key);
    if (!role) throw roleNotFound();
    return this.roleEligibility.eligibilityOf(caller.id, role);
  }

  /** My roles (held, suspended ones included) and, for every other role, what is missing. */
  async mine(caller: AuthUser): Promise<{ roles: Grant[]; next: Eligibility[] }> {
    const [mine, all] = await Promise.all([this.grants.held(caller.id), this.roles.all()]);
    const held = new Set(mine.map((grant) => grant.roleKey));
    const [views, activity] = await Promise.all([this.views.grants(mine), this.activity.standings(mine, all)]);
    return {
      roles: views.map((grant) => (activity.has(grant.id) ? { ...grant, activity: activity.get(grant.id) } : grant)),
      next: await Promise.all(all.filter((role) => !held.has(role.key)).map((role) => this.roleEligibility.eligibilityOf(caller.id, role))),
    };
  }

  async requests(caller: AuthUser, query: { status?: RequestStatus; cursor?: string; limit?: number }): Promise<Page<GrantRequest>> {
    await this.users.requireAdmin(caller);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.grants.requestsPage(query.status ?? 'pending', decodeCursor(query.cursor, ['timestamp', 'uuid']), limit);
    const page = toPage(rows, limit, (row) => [row.createdKey, row.id], (row) => row);
    return { items: await this.views.requests(page.items), nextCursor: page.nextCursor };
  }

  async approve(caller: AuthUser, requestId: string, reason: string | undefined): Promise<GrantRequest> {
    await this.users.requireAdmin(caller);
    return this.db.transaction(async () => {
      const request = await this.pending(requestId);
      if (request.kind === 'reinstatement') return this.approveReinstatement(caller, request, reason?.trim() || null);
      const role = (await this.roles.version(request.roleKey, request.roleVersion))!;
      await this.lifecycle.requirePrerequisites(request.userId, role);
      await this.grants.decide(request.id, 'approved', caller.id, reason?.trim() || null);
      if (!(await this.lifecycle.grant(request.userId, role, 'review', caller.id, reason?.trim() || null, request.id))) {
        throw new CredentialsError(CredentialsErrorCode.AlreadyHeld, `This person holds ${role.name} already; deny the request instead.`);
      }
      return (await this.views.requests([(await this.grants.lockRequest(request.id))!]))[0];
    });
  }

  async deny(caller: AuthUser, requestId: string, reason: string | undefined): Promise<GrantRequest> {
    await this.users.requireAdmin(caller);
    return this.db.transaction(async () => {
      const request = await this.pending(requestId);
      const why = reason?.trim() || null;
      await this.grants.decide(request.id, 'denied', caller.id, why);
      await this.grants.insertEvent({ userId: request.userId, kind: 'denied', roleKey: request.roleKey, roleVersion: request.roleVersion, grantId: null, requestId: request.id, actorId: caller.id, reason: why });
      const roleName = await this.roles.name(request.roleKey);
      await this.events.publish('grant.denied', { requestId: request.id, userId: request.userId, roleKey: request.roleKey, roleName, roleVersion: request.roleVersion, actorId: caller.id, reason: why });
      return (await this.views.requests([(await this.grants.lockRequest(request.id))!]))[0];
    });
  }

  /**
   * By hand: the courses may be skipped, not the roles a role builds on. `expiresAt` ends
   * it sooner than the role's validity would (a stand-in for an event).
   */
  async grantByHand(caller: AuthUser, userId: string, roleKey: string, reason: string, expiresAt?: string): Promise<Grant> {
    await this.users.requireAdmin(caller);
    const role = await this.roles.find(roleKey);
    if (!role) throw roleNotFound();
    const ends = expiresAt === undefined ? undefined : futureDate(expiresAt, this.clock.now(), 'expiresAt', 'A grant ends in the future.');
    if (!(await this.users.summaries([userId])).has(userId)) throw new CredentialsError(CredentialsErrorCode.UserNotFound, 'There is no user with this id.');
    return this.db.transaction(async () => {
      await this.grants.lockPerson(userId);
      await this.lifecycle.requirePrerequisites(userId, role);
      const grant = await this.lifecycle.grant(userId, role, 'manual', caller.id, reason, null, ends);
      if (!grant) {
        const held = await this.grants.heldOf(userId, role.key);
        throw new CredentialsError(
          CredentialsErrorCode.AlreadyHeld,
          held?.status === 'suspended' ? `This person’s ${role.name} is suspended; reinstate it instead.` : `This person holds ${role.name} already.`,
        );
      }
      return (await this.views.grants([grant]))[0];
    });
  }

  async revoke(caller: AuthUser, grantId: string, reason: string): Promise<Grant> {
    await this.users.requireAdmin(caller);
    return this.db.transaction(async () => {
      const found = await this.grants.findGrant(grantId);
      if (!found) throw new CredentialsError(CredentialsErrorCode.GrantNotFound, 'There is no such grant.');
      await this.grants.lockPerson(found.userId);
      const grant = (await this.grants.lockGrant(grantId))!;
      if (grant.status !== 'active' && grant.status !== 'suspended') throw new CredentialsError(CredentialsErrorCode.NotActive, `This grant is ${grant.status} already.`);
      await this.lifecycle.revoke(grant, caller.id, reason);
      return (await this.views.grants([{ ...grant, status: 'revoked', ...NO_SUSPENSION }]))[0];
    });
  }

  /**
   * Every role the person holds, suspended ones too, revoked for a reason (their account is
   * being deleted), and their waiting requests closed: inside the caller's transaction.
   */
  async revokeAllOf(userId: string, actorId: string, reason: string): Promise<void> {
    await this.db.transaction(async () => {
      await this.grants.lockPerson(userId);
      for (const held of await this.grants.held(userId)) {
        const grant = (await this.grants.lockGrant(held.id))!;
        if (grant.status === 'active' || grant.status === 'suspended') await this.lifecycle.revoke(grant, actorId, reason);
      }
      await this.grants.closePendingOf(userId, actorId, reason);
    });
  }

  /**
   * Holds a grant's powers back, for a reason, until `until` (then given back by itself)
   * or until an admin reinstates it; the roles built on it are suspended with it. The
   * grant, its badge and its history stay: this is not a revocation.
   */
  async suspend(caller: AuthUser, grantId: string, reason: string, until?: string | null): Promise<Grant> {
    await this.users.requireAdmin(caller);
    const ends = until ? futureDate(until, this.clock.now(), 'until', 'A suspension ends in the future.') : null;
    return this.db.transaction(async () => {
      const found = await this.grants.findGrant(grantId);
      if (!found) throw new CredentialsError(CredentialsErrorCode.GrantNotFound, 'There is no such grant.');
      await this.grants.lockPerson(found.userId);
      const grant = (await this.grants.lockGrant(grantId))!;
      if (grant.status !== 'active') throw new CredentialsError(CredentialsErrorCode.NotActive, `This grant is ${grant.status}; only an active grant can be suspended.`);
      await this.lifecycle.suspend(grant, await this.roles.name(grant.roleKey), { cause: 'admin', reason, until: ends, actorId: caller.id });
      return (await this.views.grants([(await this.grants.findGrant(grant.id))!]))[0];
    });
  }

  /**
   * A suspension lifted because the step behind it was overturned (an appeal): reinstated if
   * it is still held back by that suspension (an admin's, from `since`) and what it builds
   * on is held; left as it is otherwise (it came back by itself, or is held back now for
   * another reason, a later suspension or a missing prerequisite). Whether it was reinstated.
   */
  async reinstateSuspended(caller: AuthUser, grantId: string, since: Date, reason: string): Promise<boolean> {
    await this.users.requireAdmin(caller);
    return this.db.transaction(async () => {
      const found = await this.grants.findGrant(grantId);
      if (!found) return false;
      await this.grants.lockPerson(found.userId);
      const grant = (await this.grants.lockGrant(grantId))!;
      const byTheStep = grant.suspensionCause === 'admin' || grant.suspensionCause === 'refresher';
      if (grant.status !== 'suspended' || !byTheStep || grant.suspendedAt?.getTime() !== since.getTime()) return false;
      const role = (await this.roles.find(grant.roleKey))!;
      if (await this.lifecycle.holdBackForPrerequisites(grant, role)) {
        // Held back now for the role it builds on, not by the step: no refresher for the step is asked for any more.
        await this.refreshers.settled(grant.id);
        return false;
      }
      await this.lifecycle.restore(grant, role.name, caller.id, reason);
      return true;
    });
  }

  /** As `suspend`, for the role a person holds now (the chat's sanction ladder names the person and the role). */
  async suspendHeld(caller: AuthUser, userId: string, roleKey: string, reason: string, until: Date, at?: Date): Promise<Grant> {
    await this.users.requireAdmin(caller);
    return this.db.transaction(async () => {
      await this.grants.lockPerson(userId);
      const held = await this.grants.activeOf(userId, roleKey);
      if (!held) throw new CredentialsError(CredentialsErrorCode.NotActive, `This person does not hold ${await this.roles.name(roleKey)} now.`);
      const grant = (await this.grants.lockGrant(held.id))!;
      await this.lifecycle.suspend(grant, await this.roles.name(grant.roleKey), { cause: 'admin', reason, until, actorId: caller.id, at });
      return (await this.views.grants([(await this.grants.findGrant(grant.id))!]))[0];
    });
  }

  /**
   * A suspended grant given its powers back; a revoked or expired one made active again,
   * until its old end if that is still ahead, else for a fresh term.
   */
  async reinstate(caller: AuthUser, grantId: string, reason: string): Promise<Grant> {
    await this.users.requireAdmin(caller);
    return this.db.transaction(async () => {
      // The person first, then the grant: the order every change to someone's roles takes.
      const found = await this.grants.findGrant(grantId);
      if (!found) throw new CredentialsError(CredentialsErrorCode.GrantNotFound, 'There is no such grant.');
      await this.grants.lockPerson(found.userId);
      const grant = (await this.grants.lockGrant(grantId))!;
      if (grant.status === 'active') throw new CredentialsError(CredentialsErrorCode.StillActive, 'This grant is active; there is nothing to reinstate.');
      const role = (await this.roles.find(grant.roleKey))!;
      if (grant.status === 'suspended') {
        await this.lifecycle.requirePrerequisites(grant.userId, role);
        await this.lifecycle.restore(grant, role.name, caller.id, reason);
        return (await this.views.grants([(await this.grants.findGrant(grant.id))!]))[0];
      }
      if (await this.grants.heldOf(grant.userId, grant.roleKey)) {
        throw new CredentialsError(CredentialsErrorCode.AlreadyHeld, 'This person holds the role again through another grant.');
      }
      await this.lifecycle.requirePrerequisites(grant.userId, role);
      const expiresAt = await this.lifecycle.reactivate(grant, role, caller.id, reason);
      return (await this.views.grants([{ ...grant, status: 'active', expiresAt, ...NO_SUSPENSION }]))[0];
    });
  }

  /** A person's grants and their whole history, for admins. */
  async history(caller: AuthUser, userId: string): Promise<GrantHistory> {
    await this.users.requireAdmin(caller);
    const user = (await this.users.summaries([userId])).get(userId);
    if (!user) throw new CredentialsError(CredentialsErrorCode.UserNotFound, 'There is no user with this id.');
    const [grants, events, pendingKeys] = await Promise.all([this.grants.ofUser(userId), this.grants.events(userId), this.grants.pendingRoleKeys(userId)]);
    const pending = (await Promise.all(pendingKeys.map((key) => this.grants.pendingOf(userId, key)))).filter((row): row is RequestRow => row !== null);
    const [roles, actors] = await Promise.all([
      this.roles.names(events.map((event) => event.roleKey)),
      this.users.summaries(events.flatMap((event) => (event.actorId ? [event.actorId] : []))),
    ]);
    return {
      user,
      grants: await this.views.grants(grants),
      events: events.map((event) => ({
        id: event.id,
        kind: event.kind,
        grantId: event.grantId,
        requestId: event.requestId,
        roleKey: event.roleKey,
        roleName: roles.get(event.roleKey) ?? event.roleKey,
        roleVersion: event.roleVersion,
        actor: event.actorId ? (actors.get(event.actorId) ?? null) : null,
        reason: event.reason,
        at: event.at.toISOString(),
      })),
      pending: await this.views.requests(pending),
    };
  }

  /**
   * For one person, the roles an event may have unlocked: granted, or requested for review.
   * A role an admin revoked or refused is not given back by itself.
   */
  private async consider(userId: string, roles: RoleRow[]): Promise<void> {
    if (roles.length === 0) return;
    await this.grants.lockPerson(userId);
    for (const role of roles) {
      // A rule naming no course is for admins to grant by hand.
      if (role.rule.courseIds.length === 0) continue;
      if ((await this.grants.heldOf(userId, role.key)) || (await this.grants.pendingOf(userId, role.key))) continue;
      if (await this.grants.refusedBefore(userId, role.key)) continue;
      if ((await this.roleEligibility.unmet(userId, role, { details: false })).length > 0) continue;
      if (role.rule.approval === 'auto') await this.lifecycle.grant(userId, role, 'auto', null, null, null);
      else await this.request(userId, role);
    }
  }

  private async request(userId: string, role: RoleRow): Promise<void> {
    const request = await this.grants.insertRequest({ userId, roleKey: role.key, roleVersion: role.version, evidence: await this.evidence.of(userId, role) });
    if (!request) return;
    await this.grants.insertEvent({ userId, kind: 'requested', roleKey: role.key, roleVersion: role.version, grantId: null, requestId: request.id, actorId: null, reason: null });
    await this.events.publish('grant.requested', { requestId: request.id, kind: 'grant', userId, roleKey: role.key, roleName: role.name, roleVersion: role.version });
  }

  /** A refresher finished, and an admin gives the role it held back its powers again. */
  private async approveReinstatement(caller: AuthUser, request: RequestRow, reason: string | null): Promise<GrantRequest> {
    const grant = await this.grants.lockGrant(request.grantId!);
    if (!grant || grant.status !== 'suspended' || grant.suspensionCause !== 'refresher' || grant.suspensionRefresherId !== request.refresherId) {
      const now = !grant ? 'gone' : grant.status !== 'suspended' ? grant.status : 'suspended for another reason';
      throw new CredentialsError(CredentialsErrorCode.StillActive, `This grant is ${now} now, so this refresher no longer holds it back; deny the request instead.`);
    }
    const role = (await this.roles.find(grant.roleKey))!;
    await this.lifecycle.requirePrerequisites(grant.userId, role);
    await this.grants.decide(request.id, 'approved', caller.id, reason);
    await this.lifecycle.restore(grant, role.name, caller.id, reason ?? 'Refresher completed');
    return (await this.views.requests([(await this.grants.lockRequest(request.id))!]))[0];
  }

  /** A request still waiting, locked with its person (the person first, as every change to roles does). */
  private async pending(requestId: string): Promise<RequestRow> {
    const found = await this.grants.findRequest(requestId);
    if (!found) throw new CredentialsError(CredentialsErrorCode.RequestNotFound, 'There is no such request.');
    await this.grants.lockPerson(found.userId);
    const request = (await this.grants.lockRequest(requestId))!;
    if (request.status !== 'pending') throw new CredentialsError(CredentialsErrorCode.RequestDecided, `This request was ${request.status} already.`);
    return request;
  }
}

const NO_SUSPENSION = { suspensionCause: null, suspensionReason: null, suspendedAt: null, suspendedUntil: null, suspensionRefresherId: null } as const;

/** A date and time from a request that must lie ahead of `now`. */
function futureDate(value: string, now: Date, field: string, message: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || date.getTime() <= now.getTime()) throw new ValidationFailedError([{ field, message }]);
  return date;
}
