import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { CoursePublished, Grant, RefresherCompleted } from '@hearth/contracts';
import { CoursesService, LearningService } from '@hearth/courses';
import { type AuthUser, UsersService } from '@hearth/identity';
import { Clock, Database, DomainEvents, Outbox, outboxTopic, OutboxWorker, ValidationFailedError } from '@hearth/platform';
import { CredentialsError, CredentialsErrorCode } from './credentials.errors';
import { GrantEvidence } from './grant-evidence';
import { DAY_MS, GrantLifecycle } from './grant-lifecycle';
import { GrantViews } from './grant-views';
import { GrantsRepository } from './grants.repository';
import { type RefresherRow, RefreshersRepository } from './refreshers.repository';
import { RolesRepository } from './roles.repository';

/** Holders who have not redone what changed are told this long before the deadline. */
export const RECERTIFY_WARNING_DAYS = 7;

type Recertify = Pick<CoursePublished, 'courseId' | 'courseSlug' | 'title' | 'version'> & { itemIds: string[]; dueAt: string };
const RECERTIFY_TOPIC = outboxTopic<Recertify>('credentials.recertify-course');
/**
 * A refresher redone, dealt with after the trainee's transaction commits: progress holds its
 * row locked there, and credentials locks the person first, as every change to roles does;
 * taking both in one transaction, in that order and the other, could deadlock.
 */
const COMPLETED_TOPIC = outboxTopic<RefresherCompleted>('credentials.refresher-completed');

/**
 * Refreshers: a course a facilitator is asked to redo.
 *
 * Complaint → suspension → refresher → reinstatement. An admin upholding a complaint about a
 * facilitator (the chat's sanction ladder) suspends their role until they redo a course: the
 * grant is suspended (cause `refresher`, no end), the person is enrolled in the course if
 * they were not, and `refresher.assigned` tells progress to count what they redo from now
 * on. When progress says every item is redone (`refresher.completed`), an admin is asked to
 * reinstate the role: a request of kind `reinstatement`, approved or denied like any other.
 * A role that comes back or ends another way (an appeal upheld, an admin, its end) no longer
 * waits on its refresher (`refresher.cancelled`).
 *
 * Recertification. A version published asking holders to recertify (`course.published`
 * with `recertify`) gives everyone holding a role built on the course, after the publish
 * commits, a refresher of the items that changed with a deadline. They are told when it is
 * near (RECERTIFY_WARNING_DAYS); once it passes, their roles built on the course are
 * suspended (cause `recertification`, never revoked) until they redo it, when the roles come
 * back by themselves. A second such publish before they are done adds its items to theirs.
 */
@Injectable()
export class RefreshersService implements OnModuleInit {
  private readonly logger = new Logger('Refreshers');

  constructor(
    private readonly db: Database,
    private readonly events: DomainEvents,
    private readonly outbox: Outbox,
    private readonly worker: OutboxWorker,
    private readonly clock: Clock,
    private readonly users: UsersService,
    private readonly courses: CoursesService,
    private readonly learning: LearningService,
    private readonly grants: GrantsRepository,
    private readonly roles: RolesRepository,
    private readonly refreshers: RefreshersRepository,
    private readonly lifecycle: GrantLifecycle,
    private readonly evidence: GrantEvidence,
    private readonly views: GrantViews,
  ) {}

  onModuleInit(): void {
    this.worker.handle(RECERTIFY_TOPIC, (job: Recertify) => this.recertifyHolders(job));
    this.worker.handle(COMPLETED_TOPIC, (completed: RefresherCompleted) => this.db.transaction(() => this.completed(completed)));
  }

  /**
   * Suspends the role a person holds now until they redo `courseId` and an admin reinstates
   * them, as of `at` (the moderation step's moment).
   */
  async suspendUntilRedone(caller: AuthUser, userId: string, roleKey: string, reason: string, courseId: string, at = this.clock.now()): Promise<Grant> {
    await this.users.requireAdmin(caller);
    if (!(await this.courses.briefs([courseId])).has(courseId)) {
      throw new ValidationFailedError([{ field: 'refresherCourseId', message: 'There is no published course with this id.' }]);
    }
    return this.db.transaction(async () => {
      await this.grants.lockPerson(userId);
      const held = await this.grants.activeOf(userId, roleKey);
      if (!held) throw new CredentialsError(CredentialsErrorCode.NotActive, `This person does not hold ${await this.roles.name(roleKey)} now.`);
      const grant = (await this.grants.lockGrant(held.id))!;
      const roleName = await this.roles.name(grant.roleKey);
      const course = await this.learning.enrollFor(userId, courseId);
      const refresher = await this.refreshers.insert({
        userId,
        grantId: grant.id,
        courseId: course.id,
        courseSlug: course.slug,
        courseTitle: course.title,
        cause: 'complaint',
        reason,
        assignedBy: caller.id,
        assignedAt: at,
      });
      await this.lifecycle.suspend(grant, roleName, { cause: 'refresher', reason, until: null, actorId: caller.id, at, refresherId: refresher.id });
      await this.assigned(refresher, roleName, caller.id);
      return (await this.views.grants([(await this.grants.findGrant(grant.id))!]))[0];
    });
  }

  /** A version asks its holders to recertify: each gets a refresher after the publish commits (CredentialsEvents). */
  async recertifyLater({ courseId, courseSlug, title, version, recertify }: CoursePublished): Promise<void> {
    if (recertify) await this.outbox.enqueue(RECERTIFY_TOPIC, { courseId, courseSlug, title, version, ...recertify });
  }

  /** Everyone holding a role built on the course gets a refresher of what changed, each in a transaction of their own. */
  async recertifyHolders(job: Recertify): Promise<void> {
    const roles = await this.roles.unlockedBy({ courseId: job.courseId });
    for (const userId of await this.grants.heldByAny(roles.map((role) => role.key))) {
      await this.db.transaction(() => this.assignRecertification(userId, job));
    }
  }

  private async assignRecertification(userId: string, job: Recertify): Promise<void> {
    await this.grants.lockPerson(userId);
    // The roles of theirs it concerns, by name, for the notice.
    const held = await this.grants.heldBuiltOn(userId, job.courseId);
    if (held.length === 0) return;
    const names = await this.roles.names(held);
    const roleNames = held.map((key) => names.get(key) ?? key).join(', ');
    const now = this.clock.now();
    // Not done with an earlier one: this one takes its place, with its items too.
    const earlier = await this.refreshers.openRecertification(userId, job.courseId);
    // This very job, run again after a failure: what it did for this person stands.
    if (earlier && earlier.dueAt?.getTime() === new Date(job.dueAt).getTime()) return;
    if (earlier) {
      await this.refreshers.close(earlier.id, 'cancelled', now);
      await this.events.publish('refresher.cancelled', { refresherId: earlier.id, userId });
    }
    const course = await this.learning.enrollFor(userId, job.courseId);
    const refresher = await this.refreshers.insert({
      userId,
      grantId: null,
      courseId: course.id,
      courseSlug: course.slug,
      courseTitle: course.title,
      cause: 'recertification',
      reason: `“${course.title}” changed in version ${job.version}; its holders redo what changed.`,
      assignedBy: null,
      assignedAt: now,
      itemIds: [...new Set([...(earlier?.itemIds ?? []), ...job.itemIds])],
      dueAt: new Date(job.dueAt),
      // Roles already held back for the earlier one stay so, now waiting on this one.
      enforcedAt: earlier?.enforcedAt ?? null,
    });
    if (earlier) await this.grants.rewait(earlier.id, refresher.id);
    await this.assigned(refresher, roleNames, null);
  }

  /**
   * The deadlines (ExpirySweep): people whose recertification is due within
   * RECERTIFY_WARNING_DAYS are told once; past it, their roles built on the course are
   * suspended until they redo it. Each person in a transaction of their own.
   */
  async sweep(now = this.clock.now()): Promise<{ warned: number; suspended: number }> {
    let warned = 0;
    for (;;) {
      const batch = await this.db.transaction(async () => {
        const due = await this.refreshers.takeDueWarnings(new Date(now.getTime() + RECERTIFY_WARNING_DAYS * DAY_MS), now, 100);
        for (const refresher of due) {
          // Holding no role built on the course any more, they have nothing to keep.
          if (await this.dropIfNothingHeld(refresher, now)) continue;
          await this.events.publish('refresher.due_soon', {
            refresherId: refresher.id,
            userId: refresher.userId,
            courseId: refresher.courseId,
            courseSlug: refresher.courseSlug,
            courseTitle: refresher.courseTitle,
            dueAt: refresher.dueAt!.toISOString(),
          });
        }
        return due.length;
      });
      warned += batch;
      if (batch < 100) break;
    }
    let suspended = 0;
    // One look at each per sweep: one left unenforced (a role of theirs held back meanwhile) comes round again next time.
    const seen = new Set<string>();
    for (;;) {
      const overdue = (await this.db.transaction(() => this.refreshers.overdue(now, 100))).filter((refresher) => !seen.has(refresher.id));
      for (const refresher of overdue) {
        seen.add(refresher.id);
        suspended += await this.db.transaction(() => this.enforce(refresher.id, refresher.userId, now));
      }
      if (overdue.length === 0) break;
    }
    if (warned || suspended) this.logger.log({ warned, suspended }, 'Recertification sweep');
    return { warned, suspended };
  }

  /** A recertification past its deadline: the person's active roles built on the course are suspended until it is redone. */
  private async enforce(refresherId: string, userId: string, now: Date): Promise<number> {
    await this.grants.lockPerson(userId);
    const refresher = await this.refreshers.find(refresherId);
    if (!refresher || refresher.status !== 'open' || refresher.enforcedAt) return 0;
    if (await this.dropIfNothingHeld(refresher, now)) return 0;
    // A grant held back for another reason now is suspended for this one once it is active again (a later sweep).
    if (!(await this.grants.suspendedBuiltOn(userId, refresher.courseId))) await this.refreshers.markEnforced(refresherId, now);
    const day = refresher.dueAt!.toISOString().slice(0, 10);
    const reason = `What changed in “${refresher.courseTitle}” was not redone by ${day}; redo it and the role comes back.`;
    const grants = await this.grants.activeBuiltOn(userId, refresher.courseId);
    for (const grant of grants) {
      await this.lifecycle.suspend(grant, await this.roles.name(grant.roleKey), { cause: 'recertification', reason, until: null, actorId: null, refresherId });
    }
    return grants.length;
  }

  /** Progress says a refresher is redone (CredentialsEvents): dealt with after the commit. */
  async completedLater(completed: RefresherCompleted): Promise<void> {
    await this.outbox.enqueue(COMPLETED_TOPIC, completed);
  }

  /** A refresher redone: a complaint's asks an admin to reinstate; a recertification's gives the roles back. */
  async completed({ refresherId, completedAt }: RefresherCompleted): Promise<void> {
    const refresher = await this.refreshers.find(refresherId);
    if (!refresher) return;
    await this.grants.lockPerson(refresher.userId);
    if (!(await this.refreshers.close(refresher.id, 'completed', new Date(completedAt)))) return;
    if (refresher.cause === 'recertification') return this.recertified(refresher);
    const grant = await this.grants.lockGrant(refresher.grantId!);
    if (grant?.status !== 'suspended' || grant.suspensionCause !== 'refresher') return;
    const role = (await this.roles.version(grant.roleKey, grant.roleVersion))!;
    const request = await this.grants.insertRequest({
      userId: grant.userId,
      roleKey: grant.roleKey,
      roleVersion: grant.roleVersion,
      evidence: await this.evidence.of(grant.userId, role),
      grantId: grant.id,
      refresherId: refresher.id,
    });
    if (!request) return;
    await this.grants.insertEvent({ userId: grant.userId, kind: 'requested', roleKey: grant.roleKey, roleVersion: grant.roleVersion, grantId: grant.id, requestId: request.id, actorId: null, reason: `Redid ${refresher.courseTitle}` });
    await this.events.publish('grant.requested', { requestId: request.id, kind: 'reinstatement', userId: grant.userId, roleKey: grant.roleKey, roleName: role.name, roleVersion: grant.roleVersion });
  }

  /** What changed is redone: the roles suspended for want of it come back (unless a role they build on is missing). */
  private async recertified(refresher: RefresherRow): Promise<void> {
    for (const grant of await this.grants.waitingOn(refresher.id)) {
      if (grant.suspensionCause !== 'recertification') continue;
      const role = (await this.roles.find(grant.roleKey))!;
      if (!(await this.lifecycle.holdBackForPrerequisites(grant, role))) await this.lifecycle.restore(grant, role.name, null, `Redid what changed in “${refresher.courseTitle}”.`);
    }
  }

  /**
   * The grant came back or ended another way: a reinstatement waiting for it is closed, and
   * its complaint's refresher, if still open, is no longer asked for.
   */
  async settled(grantId: string): Promise<void> {
    await this.grants.closeReinstatementsOf(grantId, 'The role came back, or ended, another way.');
    const open = await this.refreshers.openOf(grantId);
    if (!open || !(await this.refreshers.close(open.id, 'cancelled', this.clock.now()))) return;
    await this.events.publish('refresher.cancelled', { refresherId: open.id, userId: open.userId });
  }

  /** A recertification whose person holds no role built on the course any more is no longer asked for; whether it was dropped. */
  private async dropIfNothingHeld(refresher: RefresherRow, now: Date): Promise<boolean> {
    if ((await this.grants.heldBuiltOn(refresher.userId, refresher.courseId)).length > 0) return false;
    if (await this.refreshers.close(refresher.id, 'cancelled', now)) await this.events.publish('refresher.cancelled', { refresherId: refresher.id, userId: refresher.userId });
    return true;
  }

  private async assigned(refresher: RefresherRow, roleName: string, actorId: string | null): Promise<void> {
    await this.events.publish('refresher.assigned', {
      refresherId: refresher.id,
      cause: refresher.cause,
      itemIds: refresher.itemIds,
      dueAt: refresher.dueAt?.toISOString() ?? null,
      userId: refresher.userId,
      courseId: refresher.courseId,
      courseSlug: refresher.courseSlug,
      courseTitle: refresher.courseTitle,
      roleName,
      reason: refresher.reason,
      assignedAt: refresher.assignedAt.toISOString(),
      actorId,
    });
  }
}
