import { IdentityError } from './identity.errors';
import { assertPasswordPolicy, hashPassword, verifyPassword } from './passwords';

describe('password rule', () => {
  const who = { username: 'Ada_L', email: 'ada@example.org' };

  it('accepts a long password unrelated to the account', () => {
    expect(() => assertPasswordPolicy('correct horse battery', who)).not.toThrow();
  });

  it.each([
    ['too short', 'short', 'at least 10 characters'],
    ['only spaces', ' '.repeat(12), 'at least 10 characters'],
    ['short once its outer spaces are set aside', '   nine9999   ', 'at least 10 characters'],
    ['the username in another case', 'ada_l', 'must not be your username'],
    ['the e-mail address', 'ADA@example.org', 'must not be your e-mail address'],
  ])('refuses a password that is %s', (_case, password, message) => {
    let error: unknown;
    try {
      assertPasswordPolicy(password, who);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(IdentityError);
    expect((error as IdentityError).kind).toBe('invalid');
    expect((error as IdentityError).fieldErrors.map((e) => e.message).join(' ')).toContain(message);
  });

  it('refuses a username-length password that equals a 10+ character username', () => {
    expect(() => assertPasswordPolicy('longusername1', { username: 'LongUsername1', email: 'x@example.org' })).toThrow(/username/);
  });
});

describe('argon2id hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse batterY')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});
