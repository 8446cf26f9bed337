import type { UserSignedOut } from '@hearth/contracts';
import { DomainEvents, HEARTH_CONFIG, type HearthConfig } from '@hearth/platform';
import { createIntegrationContext, type IntegrationContext } from '@hearth/platform/testing';
import type { IdentityError } from './identity.errors';
import { IdentityErrorCode } from './identity.errors';
import { IdentityModule } from './identity.module';
import { SessionGate } from './session-gate';
import { Sessions } from './sessions';
import { UsersService } from './users.service';

describe('Sessions and refresh tokens (PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let sessions: Sessions;
  let userId: string;
  let config: HearthConfig;

  beforeAll(async () => {
    ctx = await createIntegrationContext([IdentityModule]);
    sessions = ctx.get(Sessions);
    config = ctx.module.get(HEARTH_CONFIG);
    const user = await ctx.get(UsersService).create({ email: 'r@example.org', username: 'refresher', displayName: 'R', password: 'correct horse battery' });
    userId = user.id;
  });
  afterAll(() => ctx.close());

  const codeOf = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: IdentityError) => error.code);
  /** Signs in, then refreshes every 20 days (well within a token's idle lifetime) until `days` have passed: the newest token. */
  const keptFresh = async (days: number) => {
    let issued = await sessions.start(userId, null);
    for (let passed = 0; passed < days; passed += 20) {
      ctx.clock.advance({ days: Math.min(20, days - passed) });
      issued = await sessions.rotate(issued.token);
    }
    return issued;
  };
  const sessionRow = async (id: string) =>
    (await ctx.db.query<{ revokedAt: Date | null; revokedReason: string | null }>('SELECT revoked_at, revoked_reason FROM session WHERE id = $1', [id]))[0];

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
    const rows = await ctx.db.query<{ tokenHash: Buffer }>('SELECT token_hash FROM refresh_token WHERE session_id = $1', [issued.sessionId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).toHaveLength(32);
    expect(rows[0].tokenHash.equals(Buffer.from(issued.token))).toBe(false);
  });

  it('revokes the session when a spent token comes back after the grace window', async () => {
    const first = await sessions.start(userId, null);
    const second = await sessions.rotate(first.token);
    ctx.clock.advance({ seconds: 60 });
    expect(await codeOf(sessions.rotate(first.token))).toBe(IdentityErrorCode.RefreshReused);
    // The legitimate holder of the newest token is signed out too.
    expect(await codeOf(sessions.rotate(second.token))).toBe(IdentityErrorCode.RefreshInvalid);
    expect(await sessionRow(first.sessionId)).toMatchObject({ revokedAt: expect.any(Date), revokedReason: 'reuse' });
  });

  it('keeps both tabs signed in when they refresh with the same token at once, on one chain', async () => {
    const issued = await sessions.start(userId, null);
    const [a, b] = await Promise.all([sessions.rotate(issued.token), sessions.rotate(issued.token)]);
    expect(a.sessionId).toBe(issued.sessionId);
    // The replay got the same successor, never a second live token in the session.
    expect(b.token).toBe(a.token);
    const live = await ctx.db.query('SELECT 1 FROM refresh_token WHERE session_id = $1 AND used_at IS NULL', [issued.sessionId]);
    expect(live).toHaveLength(1);
    await expect(sessions.rotate(a.token)).resolves.toMatchObject({ sessionId: issued.sessionId });
    expect((await sessionRow(issued.sessionId)).revokedAt).toBeNull();
  });

  it('answers a replay within the grace window with the newest live token of the chain', async () => {
    const first = await sessions.start(userId, null);
    const second = await sessions.rotate(first.token);
    const third = await sessions.rotate(second.token);
    // The first token comes back (a response lost twice): the chain's live end, not a fork.
    await expect(sessions.rotate(first.token)).resolves.toMatchObject({ token: third.token, sessionId: first.sessionId });
  });

  it('refuses unknown and lapsed tokens without revoking anything', async () => {
    expect(await codeOf(sessions.rotate('not-a-token'))).toBe(IdentityErrorCode.RefreshInvalid);
    const issued = await sessions.start(userId, null);
    // Unused for longer than a token's idle lifetime, in a session that has not reached its end.
    expect(config.refreshTokenTtlDays).toBeLessThan(config.sessionMaxDays);
    ctx.clock.advance({ days: config.refreshTokenTtlDays, seconds: 1 });
    expect(await codeOf(sessions.rotate(issued.token))).toBe(IdentityErrorCode.RefreshInvalid);
    expect((await sessionRow(issued.sessionId)).revokedAt).toBeNull();
  });

  it('ends a session at its absolute expiry, however fresh its token', async () => {
    // Refreshed a day before the end, and a day and a second later refused.
    const issued = await keptFresh(config.sessionMaxDays - 1);
    ctx.clock.advance({ days: 1, seconds: 1 });
    expect(await codeOf(sessions.rotate(issued.token))).toBe(IdentityErrorCode.RefreshInvalid);
  });

  it('never issues a token that outlives its session', async () => {
    // An hour before the session's end, a refresh gives a token for that hour, not for its idle lifetime.
    const issued = await keptFresh(config.sessionMaxDays - 20);
    ctx.clock.advance({ days: 20 - 1 / 24 });
    const next = await sessions.rotate(issued.token);
    expect(next.expiresAt.getTime()).toBeLessThanOrEqual(ctx.clock.now().getTime() + 3_600_000);
    expect(next.expiresAt.getTime()).toBeGreaterThan(ctx.clock.now().getTime() + 3_500_000);
  });

  it('ends a session on logout, and says so', async () => {
    const signedOut: UserSignedOut[] = [];
    ctx.get(DomainEvents).on('user.signed_out', async (event) => void signedOut.push(event));
    const issued = await sessions.start(userId, null);
    await sessions.logout(issued.token);
    expect(await codeOf(sessions.rotate(issued.token))).toBe(IdentityErrorCode.RefreshInvalid);
    expect((await sessionRow(issued.sessionId)).revokedReason).toBe('logout');
    expect(signedOut).toContainEqual({ userId, sessionIds: [issued.sessionId], reason: 'logout' });
    await expect(sessions.logout('unknown')).resolves.toBeUndefined();
  });

  it('stops an ended session\'s access at once (the gate), and a live one passes', async () => {
    const gate = ctx.get(SessionGate);
    const issued = await sessions.start(userId, null);
    expect(await gate.isLive(issued.sessionId)).toBe(true);
    await sessions.end(userId, [issued.sessionId], 'ended-by-owner');
    expect(await gate.isLive(issued.sessionId)).toBe(false);
    expect(await gate.isLive('not-a-uuid')).toBe(false);
  });

  it('signs out everywhere, and only the owner\'s sessions', async () => {
    const other = await ctx.get(UsersService).create({ email: 'o@example.org', username: 'other_one', displayName: 'O', password: 'correct horse battery' });
    const mine = [await sessions.start(userId, 'a'), await sessions.start(userId, 'b')];
    const theirs = await sessions.start(other.id, 'c');
    const caller = { id: userId, username: 'refresher', platformRoles: [], sessionId: mine[0].sessionId };
    const listed = await sessions.list(caller);
    expect(listed.filter((session) => session.current).map((session) => session.id)).toEqual([mine[0].sessionId]);
    expect(listed.map((session) => session.id)).not.toContain(theirs.sessionId);
    expect(await codeOf(sessions.endOwn(caller, theirs.sessionId))).toBe(IdentityErrorCode.SessionNotFound);
    expect(await sessions.endEverywhere(caller)).toBeGreaterThanOrEqual(2);
    expect(await sessions.list(caller)).toEqual([]);
    expect((await sessionRow(theirs.sessionId)).revokedAt).toBeNull();
  });
});
