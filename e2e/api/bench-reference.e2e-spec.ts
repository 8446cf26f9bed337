import jwt from 'jsonwebtoken';
import type { AuthResponse, CourseOutline, OutlineItem, Page, ReplyView } from '@hearth/contracts';
import { DATABASE_URL } from '@hearth/platform';
import { DEMO_PASSWORD } from '@hearth/api';
import { type ReferenceServer, startReferenceServer } from '../../bench/reference/server';
import { startTestApp, type TestApp } from '../support/app';
import { expectStatus } from '../support/courses';
import { Http, type HttpResult } from '../support/http';

const JWT_SECRET = 'bench-reference-e2e-secret-that-both-servers-share';
const COURSE = 'group-support-foundations';
/** Long enough to count toward the demo's discussions (they ask for 40 words). */
const ANSWER = [
  'When a conversation in the **support circle** heated up, I slowed things down: I named what was happening,',
  'thanked both people for caring so much, and asked everyone to take a breath before going on.',
  'Then I invited the quieter members to share, and checked in privately with the two who had clashed.',
  'See [the room guide](https://example.org/guide) for the steps we follow; it worked better than I expected.',
].join(' ');

/**
 * The benchmark's reference server (bench/reference/server.ts) must do Hearth's work and
 * answer as Hearth does, or the benchmark compares Hearth with something else. Both run
 * here on one database, with the demo loaded, and answer the same requests.
 */
describe('the benchmark reference server, beside Hearth on one database', () => {
  let hearth: TestApp;
  let reference: ReferenceServer;
  let other: Http;
  let riley: AuthResponse;
  let items: OutlineItem[];
  let discussions: OutlineItem[];

  beforeAll(async () => {
    hearth = await startTestApp({ HEARTH_JWT_SECRET: JWT_SECRET }, { demo: true });
    reference = await startReferenceServer({ databaseUrl: hearth.nest.get<string>(DATABASE_URL), jwtSecret: JWT_SECRET });
    other = new Http(reference.url);
    riley = await signIn('riley');
    const outline: CourseOutline = await expectStatus(hearth.http.get(`/api/v1/courses/${COURSE}`, { token: riley.accessToken }), 200);
    items = outline.modules.flatMap((module) => module.items);
    discussions = items.filter((item) => item.type === 'discussion');
    // Three more answers to the first discussion (Riley's is there already): two pages of two.
    const sam = await signIn('sam');
    await expectStatus(hearth.http.post(`/api/v1/courses/${COURSE}/enroll`, undefined, { token: sam.accessToken }), 201);
    for (const person of [sam, await signIn('mentor'), await signIn('author')]) {
      await expectStatus(hearth.http.post(`/api/v1/items/${discussions[0].id}/replies`, { body: `${person.user.displayName} writes: ${ANSWER}` }, { token: person.accessToken }), 201);
    }
  });
  afterAll(async () => {
    await reference?.close();
    await hearth?.close();
  });

  async function signIn(login: string): Promise<AuthResponse> {
    return expectStatus(hearth.http.post('/api/v1/auth/login', { login, password: DEMO_PASSWORD }), 200);
  }

  const as = (person: AuthResponse | null) => (person ? { token: person.accessToken } : {});

  /** The same GET to both; both answers, checked to be the same status. */
  async function fromBoth(path: string, person: AuthResponse | null = riley): Promise<[HttpResult, HttpResult]> {
    const ours = await hearth.http.get(path, as(person));
    const theirs = await other.get(path, as(person));
    expect([path, theirs.status]).toEqual([path, ours.status]);
    return [ours, theirs];
  }

  async function expectSameJson(path: string, person: AuthResponse | null = riley): Promise<any> {
    const [ours, theirs] = await fromBoth(path, person);
    expect(ours.status).toBe(200);
    expect(theirs.body).toEqual(ours.body);
    return ours.body;
  }

  /** Problems match but for the request id, which is each request's own; headers that matter too. */
  async function expectSameProblem(ours: HttpResult, theirs: HttpResult): Promise<void> {
    expect(theirs.status).toBe(ours.status);
    expect(theirs.headers.get('content-type')).toBe(ours.headers.get('content-type'));
    expect(theirs.headers.get('www-authenticate')).toBe(ours.headers.get('www-authenticate'));
    expect(typeof theirs.body.requestId).toBe('string');
    expect({ ...theirs.body, requestId: 'x' }).toEqual({ ...ours.body, requestId: 'x' });
  }

  it('answers GET /me as Hearth does', async () => {
    const me = await expectSameJson('/api/v1/me');
    expect(me.username).toBe('riley');
    // The mentor holds facilitator roles, which /me lists with their names.
    expect((await expectSameJson('/api/v1/me', await signIn('mentor'))).facilitatorRoles).toHaveLength(2);
  });

  it('answers the course outline with my progress, by slug and by id, signed in or not', async () => {
    const outline: CourseOutline = await expectSameJson(`/api/v1/courses/${COURSE}`);
    expect(outline.progress).toEqual({ done: 1, total: 11 });
    await expectSameJson(`/api/v1/courses/${outline.id.toUpperCase()}`);
    await expectSameJson(`/api/v1/courses/${COURSE}`, null);
    await expectSameJson(`/api/v1/courses/${COURSE}`, await signIn('author'));
  });

  it('answers every item as a trainee opens it (lessons, discussions, the quiz, the practice script)', async () => {
    for (const item of items) await expectSameJson(`/api/v1/items/${item.id}`);
    expect(new Set(items.map((item) => item.type))).toEqual(new Set(['lesson', 'discussion', 'quiz', 'script']));
  });

  it('pages answers by keyset in each order, with cursors either server can continue', async () => {
    const replies = `/api/v1/items/${discussions[0].id}/replies`;
    for (const sort of ['oldest', 'newest', 'top']) {
      const first: Page<ReplyView> = await expectSameJson(`${replies}?sort=${sort}&limit=2`);
      expect(first.items).toHaveLength(2);
      expect(first.nextCursor).not.toBeNull();
      const [ours, theirs] = [
        await hearth.http.get(`${replies}?sort=${sort}&limit=2&cursor=${first.nextCursor}`, as(riley)),
        await other.get(`${replies}?sort=${sort}&limit=2&cursor=${first.nextCursor}`, as(riley)),
      ];
      expect(theirs.body).toEqual(ours.body);
      expect(ours.body.items).toHaveLength(2);
      expect(ours.body.nextCursor).toBeNull();
      // And a cursor the reference gave out, continued by Hearth.
      const theirFirst = await other.get(`${replies}?sort=${sort}&limit=3`, as(riley));
      expect(await expectStatus(hearth.http.get(`${replies}?sort=${sort}&limit=3&cursor=${theirFirst.body.nextCursor}`, as(riley)), 200)).toEqual(
        await expectStatus(other.get(`${replies}?sort=${sort}&limit=3&cursor=${theirFirst.body.nextCursor}`, as(riley)), 200),
      );
    }
    await expectSameJson(replies);
    await expectSameJson(`${replies}?limit=1`);
    // Staff see every answer; the mentor's view has reviews to show for answers that have them.
    await expectSameJson(`${replies}?limit=100`, await signIn('mentor'));
  });

  it('refuses as Hearth does, with the same problems', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const newcomer = await hearth.register();
    await expectStatus(hearth.http.post(`/api/v1/courses/${COURSE}/enroll`, undefined, { token: newcomer.accessToken }), 201);
    const refusals: Array<[string, AuthResponse | null]> = [
      [`/api/v1/items/${unknown}`, riley],
      [`/api/v1/items/not-a-uuid`, riley],
      [`/api/v1/items/${discussions[0].id}/replies?cursor=bogus`, riley],
      [`/api/v1/items/${discussions[0].id}/replies?sort=top&cursor=${Buffer.from(JSON.stringify(['2026-02-30 00:00:00+00', unknown])).toString('base64url')}`, riley],
      [`/api/v1/items/${discussions[0].id}/replies?sort=best&limit=0&cursor=a&cursor=b&page=2`, riley],
      [`/api/v1/items/${discussions[0].id}/replies`, newcomer], // post-first: no answer of their own yet
      [`/api/v1/items/${items[0].id}/replies`, riley], // a lesson has no replies
      [`/api/v1/courses/no-such-course`, riley],
      ['/api/v1/me', null],
    ];
    for (const [path, person] of refusals) await expectSameProblem(...(await fromBoth(path, person)));
  });

  it('refuses a missing, forged or expired token with 401 problem+json', async () => {
    const missing = await other.get('/api/v1/me');
    expect([missing.status, missing.headers.get('content-type'), missing.body.type]).toEqual([401, 'application/problem+json; charset=utf-8', '/problems/unauthenticated']);
    const expired = jwt.sign({ sub: riley.user.id, username: 'riley', roles: [], sid: 'x' }, JWT_SECRET, {
      algorithm: 'HS256',
      issuer: 'hearth',
      audience: 'hearth-api',
      expiresIn: -60,
    });
    const forged = jwt.sign({ sub: riley.user.id, username: 'riley', roles: [], sid: 'x' }, 'another-secret-of-at-least-32-characters', { issuer: 'hearth', audience: 'hearth-api' });
    const elsewhere = jwt.sign({ sub: riley.user.id, username: 'riley', roles: [], sid: 'x' }, JWT_SECRET, { issuer: 'hearth', audience: 'somewhere-else' });
    for (const authorization of [`Bearer ${expired}`, `Bearer ${forged}`, `Bearer ${elsewhere}`, 'Basic cmlsZXk6aGVhcnRo']) {
      const headers = { authorization };
      await expectSameProblem(await hearth.http.get('/api/v1/me', { headers }), await other.get('/api/v1/me', { headers }));
      await expectSameProblem(await hearth.http.get(`/api/v1/courses/${COURSE}`, { headers }), await other.get(`/api/v1/courses/${COURSE}`, { headers }));
    }
  });

  it('posts an answer as Hearth does: the same view and HTML, the same progress, one reply per key', async () => {
    const [second, third] = [discussions[1].id, discussions[2].id];
    const ours = await hearth.http.post(`/api/v1/items/${second}/replies`, { body: `  ${ANSWER}  ` }, { ...as(riley), headers: { 'idempotency-key': 'riley-second' } });
    const theirs = await other.post(`/api/v1/items/${third}/replies`, { body: `  ${ANSWER}  ` }, { ...as(riley), headers: { 'idempotency-key': 'riley-third' } });
    expect([ours.status, theirs.status]).toEqual([201, 201]);
    const mine = (view: ReplyView) => ({ ...view, id: 'id', itemId: 'item', createdAt: 'at' });
    expect(mine(theirs.body)).toEqual(mine(ours.body));
    expect(theirs.body).toMatchObject({ itemId: third, bodyMd: ANSWER, state: 'visible', author: { username: 'riley' } });
    expect(theirs.body.bodyHtml).toContain('<strong>support circle</strong>');
    expect(theirs.body.bodyHtml).toContain('rel="noopener nofollow ugc"');
    expect(theirs.body.wordCount).toBeGreaterThanOrEqual(40);
    // What the reference wrote reads back through Hearth exactly as it answered.
    expect(await expectStatus(hearth.http.get(`/api/v1/replies/${theirs.body.id}`, as(riley)), 200)).toEqual(theirs.body);

    // Progress as Hearth reports it counts both answers; the standing rows were saved by each.
    const outline: CourseOutline = await expectSameJson(`/api/v1/courses/${COURSE}`);
    expect(outline.progress).toEqual({ done: 3, total: 11 });
    expect(outline.modules.flatMap((module) => module.items).filter((item) => item.type === 'discussion').map((item) => item.state)).toEqual(['answered', 'answered', 'answered']);
    const progress = await expectStatus(hearth.http.get(`/api/v1/courses/${COURSE}/progress`, as(riley)), 200);
    expect(progress.requirements.find((r: { kind: string }) => r.kind === 'discussions_answered')).toMatchObject({ met: true, done: 3 });
    const trainees = await expectStatus(hearth.http.get(`/api/v1/courses/${COURSE}/trainees`, as(await signIn('mentor'))), 200);
    expect(trainees.items.find((trainee: { user: { username: string } }) => trainee.user.username === 'riley')).toMatchObject({ done: 3, total: 11 });
    const threads = await expectStatus(hearth.http.get(`/api/v1/courses/${COURSE}/threads`, as(riley)), 200);
    expect(threads.find((thread: { itemId: string }) => thread.itemId === third).answerCount).toBe(1);

    // A key already used answers the first reply again, whichever server wrote it; a second answer is refused.
    expect((await other.post(`/api/v1/items/${third}/replies`, { body: 'Again' }, { ...as(riley), headers: { 'idempotency-key': 'riley-third' } })).body).toEqual(theirs.body);
    const replayed = await other.post(`/api/v1/items/${second}/replies`, { body: 'Again' }, { ...as(riley), headers: { 'idempotency-key': 'riley-second' } });
    expect([replayed.status, replayed.body]).toEqual([201, ours.body]);
    for (const item of [second, third]) {
      await expectSameProblem(await hearth.http.post(`/api/v1/items/${item}/replies`, { body: 'Again' }, as(riley)), await other.post(`/api/v1/items/${item}/replies`, { body: 'Again' }, as(riley)));
    }
    for (const body of [{}, { body: ' ', parentId: 'x', extra: 1 }, [ANSWER]]) {
      await expectSameProblem(await hearth.http.post(`/api/v1/items/${second}/replies`, body, as(riley)), await other.post(`/api/v1/items/${second}/replies`, body, as(riley)));
    }
  });

  it('posts a reply to an answer with a @mention, and tells the answer’s author as Hearth does', async () => {
    const sam = await signIn('sam');
    const answers: Page<ReplyView> = await expectStatus(hearth.http.get(`/api/v1/items/${discussions[0].id}/replies?limit=100`, as(riley)), 200);
    const samsAnswer = answers.items.find((reply) => reply.author?.username === 'sam')!;
    const reply = await expectStatus(other.post(`/api/v1/items/${discussions[0].id}/replies`, { body: 'Thank you, @sam and @mentor!', parentId: samsAnswer.id }, as(riley)), 201);
    expect(reply.bodyHtml).toBe(
      '<p>Thank you, <a href="/people/sam" class="mention" rel="noopener nofollow ugc">@sam</a> and <a href="/people/mentor" class="mention" rel="noopener nofollow ugc">@mentor</a>!</p>\n',
    );
    expect(await expectStatus(hearth.http.get(`/api/v1/replies/${reply.id}`, as(riley)), 200)).toEqual(reply);
    const children = await expectStatus(hearth.http.get(`/api/v1/replies/${samsAnswer.id}/children`, as(sam)), 200);
    expect(children.items.map((child: ReplyView) => child.id)).toEqual([reply.id]);
    expect((await expectStatus(hearth.http.get(`/api/v1/replies/${samsAnswer.id}`, as(sam)), 200)).childCount).toBe(1);
    const samsNews = await expectStatus(hearth.http.get('/api/v1/notifications', as(sam)), 200);
    expect(samsNews.items[0]).toMatchObject({ kind: 'reply', actor: { username: 'riley' }, link: expect.stringContaining(`#reply-${reply.id}`) });
    const mentorsNews = await expectStatus(hearth.http.get('/api/v1/notifications', as(await signIn('mentor'))), 200);
    expect(mentorsNews.items[0]).toMatchObject({ kind: 'mention', actor: { username: 'riley' } });
  });
});
