import type { AnswerSnapshot, CompletionEvidence, CompletionRequirement, CriterionScore, ItemType, RefresherCause, ReviewSnapshot } from '@hearth/contracts';
import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

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

  /** The quiz attempt that passed first, and its score: evidence. */
  @Column({ type: 'uuid', nullable: true })
  passedAttemptId!: string | null;

  @Column({ type: 'integer', nullable: true })
  passedScore!: number | null;

  /** Set while the trainee has an answer that counts; cleared when it is removed or hidden. */
  @Column({ type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  /** That answer. */
  @Column({ type: 'uuid', nullable: true })
  answerReplyId!: string | null;

  /** How that answer reads, as the discussions last said: the completion's evidence quotes it. */
  @Column({ type: 'jsonb', nullable: true })
  answer!: AnswerSnapshot | null;

  /** The latest review of any of the trainee's answers here, and which answer it was of. */
  @Column({ type: 'jsonb', nullable: true })
  review!: (ReviewSnapshot & { replyId: string }) | null;

  /** The answer whose latest review accepted it; it counts while it is still the answer above. */
  @Column({ type: 'uuid', nullable: true })
  acceptedReplyId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** A course as progress knows it: its latest published version's items and requirements. */
@Entity()
export class CoursePlanEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'course_plan_pkey' })
  @ForeignKey('CourseEntity', { name: 'course_plan_course_id_fkey', onDelete: 'CASCADE' })
  courseId!: string;

  @Column({ type: 'text' })
  courseSlug!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'jsonb' })
  items!: Array<{ itemId: string; type: ItemType; title: string }>;

  @Column({ type: 'jsonb' })
  requirements!: CompletionRequirement[];

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * One enrollment's standing, re-checked by each event about it: which requirements it
 * meets, and its completion, recorded once with the version and the evidence.
 */
@Entity()
@Index('enrollment_progress_course_id_enrolled_at_idx', ['courseId', 'enrolledAt', 'userId'])
export class EnrollmentProgressEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'enrollment_progress_pkey' })
  @ForeignKey('user', { name: 'enrollment_progress_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'enrollment_progress_pkey' })
  @ForeignKey('CourseEntity', { name: 'enrollment_progress_course_id_fkey', onDelete: 'CASCADE' })
  courseId!: string;

  @Column({ type: 'timestamptz' })
  enrolledAt!: Date;

  /** The first time anything was done in the course. */
  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  /** Items done, of how many, when last checked. */
  @Column({ type: 'integer', default: 0 })
  done!: number;

  @Column({ type: 'integer', default: 0 })
  total!: number;

  /** Per requirement of `checkedVersion`'s plan, in order: met or not. */
  @Column({ type: 'boolean', array: true, default: () => "'{}'" })
  met!: boolean[];

  @Column({ type: 'integer', nullable: true })
  checkedVersion!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ type: 'integer', nullable: true })
  completedVersion!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  evidence!: CompletionEvidence | null;
}

/** A mentor's sign-off of a trainee in a course. */
@Entity()
export class MentorSignoffEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'mentor_signoff_pkey' })
  @ForeignKey('user', { name: 'mentor_signoff_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'mentor_signoff_pkey' })
  @ForeignKey('CourseEntity', { name: 'mentor_signoff_course_id_fkey', onDelete: 'CASCADE' })
  courseId!: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('user', { name: 'mentor_signoff_mentor_id_fkey', onDelete: 'SET NULL' })
  mentorId!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  signedAt!: Date;
}

/** Minutes someone spent in a live chat session, reported by the chat when it ends. */
@Entity()
@Index('session_attendance_user_id_kind_idx', ['userId', 'kind'])
export class SessionAttendanceEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'session_attendance_pkey' })
  @ForeignKey('user', { name: 'session_attendance_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'session_attendance_pkey' })
  sessionId!: string;

  @Column({ type: 'text' })
  kind!: string;

  /** The session's topic and room. */
  @Column({ type: 'text', default: '' })
  title!: string;

  @Column({ type: 'integer' })
  minutes!: number;

  @Column({ type: 'timestamptz' })
  attendedAt!: Date;
}

/**
 * A refresher asked of someone (credentials' `refresher.assigned`): the items of a course
 * to do again from `assignedAt` on. Their first completion and its evidence stay as they were.
 */
@Entity()
@Index('refresher_progress_user_id_course_id_idx', ['userId', 'courseId'])
export class RefresherProgressEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'refresher_progress_pkey' })
  refresherId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey('user', { name: 'refresher_progress_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey('CourseEntity', { name: 'refresher_progress_course_id_fkey', onDelete: 'CASCADE' })
  courseId!: string;

  @Column({ type: 'timestamptz' })
  assignedAt!: Date;

  /** When the last item was redone. */
  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  /** When credentials stopped asking for it (the role came back, or ended, another way). */
  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Column({ type: 'text', default: 'complaint' })
  cause!: RefresherCause;

  /** A recertification's deadline. */
  @Column({ type: 'timestamptz', nullable: true })
  dueAt!: Date | null;
}

/** One item of a refresher, and when it was redone: a lesson opened, a quiz passed, an answer written again. */
@Entity()
@Index('item_redo_user_id_item_id_idx', ['userId', 'itemId'])
export class ItemRedoEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'item_redo_pkey' })
  @ForeignKey(() => RefresherProgressEntity, { name: 'item_redo_refresher_id_fkey', onDelete: 'CASCADE' })
  refresherId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'item_redo_pkey' })
  itemId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey('user', { name: 'item_redo_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @Column({ type: 'text' })
  type!: ItemType;

  @Column({ type: 'timestamptz', nullable: true })
  doneAt!: Date | null;
}

/** A mentor's review of a practice session a trainee led, as `practicum.reviewed` told it: what practicum requirements count. */
@Entity()
@Index('practicum_review_user_id_course_id_idx', ['userId', 'courseId'])
export class PracticumReviewEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'practicum_review_pkey' })
  sessionId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey('user', { name: 'practicum_review_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey('CourseEntity', { name: 'practicum_review_course_id_fkey', onDelete: 'CASCADE' })
  courseId!: string;

  @Column({ type: 'uuid' })
  scriptItemId!: string;

  @Column({ type: 'text' })
  scriptTitle!: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('user', { name: 'practicum_review_mentor_id_fkey', onDelete: 'SET NULL' })
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
