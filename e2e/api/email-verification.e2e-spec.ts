import { AccountTokens } from '@hearth/identity';
import { Database } from '@hearth/platform';
import { type Registered, startTestApp, type TestApp } from '../support/app';
import { buildCourse, completeCourse, expectStatus } from '../support/courses';
import { expectProblem } from '../support/http';

describe('verifying an e-mail address over HTTP', () => {
  let hearth: TestApp;

  beforeAll(async () => {
    // The outbox worker on (woken by each commit): it sends the e-mails.
    hearth = await startTestApp({ HEARTH_WORKER_POLL_MS: '60000' });
  });
  afterAll(() => hearth.close());

  const as = (person: Registered) => ({ token: person.accessToken });
  const tokenIn = (mail: string) => decodeURIComponent(/\/verify-email\?token=([A-Za-z0-9_%-]+)/.exec(mail)![1]);

  it('e-mails a link at registration that verifies the address once', async () => {
    const person = await hearth.register({}, { verified: false });
    expect(person.user.emailVerified).toBe(false);
    const token = tokenIn(await hearth.mailTo(person.user.email, 'verify-email?token='));

    expect((await hearth.http.post('/api/v1/auth/verify-email', { token })).status).toBe(204);
    expect((await expectStatus(hearth.http.get('/api/v1/me', as(person)), 200)).emailVerified).toBe(true);
    expectProblem(await hearth.http.post('/api/v1/auth/verify-email', { token }), 400, 'verify-link-invalid');
  });

  it('sends the link again on request, not twice a minute, and not once verified', async () => {
    const person = await hearth.register({}, { verified: false });
    // Registration sent one a moment ago.
    const tooSoon = await hearth.http.post('/api/v1/me/email-verification', undefined, as(person));
    expectProblem(tooSoon, 429, 'rate-limited');
    expect(Number(tooSoon.headers.get('retry-after'))).toBeGreaterThan(0);
    expectProblem(await hearth.http.post('/api/v1/me/email-verification'), 401, 'unauthenticated');
    await hearth.verifyEmail(person.user.id);
    expectProblem(await hearth.http.post('/api/v1/me/email-verification', undefined, as(person)), 409, 'already-verified');
  });

  it('refuses made-up and malformed links', async () => {
    expectProblem(await hearth.http.post('/api/v1/auth/verify-email', { token: 'made-up' }), 400, 'verify-link-invalid');
    expectProblem(await hearth.http.post('/api/v1/auth/verify-email', {}), 400, 'validation');
  });

  it('holds a completed course’s badge back until the address is verified, then issues it', async () => {
    const author = await hearth.author();
    const built = await buildCourse(hearth.http, author.accessToken, { publish: true });
    const trainee = await hearth.register({}, { verified: false });
    await expectStatus(hearth.http.post(`/api/v1/courses/${built.course.slug}/enroll`, undefined, as(trainee)), 201);
    await completeCourse(hearth.http, built, trainee.accessToken);

    const before = await expectStatus(hearth.http.get('/api/v1/me', as(trainee)), 200);
    expect(before.badges).toEqual([]);
    await hearth.verifyEmail(trainee.user.id);
    const after = await expectStatus(hearth.http.get('/api/v1/me', as(trainee)), 200);
    expect(after.badges.map((badge: { name: string }) => badge.name)).toEqual([built.course.title]);
  });

  describe('registering with an address another account confirmed', () => {
    it('tells the owner instead of sending a link, and the new account cannot take the address', async () => {
      const owner = await hearth.register({ email: 'owner@example.org', password: 'the owner’s own password' });
      const newcomer = await hearth.register({ email: 'Owner@Example.org', username: 'not_the_owner', password: 'the newcomer’s password' }, { verified: false });
      expect(newcomer.user).toMatchObject({ email: 'owner@example.org', emailVerified: false });

      const notice = await hearth.mailTo('owner@example.org', 'Someone registered');
      expect(notice).toContain('@not_the_owner');
      expect(notice).toContain(`@${owner.user.username}`);
      expect(notice).toContain('/forgot-password');
      // The notice, and no link for the newcomer (the owner's own link may or may not have gone out before they opened it).
      const mails = await hearth.mailsTo('owner@example.org');
      expect(mails.filter((mail) => mail.includes('verify-email?token=') && mail.includes('@not_the_owner'))).toEqual([]);

      // Asking again sends nothing to anyone, with the answer a free address gets.
      hearth.clock.advance({ minutes: 2 });
      expect((await hearth.http.post('/api/v1/me/email-verification', undefined, as(newcomer))).status).toBe(202);
      // Even a link for the address (were one sent) cannot move it: the owner confirmed it.
      const [link] = await hearth.nest.get(Database).query<{ id: string }>(`SELECT id FROM account_token WHERE user_id = $1 AND used_at IS NULL`, [newcomer.user.id]);
      const token = await hearth.nest.get(AccountTokens).tokenFor(link.id);
      expectProblem(await hearth.http.post('/api/v1/auth/verify-email', { token }), 409, 'email-taken');
      expect((await hearth.mailsTo('owner@example.org')).length).toBe(mails.length);
    });

    it('signs each account in by the address with its own password', async () => {
      const owner = await hearth.register({ email: 'shared@example.org', password: 'the owner’s own password' });
      const newcomer = await hearth.register({ email: 'shared@example.org', password: 'the newcomer’s password' }, { verified: false });
      const signIn = (password: string) => hearth.http.post('/api/v1/auth/login', { login: 'SHARED@example.org', password });
      expect((await signIn(owner.password)).body.user.id).toBe(owner.user.id);
      expect((await signIn(newcomer.password)).body.user.id).toBe(newcomer.user.id);
      expectProblem(await signIn('neither of their passwords'), 401, 'invalid-credentials');
    });

    it('lets the first of two unconfirmed accounts that opens its link have the address', async () => {
      const first = await hearth.register({ email: 'twice@example.org' }, { verified: false });
      const second = await hearth.register({ email: 'twice@example.org' }, { verified: false });
      await hearth.verifyEmail(second.user.id);
      await expect(hearth.verifyEmail(first.user.id)).rejects.toThrow(/409/);
      expect((await expectStatus(hearth.http.get('/api/v1/me', as(first)), 200)).emailVerified).toBe(false);
    });
  });
});
