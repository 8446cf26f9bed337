import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Database, type HearthConfig, InjectConfig, Jobs, RETENTION_CRON } from '@hearth/platform';

/**
 * Identity's share of the nightly purge: sessions that ended (signed out, revoked or past
 * their expiry) more than HEARTH_RETENTION_SESSIONS_DAYS ago, with their refresh tokens;
 * refresh tokens of live sessions spent or lapsed that long ago (a spent token is kept
 * that long so a replay is still recognised as one); e-mailed links used or expired that
 * long ago; and sign-in failures from before yesterday with no run going.
 */
@Injectable()
export class IdentityRetention implements OnModuleInit {
  private readonly logger = new Logger('Retention');

  constructor(
    @InjectConfig() private readonly config: HearthConfig,
    private readonly db: Database,
    private readonly jobs: Jobs,
  ) {}

  onModuleInit(): void {
    this.jobs.schedule('identity.retention', RETENTION_CRON, async () => {
      this.logger.log(await this.purge(), 'Purged ended sessions, spent tokens and old sign-in failures');
    });
  }

  async purge(): Promise<{ sessions: number; refreshTokens: number; links: number; signInFailures: number }> {
    const days = this.config.retentionDays.sessions;
    const sessions = await this.db.execute(`DELETE FROM session WHERE coalesce(revoked_at, expires_at) < now() - $1 * interval '1 day'`, [days]);
    const refreshTokens = await this.db.execute(
      `DELETE FROM refresh_token WHERE least(coalesce(used_at, expires_at), expires_at) < now() - $1 * interval '1 day'`,
      [days],
    );
    const links = await this.db.execute(`DELETE FROM account_token WHERE least(coalesce(used_at, expires_at), expires_at) < now() - $1 * interval '1 day'`, [days]);
    const signInFailures = await this.db.execute(`DELETE FROM sign_in_failure WHERE day < (now() AT TIME ZONE 'UTC')::date - 1 AND last_failed_at < now() - interval '15 minutes'`);
    return { sessions, refreshTokens, links, signInFailures };
  }
}
