import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Database, type HearthConfig, InjectConfig } from '@hearth/platform';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import { SessionRepository } from './session.repository';

export interface IssuedRefreshToken {
  token: string;
  expiresAt: Date;
  sessionId: string;
}

export interface RotatedRefreshToken extends IssuedRefreshToken {
  userId: string;
}

/**
 * Sessions and their refresh tokens: rotation with reuse detection.
 *
 * A sign-in starts a session. Every refresh spends the presented token and issues the
 * next one. A spent token that comes back means someone holds a copy (a stolen cookie, a
 * leaked log), and the session is revoked, so neither the thief nor the owner can go on
 * without signing in again.
 *
 * One exception keeps honest clients signed in: the same token presented again within a
 * few seconds of being spent (HEARTH_REFRESH_REUSE_GRACE_SECONDS) is two tabs refreshing at
 * once, or a response lost on the way back, and gets a fresh token in the same session.
 */
@Injectable()
export class Sessions {
  constructor(
    @InjectConfig() private readonly config: HearthConfig,
    private readonly db: Database,
    private readonly sessions: SessionRepository,
  ) {}

  async start(userId: string, userAgent: string | null): Promise<IssuedRefreshToken> {
    const expiresAt = new Date(Date.now() + this.config.sessionMaxDays * 86_400_000);
    const sessionId = await this.sessions.insertSession({ userId, userAgent: userAgent?.slice(0, 512) ?? null, expiresAt });
    return this.issue(sessionId, expiresAt);
  }

  async rotate(token: string): Promise<RotatedRefreshToken> {
    const tokenHash = hashToken(token);
    const rotated = await this.db.transaction(async () => {
      const spent = await this.sessions.spend(tokenHash);
      return spent ? { userId: spent.userId, ...(await this.issue(spent.sessionId, spent.sessionExpiresAt)) } : null;
    });
    if (rotated) return rotated;

    const state = await this.sessions.tokenState(tokenHash);
    if (state?.live && state.spentSecondsAgo !== null) {
      if (state.spentSecondsAgo <= this.config.refreshReuseGraceSeconds) {
        return { userId: state.userId, ...(await this.issue(state.sessionId, state.sessionExpiresAt)) };
      }
      // Outside any transaction, so the revocation sticks although the request fails.
      await this.sessions.revoke(state.sessionId, 'reuse');
      throw new IdentityError(
        IdentityErrorCode.RefreshReused,
        'This session was ended because its refresh token was used twice. Sign in again.',
      );
    }
    throw new IdentityError(IdentityErrorCode.RefreshInvalid, 'The session has expired or was ended. Sign in again.');
  }

  /** Ends the session the token belongs to; unknown tokens are ignored. */
  async end(token: string): Promise<void> {
    const state = await this.sessions.tokenState(hashToken(token));
    if (state) await this.sessions.revoke(state.sessionId, 'logout');
  }

  /** A new refresh token, lapsing after the idle lifetime or with its session, whichever is first. */
  private async issue(sessionId: string, sessionExpiresAt: Date): Promise<IssuedRefreshToken> {
    const token = randomBytes(32).toString('base64url');
    const idle = new Date(Date.now() + this.config.refreshTokenTtlDays * 86_400_000);
    const expiresAt = sessionExpiresAt < idle ? sessionExpiresAt : idle;
    await this.sessions.insertToken({ sessionId, tokenHash: hashToken(token), expiresAt });
    return { token, expiresAt, sessionId };
  }
}

/** Refresh tokens are 256 random bits, so a plain SHA-256 is enough to store them safely. */
function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
