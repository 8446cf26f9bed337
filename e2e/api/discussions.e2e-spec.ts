import type { ReplyView } from '@hearth/contracts';
import { type Registered, startTestApp, type TestApp } from '../support/app';
import { type BuiltCourse, buildCourse, expectStatus } from '../support/courses';

describe('discussions over HTTP', () => {
  let hearth: TestApp;
  let author: Registered;
  let built: BuiltCourse;
  let ada: Registered;
  let ben: Registered;
  let adaAnswer: ReplyView;

  beforeAll(async () => {
    hearth = await startTestApp();
    author = await hearth.author();
    built = await buildCourse(hearth.http, author.accessToken, { publish: true });
    ada = await enrolled();
    ben = await enrolled();
    adaAnswer = await expectStatus(hearth.http.post(`/api/v1/items/${built.discussion.id}/replies`, { body: 'My room is the quiet one.' }, as(ada)), 201);
  });
  afterAll(() => hearth.close());

  const as = (person: Registered, headers: Record<string, string> = {}) => ({ token: person.accessToken, headers });
  async function enrolled(): Promise<Registered> {
    const person = await hearth.register();
    await expectStatus(hearth.http.post(`/api/v1/courses/${built.course.slug}/enroll`, undefined, as(person)), 201);
    return person;
  }

  it('describes the thread, and refuses a post-first list with a problem type ending in post-first', async () => {
    const thread = await expectStatus(hearth.http.get(`/api/v1/items/${built.discussion.id}/thread`, as(ben)), 200);
    expect(thread).toMatchObject({ reflectionQuestion: 'Which room do you like, and why?', replyCount: 1, canSeeReplies: false, myAnswerId: null });
    const refused = await hearth.http.get(`/api/v1/items/${built.discussion.id}/replies`, as(ben));
    expect(refused.status).toBe(403);
    expect(refused.body.type).toMatch(/post-first$/);
    expect((await hearth.http.get(`/api/v1/replies/${adaAnswer.id}`, as(ben))).status).toBe(403);
  });

  it('posts once per Idempotency-Key and answers with the promised fields', async () => {
    const send = () => hearth.http.post(`/api/v1/items/${built.discussion.id}/replies`, { body: 'Mine is the *early* room.' }, as(ben, { 'idempotency-key': 'ben-answer-1' }));
    const first = await send();
    const second = await send();
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(first.body).toMatchObject({ bodyHtml: '<p>Mine is the <em>early</em> room.</p>\n', parentId: null, childCount: 0, reactions: { like: 0, heart: 0, insightful: 0, support: 0 } });
    expect(first.body.author).toMatchObject({ id: ben.user.id, username: ben.user.username });
    const list = await expectStatus(hearth.http.get(`/api/v1/items/${built.discussion.id}/replies?sort=newest`, as(ben)), 200);
    expect(list.items.map((r: ReplyView) => r.id)).toEqual([first.body.id, adaAnswer.id]);
    expect(list.nextCursor).toBeNull();
  });

  it('nests a reply with a @mention, and the mentioned person is notified', async () => {
    const reply = await expectStatus(
      hearth.http.post(`/api/v1/items/${built.discussion.id}/replies`, { body: `Agreed, @${ada.user.username}!`, parentId: adaAnswer.id }, as(ben)),
      201,
    );
    expect(reply.bodyHtml).toContain(`href="/people/${ada.user.username}"`);
    const children = await expectStatus(hearth.http.get(`/api/v1/replies/${adaAnswer.id}/children`, as(ada)), 200);
    expect(children.items.map((r: ReplyView) => r.id)).toEqual([reply.id]);
    const notifications = await expectStatus(hearth.http.get('/api/v1/notifications', as(ada)), 200);
    expect(notifications.items[0]).toMatchObject({ kind: 'reply', link: expect.stringContaining(`#reply-${reply.id}`), actor: { id: ben.user.id } });
    expect((await expectStatus(hearth.http.post('/api/v1/notifications/read', {}, as(ada)), 200)).unread).toBe(0);
  });

  it('toggles reactions, one of each kind per person', async () => {
    const path = `/api/v1/replies/${adaAnswer.id}/reactions`;
    await expectStatus(hearth.http.put(`${path}/heart`, undefined, as(ben)), 200);
    const twice = await expectStatus(hearth.http.put(`${path}/heart`, undefined, as(ben)), 200);
    expect(twice.reactions.heart).toBe(1);
    expect(twice.myReactions).toEqual(['heart']);
    expect((await expectStatus(hearth.http.delete(`${path}/heart`, as(ben)), 200)).reactions.heart).toBe(0);
    const unknown = await hearth.http.put(`${path}/angry`, undefined, as(ben));
    expect(unknown.status).toBe(400);
  });

  it('lets only the author edit, and the author or staff remove', async () => {
    expect((await hearth.http.patch(`/api/v1/replies/${adaAnswer.id}`, { body: 'Hijacked' }, as(ben))).status).toBe(403);
    expect((await hearth.http.patch(`/api/v1/replies/${adaAnswer.id}`, { body: 'Hijacked' }, as(author))).status).toBe(403);
    const edited = await expectStatus(hearth.http.patch(`/api/v1/replies/${adaAnswer.id}`, { body: 'My room is the quiet one, on Sundays.' }, as(ada)), 200);
    expect(edited.editedAt).not.toBeNull();
    expect((await hearth.http.get(`/api/v1/replies/${adaAnswer.id}/history`, as(ada))).status).toBe(403);
    expect((await expectStatus(hearth.http.get(`/api/v1/replies/${adaAnswer.id}/history`, as(author)), 200))[0].bodyMd).toBe('My room is the quiet one.');

    const benAnswer = (await expectStatus(hearth.http.get(`/api/v1/items/${built.discussion.id}/replies`, as(ben)), 200)).items.find((r: ReplyView) => r.mine);
    expect((await hearth.http.delete(`/api/v1/replies/${benAnswer.id}`, as(ada))).status).toBe(403);
    expect((await hearth.http.delete(`/api/v1/replies/${benAnswer.id}`, as(author))).status).toBe(204);
  });

  it('lets only staff hide, restore and review, and see the moderation queue', async () => {
    expect((await hearth.http.post(`/api/v1/replies/${adaAnswer.id}/hide`, undefined, as(ben))).status).toBe(403);
    expect((await hearth.http.post(`/api/v1/replies/${adaAnswer.id}/review`, { status: 'accepted' }, as(ben))).status).toBe(403);
    expect((await hearth.http.get(`/api/v1/courses/${built.course.slug}/flags`, as(ben))).status).toBe(403);

    await expectStatus(hearth.http.post(`/api/v1/replies/${adaAnswer.id}/flags`, { reason: 'Testing the queue' }, as(ben)), 201);
    const queue = await expectStatus(hearth.http.get(`/api/v1/courses/${built.course.slug}/flags`, as(author)), 200);
    expect(queue[0]).toMatchObject({ reason: 'Testing the queue', reply: { id: adaAnswer.id } });

    expect((await expectStatus(hearth.http.post(`/api/v1/replies/${adaAnswer.id}/hide`, undefined, as(author)), 200)).state).toBe('hidden');
    expect((await expectStatus(hearth.http.get(`/api/v1/replies/${adaAnswer.id}`, as(ben)), 200)).bodyHtml).toBe('');
    expect((await expectStatus(hearth.http.post(`/api/v1/replies/${adaAnswer.id}/restore`, undefined, as(author)), 200)).state).toBe('visible');

    const reviewed = await expectStatus(hearth.http.post(`/api/v1/replies/${adaAnswer.id}/review`, { status: 'needs_revision', comment: 'Tell us why' }, as(author)), 200);
    expect(reviewed.review).toMatchObject({ status: 'needs_revision', comment: 'Tell us why' });
    const bad = await hearth.http.post(`/api/v1/replies/${adaAnswer.id}/review`, { status: 'great' }, as(author));
    expect(bad.status).toBe(400);
  });

  it('keeps people outside the course out, and validates what it is sent', async () => {
    const stranger = await hearth.register();
    expect((await hearth.http.get(`/api/v1/items/${built.discussion.id}/thread`, as(stranger))).status).toBe(403);
    expect((await hearth.http.get(`/api/v1/replies/${adaAnswer.id}`, as(stranger))).status).toBe(404);
    expect((await hearth.http.post(`/api/v1/items/${built.discussion.id}/replies`, { body: '' }, as(ada))).status).toBe(400);
    expect((await hearth.http.post(`/api/v1/items/${built.discussion.id}/replies`, { body: 'x' }, as(ada, { 'idempotency-key': 'no spaces allowed' }))).status).toBe(400);
    expect((await hearth.http.get(`/api/v1/items/${built.lesson.id}/thread`, as(ada))).status).toBe(422);
    expect((await hearth.http.get(`/api/v1/items/${built.discussion.id}/replies?sort=loudest`, as(ada))).status).toBe(400);
    expect((await hearth.http.get('/api/v1/notifications?cursor=bogus', as(ada))).status).toBe(400);
    // Cursors of the right shape with values the database would refuse.
    const forged = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
    const id = adaAnswer.id;
    for (const [sort, key] of [
      ['oldest', ['x', id]],
      ['newest', ['2026-02-30 10:00:00+00', id]],
      ['top', [3_000_000_000, '2026-02-03 10:00:00+00', id]],
    ] as const) {
      const response = await hearth.http.get(`/api/v1/items/${built.discussion.id}/replies?sort=${sort}&cursor=${forged([...key])}`, as(ada));
      expect([sort, response.status, response.body.errors]).toEqual([sort, 400, [{ field: 'cursor', message: expect.any(String) }]]);
    }
    expect((await hearth.http.get(`/api/v1/replies/${id}/children?cursor=${forged(['x', id])}`, as(ada))).status).toBe(400);
    expect((await hearth.http.get(`/api/v1/notifications?cursor=${forged(['2026-01-01 00:00:00+00', 'x'])}`, as(ada))).status).toBe(400);
  });

  it('reports answers and unread replies per discussion of a course', async () => {
    const activity = await expectStatus(hearth.http.get(`/api/v1/courses/${built.course.slug}/threads`, as(ada)), 200);
    expect(activity).toEqual([{ itemId: built.discussion.id, answerCount: 1, unread: expect.any(Number) }]);
    await expectStatus(hearth.http.post(`/api/v1/items/${built.discussion.id}/thread/read`, undefined, as(ada)), 204);
    expect((await expectStatus(hearth.http.get(`/api/v1/courses/${built.course.slug}/threads`, as(ada)), 200))[0].unread).toBe(0);
    const stranger = await hearth.register();
    const refused = await hearth.http.get(`/api/v1/courses/${built.course.slug}/threads`, as(stranger));
    expect([refused.status, refused.body.type]).toEqual([403, '/problems/not-enrolled']);
  });
});
