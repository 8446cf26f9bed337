import type { AppealStatus, CriterionScore, PermissionBundle, ProbationRule, ReportStatus, SanctionKind, SanctionReason } from '@hearth/contracts';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A chat room: who may enter (its lock), who may post (read-only), and what covers it (tags). */
@Entity()
export class ChatRoomEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'chat_room_pkey' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', default: '' })
  topic!: string;

  /** Who the room is for, in a sentence. */
  @Column({ type: 'text', default: '' })
  audienceNote!: string;

  /** Role effects name rooms by tag (`support-session`). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  /** Locked to holders of any of these courses' badges… */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  lockCourseIds!: string[];

  /** …or of any of these facilitator roles. Both empty: open to every member. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  lockRoleKeys!: string[];

  /** Only facilitators with powers in the room post. */
  @Column({ type: 'boolean', default: false })
  readOnly!: boolean;

  /** Seconds a member waits between two messages; 0 for none. */
  @Column({ type: 'integer', default: 0 })
  slowModeSeconds!: number;

  /** Locked by a moderator for a while: only facilitators post. */
  @Column({ type: 'boolean', default: false })
  frozen!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('user', { name: 'chat_room_created_by_fkey', onDelete: 'SET NULL' })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** A message; `seq` orders a room's messages and is what clients resume after. */
@Entity()
@Index('chat_message_room_id_seq_idx', ['roomId', 'seq'])
@Index('chat_message_author_id_created_at_idx', ['authorId', 'createdAt'])
@Index('chat_message_author_id_client_id_key', ['authorId', 'clientId'], { unique: true, where: 'client_id IS NOT NULL' })
@Check('chat_message_kind_check', `kind IN ('text', 'system')`)
export class ChatMessageEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'chat_message_pkey' })
  id!: string;

  @Column({ type: 'bigint', generatedIdentity: 'ALWAYS', generated: 'identity' })
  seq!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => ChatRoomEntity, { name: 'chat_message_room_id_fkey', onDelete: 'CASCADE' })
  roomId!: string;

  /** Null for the room's system lines ("Sam was muted for 10 minutes"). */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('user', { name: 'chat_message_author_id_fkey', onDelete: 'SET NULL' })
  authorId!: string | null;

  @Column({ type: 'text', default: 'text' })
  kind!: 'text' | 'system';

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text' })
  bodyHtml!: string;

  /** The sender's own id for the message, so a resend posts once. */
  @Column({ type: 'uuid', nullable: true })
  clientId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  removedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('user', { name: 'chat_message_removed_by_fkey', onDelete: 'SET NULL' })
  removedBy!: string | null;
}

/**
 * A moderator's (or an admin's) step against a member, with its reason: a warning, a
 * removed message, a timed mute, a timed removal from the room, a facilitator role
 * suspended. A mute or removal holds while `ends_at` is ahead and it is not lifted (an
 * appeal upheld lifts it); every step stays as the person's moderation history.
 */
@Entity()
@Index('chat_sanction_user_id_created_at_idx', ['userId', 'createdAt'])
@Index('chat_sanction_room_id_user_id_in_force_idx', ['roomId', 'userId'], { where: "kind IN ('mute', 'ban') AND lifted_at IS NULL" })
@Check('chat_sanction_kind_check', `kind IN ('warning', 'message_removed', 'mute', 'ban', 'role_suspended')`)
export class ChatSanctionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'chat_sanction_pkey' })
  id!: string;

  @Column({ type: 'text' })
  kind!: SanctionKind;

  /** Where it happened. */
  @Column({ type: 'uuid' })
  @ForeignKey(() => ChatRoomEntity, { name: 'chat_sanction_room_id_fkey', onDelete: 'CASCADE' })
  roomId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey('user', { name: 'chat_sanction_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('user', { name: 'chat_sanction_actor_id_fkey', onDelete: 'SET NULL' })
  actorId!: string | null;

  /** One of SANCTION_REASONS. */
  @Column({ type: 'text' })
  reasonCode!: SanctionReason;

  /** In the moderator's words, for the person and the moderators; never shown to the room. */
  @Column({ type: 'text', default: '' })
  reasonNote!: string;

  @Column({ type: 'integer', nullable: true })
  minutes!: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** When it ends by itself (a warning stops counting, a mute or removal lifts); null for a removed message. */
  @Column({ type: 'timestamptz', nullable: true })
  endsAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => ChatMessageEntity, { name: 'chat_sanction_message_id_fkey', onDelete: 'SET NULL' })
  messageId!: string | null;

  /** The grant a role suspension held back, and its role. */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('RoleGrantEntity', { name: 'chat_sanction_grant_id_fkey', onDelete: 'SET NULL' })
  grantId!: string | null;

  @Column({ type: 'text', nullable: true })
  roleKey!: string | null;

  /** Ended early: an admin upheld the person's appeal. */
  @Column({ type: 'timestamptz', nullable: true })
  liftedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('user', { name: 'chat_sanction_lifted_by_fkey', onDelete: 'SET NULL' })
  liftedBy!: string | null;
}

/** A sanctioned person asks an admin to look again; one appeal per sanction. */
@Entity()
@Index('chat_appeal_sanction_id_key', ['sanctionId'], { unique: true })
@Index('chat_appeal_status_created_at_idx', ['status', 'createdAt'])
@Check('chat_appeal_status_check', `status IN ('pending', 'confirmed', 'overturned')`)
export class ChatAppealEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'chat_appeal_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => ChatSanctionEntity, { name: 'chat_appeal_sanction_id_fkey', onDelete: 'CASCADE' })
  sanctionId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey('user', { name: 'chat_appeal_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @Column({ type: 'text' })
  body!: string;

  /** `confirmed`: the sanction stands; `overturned`: it is lifted. */
  @Column({ type: 'text', default: 'pending' })
  status!: AppealStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('user', { name: 'chat_appeal_decided_by_fkey', onDelete: 'SET NULL' })
  decidedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  decisionNote!: string | null;
}

/** A member reported a message; the room's moderators (then admins) act on it. One report per person and message. */
@Entity()
@Index('chat_report_message_id_reporter_id_key', ['messageId', 'reporterId'], { unique: true })
@Index('chat_report_room_id_status_created_at_idx', ['roomId', 'status', 'createdAt'])
@Check('chat_report_status_check', `status IN ('open', 'actioned', 'dismissed')`)
export class ChatReportEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'chat_report_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => ChatMessageEntity, { name: 'chat_report_message_id_fkey', onDelete: 'CASCADE' })
  messageId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => ChatRoomEntity, { name: 'chat_report_room_id_fkey', onDelete: 'CASCADE' })
  roomId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey('user', { name: 'chat_report_reporter_id_fkey', onDelete: 'CASCADE' })
  reporterId!: string;

  @Column({ type: 'text' })
  reasonCode!: SanctionReason;

  @Column({ type: 'text', default: '' })
  note!: string;

  @Column({ type: 'text', default: 'open' })
  status!: ReportStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** When it went to the admins, nobody having acted in time. */
  @Column({ type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('user', { name: 'chat_report_resolved_by_fkey', onDelete: 'SET NULL' })
  resolvedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  /** What the moderator told the reporter. */
  @Column({ type: 'text', nullable: true })
  outcomeNote!: string | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => ChatSanctionEntity, { name: 'chat_report_sanction_id_fkey', onDelete: 'SET NULL' })
  sanctionId!: string | null;
}

/** A live session in a room: scheduled, started, ended; its attendance counts toward courses. */
@Entity()
@Index('chat_session_room_id_running_key', ['roomId'], { unique: true, where: 'started_at IS NOT NULL AND ended_at IS NULL' })
@Index('chat_session_room_id_created_at_idx', ['roomId', 'createdAt'])
export class ChatSessionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'chat_session_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => ChatRoomEntity, { name: 'chat_session_room_id_fkey', onDelete: 'CASCADE' })
  roomId!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('user', { name: 'chat_session_leader_id_fkey', onDelete: 'SET NULL' })
  leaderId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('user', { name: 'chat_session_co_host_id_fkey', onDelete: 'SET NULL' })
  coHostId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  scheduledFor!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => ChatMessageEntity, { name: 'chat_session_pinned_message_id_fkey', onDelete: 'SET NULL' })
  pinnedMessageId!: string | null;

  /** Practice sessions: the course whose practicum it counts toward, and the script item its trainee leads it from. */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('CourseEntity', { name: 'chat_session_course_id_fkey', onDelete: 'SET NULL' })
  courseId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('ItemEntity', { name: 'chat_session_script_item_id_fkey', onDelete: 'SET NULL' })
  scriptItemId!: string | null;

  /** The course's mentor who joined a practice session to observe and score it. */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('user', { name: 'chat_session_observer_id_fkey', onDelete: 'SET NULL' })
  observerId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** One connection's time in a room while its session ran: from these, attended minutes. */
@Entity()
@Index('chat_presence_session_id_user_id_idx', ['sessionId', 'userId'])
@Index('chat_presence_open_idx', ['socketId'], { where: 'left_at IS NULL' })
export class ChatPresenceEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'chat_presence_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => ChatSessionEntity, { name: 'chat_presence_session_id_fkey', onDelete: 'CASCADE' })
  sessionId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey('user', { name: 'chat_presence_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @Column({ type: 'text' })
  socketId!: string;

  @Column({ type: 'timestamptz' })
  joinedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  leftAt!: Date | null;

  /** When its instance last said the connection was still there (`ChatGateway`'s presence beat). */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  seenAt!: Date;
}

/**
 * A session's leader confirmed that this person co-hosted it well: what ends a new
 * holder's probation (a role's `effects.probation.sessions` of them since the grant).
 */
@Entity()
@Index('chat_co_host_confirmation_user_id_confirmed_at_idx', ['userId', 'confirmedAt'])
export class ChatCoHostConfirmationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'chat_co_host_confirmation_pkey' })
  @ForeignKey(() => ChatSessionEntity, { name: 'chat_co_host_confirmation_session_id_fkey', onDelete: 'CASCADE' })
  sessionId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'chat_co_host_confirmation_pkey' })
  @ForeignKey('user', { name: 'chat_co_host_confirmation_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('user', { name: 'chat_co_host_confirmation_confirmed_by_fkey', onDelete: 'SET NULL' })
  confirmedBy!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  confirmedAt!: Date;
}

// The chat's own read model of each person's standing, kept by the chat from the other
// contexts' events in the transactions that publish them (ChatEvents, chat.events.ts): what every
// join, send and moderation action reads, in one query, instead of asking identity,
// credentials and courses each time.

/** A facilitator role as the chat needs it: what it lets holders do, where. */
@Entity()
export class ChatRoleEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'chat_role_pkey' })
  @ForeignKey('FacilitatorRoleEntity', { name: 'chat_role_key_fkey', onDelete: 'CASCADE' })
  key!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  bundle!: PermissionBundle;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  roomIds!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roomTags!: string[];

  @Column({ type: 'jsonb', nullable: true })
  probation!: ProbationRule | null;
}

/** A person as the chat knows them: name, and whether an admin (who holds every power everywhere). */
@Entity()
@Index('chat_member_lower_username_idx', { synchronize: false })
export class ChatMemberEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'chat_member_pkey' })
  @ForeignKey('user', { name: 'chat_member_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @Column({ type: 'text' })
  username!: string;

  @Column({ type: 'text' })
  displayName!: string;

  @Column({ type: 'boolean', default: false })
  admin!: boolean;
}

/** A grant in force (not suspended, revoked or expired; an end passed counts it out when read). */
@Entity()
@Index('chat_member_role_grant_id_key', ['grantId'], { unique: true })
export class ChatMemberRoleEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'chat_member_role_pkey' })
  // The account's, not chat_member's: a grant made before the chat has heard of the person still lands.
  @ForeignKey('user', { name: 'chat_member_role_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'chat_member_role_pkey' })
  @ForeignKey(() => ChatRoleEntity, { name: 'chat_member_role_role_key_fkey', onDelete: 'CASCADE' })
  roleKey!: string;

  @Column({ type: 'uuid' })
  grantId!: string;

  @Column({ type: 'timestamptz' })
  grantedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;
}

/** A course badge held (not revoked): some rooms open to it. */
@Entity()
export class ChatMemberBadgeEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'chat_member_badge_pkey' })
  @ForeignKey('user', { name: 'chat_member_badge_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'chat_member_badge_pkey' })
  courseId!: string;
}

/** When someone's last few messages were sent: the rate limit, kept in one row so a send checks and counts in one statement. */
@Entity()
export class ChatSenderEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'chat_sender_pkey' })
  @ForeignKey('user', { name: 'chat_sender_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @Column({ type: 'timestamptz', array: true, default: () => "'{}'" })
  sent!: Date[];
}

/**
 * Someone on duty in a room from `starts_at` to `ends_at`: the rota. A person's shifts never
 * overlap (CoverageService checks, under a lock on their chat record), and none is longer
 * than SHIFT_MAX_HOURS.
 */
@Entity()
@Index('chat_shift_room_id_starts_at_idx', ['roomId', 'startsAt'])
@Index('chat_shift_user_id_starts_at_idx', ['userId', 'startsAt'])
@Check('chat_shift_ends_after_start_check', 'ends_at > starts_at')
export class ChatShiftEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'chat_shift_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => ChatRoomEntity, { name: 'chat_shift_room_id_fkey', onDelete: 'CASCADE' })
  roomId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey('user', { name: 'chat_shift_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('user', { name: 'chat_shift_created_by_fkey', onDelete: 'SET NULL' })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** A room asked its on-spot hosts for help: at most one per room in HOST_CALL_MINUTES. */
@Entity()
@Index('chat_host_call_room_id_asked_at_idx', ['roomId', 'askedAt'])
export class ChatHostCallEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'chat_host_call_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => ChatRoomEntity, { name: 'chat_host_call_room_id_fkey', onDelete: 'CASCADE' })
  roomId!: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('user', { name: 'chat_host_call_asked_by_fkey', onDelete: 'SET NULL' })
  askedBy!: string | null;

  /** The hosts told. */
  @Column({ type: 'uuid', array: true })
  hostIds!: string[];

  @Column({ type: 'timestamptz', default: () => 'now()' })
  askedAt!: Date;
}

/** A mentor's review of a practice session, once it ended: the rubric scored and feedback. One per session. */
@Entity()
export class ChatPracticeReviewEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'chat_practice_review_pkey' })
  @ForeignKey(() => ChatSessionEntity, { name: 'chat_practice_review_session_id_fkey', onDelete: 'CASCADE' })
  sessionId!: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('user', { name: 'chat_practice_review_mentor_id_fkey', onDelete: 'SET NULL' })
  mentorId!: string | null;

  @Column({ type: 'jsonb' })
  scores!: CriterionScore[];

  @Column({ type: 'integer' })
  total!: number;

  @Column({ type: 'integer' })
  passScore!: number;

  @Column({ type: 'boolean' })
  passed!: boolean;

  @Column({ type: 'text' })
  feedback!: string;

  @Column({ type: 'timestamptz' })
  reviewedAt!: Date;
}
