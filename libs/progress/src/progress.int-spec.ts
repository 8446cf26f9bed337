import type { CompletionRequirement, CourseCompleted } from '@hearth/contracts';
import { DiscussionsModule } from '@hearth/discussions';
import { type DiscussionWorld, DiscussionsWorld } from '@hearth/discussions/testing';
import type { AuthUser } from '@hearth/identity';
import { Database, DomainEvents, OutboxWorker } from '@hearth/platform';
import { createIntegrationContext, type IntegrationContext } from '@hearth/platform/testing';
import { ProgressService } from './progress.service';

describe('progress and completion (PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let world: DiscussionsWorld;
  let progress: ProgressService;
  const completions: CourseCompleted[] = [];

  beforeAll(async () => {
    ctx = await createIntegrationContext([DiscussionsModule]);
    world = new DiscussionsWorld(ctx);
    progress = ctx.get(ProgressService);
    ctx.get(DomainEvents).on('course.completed', async (event) => void completions.push(event));
  });
  afterAll(() => ctx.close());

  const LONG_ANSWER = 'A room where people listen before they answer, and where the host keeps things slow.';

  /** A published course (lesson, discussion with minWords 5, quiz) with these requirements. */
  async function courseWith(requirements: CompletionRequirement[], options: { extraDiscussion?: boolean } = {}): Promise<DiscussionWorld & { second?: string }> {
    const d = await world.newDiscussion();
    await world.authoring.updateItem(d.author, d.itemId, { minWords: 5 });
    let second: string | undefined;
    if (options.extraDiscussion) {
      second = (await world.authoring.addItem(d.author, d.module.id, { type: 'discussion', title: 'Second talk', body: 'More', reflectionQuestion: 'And?', postFirst: false })).id;
    }
    await world.courses.setRequirements(d.author, d.course.id, requirements);
    await world.publishing.publish(d.author, d.course.id, 'With requirements');
    return { ...d, second };
  }

  async function passQuiz(who: AuthUser, d: DiscussionWorld): Promise<void> {
    const quiz = await world.learning.read(who, d.quiz.id);
    const question = quiz.questions![0];
    const right = question.options.find((option) => option.textHtml.includes('Slow down'))!;
    await world.learning.attempt(who, d.quiz.id, { answers: [{ questionId: question.id, optionIds: [right.id] }] });
  }

  const standing = async (who: AuthUser, d: DiscussionWorld) => (await progress.courseProgress(who.id, d.course.id))!;
  const met = async (who: AuthUser, d: DiscussionWorld) => (await standing(who, d)).requirements.map((r) => [r.kind, r.met]);
  const attend = (userId: string, kind: string, minutes: number) =>
    ctx.get(Database).transaction(() =>
      ctx.get(DomainEvents).publish('session.attended', { userId, sessionId: crypto.randomUUID(), kind, title: 'A test session', minutes, at: new Date().toISOString() }),
    );

  it('counts lessons opened, and links to the first one still to open', async () => {
    const d = await courseWith([{ kind: 'lessons_viewed' }]);
    const trainee = await world.trainee(d);
    let [lessons] = (await standing(trainee, d)).requirements;
    expect(lessons).toMatchObject({ met: false, done: 0, needed: 1, detail: '0 of 1 lessons opened', link: `/courses/${d.course.slug}/items/${d.lesson.id}` });
    expect(lessons.missing).toEqual([{ itemId: d.lesson.id, title: 'Lesson', type: 'lesson' }]);
    await world.learning.markViewed(trainee, d.lesson.id);
    [lessons] = (await standing(trainee, d)).requirements;
    expect(lessons).toMatchObject({ met: true, done: 1, missing: [], link: null });
  });

  it('counts answers that count: long enough, not removed; or at least N of the discussions', async () => {
    const d = await courseWith([{ kind: 'discussions_answered', atLeast: 1 }], { extraDiscussion: true });
    const trainee = await world.trainee(d);
    const short = await world.threads.post(trainee, d.itemId, { body: 'Too short.' });
    expect(await met(trainee, d)).toEqual([['discussions_answered', false]]);
    await world.threads.edit(trainee, short.id, LONG_ANSWER);
    expect(await met(trainee, d)).toEqual([['discussions_answered', true]]);
    expect((await standing(trainee, d)).requirements[0].detail).toBe('1 of 1 discussions answered (of 2)');

    const other = await world.trainee(d);
    const removed = await world.threads.post(other, d.itemId, { body: LONG_ANSWER });
    await world.threads.remove(other, removed.id);
    expect(await met(other, d)).toEqual([['discussions_answered', false]]);
    await world.threads.post(other, d.second!, { body: 'Any length counts here.' });
    expect(await met(other, d)).toEqual([['discussions_answered', true]]);
  });

  it('counts an answer a mentor accepted, until a later review asks for revision or the answer is replaced', async () => {
    const d = await courseWith([{ kind: 'answers_accepted' }]);
    const trainee = await world.trainee(d);
    const answer = await world.threads.post(trainee, d.itemId, { body: LONG_ANSWER });
    expect(await met(trainee, d)).toEqual([['answers_accepted', false]]);
    await world.moderation.review(d.author, answer.id, { status: 'accepted' });
    expect(await met(trainee, d)).toEqual([['answers_accepted', true]]);
    await world.moderation.review(d.author, answer.id, { status: 'needs_revision', comment: 'Say more' });
    expect(await met(trainee, d)).toEqual([['answers_accepted', false]]);
    await world.moderation.review(d.author, answer.id, { status: 'accepted' });
    await world.threads.remove(trainee, answer.id);
    await world.threads.post(trainee, d.itemId, { body: `${LONG_ANSWER} Rewritten.` });
    // The new answer has not been reviewed; the old acceptance was for the old one.
    expect(await met(trainee, d)).toEqual([['answers_accepted', false]]);
  });

  it('counts quizzes passed, and live sessions of a kind attended long enough', async () => {
    const d = await courseWith([{ kind: 'quizzes_passed' }, { kind: 'sessions_attended', sessionKind: 'support-session', atLeast: 2, minutes: 30 }]);
    const trainee = await world.trainee(d);
    await passQuiz(trainee, d);
    await attend(trainee.id, 'support-session', 45);
    await attend(trainee.id, 'support-session', 10);
    await attend(trainee.id, 'open-room', 90);
    let requirements = (await standing(trainee, d)).requirements;
    expect(requirements.map((r) => [r.kind, r.met, r.detail])).toEqual([
      ['quizzes_passed', true, '1 of 1 quizzes passed'],
      ['sessions_attended', false, '1 of 2 support-session sessions attended for 30 minutes or more'],
    ]);
    expect(requirements[1].link).toBe('/chat');
    await attend(trainee.id, 'support-session', 30);
    requirements = (await standing(trainee, d)).requirements;
    expect(requirements.every((r) => r.met)).toBe(true);
    expect((await standing(trainee, d)).completed).toBe(true);
  });

  it('records a completion once, with the version and the evidence, and keeps it', async () => {
    const d = await courseWith([{ kind: 'lessons_viewed' }, { kind: 'discussions_answered' }, { kind: 'quizzes_passed' }, { kind: 'mentor_signoff' }]);
    const trainee = await world.trainee(d);
    const before = completions.length;
    await world.learning.markViewed(trainee, d.lesson.id);
    const answer = await world.threads.post(trainee, d.itemId, { body: LONG_ANSWER });
    await passQuiz(trainee, d);
    expect((await standing(trainee, d)).completed).toBe(false);
    await world.learning.signOff(d.author, d.course.id, trainee.id, 'Ready to hold rooms');

    const done = await standing(trainee, d);
    expect(done).toMatchObject({ completed: true, version: 2, signedOff: { by: expect.objectContaining({ id: d.author.id }) } });
    expect(completions.slice(before)).toEqual([expect.objectContaining({ userId: trainee.id, courseId: d.course.id, version: 2 })]);
    const completion = (await progress.completion(trainee.id, d.course.id))!;
    expect(completion.version).toBe(2);
    expect(completion.evidence.signoff).toMatchObject({ mentorId: d.author.id, note: 'Ready to hold rooms' });
    expect(completion.evidence.items.find((item) => item.itemId === d.itemId)).toMatchObject({ replyId: answer.id, type: 'discussion' });
    expect(completion.evidence.items.find((item) => item.itemId === d.quiz.id)).toMatchObject({ scorePercent: 100, attemptId: expect.any(String) });

    // Later events change the checklist, not the completion, and announce nothing more.
    await world.threads.remove(trainee, answer.id);
    expect(await standing(trainee, d)).toMatchObject({ completed: true });
    expect((await standing(trainee, d)).requirements.find((r) => r.kind === 'discussions_answered')?.met).toBe(false);
    await world.learning.signOff(d.author, d.course.id, trainee.id, 'again');
    expect(completions.slice(before)).toHaveLength(1);
  });

  it('re-checks only the enrollment an event is about', async () => {
    const d = await courseWith([{ kind: 'lessons_viewed' }]);
    const [ada, ben] = [await world.trainee(d), await world.trainee(d)];
    const standingRow = (who: AuthUser) =>
      ctx.db.query<{ done: number; met: boolean[] }>('SELECT done, met FROM enrollment_progress WHERE user_id = $1 AND course_id = $2', [who.id, d.course.id]);
    const benBefore = await standingRow(ben);
    await world.learning.markViewed(ada, d.lesson.id);
    expect(await standingRow(ada)).toEqual([{ done: 1, met: [true] }]);
    expect(await standingRow(ben)).toEqual(benBefore);
  });

  it('completes once when the last two steps land at the same time', async () => {
    const d = await courseWith([{ kind: 'lessons_viewed' }, { kind: 'quizzes_passed' }]);
    for (let round = 0; round < 5; round++) {
      const trainee = await world.trainee(d);
      const before = completions.length;
      await Promise.all([world.learning.markViewed(trainee, d.lesson.id), passQuiz(trainee, d)]);
      expect(completions.slice(before).filter((c) => c.userId === trainee.id)).toHaveLength(1);
      expect((await standing(trainee, d)).completed).toBe(true);
    }
  });

  it('applies a new version’s requirements from the next event about each trainee', async () => {
    const d = await courseWith([{ kind: 'lessons_viewed' }, { kind: 'quizzes_passed' }]);
    const trainee = await world.trainee(d);
    await world.learning.markViewed(trainee, d.lesson.id);
    await world.courses.setRequirements(d.author, d.course.id, [{ kind: 'lessons_viewed' }]);
    await world.publishing.publish(d.author, d.course.id, 'Lessons only');
    expect((await standing(trainee, d)).requirements.map((r) => r.kind)).toEqual(['lessons_viewed']);
    await world.threads.post(trainee, d.itemId, { body: LONG_ANSWER });
    expect(await standing(trainee, d)).toMatchObject({ completed: true, version: 3 });
  });

  it('completes, after a new version is published, those its requirements now complete, in the background', async () => {
    const d = await courseWith([{ kind: 'lessons_viewed' }, { kind: 'quizzes_passed' }]);
    const trainee = await world.trainee(d);
    await world.learning.markViewed(trainee, d.lesson.id);
    await world.courses.setRequirements(d.author, d.course.id, [{ kind: 'lessons_viewed' }]);
    const before = completions.length;
    await world.publishing.publish(d.author, d.course.id, 'Lessons only');
    expect((await standing(trainee, d)).completed).toBe(false);
    await ctx.get(OutboxWorker).drain();
    expect(await standing(trainee, d)).toMatchObject({ completed: true, version: 3 });
    expect(completions.slice(before).map((c) => c.userId)).toEqual([trainee.id]);
  });

  it('shows staff the funnel: enrolled, started, each requirement met, completed', async () => {
    const d = await courseWith([{ kind: 'lessons_viewed' }, { kind: 'quizzes_passed' }]);
    const [ada, ben, cat] = [await world.trainee(d), await world.trainee(d), await world.trainee(d)];
    void cat;
    await world.learning.markViewed(ada, d.lesson.id);
    await passQuiz(ada, d);
    await world.learning.markViewed(ben, d.lesson.id);
    expect((await progress.funnel(d.course.id)).steps).toEqual([
      { label: 'Enrolled', count: 3 },
      { label: 'Started', count: 2 },
      { label: 'All lessons opened', count: 2 },
      { label: 'All quizzes passed', count: 1 },
      { label: 'Completed', count: 1 },
    ]);
    const trainees = await world.courses.trainees(d.author, d.course.id, {});
    expect(trainees.items.map((t) => [t.user.id, t.done, t.total, t.completedAt !== null])).toEqual([
      [ada.id, 2, 3, true],
      [ben.id, 1, 3, false],
      [cat.id, 0, 3, false],
    ]);
  });

  it('refuses sign-offs by trainees and of people outside the course', async () => {
    const d = await courseWith([{ kind: 'mentor_signoff' }]);
    const [ada, ben] = [await world.trainee(d), await world.trainee(d)];
    const stranger = await world.newUser();
    const codeOf = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: { code?: string }) => error.code);
    expect(await codeOf(world.learning.signOff(ada, d.course.id, ben.id, undefined))).toBe('not-course-author');
    expect(await codeOf(world.learning.signOff(d.author, d.course.id, stranger.id, undefined))).toBe('trainee-not-found');
    await world.learning.enroll(d.author, d.course.id);
    expect(await codeOf(world.learning.signOff(d.author, d.course.id, d.author.id, undefined))).toBe('self-sign-off');
    expect(await codeOf(world.learning.progress(stranger, d.course.id))).toBe('not-enrolled');
  });

  it('counts each passing practicum review once, for its own course, and completes at atLeast', async () => {
    const d = await world.newDiscussion();
    const script = await world.authoring.addItem(d.author, d.module.id, { type: 'script', title: 'A circle', body: 'Plan', script: { steps: [{ title: 'Open', prompt: 'Welcome.' }], questions: [] } });
    const rubric = { criteria: [{ key: 'opening', label: 'Opening', maxScore: 4 }], passScore: 3 };
    await world.courses.setRequirements(d.author, d.course.id, [{ kind: 'practicum', atLeast: 2, rubric }]);
    await world.publishing.publish(d.author, d.course.id, 'With a practicum');
    const trainee = await world.trainee(d);
    const mentor = await world.newUser();
    const review = (sessionId: string, score: number, courseId = d.course.id) =>
      ctx.get(Database).transaction(() =>
        ctx.get(DomainEvents).publish('practicum.reviewed', {
          userId: trainee.id,
          courseId,
          sessionId,
          scriptItemId: script.id,
          scriptTitle: 'A circle',
          mentorId: mentor.id,
          scores: [{ key: 'opening', label: 'Opening', score, maxScore: 4 }],
          total: score,
          passScore: 3,
          passed: score >= 3,
          feedback: `Scored ${score}.`,
          at: new Date().toISOString(),
        }),
      );
    const practicum = async () => (await standing(trainee, d)).requirements[0];

    const first = crypto.randomUUID();
    await review(first, 4);
    // The same review told again (a retry) counts once, as first told.
    await review(first, 1);
    expect(await practicum()).toMatchObject({ kind: 'practicum', met: false, done: 1, needed: 2 });
    await review(crypto.randomUUID(), 2);
    expect(await practicum()).toMatchObject({ met: false, done: 1, detail: '1 of 2 practice sessions led and passed (2 reviewed)' });
    // A review toward another course is not this one's.
    const other = await world.newCourse(d.author, { publish: true });
    await world.learning.enroll(trainee, other.course.id);
    await review(crypto.randomUUID(), 4, other.course.id);
    expect(await practicum()).toMatchObject({ met: false, done: 1 });

    await review(crypto.randomUUID(), 3);
    const now = await standing(trainee, d);
    expect(now).toMatchObject({ completed: true, requirements: [{ met: true, done: 2 }] });
    expect(now.practicumReviews.map((r) => [r.total, r.passed, r.feedback])).toEqual(
      expect.arrayContaining([
        [4, true, 'Scored 4.'],
        [2, false, 'Scored 2.'],
        [3, true, 'Scored 3.'],
      ]),
    );
    expect(now.practicumReviews).toHaveLength(3);
    expect(completions.at(-1)).toMatchObject({ userId: trainee.id, courseId: d.course.id, evidence: { practicum: [expect.objectContaining({ total: 4 }), expect.objectContaining({ total: 3 })] } });
  });
});
