import { Injectable } from '@nestjs/common';
import type { BadgeHeld, FacilitatorRoleHeld } from '@hearth/contracts';
import type { HeldCredentials } from '@hearth/identity';
import { BadgesRepository } from './badges.repository';
import { GrantsRepository } from './grants.repository';
import { RolesRepository } from './roles.repository';

/** What identity shows on `GET /me` and profiles: active roles and badges not revoked. */
@Injectable()
export class HeldCredentialsReader implements HeldCredentials {
  constructor(
    private readonly grants: GrantsRepository,
    private readonly roles: RolesRepository,
    private readonly badges: BadgesRepository,
  ) {}

  async of(userId: string): Promise<{ facilitatorRoles: FacilitatorRoleHeld[]; badges: BadgeHeld[] }> {
    const [grants, badges] = await Promise.all([this.grants.active(userId), this.badges.ofUser(userId)]);
    const names = new Map((await this.roles.findMany(grants.map((grant) => grant.roleKey))).map((role) => [role.key, role.name]));
    return {
      facilitatorRoles: grants.map((grant) => ({
        key: grant.roleKey,
        name: names.get(grant.roleKey) ?? grant.roleKey,
        grantedAt: grant.grantedAt.toISOString(),
        expiresAt: grant.expiresAt?.toISOString() ?? null,
      })),
      badges: badges.filter((badge) => !badge.revokedAt).map((badge) => ({ assertionId: badge.id, name: badge.name, awardedAt: badge.issuedAt.toISOString() })),
    };
  }
}
