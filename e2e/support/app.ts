import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AuthResponse } from '@hearth/contracts';
import { ChatGateway } from '@hearth/chat';
import { AccountTokens, UsersService } from '@hearth/identity';
import { Database, Mailer } from '@hearth/platform';
import { createTestDatabase, TestClock, testConfig } from '@hearth/platform/testing';
import { createApp, loadDemoData } from '@hearth/api';
import { eventually, Http } from './http';

export interface TestApp {
  baseUrl: string;
  http: Http;
  nest: NestFastifyApplication;
  /** The app's clock (every instance's): `clock.advance({ minutes: 31 })` moves time for its rules. */
  clock: TestClock;
  /**
   * Advances the clock, then has every instance's chat vouch for the connections it holds,
   * as their presence beats would have meanwhile (time in a live session keeps counting).
   */
  passTime(by: Parameters<TestClock['advance']>[0]): Promise<void>;
  /**
   * Registers a user through the API and returns the response (user, access token,
   * cookie); then opens the e-mailed verification link as its owner would (unless
   * `verified: false`), so badges can be issued to it.
   */
  register(overrides?: Partial<Registration>, options?: { verified?: boolean }): Promise<Registered>;
  /** Opens the newest verification link issued to the account, over HTTP. */
  verifyEmail(userId: string): Promise<void>;
  /**
   * An admin. The first admin of an instance is made on the command line
   * (`npm run admin:create`), which calls this same service; then signed in over HTTP.
   */
  admin(): Promise<Registered>;
  /** Someone registered over HTTP and made a course author by an admin over HTTP. */
  author(): Promise<Registered>;
  /**
   * The newest e-mail this app wrote to `address` that says `containing` (mail goes to .eml files in tests, as on a
   * machine without SMTP_URL), its quoted-printable undone; waits for the outbox to send it.
   * Needs the outbox worker on (HEARTH_WORKER_POLL_MS).
   */
  mailTo(address: string, containing?: string): Promise<string>;
  /** Every e-mail this app has written to `address` so far, newest first (no waiting). */
  mailsTo(address: string): Promise<string[]>;
  /** A second Hearth process on the same database (its own port), as a deployment runs two. */
  anotherInstance(): Promise<{ baseUrl: string; http: Http }>;
  close(): Promise<void>;
}

export interface Registration {
  email: string;
  username: string;
  displayName: string;
  password: string;
}

export interface Registered extends AuthResponse {
  password: string;
  refreshCookie: string;
}

/** The built web app; HEARTH_TEST_WEB_DIR points elsewhere (a build of one's own, beside another). */
export const WEB_DIR = process.env.HEARTH_TEST_WEB_DIR ?? join(__dirname, '../../dist/web/browser');
let sequence = 0;

/**
 * The whole Hearth app on a fresh database, listening on a free port of 127.0.0.1; with
 * `demo`, loaded with the demo course and accounts as `npm start` does on a new database.
 */
export async function startTestApp(env: Record<string, string> = {}, options: { demo?: boolean } = {}): Promise<TestApp> {
  // As the Mailer names its files.
  const startedAt = new Date().toISOString().replace(/[:.]/g, '-');
  const database = await createTestDatabase();
  const config = testConfig({ HEARTH_WEB_DIR: WEB_DIR, ...env });
  const clock = new TestClock();
  const nest = await createApp(config, database.url, { clock });
  if (options.demo) await loadDemoData(nest);
  const baseUrl = await listen(nest, env.PORT ? Number(env.PORT) : 0);
  const http = new Http(baseUrl);
  const others: NestFastifyApplication[] = [];

  const signIn = async (login: string, password: string): Promise<Registered> => {
    const response = await http.post<AuthResponse>('/api/v1/auth/login', { login, password });
    if (response.status !== 200) throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
    return { ...response.body, password, refreshCookie: response.cookies[0].split(';')[0] };
  };

  const testApp: TestApp = {
    baseUrl,
    http,
    nest,
    clock,
    async passTime(by) {
      clock.advance(by);
      for (const app of [nest, ...others]) await app.get(ChatGateway).vouchForConnections();
    },
    async register(overrides = {}, { verified = true } = {}) {
      sequence += 1;
      const registration: Registration = {
        email: `person${sequence}-${process.pid}@example.org`,
        username: `person${sequence}_${process.pid}`,
        displayName: `Person ${sequence}`,
        password: 'correct horse battery staple',
        ...overrides,
      };
      const response = await http.post<AuthResponse>('/api/v1/auth/register', registration);
      if (response.status !== 201) throw new Error(`register failed: ${response.status} ${JSON.stringify(response.body)}`);
      if (verified) await testApp.verifyEmail(response.body.user.id);
      const user = { ...response.body.user, emailVerified: verified };
      return { ...response.body, user, password: registration.password, refreshCookie: response.cookies[0].split(';')[0] };
    },
    async verifyEmail(userId) {
      // The link's token, as the e-mail would carry it (the outbox may not have sent it yet).
      const [link] = await nest.get(Database).query<{ id: string }>(
        `SELECT id FROM account_token WHERE user_id = $1 AND purpose = 'verify-email' ORDER BY created_at DESC LIMIT 1`,
        [userId],
      );
      const token = await nest.get(AccountTokens).tokenFor(link.id);
      const opened = await http.post('/api/v1/auth/verify-email', { token });
      if (opened.status !== 204) throw new Error(`verify failed: ${opened.status} ${JSON.stringify(opened.body)}`);
    },
    async admin() {
      sequence += 1;
      const username = `admin${sequence}_${process.pid}`;
      await nest.get(UsersService).createAdmin({
        email: `${username}@example.org`,
        username,
        displayName: `Admin ${sequence}`,
        password: 'correct horse battery staple',
      });
      return signIn(username, 'correct horse battery staple');
    },
    async author() {
      const person = await testApp.register();
      const admin = await testApp.admin();
      const granted = await http.put(`/api/v1/admin/users/${person.user.id}/platform-roles`, { roles: ['author'] }, { token: admin.accessToken });
      if (granted.status !== 200) throw new Error(`could not make an author: ${granted.status}`);
      return person;
    },
    async mailTo(address, containing = '') {
      const read = async () => (await testApp.mailsTo(address)).find((mail) => mail.includes(containing)) ?? null;
      return (await eventually(`an e-mail to ${address}`, read, (mail) => mail !== null, 8000))!;
    },
    async mailsTo(address) {
      const folder = nest.get(Mailer).folder;
      // Only this app's mail: the folder is shared by the apps a test worker starts, and so are addresses.
      const names = (await readdir(folder).catch(() => [] as string[])).filter((name) => name >= startedAt);
      const mails = await Promise.all(names.sort().reverse().map(async (name) => (await readFile(join(folder, name), 'utf8')).replace(/=\r?\n/g, '').replace(/=3D/g, '=')));
      return mails.filter((mail) => mail.includes(`To: ${address}`));
    },
    async anotherInstance() {
      const other = await createApp(config, database.url, { clock });
      others.push(other);
      const url = await listen(other);
      return { baseUrl: url, http: new Http(url) };
    },
    async close() {
      for (const other of others) await other.close();
      await nest.close();
      await database.drop();
    },
  };
  return testApp;
}

/** On a free port, or on PORT when a test set it (to know its public address before the start). */
async function listen(nest: NestFastifyApplication, port = 0): Promise<string> {
  await nest.listen({ port, host: '127.0.0.1' });
  const address = nest.getHttpServer().address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}
