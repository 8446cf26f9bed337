import { createIntegrationContext, type IntegrationContext } from '@hearth/platform/testing';
import type { IdentityError } from './identity.errors';
import { IdentityErrorCode } from './identity.errors';
import { IdentityModule } from './identity.module';
import { Sessions } from './sessions';
import { UsersService } from './users.service';

describe('Sessions and refresh tokens (PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let sessions: Sessions;
  let userId: string;

  beforeAll(async () => {
    ctx = await createIntegrationContext([IdentityModule]);
    sessions = ctx.get(Sessions);
    const user = await ctx.get(UsersService).create({ email: 'r@example.org', username: 'refresher', displayName: 'R', password: 'correct horse battery' });
    userId = user.id;
  });
  afterAll(() => ctx.close());

  const codeOf = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: IdentityError) => error.code);
  /** Pretends the token was spent `seconds` ago, as if the clock had moved on. */
  const spentAgo = (sessionId: string, seconds: number) =>
    ctx.db.execute(`UPDATE refresh_token SET used_at = now() - $2 * interval '1 second' WHERE session_id = $1 AND used_at IS NOT NULL`, [
      sessionId,
      seconds,
    ]);
  const sessionRow = async (id: string) =>
    (await ctx.db.query<{ revoked_at: Date | null; revoked_reason: string | null }>('SELECT revoked_at, revoked_reason FROM session WHERE id = $1', [id]))[0];

  it('rotates: each token is spent once and its successor stays in the session', async () => {
    const first = await sessions.start(userId, 'jest');
    const second = await sessions.rotate(first.token);
    expect(second.userId).toBe(userId);
    expect(second.sessionId).toBe(first.sessionId);
    expect(second.token).not.toBe(first.token);
    expect((await sessions.rotate(second.token)).sessionId).toBe(first.sessionId);
  });

  it('stores only a hash of the token', async () => {
    const issued = await sessions.start(userId, null);
    const rows = await ctx.db.query<{ token_hash: Buffer }>('SELECT token_hash FROM refresh_token WHERE session_id = $1', [issued.sessionId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toHaveLength(32);
    expect(rows[0].token_hash.equals(Buffer.from(issued.token))).toBe(false);
  });

  it('revokes the session when a spent token comes back after the grace window', async () => {
    const first = await sessions.start(userId, null);
    const second = await sessions.rotate(first.token);
    await spentAgo(first.sessionId, 60);
    expect(await codeOf(sessions.rotate(first.token))).toBe(IdentityErrorCode.RefreshReused);
    // The legitimate holder of the newest token is signed out too.
    expect(await codeOf(sessions.rotate(second.token))).toBe(IdentityErrorCode.RefreshInvalid);
    expect(await sessionRow(first.sessionId)).toMatchObject({ revoked_at: expect.any(Date), revoked_reason: 'reuse' });
  });

  it('keeps both tabs signed in when they refresh with the same token at once', async () => {
    const issued = await sessions.start(userId, null);
    const [a, b] = await Promise.all([sessions.rotate(issued.token), sessions.rotate(issued.token)]);
    expect(a.sessionId).toBe(issued.sessionId);
    expect(b.sessionId).toBe(issued.sessionId);
    expect(a.token).not.toBe(b.token);
    // Both new tokens work, and the session is intact.
    await expect(sessions.rotate(a.token)).resolves.toMatchObject({ sessionId: issued.sessionId });
    await expect(sessions.rotate(b.token)).resolves.toMatchObject({ sessionId: issued.sessionId });
    expect((await sessionRow(issued.sessionId)).revoked_at).toBeNull();
  });

  it('refuses unknown and lapsed tokens without revoking anything', async () => {
    expect(await codeOf(sessions.rotate('not-a-token'))).toBe(IdentityErrorCode.RefreshInvalid);
    const issued = await sessions.start(userId, null);
    await ctx.db.execute(`UPDATE refresh_token SET expires_at = now() - interval '1 second' WHERE session_id = $1`, [issued.sessionId]);
    expect(await codeOf(sessions.rotate(issued.token))).toBe(IdentityErrorCode.RefreshInvalid);
    expect((await sessionRow(issued.sessionId)).revoked_at).toBeNull();
  });

  it('ends a session at its absolute expiry, however fresh its token', async () => {
    const issued = await sessions.start(userId, null);
    await ctx.db.execute(`UPDATE session SET expires_at = now() - interval '1 second' WHERE id = $1`, [issued.sessionId]);
    expect(await codeOf(sessions.rotate(issued.token))).toBe(IdentityErrorCode.RefreshInvalid);
  });

  it('never issues a token that outlives its session', async () => {
    const issued = await sessions.start(userId, null);
    await ctx.db.execute(`UPDATE session SET expires_at = now() + interval '1 hour' WHERE id = $1`, [issued.sessionId]);
    const next = await sessions.rotate(issued.token);
    expect(next.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 3_600_000);
  });

  it('ends a session on logout', async () => {
    const issued = await sessions.start(userId, null);
    await sessions.end(issued.token);
    expect(await codeOf(sessions.rotate(issued.token))).toBe(IdentityErrorCode.RefreshInvalid);
    expect((await sessionRow(issued.sessionId)).revoked_reason).toBe('logout');
    await expect(sessions.end('unknown')).resolves.toBeUndefined();
  });
});
