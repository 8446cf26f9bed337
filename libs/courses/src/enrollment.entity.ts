import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CourseEntity } from './course.entity';
import { ItemEntity } from './draft.entity';

@Entity()
@Index('enrollment_course_id_user_id_key', ['courseId', 'userId'], { unique: true })
@Index('enrollment_user_id_idx', ['userId'])
export class EnrollmentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'enrollment_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => CourseEntity, { name: 'enrollment_course_id_fkey', onDelete: 'CASCADE' })
  courseId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey('user', { name: 'enrollment_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  /** The version published when the trainee enrolled. */
  @Column({ type: 'integer' })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  enrolledAt!: Date;
}

/** Every attempt at a quiz is kept, with its answers and the version it was taken on. */
@Entity()
@Index('quiz_attempt_user_id_item_id_created_at_idx', ['userId', 'itemId', 'createdAt'])
export class QuizAttemptEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'quiz_attempt_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => CourseEntity, { name: 'quiz_attempt_course_id_fkey', onDelete: 'CASCADE' })
  courseId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => ItemEntity, { name: 'quiz_attempt_item_id_fkey', onDelete: 'CASCADE' })
  itemId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey('user', { name: 'quiz_attempt_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'jsonb' })
  answers!: Array<{ questionId: string; optionIds: string[] }>;

  @Column({ type: 'integer' })
  scorePercent!: number;

  @Column({ type: 'integer' })
  correctCount!: number;

  @Column({ type: 'integer' })
  questionCount!: number;

  @Column({ type: 'boolean' })
  passed!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
