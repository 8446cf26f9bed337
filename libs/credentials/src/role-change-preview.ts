import { Injectable } from '@nestjs/common';
import { PREVIEW_NAMES, type RoleChangePreview, type RoleEffects, type UpdateRoleDefinitionRequest } from '@hearth/contracts';
import { type AuthUser, UsersService } from '@hearth/identity';
import { Clock, Database } from '@hearth/platform';
import { RolesService } from './roles.service';

/**
 * Who a changed rule would take in and leave out, in one statement: people who completed
 * every course of the new rule (credentials' own completion record), hold every role it
 * builds on and have co-hosted the sessions its shadowing asks for, against the role's holders. "Meets" is RoleEligibility's rule; "would gain"
 * is GrantsService.consider's (not held, not waiting, never revoked or refused).
 */
const SIDES = `
  WITH holders AS (
    SELECT user_id FROM role_grant WHERE role_key = $3 AND status IN ('active', 'suspended') AND (expires_at IS NULL OR expires_at > $6::timestamptz)
  ), candidates AS (
    -- Only those who could meet it: everyone who completed the rule's courses, and the holders.
    SELECT user_id FROM completion_record WHERE course_id = ANY($1) GROUP BY user_id HAVING count(*) = cardinality($1::uuid[])
    UNION SELECT user_id FROM holders
  ), meeting AS (
    SELECT c.user_id FROM candidates c JOIN "user" u ON u.id = c.user_id
     WHERE u.deleted_at IS NULL
       AND cardinality($1::uuid[]) = (SELECT count(*) FROM completion_record r WHERE r.user_id = c.user_id AND r.course_id = ANY($1))
       AND cardinality($2::text[]) = (SELECT count(DISTINCT g.role_key) FROM role_grant g
                                       WHERE g.user_id = c.user_id AND g.role_key = ANY($2) AND g.status = 'active' AND (g.expires_at IS NULL OR g.expires_at > $6::timestamptz))
       AND $5::int <= (SELECT count(*) FROM shadowed_session s WHERE s.user_id = c.user_id AND $3 = ANY(s.leader_role_keys))
  ), sides AS (
    SELECT m.user_id, 'gaining' AS side FROM meeting m
     WHERE cardinality($1::uuid[]) > 0
       AND m.user_id NOT IN (SELECT user_id FROM holders)
       AND NOT EXISTS (SELECT 1 FROM role_grant g WHERE g.user_id = m.user_id AND g.role_key = $3 AND g.status = 'revoked')
       AND NOT EXISTS (SELECT 1 FROM grant_request r WHERE r.user_id = m.user_id AND r.role_key = $3 AND r.status IN ('pending', 'denied'))
    UNION ALL
    SELECT h.user_id, 'losing' FROM holders h WHERE h.user_id NOT IN (SELECT user_id FROM meeting)
    UNION ALL
    SELECT h.user_id, 'holding' FROM holders h
  )
  SELECT side, count(*)::int AS count, (array_agg(user_id ORDER BY user_id))[1:$4] AS named FROM sides GROUP BY side`;

/** What saving a changed role definition would do, shown to the admin before they save it. */
@Injectable()
export class RoleChangePreviewer {
  constructor(
    private readonly db: Database,
    private readonly roles: RolesService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  async preview(caller: AuthUser, key: string, request: UpdateRoleDefinitionRequest): Promise<RoleChangePreview> {
    await this.users.requireAdmin(caller);
    const { current, definition } = await this.roles.changed(key, request);
    const rows = await this.db.query<{ side: 'gaining' | 'losing' | 'holding'; count: number; named: string[] }>(SIDES, [
      [...new Set(definition.rule.courseIds)],
      [...new Set(definition.rule.roleKeys)],
      key,
      PREVIEW_NAMES,
      definition.rule.shadowSessions ?? 0,
      this.clock.now(),
    ]);
    const side = (name: string) => rows.find((row) => row.side === name) ?? { count: 0, named: [] as string[] };
    const [gaining, losing, holding] = [side('gaining'), side('losing'), side('holding')];
    const people = await this.users.summaries([...gaining.named, ...losing.named]);
    const named = (ids: string[]) => ids.flatMap((id) => people.get(id) ?? []);
    return {
      roleKey: key,
      version: current.version + 1,
      gaining: { count: gaining.count, people: named(gaining.named), how: definition.rule.approval === 'auto' ? 'granted' : 'requested' },
      losing: { count: losing.count, people: named(losing.named) },
      powersChange: sameEffects(current.effects, definition.effects) ? null : { count: holding.count },
    };
  }
}

/** The same powers in the same rooms, however the lists are ordered and whether "no probation" is null or left out. */
function sameEffects(a: RoleEffects, b: RoleEffects): boolean {
  const plain = (effects: RoleEffects) =>
    JSON.stringify([effects.bundle, [...effects.roomIds].sort(), [...effects.roomTags].sort(), effects.probation ? [effects.probation.sessions, effects.probation.maxMinutes] : null]);
  return plain(a) === plain(b);
}
