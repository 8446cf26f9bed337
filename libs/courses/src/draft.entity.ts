import { SHOW_ANSWERS } from '@hearth/contracts';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CourseEntity } from './course.entity';
import { ItemContent } from './item-content';
import type { StoredQuestion } from './quiz';

/**
 * The draft's modules and items, which authors edit. A removed one keeps its row (and
 * id), because published versions and trainees' progress refer to it.
 */
@Entity()
@Index('course_module_course_id_slug_key', { synchronize: false })
@Index('course_module_course_id_position_idx', ['courseId', 'position'])
export class CourseModuleEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'course_module_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => CourseEntity, { name: 'course_module_course_id_fkey', onDelete: 'CASCADE' })
  courseId!: string;

  @Column({ type: 'text' })
  slug!: string;

  @Column({ type: 'text' })
  title!: string;

  /** 1-based, dense among the modules not removed. */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'timestamptz', nullable: true })
  removedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

@Entity()
@Index('item_course_id_slug_key', { synchronize: false })
@Index('item_module_id_position_idx', ['moduleId', 'position'])
@Check('item_type_check', `type IN ('lesson', 'discussion', 'quiz', 'script')`)
@Check('item_show_answers_check', `show_answers IN (${SHOW_ANSWERS.map((value) => `'${value}'`).join(', ')})`)
/** An item of the draft; its quiz questions carry the answer key as authored. */
export class ItemEntity extends ItemContent<StoredQuestion> {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'item_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => CourseEntity, { name: 'item_course_id_fkey', onDelete: 'CASCADE' })
  courseId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => CourseModuleEntity, { name: 'item_module_id_fkey', onDelete: 'CASCADE' })
  moduleId!: string;

  /** 1-based, dense among the module's items not removed. */
  @Column({ type: 'integer' })
  position!: number;

  /** Changed since the last publish. */
  @Column({ type: 'boolean', default: true })
  changed!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  removedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
