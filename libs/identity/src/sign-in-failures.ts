import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Clock, Database, type HearthConfig, InjectConfig } from '@hearth/platform';
import { IdentityError, IdentityErrorCode } from './identity.errors';

/** Failed sign-ins against one account (or one unknown name), for the back-off and the daily cap. */
@Entity()
export class SignInFailureEntity {
  /** SHA-256 of `user:<id>` or `name:<login>`: the table holds no names or addresses. */
  @PrimaryColumn({ type: 'bytea', primaryKeyConstraintName: 'sign_in_failure_pkey' })
  key!: Buffer;

  /** Failures since the last success. */
  @Column({ type: 'integer' })
  consecutive!: number;

  @Column({ type: 'timestamptz' })
  lastFailedAt!: Date;

  /** The UTC day `dayFailures` counts. */
  @Column({ type: 'date' })
  day!: string;

  @Column({ type: 'integer' })
  dayFailures!: number;
}

/** Failures in a row that cost nothing: typos happen. */
const FREE_FAILURES = 4;
const MAX_WAIT_SECONDS = 15 * 60;

/**
 * Slows down guessing one account's password, counting failures only: after
 * FREE_FAILURES wrong passwords in a row, each attempt must wait twice as long as the last
 * (1 s, 2 s, 4 s … up to 15 minutes), and after HEARTH_SIGN_IN_DAILY_FAILURE_CAP in a UTC day
 * the account takes no more password attempts until the next (a password reset still
 * works). A right password clears the run. Unknown names are counted the same way, so the
 * answers tell nobody whether an account exists. On top of the per-window limits of
 * AuthThrottlerGuard.
 */
@Injectable()
export class SignInFailures {
  constructor(
    @InjectConfig() private readonly config: HearthConfig,
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /**
   * Refuses (429, with Retry-After) while the account is waiting out its back-off or its
   * day's cap; otherwise says whether a run of failures is going (a success must end it).
   */
  async assertMayTry(account: string): Promise<{ failing: boolean }> {
    const [row] = await this.db.query<{ waitSeconds: number; cappedSeconds: number | null; consecutive: number }>(
      `SELECT consecutive, CASE WHEN consecutive >= $3
                   THEN ceil(extract(epoch FROM last_failed_at + least($2::float8, power(2, consecutive - $3)) * interval '1 second' - $5::timestamptz))::int
                   ELSE 0 END AS wait_seconds,
              CASE WHEN day = ($5::timestamptz AT TIME ZONE 'UTC')::date AND day_failures >= $4
                   THEN ceil(extract(epoch FROM (date_trunc('day', $5::timestamptz AT TIME ZONE 'UTC') + interval '1 day') AT TIME ZONE 'UTC' - $5::timestamptz))::int END AS capped_seconds
         FROM sign_in_failure WHERE key = $1`,
      [keyOf(account), MAX_WAIT_SECONDS, FREE_FAILURES, this.config.signInDailyFailureCap, this.clock.now()],
    );
    if (!row) return { failing: false };
    if (row.cappedSeconds !== null) {
      throw new IdentityError(IdentityErrorCode.RateLimited, 'Too many wrong passwords for this account today. Try again tomorrow, or reset the password.', {
        headers: { 'Retry-After': String(Math.max(1, row.cappedSeconds)) },
      });
    }
    if (row.waitSeconds > 0) {
      throw new IdentityError(IdentityErrorCode.RateLimited, `Too many wrong passwords in a row. Try again in ${row.waitSeconds} seconds.`, {
        headers: { 'Retry-After': String(row.waitSeconds) },
      });
    }
    return { failing: row.consecutive > 0 };
  }

  async failed(account: string): Promise<void> {
    await this.db.execute(
      `INSERT INTO sign_in_failure AS f (key, consecutive, last_failed_at, day, day_failures)
       VALUES ($1, 1, $2::timestamptz, ($2::timestamptz AT TIME ZONE 'UTC')::date, 1)
       ON CONFLICT (key) DO UPDATE SET
         consecutive = f.consecutive + 1,
         last_failed_at = excluded.last_failed_at,
         day_failures = CASE WHEN f.day = excluded.day THEN f.day_failures + 1 ELSE 1 END,
         day = excluded.day`,
      [keyOf(account), this.clock.now()],
    );
  }

  /** A right password: the run of failures is over (the day's count stays). Only when `assertMayTry` said one was going. */
  async succeeded(account: string): Promise<void> {
    await this.db.execute('UPDATE sign_in_failure SET consecutive = 0 WHERE key = $1 AND consecutive > 0', [keyOf(account)]);
  }
}

function keyOf(account: string): Buffer {
  return createHash('sha256').update(account).digest();
}
