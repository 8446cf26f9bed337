import type { NotificationKind } from '@hearth/contracts';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Something a member should know: a mention, a reply to their answer, a review. It holds
 * where to look and who did it, never the reply's text.
 */
@Entity()
@Index('notification_user_id_created_at_idx', ['userId', 'createdAt', 'id'])
@Index('notification_user_id_kind_source_id_key', ['userId', 'kind', 'sourceId'], { unique: true })
@Index('notification_user_id_unread_idx', ['userId'], { where: 'read_at IS NULL' })
@Check('notification_kind_check', `kind IN ('mention', 'reply', 'review')`)
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'notification_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey('user', { name: 'notification_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @Column({ type: 'text' })
  kind!: NotificationKind;

  /** What caused it (the reply, or the review), so a retried event notifies once. */
  @Column({ type: 'uuid' })
  sourceId!: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('user', { name: 'notification_actor_id_fkey', onDelete: 'SET NULL' })
  actorId!: string | null;

  @Column({ type: 'uuid' })
  @ForeignKey('CourseEntity', { name: 'notification_course_id_fkey', onDelete: 'CASCADE' })
  courseId!: string;

  @Column({ type: 'text' })
  courseSlug!: string;

  @Column({ type: 'uuid' })
  @ForeignKey('ItemEntity', { name: 'notification_item_id_fkey', onDelete: 'CASCADE' })
  itemId!: string;

  @Column({ type: 'text' })
  itemTitle!: string;

  @Column({ type: 'uuid' })
  @ForeignKey('ReplyEntity', { name: 'notification_reply_id_fkey', onDelete: 'CASCADE' })
  replyId!: string;

  @Column({ type: 'text', nullable: true })
  detail!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}
