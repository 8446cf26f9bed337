import { Injectable } from '@nestjs/common';
import type { Eligibility, UnmetCondition } from '@hearth/contracts';
import { CoursesService } from '@hearth/courses';
import { ProgressService } from '@hearth/progress';
import { CompletionsRepository } from './completions.repository';
import { GrantsRepository } from './grants.repository';
import { type RoleRow, RolesRepository } from './roles.repository';
import { ShadowingRepository } from './shadowing.repository';

/** How far a person is from a role: what its rule asks for that they have not done or do not hold yet. */
@Injectable()
export class RoleEligibility {
  constructor(
    private readonly grants: GrantsRepository,
    private readonly roles: RolesRepository,
    private readonly completions: CompletionsRepository,
    private readonly shadowing: ShadowingRepository,
    private readonly progress: ProgressService,
    private readonly courses: CoursesService,
  ) {}

  async eligibilityOf(userId: string, role: RoleRow): Promise<Eligibility> {
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
   * role not held, and the shadowing still to do. Completions and shadowing are credentials' own record; only the courses still to do
   * are described, from the course and the person's progress in it.
   */
  async unmet(userId: string, role: RoleRow, options: { details: boolean }): Promise<UnmetCondition[]> {
    const unmet: UnmetCondition[] = [];
    const completed = new Set((await this.completions.among(userId, role.rule.courseIds)).map((completion) => completion.courseId));
    const toDo = role.rule.courseIds.filter((courseId) => !completed.has(courseId));
    const courses = await this.courses.briefs(toDo);
    for (const courseId of toDo) {
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
    const shadowSessions = role.rule.shadowSessions ?? 0;
    if (shadowSessions > 0) {
      const done = (await this.shadowing.withHolderOf(userId, role.key)).length;
      if (done < shadowSessions) {
        const more = shadowSessions - done;
        unmet.push({
          kind: 'shadowing',
          detail: `Co-host ${more} ${done > 0 ? 'more ' : ''}live session${more === 1 ? '' : 's'} led by a ${role.name}, each confirmed by its leader (${done} of ${shadowSessions} so far)`,
          link: '/chat',
        });
      }
    }
    if (role.rule.roleKeys.length > 0) {
      const held = new Set((await this.grants.active(userId)).map((grant) => grant.roleKey));
      const names = await this.roles.names(role.rule.roleKeys);
      for (const key of role.rule.roleKeys.filter((k) => !held.has(k))) {
        unmet.push({ kind: 'role', detail: `Hold the role “${names.get(key) ?? key}”`, link: `/roles#${key}` });
      }
    }
    return unmet;
  }
}
