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

/** A member muted in a room until a time; lifted by the clock. */
@Entity()
export class ChatMuteEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'chat_mute_pkey' })
  @ForeignKey(() => ChatRoomEntity, { name: 'chat_mute_room_id_fkey', onDelete: 'CASCADE' })
  roomId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'chat_mute_pkey' })
  @ForeignKey('user', { name: 'chat_mute_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @Column({ type: 'timestamptz' })
  until!: Date;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('user', { name: 'chat_mute_muted_by_fkey', onDelete: 'SET NULL' })
  mutedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;
}

/** A member removed from a room until a time. */
@Entity()
export class ChatBanEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'chat_ban_pkey' })
  @ForeignKey(() => ChatRoomEntity, { name: 'chat_ban_room_id_fkey', onDelete: 'CASCADE' })
  roomId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'chat_ban_pkey' })
  @ForeignKey('user', { name: 'chat_ban_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @Column({ type: 'timestamptz' })
  until!: Date;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('user', { name: 'chat_ban_banned_by_fkey', onDelete: 'SET NULL' })
  bannedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;
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
