import { connectChat } from '../support/chat';
import { cookiePair, eventually, expectProblem } from '../support/http';
import { type Registered, startTestApp, type TestApp } from '../support/app';

describe('my sign-ins: ending one stops it at once, chat included', () => {
  let hearth: TestApp;

  beforeAll(async () => {
    // The worker on (woken by each commit), as in production: it closes the chat connections.
    hearth = await startTestApp({ HEARTH_WORKER_POLL_MS: '60000' });
  });
  afterAll(() => hearth.close());

  /** Another sign-in of the same person, from another browser. */
  const signInAgain = async (person: Registered, userAgent: string) => {
    const response = await hearth.http.post('/api/v1/auth/login', { login: person.user.username, password: person.password }, { headers: { 'user-agent': userAgent } });
    expect(response.status).toBe(200);
    return { accessToken: response.body.accessToken as string, refreshCookie: cookiePair(response.cookies, 'hearth_refresh')! };
  };

  it('signing out stops the access token at once and closes its chat connections', async () => {
    const person = await hearth.register();
    const chat = await connectChat(hearth.baseUrl, person.accessToken);
    const ended = chat.next<{ message: string }>('auth:ended');
    const disconnected = new Promise<string>((resolve) => chat.socket.once('disconnect', resolve));
    expect((await hearth.http.get('/api/v1/me', { token: person.accessToken })).status).toBe(200);

    expect((await hearth.http.post('/api/v1/auth/logout', undefined, { cookie: person.refreshCookie })).status).toBe(204);

    expectProblem(await hearth.http.get('/api/v1/me', { token: person.accessToken }), 401, 'session-ended');
    expect((await ended).message).toMatch(/signed out/);
    expect(await disconnected).toBe('io server disconnect');
    // Its access token opens no new connection either.
    await expect(connectChat(hearth.baseUrl, person.accessToken)).rejects.toThrow(/Sign in again/);
  });

  it('lists my sign-ins with their device, this one marked, and none of anyone else’s', async () => {
    const person = await hearth.register();
    const stranger = await hearth.register();
    await signInAgain(person, 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1');
    const response = await hearth.http.get('/api/v1/me/sessions', { token: person.accessToken });
    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(2);
    expect(response.body).toContainEqual(expect.objectContaining({ device: 'Safari on iPhone', current: false, lastUsedAt: expect.any(String) }));
    expect(response.body.filter((session: { current: boolean }) => session.current)).toHaveLength(1);
    const theirs = await hearth.http.get('/api/v1/me/sessions', { token: stranger.accessToken });
    expect(theirs.body).toHaveLength(1);
  });

  it('signs out another browser from the list: its tokens and refresh cookie stop working', async () => {
    const person = await hearth.register();
    const phone = await signInAgain(person, 'phone');
    const phoneChat = await connectChat(hearth.baseUrl, phone.accessToken);
    const closed = phoneChat.next('auth:ended');
    const listed = await hearth.http.get('/api/v1/me/sessions', { token: person.accessToken });
    const other = listed.body.find((session: { current: boolean }) => !session.current);

    expect((await hearth.http.delete(`/api/v1/me/sessions/${other.id}`, { token: person.accessToken })).status).toBe(204);

    await closed;
    expectProblem(await hearth.http.get('/api/v1/me', { token: phone.accessToken }), 401, 'session-ended');
    expectProblem(await hearth.http.post('/api/v1/auth/refresh', undefined, { cookie: phone.refreshCookie }), 401, 'refresh-invalid');
    // This browser is still signed in.
    expect((await hearth.http.get('/api/v1/me', { token: person.accessToken })).status).toBe(200);
    // Signing it out again: nothing of mine with that id is still going.
    expectProblem(await hearth.http.delete(`/api/v1/me/sessions/${other.id}`, { token: person.accessToken }), 404, 'session-not-found');
  });

  it('refuses to sign out someone else’s session, a malformed id and the anonymous', async () => {
    const person = await hearth.register();
    const stranger = await hearth.register();
    const [theirs] = (await hearth.http.get('/api/v1/me/sessions', { token: stranger.accessToken })).body;
    expectProblem(await hearth.http.delete(`/api/v1/me/sessions/${theirs.id}`, { token: person.accessToken }), 404, 'session-not-found');
    expect((await hearth.http.get('/api/v1/me', { token: stranger.accessToken })).status).toBe(200);
    expectProblem(await hearth.http.delete('/api/v1/me/sessions/not-a-uuid', { token: person.accessToken }), 400, 'validation');
    expectProblem(await hearth.http.get('/api/v1/me/sessions'), 401, 'unauthenticated');
    expectProblem(await hearth.http.delete('/api/v1/me/sessions'), 401, 'unauthenticated');
  });

  it('signs out everywhere, this session included', async () => {
    const person = await hearth.register();
    const laptop = await signInAgain(person, 'laptop');
    expect((await hearth.http.delete('/api/v1/me/sessions', { token: person.accessToken })).status).toBe(204);
    expectProblem(await hearth.http.get('/api/v1/me', { token: person.accessToken }), 401, 'session-ended');
    expectProblem(await hearth.http.get('/api/v1/me', { token: laptop.accessToken }), 401, 'session-ended');
    expectProblem(await hearth.http.post('/api/v1/auth/refresh', undefined, { cookie: person.refreshCookie }), 401, 'refresh-invalid');
  });

  it('stops the session on another instance within the check’s cache time (5 s)', async () => {
    const other = await hearth.anotherInstance();
    const person = await hearth.register();
    expect((await other.http.get('/api/v1/me', { token: person.accessToken })).status).toBe(200);
    expect((await hearth.http.post('/api/v1/auth/logout', undefined, { cookie: person.refreshCookie })).status).toBe(204);
    await eventually('the other instance refuses the token', () => other.http.get('/api/v1/me', { token: person.accessToken }), (response) => response.status === 401, 8000);
  });
});
