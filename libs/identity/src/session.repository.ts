import { Injectable } from '@nestjs/common';
import { Database } from '@hearth/platform';
import { RefreshTokenEntity } from './refresh-token.entity';
import { SessionEntity } from './session.entity';

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
}

@Injectable()
export class SessionRepository {
  constructor(private readonly db: Database) {}

  async insertSession(session: Pick<SessionEntity, 'userId' | 'userAgent' | 'expiresAt'>): Promise<string> {
    const { identifiers } = await this.db.repository(SessionEntity).insert(session);
    return identifiers[0].id as string;
  }

  async insertToken(token: Pick<RefreshTokenEntity, 'sessionId' | 'tokenHash' | 'expiresAt'>): Promise<void> {
    await this.db.repository(RefreshTokenEntity).insert(token);
  }

  /**
   * Marks a live token of a live session spent and returns the session, in one statement,
   * so two refreshes racing with the same token cannot both spend it. Null otherwise.
   */
  async spend(tokenHash: Buffer): Promise<LiveSession | null> {
    const [row] = await this.db.query<{ session_id: string; user_id: string; expires_at: Date }>(
      `UPDATE refresh_token t SET used_at = now()
         FROM session s
        WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now()
          AND s.id = t.session_id AND s.revoked_at IS NULL AND s.expires_at > now()
        RETURNING s.id AS session_id, s.user_id, s.expires_at`,
      [tokenHash],
    );
    return row ? { sessionId: row.session_id, userId: row.user_id, sessionExpiresAt: row.expires_at } : null;
  }

  async tokenState(tokenHash: Buffer): Promise<TokenState | null> {
    const [row] = await this.db.query<{
      session_id: string;
      user_id: string;
      expires_at: Date;
      spent_seconds_ago: number | null;
      live: boolean;
    }>(
      `SELECT s.id AS session_id, s.user_id, s.expires_at,
              extract(epoch FROM now() - t.used_at)::float8 AS spent_seconds_ago,
              (s.revoked_at IS NULL AND s.expires_at > now() AND t.expires_at > now()) AS live
         FROM refresh_token t JOIN session s ON s.id = t.session_id
        WHERE t.token_hash = $1`,
      [tokenHash],
    );
    return row
      ? {
          sessionId: row.session_id,
          userId: row.user_id,
          sessionExpiresAt: row.expires_at,
          spentSecondsAgo: row.spent_seconds_ago,
          live: row.live,
        }
      : null;
  }

  async revoke(sessionId: string, reason: 'logout' | 'reuse'): Promise<void> {
    await this.db.execute('UPDATE session SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL', [
      sessionId,
      reason,
    ]);
  }
}
