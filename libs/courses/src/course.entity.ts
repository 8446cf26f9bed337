import { type CompletionRequirement, type CourseRole, type CourseStatus, DEFAULT_REQUIREMENTS } from '@hearth/contracts';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity()
@Index('course_slug_lower_key', { synchronize: false })
@Check('course_status_check', `status IN ('draft', 'published', 'archived')`)
export class CourseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'course_pkey' })
  id!: string;

  @Column({ type: 'text' })
  slug!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'text', nullable: true })
  coverImageUrl!: string | null;

  /** draft: never published; published: in the catalog; archived: out of it, records kept. */
  @Column({ type: 'text', default: 'draft' })
  status!: CourseStatus;

  /** The latest published version, the one trainees see; null before the first publish. */
  @Column({ type: 'integer', nullable: true })
  currentVersion!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  /** What completes the course, as drafted; each version keeps the ones it was published with. */
  @Column({ type: 'jsonb', default: DEFAULT_REQUIREMENTS })
  requirements!: CompletionRequirement[];

  /** The draft has changed since the last publish (or was never published). */
  @Column({ type: 'boolean', default: true })
  unpublishedChanges!: boolean;

  @Column({ type: 'uuid' })
  @ForeignKey('user', { name: 'course_created_by_fkey' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** Who writes (owner, authors) and who mentors a course. */
@Entity()
@Index('course_staff_user_id_idx', ['userId'])
@Check('course_staff_role_check', `role IN ('owner', 'author', 'mentor')`)
export class CourseStaffEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'course_staff_pkey' })
  @ForeignKey(() => CourseEntity, { name: 'course_staff_course_id_fkey', onDelete: 'CASCADE' })
  courseId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'course_staff_pkey' })
  @ForeignKey('user', { name: 'course_staff_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @Column({ type: 'text' })
  role!: CourseRole;

  @CreateDateColumn({ type: 'timestamptz' })
  addedAt!: Date;
}
