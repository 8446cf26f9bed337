import { Injectable } from '@nestjs/common';
import type { BadgeHeld, FacilitatorRoleHeld } from '@hearth/contracts';

/**
 * The facilitator roles and badges someone holds, for `GET /me` and profiles. Identity
 * shows them but does not own them: the credentials context hands its reader to
 * HeldCredentialsSource when it starts (identity cannot depend on credentials, which
 * depends on identity). Without a reader, nobody holds anything.
 */
export interface HeldCredentials {
  of(userId: string): Promise<{ facilitatorRoles: FacilitatorRoleHeld[]; badges: BadgeHeld[] }>;
}

/** Where identity asks what someone holds; the credentials context plugs its reader in. */
@Injectable()
export class HeldCredentialsSource implements HeldCredentials {
  private reader: HeldCredentials | null = null;

  provide(reader: HeldCredentials): void {
    this.reader = reader;
  }

  of(userId: string): Promise<{ facilitatorRoles: FacilitatorRoleHeld[]; badges: BadgeHeld[] }> {
    return this.reader ? this.reader.of(userId) : Promise.resolve({ facilitatorRoles: [], badges: [] });
  }
}
