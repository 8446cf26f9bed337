import { createIntegrationContext, type IntegrationContext } from '@hearth/platform/testing';
import type { AuthUser } from './auth-user';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import { IdentityModule } from './identity.module';
import { UsersService } from './users.service';

describe('UsersService (PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let users: UsersService;
  let counter = 0;

  beforeAll(async () => {
    ctx = await createIntegrationContext([IdentityModule]);
    users = ctx.get(UsersService);
  });
  afterAll(() => ctx.close());

  const newAccount = (overrides: Partial<{ email: string; username: string }> = {}) => {
    counter += 1;
    return { email: `user${counter}@example.org`, username: `user${counter}`, displayName: `User ${counter}`, password: 'correct horse battery', ...overrides };
  };
  const caller = (user: { id: string; username: string }): AuthUser => ({ id: user.id, username: user.username, platformRoles: [], sessionId: 'x' });
  const codeOf = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: IdentityError) => error.code);

  it('stores the e-mail lower-cased and the username as typed, with an argon2id hash', async () => {
    const user = await users.create(newAccount({ email: 'Mixed.Case@Example.org', username: 'Mixed_Case' }));
    const [row] = await ctx.db.query<{ email: string; username: string; passwordHash: string }>(
      'SELECT email, username, password_hash FROM "user" WHERE id = $1',
      [user.id],
    );
    expect(row.email).toBe('mixed.case@example.org');
    expect(row.username).toBe('Mixed_Case');
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a username taken in another case, and an e-mail taken in another case', async () => {
    await users.create(newAccount({ username: 'Grace', email: 'grace@example.org' }));
    expect(await codeOf(users.create(newAccount({ username: 'GRACE' })))).toBe(IdentityErrorCode.UsernameTaken);
    expect(await codeOf(users.create(newAccount({ email: 'GRACE@example.org' })))).toBe(IdentityErrorCode.EmailTaken);
  });

  it('lets only one of two simultaneous registrations of a username through', async () => {
    const results = await Promise.all([
      codeOf(users.create(newAccount({ username: 'racer' }))),
      codeOf(users.create(newAccount({ username: 'RACER' }))),
    ]);
    expect(results.sort()).toEqual([IdentityErrorCode.UsernameTaken, 'resolved'].sort());
  });

  it('creates admins from the command line under the registration rules', async () => {
    const admin = await users.createAdmin(newAccount());
    expect(admin.platformRoles).toEqual(['admin']);
    const error = (await users.createAdmin({ ...newAccount(), username: 'no spaces allowed' }).catch((e: unknown) => e)) as IdentityError;
    expect(error.fieldErrors.map((e) => e.field)).toEqual(['username']);
  });

  describe('platform roles', () => {
    it('lets an admin grant and remove roles, and refuses anyone else', async () => {
      const admin = await users.createAdmin(newAccount());
      const member = await users.create(newAccount());
      expect((await users.setPlatformRoles(caller(admin), member.id, ['author'])).platformRoles).toEqual(['author']);
      expect((await users.me(caller(member))).platformRoles).toEqual(['author']);
      expect(await codeOf(users.setPlatformRoles(caller(member), admin.id, []))).toBe(IdentityErrorCode.Forbidden);
    });

    it('reads the caller’s roles afresh: a demoted admin is refused at once', async () => {
      const first = await users.createAdmin(newAccount());
      const second = await users.createAdmin(newAccount());
      const staleToken = { ...caller(second), platformRoles: ['admin' as const] };
      await users.setPlatformRoles(caller(first), second.id, []);
      expect(await codeOf(users.setPlatformRoles(staleToken, first.id, []))).toBe(IdentityErrorCode.Forbidden);
    });

    it('answers 404 for an unknown user', async () => {
      const admin = await users.createAdmin(newAccount());
      expect(await codeOf(users.setPlatformRoles(caller(admin), '00000000-0000-4000-8000-000000000000', []))).toBe(IdentityErrorCode.UserNotFound);
    });

    it('never leaves the instance without an admin, even when two admins demote each other at once', async () => {
      await ctx.db.query(`UPDATE "user" SET platform_roles = '{}'`);
      const a = await users.createAdmin(newAccount());
      const b = await users.createAdmin(newAccount());
      const results = await Promise.all([
        codeOf(users.setPlatformRoles(caller(a), b.id, [])),
        codeOf(users.setPlatformRoles(caller(b), a.id, [])),
      ]);
      const [{ count }] = await ctx.db.query<{ count: string }>(`SELECT count(*) FROM "user" WHERE 'admin' = ANY(platform_roles)`);
      expect(Number(count)).toBe(1);
      // One demotion wins; the other finds its caller no longer an admin.
      expect(results.filter((r) => r === 'resolved')).toHaveLength(1);
      expect(results.filter((r) => r !== 'resolved')).toEqual([IdentityErrorCode.Forbidden]);
    });

    it('refuses the last admin’s own demotion', async () => {
      await ctx.db.query(`UPDATE "user" SET platform_roles = '{}'`);
      const only = await users.createAdmin(newAccount());
      expect(await codeOf(users.setPlatformRoles(caller(only), only.id, ['author']))).toBe(IdentityErrorCode.LastAdmin);
    });

    it('refuses an admin demoted while their own request waits', async () => {
      const a = await users.createAdmin(newAccount());
      const b = await users.createAdmin(newAccount());
      const target = await users.create(newAccount());
      const results = await Promise.all([
        codeOf(users.setPlatformRoles(caller(a), b.id, [])),
        codeOf(users.setPlatformRoles(caller(b), target.id, ['admin'])),
      ]);
      const [{ roles }] = await ctx.db.query<{ roles: string[] }>('SELECT platform_roles AS roles FROM "user" WHERE id = $1', [target.id]);
      // Whichever ran first, b never acted after losing the role.
      if (results[1] === 'resolved') expect(roles).toEqual(['admin']);
      else expect(results[1]).toBe(IdentityErrorCode.Forbidden);
    });
  });
});
