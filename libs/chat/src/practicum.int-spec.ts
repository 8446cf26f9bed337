import type { PracticumReviewed, PracticumRubric } from '@hearth/contracts';
import { CredentialsWorld } from '@hearth/credentials/testing';
import type { AuthUser } from '@hearth/identity';
import { DomainEvents } from '@hearth/platform';
import { createIntegrationContext, type IntegrationContext } from '@hearth/platform/testing';
import { DiscussionsModule } from '@hearth/discussions';
import { NotificationsModule, NotificationsService } from '@hearth/notifications';
import { ProgressService } from '@hearth/progress';
import { ChatModule } from './chat.module';
import { RoomsService } from './rooms.service';
import { SessionsService } from './sessions.service';

const RUBRIC: PracticumRubric = {
  criteria: [
    { key: 'opening', label: 'Opening the circle', maxScore: 4 },
    { key: 'pacing', label: 'Pacing', maxScore: 3 },
  ],
  passScore: 5,
};

describe('practice sessions and the practicum (PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let world: CredentialsWorld;
  let admin: AuthUser;
  let rooms: RoomsService;
  let sessions: SessionsService;
  let progress: ProgressService;
  const reviewed: PracticumReviewed[] = [];

  beforeAll(async () => {
    ctx = await createIntegrationContext([ChatModule, DiscussionsModule, NotificationsModule]);
    world = new CredentialsWorld(ctx);
    admin = await world.newAdmin();
    [rooms, sessions, progress] = [ctx.get(RoomsService), ctx.get(SessionsService), ctx.get(ProgressService)];
    ctx.get(DomainEvents).on('practicum.reviewed', async (event) => void reviewed.push(event));
  });
  afterAll(() => ctx.close());

  const codeOf = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: { code?: string }) => error.code ?? String(error));

  /** A published course whose only requirement is a practicum of `atLeast` passing sessions, with a script, a mentor and an enrolled trainee. */
  async function practicum(atLeast = 1) {
    const author = await world.newAuthor();
    const { course, module } = await world.newCourse(author);
    const script = await world.authoring.addItem(author, module.id, {
      type: 'script',
      title: 'A first circle',
      body: 'The plan: *open*, share, close.',
      script: { steps: [{ title: 'Open', prompt: 'Welcome everyone **by name**.' }, { title: 'Close', prompt: '' }], questions: ['What surprised you?'] },
    });
    await world.courses.setRequirements(author, course.id, [{ kind: 'practicum', atLeast, rubric: RUBRIC }]);
    const mentor = await world.newUser();
    await world.courses.setStaff(author, course.id, { userId: mentor.id }, 'mentor');
    await world.publishing.publish(author, course.id, 'With a practicum');
    const trainee = await world.newUser();
    await world.learning.enroll(trainee, course.id);
    const room = await rooms.create(admin, { name: `Practice ${course.slug}`, topic: 'Practise leading', tags: ['practice'] });
    return { author, course, script, mentor, trainee, room };
  }

  /** A practice session led by the trainee, observed by the mentor, ended. */
  async function endedSession(p: Awaited<ReturnType<typeof practicum>>) {
    const session = await sessions.create(p.trainee, p.room.id, { topic: 'My practice', practice: { courseId: p.course.id, scriptItemId: p.script.id } });
    await sessions.observe(p.mentor, session.id);
    await sessions.end(p.trainee, session.id);
    return session;
  }

  it('runs the loop: the trainee leads from the script, the mentor observes and scores, a pass completes the practicum', async () => {
    const p = await practicum(1);
    const session = await sessions.create(p.trainee, p.room.id, { topic: 'My practice', practice: { courseId: p.course.id, scriptItemId: p.script.id } });
    expect(session).toMatchObject({ kind: 'practice', startedAt: expect.any(String), practice: { courseId: p.course.id, scriptItemId: p.script.id, observer: null, reviewed: false } });

    const mine = await sessions.practice(p.trainee, session.id);
    expect(mine).toMatchObject({ leading: true, observing: false, canReview: false, review: null, rubric: RUBRIC });
    expect(mine.script.steps).toEqual([
      { title: 'Open', promptHtml: expect.stringContaining('<strong>by name</strong>') },
      { title: 'Close', promptHtml: '' },
    ]);
    expect(mine.script.questions).toEqual(['What surprised you?']);

    const observed = await sessions.observe(p.mentor, session.id);
    expect(observed).toMatchObject({ observing: true, canReview: false, session: { practice: { observer: { id: p.mentor.id } } } });
    await sessions.end(p.trainee, session.id);
    expect((await sessions.practice(p.mentor, session.id)).canReview).toBe(true);
    // The session waits on its mentor, who is told so.
    const noticeOf = async (person: AuthUser, kind: string, sessionId: string) =>
      (await ctx.get(NotificationsService).list(person, { limit: 100 })).items.find((n) => n.kind === kind && n.link === `/chat/sessions/${sessionId}/practice`);
    expect(await noticeOf(p.mentor, 'practice_to_score', session.id)).toMatchObject({ actor: { id: p.trainee.id }, text: expect.stringContaining('waits for your scores') });

    // A failing score is recorded and shown, but does not count.
    const failing = await endedSession(p);
    await sessions.review(p.mentor, failing.id, { scores: { opening: 2, pacing: 1 }, feedback: 'Slow the opening down.' });
    let standing = (await progress.courseProgress(p.trainee.id, p.course.id))!;
    expect(standing.completed).toBe(false);
    expect(standing.requirements[0]).toMatchObject({ kind: 'practicum', met: false, done: 0, needed: 1 });

    const after = await sessions.review(p.mentor, session.id, { scores: { opening: 4, pacing: 2 }, feedback: 'A *warm* opening.' });
    expect(after.review).toMatchObject({ total: 6, passScore: 5, passed: true, feedbackHtml: expect.stringContaining('<em>warm</em>'), mentor: { id: p.mentor.id } });
    expect(after.canReview).toBe(false);
    expect(reviewed.at(-1)).toMatchObject({ userId: p.trainee.id, courseId: p.course.id, sessionId: session.id, scriptItemId: p.script.id, total: 6, passed: true, mentorId: p.mentor.id });
    expect(await noticeOf(p.trainee, 'practicum_reviewed', session.id)).toMatchObject({ actor: { id: p.mentor.id }, text: expect.stringContaining('6 points, 5 needed — passed') });

    standing = (await progress.courseProgress(p.trainee.id, p.course.id))!;
    expect(standing.completed).toBe(true);
    expect(standing.requirements[0]).toMatchObject({ met: true, done: 1, needed: 1 });
    expect(standing.practicumReviews.map((r) => [r.sessionId, r.total, r.passed])).toEqual([
      [session.id, 6, true],
      [failing.id, 3, false],
    ]);
    expect(standing.practicumReviews[0].scores).toEqual([
      { key: 'opening', label: 'Opening the circle', score: 4, maxScore: 4 },
      { key: 'pacing', label: 'Pacing', score: 2, maxScore: 3 },
    ]);
    expect((await progress.completion(p.trainee.id, p.course.id))!.evidence.practicum).toEqual([
      { sessionId: session.id, scriptItemId: p.script.id, mentorId: p.mentor.id, total: 6, reviewedAt: expect.any(String) },
    ]);
  });

  it('lets only an enrolled trainee lead one, in a practice room, from a script of the course', async () => {
    const p = await practicum();
    const general = await rooms.create(admin, { name: `General ${p.course.slug}`, topic: 'Talk', tags: ['general'] });
    const practice = { courseId: p.course.id, scriptItemId: p.script.id };
    const outsider = await world.newUser();
    expect(await codeOf(sessions.create(outsider, p.room.id, { topic: 'Not mine', practice }))).toBe('not-allowed');
    expect(await codeOf(sessions.create(p.mentor, p.room.id, { topic: 'Not mine', practice }))).toBe('not-allowed');
    expect(await codeOf(sessions.create(p.trainee, general.id, { topic: 'Wrong room', practice }))).toBe('practice-rule');
    const other = await world.newCourse(p.author, { publish: true });
    expect(await codeOf(sessions.create(p.trainee, p.room.id, { topic: 'Wrong item', practice: { courseId: p.course.id, scriptItemId: other.lesson.id } }))).toBe('validation');
    expect(await codeOf(sessions.create(p.trainee, p.room.id, { topic: 'No such course', practice: { courseId: crypto.randomUUID(), scriptItemId: p.script.id } }))).toBe('validation');
    // A course with a script but without a practicum has no practice sessions.
    const plain = await world.newCourse(p.author);
    const plainScript = await world.authoring.addItem(p.author, plain.module.id, { type: 'script', title: 'Just a script', body: 'Plan', script: { steps: [{ title: 'One', prompt: 'Go' }], questions: [] } });
    await world.publishing.publish(p.author, plain.course.id, 'First');
    await world.learning.enroll(p.trainee, plain.course.id);
    expect(await codeOf(sessions.create(p.trainee, p.room.id, { topic: 'No practicum', practice: { courseId: plain.course.id, scriptItemId: plainScript.id } }))).toBe('practice-rule');
    // Nor does a practice room run sessions that name no course, whoever leads them.
    expect(await codeOf(sessions.create(admin, p.room.id, { topic: 'Plain' }))).toBe('practice-rule');
  });

  it('refuses to score a session before it ends, without an observer, twice, by anyone but the observing mentor, or off the rubric', async () => {
    const p = await practicum();
    const practice = { courseId: p.course.id, scriptItemId: p.script.id };
    const good = { scores: { opening: 3, pacing: 3 }, feedback: 'Good.' };

    const unobserved = await sessions.create(p.trainee, p.room.id, { topic: 'Alone', practice });
    await sessions.end(p.trainee, unobserved.id);
    expect(await codeOf(sessions.review(p.mentor, unobserved.id, good))).toBe('practice-rule');

    const running = await sessions.create(p.trainee, p.room.id, { topic: 'Running', practice });
    await sessions.observe(p.mentor, running.id);
    const secondMentor = await world.newUser();
    await world.courses.setStaff(p.author, p.course.id, { userId: secondMentor.id }, 'mentor');
    expect(await codeOf(sessions.observe(secondMentor, running.id))).toBe('already-observed');
    expect(await codeOf(sessions.observe(p.trainee, running.id))).toBe('not-allowed');
    expect(await codeOf(sessions.review(p.mentor, running.id, good))).toBe('session-running');
    await sessions.end(p.trainee, running.id);
    expect(await codeOf(sessions.observe(p.mentor, running.id))).toBe('session-not-running');

    const outsider = await world.newUser();
    expect(await codeOf(sessions.review(outsider, running.id, good))).toBe('not-allowed');
    expect(await codeOf(sessions.practice(outsider, running.id))).toBe('session-not-found');
    expect(await codeOf(sessions.review(p.trainee, running.id, good))).toBe('not-allowed');
    expect(await codeOf(sessions.review(secondMentor, running.id, good))).toBe('not-allowed');
    const offRubric = await sessions.review(p.mentor, running.id, { scores: { opening: 9, tone: 1 }, feedback: 'Hm.' }).catch((error: { code: string; fieldErrors: unknown }) => error);
    expect(offRubric).toMatchObject({ code: 'validation', fieldErrors: [{ field: 'scores.tone' }, { field: 'scores.opening' }, { field: 'scores.pacing' }] });

    await sessions.review(p.mentor, running.id, good);
    expect(await codeOf(sessions.review(p.mentor, running.id, good))).toBe('already-reviewed');
    expect(await codeOf(sessions.review(admin, running.id, good))).toBe('already-reviewed');
    expect((await progress.courseProgress(p.trainee.id, p.course.id))!.practicumReviews).toHaveLength(1);
  });
});
