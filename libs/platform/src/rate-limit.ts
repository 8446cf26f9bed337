import { Injectable } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Database } from './database';

/** One rate-limit counter: hits in the current window, and a block once over the limit. */
@Entity()
export class RateLimitEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'rate_limit_pkey' })
  key!: string;

  @Column({ type: 'integer' })
  hits!: number;

  @Column({ type: 'timestamptz' })
  windowEndsAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  blockedUntil!: Date | null;
}

interface CounterRow {
  hits: number;
  windowMs: string;
  blockMs: string | null;
}

/** Expired counters are swept now and then by whichever request draws the lot. */
const SWEEP_ONE_IN = 200;

/**
 * Rate-limit counters kept in PostgreSQL, so every API instance sees the same counts and
 * a restart does not wipe them. One upsert per check: a window that has run out starts
 * again at one hit; going over the limit blocks the key for `blockDuration`.
 */
@Injectable()
export class PgThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly db: Database) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string) {
    const [row] = await this.db.query<CounterRow>(
      `INSERT INTO rate_limit AS r (key, hits, window_ends_at, blocked_until)
       VALUES ($1, 1, now() + $2 * interval '1 millisecond', NULL)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN r.blocked_until > now() THEN r.hits
                     WHEN r.window_ends_at <= now() THEN 1
                     ELSE r.hits + 1 END,
         window_ends_at = CASE WHEN r.blocked_until > now() OR r.window_ends_at > now() THEN r.window_ends_at
                               ELSE excluded.window_ends_at END,
         blocked_until = CASE WHEN r.blocked_until > now() THEN r.blocked_until
                              WHEN r.window_ends_at > now() AND r.hits + 1 > $3 THEN now() + $4 * interval '1 millisecond'
                              ELSE NULL END
       RETURNING hits,
                 extract(epoch FROM window_ends_at - now()) * 1000 AS window_ms,
                 extract(epoch FROM blocked_until - now()) * 1000 AS block_ms`,
      [`${throttlerName}:${key}`, ttl, limit, blockDuration],
    );
    if (Math.random() * SWEEP_ONE_IN < 1) await this.sweep();
    const blockMs = row.blockMs === null ? 0 : Math.max(0, Number(row.blockMs));
    return {
      totalHits: row.hits,
      timeToExpire: Math.max(0, Math.ceil(Number(row.windowMs) / 1000)),
      isBlocked: blockMs > 0,
      timeToBlockExpire: Math.ceil(blockMs / 1000),
    };
  }

  private async sweep(): Promise<void> {
    await this.db.execute(
      'DELETE FROM rate_limit WHERE window_ends_at < now() AND (blocked_until IS NULL OR blocked_until < now())',
    );
  }
}
