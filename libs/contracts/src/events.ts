import type { ItemType } from './courses';
import type { SanctionKind, SanctionReason } from './chat';
import type { GrantRequestKind, RefresherCause, RoleEffects, SuspensionCause } from './credentials';
import type { PlatformRole } from './identity';
import type { ReviewStatus } from './discussions';
import type { AnswerSnapshot, CompletionEvidence, CompletionRequirement, CriterionScore } from './progress';

/**
 * Every domain event, by name, with its payload. A context publishes these inside the
 * transaction that made the change; others subscribe without importing the publisher.
 */
export interface DomainEventMap {
  'user.registered': UserRegistered;
  'course.published': CoursePublished;
  'enrollment.created': EnrollmentCreated;
  'item.viewed': ItemViewed;
  'quiz.passed': QuizPassed;
  'discussion.answered': DiscussionAnswered;
  'reply.posted': ReplyPosted;
  'reply.edited': ReplyEdited;
  'reply.flagged': ReplyFlagged;
  'review.recorded': ReviewRecorded;
  'trainee.signed_off': TraineeSignedOff;
  'session.attended': SessionAttended;
  'practicum.reviewed': PracticumReviewed;
  'course.completed': CourseCompleted;
  'role.defined': RoleDefined;
  'grant.requested': GrantRequested;
  'grant.denied': GrantDenied;
  'grant.request_waiting': GrantRequestWaiting;
  'refresher.assigned': RefresherAssigned;
  'refresher.completed': RefresherCompleted;
  'refresher.cancelled': RefresherCancelled;
  'refresher.due_soon': RefresherDueSoon;
  'role.granted': RoleGranted;
  'role.revoked': RoleRevoked;
  'role.expired': RoleExpired;
  'role.suspended': RoleSuspended;
  'role.expiring': RoleExpiring;
  'role.activity_low': RoleActivityLow;
  'badge.awarded': BadgeAwarded;
  'badge.revoked': BadgeRevoked;
  'platform_roles.changed': PlatformRolesChanged;
  'reply.moderated': ReplyModerated;
  'chat.moderated': ChatModerated;
  'chat.mentioned': ChatMentioned;
  'chat.sanctioned': ChatSanctioned;
  'chat.appealed': ChatAppealed;
  'chat.appeal_decided': ChatAppealDecided;
  'chat.reported': ChatReported;
  'chat.report_escalated': ChatReportEscalated;
  'chat.report_resolved': ChatReportResolved;
  'chat.host_wanted': ChatHostWanted;
  'session.ended': SessionEnded;
  'practice.ended': PracticeEnded;
  'session.co_host_confirmed': CoHostConfirmed;
  'user.signed_out': UserSignedOut;
  'user.email_verified': UserEmailVerified;
  'user.renamed': UserRenamed;
  'user.deleted': UserDeleted;
  'user.exported': UserExported;
}

export type DomainEventName = keyof DomainEventMap;

/** An account was made (registration, the command line, the demo). */
export interface UserRegistered {
  userId: string;
  username: string;
  displayName: string;
  platformRoles: PlatformRole[];
}

export interface CoursePublished {
  courseId: string;
  courseSlug: string;
  title: string;
  version: number;
  publishedBy: string;
  /** The version's items in reading order, for contexts that keep their own view of a course. */
  items: Array<{ itemId: string; type: ItemType; title: string; minWords: number | null; postFirst: boolean | null }>;
  requirements: CompletionRequirement[];
  /** Holders of the roles built on the course must redo these items by `dueAt`; null when not asked. */
  recertify: { dueAt: string; itemIds: string[] } | null;
}

export interface EnrollmentCreated {
  enrollmentId: string;
  courseId: string;
  userId: string;
  version: number;
}

export interface ItemViewed {
  userId: string;
  courseId: string;
  itemId: string;
  version: number;
}

export interface QuizPassed {
  userId: string;
  courseId: string;
  itemId: string;
  attemptId: string;
  scorePercent: number;
  version: number;
}

/** A trainee's answer that counts now (long enough, not removed or hidden), or none. */
export interface DiscussionAnswered {
  userId: string;
  courseId: string;
  itemId: string;
  replyId: string | null;
  /** The counting answer's text as it reads now (null with no answer), kept as evidence. */
  answer: AnswerSnapshot | null;
  /** When its author wrote the counting answer, if this is that writing (a post or an edit); null otherwise (a removal, a moderator hiding or showing it). */
  writtenAt: string | null;
}

/** Where a reply sits, for notifications and links. */
export interface ReplyPlace {
  replyId: string;
  courseId: string;
  courseSlug: string;
  itemId: string;
  itemTitle: string;
}

export interface ReplyPosted extends ReplyPlace {
  authorId: string;
  parentId: string | null;
  /** The author of the answer replied to, if any, when they may read the reply. */
  parentAuthorId: string | null;
  /** The people @mentioned (not the author) who may read the reply: post-first applies. */
  mentionedUserIds: string[];
}

/** Someone flagged a reply for the course's staff to look at (once per person). */
export interface ReplyFlagged extends ReplyPlace {
  flagId: string;
  flaggerId: string;
  /** Whether enough flags hid it until staff look. */
  hidden: boolean;
}

/** A reply's author changed its text. */
export interface ReplyEdited extends ReplyPlace {
  authorId: string;
  /** People the new text @mentions and the old did not, who may read the reply. */
  mentionedUserIds: string[];
}

export interface ReviewRecorded extends ReplyPlace {
  reviewId: string;
  answerAuthorId: string;
  mentorId: string;
  status: ReviewStatus;
  comment: string | null;
}

/** A mentor of the course signed a trainee off. */
export interface TraineeSignedOff {
  courseId: string;
  userId: string;
  mentorId: string;
  note: string | null;
  at: string;
}

/**
 * A session's leader (or an admin) confirmed after it ended that its co-host ran it with
 * them: toward the end of a new holder's probation, and as shadowing toward a role.
 */
export interface CoHostConfirmed {
  sessionId: string;
  roomName: string;
  topic: string;
  /** The co-host. */
  userId: string;
  /** Null when the leader's account is gone. */
  leaderId: string | null;
  /** The leader's roles in force whose powers cover the room, when it was confirmed: shadowing counts for those. */
  leaderRoleKeys: string[];
  confirmedBy: string;
  minutes: number;
  at: string;
}

/** Someone's presence in a live chat session, once it ended: how long they were there. */
export interface SessionAttended {
  userId: string;
  sessionId: string;
  /** The session's kind (`support-session`), which course requirements name. */
  kind: string;
  /** The session's topic and room, for the record. */
  title: string;
  minutes: number;
  at: string;
}

/** A mentor scored a practice session a trainee led from one of a course's scripts. */
/** A practice session a mentor observed has ended: it waits for their scores. */
export interface PracticeEnded {
  sessionId: string;
  roomId: string;
  topic: string;
  /** The trainee who led it. */
  leaderId: string;
  observerId: string;
}

export interface PracticumReviewed {
  /** The trainee who led the session. */
  userId: string;
  courseId: string;
  sessionId: string;
  scriptItemId: string;
  scriptTitle: string;
  mentorId: string;
  scores: CriterionScore[];
  total: number;
  passScore: number;
  passed: boolean;
  /** Markdown, as the mentor wrote it. */
  feedback: string;
  at: string;
}

/**
 * A trainee met every requirement of a course; recorded once, with its evidence, which
 * travels with the event so that those who act on it (badges, roles, their requests) need
 * not ask progress, the course or the discussions again.
 */
export interface CourseCompleted {
  userId: string;
  courseId: string;
  courseSlug: string;
  courseTitle: string;
  version: number;
  completedAt: string;
  evidence: CompletionEvidence;
}

/** An admin created a facilitator role or wrote a new version of one. */
export interface RoleDefined {
  roleKey: string;
  version: number;
  name: string;
  /** What the version does in the chat, for the chat's own copy. */
  effects: RoleEffects;
  actorId: string;
}

/** Someone met a review-mode role's rule, or redid a refresher (`reinstatement`); an admin decides. */
export interface GrantRequested {
  requestId: string;
  kind: GrantRequestKind;
  userId: string;
  roleKey: string;
  roleName: string;
  roleVersion: number;
}

/**
 * A held role is suspended until its holder redoes a course (an upheld complaint): progress
 * keeps what they redo from `assignedAt` on, the person is told.
 */
export interface RefresherAssigned {
  refresherId: string;
  cause: RefresherCause;
  /** The items to redo; null: every lesson, discussion and quiz of the course. */
  itemIds: string[] | null;
  /** A recertification's deadline. */
  dueAt: string | null;
  userId: string;
  courseId: string;
  courseSlug: string;
  courseTitle: string;
  /** The role held back (a complaint), or the roles kept only if it is done (a recertification). */
  roleName: string;
  /** Why, as the person reads it. */
  reason: string;
  /** Facts from this moment on count (the Clock's time). */
  assignedAt: string;
  actorId: string | null;
}

/** Every item of a refresher redone: credentials asks an admin to reinstate the role. */
export interface RefresherCompleted {
  refresherId: string;
  userId: string;
  courseId: string;
  completedAt: string;
}

/** A refresher no longer asked for: the role came back, or ended, another way. */
export interface RefresherCancelled {
  refresherId: string;
  userId: string;
}

/** A recertification's deadline is near and it is not done: the person is told. */
export interface RefresherDueSoon {
  refresherId: string;
  userId: string;
  courseId: string;
  courseSlug: string;
  courseTitle: string;
  dueAt: string;
}

/** A role request still undecided after HEARTH_GRANT_REQUEST_ESCALATE_HOURS. */
export interface GrantRequestWaiting {
  requestId: string;
  userId: string;
  roleName: string;
  waitingHours: number;
}

export interface GrantDenied {
  requestId: string;
  userId: string;
  roleKey: string;
  roleName: string;
  roleVersion: number;
  actorId: string;
  reason: string | null;
}

/** A role is held from now: granted automatically, on review, by hand, or reinstated. */
export interface RoleGranted {
  grantId: string;
  userId: string;
  roleKey: string;
  roleName: string;
  roleVersion: number;
  how: 'auto' | 'review' | 'manual' | 'reinstated';
  /** When the grant was first made (a reinstated grant keeps its first date). */
  grantedAt: string;
  /** Null when Hearth granted it by itself. */
  actorId: string | null;
  reason: string | null;
  expiresAt: string | null;
}

export interface RoleRevoked {
  grantId: string;
  userId: string;
  roleKey: string;
  roleName: string;
  roleVersion: number;
  actorId: string;
  reason: string;
}

/** A grant is held back: a role it builds on ended (`prerequisite`), or an admin suspended it. Reinstating it publishes `role.granted` (how: reinstated). */
export interface RoleSuspended {
  grantId: string;
  userId: string;
  roleKey: string;
  roleName: string;
  roleVersion: number;
  cause: SuspensionCause;
  /** Null when Hearth suspended it by itself (a prerequisite ended). */
  actorId: string | null;
  reason: string;
  until: string | null;
}

export interface RoleExpired {
  grantId: string;
  userId: string;
  roleKey: string;
  roleName: string;
  roleVersion: number;
}

/** A role runs out soon (within 14 days): its holder is told. */
export interface RoleExpiring {
  grantId: string;
  userId: string;
  roleKey: string;
  roleName: string;
  expiresAt: string;
}

export interface BadgeAwarded {
  assertionId: string;
  userId: string;
  courseId: string;
  name: string;
}

export interface BadgeRevoked {
  assertionId: string;
  userId: string;
  courseId: string;
  actorId: string;
  reason: string;
}

/**
 * Sign-ins ended (signing out, out everywhere, a reused refresh token, a password reset):
 * their access tokens stop working and their chat connections are closed.
 */
/** The owner opened the link sent to their address: badges may now name it. */
/** The account's address is confirmed: a link to it opened, for the address it had or a new one. */
export interface UserEmailVerified {
  userId: string;
}

/** An account was deleted (by its owner, or by an admin with a reason): every context has erased its share. */
export interface UserDeleted {
  userId: string;
  actorId: string;
  reason: string | null;
}

/** An admin exported a person's data (their own exports are not news). */
export interface UserExported {
  userId: string;
  actorId: string;
}

/** The owner changed their display name (or the account was deleted: "Former member"). */
export interface UserRenamed {
  userId: string;
  username: string;
  displayName: string;
}

export interface UserSignedOut {
  userId: string;
  sessionIds: string[];
  reason: 'logout' | 'reuse' | 'ended-by-owner' | 'everywhere' | 'password-changed' | 'password-reset' | 'account-deleted';
}

export interface PlatformRolesChanged {
  userId: string;
  roles: string[];
  previous: string[];
  actorId: string;
}

/** Staff acted on a reply: hid, restored, removed someone else's, or dismissed its flags. */
export interface ReplyModerated {
  replyId: string;
  courseId: string;
  itemId: string;
  authorId: string;
  action: 'hide' | 'restore' | 'remove' | 'dismiss_flags';
  actorId: string;
}

/** A facilitator used a power in a chat room, or an admin decided on it: the audit log keeps each. */
export interface ChatModerated {
  roomId: string;
  action: 'remove' | 'warn' | 'mute' | 'ban' | 'suspend_role' | 'slow_mode' | 'freeze' | 'unfreeze' | 'appeal_confirmed' | 'appeal_overturned' | 'report_dismissed';
  actorId: string;
  /** Whom it concerned (the muted, the author of a removed message). */
  userId: string | null;
  messageId: string | null;
  minutes: number | null;
  /** The sanction the step made or decided on, if any. */
  sanctionId: string | null;
  reasonCode: SanctionReason | null;
  reason: string | null;
}

/** A chat message mentioned people who may read its room (never its author). */
export interface ChatMentioned {
  messageId: string;
  roomId: string;
  roomName: string;
  authorId: string;
  mentionedUserIds: string[];
}

/** A live session ended; attendance has been counted. */
export interface SessionEnded {
  sessionId: string;
  roomId: string;
  kind: string;
  endedBy: string | null;
  attendees: number;
  /** Its leader and co-host, with the minutes each was in it: activity that roles may ask for. */
  hosts: Array<{ userId: string; minutes: number }>;
  endedAt: string;
}

/** A holder hosted less than their role's activity rule asks: told once, suspended at `suspendAt` if it stays so. */
export interface RoleActivityLow {
  grantId: string;
  userId: string;
  roleKey: string;
  roleName: string;
  minutes: number;
  needed: number;
  days: number;
  suspendAt: string;
}

/** A step was taken against someone in a room: they are told privately what, for how long, why, and how to appeal. */
export interface ChatSanctioned {
  sanctionId: string;
  userId: string;
  roomId: string;
  roomName: string;
  kind: SanctionKind;
  minutes: number | null;
  endsAt: string | null;
  reasonCode: SanctionReason;
  reason: string;
  actorId: string;
}

/** Someone appealed a sanction: the admins are told. */
export interface ChatAppealed {
  appealId: string;
  sanctionId: string;
  userId: string;
  roomId: string;
  roomName: string;
  adminIds: string[];
}

export interface ChatAppealDecided {
  appealId: string;
  sanctionId: string;
  userId: string;
  roomId: string;
  roomName: string;
  outcome: 'confirmed' | 'overturned';
  note: string;
  actorId: string;
}

/** A message was reported: the room's moderators hear (in the bell; by e-mail those not connected). */
export interface ChatReported {
  reportId: string;
  roomId: string;
  roomName: string;
  messageId: string;
  reporterId: string;
  moderatorIds: string[];
  /** Those of them to e-mail as well: all of them when none is connected. */
  emailUserIds: string[];
}

/** A room with people and no facilitator asked for a host: the on-spot hosts online who cover it hear. */
export interface ChatHostWanted {
  callId: string;
  roomId: string;
  roomName: string;
  askedBy: string;
  hostIds: string[];
}

/** Nobody acted on a report in time: the admins hear. */
export interface ChatReportEscalated {
  reportId: string;
  roomId: string;
  roomName: string;
  adminIds: string[];
}

/** A report was acted on or dismissed: its reporter hears the outcome. */
export interface ChatReportResolved {
  reportId: string;
  roomId: string;
  roomName: string;
  reporterId: string;
  outcome: 'actioned' | 'dismissed';
  note: string | null;
  actorId: string;
}
