import { Column, CreateDateColumn, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/**
 * One thread per discussion item. Its counts are kept as columns, changed in the
 * transaction of each post and removal, so no page ever counts rows.
 */
@Entity()
export class ThreadEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'thread_pkey' })
  @ForeignKey('ItemEntity', { name: 'thread_item_id_fkey', onDelete: 'CASCADE' })
  itemId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey('CourseEntity', { name: 'thread_course_id_fkey', onDelete: 'CASCADE' })
  courseId!: string;

  /** As the latest published version says; answers stay hidden until one's own is posted. */
  @Column({ type: 'boolean', default: true })
  postFirst!: boolean;

  /** As the latest published version says: an answer counts toward completion from this many words. */
  @Column({ type: 'integer', default: 0 })
  minWords!: number;

  /** Live answers (top-level replies neither removed nor hidden). */
  @Column({ type: 'integer', default: 0 })
  answerCount!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** Up to when a member has read a thread, for unread counts. */
@Entity()
export class ThreadReadEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'thread_read_pkey' })
  @ForeignKey('user', { name: 'thread_read_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'thread_read_pkey' })
  @ForeignKey(() => ThreadEntity, { name: 'thread_read_item_id_fkey', onDelete: 'CASCADE' })
  itemId!: string;

  @Column({ type: 'timestamptz' })
  readAt!: Date;
}
