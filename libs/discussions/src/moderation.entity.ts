import type { ReactionKind, ReviewStatus } from '@hearth/contracts';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { ReplyEntity } from './reply.entity';

/** One of each kind per person per reply. */
@Entity()
@Check('reaction_kind_check', `kind IN ('like', 'heart', 'insightful', 'support')`)
export class ReactionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'reaction_pkey' })
  @ForeignKey(() => ReplyEntity, { name: 'reaction_reply_id_fkey', onDelete: 'CASCADE' })
  replyId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'reaction_pkey' })
  @ForeignKey('user', { name: 'reaction_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'reaction_pkey' })
  kind!: ReactionKind;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** A flag on a reply, open until staff hide the reply or dismiss the flag. */
@Entity()
@Index('reply_flag_open_key', { synchronize: false })
@Index('reply_flag_course_id_open_idx', ['courseId', 'createdAt'], { where: 'resolved_at IS NULL' })
@Check('reply_flag_resolution_check', `resolution IN ('hidden', 'dismissed')`)
export class ReplyFlagEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'reply_flag_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => ReplyEntity, { name: 'reply_flag_reply_id_fkey', onDelete: 'CASCADE' })
  replyId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey('CourseEntity', { name: 'reply_flag_course_id_fkey', onDelete: 'CASCADE' })
  courseId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey('user', { name: 'reply_flag_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @Column({ type: 'text' })
  reason!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('user', { name: 'reply_flag_resolved_by_fkey', onDelete: 'SET NULL' })
  resolvedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  resolution!: 'hidden' | 'dismissed' | null;
}

/** A mentor's review of an answer; the latest one stands, all are kept. */
@Entity()
@Index('mentor_review_reply_id_created_at_idx', ['replyId', 'createdAt'])
@Check('mentor_review_status_check', `status IN ('accepted', 'needs_revision')`)
export class MentorReviewEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'mentor_review_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => ReplyEntity, { name: 'mentor_review_reply_id_fkey', onDelete: 'CASCADE' })
  replyId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey('user', { name: 'mentor_review_mentor_id_fkey', onDelete: 'CASCADE' })
  mentorId!: string;

  @Column({ type: 'text' })
  status!: ReviewStatus;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
