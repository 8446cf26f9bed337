import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Clock, Database, InstanceSecrets } from '@hearth/platform';
import { UserEntity } from './user.entity';

export type AccountTokenPurpose = 'reset-password' | 'verify-email' | 'change-email';

/** A single-use link sent by e-mail (a password reset, an address to verify). Only the token's SHA-256 is kept. */
@Entity()
@Index('account_token_user_id_idx', ['userId'])
@Check('account_token_purpose_check', `purpose IN ('reset-password', 'verify-email', 'change-email')`)
export class AccountTokenEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'account_token_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'account_token_user_id_fkey' })
  user?: UserEntity;

  @Column({ type: 'text' })
  purpose!: AccountTokenPurpose;

  @Index('account_token_token_hash_key', { unique: true })
  @Column({ type: 'bytea' })
  tokenHash!: Buffer;

  /** For `verify-email`, the address the link vouches for (an address changed since is not verified by it); for `change-email`, the new one. */
  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  /** Spent, or set aside by a newer link of the same purpose. */
  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}

/**
 * Tokens for links sent by e-mail: 256 bits, single use, expiring. The token is derived
 * from its row's id with an instance key (HMAC), so the e-mail can be written after the
 * commit, by the outbox, without the token itself ever being stored anywhere: the row
 * keeps its SHA-256, the outbox only the id.
 */
@Injectable()
export class AccountTokens {

  constructor(
    private readonly db: Database,
    private readonly secrets: InstanceSecrets,
    private readonly clock: Clock,
  ) {}

  /** A new token for the user, setting aside their earlier live ones of the purpose; returns the row's id. */
  async issue(userId: string, purpose: AccountTokenPurpose, ttlMinutes: number, email: string | null = null): Promise<string> {
    const id = randomUUID();
    const token = await this.tokenFor(id);
    // Issued, set aside, spent and expiring by the Clock, which tests move; created_at too, as issuedWithin reads it.
    const now = this.clock.now();
    await this.db.execute('UPDATE account_token SET used_at = $3::timestamptz WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL', [userId, purpose, now]);
    await this.db.execute(
      `INSERT INTO account_token (id, user_id, purpose, token_hash, email, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $7::timestamptz, $7::timestamptz + $6 * interval '1 minute')`,
      [id, userId, purpose, hashOf(token), email, ttlMinutes, now],
    );
    return id;
  }

  /** The token of a row, to put in a link. */
  async tokenFor(id: string): Promise<string> {
    return this.secrets.hmac('account-token-key', id);
  }

  /** The user of a live token of the purpose, without spending it (to check a new password against their name first). */
  async peek(token: string, purpose: AccountTokenPurpose): Promise<string | null> {
    if (token.length === 0 || token.length > 128) return null;
    const [row] = await this.db.query<{ userId: string }>(
      'SELECT user_id FROM account_token WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3::timestamptz',
      [hashOf(token), purpose, this.clock.now()],
    );
    return row?.userId ?? null;
  }

  /**
   * Spends a live token of one of the purposes, in one statement (two racing uses cannot
   * both win): its user, the address it was issued for and its purpose, or null.
   */
  async spend(token: string, ...purposes: AccountTokenPurpose[]): Promise<SpentToken | null> {
    if (token.length === 0 || token.length > 128) return null;
    const [row] = await this.db.query<{ userId: string; email: string | null; purpose: AccountTokenPurpose }>(
      `UPDATE account_token SET used_at = $3::timestamptz
        WHERE token_hash = $1 AND purpose = ANY($2::text[]) AND used_at IS NULL AND expires_at > $3::timestamptz
        RETURNING user_id, email, purpose`,
      [hashOf(token), purposes, this.clock.now()],
    );
    return row ? { userId: row.userId, email: row.email, purpose: row.purpose } : null;
  }

  /** Whether a link of the purpose was issued to the user in the last `seconds`. */
  async issuedWithin(userId: string, purpose: AccountTokenPurpose, seconds: number): Promise<boolean> {
    const [row] = await this.db.query<{ recent: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM account_token WHERE user_id = $1 AND purpose = $2 AND created_at > $4::timestamptz - $3 * interval '1 second') AS recent`,
      [userId, purpose, seconds, this.clock.now()],
    );
    return row.recent;
  }
}

export interface SpentToken {
  userId: string;
  email: string | null;
  purpose: AccountTokenPurpose;
}

function hashOf(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
