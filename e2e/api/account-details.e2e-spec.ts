import { Database } from '@hearth/platform';
import { type Registered, startTestApp, type TestApp } from '../support/app';
import { buildCourse, expectStatus } from '../support/courses';
import { expectProblem } from '../support/http';

describe('changing my name and e-mail address over HTTP', () => {
  let hearth: TestApp;

  beforeAll(async () => {
    // The outbox worker on (woken by each commit): it sends the e-mails.
    hearth = await startTestApp({ HEARTH_WORKER_POLL_MS: '60000' });
  });
  afterAll(() => hearth.close());

  const as = (person: Registered) => ({ token: person.accessToken });
  const tokenIn = (mail: string) => decodeURIComponent(/\/verify-email\?token=([A-Za-z0-9_%-]+)/.exec(mail)![1]);

  it('renames me everywhere my name shows, the chat included', async () => {
    const person = await hearth.register({ displayName: 'Sam' });
    const renamed = await expectStatus(hearth.http.patch('/api/v1/me', { displayName: '  Sam Okafor  ' }, as(person)), 200);
    expect(renamed).toMatchObject({ id: person.user.id, displayName: 'Sam Okafor', username: person.user.username });
    expect((await expectStatus(hearth.http.get(`/api/v1/users/${person.user.username}`, as(person)), 200)).displayName).toBe('Sam Okafor');
    const [member] = await hearth.nest.get(Database).query<{ displayName: string }>('SELECT display_name FROM chat_member WHERE user_id = $1', [person.user.id]);
    expect(member.displayName).toBe('Sam Okafor');
  });

  it('refuses an empty or too long name, unknown fields, and strangers', async () => {
    const person = await hearth.register();
    const empty = await hearth.http.patch('/api/v1/me', { displayName: '   ' }, as(person));
    expectProblem(empty, 400, 'validation');
    expect(empty.body.errors).toEqual([{ field: 'displayName', message: expect.stringContaining('1 to 80') }]);
    expectProblem(await hearth.http.patch('/api/v1/me', { displayName: 'x'.repeat(81) }, as(person)), 400, 'validation');
    expectProblem(await hearth.http.patch('/api/v1/me', { displayName: 'Fine', username: 'new_handle' }, as(person)), 400, 'validation');
    expectProblem(await hearth.http.patch('/api/v1/me', { displayName: 'Nobody' }), 401, 'unauthenticated');
  });

  it('moves me to a new address only when the link sent there is opened, and tells the old one', async () => {
    const person = await hearth.register({ email: 'before@example.org' });
    const asked = await hearth.http.put('/api/v1/me/email', { email: ' After@Example.org ', currentPassword: person.password }, as(person));
    expect(asked.status).toBe(202);
    expect(asked.body.message).toContain('after@example.org');
    // Nothing moves before the link is opened.
    expect((await expectStatus(hearth.http.get('/api/v1/me', as(person)), 200)).email).toBe('before@example.org');

    const token = tokenIn(await hearth.mailTo('after@example.org', 'Confirm your new e-mail address'));
    expect((await hearth.http.post('/api/v1/auth/verify-email', { token })).status).toBe(204);
    expect(await expectStatus(hearth.http.get('/api/v1/me', as(person)), 200)).toMatchObject({ email: 'after@example.org', emailVerified: true });
    expect(await hearth.mailTo('before@example.org', 'has a new e-mail address')).toContain(`@${person.user.username}`);
    // Signed in by the new address; the link works once.
    expect((await hearth.http.post('/api/v1/auth/login', { login: 'after@example.org', password: person.password })).status).toBe(200);
    expectProblem(await hearth.http.post('/api/v1/auth/verify-email', { token }), 400, 'verify-link-invalid');
  });

  it('asks for the current password, a new address and not too often', async () => {
    const person = await hearth.register();
    const wrong = await hearth.http.put('/api/v1/me/email', { email: 'elsewhere@example.org', currentPassword: 'not my password at all' }, as(person));
    expectProblem(wrong, 400, 'wrong-password');
    expect(wrong.body.errors).toEqual([{ field: 'currentPassword', message: expect.any(String) }]);
    const same = await hearth.http.put('/api/v1/me/email', { email: person.user.email.toUpperCase(), currentPassword: person.password }, as(person));
    expectProblem(same, 400, 'email-unchanged');
    expectProblem(await hearth.http.put('/api/v1/me/email', { email: 'not an address', currentPassword: person.password }, as(person)), 400, 'validation');
    expectProblem(await hearth.http.put('/api/v1/me/email', { email: 'x@example.org', currentPassword: 'whatever it is' }), 401, 'unauthenticated');

    expect((await hearth.http.put('/api/v1/me/email', { email: 'first-try@example.org', currentPassword: person.password }, as(person))).status).toBe(202);
    expectProblem(await hearth.http.put('/api/v1/me/email', { email: 'second-try@example.org', currentPassword: person.password }, as(person)), 429, 'rate-limited');
  });

  it('answers the same for an address another account confirmed, whose owner is told instead', async () => {
    const owner = await hearth.register({ email: 'mine@example.org' });
    const person = await hearth.register();
    const asked = await hearth.http.put('/api/v1/me/email', { email: 'mine@example.org', currentPassword: person.password }, as(person));
    expect(asked.status).toBe(202);
    const notice = await hearth.mailTo('mine@example.org', 'Someone asked to use your e-mail address');
    expect(notice).toContain(`@${person.user.username}`);
    expect(notice).toContain(`@${owner.user.username}`);
    expect((await hearth.mailsTo('mine@example.org')).filter((mail) => mail.includes('Confirm your new e-mail address'))).toEqual([]);
  });

  it('refuses a link to an address another account confirmed since it was sent', async () => {
    const person = await hearth.register();
    expect((await hearth.http.put('/api/v1/me/email', { email: 'contested@example.org', currentPassword: person.password }, as(person))).status).toBe(202);
    const token = tokenIn(await hearth.mailTo('contested@example.org', 'Confirm your new e-mail address'));
    await hearth.register({ email: 'contested@example.org' });
    expectProblem(await hearth.http.post('/api/v1/auth/verify-email', { token }), 409, 'email-taken');
    expect((await expectStatus(hearth.http.get('/api/v1/me', as(person)), 200)).email).toBe(person.user.email);
  });
});

describe('e-mail preferences over HTTP', () => {
  let hearth: TestApp;

  beforeAll(async () => {
    hearth = await startTestApp({ HEARTH_WORKER_POLL_MS: '60000' });
  });
  afterAll(() => hearth.close());

  const as = (person: Registered) => ({ token: person.accessToken });

  it('e-mails every kind until I turn one off; the bell still shows it', async () => {
    const author = await hearth.author();
    const built = await buildCourse(hearth.http, author.accessToken, { publish: true });
    const [ada, ben] = [await hearth.register(), await hearth.register()];
    for (const person of [ada, ben]) await expectStatus(hearth.http.post(`/api/v1/courses/${built.course.slug}/enroll`, undefined, as(person)), 201);
    const answer = await expectStatus(hearth.http.post(`/api/v1/items/${built.discussion.id}/replies`, { body: 'My room is the quiet one.' }, as(ada)), 201);

    expect(await expectStatus(hearth.http.get('/api/v1/notifications/email-preferences', as(ada)), 200)).toEqual({ emailOff: [], daily: [] });
    const saved = await expectStatus(hearth.http.put('/api/v1/notifications/email-preferences', { emailOff: ['reply', 'mention', 'reply'] }, as(ada)), 200);
    expect(saved).toEqual({ emailOff: ['mention', 'reply'], daily: [] });
    expect(await expectStatus(hearth.http.get('/api/v1/notifications/email-preferences', as(ada)), 200)).toEqual({ emailOff: ['mention', 'reply'], daily: [] });

    // A reply to Ada's answer: in her bell, not in her mail; a review (still on) is e-mailed.
    await expectStatus(hearth.http.post(`/api/v1/items/${built.discussion.id}/replies`, { body: 'Mine is the early one.' }, as(ben)), 201);
    await expectStatus(hearth.http.post(`/api/v1/items/${built.discussion.id}/replies`, { body: 'Same here.', parentId: answer.id }, as(ben)), 201);
    const bell = await expectStatus(hearth.http.get('/api/v1/notifications', as(ada)), 200);
    expect(bell.items.map((item: { kind: string }) => item.kind)).toContain('reply');
    await expectStatus(hearth.http.post(`/api/v1/replies/${answer.id}/review`, { status: 'accepted' }, as(author)), 200);
    await hearth.mailTo(ada.user.email, 'reviewed your answer');
    expect((await hearth.mailsTo(ada.user.email)).filter((mail) => mail.includes('replied to your answer'))).toEqual([]);

    // Turned back on.
    expect(await expectStatus(hearth.http.put('/api/v1/notifications/email-preferences', { emailOff: [] }, as(ada)), 200)).toEqual({ emailOff: [], daily: [] });
  });

  it('refuses unknown kinds, a body that is not a list, and strangers', async () => {
    const person = await hearth.register();
    const unknown = await hearth.http.put('/api/v1/notifications/email-preferences', { emailOff: ['newsletter'] }, as(person));
    expectProblem(unknown, 400, 'validation');
    expect(unknown.body.errors[0].message).toContain('each kind must be one of');
    expectProblem(await hearth.http.put('/api/v1/notifications/email-preferences', { emailOff: 'reply' }, as(person)), 400, 'validation');
    expectProblem(await hearth.http.put('/api/v1/notifications/email-preferences', {}, as(person)), 400, 'validation');
    expectProblem(await hearth.http.get('/api/v1/notifications/email-preferences'), 401, 'unauthenticated');
  });
});
