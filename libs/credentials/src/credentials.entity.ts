import type { CompletionEvidence, GrantEventKind, GrantRequestKind, GrantSource, GrantStatus, RefresherCause, RefresherStatus, RequestEvidence, RequestStatus, RoleEffects, SuspensionCause, UnlockRule } from '@hearth/contracts';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { JsonObject } from './badge-signing';

/** A facilitator role; what it is and what unlocks it live in its versions. */
@Entity()
export class FacilitatorRoleEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'facilitator_role_pkey' })
  key!: string;

  @Column({ type: 'integer' })
  currentVersion!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** One version of a role's definition: never changed once written. */
@Entity()
export class FacilitatorRoleVersionEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'facilitator_role_version_pkey' })
  @ForeignKey(() => FacilitatorRoleEntity, { name: 'facilitator_role_version_role_key_fkey', onDelete: 'CASCADE' })
  roleKey!: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'facilitator_role_version_pkey' })
  version!: number;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'jsonb' })
  rule!: UnlockRule;

  @Column({ type: 'jsonb' })
  effects!: RoleEffects;

  /** Null for the versions Hearth seeds. */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('user', { name: 'facilitator_role_version_created_by_fkey', onDelete: 'SET NULL' })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** A role held (or once held) by someone. At most one grant per person and role is held (active or suspended). */
@Entity()
@Index('role_grant_held_key', ['userId', 'roleKey'], { unique: true, where: "status IN ('active', 'suspended')" })
@Index('role_grant_user_id_idx', ['userId'])
@Index('role_grant_expires_at_idx', ['expiresAt'], { where: "status IN ('active', 'suspended') AND expires_at IS NOT NULL" })
@Index('role_grant_suspended_until_idx', ['suspendedUntil'], { where: "status = 'suspended' AND suspended_until IS NOT NULL" })
@Check('role_grant_status_check', `status IN ('active', 'suspended', 'revoked', 'expired')`)
@Check('role_grant_suspension_check', `(status = 'suspended') = (suspension_cause IS NOT NULL)`)
@Check('role_grant_source_check', `source IN ('auto', 'review', 'manual')`)
export class RoleGrantEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'role_grant_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey('user', { name: 'role_grant_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @Column({ type: 'text' })
  @ForeignKey(() => FacilitatorRoleEntity, { name: 'role_grant_role_key_fkey' })
  roleKey!: string;

  @Column({ type: 'integer' })
  roleVersion!: number;

  @Column({ type: 'text' })
  status!: GrantStatus;

  @Column({ type: 'text' })
  source!: GrantSource;

  @Column({ type: 'timestamptz' })
  grantedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  /** When the holder was told it runs out soon. */
  @Column({ type: 'timestamptz', nullable: true })
  warnedAt!: Date | null;

  // While suspended: why, since when, and until when (null: until an admin reinstates it).
  @Column({ type: 'text', nullable: true })
  suspensionCause!: SuspensionCause | null;

  @Column({ type: 'text', nullable: true })
  suspensionReason!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  suspendedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  suspendedUntil!: Date | null;

  /** The refresher the suspension waits on (causes `refresher` and `recertification`). */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => RefresherEntity, { name: 'role_grant_suspension_refresher_id_fkey', onDelete: 'SET NULL' })
  suspensionRefresherId!: string | null;

  /** Since when it is in force: granted, or reinstated. An activity rule's window counts from here. */
  @Column({ type: 'timestamptz' })
  activeSince!: Date;

  /** When its holder was told they host too little for the role's activity rule. */
  @Column({ type: 'timestamptz', nullable: true })
  activityWarnedAt!: Date | null;
}

/** Minutes someone hosted (led or co-hosted) a chat session, as the chat told it when it ended: what activity rules count. */
@Entity()
@Index('hosted_session_user_id_ended_at_idx', ['userId', 'endedAt'])
export class HostedSessionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'hosted_session_pkey' })
  @ForeignKey('user', { name: 'hosted_session_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  /** The chat's session (no foreign key: the chat builds on credentials, not the other way). */
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'hosted_session_pkey' })
  sessionId!: string;

  @Column({ type: 'integer' })
  minutes!: number;

  @Column({ type: 'timestamptz' })
  endedAt!: Date;
}

/** The append-only history of grants: written, never updated or deleted. */
@Entity()
@Index('grant_event_user_id_at_idx', ['userId', 'at'])
@Check('grant_event_kind_check', `kind IN ('requested', 'granted', 'denied', 'revoked', 'expired', 'suspended', 'reinstated')`)
export class GrantEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'grant_event_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  // The history outlives nothing it names: a person, grant or request with history cannot be deleted.
  @ForeignKey('user', { name: 'grant_event_user_id_fkey', onDelete: 'NO ACTION' })
  userId!: string;

  @Column({ type: 'text' })
  kind!: GrantEventKind;

  @Column({ type: 'text' })
  roleKey!: string;

  @Column({ type: 'integer' })
  roleVersion!: number;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => RoleGrantEntity, { name: 'grant_event_grant_id_fkey', onDelete: 'NO ACTION' })
  grantId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => GrantRequestEntity, { name: 'grant_event_request_id_fkey', onDelete: 'NO ACTION' })
  requestId!: string | null;

  /** Who did it; null when Hearth did (an automatic grant, an expiry). */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('user', { name: 'grant_event_actor_id_fkey', onDelete: 'NO ACTION' })
  actorId!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;
}

/**
 * A role met by someone, waiting for an admin (review mode), with the evidence at that
 * moment; or (`reinstatement`) a refresher finished, and the grant it suspended waiting.
 */
@Entity()
@Index('grant_request_pending_key', ['userId', 'roleKey'], { unique: true, where: "status = 'pending'" })
@Index('grant_request_status_created_at_idx', ['status', 'createdAt', 'id'])
@Check('grant_request_status_check', `status IN ('pending', 'approved', 'denied')`)
@Check('grant_request_kind_check', `kind IN ('grant', 'reinstatement') AND (kind = 'reinstatement') = (grant_id IS NOT NULL)`)
export class GrantRequestEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'grant_request_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey('user', { name: 'grant_request_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @Column({ type: 'text' })
  @ForeignKey(() => FacilitatorRoleEntity, { name: 'grant_request_role_key_fkey' })
  roleKey!: string;

  @Column({ type: 'integer' })
  roleVersion!: number;

  @Column({ type: 'text', default: 'pending' })
  status!: RequestStatus;

  @Column({ type: 'jsonb' })
  evidence!: RequestEvidence;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('user', { name: 'grant_request_decided_by_fkey', onDelete: 'SET NULL' })
  decidedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'text', default: 'grant' })
  kind!: GrantRequestKind;

  /** For a reinstatement: the grant suspended. */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => RoleGrantEntity, { name: 'grant_request_grant_id_fkey', onDelete: 'CASCADE' })
  grantId!: string | null;

  /** For a reinstatement: the refresher finished. */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => RefresherEntity, { name: 'grant_request_refresher_id_fkey', onDelete: 'SET NULL' })
  refresherId!: string | null;
}

/**
 * A course a facilitator is asked to redo: after an upheld complaint (`complaint`: the grant
 * is suspended until it is redone and an admin reinstates it; one open per grant), or because
 * the course changed and its holders must recertify (`recertification`: the changed items,
 * by `dueAt`, or their roles built on the course are suspended until they are; one open per
 * person and course). Open until progress says every item is redone (`completed`), or until
 * it is no longer asked for (`cancelled`).
 */
@Entity()
@Index('refresher_open_grant_id_key', ['grantId'], { unique: true, where: "status = 'open'" })
@Index('refresher_open_recertification_key', ['userId', 'courseId'], { unique: true, where: "status = 'open' AND cause = 'recertification'" })
@Index('refresher_due_at_idx', ['dueAt'], { where: 'status = \'open\' AND enforced_at IS NULL' })
@Index('refresher_user_id_idx', ['userId'])
@Check('refresher_cause_check', `(cause = 'complaint' AND grant_id IS NOT NULL) OR (cause = 'recertification' AND grant_id IS NULL AND due_at IS NOT NULL)`)
@Check('refresher_status_check', `status IN ('open', 'completed', 'cancelled')`)
export class RefresherEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'refresher_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey('user', { name: 'refresher_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  /** A complaint's refresher: the grant it suspended. */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => RoleGrantEntity, { name: 'refresher_grant_id_fkey', onDelete: 'CASCADE' })
  grantId!: string | null;

  @Column({ type: 'uuid' })
  @ForeignKey('CourseEntity', { name: 'refresher_course_id_fkey', onDelete: 'CASCADE' })
  courseId!: string;

  /** The course as it was named when assigned, for the person's and admins' pages. */
  @Column({ type: 'text' })
  courseSlug!: string;

  @Column({ type: 'text' })
  courseTitle!: string;

  @Column({ type: 'text' })
  cause!: RefresherCause;

  /** Why, as the person reads it (the moderation step's reason). */
  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('user', { name: 'refresher_assigned_by_fkey', onDelete: 'SET NULL' })
  assignedBy!: string | null;

  @Column({ type: 'timestamptz' })
  assignedAt!: Date;

  @Column({ type: 'text', default: 'open' })
  status!: RefresherStatus;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** The items to redo; null: every lesson, discussion and quiz of the course. */
  @Column({ type: 'uuid', array: true, nullable: true })
  itemIds!: string[] | null;

  /** A recertification's deadline: the roles built on the course are suspended after it. */
  @Column({ type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  /** When the person was told the deadline is near. */
  @Column({ type: 'timestamptz', nullable: true })
  warnedAt!: Date | null;

  /** When the deadline passed and the roles were suspended. */
  @Column({ type: 'timestamptz', nullable: true })
  enforcedAt!: Date | null;
}

/** A badge awarded for completing a course: the signed credential, frozen when issued. */
@Entity()
@Index('badge_assertion_user_id_course_id_key', ['userId', 'courseId'], { unique: true })
@Index('badge_assertion_status_index_key', ['statusIndex'], { unique: true })
export class BadgeAssertionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'badge_assertion_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey('user', { name: 'badge_assertion_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey('CourseEntity', { name: 'badge_assertion_course_id_fkey', onDelete: 'CASCADE' })
  courseId!: string;

  @Column({ type: 'integer' })
  courseVersion!: number;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ type: 'jsonb' })
  credential!: JsonObject;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  revocationReason!: string | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('user', { name: 'badge_assertion_revoked_by_fkey', onDelete: 'SET NULL' })
  revokedBy!: string | null;

  /** Its place in the status lists (credential-status.ts), from credential_status_index_seq, shared with role badges. */
  @Column({ type: 'integer' })
  statusIndex!: number;
}

/**
 * A role's badge: the signed credential that a grant is held, issued when it is granted
 * (to a verified address). Its standing is the grant's: the suspension list shows it while
 * the grant is suspended, and it ends, for good, when the grant is revoked or expires; a
 * grant made active again after that gets a new badge.
 */
@Entity()
@Index('role_badge_grant_id_key', ['grantId'], { unique: true, where: 'ended_at IS NULL' })
@Index('role_badge_user_id_idx', ['userId'])
@Index('role_badge_status_index_key', ['statusIndex'], { unique: true })
export class RoleBadgeEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'role_badge_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => RoleGrantEntity, { name: 'role_badge_grant_id_fkey', onDelete: 'CASCADE' })
  grantId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey('user', { name: 'role_badge_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @Column({ type: 'integer' })
  statusIndex!: number;

  @Column({ type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ type: 'jsonb' })
  credential!: JsonObject;

  /** When the grant was revoked or expired: the badge's revocation bit is set from then on. */
  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  endReason!: string | null;
}

/**
 * A course someone completed, as `course.completed` told it: credentials' own record of
 * what badges and roles rest on, so it need not ask progress, the course or the
 * discussions again when it awards, decides or shows a request's evidence.
 */
@Entity()
@Index('completion_record_course_id_idx', ['courseId', 'userId'])
export class CompletionRecordEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'completion_record_pkey' })
  @ForeignKey('user', { name: 'completion_record_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'completion_record_pkey' })
  @ForeignKey('CourseEntity', { name: 'completion_record_course_id_fkey', onDelete: 'CASCADE' })
  courseId!: string;

  @Column({ type: 'text' })
  courseSlug!: string;

  @Column({ type: 'text' })
  courseTitle!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'timestamptz' })
  completedAt!: Date;

  @Column({ type: 'jsonb' })
  evidence!: CompletionEvidence;
}

/**
 * A live session someone co-hosted and its leader confirmed (`session.co_host_confirmed`),
 * with the roles the leader held then: shadowing, which a role's rule may ask for.
 */
@Entity()
export class ShadowedSessionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'shadowed_session_pkey' })
  @ForeignKey('user', { name: 'shadowed_session_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  /** The chat's session (no foreign key: the chat builds on credentials, not the other way). */
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'shadowed_session_pkey' })
  sessionId!: string;

  @Column({ type: 'text' })
  roomName!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('user', { name: 'shadowed_session_leader_id_fkey', onDelete: 'SET NULL' })
  leaderId!: string | null;

  @Column({ type: 'text', array: true })
  leaderRoleKeys!: string[];

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('user', { name: 'shadowed_session_confirmed_by_fkey', onDelete: 'SET NULL' })
  confirmedBy!: string | null;

  @Column({ type: 'integer' })
  minutes!: number;

  @Column({ type: 'timestamptz' })
  confirmedAt!: Date;
}
