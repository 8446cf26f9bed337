import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One thing that happened that someone may have to account for. Written once, never changed. */
@Entity()
@Index('audit_entry_actor_id_id_idx', ['actorId', 'id'])
@Index('audit_entry_subject_id_id_idx', ['subjectId', 'id'])
@Index('audit_entry_subject_user_id_id_idx', ['subjectUserId', 'id'])
@Index('audit_entry_kind_id_idx', ['kind', 'id'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'audit_entry_pkey' })
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  /** Who did it; null when Hearth did (an automatic grant, an expiry). */
  @Column({ type: 'uuid', nullable: true })
  // Append-only: the people it names cannot be deleted from under it.
  @ForeignKey('user', { name: 'audit_entry_actor_id_fkey', onDelete: 'NO ACTION' })
  actorId!: string | null;

  /** `role.granted`, `course.published`, `reply.hide`… */
  @Column({ type: 'text' })
  kind!: string;

  /** What it was done to: `user`, `course`, `role`, `reply`, `badge`. */
  @Column({ type: 'text' })
  subjectType!: string;

  @Column({ type: 'text' })
  subjectId!: string;

  /** The person it concerns, when it concerns one (the grantee, the reply's author). */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('user', { name: 'audit_entry_subject_user_id_fkey', onDelete: 'NO ACTION' })
  subjectUserId!: string | null;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data!: Record<string, unknown>;
}
