import { Column, Entity, ForeignKey, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One trainee's progress on one item, whatever version they met it in. */
@Entity()
@Index('item_progress_user_id_course_id_idx', ['userId', 'courseId'])
export class ItemProgressEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'item_progress_pkey' })
  @ForeignKey('user', { name: 'item_progress_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'item_progress_pkey' })
  @ForeignKey('ItemEntity', { name: 'item_progress_item_id_fkey', onDelete: 'CASCADE' })
  itemId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey('CourseEntity', { name: 'item_progress_course_id_fkey', onDelete: 'CASCADE' })
  courseId!: string;

  @Column({ type: 'timestamptz', nullable: true })
  viewedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  passedAt!: Date | null;

  /** Set while the trainee has an answer that counts; cleared when it is removed or hidden. */
  @Column({ type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
