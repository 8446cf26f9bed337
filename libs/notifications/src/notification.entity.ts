import { NOTIFICATION_KINDS, type NotificationKind } from '@hearth/contracts';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Something a member should know: a mention (in a discussion or a chat room), a reply to
 * their answer, a review, a change to their roles. It holds where to look and who did it, never a reply's text.
 */
@Entity()
@Index('notification_user_id_created_at_idx', ['userId', 'createdAt', 'id'])
@Index('notification_user_id_kind_source_id_key', ['userId', 'kind', 'sourceId'], { unique: true })
@Index('notification_user_id_unread_idx', ['userId'], { where: 'read_at IS NULL' })
@Check('notification_kind_check', `kind IN (${NOTIFICATION_KINDS.map((kind) => `'${kind}'`).join(', ')})`)
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'notification_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey('user', { name: 'notification_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @Column({ type: 'text' })
  kind!: NotificationKind;

  /** What caused it (the reply, the review, the grant, the request), so a retried event notifies once. */
  @Column({ type: 'uuid' })
  sourceId!: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('user', { name: 'notification_actor_id_fkey', onDelete: 'SET NULL' })
  actorId!: string | null;

  // Where a reply notification points.
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('CourseEntity', { name: 'notification_course_id_fkey', onDelete: 'CASCADE' })
  courseId!: string | null;

  @Column({ type: 'text', nullable: true })
  courseSlug!: string | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('ItemEntity', { name: 'notification_item_id_fkey', onDelete: 'CASCADE' })
  itemId!: string | null;

  @Column({ type: 'text', nullable: true })
  itemTitle!: string | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('ReplyEntity', { name: 'notification_reply_id_fkey', onDelete: 'CASCADE' })
  replyId!: string | null;

  /**
   * Where a chat mention points (the room's name is its `subject`). No foreign key: rooms
   * are archived, never deleted, and contexts without the chat (its tests) load this entity.
   */
  @Column({ type: 'uuid', nullable: true })
  roomId!: string | null;

  /** What a role notification is about: the role's name; a chat mention's room's name. */
  @Column({ type: 'text', nullable: true })
  subject!: string | null;

  /** A review's outcome; a revocation's or denial's reason; when a role ends. */
  @Column({ type: 'text', nullable: true })
  detail!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  /** When it went out in its person's daily e-mail (for kinds they chose to have that way). */
  @Column({ type: 'timestamptz', nullable: true })
  digestedAt!: Date | null;
}
