import { Injectable } from '@nestjs/common';
import { Database } from '@hearth/platform';
import { RefreshTokenEntity } from './refresh-token.entity';

export interface SpentToken {
  userId: string;
  familyId: string;
}

@Injectable()
export class RefreshTokenRepository {
  constructor(private readonly db: Database) {}

  private get tokens() {
    return this.db.repository(RefreshTokenEntity);
  }

  async insert(token: Pick<RefreshTokenEntity, 'userId' | 'familyId' | 'tokenHash' | 'userAgent' | 'expiresAt'>): Promise<void> {
    await this.tokens.insert(token);
  }

  /**
   * Marks a live token spent and returns whose it was, in one statement, so two refreshes
   * racing with the same token cannot both succeed. Null when the token is unknown,
   * already spent, revoked or expired.
   */
  async spend(tokenHash: Buffer): Promise<SpentToken | null> {
    const [row] = await this.db.query<{ user_id: string; family_id: string }>(
      `UPDATE refresh_token SET used_at = now()
        WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
        RETURNING user_id, family_id`,
      [tokenHash],
    );
    return row ? { userId: row.user_id, familyId: row.family_id } : null;
  }

  findByHash(tokenHash: Buffer): Promise<RefreshTokenEntity | null> {
    return this.tokens.findOneBy({ tokenHash });
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.db.execute('UPDATE refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [familyId]);
  }
}
