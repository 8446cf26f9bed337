import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Mailer, OutboxWorker } from '@hearth/platform';
import { createIntegrationContext, type IntegrationContext } from '@hearth/platform/testing';
import { AuthService } from './auth.service';
import type { IdentityError } from './identity.errors';
import { IdentityModule } from './identity.module';
import { PasswordsService } from './passwords.service';
import { SessionGate } from './session-gate';
import { Sessions } from './sessions';
import { UsersService } from './users.service';

describe('resetting and changing a password (PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let passwords: PasswordsService;
  let userId: string;
  const email = 'forgetful@example.org';
  const oldPassword = 'the old long phrase';

  beforeAll(async () => {
    ctx = await createIntegrationContext([IdentityModule]);
    passwords = ctx.get(PasswordsService);
    userId = (await ctx.get(UsersService).create({ email, username: 'forgetful', displayName: 'Forgetful', password: oldPassword })).id;
  });
  afterAll(() => ctx.close());

  const codeOf = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: IdentityError) => error.code);
  const signIn = (password: string) => codeOf(ctx.get(AuthService).login({ login: 'forgetful', password }, { userAgent: null }));
  /** Sends what the outbox holds and returns the newest e-mail's link token. */
  const mailedToken = async (): Promise<string> => {
    const folder = ctx.get(Mailer).folder;
    await rm(folder, { recursive: true, force: true });
    await ctx.get(OutboxWorker).drain();
    const [file] = await readdir(folder);
    // Quoted-printable: soft line breaks and "=" written as "=3D".
    const text = (await readFile(join(folder, file), 'utf8')).replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    expect(text).toContain(`To: ${email}`);
    return decodeURIComponent(/reset-password\?token=([A-Za-z0-9_%-]+)/.exec(text)![1]);
  };

  it('e-mails a single-use link that sets a new password and ends every session', async () => {
    const session = await ctx.get(Sessions).start(userId, 'laptop');
    await passwords.requestReset('Forgetful@Example.org');
    const token = await mailedToken();
    // The token is in the e-mail only: neither the outbox nor the token row holds it.
    const stored = JSON.stringify(await ctx.db.query('SELECT payload FROM outbox_message')) + JSON.stringify(await ctx.db.query('SELECT * FROM account_token'));
    expect(stored).not.toContain(token);

    expect(await codeOf(passwords.reset(token, 'forgetful'))).toBe('weak-password');
    await passwords.reset(token, 'a brand new phrase');
    expect(await signIn('a brand new phrase')).toBe('resolved');
    expect(await signIn(oldPassword)).toBe('invalid-credentials');
    expect(await ctx.get(SessionGate).isLive(session.sessionId)).toBe(false);
    expect(await codeOf(passwords.reset(token, 'yet another phrase'))).toBe('reset-link-invalid');
  });

  it('says nothing about addresses nobody has, and sends nothing', async () => {
    await rm(ctx.get(Mailer).folder, { recursive: true, force: true });
    await expect(passwords.requestReset('nobody@example.org')).resolves.toBeUndefined();
    await ctx.get(OutboxWorker).drain();
    await expect(readdir(ctx.get(Mailer).folder)).rejects.toThrow();
  });

  it('lets only the newest link work, and none after 30 minutes', async () => {
    await passwords.requestReset(email);
    const first = await mailedToken();
    await passwords.requestReset(email);
    const second = await mailedToken();
    expect(await codeOf(passwords.reset(first, 'a first new phrase'))).toBe('reset-link-invalid');
    ctx.clock.advance({ minutes: 30, seconds: 1 });
    expect(await codeOf(passwords.reset(second, 'a second new phrase'))).toBe('reset-link-invalid');
    expect(await codeOf(passwords.reset('made-up', 'a third new phrase'))).toBe('reset-link-invalid');
  });

  it('changes a password only with the current one, and signs the other sessions out', async () => {
    const here = await ctx.get(Sessions).start(userId, 'here');
    const there = await ctx.get(Sessions).start(userId, 'there');
    const caller = { id: userId, username: 'forgetful', platformRoles: [], sessionId: here.sessionId };
    expect(await codeOf(passwords.change(caller, 'not it at all', 'my changed phrase'))).toBe('wrong-password');
    expect(await codeOf(passwords.change(caller, 'a brand new phrase', 'short'))).toBe('weak-password');
    await passwords.change(caller, 'a brand new phrase', 'my changed phrase');
    expect(await signIn('my changed phrase')).toBe('resolved');
    expect(await ctx.get(SessionGate).isLive(here.sessionId)).toBe(true);
    expect(await ctx.get(SessionGate).isLive(there.sessionId)).toBe(false);
  });
});
