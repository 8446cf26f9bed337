import { expectProblem } from '../support/http';
import { type Registered, startTestApp, type TestApp } from '../support/app';

describe('forgotten and changed passwords over HTTP', () => {
  let hearth: TestApp;

  beforeAll(async () => {
    // The outbox worker on (woken by each commit): it sends the e-mails.
    hearth = await startTestApp({ HEARTH_WORKER_POLL_MS: '60000' });
  });
  afterAll(() => hearth.close());

  const tokenIn = (mail: string) => decodeURIComponent(/\/reset-password\?token=([A-Za-z0-9_%-]+)/.exec(mail)![1]);
  const signIn = (person: Registered, password: string) => hearth.http.post('/api/v1/auth/login', { login: person.user.username, password });

  it('answers a reset request the same whether or not an account has the address', async () => {
    const person = await hearth.register();
    const known = await hearth.http.post('/api/v1/auth/password-reset', { email: person.user.email.toUpperCase() });
    const unknown = await hearth.http.post('/api/v1/auth/password-reset', { email: 'nobody-at-all@example.org' });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    expect(await hearth.mailTo(person.user.email, 'reset-password?token=')).toContain('reset-password?token=');
  });

  it('sets a new password with the e-mailed link, once, and ends every session', async () => {
    const person = await hearth.register();
    await hearth.http.post('/api/v1/auth/password-reset', { email: person.user.email });
    const token = tokenIn(await hearth.mailTo(person.user.email, 'reset-password?token='));

    expectProblem(await hearth.http.post('/api/v1/auth/password-reset/confirm', { token, password: 'short' }), 400, 'weak-password');
    expect((await hearth.http.post('/api/v1/auth/password-reset/confirm', { token, password: 'a fresh start phrase' })).status).toBe(204);

    expectProblem(await hearth.http.get('/api/v1/me', { token: person.accessToken }), 401, 'session-ended');
    expect((await signIn(person, person.password)).status).toBe(401);
    expect((await signIn(person, 'a fresh start phrase')).status).toBe(200);
    expectProblem(await hearth.http.post('/api/v1/auth/password-reset/confirm', { token, password: 'another fresh phrase' }), 400, 'reset-link-invalid');
  });

  it('refuses malformed reset requests and made-up links', async () => {
    expectProblem(await hearth.http.post('/api/v1/auth/password-reset', { email: 'not an address' }), 400, 'validation');
    expectProblem(await hearth.http.post('/api/v1/auth/password-reset', {}), 400, 'validation');
    expectProblem(await hearth.http.post('/api/v1/auth/password-reset/confirm', { password: 'a fresh start phrase' }), 400, 'validation');
    expectProblem(await hearth.http.post('/api/v1/auth/password-reset/confirm', { token: 'made-up', password: 'a fresh start phrase' }), 400, 'reset-link-invalid');
  });

  it('changes a password with the current one and signs the other sessions out', async () => {
    const person = await hearth.register();
    const elsewhere = await signIn(person, person.password);
    expectProblem(await hearth.http.put('/api/v1/me/password', { currentPassword: 'not my password', newPassword: 'my new long phrase' }, { token: person.accessToken }), 400, 'wrong-password');
    expectProblem(await hearth.http.put('/api/v1/me/password', { currentPassword: person.password, newPassword: person.user.username }, { token: person.accessToken }), 400, 'weak-password');
    expectProblem(await hearth.http.put('/api/v1/me/password', { currentPassword: person.password, newPassword: 'my new long phrase' }), 401, 'unauthenticated');

    expect((await hearth.http.put('/api/v1/me/password', { currentPassword: person.password, newPassword: 'my new long phrase' }, { token: person.accessToken })).status).toBe(204);
    expect((await hearth.http.get('/api/v1/me', { token: person.accessToken })).status).toBe(200);
    expectProblem(await hearth.http.get('/api/v1/me', { token: elsewhere.body.accessToken }), 401, 'session-ended');
    expect((await signIn(person, 'my new long phrase')).status).toBe(200);
  });
});
