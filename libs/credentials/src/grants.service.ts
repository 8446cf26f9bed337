import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type {
  AnswerEvidence,
  Eligibility,
  Grant,
  GrantHistory,
  GrantRequest,
  Page,
  RequestEvidence,
  RequestStatus,
  SuspensionCause,
  UnmetCondition,
} from '@hearth/contracts';
import { CoursesService } from '@hearth/courses';
import { ThreadsService } from '@hearth/discussions';
import { type AuthUser, UsersService } from '@hearth/identity';
import { Database, decodeCursor, DEFAULT_PAGE_SIZE, DomainEvents, Outbox, OutboxWorker, toPage, ValidationFailedError } from '@hearth/platform';
import { ProgressService } from '@hearth/progress';
import { CredentialsError, CredentialsErrorCode, roleNotFound } from './credentials.errors';
import { type GrantRow, GrantsRepository, type RequestRow } from './grants.repository';
import { type RoleRow, RolesRepository } from './roles.repository';

const DAY_MS = 86_400_000;
const RECONSIDER_TOPIC = 'credentials.reconsider-role';
/** A grant's end or a suspension's end was set: the deadline clock (GrantDeadlines) looks again. */
export const DEADLINE_TOPIC = 'credentials.deadline-changed';

/** Holders are told this long before a role runs out. */
export const EXPIRY_WARNING_DAYS = 14;

/**
 * Grants: who holds which facilitator role, and the append-only history of how.
 *
 * A completed course (or a newly held role) re-checks the roles whose rule names it, for
 * that one person: when the whole rule is met, an `auto` role is granted at once and a
 * `review` role gets a request with the evidence, for an admin. Admins also grant by hand,
 * revoke and reinstate, always with a reason. At most one active grant per person and
 * role, and one pending request: unique keys decide, so concurrent events cannot grant
 * twice. Every change is a row in grant_event and a domain event (`role.granted`,
 * `role.revoked`, `role.expired`, `role.suspended`) that the chat and the audit log follow.
 *
 * Roles that build on roles fall with them: when a grant stops being in force (revoked,
 * expired, suspended), the person's grants of roles whose rule names it are suspended in
 * the same transaction, and when it is in force again (granted, reinstated) those
 * suspended for that reason are reinstated, as far down as roles build on each other.
 */
@Injectable()
export class GrantsService implements OnModuleInit {
  private readonly logger = new Logger('Grants');

  constructor(
    private readonly db: Database,
    private readonly events: DomainEvents,
    private readonly outbox: Outbox,
    private readonly worker: OutboxWorker,
    private readonly grants: GrantsRepository,
    private readonly roles: RolesRepository,
    private readonly progress: ProgressService,
    private readonly courses: CoursesService,
    private readonly threads: ThreadsService,
    private readonly users: UsersService,
  ) {}

  onModuleInit(): void {
    this.events.on('course.completed', async ({ userId, courseId }) => this.consider(userId, await this.roles.unlockedBy({ courseId })));
    this.events.on('role.granted', async ({ userId, roleKey }) => this.consider(userId, await this.roles.unlockedBy({ roleKey })));
    // A changed rule may be met already by people who completed its courses before: they are
    // looked at after the change commits, in the background, a few at a time.
    this.events.on('role.defined', ({ roleKey }) => this.outbox.enqueue(RECONSIDER_TOPIC, { roleKey }));
    this.worker.handle(RECONSIDER_TOPIC, ({ roleKey }: { roleKey: string }) => this.reconsiderRole(roleKey).then(() => undefined));
  }

  /**
   * Everyone who has completed every course of a role's rule is considered for it, as if
   * they had just completed the last one. Each person in their own short transaction.
   */
  async reconsiderRole(roleKey: string): Promise<number> {
    const role = await this.roles.find(roleKey);
    if (!role || role.rule.courseIds.length === 0) return 0;
    const people = await this.progress.completedAll(role.rule.courseIds);
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
      const unmet = await this.unmet(caller.id, role, { details: false });
      if (role.rule.courseIds.length === 0 || unmet.length > 0) {
        throw new CredentialsError(CredentialsErrorCode.NotEligible, `You do not meet what ${role.name} asks for yet.`);
      }
      await this.request(caller.id, role);
    });
    return this.eligibilityOf(caller.id, role);
  }

  /** The people who hold a role now (whose powers change with its definition). */
  holdersOf(roleKey: string): Promise<string[]> {
    return this.grants.holdersOf(roleKey);
  }

  async eligibilityFor(userId: string, key: string): Promise<Eligibility | null> {
    const role = await this.roles.find(key);
    return role ? this.eligibilityOf(userId, role) : null;
  }

  /** What is missing before I could hold a role. */
  async eligibility(caller: AuthUser, key: string): Promise<Eligibility> {
    const role = await this.roles.find(key);
    if (!role) throw roleNotFound();
    return this.eligibilityOf(caller.id, role);
  }

  /** My roles (held, suspended ones included) and, for every other role, what is missing. */
  async mine(caller: AuthUser): Promise<{ roles: Grant[]; next: Eligibility[] }> {
    const [mine, all] = await Promise.all([this.grants.held(caller.id), this.roles.all()]);
    const held = new Set(mine.map((grant) => grant.roleKey));
    return {
      roles: await this.grantViews(mine),
      next: await Promise.all(all.filter((role) => !held.has(role.key)).map((role) => this.eligibilityOf(caller.id, role))),
    };
  }

  async requests(caller: AuthUser, query: { status?: RequestStatus; cursor?: string; limit?: number }): Promise<Page<GrantRequest>> {
    await this.users.requireAdmin(caller);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.grants.requestsPage(query.status ?? 'pending', decodeCursor(query.cursor, ['timestamp', 'uuid']), limit);
    const page = toPage(rows, limit, (row) => [row.createdKey, row.id], (row) => row);
    return { items: await this.requestViews(page.items), nextCursor: page.nextCursor };
  }

  async approve(caller: AuthUser, requestId: string, reason: string | undefined): Promise<GrantRequest> {
    await this.users.requireAdmin(caller);
    return this.db.transaction(async () => {
      const request = await this.pending(requestId);
      const role = (await this.roles.version(request.roleKey, request.roleVersion))!;
      await this.requirePrerequisites(request.userId, role);
      await this.grants.decide(request.id, 'approved', caller.id, reason?.trim() || null);
      if (!(await this.grant(request.userId, role, 'review', caller.id, reason?.trim() || null, request.id))) {
        throw new CredentialsError(CredentialsErrorCode.AlreadyHeld, `This person holds ${role.name} already; deny the request instead.`);
      }
      return (await this.requestViews([(await this.grants.lockRequest(request.id))!]))[0];
    });
  }

  async deny(caller: AuthUser, requestId: string, reason: string | undefined): Promise<GrantRequest> {
    await this.users.requireAdmin(caller);
    return this.db.transaction(async () => {
      const request = await this.pending(requestId);
      const why = reason?.trim() || null;
      await this.grants.decide(request.id, 'denied', caller.id, why);
      await this.grants.insertEvent({ userId: request.userId, kind: 'denied', roleKey: request.roleKey, roleVersion: request.roleVersion, grantId: null, requestId: request.id, actorId: caller.id, reason: why });
      const roleName = (await this.roleNames([request.roleKey])).get(request.roleKey) ?? request.roleKey;
      await this.events.publish('grant.denied', { requestId: request.id, userId: request.userId, roleKey: request.roleKey, roleName, roleVersion: request.roleVersion, actorId: caller.id, reason: why });
      return (await this.requestViews([(await this.grants.lockRequest(request.id))!]))[0];
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
    const ends = expiresAt === undefined ? undefined : futureDate(expiresAt, 'expiresAt', 'A grant ends in the future.');
    if (!(await this.users.summaries([userId])).has(userId)) throw new CredentialsError(CredentialsErrorCode.UserNotFound, 'There is no user with this id.');
    return this.db.transaction(async () => {
      await this.grants.lockPerson(userId);
      await this.requirePrerequisites(userId, role);
      const grant = await this.grant(userId, role, 'manual', caller.id, reason, null, ends);
      if (!grant) {
        const held = await this.grants.heldOf(userId, role.key);
        throw new CredentialsError(
          CredentialsErrorCode.AlreadyHeld,
          held?.status === 'suspended' ? `This person’s ${role.name} is suspended; reinstate it instead.` : `This person holds ${role.name} already.`,
        );
      }
      return (await this.grantViews([grant]))[0];
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
      await this.revokeGrant(grant, caller.id, reason);
      return (await this.grantViews([{ ...grant, status: 'revoked', ...NO_SUSPENSION }]))[0];
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
        if (grant.status === 'active' || grant.status === 'suspended') await this.revokeGrant(grant, actorId, reason);
      }
      await this.grants.closePendingOf(userId, actorId, reason);
    });
  }

  private async revokeGrant(grant: GrantRow, actorId: string, reason: string): Promise<void> {
    await this.grants.setStatus(grant.id, 'revoked');
    await this.grants.insertEvent({ userId: grant.userId, kind: 'revoked', roleKey: grant.roleKey, roleVersion: grant.roleVersion, grantId: grant.id, requestId: null, actorId, reason });
    const roleName = await this.roleName(grant.roleKey);
    await this.events.publish('role.revoked', { grantId: grant.id, userId: grant.userId, roleKey: grant.roleKey, roleName, roleVersion: grant.roleVersion, actorId, reason });
    if (grant.status === 'active') await this.suspendDependents(grant.userId, grant.roleKey, roleName);
  }

  /**
   * Holds a grant's powers back, for a reason, until `until` (then given back by itself)
   * or until an admin reinstates it; the roles built on it are suspended with it. The
   * grant, its badge and its history stay: this is not a revocation.
   */
  async suspend(caller: AuthUser, grantId: string, reason: string, until?: string | null): Promise<Grant> {
    await this.users.requireAdmin(caller);
    const ends = until ? futureDate(until, 'until', 'A suspension ends in the future.') : null;
    return this.db.transaction(async () => {
      const found = await this.grants.findGrant(grantId);
      if (!found) throw new CredentialsError(CredentialsErrorCode.GrantNotFound, 'There is no such grant.');
      await this.grants.lockPerson(found.userId);
      const grant = (await this.grants.lockGrant(grantId))!;
      if (grant.status !== 'active') throw new CredentialsError(CredentialsErrorCode.NotActive, `This grant is ${grant.status}; only an active grant can be suspended.`);
      await this.suspendGrant(grant, await this.roleName(grant.roleKey), { cause: 'admin', reason, until: ends, actorId: caller.id });
      return (await this.grantViews([(await this.grants.findGrant(grant.id))!]))[0];
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
      if (grant.status !== 'suspended' || grant.suspensionCause !== 'admin' || grant.suspendedAt?.getTime() !== since.getTime()) return false;
      const role = (await this.roles.find(grant.roleKey))!;
      const missing = await this.missingPrerequisites(grant.userId, role);
      if (missing.length > 0) {
        await this.grants.recause(grant.id, prerequisiteReason(await this.roleName(missing[0])));
        return false;
      }
      await this.restore(grant, role.name, caller.id, reason);
      return true;
    });
  }

  /** As `suspend`, for the role a person holds now (the chat's sanction ladder names the person and the role). */
  async suspendHeld(caller: AuthUser, userId: string, roleKey: string, reason: string, until: Date): Promise<Grant> {
    await this.users.requireAdmin(caller);
    return this.db.transaction(async () => {
      await this.grants.lockPerson(userId);
      const held = await this.grants.activeOf(userId, roleKey);
      if (!held) throw new CredentialsError(CredentialsErrorCode.NotActive, `This person does not hold ${await this.roleName(roleKey)} now.`);
      const grant = (await this.grants.lockGrant(held.id))!;
      await this.suspendGrant(grant, await this.roleName(grant.roleKey), { cause: 'admin', reason, until, actorId: caller.id });
      return (await this.grantViews([(await this.grants.findGrant(grant.id))!]))[0];
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
        await this.requirePrerequisites(grant.userId, role);
        await this.restore(grant, role.name, caller.id, reason);
        return (await this.grantViews([(await this.grants.findGrant(grant.id))!]))[0];
      }
      if (await this.grants.heldOf(grant.userId, grant.roleKey)) {
        throw new CredentialsError(CredentialsErrorCode.AlreadyHeld, 'This person holds the role again through another grant.');
      }
      await this.requirePrerequisites(grant.userId, role);
      const ended = await this.grants.endedOf(grant.userId, grant.roleKey);
      if (ended) await this.expire(ended, role.name);
      const expiresAt =
        grant.expiresAt && grant.expiresAt.getTime() > Date.now() ? grant.expiresAt : role.rule.validityDays ? new Date(Date.now() + role.rule.validityDays * DAY_MS) : null;
      await this.grants.setStatus(grant.id, 'active', { expiresAt });
      await this.grants.insertEvent({ userId: grant.userId, kind: 'reinstated', roleKey: grant.roleKey, roleVersion: grant.roleVersion, grantId: grant.id, requestId: null, actorId: caller.id, reason });
      await this.events.publish('role.granted', {
        grantId: grant.id,
        userId: grant.userId,
        roleKey: grant.roleKey,
        roleName: role.name,
        roleVersion: grant.roleVersion,
        how: 'reinstated',
        grantedAt: grant.grantedAt.toISOString(),
        actorId: caller.id,
        reason,
        expiresAt: expiresAt?.toISOString() ?? null,
      });
      if (expiresAt) await this.deadlineChanged();
      await this.restoreDependents(grant.userId, grant.roleKey, role.name);
      return (await this.grantViews([{ ...grant, status: 'active', expiresAt, ...NO_SUSPENSION }]))[0];
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
      this.roleNames(events.map((event) => event.roleKey)),
      this.users.summaries(events.flatMap((event) => (event.actorId ? [event.actorId] : []))),
    ]);
    return {
      user,
      grants: await this.grantViews(grants),
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
      pending: await this.requestViews(pending),
    };
  }

  /**
   * The sweep, run by the deadline clock the moment a grant ends or a suspension runs out
   * (GrantDeadlines) and every few minutes besides: grants past their end expire,
   * suspensions past their time are lifted, and holders whose grants end within
   * EXPIRY_WARNING_DAYS are told once. Batches are locked with SKIP LOCKED, so two
   * instances sweeping at once share the work.
   */
  async sweepExpiries(now = new Date()): Promise<{ expired: number; restored: number; warned: number }> {
    // One transaction per grant, the person locked before the grant as every change to
    // someone's roles does: two sweeps, or a sweep and an admin, take turns per person.
    const expired = await this.eachDue(
      () => this.grants.dueToExpire(now, 100),
      async (grant) => {
        if (grant.status !== 'active' && grant.status !== 'suspended') return false;
        if (!grant.expiresAt || grant.expiresAt > now) return false;
        await this.expire(grant, await this.roleName(grant.roleKey));
        return true;
      },
    );
    const restored = await this.eachDue(
      () => this.grants.dueToRestore(now, 100),
      async (grant) => {
        if (grant.status !== 'suspended' || !grant.suspendedUntil || grant.suspendedUntil > now) return false;
        const role = (await this.roles.find(grant.roleKey))!;
        const missing = await this.missingPrerequisites(grant.userId, role);
        if (missing.length > 0) await this.grants.recause(grant.id, prerequisiteReason(await this.roleName(missing[0])));
        else await this.restore(grant, role.name, null, 'The suspension’s time is up.');
        return true;
      },
    );
    let warned = 0;
    for (;;) {
      const batch = await this.db.transaction(async () => {
        const due = await this.grants.takeDueWarnings(new Date(now.getTime() + EXPIRY_WARNING_DAYS * DAY_MS), 100);
        const names = await this.roleNames(due.map((grant) => grant.roleKey));
        for (const grant of due) {
          await this.events.publish('role.expiring', {
            grantId: grant.id,
            userId: grant.userId,
            roleKey: grant.roleKey,
            roleName: names.get(grant.roleKey) ?? grant.roleKey,
            expiresAt: grant.expiresAt!.toISOString(),
          });
        }
        return due.length;
      });
      warned += batch;
      if (batch < 100) break;
    }
    if (expired || restored || warned) this.logger.log({ expired, restored, warned }, 'Expiry sweep');
    return { expired, restored, warned };
  }

  /** Runs `work` on each grant `due` lists, each in its own transaction with its person locked first; how many it changed. */
  private async eachDue(due: () => Promise<GrantRow[]>, work: (grant: GrantRow) => Promise<boolean>): Promise<number> {
    let changed = 0;
    const failed = new Set<string>();
    for (;;) {
      const batch = (await due()).filter((grant) => !failed.has(grant.id));
      let progress = 0;
      for (const { id, userId } of batch) {
        try {
          const done = await this.db.transaction(async () => {
            await this.grants.lockPerson(userId);
            const grant = await this.grants.lockGrant(id);
            return grant ? work(grant) : false;
          });
          if (done) changed += 1;
          progress += 1;
        } catch (error) {
          // One grant that cannot be changed (it rolls back alone) holds up no other; it is tried again at the next sweep.
          failed.add(id);
          this.logger.error({ err: error, grantId: id }, 'A grant could not be expired or restored');
        }
      }
      if (batch.length < 100 || progress === 0) return changed;
    }
  }

  /** When the deadline clock should wake next: the soonest end of a grant or of a suspension. */
  nextDeadline(): Promise<Date | null> {
    return this.grants.nextDeadline();
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
      if ((await this.unmet(userId, role, { details: false })).length > 0) continue;
      if (role.rule.approval === 'auto') await this.grant(userId, role, 'auto', null, null, null);
      else await this.request(userId, role);
    }
  }

  private async request(userId: string, role: RoleRow): Promise<void> {
    const request = await this.grants.insertRequest({ userId, roleKey: role.key, roleVersion: role.version, evidence: await this.evidence(userId, role) });
    if (!request) return;
    await this.grants.insertEvent({ userId, kind: 'requested', roleKey: role.key, roleVersion: role.version, grantId: null, requestId: request.id, actorId: null, reason: null });
    await this.events.publish('grant.requested', { requestId: request.id, userId, roleKey: role.key, roleName: role.name, roleVersion: role.version });
  }

  /** The roles a role builds on that the person does not hold now. */
  private async missingPrerequisites(userId: string, role: RoleRow): Promise<string[]> {
    const held = new Set((await this.grants.active(userId)).map((grant) => grant.roleKey));
    return role.rule.roleKeys.filter((key) => !held.has(key));
  }

  private async requirePrerequisites(userId: string, role: RoleRow): Promise<void> {
    const missing = await this.missingPrerequisites(userId, role);
    if (missing.length > 0) {
      const names = await this.roleNames(missing);
      throw new CredentialsError(
        CredentialsErrorCode.MissingRoles,
        `${role.name} builds on ${missing.map((key) => names.get(key) ?? key).join(', ')}, which this person does not hold.`,
      );
    }
  }

  /** Grants a role now; null when it is held already. */
  private async grant(
    userId: string,
    role: RoleRow,
    how: 'auto' | 'review' | 'manual',
    actorId: string | null,
    reason: string | null,
    requestId: string | null,
    endsAt?: Date,
  ): Promise<GrantRow | null> {
    // A grant past its end that the sweep has not reached yet ends now, making room.
    const ended = await this.grants.endedOf(userId, role.key);
    if (ended) await this.expire(ended, role.name);
    const grantedAt = new Date();
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

  private async expire(grant: GrantRow, roleName: string): Promise<void> {
    await this.grants.setStatus(grant.id, 'expired');
    await this.grants.insertEvent({ userId: grant.userId, kind: 'expired', roleKey: grant.roleKey, roleVersion: grant.roleVersion, grantId: grant.id, requestId: null, actorId: null, reason: null });
    await this.events.publish('role.expired', { grantId: grant.id, userId: grant.userId, roleKey: grant.roleKey, roleName, roleVersion: grant.roleVersion });
    if (grant.status === 'active') await this.suspendDependents(grant.userId, grant.roleKey, roleName);
  }

  private async suspendGrant(
    grant: GrantRow,
    roleName: string,
    suspension: { cause: SuspensionCause; reason: string; until: Date | null; actorId: string | null },
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

  /** A role stopped being in force: the person's active grants of roles built on it are suspended (and theirs, in turn). */
  private async suspendDependents(userId: string, roleKey: string, roleName: string): Promise<void> {
    for (const dependent of await this.grants.dependentsOf(userId, roleKey, 'active')) {
      await this.suspendGrant(dependent, await this.roleName(dependent.roleKey), { cause: 'prerequisite', reason: prerequisiteReason(roleName), until: null, actorId: null });
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

  /** A suspended grant in force again (its end unchanged), and what was suspended with it. */
  private async restore(grant: GrantRow, roleName: string, actorId: string | null, reason: string): Promise<void> {
    await this.grants.setStatus(grant.id, 'active');
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
      expiresAt: grant.expiresAt?.toISOString() ?? null,
    });
    await this.restoreDependents(grant.userId, grant.roleKey, roleName);
  }

  private deadlineChanged(): Promise<void> {
    return this.outbox.enqueue(DEADLINE_TOPIC, {});
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

  private async eligibilityOf(userId: string, role: RoleRow): Promise<Eligibility> {
    const [held, pending, unmet] = await Promise.all([this.grants.heldOf(userId, role.key), this.grants.pendingOf(userId, role.key), this.unmet(userId, role, { details: true })]);
    if (role.rule.courseIds.length === 0 && !held) unmet.push({ kind: 'manual', detail: 'An admin grants this role by hand; ask one.', link: null });
    return {
      roleKey: role.key,
      roleName: role.name,
      eligible: unmet.length === 0,
      held: held?.status === 'active',
      suspended: held?.status === 'suspended',
      pending: pending !== null,
      unmet,
    };
  }

  /**
   * What stands between a person and a role's rule: each course not completed (and, with
   * details, each of its requirements still unmet, linked to where to meet it) and each
   * role not held.
   */
  private async unmet(userId: string, role: RoleRow, options: { details: boolean }): Promise<UnmetCondition[]> {
    const unmet: UnmetCondition[] = [];
    const courses = await this.courses.briefs(role.rule.courseIds);
    for (const courseId of role.rule.courseIds) {
      if (await this.progress.completion(userId, courseId)) continue;
      const course = courses.get(courseId);
      const title = course?.title ?? 'a course no longer offered';
      const link = course ? `/courses/${course.slug}` : null;
      const standing = options.details ? await this.progress.courseProgress(userId, courseId) : null;
      if (!standing) {
        unmet.push({ kind: 'course', detail: options.details ? `Enroll in “${title}” and complete it` : `Complete “${title}”`, link });
        continue;
      }
      unmet.push({ kind: 'course', detail: `Complete “${title}”`, link });
      for (const requirement of standing.requirements.filter((r) => !r.met)) {
        unmet.push({ kind: 'requirement', detail: `${title}: ${requirement.detail}`, link: requirement.link ?? link });
      }
    }
    if (role.rule.roleKeys.length > 0) {
      const held = new Set((await this.grants.active(userId)).map((grant) => grant.roleKey));
      const names = await this.roleNames(role.rule.roleKeys);
      for (const key of role.rule.roleKeys.filter((k) => !held.has(k))) {
        unmet.push({ kind: 'role', detail: `Hold the role “${names.get(key) ?? key}”`, link: `/roles#${key}` });
      }
    }
    return unmet;
  }

  /** The completions behind a request, with the answers they rest on, as they are now. */
  private async evidence(userId: string, role: RoleRow): Promise<RequestEvidence> {
    const completions = (await Promise.all(role.rule.courseIds.map((id) => this.progress.completion(userId, id)))).filter((c) => c !== null);
    const courses = await this.courses.briefs(completions.map((c) => c.courseId));
    const answered = completions.flatMap((completion) =>
      completion.evidence.items.filter((item) => item.replyId).map((item) => ({ ...item, replyId: item.replyId!, courseSlug: courses.get(completion.courseId)?.slug ?? '' })),
    );
    const [records, mentors, held] = await Promise.all([
      this.threads.answerRecords(answered.map((item) => item.replyId)),
      this.users.summaries(completions.flatMap((completion) => (completion.evidence.signoff?.mentorId ? [completion.evidence.signoff.mentorId] : []))),
      this.grants.active(userId),
    ]);
    const names = await this.roleNames(held.map((grant) => grant.roleKey));
    const answers: AnswerEvidence[] = answered.flatMap((item) => {
      const record = records.get(item.replyId);
      return record ? [{ replyId: item.replyId, itemId: item.itemId, itemTitle: item.title, courseSlug: item.courseSlug, ...record }] : [];
    });
    return {
      completions: completions.map((completion) => ({
        courseId: completion.courseId,
        courseSlug: courses.get(completion.courseId)?.slug ?? '',
        courseTitle: courses.get(completion.courseId)?.title ?? '',
        completedAt: completion.completedAt,
        evidence: completion.evidence,
        signedOffBy: completion.evidence.signoff?.mentorId ? (mentors.get(completion.evidence.signoff.mentorId) ?? null) : null,
      })),
      answers,
      rolesHeld: held.map((grant) => ({ key: grant.roleKey, name: names.get(grant.roleKey) ?? grant.roleKey })),
    };
  }

  private async roleNames(keys: string[]): Promise<Map<string, string>> {
    return new Map((await this.roles.findMany([...new Set(keys)])).map((role) => [role.key, role.name]));
  }

  private async roleName(key: string): Promise<string> {
    return (await this.roleNames([key])).get(key) ?? key;
  }

  private async grantViews(rows: GrantRow[]): Promise<Grant[]> {
    const [users, names] = await Promise.all([this.users.summaries(rows.map((row) => row.userId)), this.roleNames(rows.map((row) => row.roleKey))]);
    return rows.flatMap((row) => {
      const user = users.get(row.userId);
      return user
        ? [
            {
              id: row.id,
              user,
              roleKey: row.roleKey,
              roleName: names.get(row.roleKey) ?? row.roleKey,
              roleVersion: row.roleVersion,
              status: row.status,
              source: row.source,
              grantedAt: row.grantedAt.toISOString(),
              expiresAt: row.expiresAt?.toISOString() ?? null,
              suspension:
                row.status === 'suspended' && row.suspensionCause
                  ? {
                      cause: row.suspensionCause,
                      reason: row.suspensionReason ?? '',
                      since: (row.suspendedAt ?? row.grantedAt).toISOString(),
                      until: row.suspendedUntil?.toISOString() ?? null,
                    }
                  : null,
            },
          ]
        : [];
    });
  }

  private async requestViews(rows: RequestRow[]): Promise<GrantRequest[]> {
    const [users, names] = await Promise.all([
      this.users.summaries(rows.flatMap((row) => [row.userId, ...(row.decidedBy ? [row.decidedBy] : [])])),
      this.roleNames(rows.map((row) => row.roleKey)),
    ]);
    return rows.flatMap((row) => {
      const user = users.get(row.userId);
      return user
        ? [
            {
              id: row.id,
              user,
              roleKey: row.roleKey,
              roleName: names.get(row.roleKey) ?? row.roleKey,
              roleVersion: row.roleVersion,
              status: row.status,
              createdAt: row.createdAt.toISOString(),
              decidedAt: row.decidedAt?.toISOString() ?? null,
              decidedBy: row.decidedBy ? (users.get(row.decidedBy) ?? null) : null,
              reason: row.reason,
              evidence: row.evidence,
            },
          ]
        : [];
    });
  }
}

const NO_SUSPENSION = { suspensionCause: null, suspensionReason: null, suspendedAt: null, suspendedUntil: null } as const;

function prerequisiteReason(roleName: string): string {
  return `It builds on ${roleName}, which is no longer held.`;
}

/** A date and time from a request that must lie ahead. */
function futureDate(value: string, field: string, message: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || date.getTime() <= Date.now()) throw new ValidationFailedError([{ field, message }]);
  return date;
}
