import type { ReviewStatus } from '@hearth/contracts';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ThreadEntity } from './thread.entity';

/**
 * An answer to a discussion's question (no parent), or a reply to an answer (one level of
 * nesting). Removing or hiding keeps the row, so replies under it stay readable and pages
 * keep their places; reaction and child counts are kept as columns.
 */
@Entity()
@Index('reply_item_id_created_at_idx', ['itemId', 'createdAt', 'id'], { where: 'parent_id IS NULL' })
@Index('reply_item_id_top_idx', { synchronize: false })
@Index('reply_parent_id_created_at_idx', ['parentId', 'createdAt', 'id'], { where: 'parent_id IS NOT NULL' })
@Index('reply_one_answer_key', { synchronize: false })
@Index('reply_author_id_idx', ['authorId'])
@Index('reply_item_id_posted_idx', { synchronize: false })
@Check('reply_review_status_check', `review_status IN ('accepted', 'needs_revision')`)
export class ReplyEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'reply_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => ThreadEntity, { name: 'reply_item_id_fkey', onDelete: 'CASCADE' })
  itemId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey('CourseEntity', { name: 'reply_course_id_fkey', onDelete: 'CASCADE' })
  courseId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey('user', { name: 'reply_author_id_fkey', onDelete: 'CASCADE' })
  authorId!: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => ReplyEntity, { name: 'reply_parent_id_fkey', onDelete: 'CASCADE' })
  parentId!: string | null;

  @Column({ type: 'text' })
  bodyMd!: string;

  @Column({ type: 'text' })
  bodyHtml!: string;

  @Column({ type: 'integer' })
  wordCount!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  editedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  removedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  removedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  hiddenAt!: Date | null;

  /** `moderator`, or `flags` when three people flagged it. */
  @Column({ type: 'text', nullable: true })
  hiddenReason!: string | null;

  /** Live replies under an answer. */
  @Column({ type: 'integer', default: 0 })
  childCount!: number;

  @Column({ type: 'integer', default: 0 })
  likeCount!: number;

  @Column({ type: 'integer', default: 0 })
  heartCount!: number;

  @Column({ type: 'integer', default: 0 })
  insightfulCount!: number;

  @Column({ type: 'integer', default: 0 })
  supportCount!: number;

  /** All reactions, the "top" order. */
  @Column({ type: 'integer', default: 0 })
  reactionCount!: number;

  @Column({ type: 'text', nullable: true })
  reviewStatus!: ReviewStatus | null;
}

/** Every earlier text of an edited reply, for moderators. */
@Entity()
@Index('reply_edit_reply_id_edited_at_idx', ['replyId', 'editedAt'])
export class ReplyEditEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'reply_edit_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => ReplyEntity, { name: 'reply_edit_reply_id_fkey', onDelete: 'CASCADE' })
  replyId!: string;

  /** The text as it was before this edit. */
  @Column({ type: 'text' })
  bodyMd!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  editedAt!: Date;

  @Column({ type: 'uuid' })
  @ForeignKey('user', { name: 'reply_edit_edited_by_fkey', onDelete: 'CASCADE' })
  editedBy!: string;
}
