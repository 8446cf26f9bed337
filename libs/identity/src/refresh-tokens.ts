import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Database, type HearthConfig, InjectConfig } from '@hearth/platform';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import { RefreshTokenRepository } from './refresh-token.repository';

export interface IssuedRefreshToken {
  token: string;
  expiresAt: Date;
  familyId: string;
}

export interface RotatedRefreshToken extends IssuedRefreshToken {
  userId: string;
}

/**
 * Refresh-token rotation with reuse detection.
 *
 * A sign-in starts a family. Every refresh spends the presented token and issues the next
 * one in its family. A token can be spent once: if a spent token comes back, someone holds
 * a copy (stolen cookie, leaked log), and the whole family is revoked so neither the thief
 * nor the owner can continue without signing in again.
 */
@Injectable()
export class RefreshTokens {
  constructor(
    @InjectConfig() private readonly config: HearthConfig,
    private readonly db: Database,
    private readonly tokens: RefreshTokenRepository,
  ) {}

  start(userId: string, userAgent: string | null): Promise<IssuedRefreshToken> {
    return this.issue(userId, randomUUID(), userAgent);
  }

  async rotate(token: string, userAgent: string | null): Promise<RotatedRefreshToken> {
    const tokenHash = hashToken(token);
    const rotated = await this.db.transaction(async () => {
      const spent = await this.tokens.spend(tokenHash);
      if (!spent) return null;
      return { userId: spent.userId, ...(await this.issue(spent.userId, spent.familyId, userAgent)) };
    });
    if (rotated) return rotated;

    // Not spendable: find out why, outside any transaction so a revocation sticks.
    const known = await this.tokens.findByHash(tokenHash);
    if (known?.usedAt && !known.revokedAt) {
      await this.tokens.revokeFamily(known.familyId);
      throw new IdentityError(
        IdentityErrorCode.RefreshReused,
        'This session was ended because its refresh token was used twice. Sign in again.',
      );
    }
    throw new IdentityError(IdentityErrorCode.RefreshInvalid, 'The session has expired or was ended. Sign in again.');
  }

  /** Ends the session the token belongs to; unknown tokens are ignored. */
  async end(token: string): Promise<void> {
    const known = await this.tokens.findByHash(hashToken(token));
    if (known) await this.tokens.revokeFamily(known.familyId);
  }

  private async issue(userId: string, familyId: string, userAgent: string | null): Promise<IssuedRefreshToken> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.refreshTokenTtlDays * 86_400_000);
    await this.tokens.insert({ userId, familyId, tokenHash: hashToken(token), userAgent: userAgent?.slice(0, 512) ?? null, expiresAt });
    return { token, expiresAt, familyId };
  }
}

/** Refresh tokens are 256 random bits, so a plain SHA-256 is enough to store them safely. */
function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
