import type { CourseProgress } from '@hearth/contracts';
import { type Registered, startTestApp, type TestApp } from '../support/app';
import { buildCourse, type BuiltCourse, expectStatus, passQuiz } from '../support/courses';

describe('completion requirements and progress over HTTP', () => {
  let hearth: TestApp;
  let author: Registered;
  let trainee: Registered;
  let stranger: Registered;
  let built: BuiltCourse;
  let slug: string;

  beforeAll(async () => {
    hearth = await startTestApp();
    author = await hearth.author();
    [trainee, stranger] = [await hearth.register(), await hearth.register()];
    built = await buildCourse(hearth.http, author.accessToken, { publish: true });
    slug = built.course.slug;
  });
  afterAll(() => hearth.close());

  const as = (person: Registered) => ({ token: person.accessToken });

  it('lets authors set requirements, and says what is wrong with bad ones', async () => {
    const draft = await expectStatus(hearth.http.get(`/api/v1/courses/${slug}/draft`, as(author)), 200);
    expect(draft.requirements).toEqual([{ kind: 'lessons_viewed' }, { kind: 'discussions_answered' }, { kind: 'quizzes_passed' }]);

    const bad = await hearth.http.put(`/api/v1/courses/${slug}/requirements`, { requirements: [{ kind: 'sessions_attended', sessionKind: 'x', atLeast: 0 }, { kind: 'nope' }] }, as(author));
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'requirements.0.atLeast',
      'requirements.0.minutes',
      'requirements.1.kind',
    ]);
    expect((await hearth.http.put(`/api/v1/courses/${slug}/requirements`, { requirements: 'all' }, as(author))).status).toBe(400);
    expect((await hearth.http.put(`/api/v1/courses/${slug}/requirements`, { requirements: [] }, as(trainee))).status).toBe(403);

    const requirements = [{ kind: 'lessons_viewed' }, { kind: 'quizzes_passed' }, { kind: 'mentor_signoff' }];
    expect(await expectStatus(hearth.http.put(`/api/v1/courses/${slug}/requirements`, { requirements }, as(author)), 200)).toEqual({ requirements });
    // Publishing refuses requirements nobody could meet.
    await expectStatus(hearth.http.put(`/api/v1/courses/${slug}/requirements`, { requirements: [{ kind: 'discussions_answered', atLeast: 5 }] }, as(author)), 200);
    const refused = await hearth.http.post(`/api/v1/courses/${slug}/publish`, {}, as(author));
    expect([refused.status, refused.body.errors]).toEqual([422, [{ field: 'requirements.0.atLeast', message: expect.stringContaining('the course has 1') }]]);
    await expectStatus(hearth.http.put(`/api/v1/courses/${slug}/requirements`, { requirements }, as(author)), 200);
    await expectStatus(hearth.http.post(`/api/v1/courses/${slug}/publish`, {}, as(author)), 200);
  });

  it('shows a trainee their checklist, and completes the course when a mentor signs them off', async () => {
    expect((await hearth.http.get(`/api/v1/courses/${slug}/progress`, as(trainee))).status).toBe(403);
    await expectStatus(hearth.http.post(`/api/v1/courses/${slug}/enroll`, undefined, as(trainee)), 201);
    let progress: CourseProgress = await expectStatus(hearth.http.get(`/api/v1/courses/${slug}/progress`, as(trainee)), 200);
    expect(progress.requirements.map((r) => [r.kind, r.met, r.link])).toEqual([
      ['lessons_viewed', false, `/courses/${slug}/items/${built.lesson.id}`],
      ['quizzes_passed', false, `/courses/${slug}/items/${built.quiz.id}`],
      ['mentor_signoff', false, null],
    ]);

    await expectStatus(hearth.http.post(`/api/v1/items/${built.lesson.id}/view`, undefined, as(trainee)), 204);
    expect((await passQuiz(hearth.http, built, trainee.accessToken)).passed).toBe(true);

    // Only staff sign off, and only the course's trainees.
    expect((await hearth.http.post(`/api/v1/courses/${slug}/trainees/${trainee.user.id}/sign-off`, {}, as(stranger))).status).toBe(403);
    expect((await hearth.http.post(`/api/v1/courses/${slug}/trainees/${stranger.user.id}/sign-off`, {}, as(author))).status).toBe(404);
    expect((await hearth.http.post(`/api/v1/courses/${slug}/trainees/not-a-uuid/sign-off`, {}, as(author))).status).toBe(400);
    await expectStatus(hearth.http.post(`/api/v1/courses/${slug}/trainees/${trainee.user.id}/sign-off`, { note: 'Ready' }, as(author)), 204);

    progress = await expectStatus(hearth.http.get(`/api/v1/courses/${slug}/progress`, as(trainee)), 200);
    expect(progress).toMatchObject({ completed: true, version: 2, signedOff: { by: expect.objectContaining({ id: author.user.id }) } });
  });

  it('shows staff the trainees and the funnel, and nobody else', async () => {
    const trainees = await expectStatus(hearth.http.get(`/api/v1/courses/${slug}/trainees`, as(author)), 200);
    expect(trainees.items).toEqual([expect.objectContaining({ user: expect.objectContaining({ id: trainee.user.id }), done: 2, total: 3, signedOffAt: expect.any(String) })]);
    expect((await hearth.http.get(`/api/v1/courses/${slug}/trainees`, as(trainee))).status).toBe(403);

    const funnel = await expectStatus(hearth.http.get(`/api/v1/courses/${slug}/funnel`, as(author)), 200);
    expect(funnel.steps).toEqual([
      { label: 'Enrolled', count: 1 },
      { label: 'Started', count: 1 },
      { label: 'All lessons opened', count: 1 },
      { label: 'All quizzes passed', count: 1 },
      { label: 'Signed off by a mentor', count: 1 },
      { label: 'Completed', count: 1 },
    ]);
    expect((await hearth.http.get(`/api/v1/courses/${slug}/funnel`, as(stranger))).status).toBe(403);
    expect((await hearth.http.get(`/api/v1/courses/${slug}/funnel`)).status).toBe(401);
  });
});
