import { Injectable } from '@nestjs/common';
import type { AnswerEvidence, RequestEvidence } from '@hearth/contracts';
import { CoursesService } from '@hearth/courses';
import { ThreadsService } from '@hearth/discussions';
import { UsersService } from '@hearth/identity';
import { ProgressService } from '@hearth/progress';
import { GrantsRepository } from './grants.repository';
import { type RoleRow, RolesRepository } from './roles.repository';

/** What an admin reads on a request: the record a person's claim to a role rests on. */
@Injectable()
export class GrantEvidence {
  constructor(
    private readonly grants: GrantsRepository,
    private readonly roles: RolesRepository,
    private readonly progress: ProgressService,
    private readonly courses: CoursesService,
    private readonly threads: ThreadsService,
    private readonly users: UsersService,
  ) {}

  /** The completions behind a request, with the answers they rest on, as they are now. */
  async of(userId: string, role: RoleRow): Promise<RequestEvidence> {
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
    const names = await this.roles.names(held.map((grant) => grant.roleKey));
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
}
