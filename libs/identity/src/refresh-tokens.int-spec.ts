import { createIntegrationContext, type IntegrationContext } from '@hearth/platform/testing';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import { IdentityModule } from './identity.module';
import { RefreshTokens } from './refresh-tokens';
import { UsersService } from './users.service';

describe('RefreshTokens (PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let tokens: RefreshTokens;
  let userId: string;

  beforeAll(async () => {
    ctx = await createIntegrationContext([IdentityModule]);
    tokens = ctx.get(RefreshTokens);
    const user = await ctx.get(UsersService).create({ email: 'r@example.org', username: 'refresher', displayName: 'R', password: 'correct horse battery' });
    userId = user.id;
  });
  afterAll(() => ctx.close());

  const codeOf = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: IdentityError) => error.code);

  it('rotates: each token is spent once and its successor stays in the family', async () => {
    const first = await tokens.start(userId, 'jest');
    const second = await tokens.rotate(first.token, 'jest');
    expect(second.userId).toBe(userId);
    expect(second.familyId).toBe(first.familyId);
    expect(second.token).not.toBe(first.token);
    const third = await tokens.rotate(second.token, 'jest');
    expect(third.familyId).toBe(first.familyId);
  });

  it('stores only a hash of the token', async () => {
    const issued = await tokens.start(userId, null);
    const rows = await ctx.db.query<{ token_hash: Buffer }>('SELECT token_hash FROM refresh_token WHERE family_id = $1', [issued.familyId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash.toString('utf8')).not.toContain(issued.token);
    expect(rows[0].token_hash).toHaveLength(32);
  });

  it('revokes the whole family when a spent token comes back', async () => {
    const first = await tokens.start(userId, null);
    const second = await tokens.rotate(first.token, null);
    expect(await codeOf(tokens.rotate(first.token, null))).toBe(IdentityErrorCode.RefreshReused);
    // The legitimate holder of the newest token is signed out too.
    expect(await codeOf(tokens.rotate(second.token, null))).toBe(IdentityErrorCode.RefreshInvalid);
    const [{ live }] = await ctx.db.query<{ live: string }>(
      'SELECT count(*) AS live FROM refresh_token WHERE family_id = $1 AND revoked_at IS NULL',
      [first.familyId],
    );
    expect(Number(live)).toBe(0);
  });

  it('lets only one of two simultaneous refreshes with the same token succeed', async () => {
    const issued = await tokens.start(userId, null);
    const results = await Promise.all([codeOf(tokens.rotate(issued.token, null)), codeOf(tokens.rotate(issued.token, null))]);
    expect(results.filter((r) => r === 'resolved')).toHaveLength(1);
  });

  it('refuses unknown and expired tokens without revoking anything', async () => {
    expect(await codeOf(tokens.rotate('not-a-token', null))).toBe(IdentityErrorCode.RefreshInvalid);
    const issued = await tokens.start(userId, null);
    await ctx.db.query(`UPDATE refresh_token SET expires_at = now() - interval '1 second' WHERE family_id = $1`, [issued.familyId]);
    expect(await codeOf(tokens.rotate(issued.token, null))).toBe(IdentityErrorCode.RefreshInvalid);
  });

  it('ends a session on logout', async () => {
    const issued = await tokens.start(userId, null);
    await tokens.end(issued.token);
    expect(await codeOf(tokens.rotate(issued.token, null))).toBe(IdentityErrorCode.RefreshInvalid);
    await expect(tokens.end('unknown')).resolves.toBeUndefined();
  });
});
