import { Injectable } from '@nestjs/common';
import type { Grant, GrantRequest, UserSummary } from '@hearth/contracts';
import { UsersService } from '@hearth/identity';
import { BadgesRepository } from './badges.repository';
import type { GrantRow, RequestRow } from './grants.repository';
import { RefreshersRepository } from './refreshers.repository';
import { RolesRepository } from './roles.repository';

/** What a grant's view and a request's view both begin with: whose, and of which role. */
type Heading = Pick<Grant, 'id' | 'user' | 'roleKey' | 'roleName' | 'roleVersion'>;

/** Grants and requests as the API shows them, with their people and role names; a row whose person is gone is left out. */
@Injectable()
export class GrantViews {
  constructor(
    private readonly users: UsersService,
    private readonly roles: RolesRepository,
    private readonly badges: BadgesRepository,
    private readonly refreshers: RefreshersRepository,
  ) {}

  async grants(rows: GrantRow[]): Promise<Grant[]> {
    const waiting = rows.flatMap((row) => (row.status === 'suspended' && row.suspensionRefresherId ? [row.suspensionRefresherId] : []));
    const [badges, refreshers] = await Promise.all([this.badges.liveRoleBadges(rows.map((row) => row.id)), this.refreshers.summaries(waiting)]);
    return this.shown(
      rows,
      (row) => [row.userId],
      (row, heading) => ({
        ...heading,
        status: row.status,
        source: row.source,
        grantedAt: row.grantedAt.toISOString(),
        expiresAt: row.expiresAt?.toISOString() ?? null,
        suspension:
          row.status === 'suspended' && row.suspensionCause
            ? {
                cause: row.suspensionCause,
                reason: row.suspensionReason ?? '',
                since: (row.suspendedAt ?? row.grantedAt).toISOString(),
                until: row.suspendedUntil?.toISOString() ?? null,
                refresher: (row.suspensionRefresherId && refreshers.get(row.suspensionRefresherId)) || null,
              }
            : null,
        badgeId: badges.get(row.id) ?? null,
      }),
    );
  }

  async requests(rows: RequestRow[]): Promise<GrantRequest[]> {
    const refreshers = await this.refreshers.summaries(rows.flatMap((row) => (row.refresherId ? [row.refresherId] : [])));
    return this.shown(
      rows,
      (row) => [row.userId, ...(row.decidedBy ? [row.decidedBy] : [])],
      (row, heading, users) => ({
        ...heading,
        kind: row.kind,
        grantId: row.grantId,
        refresher: row.refresherId ? (refreshers.get(row.refresherId) ?? null) : null,
        status: row.status,
        createdAt: row.createdAt.toISOString(),
        decidedAt: row.decidedAt?.toISOString() ?? null,
        decidedBy: row.decidedBy ? (users.get(row.decidedBy) ?? null) : null,
        reason: row.reason,
        evidence: row.evidence,
      }),
    );
  }

  /** Each row whose person is still there, as `view` makes it, with the people `people` names and the role's name looked up once for all rows. */
  private async shown<R extends GrantRow | RequestRow, V>(
    rows: R[],
    people: (row: R) => string[],
    view: (row: R, heading: Heading, users: Map<string, UserSummary>) => V,
  ): Promise<V[]> {
    const [users, names] = await Promise.all([this.users.summaries(rows.flatMap(people)), this.roles.names(rows.map((row) => row.roleKey))]);
    return rows.flatMap((row) => {
      const user = users.get(row.userId);
      return user ? [view(row, { id: row.id, user, roleKey: row.roleKey, roleName: names.get(row.roleKey) ?? row.roleKey, roleVersion: row.roleVersion }, users)] : [];
    });
  }
}
