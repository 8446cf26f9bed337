import { type Registered, startTestApp, type TestApp } from '../support/app';
import { buildCourse, expectStatus } from '../support/courses';
import { expectProblem } from '../support/http';

describe('my learning over HTTP', () => {
  let hearth: TestApp;
  beforeAll(async () => {
    hearth = await startTestApp();
  });
  afterAll(() => hearth.close());

  const as = (person: Registered) => ({ token: person.accessToken });

  it('lists my courses with how far I am and the next step, and only mine', async () => {
    const author = await hearth.author();
    const [first, second] = [await buildCourse(hearth.http, author.accessToken, { publish: true }), await buildCourse(hearth.http, author.accessToken, { publish: true })];
    const trainee = await hearth.register();
    expect(await expectStatus(hearth.http.get('/api/v1/me/learning', as(trainee)), 200)).toEqual({ courses: [] });

    for (const built of [first, second]) await expectStatus(hearth.http.post(`/api/v1/courses/${built.course.slug}/enroll`, undefined, as(trainee)), 201);
    await expectStatus(hearth.http.post(`/api/v1/items/${first.lesson.id}/view`, undefined, as(trainee)), 204);
    const { courses } = await expectStatus(hearth.http.get('/api/v1/me/learning', as(trainee)), 200);
    expect(courses).toEqual([
      expect.objectContaining({ courseId: second.course.id, done: 0, total: 3, completedAt: null, next: { id: second.lesson.id, title: 'Welcome', type: 'lesson' } }),
      expect.objectContaining({ courseId: first.course.id, slug: first.course.slug, done: 1, total: 3, next: { id: first.discussion.id, title: 'Your room', type: 'discussion' } }),
    ]);
    expect(await expectStatus(hearth.http.get('/api/v1/me/learning', as(author)), 200)).toEqual({ courses: [] });
    expectProblem(await hearth.http.get('/api/v1/me/learning'), 401, 'unauthenticated');
  });
});
