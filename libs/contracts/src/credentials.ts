import type { UserSummary } from './identity';
import type { CompletionEvidence } from './progress';

/** What a facilitator role lets its holder do in the chat rooms it covers. */
export const PERMISSION_BUNDLES = ['moderator', 'session_leader', 'on_spot_host'] as const;
export type PermissionBundle = (typeof PERMISSION_BUNDLES)[number];

/** A role key: lower-case words joined by underscores (`session_leader`). */
export const ROLE_KEY_PATTERN = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

export const APPROVAL_MODES = ['auto', 'review'] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];

/**
 * What unlocks a role: the courses to complete and the roles to hold already. With
 * `auto` it is granted as soon as both are met; with `review` a request waits for an admin.
 * A rule that names no course is granted by hand only.
 */
export interface UnlockRule {
  courseIds: string[];
  roleKeys: string[];
  approval: ApprovalMode;
  /** Days a grant lasts before it must be earned again; null for no end. */
  validityDays: number | null;
  /**
   * Shadowing: live chat sessions to co-host first, each led by a holder of this very role
   * and confirmed by its leader afterwards; on top of the courses. Null or absent for none.
   */
  shadowSessions?: number | null;
  /** Activity: holders host (lead or co-host chat sessions) at least `minutes` in every `days`, or the role is suspended. Null or absent for none. */
  activity?: ActivityRule | null;
}

export interface ActivityRule {
  minutes: number;
  days: number;
}

/** What an activity rule may ask: minutes hosted, in a window of days. */
export const ACTIVITY_LIMITS = { minutes: { min: 15, max: 6000 }, days: { min: 7, max: 365 } } as const;

/** How a holder stands against their role's activity rule: minutes hosted in the window, and whether they were warned. */
export interface ActivityStanding {
  minutes: number;
  needed: number;
  days: number;
  /** Warned of too little: the role is suspended from `suspendAt` unless they host enough by then. */
  suspendAt: string | null;
}

/** Sessions to co-host before a role, at most. */
export const MAX_SHADOW_SESSIONS = 20;

/** Where a role's powers apply in the chat: named rooms, rooms with a tag, and which powers. */
export interface RoleEffects {
  bundle: PermissionBundle;
  roomIds: string[];
  roomTags: string[];
  /** New holders start on probation, with smaller powers, until they have shown their hand; null for none. */
  probation?: ProbationRule | null;
}

/**
 * A new holder's first powers, held back until a mentor (the session's leader) has
 * confirmed `sessions` sessions they co-hosted: mutes and removals of at most `maxMinutes`,
 * and no locking of a room.
 */
export interface ProbationRule {
  sessions: number;
  maxMinutes: number;
}

export interface FacilitatorRole {
  key: string;
  name: string;
  description: string;
  /** Each change to a definition is a new version; grants remember theirs. */
  version: number;
  rule: UnlockRule;
  effects: RoleEffects;
  /** The courses of the rule, for display. */
  courses: Array<{ id: string; slug: string; title: string }>;
  updatedAt: string;
}

export interface RoleDefinitionRequest {
  key: string;
  name: string;
  description: string;
  rule: UnlockRule;
  effects: RoleEffects;
}

export type UpdateRoleDefinitionRequest = Partial<Omit<RoleDefinitionRequest, 'key'>>;

/** How many people to name on each side of a preview; the counts are whole. */
export const PREVIEW_NAMES = 50;

/**
 * `POST /facilitator-roles/:key/preview`: what saving a changed definition would do, before
 * it is saved. People are counted in full and the first PREVIEW_NAMES named.
 */
export interface RoleChangePreview {
  roleKey: string;
  /** The version saving would write. */
  version: number;
  /**
   * Who would come to the role: they meet the new rule and neither hold it, wait for an
   * answer about it, nor were refused it. With `auto` they are granted it after the save;
   * with `review` each gets a request for an admin.
   */
  gaining: { count: number; people: UserSummary[]; how: 'granted' | 'requested' };
  /**
   * Holders (suspended ones included) who would not meet the new rule. They keep the role
   * (a grant keeps the version it was made under) until it ends or an admin revokes it;
   * after that only the new rule gives it back.
   */
  losing: { count: number; people: UserSummary[] };
  /** Holders whose powers in the chat change at once, when the effects change; null when they do not. */
  powersChange: { count: number } | null;
}

/**
 * `suspended` is not `revoked`: the grant stands, its powers are held back (a role it builds
 * on ended, or an admin suspended it), and reinstating it gives them back.
 */
export const GRANT_STATUSES = ['active', 'suspended', 'revoked', 'expired'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

/** How a grant came about. */
export type GrantSource = 'auto' | 'review' | 'manual';

export interface Grant {
  id: string;
  user: UserSummary;
  roleKey: string;
  roleName: string;
  roleVersion: number;
  status: GrantStatus;
  source: GrantSource;
  grantedAt: string;
  expiresAt: string | null;
  /** While suspended: why, since when, and until when (null: until an admin reinstates it). */
  suspension: GrantSuspension | null;
  /** The role's badge (a signed credential, public at `/badges/:id`) while the grant stands; null before the holder's address is verified. */
  badgeId: string | null;
  /** For its holder (`/me/credentials`), when the role asks for activity: how they stand. */
  activity?: ActivityStanding | null;
}

/**
 * Why a grant is held back: a role it builds on is no longer held, an admin suspended it, an
 * upheld complaint did until its holder redoes a course and an admin reinstates them, or the
 * course it is built on changed and its holder did not redo what changed in time (it comes
 * back when they do), or they hosted less than its activity rule asks (an admin reinstates it).
 */
export const SUSPENSION_CAUSES = ['prerequisite', 'admin', 'refresher', 'recertification', 'inactive'] as const;
export type SuspensionCause = (typeof SUSPENSION_CAUSES)[number];

export interface GrantSuspension {
  cause: SuspensionCause;
  reason: string;
  since: string;
  until: string | null;
  /** With cause `refresher`: the course to redo, and how far along it is. */
  refresher: RefresherSummary | null;
}

export const REFRESHER_STATUSES = ['open', 'completed', 'cancelled'] as const;
export type RefresherStatus = (typeof REFRESHER_STATUSES)[number];

/** `complaint`: after an upheld complaint, the whole course; `recertification`: what changed in it, by a deadline. */
export type RefresherCause = 'complaint' | 'recertification';

/** A course a facilitator redoes before a suspended role can come back. */
export interface RefresherSummary {
  id: string;
  cause: RefresherCause;
  /** A recertification's deadline. */
  dueAt: string | null;
  courseId: string;
  courseSlug: string;
  courseTitle: string;
  /** `open` until every item is redone, then `completed` (an admin decides the reinstatement). */
  status: RefresherStatus;
  assignedAt: string;
  closedAt: string | null;
}

/** The append-only history of a person's roles: every grant, denial, revocation, expiry and reinstatement. */
export const GRANT_EVENT_KINDS = ['requested', 'granted', 'denied', 'revoked', 'expired', 'suspended', 'reinstated'] as const;
export type GrantEventKind = (typeof GRANT_EVENT_KINDS)[number];

export interface GrantEvent {
  id: string;
  kind: GrantEventKind;
  grantId: string | null;
  requestId: string | null;
  roleKey: string;
  roleName: string;
  roleVersion: number;
  actor: UserSummary | null;
  reason: string | null;
  at: string;
}

/** A person's grants, their whole history, and any request waiting: `GET /admin/users/:id/grants`. */
export interface GrantHistory {
  user: UserSummary;
  grants: Grant[];
  events: GrantEvent[];
  pending: GrantRequest[];
}

export const REQUEST_STATUSES = ['pending', 'approved', 'denied'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** One discussion answer behind a completion, as the admin reviewing a request sees it. */
export interface AnswerEvidence {
  replyId: string;
  itemId: string;
  itemTitle: string;
  courseSlug: string;
  /** The answer's text, shortened. */
  excerpt: string;
  /** The same, rendered from its Markdown and sanitised on the server (absent in evidence kept before it was). */
  excerptHtml?: string;
  wordCount: number;
  review: { status: 'accepted' | 'needs_revision'; comment: string | null; reviewer: UserSummary | null } | null;
}

export interface RequestEvidence {
  completions: Array<{
    courseId: string;
    courseSlug: string;
    courseTitle: string;
    completedAt: string;
    evidence: CompletionEvidence;
    /** Who signed the trainee off, when the course asked for it. */
    signedOffBy: UserSummary | null;
  }>;
  answers: AnswerEvidence[];
  rolesHeld: Array<{ key: string; name: string }>;
  /** Sessions co-hosted with a holder of the role, each confirmed by its leader (absent in evidence kept before shadowing). */
  shadowing?: ShadowedSession[];
}

export interface ShadowedSession {
  sessionId: string;
  topic: string;
  roomName: string;
  leader: UserSummary | null;
  confirmedBy: UserSummary | null;
  /** Minutes the co-host was in the session. */
  minutes: number;
  confirmedAt: string;
}

/** `grant`: a role's rule was met; `reinstatement`: a refresher was finished, and the suspended grant waits. */
export type GrantRequestKind = 'grant' | 'reinstatement';

export interface GrantRequest {
  id: string;
  kind: GrantRequestKind;
  /** For a reinstatement: the suspended grant and the refresher finished. */
  grantId: string | null;
  refresher: RefresherSummary | null;
  user: UserSummary;
  roleKey: string;
  roleName: string;
  roleVersion: number;
  status: RequestStatus;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: UserSummary | null;
  reason: string | null;
  evidence: RequestEvidence;
}

export interface DecisionRequest {
  reason?: string;
}

export interface ManualGrantRequest {
  roleKey: string;
  reason: string;
  /** When the grant ends, if sooner than the role's validity says (a stand-in for a weekend). */
  expiresAt?: string;
}

/** `POST /admin/grants/:id/suspend`: held back until `until` (then given back by itself), or until reinstated. */
export interface SuspendRequest {
  reason: string;
  until?: string | null;
}

export interface ReasonRequest {
  reason: string;
}

/** One thing still missing before a role can be granted, and where to do it. */
export interface UnmetCondition {
  kind: 'course' | 'requirement' | 'role' | 'shadowing' | 'manual';
  detail: string;
  link: string | null;
}

/** `GET /facilitator-roles/:key/eligibility`: whether I could hold the role, and what is missing. */
export interface Eligibility {
  roleKey: string;
  roleName: string;
  eligible: boolean;
  held: boolean;
  /** Held, but its powers are held back for now. */
  suspended: boolean;
  pending: boolean;
  unmet: UnmetCondition[];
}

/** A person's roles and badges, with what is next: `GET /me/credentials`. */
export interface MyCredentials {
  /** Roles held now, suspended ones included (with their suspension). */
  roles: Grant[];
  badges: BadgeSummary[];
  /** Every role not held, with what is missing. */
  next: Eligibility[];
}

export interface BadgeSummary {
  assertionId: string;
  courseId: string;
  name: string;
  description: string;
  imageUrl: string;
  issuedAt: string;
  revoked: boolean;
  /** Where anyone can fetch the signed credential. */
  url: string;
}

/** `GET /badges/:assertionId/verification`: what a verifier concludes. */
export interface BadgeVerification {
  assertionId: string;
  /** A course's badge, or a role's (which stands as long as its grant). */
  kind: 'course' | 'role';
  /** The signature matches the instance's key and the document is unchanged. */
  signatureValid: boolean;
  /** For good: a role badge is revoked when its grant is revoked or expires. */
  revoked: boolean;
  revokedAt: string | null;
  revocationReason: string | null;
  /** For now: the role's grant is suspended, until `suspendedUntil` (null: until an admin reinstates it). */
  suspended: boolean;
  suspendedUntil: string | null;
  /** Signature valid, neither revoked nor suspended. */
  valid: boolean;
  issuer: string;
  verificationMethod: string;
}
