export const PLATFORM_ROLES = ['admin', 'author'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

/** The @mention handle: 3 to 30 letters, digits, `_` or `-`; unique whatever the case. */
export const USERNAME_PATTERN = /^[A-Za-z0-9_-]{3,30}$/;
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
}

export interface FacilitatorRoleHeld {
  key: string;
  name: string;
  grantedAt: string;
  expiresAt: string | null;
}

export interface BadgeHeld {
  assertionId: string;
  name: string;
  awardedAt: string;
}

/** The signed-in user as `GET /me` and the auth routes return them. */
export interface Me extends UserSummary {
  email: string;
  platformRoles: PlatformRole[];
  facilitatorRoles: FacilitatorRoleHeld[];
  badges: BadgeHeld[];
  createdAt: string;
}

/** A user as an admin sees them. */
export interface AdminUser extends UserSummary {
  email: string;
  platformRoles: PlatformRole[];
  createdAt: string;
}

export interface RegisterRequest {
  email: string;
  username: string;
  displayName: string;
  password: string;
}

export interface LoginRequest {
  /** E-mail address or username. */
  login: string;
  password: string;
}

export interface AuthResponse {
  user: Me;
  accessToken: string;
  /** Seconds until `accessToken` expires. */
  expiresIn: number;
}

export interface RefreshResponse {
  accessToken: string;
  expiresIn: number;
}

export interface SetPlatformRolesRequest {
  roles: PlatformRole[];
}

/** What anyone signed in may see of a member: the target of an @mention link. */
export interface Profile extends UserSummary {
  facilitatorRoles: FacilitatorRoleHeld[];
  badges: BadgeHeld[];
  memberSince: string;
}
