import type { BadgeHeld, FacilitatorRoleHeld } from '@hearth/contracts';

/**
 * The facilitator roles and badges someone holds, for `GET /me` and profiles. Identity
 * shows them but does not own them: the credentials context provides this under
 * HELD_CREDENTIALS (identity cannot depend on it, as it depends on identity). Without a
 * provider, nobody holds anything.
 */
export interface HeldCredentials {
  of(userId: string): Promise<{ facilitatorRoles: FacilitatorRoleHeld[]; badges: BadgeHeld[] }>;
}

export const HELD_CREDENTIALS = Symbol('HeldCredentials');
