export const PLATFORM_ROLES = ['admin', 'author'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

/** The @mention handle: 3 to 30 letters, digits, `_` or `-`; unique whatever the case. */
export const USERNAME_PATTERN = /^[A-Za-z0-9_-]{3,30}$/;

/**
 * How an @mention is written: `@` and a username, where the `@` does not follow a word
 * character (so e-mail addresses stay text). The server's Markdown renderer links and
 * collects mentions with these, and the editor suggests names with them.
 */
export const MENTION = {
  /** A mention at the start of the text. */
  atStart: /^@([A-Za-z0-9_-]{3,30})/,
  /** A character that, just before an `@`, makes it part of a word. */
  wordCharacter: /[A-Za-z0-9_.-]/,
  /** A mention being typed at the end of the text (the name may still be short). */
  beingTyped: /(^|[^A-Za-z0-9_.-])@([A-Za-z0-9_-]{0,30})$/,
} as const;
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
}

/**
 * What a deleted account shows wherever it wrote or did something: a handle made from its
 * id (unique, within the username rule) and no name.
 */
export function formerMember(userId: string): UserSummary {
  return { id: userId, username: `former-${userId.replace(/-/g, '').slice(0, 12)}`, displayName: 'Former member' };
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
  /** Whether the owner opened the link sent to `email`: until then no badge is issued and no e-mail but that link is sent. */
  emailVerified: boolean;
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

/** One of my sign-ins (a browser or device), as the sessions page lists them. */
export interface SignInSession {
  id: string;
  /** Read from the user agent: "Firefox on Linux", or "An unknown device". */
  device: string;
  userAgent: string | null;
  createdAt: string;
  /** The last time it was refreshed or used (to the minute). */
  lastUsedAt: string;
  /** The session this request came from. */
  current: boolean;
}

/** "Forgot my password": a link is e-mailed to the address if an account has it. */
export interface PasswordResetRequest {
  email: string;
}

/** The link's token and the new password. */
export interface PasswordReset {
  token: string;
  password: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** What an owner may change of their account's public face (the username stays: mentions point to it). */
export interface UpdateProfileRequest {
  displayName: string;
}

/** Deleting my account: it cannot be undone, so the password is asked for. */
export interface DeleteAccountRequest {
  currentPassword: string;
}

/** An admin deleting someone's account says why (the audit log keeps it). */
export interface AdminDeleteAccountRequest {
  reason: string;
}

/** A sentence for the person: what has happened and what to do next (a link was e-mailed, say). */
export interface Notice {
  message: string;
}

/** Whether the sign-in page offers “Sign in with <name>”: the community's own accounts (OpenID Connect). */
export interface SingleSignOnInfo {
  enabled: boolean;
  name: string | null;
}

/** A new address for the account: it takes effect when the link e-mailed to it is opened. */
export interface ChangeEmailRequest {
  email: string;
  currentPassword: string;
}
