import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * A sign-in: one browser or device, from login until logout, revocation or its absolute
 * expiry. Its refresh tokens (one live at a time) form the rotation family.
 */
@Entity()
@Index('session_user_id_idx', ['userId'])
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'session_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'session_user_id_fkey' })
  user?: UserEntity;

  @Column({ type: 'text', nullable: true })
  userAgent!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** Updated on each refresh, and at most once a minute while its access tokens are used. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastUsedAt!: Date;

  /** However often it is refreshed, a session ends here (HEARTH_SESSION_MAX_DAYS). */
  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** Why it ended: a UserSignedOut reason (`logout`, `reuse` when a spent refresh token came back, …). */
  @Column({ type: 'text', nullable: true })
  revokedReason!: string | null;
}
