import { Injectable } from '@nestjs/common';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { Database } from './database';
import { ValidationFailedError } from './errors';

/** A write already made under a client's Idempotency-Key, with what it answered. */
@Entity()
export class IdempotencyKeyEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'idempotency_key_pkey' })
  userId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'idempotency_key_pkey' })
  scope!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'idempotency_key_pkey' })
  key!: string;

  @Column({ type: 'jsonb', nullable: true })
  response!: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

const KEY = /^[A-Za-z0-9_.:-]{1,200}$/;
const SWEEP_ONE_IN = 500;

/**
 * Writes a double click (or a retry after a lost response) could repeat: the client sends
 * an Idempotency-Key, and the same key from the same person for the same kind of write
 * gets the first answer again instead of a second write. Keys are kept for a day.
 */
@Injectable()
export class Idempotency {
  constructor(private readonly db: Database) {}

  /**
   * Runs `write` once per key. Inside a transaction: the key row is inserted first, so a
   * concurrent repeat waits on it and then finds the stored answer.
   */
  async once<T>(userId: string, scope: string, key: string | undefined, write: () => Promise<T>): Promise<T> {
    if (key === undefined) return write();
    if (!KEY.test(key)) throw new ValidationFailedError([{ field: 'Idempotency-Key', message: 'The Idempotency-Key must be 1 to 200 letters, digits or _.:-' }]);
    return this.db.transaction(async () => {
      const [claimed] = await this.db.query(
        `INSERT INTO idempotency_key (user_id, scope, key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1 AS claimed`,
        [userId, scope, key],
      );
      if (!claimed) {
        const [row] = await this.db.query<{ response: T }>('SELECT response FROM idempotency_key WHERE user_id = $1 AND scope = $2 AND key = $3', [userId, scope, key]);
        return row.response;
      }
      const result = await write();
      await this.db.execute('UPDATE idempotency_key SET response = $4 WHERE user_id = $1 AND scope = $2 AND key = $3', [userId, scope, key, JSON.stringify(result)]);
      if (Math.random() * SWEEP_ONE_IN < 1) await this.db.execute(`DELETE FROM idempotency_key WHERE created_at < now() - interval '1 day'`);
      return result;
    });
  }

  /** Drops a person's stored answers (their account is being deleted; the answers hold what they wrote). */
  async forget(userId: string): Promise<void> {
    await this.db.execute('DELETE FROM idempotency_key WHERE user_id = $1', [userId]);
  }
}
