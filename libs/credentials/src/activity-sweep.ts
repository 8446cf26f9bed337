import { Injectable, Logger } from '@nestjs/common';
import type { ActivityStanding, SessionEnded } from '@hearth/contracts';
import { Clock, Database, DomainEvents } from '@hearth/platform';
import { DAY_MS, GrantLifecycle } from './grant-lifecycle';
import { type GrantRow, GrantsRepository } from './grants.repository';
import { HostingRepository } from './hosting.repository';
import { type RoleRow, RolesRepository } from './roles.repository';

/** After the warning, this long to host enough before the role is suspended. */
export const ACTIVITY_GRACE_DAYS = 7;

/**
 * What a holder's minutes in the window call for: forget a warning once they host enough,
 * warn them the first time they are short, suspend once they are short ACTIVITY_GRACE_DAYS
 * after the warning; null for nothing.
 */
export function activityStep(minutes: number, needed: number, warnedAt: Date | null, now: Date): 'cleared' | 'warned' | 'suspended' | null {
  if (minutes >= needed) return warnedAt ? 'cleared' : null;
  if (!warnedAt) return 'warned';
  return warnedAt.getTime() <= now.getTime() - ACTIVITY_GRACE_DAYS * DAY_MS ? 'suspended' : null;
}

/**
 * Activity: a role's rule may ask its holders to host (lead or co-host chat sessions) so
 * many minutes in every so many days (`rule.activity`). The chat tells credentials who
 * hosted each session and for how long (`session.ended`); the sweep (with the expiry sweep)
 * looks at each holder held long enough for a window to count: too little and they are told
 * (`role.activity_low`), still too little ACTIVITY_GRACE_DAYS later and the role is
 * suspended (cause `inactive`) until an admin reinstates it, which starts the window again;
 * enough again and the warning is forgotten.
 */
@Injectable()
export class ActivitySweep {
  private readonly logger = new Logger('ActivitySweep');

  constructor(
    private readonly db: Database,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    private readonly grants: GrantsRepository,
    private readonly roles: RolesRepository,
    private readonly hosting: HostingRepository,
    private readonly lifecycle: GrantLifecycle,
  ) {}

  /** How a person stands against the activity rules of the roles they hold, by grant (their roles page). */
  async standings(grants: GrantRow[], roles: RoleRow[], now = this.clock.now()): Promise<Map<string, ActivityStanding>> {
    const rules = new Map(roles.flatMap((role) => (role.rule.activity ? [[role.key, role.rule.activity] as const] : [])));
    const standings = new Map<string, ActivityStanding>();
    for (const grant of grants) {
      const rule = rules.get(grant.roleKey);
      if (!rule || grant.status !== 'active') continue;
      standings.set(grant.id, {
        minutes: await this.hosting.minutesOf(grant.userId, now, rule.days),
        needed: rule.minutes,
        days: rule.days,
        suspendAt: grant.activityWarnedAt ? new Date(grant.activityWarnedAt.getTime() + ACTIVITY_GRACE_DAYS * DAY_MS).toISOString() : null,
      });
    }
    return standings;
  }

  /** The chat's record of a session ended: its hosts' minutes (CredentialsEvents). */
  async record({ sessionId, hosts, endedAt }: SessionEnded): Promise<void> {
    await this.hosting.record(sessionId, hosts, new Date(endedAt));
  }

  async run(now = this.clock.now()): Promise<{ warned: number; suspended: number; cleared: number }> {
    const counts = { warned: 0, suspended: 0, cleared: 0 };
    for (const role of await this.roles.withActivity()) {
      const { minutes: needed, days } = role.rule.activity!;
      // Only those with something to do take their person's lock: most holders, most sweeps, have none.
      const due = (await this.hosting.standings(role.key, now, days)).filter((standing) => activityStep(standing.minutes, needed, standing.activityWarnedAt, now) !== null);
      for (const standing of due) {
        const outcome = await this.db.transaction(async () => {
          await this.grants.lockPerson(standing.userId);
          const grant = await this.grants.lockGrant(standing.grantId);
          if (!grant || grant.status !== 'active') return null;
          const step = activityStep(standing.minutes, needed, grant.activityWarnedAt, now);
          if (step === 'cleared') await this.grants.setActivityWarned(grant.id, null);
          if (step === 'warned') {
            await this.grants.setActivityWarned(grant.id, now);
            await this.events.publish('role.activity_low', {
              grantId: grant.id,
              userId: grant.userId,
              roleKey: role.key,
              roleName: role.name,
              minutes: standing.minutes,
              needed,
              days,
              suspendAt: new Date(now.getTime() + ACTIVITY_GRACE_DAYS * DAY_MS).toISOString(),
            });
          }
          if (step === 'suspended') {
            const reason = `Hosted ${standing.minutes} of the ${needed} minutes ${role.name} asks for in ${days} days; an admin can reinstate it.`;
            await this.lifecycle.suspend(grant, role.name, { cause: 'inactive', reason, until: null, actorId: null });
          }
          return step;
        });
        if (outcome) counts[outcome] += 1;
      }
    }
    if (counts.warned || counts.suspended || counts.cleared) this.logger.log(counts, 'Activity sweep');
    return counts;
  }
}
