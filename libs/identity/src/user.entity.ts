import type { PlatformRole } from '@hearth/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'user' })
// Uniqueness ignores case; these expression indexes live in the migration only. An address
// is unique among the accounts that confirmed it: registering with an address that is
// taken must look the same as with a free one, so a new account may give it unconfirmed.
@Index('user_email_lower_key', { synchronize: false })
@Index('user_email_lower_idx', { synchronize: false })
@Index('user_username_lower_key', { synchronize: false })
@Check('user_platform_roles_check', `platform_roles <@ ARRAY['admin', 'author']::text[]`)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'user_pkey' })
  id!: string;

  /** Stored lower-cased. Until confirmed (`emailVerifiedAt`), other accounts may give the same address. */
  @Column({ type: 'text' })
  email!: string;

  /** Stored as typed; compared without case. */
  @Column({ type: 'text' })
  username!: string;

  @Column({ type: 'text' })
  displayName!: string;

  @Column({ type: 'text' })
  passwordHash!: string;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  platformRoles!: PlatformRole[];

  /** When the owner opened the verification link sent to `email`; null until then. */
  @Column({ type: 'timestamptz', nullable: true })
  emailVerifiedAt!: Date | null;

  /**
   * When the account was deleted: the row stays, pseudonymised ("Former member"), so the
   * history that names it by id (threads, the audit log, grants) still holds together.
   */
  @Column({ type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
