import { Database, OutboxWorker } from '@hearth/platform';
import { connectChat } from '../support/chat';
import { type Registered, startTestApp, type TestApp } from '../support/app';
import { buildCourse, type BuiltCourse, expectStatus, passQuiz } from '../support/courses';
import { expectProblem } from '../support/http';

describe('my data over HTTP: the export and the deletion', () => {
  let hearth: TestApp;
  let admin: Registered;
  let author: Registered;
  let built: BuiltCourse;
  let room: { id: string };

  beforeAll(async () => {
    hearth = await startTestApp();
    [admin, author] = [await hearth.admin(), await hearth.author()];
    built = await buildCourse(hearth.http, author.accessToken, { publish: true });
    room = await expectStatus(hearth.http.post('/api/v1/chat/rooms', { name: 'Lounge', topic: 'Anything goes', tags: ['general'] }, as(admin)), 201);
  });
  afterAll(() => hearth.close());

  const as = (person: Registered) => ({ token: person.accessToken });
  const db = () => hearth.nest.get(Database);

  /** A trainee who did a bit of everything: completed the course (a badge), holds a role, wrote in a thread and the chat. */
  async function busyTrainee(): Promise<{ trainee: Registered; answerId: string; messageId: string; peerAnswerId: string; peer: Registered }> {
    const [trainee, peer] = [await hearth.register(), await hearth.register()];
    for (const person of [trainee, peer]) await expectStatus(hearth.http.post(`/api/v1/courses/${built.course.slug}/enroll`, undefined, as(person)), 201);
    const peerAnswer = await expectStatus(hearth.http.post(`/api/v1/items/${built.discussion.id}/replies`, { body: 'The peer’s own answer.' }, as(peer)), 201);
    await expectStatus(hearth.http.post(`/api/v1/items/${built.lesson.id}/view`, undefined, as(trainee)), 204);
    const answer = await expectStatus(hearth.http.post(`/api/v1/items/${built.discussion.id}/replies`, { body: `My secret answer about the quiet room, by ${trainee.user.username}.` }, as(trainee)), 201);
    await expectStatus(hearth.http.post(`/api/v1/items/${built.discussion.id}/replies`, { body: 'A reply under it.', parentId: answer.id }, as(peer)), 201);
    await expectStatus(hearth.http.put(`/api/v1/replies/${peerAnswer.id}/reactions/heart`, undefined, as(trainee)), 200);
    await passQuiz(hearth.http, built, trainee.accessToken);
    await expectStatus(hearth.http.post(`/api/v1/admin/users/${trainee.user.id}/grants`, { roleKey: 'moderator', reason: 'Trusted volunteer.' }, as(admin)), 201);
    const message = await expectStatus(hearth.http.post(`/api/v1/chat/rooms/${room.id}/messages`, { body: 'Hello from my chat message.' }, as(trainee)), 201);
    return { trainee, answerId: answer.id, messageId: message.id, peerAnswerId: peerAnswer.id, peer };
  }

  it('exports everything about me as one JSON download', async () => {
    const { trainee } = await busyTrainee();
    const response = await hearth.http.get('/api/v1/me/export', as(trainee));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="hearth-data-${trainee.user.username}-\\d{4}-\\d{2}-\\d{2}\\.json"$`));
    const archive = response.body;
    expect(archive).toMatchObject({ format: 'hearth-personal-data/1', account: { id: trainee.user.id, email: trainee.user.email, username: trainee.user.username } });
    expect(Object.keys(archive)).toEqual(expect.arrayContaining(['account', 'courses', 'discussions', 'progress', 'credentials', 'chat', 'notifications']));
    expect(archive.account.sessions).toHaveLength(1);
    expect(archive.discussions.answersAndReplies.map((reply: { markdown: string }) => reply.markdown)).toEqual([`My secret answer about the quiet room, by ${trainee.user.username}.`]);
    expect(archive.discussions.reactions).toEqual([expect.objectContaining({ kind: 'heart' })]);
    expect(archive.courses.enrollments).toEqual([expect.objectContaining({ courseSlug: built.course.slug })]);
    expect(archive.courses.quizAttempts).toHaveLength(1);
    expect(archive.progress.courses[0].completedAt).not.toBeNull();
    expect(archive.credentials.roles).toEqual([expect.objectContaining({ roleKey: 'moderator', status: 'active' })]);
    expect(archive.credentials.badges).toEqual([expect.objectContaining({ name: built.course.title, credential: expect.objectContaining({ type: expect.arrayContaining(['VerifiableCredential']) }) })]);
    expect(archive.credentials.roleBadges).toEqual([expect.objectContaining({ roleKey: 'moderator', endedAt: null, credential: expect.objectContaining({ type: ['VerifiableCredential', 'OpenBadgeCredential'] }) })]);
    expect(archive.chat.messages).toEqual([expect.objectContaining({ room: 'Lounge', body: 'Hello from my chat message.' })]);
    expect(archive.notifications.notifications.map((n: { kind: string }) => n.kind)).toContain('role_granted');
    expect(JSON.stringify(archive)).not.toContain('password');
    expectProblem(await hearth.http.get('/api/v1/me/export'), 401, 'unauthenticated');
  });

  it('deletes my account: my words erased, my powers revoked, my name gone, the history whole', async () => {
    const { trainee, answerId, messageId, peerAnswerId, peer } = await busyTrainee();
    const badge = (await expectStatus(hearth.http.get('/api/v1/me', as(trainee)), 200)).badges[0];
    const watching = await connectChat(hearth.baseUrl, peer.accessToken);
    expect(await watching.request('room:join', { roomId: room.id })).toMatchObject({ ok: true });

    const wrong = await hearth.http.delete('/api/v1/me', { body: { currentPassword: 'not my password at all' }, token: trainee.accessToken });
    expectProblem(wrong, 400, 'wrong-password');
    expectProblem(await hearth.http.delete('/api/v1/me', { body: {}, token: trainee.accessToken }), 400, 'validation');
    const deleted = await hearth.http.delete('/api/v1/me', { body: { currentPassword: trainee.password }, token: trainee.accessToken });
    expect(deleted.status).toBe(204);
    expect(deleted.cookies[0]).toMatch(/^hearth_refresh=;/);

    // Signed out everywhere, and no way back in.
    expectProblem(await hearth.http.get('/api/v1/me', as(trainee)), 401, 'session-ended');
    expectProblem(await hearth.http.post('/api/v1/auth/refresh', undefined, { cookie: trainee.refreshCookie }), 401, 'refresh-invalid');
    expectProblem(await hearth.http.post('/api/v1/auth/login', { login: trainee.user.username, password: trainee.password }), 401, 'invalid-credentials');
    expectProblem(await hearth.http.post('/api/v1/auth/login', { login: trainee.user.email, password: trainee.password }), 401, 'invalid-credentials');
    expectProblem(await hearth.http.get(`/api/v1/users/${trainee.user.username}`, as(peer)), 404, 'user-not-found');

    // The answer keeps its place without its words; the reply under it still reads; the heart is gone.
    const thread = await expectStatus(hearth.http.get(`/api/v1/items/${built.discussion.id}/replies?sort=newest`, as(peer)), 200);
    const erased = thread.items.find((reply: { id: string }) => reply.id === answerId);
    expect(erased).toMatchObject({ state: 'removed', childCount: 1 });
    expect(JSON.stringify(thread)).not.toContain(`by ${trainee.user.username}`);
    expect(thread.items.find((reply: { id: string }) => reply.id === peerAnswerId).reactions.heart).toBe(0);
    const [row] = await db().query<{ bodyMd: string }>('SELECT body_md FROM reply WHERE id = $1', [answerId]);
    expect(row.bodyMd).toBe('');
    const [message] = await db().query<{ body: string; removedAt: Date | null }>('SELECT body, removed_at FROM chat_message WHERE id = $1', [messageId]);
    expect(message).toMatchObject({ body: '', removedAt: expect.any(Date) });
    const history = await expectStatus(hearth.http.get(`/api/v1/chat/rooms/${room.id}/messages`, as(peer)), 200);
    expect(history.items.find((item: { id: string }) => item.id === messageId)).toMatchObject({ removed: true, body: '' });
    // Someone in the room at the time sees the message go, once the deletion has committed.
    const gone = watching.next<{ messageId: string }>('message:deleted', (event) => event.messageId === messageId);
    await hearth.nest.get(OutboxWorker).drain();
    await gone;
    watching.close();

    // Powers and badge revoked, in the history that stays append-only; the person shows as a former member.
    const grants = await expectStatus(hearth.http.get(`/api/v1/admin/users/${trainee.user.id}/grants`, as(admin)), 200);
    expect(grants.grants.map((grant: { status: string }) => grant.status)).toEqual(['revoked']);
    expect((await expectStatus(hearth.http.get(`/api/v1/badges/${badge.assertionId}/verification`), 200)).revoked).toBe(true);
    const [member] = await db().query<{ displayName: string; username: string }>('SELECT display_name, username FROM chat_member WHERE user_id = $1', [trainee.user.id]);
    expect(member).toEqual({ displayName: 'Former member', username: expect.stringMatching(/^former-[0-9a-f]{12}$/) });
    for (const table of ['enrollment', 'quiz_attempt', 'item_progress', 'enrollment_progress', 'completion_record', 'shadowed_session', 'notification', 'session']) {
      const column = 'user_id';
      const [count] = await db().query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1${table === 'session' ? ' AND revoked_at IS NULL' : ''}`, [trainee.user.id]);
      expect([table, count.n]).toEqual([table, 0]);
    }
    const audit = await expectStatus(hearth.http.get(`/api/v1/admin/audit?kind=user.deleted`, as(admin)), 200);
    expect(audit.items[0]).toMatchObject({ kind: 'user.deleted', summary: 'Deleted their own account' });
  });

  it('lets an admin export and delete for a person, with a reason, audited; nobody else', async () => {
    const { trainee } = await busyTrainee();
    const stranger = await hearth.register();
    expectProblem(await hearth.http.get(`/api/v1/admin/users/${trainee.user.id}/export`, as(stranger)), 403, 'forbidden');
    expectProblem(await hearth.http.delete(`/api/v1/admin/users/${trainee.user.id}`, { body: { reason: 'Because.' }, token: stranger.accessToken }), 403, 'forbidden');

    const exported = await hearth.http.get(`/api/v1/admin/users/${trainee.user.id}/export`, as(admin));
    expect(exported.status).toBe(200);
    expect(exported.body.account.id).toBe(trainee.user.id);
    expect(exported.headers.get('content-disposition')).toContain(trainee.user.username);
    expectProblem(await hearth.http.get('/api/v1/admin/users/00000000-0000-4000-8000-000000000000/export', as(admin)), 404, 'user-not-found');

    const noReason = await hearth.http.delete(`/api/v1/admin/users/${trainee.user.id}`, { body: { reason: '  ' }, token: admin.accessToken });
    expectProblem(noReason, 400, 'validation');
    expect((await hearth.http.delete(`/api/v1/admin/users/${trainee.user.id}`, { body: { reason: 'Asked us by e-mail.' }, token: admin.accessToken })).status).toBe(204);
    expectProblem(await hearth.http.delete(`/api/v1/admin/users/${trainee.user.id}`, { body: { reason: 'Again.' }, token: admin.accessToken }), 404, 'user-not-found');
    expectProblem(await hearth.http.get('/api/v1/me', as(trainee)), 401, 'session-ended');

    const audit = await expectStatus(hearth.http.get(`/api/v1/admin/audit?kind=user.deleted`, as(admin)), 200);
    expect(audit.items[0]).toMatchObject({ summary: 'Deleted an account', actor: { id: admin.user.id } });
    const exports = await expectStatus(hearth.http.get(`/api/v1/admin/audit?kind=user.exported`, as(admin)), 200);
    expect(exports.items[0]).toMatchObject({ summary: 'Exported a person’s data', actor: { id: admin.user.id } });
  });

  it('keeps the last admin', async () => {
    const last = await hearth.admin();
    // Every other admin (the harness makes one per author) deleted or demoted through the API: one admin is left.
    expect((await hearth.http.delete(`/api/v1/admin/users/${admin.user.id}`, { body: { reason: 'Stepping down.' }, token: last.accessToken })).status).toBe(204);
    const others = await db().query<{ id: string }>(`SELECT id FROM "user" WHERE 'admin' = ANY(platform_roles) AND id <> $1`, [last.user.id]);
    for (const other of others) await expectStatus(hearth.http.put(`/api/v1/admin/users/${other.id}/platform-roles`, { roles: [] }, as(last)), 200);
    const refused = await hearth.http.delete('/api/v1/me', { body: { currentPassword: last.password }, token: last.accessToken });
    expectProblem(refused, 422, 'last-admin');
    expect((await hearth.http.get('/api/v1/me', as(last))).status).toBe(200);
  });
});
