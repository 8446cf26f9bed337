import { type CompletionRequirement, SHOW_ANSWERS } from '@hearth/contracts';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { CourseEntity } from './course.entity';
import { CourseModuleEntity, ItemEntity } from './draft.entity';
import { ItemContent } from './item-content';
import type { PublishedQuestion } from './quiz';
import type { PublishedScript } from './script';

/** A published version: frozen at publish, never changed. Trainees read only these. */
@Entity()
export class CourseVersionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'course_version_pkey' })
  @ForeignKey(() => CourseEntity, { name: 'course_version_course_id_fkey', onDelete: 'CASCADE' })
  courseId!: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'course_version_pkey' })
  version!: number;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** The completion requirements of this version. */
  @Column({ type: 'jsonb' })
  requirements!: CompletionRequirement[];

  @Column({ type: 'uuid' })
  @ForeignKey('user', { name: 'course_version_published_by_fkey' })
  publishedBy!: string;

  @Column({ type: 'timestamptz' })
  publishedAt!: Date;

  /** Published asking holders of the roles built on the course to redo what changed within this many days; null when not. */
  @Column({ type: 'integer', nullable: true })
  recertifyDays!: number | null;

  /** What they redo: the items new or changed since the version before. */
  @Column({ type: 'uuid', array: true, nullable: true })
  recertifyItemIds!: string[] | null;
}

@Entity()
@ForeignKey(() => CourseVersionEntity, ['courseId', 'version'], ['courseId', 'version'], {
  name: 'published_module_course_id_version_fkey',
  onDelete: 'CASCADE',
})
export class PublishedModuleEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'published_module_pkey' })
  courseId!: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'published_module_pkey' })
  version!: number;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'published_module_pkey' })
  @ForeignKey(() => CourseModuleEntity, { name: 'published_module_module_id_fkey', onDelete: 'CASCADE' })
  moduleId!: string;

  @Column({ type: 'text' })
  slug!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'integer' })
  position!: number;
}

/** An item as published in one version, Markdown already rendered. */
@Entity()
@Index('published_item_item_id_idx', ['itemId'])
@Check('published_item_show_answers_check', `show_answers IN (${SHOW_ANSWERS.map((value) => `'${value}'`).join(', ')})`)
// Reading order is unique within a version, and the previous/next lookups use this index.
@Index('published_item_course_id_version_sequence_key', ['courseId', 'version', 'sequence'], { unique: true })
@ForeignKey(() => CourseVersionEntity, ['courseId', 'version'], ['courseId', 'version'], {
  name: 'published_item_course_id_version_fkey',
  onDelete: 'CASCADE',
})
export class PublishedItemEntity extends ItemContent<PublishedQuestion, PublishedScript> {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'published_item_pkey' })
  courseId!: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'published_item_pkey' })
  version!: number;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'published_item_pkey' })
  @ForeignKey(() => ItemEntity, { name: 'published_item_item_id_fkey', onDelete: 'CASCADE' })
  itemId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => CourseModuleEntity, { name: 'published_item_module_id_fkey', onDelete: 'CASCADE' })
  moduleId!: string;

  /** Reading order across the whole course: module first, then item. */
  @Column({ type: 'integer' })
  sequence!: number;
}
