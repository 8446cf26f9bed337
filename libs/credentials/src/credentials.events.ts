import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '@hearth/platform';
import { ActivitySweep } from './activity-sweep';
import { BadgesService } from './badges.service';
import { CompletionsRepository } from './completions.repository';
import { ShadowingRepository } from './shadowing.repository';
import { GrantsService } from './grants.service';
import { RefreshersService } from './refreshers.service';
import { RequestEscalation } from './request-escalation';

/**
 * The credentials context's events. It handles a completed course (kept with the evidence it
 * brings, then its badge, and the roles it unlocks: granted at once or asked for), a role
 * granted (its badge, and the roles built on it), a role revoked or expired (its badge
 * ends), a session co-hosted and confirmed (shadowing toward the roles its leader holds),
 * a role defined anew (those who meet it already, after the commit), a request made
 * (a reminder for the admins if it waits), an address confirmed (the badges earned
 * meanwhile) and a refresher redone (`refresher.completed`, from progress: an admin is asked
 * to reinstate; a role back or ended another way cancels its refresher) and a chat session
 * ended (its hosts' minutes, for activity rules). It
 * publishes `grant.requested`, `grant.denied`, `grant.request_waiting`, `role.*` (from
 * GrantLifecycle and ExpirySweep), `badge.awarded`, `badge.revoked`, `refresher.assigned`
 * and `refresher.cancelled`, which the chat, progress, notifications and the audit log
 * follow. See docs/architecture.md for the whole map.
 */
@Injectable()
export class CredentialsEvents implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly grants: GrantsService,
    private readonly badges: BadgesService,
    private readonly completions: CompletionsRepository,
    private readonly shadowing: ShadowingRepository,
    private readonly escalation: RequestEscalation,
    private readonly refreshers: RefreshersService,
    private readonly activity: ActivitySweep,
  ) {}

  onModuleInit(): void {
    this.events.on('course.completed', async (completion) => {
      await this.completions.record(completion);
      await this.grants.considerAfterCompletion(completion.userId, completion.courseId);
      await this.badges.award(completion.userId, completion.courseId);
    });
    this.events.on('role.granted', ({ userId, roleKey }) => this.grants.considerAfterGrant(userId, roleKey));
    this.events.on('role.granted', ({ grantId }) => this.badges.awardRole(grantId));
    this.events.on('role.revoked', ({ grantId, reason }) => this.badges.endRoleBadge(grantId, reason));
    this.events.on('role.expired', ({ grantId }) => this.badges.endRoleBadge(grantId, null));
    this.events.on('role.granted', async ({ grantId, how }) => {
      if (how === 'reinstated') await this.refreshers.settled(grantId);
    });
    this.events.on('role.revoked', ({ grantId }) => this.refreshers.settled(grantId));
    this.events.on('role.expired', ({ grantId }) => this.refreshers.settled(grantId));
    this.events.on('refresher.completed', (completed) => this.refreshers.completedLater(completed));
    this.events.on('course.published', (published) => this.refreshers.recertifyLater(published));
    this.events.on('session.ended', (ended) => this.activity.record(ended));
    this.events.on('session.co_host_confirmed', async (confirmed) => {
      await this.shadowing.record(confirmed);
      await this.grants.considerAfterShadowing(confirmed.userId, confirmed.leaderRoleKeys);
    });
    this.events.on('role.defined', ({ roleKey }) => this.grants.reconsiderLater(roleKey));
    this.events.on('grant.requested', (request) => this.escalation.remindLater(request));
    this.events.on('user.email_verified', ({ userId }) => this.badges.awardEarnedMeanwhile(userId));
  }
}
