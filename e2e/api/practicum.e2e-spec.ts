import type { CourseProgress, PracticeSessionView, PracticumRubric } from '@hearth/contracts';
import { type Registered, startTestApp, type TestApp } from '../support/app';
import { buildCourse, type BuiltCourse, completeCourse, expectStatus } from '../support/courses';
import { Database } from '@hearth/platform';
import { expectProblem } from '../support/http';

const RUBRIC: PracticumRubric = {
  criteria: [
    { key: 'opening', label: 'Opening the circle', description: 'Welcomes everyone and sets the frame', maxScore: 4 },
    { key: 'pacing', label: 'Pacing', maxScore: 3 },
  ],
  passScore: 5,
};

describe('the practicum: practice sessions a trainee leads, a mentor scores, and a pass counts', () => {
  let hearth: TestApp;
  let admin: Registered;
  let author: Registered;
  let mentor: Registered;
  let built: BuiltCourse;
  let scriptId: string;
  let roomId: string;
  const as = (person: Registered) => ({ token: person.accessToken });

  beforeAll(async () => {
    hearth = await startTestApp();
    [admin, author, mentor] = [await hearth.admin(), await hearth.author(), await hearth.register({ displayName: 'Morgan Mentor' })];
    built = await buildCourse(hearth.http, author.accessToken);
    const script = await expectStatus(
      hearth.http.post(
        `/api/v1/modules/${built.modules[0].id}/items`,
        {
          type: 'script',
          title: 'Leading a first circle',
          body: 'The plan: open, share, close.',
          script: { steps: [{ title: 'Open', prompt: 'Welcome each person **by name**.' }, { title: 'Close', prompt: 'Thank the group.' }], questions: ['What would you do differently?'] },
        },
        as(author),
      ),
      201,
    );
    scriptId = script.id;
    expect(script).toMatchObject({ type: 'script', script: { steps: [{ title: 'Open' }, { title: 'Close' }], questions: ['What would you do differently?'] }, problems: [] });
    await expectStatus(
      hearth.http.put(`/api/v1/courses/${built.course.slug}/requirements`, { requirements: [{ kind: 'lessons_viewed' }, { kind: 'practicum', atLeast: 1, rubric: RUBRIC }] }, as(author)),
      200,
    );
    await expectStatus(hearth.http.post(`/api/v1/courses/${built.course.slug}/staff`, { username: mentor.user.username, role: 'mentor' }, as(author)), 201);
    await expectStatus(hearth.http.post(`/api/v1/courses/${built.course.slug}/publish`, { note: 'With a practicum' }, as(author)), 200);
    roomId = (await expectStatus(hearth.http.post('/api/v1/chat/rooms', { name: 'Practice room', topic: 'Practise leading', tags: ['practice'] }, as(admin)), 201)).id;
  });
  afterAll(() => hearth.close());

  async function newTrainee(): Promise<Registered> {
    const trainee = await hearth.register();
    await expectStatus(hearth.http.post(`/api/v1/courses/${built.course.slug}/enroll`, undefined, as(trainee)), 201);
    return trainee;
  }

  const startPractice = (trainee: Registered) =>
    hearth.http.post(`/api/v1/chat/rooms/${roomId}/sessions`, { topic: 'My practice circle', practice: { courseId: built.course.id, scriptItemId: scriptId } }, as(trainee));

  it('refuses a rubric that cannot work, naming each field', async () => {
    const response = await hearth.http.put(
      `/api/v1/courses/${built.course.slug}/requirements`,
      { requirements: [{ kind: 'practicum', atLeast: 1, rubric: { criteria: [{ key: 'Opening', label: 'Opening', maxScore: 0 }], passScore: 9 } }] },
      as(author),
    );
    expectProblem(response, 400, 'validation');
    expect(response.body.errors).toEqual([
      { field: 'requirements.0.rubric.criteria.0.key', message: expect.any(String) },
      { field: 'requirements.0.rubric.criteria.0.maxScore', message: expect.any(String) },
    ]);
  });

  it('runs the whole loop over HTTP: lead from the script, observe, end, score; the trainee reads the feedback and completes', async () => {
    const trainee = await newTrainee();
    const item = await expectStatus(hearth.http.get(`/api/v1/items/${scriptId}`, as(trainee)), 200);
    expect(item.script.steps[0]).toEqual({ title: 'Open', promptHtml: expect.stringContaining('<strong>by name</strong>') });

    const session = await expectStatus(startPractice(trainee), 201);
    expect(session).toMatchObject({ kind: 'practice', startedAt: expect.any(String), practice: { courseId: built.course.id, scriptItemId: scriptId, observer: null, reviewed: false } });
    const script: PracticeSessionView = await expectStatus(hearth.http.get(`/api/v1/chat/sessions/${session.id}/practice`, as(trainee)), 200);
    expect(script).toMatchObject({ leading: true, canReview: false, roomName: 'Practice room', course: { slug: built.course.slug }, script: { title: 'Leading a first circle' } });

    const observed: PracticeSessionView = await expectStatus(hearth.http.post(`/api/v1/chat/sessions/${session.id}/observe`, undefined, as(mentor)), 200);
    expect(observed).toMatchObject({ observing: true, session: { practice: { observer: { id: mentor.user.id } } } });
    await expectStatus(hearth.http.post(`/api/v1/chat/sessions/${session.id}/end`, undefined, as(trainee)), 200);

    const scored: PracticeSessionView = await expectStatus(
      hearth.http.post(`/api/v1/chat/sessions/${session.id}/practicum-review`, { scores: { opening: 4, pacing: 2 }, feedback: 'A **warm** opening; leave more silence.' }, as(mentor)),
      201,
    );
    expect(scored.review).toMatchObject({ total: 6, passScore: 5, passed: true, mentor: { id: mentor.user.id } });

    await expectStatus(hearth.http.post(`/api/v1/items/${built.lesson.id}/view`, undefined, as(trainee)), 204);
    const progress: CourseProgress = await expectStatus(hearth.http.get(`/api/v1/courses/${built.course.slug}/progress`, as(trainee)), 200);
    expect(progress.completed).toBe(true);
    expect(progress.requirements.map((r) => [r.kind, r.met])).toEqual([
      ['lessons_viewed', true],
      ['practicum', true],
    ]);
    expect(progress.practicumReviews).toEqual([
      expect.objectContaining({
        sessionId: session.id,
        scriptTitle: 'Leading a first circle',
        scores: [
          { key: 'opening', label: 'Opening the circle', score: 4, maxScore: 4 },
          { key: 'pacing', label: 'Pacing', score: 2, maxScore: 3 },
        ],
        passed: true,
        feedbackHtml: expect.stringContaining('<strong>warm</strong>'),
        mentor: expect.objectContaining({ displayName: 'Morgan Mentor' }),
      }),
    ]);
  });

  it('a failing score is shown but does not count', async () => {
    const trainee = await newTrainee();
    const session = await expectStatus(startPractice(trainee), 201);
    await expectStatus(hearth.http.post(`/api/v1/chat/sessions/${session.id}/observe`, undefined, as(mentor)), 200);
    await expectStatus(hearth.http.post(`/api/v1/chat/sessions/${session.id}/end`, undefined, as(trainee)), 200);
    await expectStatus(hearth.http.post(`/api/v1/chat/sessions/${session.id}/practicum-review`, { scores: { opening: 1, pacing: 1 }, feedback: 'Try again.' }, as(mentor)), 201);
    const progress: CourseProgress = await expectStatus(hearth.http.get(`/api/v1/courses/${built.course.slug}/progress`, as(trainee)), 200);
    expect(progress.requirements.find((r) => r.kind === 'practicum')).toMatchObject({ met: false, done: 0, needed: 1 });
    expect(progress.practicumReviews.map((r) => [r.total, r.passed])).toEqual([[2, false]]);
  });

  it('refuses, as problem+json, what breaks the rules', async () => {
    const trainee = await newTrainee();
    const stranger = await hearth.register();
    // Only enrolled trainees lead; only in a practice room; only from a script of the course.
    expectProblem(await startPractice(stranger), 403, 'not-allowed');
    const lounge = await expectStatus(hearth.http.post('/api/v1/chat/rooms', { name: 'Lounge', topic: 'Talk', tags: ['general'] }, as(admin)), 201);
    expectProblem(
      await hearth.http.post(`/api/v1/chat/rooms/${lounge.id}/sessions`, { topic: 'Here?', practice: { courseId: built.course.id, scriptItemId: scriptId } }, as(trainee)),
      422,
      'practice-rule',
    );
    const wrongItem = await hearth.http.post(`/api/v1/chat/rooms/${roomId}/sessions`, { topic: 'Lesson?', practice: { courseId: built.course.id, scriptItemId: built.lesson.id } }, as(trainee));
    expectProblem(wrongItem, 400, 'validation');
    expect(wrongItem.body.errors).toEqual([{ field: 'practice.scriptItemId', message: expect.any(String) }]);

    const session = await expectStatus(startPractice(trainee), 201);
    const review = (who: Registered, body: unknown = { scores: { opening: 3, pacing: 3 }, feedback: 'Good.' }) =>
      hearth.http.post(`/api/v1/chat/sessions/${session.id}/practicum-review`, body, as(who));
    // Nobody observed it yet.
    expectProblem(await review(mentor), 422, 'practice-rule');
    expectProblem(await hearth.http.post(`/api/v1/chat/sessions/${session.id}/observe`, undefined, as(stranger)), 403, 'not-allowed');
    await expectStatus(hearth.http.post(`/api/v1/chat/sessions/${session.id}/observe`, undefined, as(mentor)), 200);
    expectProblem(await review(mentor), 409, 'session-running');
    await expectStatus(hearth.http.post(`/api/v1/chat/sessions/${session.id}/end`, undefined, as(trainee)), 200);
    expectProblem(await review(trainee), 403, 'not-allowed');
    expectProblem(await review(stranger), 403, 'not-allowed');
    expectProblem(await hearth.http.get(`/api/v1/chat/sessions/${session.id}/practice`, as(stranger)), 404, 'session-not-found');
    const offRubric = await review(mentor, { scores: { opening: 7 }, feedback: 'Hm.' });
    expectProblem(offRubric, 400, 'validation');
    expect(offRubric.body.errors.map((e: { field: string }) => e.field)).toEqual(['scores.opening', 'scores.pacing']);
    expectProblem(await review(mentor, { scores: { opening: 1, pacing: 1 } }), 400, 'validation');
    await expectStatus(review(mentor), 201);
    expectProblem(await review(mentor), 409, 'already-reviewed');
    // A session that is not a practice one has no review.
    const plain = await expectStatus(hearth.http.post(`/api/v1/chat/rooms/${lounge.id}/sessions`, { topic: 'Plain', startNow: true }, as(admin)), 201);
    expectProblem(await hearth.http.post(`/api/v1/chat/sessions/${plain.id}/practicum-review`, { scores: {}, feedback: 'x' }, as(admin)), 404, 'not-practice');
  });

  it('gives the reviews to the trainee in their data, and a deleted account takes them along; a deleted mentor’s feedback loses its words', async () => {
    const trainee = await newTrainee();
    const otherMentor = await hearth.register();
    await expectStatus(hearth.http.post(`/api/v1/courses/${built.course.slug}/staff`, { username: otherMentor.user.username, role: 'mentor' }, as(author)), 201);
    const session = await expectStatus(startPractice(trainee), 201);
    await expectStatus(hearth.http.post(`/api/v1/chat/sessions/${session.id}/observe`, undefined, as(otherMentor)), 200);
    await expectStatus(hearth.http.post(`/api/v1/chat/sessions/${session.id}/end`, undefined, as(trainee)), 200);
    await expectStatus(hearth.http.post(`/api/v1/chat/sessions/${session.id}/practicum-review`, { scores: { opening: 3, pacing: 3 }, feedback: 'Kind and clear.' }, as(otherMentor)), 201);

    const mine = await expectStatus(hearth.http.get('/api/v1/me/export', as(trainee)), 200);
    expect(mine.progress.practicumReviews).toEqual([expect.objectContaining({ sessionId: session.id, total: 6, passed: true, feedback: 'Kind and clear.' })]);
    const theirs = await expectStatus(hearth.http.get('/api/v1/me/export', as(otherMentor)), 200);
    expect(theirs.chat.practiceReviewsWritten).toEqual([expect.objectContaining({ topic: 'My practice circle', total: 6, feedback: 'Kind and clear.' })]);

    const db = hearth.nest.get(Database);
    const count = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE session_id = $1`, [session.id]))[0].n;
    await expectStatus(hearth.http.delete('/api/v1/me', { body: { currentPassword: otherMentor.password }, token: otherMentor.accessToken }), 204);
    const [kept] = await db.query<{ feedback: string; total: number }>('SELECT feedback, total FROM practicum_review WHERE session_id = $1', [session.id]);
    expect(kept).toEqual({ feedback: '', total: 6 });
    await expectStatus(hearth.http.delete('/api/v1/me', { body: { currentPassword: trainee.password }, token: trainee.accessToken }), 204);
    expect([await count('practicum_review'), await count('chat_practice_review')]).toEqual([0, 0]);
  });

  it('leaves a course without a practicum as it was: no reviews, completed by what it asks', async () => {
    const other = await buildCourse(hearth.http, author.accessToken, { publish: true });
    const trainee = await hearth.register();
    await expectStatus(hearth.http.post(`/api/v1/courses/${other.course.slug}/enroll`, undefined, as(trainee)), 201);
    await completeCourse(hearth.http, other, trainee.accessToken);
    const progress: CourseProgress = await expectStatus(hearth.http.get(`/api/v1/courses/${other.course.slug}/progress`, as(trainee)), 200);
    expect(progress).toMatchObject({ completed: true, practicumReviews: [] });
  });
});
