import { Injectable } from '@nestjs/common';
import type { UserSignedOut } from '@hearth/contracts';
import { Clock, Database } from '@hearth/platform';
import type { RefreshTokenEntity } from './refresh-token.entity';
import type { SessionEntity } from './session.entity';

export interface LiveSession {
  sessionId: string;
  userId: string;
  sessionExpiresAt: Date;
}

/** What is known of a refresh token that could not be spent. */
export interface TokenState extends LiveSession {
  /** Seconds since it was spent, or null when it never was. */
  spentSecondsAgo: number | null;
  /** The session is neither revoked nor past its expiry, and the token has not lapsed. */
  live: boolean;
  tokenExpiresAt: Date;
}

/**
 * Sessions and refresh tokens expire, and spent tokens age, by the Clock (its time a
 * parameter, `$n::timestamptz`, so tests move it); when a session was last used and when
 * it was ended are bookkeeping, stamped by the database's now().
 */
@Injectable()
export class SessionRepository {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async insertSession(session: Pick<SessionEntity, 'userId' | 'userAgent' | 'expiresAt'>): Promise<string> {
    const [row] = await this.db.query<{ id: string }>('INSERT INTO session (user_id, user_agent, expires_at) VALUES ($1, $2, $3) RETURNING id', [
      session.userId,
      session.userAgent ?? null,
      session.expiresAt,
    ]);
    return row.id;
  }

  async insertToken(token: Pick<RefreshTokenEntity, 'sessionId' | 'tokenHash' | 'expiresAt'>): Promise<void> {
    await this.db.execute('INSERT INTO refresh_token (session_id, token_hash, expires_at) VALUES ($1, $2, $3)', [token.sessionId, token.tokenHash, token.expiresAt]);
  }

  /**
   * Marks a live token of a live session spent and returns the session, in one statement,
   * so two refreshes racing with the same token cannot both spend it. Null otherwise.
   */
  async spend(tokenHash: Buffer): Promise<LiveSession | null> {
    const [row] = await this.db.query<{ sessionId: string; userId: string; expiresAt: Date }>(
      `UPDATE refresh_token t SET used_at = $2::timestamptz
         FROM session s
        WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > $2::timestamptz
          AND s.id = t.session_id AND s.revoked_at IS NULL AND s.expires_at > $2::timestamptz
        RETURNING s.id AS session_id, s.user_id, s.expires_at`,
      [tokenHash, this.clock.now()],
    );
    return row ? { sessionId: row.sessionId, userId: row.userId, sessionExpiresAt: row.expiresAt } : null;
  }

  async tokenState(tokenHash: Buffer): Promise<TokenState | null> {
    const [row] = await this.db.query<{
      sessionId: string;
      userId: string;
      expiresAt: Date;
      spentSecondsAgo: number | null;
      live: boolean;
      tokenExpiresAt: Date;
    }>(
      `SELECT s.id AS session_id, s.user_id, s.expires_at, t.expires_at AS token_expires_at,
              extract(epoch FROM $2::timestamptz - t.used_at)::float8 AS spent_seconds_ago,
              (s.revoked_at IS NULL AND s.expires_at > $2::timestamptz AND t.expires_at > $2::timestamptz) AS live
         FROM refresh_token t JOIN session s ON s.id = t.session_id
        WHERE t.token_hash = $1`,
      [tokenHash, this.clock.now()],
    );
    return row
      ? {
          sessionId: row.sessionId,
          userId: row.userId,
          sessionExpiresAt: row.expiresAt,
          spentSecondsAgo: row.spentSecondsAgo,
          live: row.live,
          tokenExpiresAt: row.tokenExpiresAt,
        }
      : null;
  }

  /** Marks a session used now (it was refreshed). */
  async touch(sessionId: string): Promise<void> {
    await this.db.execute('UPDATE session SET last_used_at = now() WHERE id = $1', [sessionId]);
  }

  /**
   * Whether the session is neither ended nor past its expiry, in one statement that also
   * notes it used when it was last noted more than a minute ago.
   */
  async checkLive(sessionId: string): Promise<boolean> {
    const [row] = await this.db.query<{ live: boolean }>(
      `WITH live AS (SELECT id, last_used_at FROM session WHERE id = $1 AND revoked_at IS NULL AND expires_at > $2::timestamptz),
            touched AS (UPDATE session SET last_used_at = now()
                         WHERE id IN (SELECT id FROM live WHERE last_used_at < now() - interval '1 minute'))
       SELECT EXISTS (SELECT 1 FROM live) AS live`,
      [sessionId, this.clock.now()],
    );
    return row?.live ?? false;
  }

  /** Someone's sessions that have not ended, the most recently used first. */
  async listLive(userId: string): Promise<Array<Pick<SessionEntity, 'id' | 'userAgent' | 'createdAt' | 'lastUsedAt'>>> {
    const rows = await this.db.query<{ id: string; userAgent: string | null; createdAt: Date; lastUsedAt: Date }>(
      `SELECT id, user_agent, created_at, last_used_at FROM session
        WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2::timestamptz
        ORDER BY last_used_at DESC, created_at DESC`,
      [userId, this.clock.now()],
    );
    return rows.map((row) => ({ id: row.id, userAgent: row.userAgent, createdAt: row.createdAt, lastUsedAt: row.lastUsedAt }));
  }

  /**
   * Ends sessions of one person that have not ended yet: the given ones, or all of them
   * (`sessionIds` null) but `keep`. Returns those it ended.
   */
  async revoke(userId: string, sessionIds: string[] | null, reason: UserSignedOut['reason'], keep: string | null = null): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `UPDATE session SET revoked_at = now(), revoked_reason = $3
        WHERE user_id = $1 AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])) AND ($4::uuid IS NULL OR id <> $4::uuid)
          AND revoked_at IS NULL AND expires_at > $5::timestamptz
        RETURNING id`,
      [userId, sessionIds, reason, keep, this.clock.now()],
    );
    return rows.map((row) => row.id);
  }
}
