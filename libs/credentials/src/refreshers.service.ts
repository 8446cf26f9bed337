import { Injectable } from '@nestjs/common';
import type { Grant, RefresherCompleted } from '@hearth/contracts';
import { CoursesService, LearningService } from '@hearth/courses';
import { type AuthUser, UsersService } from '@hearth/identity';
import { Clock, Database, DomainEvents, ValidationFailedError } from '@hearth/platform';
import { CredentialsError, CredentialsErrorCode } from './credentials.errors';
import { GrantEvidence } from './grant-evidence';
import { GrantLifecycle } from './grant-lifecycle';
import { GrantViews } from './grant-views';
import { GrantsRepository } from './grants.repository';
import { RefreshersRepository } from './refreshers.repository';
import { RolesRepository } from './roles.repository';

/**
 * Complaint → suspension → refresher → reinstatement. An admin upholding a complaint about
 * a facilitator (the chat's sanction ladder) suspends their role until they redo a course:
 * the grant is suspended (cause `refresher`, no end), the person is enrolled in the course
 * if they were not, and `refresher.assigned` tells progress to count what they redo from
 * now on. When progress says every item is redone (`refresher.completed`), an admin is asked
 * to reinstate the role: a request of kind `reinstatement`, approved or denied like any
 * other. A role that comes back or ends another way (an appeal upheld, an admin, its end)
 * no longer waits on its refresher (`refresher.cancelled`).
 */
@Injectable()
export class RefreshersService {
  constructor(
    private readonly db: Database,
    private readonly events: DomainEvents,
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
      await this.lifecycle.suspend(grant, roleName, { cause: 'refresher', reason, until: null, actorId: caller.id, at });
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
      await this.events.publish('refresher.assigned', {
        refresherId: refresher.id,
        userId,
        courseId: course.id,
        courseSlug: course.slug,
        courseTitle: course.title,
        roleName,
        reason,
        assignedAt: at.toISOString(),
        actorId: caller.id,
      });
      return (await this.views.grants([(await this.grants.findGrant(grant.id))!]))[0];
    });
  }

  /** Progress says the refresher is redone: an admin is asked to reinstate the role it holds back. */
  async completed({ refresherId, completedAt }: RefresherCompleted): Promise<void> {
    const refresher = await this.refreshers.find(refresherId);
    if (!refresher) return;
    await this.grants.lockPerson(refresher.userId);
    if (!(await this.refreshers.close(refresher.id, 'completed', new Date(completedAt)))) return;
    const grant = await this.grants.lockGrant(refresher.grantId);
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

  /** The grant came back or ended another way: its refresher, if still open, is no longer asked for. */
  async settled(grantId: string): Promise<void> {
    const open = await this.refreshers.openOf(grantId);
    if (!open || !(await this.refreshers.close(open.id, 'cancelled', this.clock.now()))) return;
    await this.events.publish('refresher.cancelled', { refresherId: open.id, userId: open.userId });
  }
}
