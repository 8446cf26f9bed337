import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { SignInSession, UserSignedOut } from '@hearth/contracts';
import { Clock, Database, DomainEvents, type HearthConfig, InjectConfig, InstanceSecrets } from '@hearth/platform';
import type { AuthUser } from './auth-user';
import { describeDevice } from './device';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import { SessionGate } from './session-gate';
import { SessionRepository } from './session.repository';

export interface IssuedRefreshToken {
  token: string;
  expiresAt: Date;
  sessionId: string;
}

export interface RotatedRefreshToken extends IssuedRefreshToken {
  userId: string;
}

/** How far down a chain of spent tokens a replay within the grace window is followed. */
const MAX_GRACE_STEPS = 4;

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
 * once, or a response lost on the way back. It gets the successor the first refresh got,
 * never a second one: a token's successor is derived from it (an HMAC under an instance
 * key), so it can be handed out again without being stored, and a session never forks
 * into two live chains.
 *
 * Ending sessions publishes `user.signed_out`: their access tokens stop working (the
 * SessionGate) and their chat connections are closed.
 */
@Injectable()
export class Sessions {

  constructor(
    @InjectConfig() private readonly config: HearthConfig,
    private readonly db: Database,
    private readonly events: DomainEvents,
    private readonly secrets: InstanceSecrets,
    private readonly sessions: SessionRepository,
    private readonly gate: SessionGate,
    private readonly clock: Clock,
  ) {}

  async start(userId: string, userAgent: string | null): Promise<IssuedRefreshToken> {
    const expiresAt = new Date(this.clock.now().getTime() + this.config.sessionMaxDays * 86_400_000);
    const sessionId = await this.sessions.insertSession({ userId, userAgent: userAgent?.slice(0, 512) ?? null, expiresAt });
    return this.issue(sessionId, expiresAt, randomBytes(32).toString('base64url'));
  }

  async rotate(token: string): Promise<RotatedRefreshToken> {
    const tokenHash = hashToken(token);
    const successor = await this.successorOf(token);
    const rotated = await this.db.transaction(async () => {
      const spent = await this.sessions.spend(tokenHash);
      if (!spent) return null;
      await this.sessions.touch(spent.sessionId);
      return { userId: spent.userId, ...(await this.issue(spent.sessionId, spent.sessionExpiresAt, successor)) };
    });
    if (rotated) return rotated;

    const state = await this.sessions.tokenState(tokenHash);
    if (state?.live && state.spentSecondsAgo !== null) {
      if (state.spentSecondsAgo <= this.config.refreshReuseGraceSeconds) return this.replayed(token);
      // Its own transaction, so the revocation sticks although the request fails.
      await this.end(state.userId, [state.sessionId], 'reuse');
      throw new IdentityError(
        IdentityErrorCode.RefreshReused,
        'This session was ended because its refresh token was used twice. Sign in again.',
      );
    }
    throw new IdentityError(IdentityErrorCode.RefreshInvalid, 'The session has expired or was ended. Sign in again.');
  }

  /** Signing out: ends the session the refresh token belongs to; unknown tokens are ignored. */
  async logout(token: string): Promise<void> {
    const state = await this.sessions.tokenState(hashToken(token));
    if (state) await this.end(state.userId, [state.sessionId], 'logout');
  }

  /** The caller's sign-ins that are still going, the one they are using marked. */
  async list(caller: AuthUser): Promise<SignInSession[]> {
    return (await this.sessions.listLive(caller.id)).map((session) => ({
      id: session.id,
      device: describeDevice(session.userAgent),
      userAgent: session.userAgent,
      createdAt: session.createdAt.toISOString(),
      lastUsedAt: session.lastUsedAt.toISOString(),
      current: session.id === caller.sessionId,
    }));
  }

  /** Signs one of the caller's own sessions out (this one included). */
  async endOwn(caller: AuthUser, sessionId: string): Promise<void> {
    const ended = await this.end(caller.id, [sessionId], 'ended-by-owner');
    if (ended.length === 0) throw new IdentityError(IdentityErrorCode.SessionNotFound, 'You have no sign-in with this id that is still going.');
  }

  /** "Sign out everywhere": every session of the caller, this one included. */
  async endEverywhere(caller: AuthUser): Promise<number> {
    return (await this.end(caller.id, null, 'everywhere')).length;
  }

  /**
   * Ends some of a person's sessions (null: all of them, but `keep` if given) and says so;
   * returns those that were still going. Their access tokens stop working here at once, elsewhere within the
   * gate's cache time.
   */
  async end(userId: string, sessionIds: string[] | null, reason: UserSignedOut['reason'], keep: string | null = null): Promise<string[]> {
    const ended = await this.db.transaction(async () => {
      const ids = await this.sessions.revoke(userId, sessionIds, reason, keep);
      if (ids.length > 0) await this.events.publish('user.signed_out', { userId, sessionIds: ids, reason });
      return ids;
    });
    this.gate.ended(ended);
    return ended;
  }

  /** A spent token presented again in the grace window: the live successor it already has. */
  private async replayed(token: string): Promise<RotatedRefreshToken> {
    let current = token;
    for (let step = 0; step < MAX_GRACE_STEPS; step++) {
      current = await this.successorOf(current);
      const state = await this.sessions.tokenState(hashToken(current));
      if (!state?.live) break;
      if (state.spentSecondsAgo === null) return { userId: state.userId, sessionId: state.sessionId, token: current, expiresAt: state.tokenExpiresAt };
      if (state.spentSecondsAgo > this.config.refreshReuseGraceSeconds) break;
    }
    throw new IdentityError(IdentityErrorCode.RefreshInvalid, 'The session has expired or was ended. Sign in again.');
  }

  /** A new refresh token, lapsing after the idle lifetime or with its session, whichever is first. */
  private async issue(sessionId: string, sessionExpiresAt: Date, token: string): Promise<IssuedRefreshToken> {
    const idle = new Date(this.clock.now().getTime() + this.config.refreshTokenTtlDays * 86_400_000);
    const expiresAt = sessionExpiresAt < idle ? sessionExpiresAt : idle;
    await this.sessions.insertToken({ sessionId, tokenHash: hashToken(token), expiresAt });
    return { token, expiresAt, sessionId };
  }

  private async successorOf(token: string): Promise<string> {
    return this.secrets.hmac('refresh-successor-key', token);
  }
}

/** Refresh tokens are 256 random bits, so a plain SHA-256 is enough to store them safely. */
function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
