import { Injectable } from '@nestjs/common';
import { formerMember } from '@hearth/contracts';
import { Database, DomainEvents, Idempotency, HoldsPersonalData, type PersonalDataHolder } from '@hearth/platform';
import { describeDevice } from './device';
import { SessionRepository } from './session.repository';
import { Sessions } from './sessions';
import { UserRepository } from './user.repository';

/**
 * The account itself, last in a deletion: its sessions end (access tokens stop at once,
 * chat sockets close), its links and stored answers go, and the row is pseudonymised
 * (`former-…`, "Former member") rather than deleted, so everything that names it by id
 * (threads, grants, the audit log) still holds together and shows no name.
 */
@Injectable()
@HoldsPersonalData()
export class IdentityPersonalData implements PersonalDataHolder {
  readonly section = 'account';
  readonly stage = 'account' as const;

  constructor(
    private readonly db: Database,
    private readonly events: DomainEvents,
    private readonly users: UserRepository,
    private readonly sessionRows: SessionRepository,
    private readonly sessions: Sessions,
    private readonly idempotency: Idempotency,
  ) {}

  async export(userId: string): Promise<Record<string, unknown>> {
    const user = await this.users.findById(userId);
    if (!user) return {};
    const sessions = await this.sessionRows.listLive(userId);
    const linked = await this.db.query('SELECT issuer, subject, created_at AS linked_at FROM oidc_identity WHERE user_id = $1 ORDER BY created_at', [userId]);
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      email: user.email,
      emailVerifiedAt: user.emailVerifiedAt?.toISOString() ?? null,
      platformRoles: user.platformRoles,
      createdAt: user.createdAt.toISOString(),
      sessions: sessions.map((session) => ({
        device: describeDevice(session.userAgent),
        userAgent: session.userAgent,
        createdAt: session.createdAt.toISOString(),
        lastUsedAt: session.lastUsedAt.toISOString(),
      })),
      signInWith: linked,
    };
  }

  async erase(userId: string): Promise<void> {
    await this.sessions.end(userId, null, 'account-deleted');
    await this.db.execute('DELETE FROM account_token WHERE user_id = $1', [userId]);
    await this.db.execute('DELETE FROM oidc_identity WHERE user_id = $1', [userId]);
    await this.idempotency.forget(userId);
    const former = formerMember(userId);
    await this.users.pseudonymise(former);
    await this.events.publish('user.renamed', { userId, username: former.username, displayName: former.displayName });
  }
}
