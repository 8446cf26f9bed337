import { Injectable } from '@nestjs/common';
import type { AnswerEvidence, RequestEvidence } from '@hearth/contracts';
import { UsersService } from '@hearth/identity';
import { CompletionsRepository } from './completions.repository';
import { GrantsRepository } from './grants.repository';
import { type RoleRow, RolesRepository } from './roles.repository';
import { ShadowingRepository } from './shadowing.repository';

/**
 * What an admin reads on a request: the record a person's claim to a role rests on, from
 * the completions as `course.completed` brought them (answers quoted, reviews included),
 * the roles held and the sessions co-hosted with a holder (shadowing); only names are looked up, as they are now.
 */
@Injectable()
export class GrantEvidence {
  constructor(
    private readonly grants: GrantsRepository,
    private readonly roles: RolesRepository,
    private readonly completions: CompletionsRepository,
    private readonly shadowing: ShadowingRepository,
    private readonly users: UsersService,
  ) {}

  async of(userId: string, role: RoleRow): Promise<RequestEvidence> {
    const [completions, held, shadowed] = await Promise.all([
      this.completions.among(userId, role.rule.courseIds),
      this.grants.active(userId),
      (role.rule.shadowSessions ?? 0) > 0 ? this.shadowing.withHolderOf(userId, role.key) : [],
    ]);
    const answered = completions.flatMap((completion) => (completion.evidence.answers ?? []).map((answer) => ({ answer, completion })));
    const [people, names] = await Promise.all([
      this.users.summaries([
        ...completions.flatMap((completion) => (completion.evidence.signoff?.mentorId ? [completion.evidence.signoff.mentorId] : [])),
        ...answered.flatMap(({ answer }) => (answer.review ? [answer.review.mentorId] : [])),
        ...shadowed.flatMap((session) => [session.leaderId, session.confirmedBy].filter((id) => id !== null)),
      ]),
      this.roles.names(held.map((grant) => grant.roleKey)),
    ]);
    const titles = new Map(completions.flatMap((completion) => completion.evidence.items.map((item) => [item.itemId, item.title] as const)));
    const answers: AnswerEvidence[] = answered.map(({ answer: { review, itemId, replyId, excerpt, excerptHtml, wordCount }, completion }) => ({
      replyId,
      itemId,
      itemTitle: titles.get(itemId) ?? '',
      courseSlug: completion.courseSlug,
      excerpt,
      ...(excerptHtml === undefined ? {} : { excerptHtml }),
      wordCount,
      review: review ? { status: review.status, comment: review.comment, reviewer: people.get(review.mentorId) ?? null } : null,
    }));
    return {
      completions: completions.map(({ courseId, courseSlug, courseTitle, completedAt, evidence: { answers: _quoted, ...evidence } }) => ({
        courseId,
        courseSlug,
        courseTitle,
        completedAt: completedAt.toISOString(),
        evidence,
        signedOffBy: evidence.signoff?.mentorId ? (people.get(evidence.signoff.mentorId) ?? null) : null,
      })),
      answers,
      rolesHeld: held.map((grant) => ({ key: grant.roleKey, name: names.get(grant.roleKey) ?? grant.roleKey })),
      shadowing: shadowed.map((session) => ({
        sessionId: session.sessionId,
        topic: session.topic,
        roomName: session.roomName,
        leader: session.leaderId ? (people.get(session.leaderId) ?? null) : null,
        confirmedBy: session.confirmedBy ? (people.get(session.confirmedBy) ?? null) : null,
        minutes: session.minutes,
        confirmedAt: session.confirmedAt.toISOString(),
      })),
    };
  }
}
