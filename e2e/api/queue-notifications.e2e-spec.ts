import type { NotificationView } from '@hearth/contracts';
import { Database, Jobs, OutboxWorker } from '@hearth/platform';
import { type Registered, startTestApp, type TestApp } from '../support/app';
import { type BuiltCourse, buildCourse, expectStatus, passQuiz } from '../support/courses';

describe('nobody waits unseen: the notifications of queues and achievements', () => {
  let hearth: TestApp;
  let admin: Registered;
  let author: Registered;
  let mentor: Registered;
  let built: BuiltCourse;

  beforeAll(async () => {
    // The outbox worker on: it sends the e-mails.
    hearth = await startTestApp({ HEARTH_WORKER_POLL_MS: '60000' });
    [admin, author, mentor] = [await hearth.admin(), await hearth.author(), await hearth.register()];
    built = await buildCourse(hearth.http, author.accessToken, { publish: true });
  });
  afterAll(() => hearth.close());

  const as = (person: Registered) => ({ token: person.accessToken });
  const bell = async (person: Registered): Promise<NotificationView[]> => (await expectStatus(hearth.http.get('/api/v1/notifications', as(person)), 200)).items;
  const enrolled = async () => {
    const person = await hearth.register();
    await expectStatus(hearth.http.post(`/api/v1/courses/${built.course.slug}/enroll`, undefined, as(person)), 201);
    return person;
  };
  /** Someone who completed the course: it awards a badge and, once a role asks for it, makes a request. */
  const completed = async () => {
    const person = await enrolled();
    await expectStatus(hearth.http.post(`/api/v1/items/${built.lesson.id}/view`, undefined, as(person)), 204);
    await answer(person, `The quiet room, says ${person.user.username}.`);
    const attempt = await passQuiz(hearth.http, built, person.accessToken);
    // The pass says it completed the course, so the page can.
    expect(attempt.courseCompleted).toBe(true);
    return person;
  };
  const answer = (person: Registered, body: string) => expectStatus(hearth.http.post(`/api/v1/items/${built.discussion.id}/replies`, { body }, as(person)), 201);

  it('tells the owners of a course without mentors of each new answer, then its mentors once it has some', async () => {
    const ada = await enrolled();
    const first = await answer(ada, 'Ada’s answer, before the course had a mentor.');
    const ownerSees = (await bell(author)).find((n) => n.kind === 'answer_to_review');
    expect(ownerSees).toMatchObject({ actor: { id: ada.user.id }, link: expect.stringContaining(`#reply-${first.id}`), text: expect.stringContaining('waits for your review') });

    await expectStatus(hearth.http.post(`/api/v1/courses/${built.course.slug}/staff`, { username: mentor.user.username, role: 'mentor' }, as(author)), 201);
    const ben = await enrolled();
    const second = await answer(ben, 'Ben’s answer, now that there is a mentor.');
    expect((await bell(mentor)).filter((n) => n.kind === 'answer_to_review').map((n) => n.link)).toEqual([expect.stringContaining(`#reply-${second.id}`)]);
    expect((await bell(author)).filter((n) => n.kind === 'answer_to_review')).toHaveLength(1);
    // Nested replies are conversation, not work for the mentor.
    await expectStatus(hearth.http.post(`/api/v1/items/${built.discussion.id}/replies`, { body: 'Agreed!', parentId: second.id }, as(ada)), 201);
    expect((await bell(mentor)).filter((n) => n.kind === 'answer_to_review')).toHaveLength(1);
    // By e-mail too, unless they turn it off.
    expect(await hearth.mailTo(mentor.user.email, 'waits for your review')).toContain('answered');
  });

  it('tells the course’s staff once of a flagged reply, without naming who flagged it', async () => {
    const [writer, flagger, another] = [await enrolled(), await enrolled(), await enrolled()];
    const reply = await answer(writer, 'An answer someone will flag.');
    for (const person of [flagger, another]) await answer(person, `My own answer, ${person.user.username}.`);
    await expectStatus(hearth.http.post(`/api/v1/replies/${reply.id}/flags`, { reason: 'Off topic.' }, as(flagger)), 201);
    await expectStatus(hearth.http.post(`/api/v1/replies/${reply.id}/flags`, { reason: 'Unkind.' }, as(another)), 201);
    for (const staff of [author, mentor]) {
      const flagged = (await bell(staff)).filter((n) => n.kind === 'reply_flagged');
      expect(flagged).toEqual([expect.objectContaining({ actor: null, link: `/courses/${built.course.slug}/moderation` })]);
    }
    expect((await bell(writer)).some((n) => n.kind === 'reply_flagged')).toBe(false);
  });

  it('counts what waits for the staff, course by course, for them alone', async () => {
    const queue = await expectStatus(hearth.http.get('/api/v1/me/review-queue', as(mentor)), 200);
    const answers = await hearth.nest.get(Database).query<{ n: number }>(
      'SELECT count(*)::int AS n FROM reply WHERE course_id = $1 AND parent_id IS NULL AND removed_at IS NULL AND review_status IS NULL',
      [built.course.id],
    );
    expect(queue).toEqual([{ courseId: built.course.id, answersToReview: answers[0].n, openFlags: 2 }]);
    expect(answers[0].n).toBeGreaterThan(0);
    const someone = (await expectStatus(hearth.http.get(`/api/v1/items/${built.discussion.id}/replies`, as(mentor)), 200)).items[0];
    await expectStatus(hearth.http.post(`/api/v1/replies/${someone.id}/review`, { status: 'accepted' }, as(mentor)), 200);
    expect((await expectStatus(hearth.http.get('/api/v1/me/review-queue', as(mentor)), 200))[0].answersToReview).toBe(answers[0].n - 1);
    expect(await expectStatus(hearth.http.get('/api/v1/me/review-queue', as(await hearth.register())), 200)).toEqual([]);
    expect((await hearth.http.get('/api/v1/me/review-queue')).status).toBe(401);
  });

  it('tells a trainee they completed the course and earned its badge, and the admins that a role request waits', async () => {
    const roleKey = `host_${process.pid}`;
    await expectStatus(
      hearth.http.post(
        '/api/v1/facilitator-roles',
        {
          key: roleKey,
          name: 'Room Host',
          description: 'Hosts a room.',
          rule: { courseIds: [built.course.id], roleKeys: [], approval: 'review', validityDays: 180 },
          effects: { bundle: 'moderator', roomIds: [], roomTags: ['general'] },
        },
        as(admin),
      ),
      201,
    );
    const sam = await completed();

    const mine = await bell(sam);
    expect(mine.find((n) => n.kind === 'course_completed')).toMatchObject({ text: `You completed “${built.course.title}”`, link: `/courses/${built.course.slug}` });
    const badge = mine.find((n) => n.kind === 'badge_awarded')!;
    expect(badge.text).toBe(`You earned the badge “${built.course.title}”`);
    const assertionId = (await expectStatus(hearth.http.get('/api/v1/me', as(sam)), 200)).badges[0].assertionId;
    expect(badge.link).toBe(`/badges/${assertionId}`);

    const waiting = (await bell(admin)).find((n) => n.kind === 'grant_requested');
    expect(waiting).toMatchObject({ actor: { id: sam.user.id }, text: `${sam.user.displayName} asks for the role “Room Host”`, link: '/admin/grant-requests' });
    expect(await hearth.mailTo(admin.user.email, 'asks for the role')).toContain('/admin/grant-requests');

    // Undecided past HEARTH_GRANT_REQUEST_ESCALATE_HOURS (the reminder's time brought forward here), it comes to the admins again.
    expect((await bell(admin)).some((n) => n.kind === 'grant_request_waiting')).toBe(false);
    await hearth.nest.get(Database).execute(`UPDATE outbox_message SET available_at = now() WHERE topic = 'credentials.request-waiting' AND done_at IS NULL`);
    await hearth.nest.get(OutboxWorker).drain();
    expect((await bell(admin)).find((n) => n.kind === 'grant_request_waiting')).toMatchObject({ text: `${sam.user.displayName}’s request for the role “Room Host” has waited 0 hours`, link: '/admin/grant-requests' });
  });

  it('does not remind the admins of a request decided in time', async () => {
    const kim = await completed();
    const request = (await expectStatus(hearth.http.get('/api/v1/admin/grant-requests?status=pending', as(admin)), 200)).items.find((r: { user: { id: string } }) => r.user.id === kim.user.id);
    await expectStatus(hearth.http.post(`/api/v1/admin/grant-requests/${request.id}/approve`, { reason: 'Well done.' }, as(admin)), 200);
    await hearth.nest.get(Database).execute(`UPDATE outbox_message SET available_at = now() WHERE topic = 'credentials.request-waiting' AND done_at IS NULL`);
    const before = (await bell(admin)).filter((n) => n.kind === 'grant_request_waiting').length;
    await hearth.nest.get(OutboxWorker).drain();
    expect((await bell(admin)).filter((n) => n.kind === 'grant_request_waiting')).toHaveLength(before);
  });

  it('gathers the kinds an admin chose to have once a day into one morning e-mail of what is still unread', async () => {
    const dana = await hearth.admin();
    const chosen = await expectStatus(hearth.http.put('/api/v1/notifications/email-preferences', { emailOff: ['grant_request_waiting'], daily: ['grant_requested', 'answer_to_review'] }, as(dana)), 200);
    expect(chosen).toEqual({ emailOff: ['grant_request_waiting'], daily: ['answer_to_review', 'grant_requested'] });
    const [lee, max] = [await completed(), await completed()];
    await hearth.nest.get(OutboxWorker).drain();
    // In the bell at once, but not e-mailed one by one.
    expect((await bell(dana)).filter((n) => n.kind === 'grant_requested').map((n) => n.actor?.id)).toEqual(expect.arrayContaining([lee.user.id, max.user.id]));
    expect(await hearth.mailsTo(dana.user.email)).toEqual([]);

    // One read in the bell meanwhile: the e-mail leaves it out.
    const maxs = (await bell(dana)).find((n) => n.kind === 'grant_requested' && n.actor?.id === max.user.id)!;
    await expectStatus(hearth.http.post('/api/v1/notifications/read', { ids: [maxs.id] }, as(dana)), 200);
    await hearth.nest.get(Jobs).run('notifications-daily-digest');
    await hearth.nest.get(OutboxWorker).drain();
    const [digest, ...others] = await hearth.mailsTo(dana.user.email);
    expect(others).toEqual([]);
    expect(digest).toContain('One thing waits for you');
    expect(digest).toContain(`${lee.user.displayName} asks for the role`);
    expect(digest).not.toContain(`${max.user.displayName} asks for the role`);
    expect(digest).toContain('/account/email-preferences');

    // The next morning has nothing new: no e-mail.
    await hearth.nest.get(Jobs).run('notifications-daily-digest');
    await hearth.nest.get(OutboxWorker).drain();
    expect(await hearth.mailsTo(dana.user.email)).toHaveLength(1);
  });

  it('refuses a kind both off and daily, saying which', async () => {
    const person = await hearth.register();
    const response = await hearth.http.put('/api/v1/notifications/email-preferences', { emailOff: ['reply', 'mention'], daily: ['reply'] }, as(person));
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'daily', message: 'A kind is either off or daily, not both: reply.' }]);
  });
});
