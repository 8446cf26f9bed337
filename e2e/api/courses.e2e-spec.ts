import type { CourseOutline, DraftItem, ItemView, QuizAttemptResult } from '@hearth/contracts';
import { type Registered, startTestApp, type TestApp } from '../support/app';
import { buildCourse, expectStatus } from '../support/courses';
import { expectProblem } from '../support/http';

describe('courses over HTTP', () => {
  let hearth: TestApp;
  let author: Registered;
  let trainee: Registered;

  beforeAll(async () => {
    hearth = await startTestApp();
    author = await hearth.author();
    trainee = await hearth.register();
  });
  afterAll(() => hearth.close());

  const as = (person: Registered) => ({ token: person.accessToken });

  describe('author → publish → enroll → read → quiz', () => {
    it('takes a trainee through a course and records their progress', async () => {
      const built = await buildCourse(hearth.http, author.accessToken);
      const slug = built.course.slug;
      expect(built.course.status).toBe('draft');

      const published = await expectStatus(hearth.http.post(`/api/v1/courses/${slug}/publish`, { note: 'First' }, as(author)), 200);
      expect(published.version).toBe(1);

      const catalog = await expectStatus(hearth.http.get('/api/v1/courses'), 200);
      expect(catalog.items.map((c: { slug: string }) => c.slug)).toContain(slug);

      const enrolled = await hearth.http.post(`/api/v1/courses/${slug}/enroll`, undefined, as(trainee));
      expect(enrolled.status).toBe(201);
      expect(enrolled.body.version).toBe(1);
      expect((await hearth.http.post(`/api/v1/courses/${slug}/enroll`, undefined, as(trainee))).status).toBe(200);

      const outline: CourseOutline = await expectStatus(hearth.http.get(`/api/v1/courses/${slug}`, as(trainee)), 200);
      expect(outline.enrollment).not.toBeNull();
      expect(outline.modules[0].items.map((i) => i.type)).toEqual(['lesson', 'discussion', 'quiz']);
      expect(outline.progress).toEqual({ done: 0, total: 3 });

      const lesson: ItemView = await expectStatus(hearth.http.get(`/api/v1/items/${built.lesson.id}`, as(trainee)), 200);
      expect(lesson.bodyHtml).toContain('<strong>shared</strong>');
      expect(lesson.next?.id).toBe(built.discussion.id);
      expect(lesson.previous).toBeNull();
      expect((await hearth.http.post(`/api/v1/items/${built.lesson.id}/view`, undefined, as(trainee))).status).toBe(204);

      const quiz: ItemView = await expectStatus(hearth.http.get(`/api/v1/items/${built.quiz.id}`, as(trainee)), 200);
      expect(JSON.stringify(quiz.questions)).not.toContain('correct');
      const [q1, q2] = quiz.questions!;

      const failed: QuizAttemptResult = await expectStatus(
        hearth.http.post(`/api/v1/items/${built.quiz.id}/attempts`, { answers: [{ questionId: q1.id, optionIds: [q1.options[0].id] }, { questionId: q2.id, optionIds: [q2.options[0].id] }] }, as(trainee)),
        201,
      );
      // A miss says which questions were wrong, never which answers are right.
      expect(failed).toMatchObject({ scorePercent: 0, passed: false });
      expect(failed.review).toEqual([
        { questionId: q1.id, correct: false, chosenOptionIds: [q1.options[0].id], correctOptionIds: [], explanationHtml: null },
        { questionId: q2.id, correct: false, chosenOptionIds: [q2.options[0].id], correctOptionIds: [], explanationHtml: null },
      ]);
      expect(failed.courseCompleted).toBeUndefined();

      const passed: QuizAttemptResult = await expectStatus(
        hearth.http.post(
          `/api/v1/items/${built.quiz.id}/attempts`,
          { answers: [{ questionId: q1.id, optionIds: [q1.options[1].id] }, { questionId: q2.id, optionIds: [q2.options[0].id, q2.options[2].id] }] },
          as(trainee),
        ),
        201,
      );
      // The lesson is read, but the discussion still waits for an answer: the course is not complete.
      expect(passed).toMatchObject({ scorePercent: 100, passed: true, courseCompleted: false });
      expect(passed.review?.[0].explanationHtml).toContain('Naming it');

      const attempts = await expectStatus(hearth.http.get(`/api/v1/items/${built.quiz.id}/attempts`, as(trainee)), 200);
      expect(attempts.map((a: QuizAttemptResult) => a.passed)).toEqual([true, false]);

      const after: CourseOutline = await expectStatus(hearth.http.get(`/api/v1/courses/${slug}`, as(trainee)), 200);
      expect(after.modules[0].items.map((i) => i.state)).toEqual(['viewed', 'not_started', 'passed']);
      expect(after.progress).toEqual({ done: 2, total: 3 });
    });

    it('keeps a trainee’s progress when the author publishes a new version', async () => {
      const built = await buildCourse(hearth.http, author.accessToken, { publish: true });
      const slug = built.course.slug;
      await expectStatus(hearth.http.post(`/api/v1/courses/${slug}/enroll`, undefined, as(trainee)), 201);
      await expectStatus(hearth.http.post(`/api/v1/items/${built.lesson.id}/view`, undefined, as(trainee)), 204);

      await expectStatus(hearth.http.patch(`/api/v1/items/${built.lesson.id}`, { body: 'A better welcome.' }, as(author)), 200);
      // The trainee still sees version 1 until the author publishes.
      expect((await expectStatus(hearth.http.get(`/api/v1/items/${built.lesson.id}`, as(trainee)), 200)).bodyHtml).toContain('shared');
      const v2 = await expectStatus(hearth.http.post(`/api/v1/courses/${slug}/publish`, { note: 'Clearer welcome' }, as(author)), 200);
      expect(v2.version).toBe(2);

      const lesson: ItemView = await expectStatus(hearth.http.get(`/api/v1/items/${built.lesson.id}`, as(trainee)), 200);
      expect(lesson.bodyHtml).toContain('A better welcome.');
      expect(lesson.version).toBe(2);
      expect(lesson.state).toBe('viewed');
      const versions = await expectStatus(hearth.http.get(`/api/v1/courses/${slug}/versions`, as(author)), 200);
      expect(versions.map((v: { note: string }) => v.note)).toEqual(['Clearer welcome', 'First version']);
    });

    it('shows a draft’s changes to its author in a preview, and only there', async () => {
      const built = await buildCourse(hearth.http, author.accessToken, { publish: true });
      await expectStatus(hearth.http.patch(`/api/v1/items/${built.quiz.id}`, { title: 'Check again' }, as(author)), 200);
      const draft: DraftItem = await expectStatus(hearth.http.get(`/api/v1/items/${built.quiz.id}/draft`, as(author)), 200);
      expect(draft).toMatchObject({ title: 'Check again', changed: true });
      expect(draft.questions![0].options.some((o) => o.correct)).toBe(true);
      const summary = await expectStatus(hearth.http.get(`/api/v1/courses/${built.course.slug}`, as(author)), 200);
      expect(summary.unpublishedChanges).toBe(true);
    });
  });

  describe('who may do what', () => {
    it('lets only authors create courses', async () => {
      const response = await hearth.http.post('/api/v1/courses', { slug: 'not-mine', title: 'Nope', summary: '' }, as(trainee));
      expect(response.status).toBe(403);
      expect(response.body.type).toBe('/problems/not-an-author');
    });

    it('hides drafts from everyone but their staff (404), the course and its items', async () => {
      const built = await buildCourse(hearth.http, author.accessToken);
      const other = await hearth.author();
      for (const person of [trainee, other]) {
        expect((await hearth.http.get(`/api/v1/courses/${built.course.slug}`, as(person))).status).toBe(404);
        expect((await hearth.http.get(`/api/v1/courses/${built.course.slug}/draft`, as(person))).status).toBe(404);
        expect((await hearth.http.get(`/api/v1/items/${built.lesson.id}`, as(person))).status).toBe(404);
        expect((await hearth.http.get(`/api/v1/items/${built.lesson.id}/draft`, as(person))).status).toBe(404);
        expect((await hearth.http.patch(`/api/v1/items/${built.lesson.id}`, { title: 'x' }, as(person))).status).toBe(404);
        expect((await hearth.http.post(`/api/v1/courses/${built.course.slug}/enroll`, undefined, as(person))).status).toBe(404);
      }
      expect((await hearth.http.get(`/api/v1/courses/${built.course.slug}`)).status).toBe(404);
      const catalog = await expectStatus(hearth.http.get('/api/v1/courses'), 200);
      expect(catalog.items.map((c: { slug: string }) => c.slug)).not.toContain(built.course.slug);
    });

    it('refuses edits to a published course from a trainee and from another author (403)', async () => {
      const built = await buildCourse(hearth.http, author.accessToken, { publish: true });
      const other = await hearth.author();
      for (const person of [trainee, other]) {
        const attempts = [
          hearth.http.patch(`/api/v1/courses/${built.course.slug}`, { title: 'Mine now' }, as(person)),
          hearth.http.post(`/api/v1/courses/${built.course.slug}/modules`, { title: 'Extra' }, as(person)),
          hearth.http.post(`/api/v1/modules/${built.modules[0].id}/items`, { type: 'lesson', title: 'x', body: 'x' }, as(person)),
          hearth.http.patch(`/api/v1/items/${built.lesson.id}`, { title: 'x' }, as(person)),
          hearth.http.delete(`/api/v1/items/${built.lesson.id}`, as(person)),
          hearth.http.post(`/api/v1/courses/${built.course.slug}/publish`, {}, as(person)),
        ];
        for (const response of await Promise.all(attempts)) {
          expect(response.status).toBe(403);
          expect(response.body.type).toBe('/problems/not-course-author');
        }
      }
      const outline = await expectStatus(hearth.http.get(`/api/v1/courses/${built.course.slug}`), 200);
      expect(outline.title).toBe(built.course.title);
    });

    it('lets a co-author edit once the owner adds them', async () => {
      const built = await buildCourse(hearth.http, author.accessToken);
      const coauthor = await hearth.author();
      await expectStatus(hearth.http.post(`/api/v1/courses/${built.course.slug}/staff`, { username: coauthor.user.username, role: 'author' }, as(author)), 201);
      await expectStatus(hearth.http.patch(`/api/v1/items/${built.lesson.id}`, { title: 'Co-written' }, as(coauthor)), 200);
      // A co-author cannot hand out roles.
      expect((await hearth.http.post(`/api/v1/courses/${built.course.slug}/staff`, { username: trainee.user.username, role: 'author' }, as(coauthor))).status).toBe(403);
    });

    it('keeps drafts and answer keys of a published course from trainees and other authors (403)', async () => {
      const built = await buildCourse(hearth.http, author.accessToken, { publish: true });
      const other = await hearth.author();
      for (const person of [trainee, other]) {
        for (const path of [`/api/v1/courses/${built.course.slug}/draft`, `/api/v1/items/${built.quiz.id}/draft`, `/api/v1/courses/${built.course.slug}/export`]) {
          const response = await hearth.http.get(path, as(person));
          expect(response.status).toBe(403);
          expect(JSON.stringify(response.body)).not.toContain('correct');
        }
      }
    });

    it('asks trainees to enroll before reading, and staff may preview without enrolling', async () => {
      const built = await buildCourse(hearth.http, author.accessToken, { publish: true });
      const stranger = await hearth.register();
      const response = await hearth.http.get(`/api/v1/items/${built.lesson.id}`, as(stranger));
      expect(response.status).toBe(403);
      expect(response.body.type).toBe('/problems/not-enrolled');
      expect((await hearth.http.post(`/api/v1/items/${built.lesson.id}/view`, undefined, as(stranger))).status).toBe(403);
      expect((await hearth.http.get(`/api/v1/items/${built.lesson.id}`, as(author))).status).toBe(200);
    });

    it('shows the catalog to the signed-out, but only a signed-in person enrolls', async () => {
      const built = await buildCourse(hearth.http, author.accessToken, { publish: true });
      expect((await hearth.http.get(`/api/v1/courses/${built.course.slug}`)).status).toBe(200);
      expect((await hearth.http.post(`/api/v1/courses/${built.course.slug}/enroll`)).status).toBe(401);
    });
  });

  describe('refusals that explain themselves', () => {
    it('will not publish a draft with unfinished items, listing each', async () => {
      const built = await buildCourse(hearth.http, author.accessToken);
      await expectStatus(hearth.http.patch(`/api/v1/items/${built.discussion.id}`, { reflectionQuestion: null }, as(author)), 200);
      await expectStatus(hearth.http.patch(`/api/v1/items/${built.quiz.id}`, { questions: [{ text: 'Only one option', kind: 'single', options: [{ text: 'a', correct: true }] }] }, as(author)), 200);
      const response = await hearth.http.post(`/api/v1/courses/${built.course.slug}/publish`, {}, as(author));
      expect(response.status).toBe(422);
      expect(response.body.errors.map((e: { message: string }) => e.message)).toEqual([
        'Your room: The discussion has no reflection question.',
        'Check: Question 1 needs at least two options.',
      ]);
    });

    it('refuses fields that do not belong to an item’s type', async () => {
      const built = await buildCourse(hearth.http, author.accessToken);
      const response = await hearth.http.patch(`/api/v1/items/${built.lesson.id}`, { passPercent: 50 }, as(author));
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'passPercent', message: 'passPercent is only for quiz items.' }]);
    });

    it('says which settings a quiz’s showAnswers takes, and takes the one chosen', async () => {
      const built = await buildCourse(hearth.http, author.accessToken);
      const wrong = await hearth.http.patch(`/api/v1/items/${built.quiz.id}`, { showAnswers: 'always' }, as(author));
      expectProblem(wrong, 400, 'validation');
      expect(wrong.body.errors).toEqual([{ field: 'showAnswers', message: 'showAnswers must be one of: after-pass, after-each-attempt.' }]);
      const misplaced = await hearth.http.patch(`/api/v1/items/${built.discussion.id}`, { showAnswers: 'after-pass' }, as(author));
      expect(misplaced.body.errors).toEqual([{ field: 'showAnswers', message: 'showAnswers is only for quiz items.' }]);
      expect(built.quiz.showAnswers).toBe('after-pass');
      const saved = await expectStatus(hearth.http.patch(`/api/v1/items/${built.quiz.id}`, { showAnswers: 'after-each-attempt' }, as(author)), 200);
      expect(saved.showAnswers).toBe('after-each-attempt');
    });

    it('refuses null for a required field instead of failing in the database', async () => {
      const built = await buildCourse(hearth.http, author.accessToken);
      for (const [path, body] of [
        [`/api/v1/courses/${built.course.slug}`, { title: null }],
        [`/api/v1/items/${built.lesson.id}`, { title: null }],
        [`/api/v1/items/${built.lesson.id}`, { body: null }],
        [`/api/v1/modules/${built.modules[0].id}`, { title: null }],
      ] as const) {
        const response = await hearth.http.patch(path, body, as(author));
        expect(response.status).toBe(400);
        expect(response.body.type).toBe('/problems/validation');
      }
      // Where null means "none", it is accepted.
      await expectStatus(hearth.http.patch(`/api/v1/courses/${built.course.slug}`, { coverImageUrl: null }, as(author)), 200);
      await expectStatus(hearth.http.patch(`/api/v1/items/${built.discussion.id}`, { reflectionQuestion: null }, as(author)), 200);
    });

    it('refuses a slug that looks like an id, since courses are found by either', async () => {
      const response = await hearth.http.post('/api/v1/courses', { slug: '3fa85f64-5717-4562-b3fc-2c963f66afa6', title: 'Sneaky', summary: '' }, as(author));
      expect(response.status).toBe(400);
      expect(response.body.errors[0]).toEqual({ field: 'slug', message: 'A slug cannot look like an id.' });
    });

    it('answers forged cursors and NUL characters with 400, not 500', async () => {
      const forged = Buffer.from(JSON.stringify(['a', 'not-a-uuid'])).toString('base64url');
      for (const response of [
        await hearth.http.get(`/api/v1/courses?cursor=${forged}`),
        await hearth.http.get('/api/v1/courses?cursor=%%%'),
        await hearth.http.get('/api/v1/courses/a%00b'),
        await hearth.http.post('/api/v1/courses', { slug: 'nul-title', title: 'A\u0000B', summary: '' }, as(author)),
      ]) {
        expect(response.status).toBe(400);
        expect(response.headers.get('content-type')).toContain('application/problem+json');
      }
    });

    it('publishes without a body (the note is optional)', async () => {
      const built = await buildCourse(hearth.http, author.accessToken);
      const response = await hearth.http.post(`/api/v1/courses/${built.course.slug}/publish`, undefined, as(author));
      expect(response.status).toBe(200);
      expect(response.body.version).toBe(1);
    });

    it('asks the signed-out to sign in for their own courses (401)', async () => {
      const response = await hearth.http.get('/api/v1/courses?mine=true');
      expect(response.status).toBe(401);
    });

    it('refuses a taken course slug', async () => {
      const built = await buildCourse(hearth.http, author.accessToken);
      const response = await hearth.http.post('/api/v1/courses', { slug: built.course.slug, title: 'Again', summary: '' }, as(author));
      expect(response.status).toBe(409);
      expect(response.body.errors[0].field).toBe('slug');
    });

    it('refuses quiz answers that do not fit the quiz', async () => {
      const built = await buildCourse(hearth.http, author.accessToken, { publish: true });
      await expectStatus(hearth.http.post(`/api/v1/courses/${built.course.slug}/enroll`, undefined, as(trainee)), 201);
      const response = await hearth.http.post(`/api/v1/items/${built.quiz.id}/attempts`, { answers: [{ questionId: 'nope', optionIds: ['x'] }] }, as(trainee));
      expect(response.status).toBe(400);
      expect(response.body.errors.length).toBeGreaterThan(1);
      expect((await hearth.http.post(`/api/v1/items/${built.lesson.id}/attempts`, { answers: [{ questionId: 'a', optionIds: ['b'] }] }, as(trainee))).status).toBe(422);
    });

    it('renders a Markdown preview with the same renderer', async () => {
      const preview = await expectStatus(hearth.http.post('/api/v1/markdown/preview', { markdown: '**hi** <script>x</script>' }, as(author)), 200);
      expect(preview.html).toBe('<p><strong>hi</strong> &lt;script&gt;x&lt;/script&gt;</p>\n');
      // Words are counted as a reply's are for minWords: the text, not the Markdown.
      const list = await expectStatus(hearth.http.post('/api/v1/markdown/preview', { markdown: '1. one\n2. **two** words' }, as(author)), 200);
      expect(list.wordCount).toBe(3);
    });
  });
});
