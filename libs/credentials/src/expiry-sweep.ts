import { Injectable, Logger } from '@nestjs/common';
import { Clock, Database, DomainEvents } from '@hearth/platform';
import { DAY_MS, GrantLifecycle } from './grant-lifecycle';
import { type GrantRow, GrantsRepository } from './grants.repository';
import { ActivitySweep } from './activity-sweep';
import { RefreshersService } from './refreshers.service';
import { RolesRepository } from './roles.repository';

/** Holders are told this long before a role runs out. */
export const EXPIRY_WARNING_DAYS = 14;

/**
 * The sweep, run by the deadline clock the moment a grant ends or a suspension runs out
 * (GrantDeadlines) and every few minutes besides: grants past their end expire,
 * suspensions past their time are lifted, holders whose grants end within
 * EXPIRY_WARNING_DAYS are told once, recertifications near or past their deadline are
 * dealt with (RefreshersService.sweep), and so are holders hosting less than their roles'
 * activity rules ask (ActivitySweep). Batches are locked with SKIP LOCKED, so two
 * instances sweeping at once share the work.
 */
@Injectable()
export class ExpirySweep {
  private readonly logger = new Logger('ExpirySweep');

  constructor(
    private readonly db: Database,
    private readonly events: DomainEvents,
    private readonly grants: GrantsRepository,
    private readonly roles: RolesRepository,
    private readonly lifecycle: GrantLifecycle,
    private readonly refreshers: RefreshersService,
    private readonly activity: ActivitySweep,
    private readonly clock: Clock,
  ) {}

  async run(now = this.clock.now()): Promise<{
    expired: number;
    restored: number;
    warned: number;
    recertification: { warned: number; suspended: number };
    activity: { warned: number; suspended: number; cleared: number };
  }> {
    // One transaction per grant, the person locked before the grant as every change to
    // someone's roles does: two sweeps, or a sweep and an admin, take turns per person.
    const expired = await this.eachDue(
      () => this.grants.dueToExpire(now, 100),
      async (grant) => {
        if (grant.status !== 'active' && grant.status !== 'suspended') return false;
        if (!grant.expiresAt || grant.expiresAt > now) return false;
        await this.lifecycle.expire(grant, await this.roles.name(grant.roleKey));
        return true;
      },
    );
    const restored = await this.eachDue(
      () => this.grants.dueToRestore(now, 100),
      async (grant) => {
        if (grant.status !== 'suspended' || !grant.suspendedUntil || grant.suspendedUntil > now) return false;
        const role = (await this.roles.find(grant.roleKey))!;
        if (!(await this.lifecycle.holdBackForPrerequisites(grant, role))) await this.lifecycle.restore(grant, role.name, null, 'The suspension’s time is up.');
        return true;
      },
    );
    let warned = 0;
    for (;;) {
      const batch = await this.db.transaction(async () => {
        const due = await this.grants.takeDueWarnings(new Date(now.getTime() + EXPIRY_WARNING_DAYS * DAY_MS), 100);
        const names = await this.roles.names(due.map((grant) => grant.roleKey));
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
    return { expired, restored, warned, recertification: await this.refreshers.sweep(now), activity: await this.activity.run(now) };
  }

  /** When the deadline clock should wake next: the soonest end of a grant or of a suspension. */
  nextDeadline(): Promise<Date | null> {
    return this.grants.nextDeadline();
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
}
