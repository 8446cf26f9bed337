import { createIntegrationContext, type IntegrationContext } from '@hearth/platform/testing';
import { AuthService } from './auth.service';
import type { IdentityError } from './identity.errors';
import { IdentityModule } from './identity.module';
import { UsersService } from './users.service';

describe('sign-in back-off and daily cap (PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let auth: AuthService;
  const password = 'correct horse battery';

  beforeAll(async () => {
    ctx = await createIntegrationContext([IdentityModule], { HEARTH_SIGN_IN_DAILY_FAILURE_CAP: '7' });
    auth = ctx.get(AuthService);
    // Early in a UTC day (tomorrow's), so the hours these tests let pass stay within one.
    const tomorrow = new Date();
    tomorrow.setUTCHours(24, 30, 0, 0);
    ctx.clock.set(tomorrow);
    await ctx.get(UsersService).create({ email: 'guarded@example.org', username: 'guarded', displayName: 'G', password });
  });
  afterAll(() => ctx.close());

  const attempt = (login: string, secret: string) =>
    auth.login({ login, password: secret }, { userAgent: null }).then(
      () => 'signed in',
      (error: IdentityError) => `${error.code}${error.headers['Retry-After'] ? ` ${error.headers['Retry-After']}` : ''}`,
    );
  const letPass = (seconds: number) => ctx.clock.advance({ seconds });

  it('lets four wrong passwords pass, then makes each try wait twice as long', async () => {
    for (let i = 0; i < 4; i++) expect(await attempt('guarded', 'wrong password')).toBe('invalid-credentials');
    // The right password too must wait: the back-off does not tell which guess was right.
    expect(await attempt('guarded', password)).toBe('rate-limited 1');
    letPass(1);
    expect(await attempt('guarded', 'wrong password')).toBe('invalid-credentials');
    expect(await attempt('GUARDED@example.org', 'wrong password')).toBe('rate-limited 2');
    letPass(2);
    expect(await attempt('guarded', password)).toBe('signed in');
    // A success ends the run: typos are free again.
    expect(await attempt('guarded', 'wrong password')).toBe('invalid-credentials');
  });

  it('treats a name nobody has the same way', async () => {
    for (let i = 0; i < 4; i++) expect(await attempt('nobody_here', 'wrong password')).toBe('invalid-credentials');
    expect(await attempt('nobody_here', 'wrong password')).toBe('rate-limited 1');
  });

  it('takes no more passwords for the account after the day’s cap, whatever the back-off', async () => {
    // 6 failures today so far (5 above, 1 after the success); one more reaches the cap of 7.
    letPass(3600);
    expect(await attempt('guarded', 'wrong password')).toBe('invalid-credentials');
    letPass(3600);
    const capped = await attempt('guarded', password);
    expect(capped).toMatch(/^rate-limited \d+$/);
    expect(Number(capped.split(' ')[1])).toBeGreaterThan(0);
    expect(Number(capped.split(' ')[1])).toBeLessThanOrEqual(86_400);
  });
});
