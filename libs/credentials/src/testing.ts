import type { RoleDefinitionRequest, UnlockRule } from '@hearth/contracts';
import { type DiscussionWorld, DiscussionsWorld } from '@hearth/discussions/testing';
import type { AuthUser } from '@hearth/identity';
import type { IntegrationContext } from '@hearth/platform/testing';
import { BadgesService } from './badges.service';
import { ExpirySweep } from './expiry-sweep';
import { GrantsService } from './grants.service';
import { RolesService } from './roles.service';

let sequence = 0;

/** Discussions worlds plus credentials: an admin, roles, and trainees who complete courses. */
export class CredentialsWorld extends DiscussionsWorld {
  constructor(private readonly integration: IntegrationContext) {
    super(integration);
  }

  get roles() {
    return this.integration.get(RolesService);
  }
  get grants() {
    return this.integration.get(GrantsService);
  }
  get sweep() {
    return this.integration.get(ExpirySweep);
  }
  get badges() {
    return this.integration.get(BadgesService);
  }

  newAdmin(): Promise<AuthUser> {
    return this.newUser(['admin']);
  }

  /** A role whose rule is `rule` (a new key each time). */
  async newRole(admin: AuthUser, rule: Partial<UnlockRule>, overrides: Partial<RoleDefinitionRequest> = {}): Promise<string> {
    sequence += 1;
    const key = `role_${sequence}_${process.pid}`;
    await this.roles.create(admin, {
      key,
      name: `Role ${sequence}`,
      description: 'For tests',
      rule: { courseIds: [], roleKeys: [], approval: 'auto', validityDays: null, ...rule },
      effects: { bundle: 'moderator', roomIds: [], roomTags: ['general'] },
      ...overrides,
    });
    return key;
  }

  /** Everything the test course asks for by default: its lesson opened, its discussion answered (unless it is already), its quiz passed. */
  async complete(trainee: AuthUser, d: DiscussionWorld, options: { answered?: boolean } = {}): Promise<void> {
    await this.learning.markViewed(trainee, d.lesson.id);
    if (!options.answered) await this.threads.post(trainee, d.itemId, { body: 'A room where people listen before they answer, and the host keeps things slow.' });
    const quiz = await this.learning.read(trainee, d.quiz.id);
    const question = quiz.questions![0];
    const right = question.options.find((option) => option.textHtml.includes('Slow down'))!;
    await this.learning.attempt(trainee, d.quiz.id, { answers: [{ questionId: question.id, optionIds: [right.id] }] });
  }
}
