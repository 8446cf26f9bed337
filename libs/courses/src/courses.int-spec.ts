import { validateInput } from '@hearth/platform';
import { createIntegrationContext, type IntegrationContext } from '@hearth/platform/testing';
import { UpdateItemDto } from './courses.dto';
import { CoursesModule } from './courses.module';
import { CoursesWorld } from './testing';

describe('courses (PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let world: CoursesWorld;

  beforeAll(async () => {
    ctx = await createIntegrationContext([CoursesModule]);
    world = new CoursesWorld(ctx);
  });
  afterAll(() => ctx.close());

  const codeOf = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: { code?: string }) => error.code ?? String(error));

  describe('versioning', () => {
    it('keeps progress on an item through new versions that change it', async () => {
      const author = await world.newAuthor();
      const trainee = await world.newUser();
      const { course, lesson, quiz } = await world.newCourse(author, { publish: true });
      await world.learning.enroll(trainee, course.slug);
      await world.learning.markViewed(trainee, lesson.id);

      await world.authoring.updateItem(author, lesson.id, { title: 'Lesson, rewritten', body: 'New text' });
      await world.authoring.addItem(author, (await world.courses.draft(author, course.id)).modules[0].id, { type: 'lesson', title: 'Extra', body: 'More' });
      await world.publishing.publish(author, course.id, 'v2');

      const outline = await world.courses.outline(trainee, course.slug);
      expect(outline.version).toBe(2);
      const items = outline.modules[0].items;
      expect(items.find((item) => item.id === lesson.id)).toMatchObject({ title: 'Lesson, rewritten', state: 'viewed' });
      expect(items.find((item) => item.id === quiz.id)?.state).toBe('not_started');
      expect(items.map((item) => item.title)).toContain('Extra');
      expect(outline.progress).toEqual({ done: 1, total: 4 });
    });

    it('freezes what trainees read: draft edits stay invisible until published', async () => {
      const author = await world.newAuthor();
      const trainee = await world.newUser();
      const { course, lesson } = await world.newCourse(author, { publish: true });
      await world.learning.enroll(trainee, course.id);
      await world.authoring.updateItem(author, lesson.id, { body: 'Unpublished words' });
      const draftOnly = await world.authoring.addItem(author, (await world.courses.draft(author, course.id)).modules[0].id, { type: 'lesson', title: 'Secret', body: 'Not yet' });

      expect((await world.learning.read(trainee, lesson.id)).bodyHtml).not.toContain('Unpublished');
      expect(await codeOf(world.learning.read(trainee, draftOnly.id))).toBe('item-not-found');
      expect((await world.courses.outline(trainee, course.id)).modules[0].items.map((i) => i.title)).not.toContain('Secret');
    });

    it('keeps a removed item’s id and records, and leaves it out of the next version', async () => {
      const author = await world.newAuthor();
      const trainee = await world.newUser();
      const { course, lesson } = await world.newCourse(author, { publish: true });
      await world.learning.enroll(trainee, course.id);
      await world.learning.markViewed(trainee, lesson.id);
      await world.authoring.removeItem(author, lesson.id);
      await world.publishing.publish(author, course.id, 'without the lesson');

      expect(await codeOf(world.learning.read(trainee, lesson.id))).toBe('item-not-found');
      const [{ count }] = await ctx.db.query<{ count: string }>('SELECT count(*) FROM item_progress WHERE item_id = $1', [lesson.id]);
      expect(Number(count)).toBe(1);
      const [{ versions }] = await ctx.db.query<{ versions: string }>('SELECT count(*) AS versions FROM published_item WHERE item_id = $1', [lesson.id]);
      expect(Number(versions)).toBe(1);
    });

    it('numbers versions one after another even when two authors publish at once', async () => {
      const author = await world.newAuthor();
      const { course } = await world.newCourse(author);
      const results = await Promise.all([world.publishing.publish(author, course.id, 'a'), world.publishing.publish(author, course.id, 'b')]);
      expect(results.map((r) => r.version).sort()).toEqual([1, 2]);
    });
  });

  describe('what trainees see of a course', () => {
    it('is the published version’s title and summary, not the draft’s', async () => {
      const author = await world.newAuthor();
      const trainee = await world.newUser();
      const { course } = await world.newCourse(author, { publish: true });
      await world.courses.update(author, course.id, { title: 'Unpublished title', summary: 'Unpublished summary' });
      expect((await world.courses.outline(trainee, course.id)).title).toBe(course.title);
      const listed = (await world.courses.list(null, { limit: 100 })).items.find((c) => c.id === course.id);
      expect(listed).toMatchObject({ title: course.title, summary: 'For tests' });
      expect((await world.courses.list(author, { mine: true, limit: 100 })).items.find((c) => c.id === course.id)?.title).toBe('Unpublished title');
      await world.publishing.publish(author, course.id, 'retitled');
      expect((await world.courses.outline(trainee, course.id)).title).toBe('Unpublished title');
    });

    it('pages the catalog without skipping or repeating, titles in any script', async () => {
      const author = await world.newAuthor();
      for (const title of ['Ébauche', 'zeta', 'Alpha', 'Ωmega', 'beta', 'Éclat']) {
        const { course } = await world.newCourse(author);
        await world.courses.update(author, course.id, { title });
        await world.publishing.publish(author, course.id, undefined);
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await world.courses.list(null, { limit: 2, cursor });
        seen.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      const all = await world.courses.list(null, { limit: 100 });
      expect(seen).toEqual(all.items.map((c) => c.id));
    });

    it('lets mentors preview published items but never see answer keys or the draft', async () => {
      const author = await world.newAuthor();
      const mentor = await world.newUser();
      const { course, quiz } = await world.newCourse(author, { publish: true });
      await world.courses.setStaff(author, course.id, { userId: mentor.id }, 'mentor');
      expect((await world.learning.read(mentor, quiz.id)).questions).not.toBeNull();
      expect(JSON.stringify(await world.learning.read(mentor, quiz.id))).not.toContain('correct');
      expect(await codeOf(world.courses.draft(mentor, course.id))).toBe('not-course-author');
      expect(await codeOf(world.authoring.draftItem(mentor, quiz.id))).toBe('not-course-author');
    });
  });

  describe('drafts are invisible to trainees', () => {
    it('answers not-found for a never-published course and its items', async () => {
      const author = await world.newAuthor();
      const trainee = await world.newUser();
      const { course, lesson } = await world.newCourse(author);
      expect(await codeOf(world.courses.outline(trainee, course.slug))).toBe('course-not-found');
      expect(await codeOf(world.courses.outline(null, course.slug))).toBe('course-not-found');
      expect(await codeOf(world.learning.enroll(trainee, course.slug))).toBe('course-not-found');
      expect(await codeOf(world.learning.read(trainee, lesson.id))).toBe('item-not-found');
      expect(await codeOf(world.authoring.draftItem(trainee, lesson.id))).toBe('item-not-found');
      const catalog = await world.courses.list(trainee, {});
      expect(catalog.items.map((c) => c.id)).not.toContain(course.id);
    });
  });

  describe('ordering', () => {
    it('inserts, moves and removes items and modules keeping positions 1..n', async () => {
      const author = await world.newAuthor();
      const { course, module, lesson, discussion, quiz } = await world.newCourse(author);
      const second = await world.authoring.addModule(author, course.id, { title: 'Two' });
      const first = await world.authoring.addModule(author, course.id, { title: 'Zero', position: 1 });

      let draft = await world.courses.draft(author, course.id);
      expect(draft.modules.map((m) => [m.title, m.position])).toEqual([['Zero', 1], ['Module one', 2], ['Two', 3]]);

      await world.authoring.updateItem(author, quiz.id, { position: 1 });
      await world.authoring.updateItem(author, lesson.id, { moduleId: second.id });
      await world.authoring.updateModule(author, second.id, { position: 1 });
      draft = await world.courses.draft(author, course.id);
      expect(draft.modules.map((m) => m.title)).toEqual(['Two', 'Zero', 'Module one']);
      expect(draft.modules[0].items.map((i) => [i.title, i.position])).toEqual([['Lesson', 1]]);
      expect(draft.modules[2].items.map((i) => [i.title, i.position])).toEqual([['Quiz', 1], ['Discuss', 2]]);

      expect(await codeOf(world.authoring.removeModule(author, module.id))).toBe('module-not-empty');
      await world.authoring.removeModule(author, first.id);
      await world.authoring.removeItem(author, discussion.id);
      draft = await world.courses.draft(author, course.id);
      expect(draft.modules.map((m) => [m.title, m.position])).toEqual([['Two', 1], ['Module one', 2]]);
      expect(draft.modules[1].items.map((i) => [i.title, i.position])).toEqual([['Quiz', 1]]);

      await world.publishing.publish(author, course.id, undefined);
      const outline = await world.courses.outline(author, course.id);
      expect(outline.modules.map((m) => m.items.map((i) => i.title))).toEqual([['Lesson'], ['Quiz']]);
      const read = await world.learning.read(author, lesson.id);
      expect(read.next?.title).toBe('Quiz');
    });

    it('loses no move when another author edits the same item at the same moment', async () => {
      const author = await world.newAuthor();
      const { course, module, lesson } = await world.newCourse(author);
      const other = await world.authoring.addModule(author, course.id, { title: 'Other' });
      for (let round = 0; round < 5; round++) {
        const target = round % 2 === 0 ? other.id : module.id;
        await Promise.all([
          world.authoring.updateItem(author, lesson.id, { moduleId: target }),
          world.authoring.updateItem(author, lesson.id, { title: `Renamed ${round}` }),
        ]);
        const rows = await ctx.db.query<{ id: string; moduleId: string; position: number }>(
          'SELECT id, module_id, position FROM item WHERE course_id = $1 AND removed_at IS NULL ORDER BY module_id, position',
          [course.id],
        );
        expect(rows.find((row) => row.id === lesson.id)?.moduleId).toBe(target);
        for (const moduleId of [module.id, other.id]) {
          const positions = rows.filter((row) => row.moduleId === moduleId).map((row) => row.position);
          expect(positions).toEqual(positions.map((_, i) => i + 1));
        }
      }
    });

    it('keeps positions dense when two authors add items at the same moment', async () => {
      const author = await world.newAuthor();
      const { module } = await world.newCourse(author);
      await Promise.all(Array.from({ length: 6 }, (_, i) => world.authoring.addItem(author, module.id, { type: 'lesson', title: `Parallel ${i}`, body: 'x' })));
      const rows = await ctx.db.query<{ position: number }>('SELECT position FROM item WHERE module_id = $1 AND removed_at IS NULL ORDER BY position', [module.id]);
      expect(rows.map((row) => row.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });

    it('gives items unique slugs within a course, freeing a removed item’s slug', async () => {
      const author = await world.newAuthor();
      const { module, lesson } = await world.newCourse(author);
      const again = await world.authoring.addItem(author, module.id, { type: 'lesson', title: 'Lesson', body: 'x' });
      expect([lesson.slug, again.slug]).toEqual(['lesson', 'lesson-2']);
      expect(await codeOf(world.authoring.addItem(author, module.id, { type: 'lesson', title: 'x', slug: 'lesson', body: 'x' }))).toBe('slug-taken');
      await world.authoring.removeItem(author, lesson.id);
      expect((await world.authoring.addItem(author, module.id, { type: 'lesson', title: 'x', slug: 'lesson', body: 'x' })).slug).toBe('lesson');
    });
  });

  describe('stored Markdown', () => {
    it('is rendered inert before it is stored, and published as stored', async () => {
      const author = await world.newAuthor();
      const { course, lesson } = await world.newCourse(author);
      await world.authoring.updateItem(author, lesson.id, { body: '<img src=x onerror=alert(1)> [x](javascript:alert(1)) <script>alert(1)</script>' });
      await world.publishing.publish(author, course.id, undefined);
      const [stored] = await ctx.db.query<{ bodyMd: string; bodyHtml: string }>('SELECT body_md, body_html FROM published_item WHERE item_id = $1', [lesson.id]);
      expect(stored.bodyMd).toContain('<script>');
      // The text survives, escaped; no tag or link that could run survives.
      expect(stored.bodyHtml).toContain("&lt;script&gt;");
      expect(stored.bodyHtml).not.toMatch(/<script|<img|href="javascript/);
    });
  });

  describe('enrollment and quizzes', () => {
    it('enrolls once, even when asked twice at the same moment', async () => {
      const author = await world.newAuthor();
      const trainee = await world.newUser();
      const { course } = await world.newCourse(author, { publish: true });
      const results = await Promise.all([world.learning.enroll(trainee, course.id), world.learning.enroll(trainee, course.id)]);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(results[0].enrollment.id).toBe(results[1].enrollment.id);
    });

    it('closes an archived course to new trainees but keeps the enrolled reading', async () => {
      const author = await world.newAuthor();
      const [early, late] = [await world.newUser(), await world.newUser()];
      const { course, lesson } = await world.newCourse(author, { publish: true });
      await world.learning.enroll(early, course.id);
      await world.courses.archive(author, course.id, true);
      expect(await codeOf(world.learning.enroll(late, course.id))).toBe('not-enrollable');
      expect((await world.learning.read(early, lesson.id)).title).toBe('Lesson');
      expect((await world.courses.list(early, {})).items.map((c) => c.id)).not.toContain(course.id);
    });

    it('passes on exact counts, not rounded percentages', async () => {
      const author = await world.newAuthor();
      const trainee = await world.newUser();
      const { course, quiz } = await world.newCourse(author);
      const three = [0, 1, 2].map((n) => ({ text: `Q${n}`, kind: 'single' as const, options: [{ text: 'right', correct: true }, { text: 'wrong', correct: false }] }));
      await world.authoring.updateItem(author, quiz.id, { questions: three, passPercent: 67 });
      await world.publishing.publish(author, course.id, undefined);
      await world.learning.enroll(trainee, course.id);
      const view = await world.learning.read(trainee, quiz.id);
      const answers = view.questions!.map((q, i) => ({ questionId: q.id, optionIds: [q.options[i < 2 ? 0 : 1].id] }));
      const result = await world.learning.attempt(trainee, quiz.id, { answers });
      // 2 of 3 is 66.7%: shown as 67, and not a pass at 67%.
      expect(result).toMatchObject({ scorePercent: 67, passed: false });
    });

    it('keeps every attempt and records a pass once', async () => {
      const author = await world.newAuthor();
      const trainee = await world.newUser();
      const { course, quiz } = await world.newCourse(author, { publish: true });
      await world.learning.enroll(trainee, course.id);
      const view = await world.learning.read(trainee, quiz.id);
      const [question] = view.questions!;
      const wrong = await world.learning.attempt(trainee, quiz.id, { answers: [{ questionId: question.id, optionIds: [question.options[0].id] }] });
      const right = await world.learning.attempt(trainee, quiz.id, { answers: [{ questionId: question.id, optionIds: [question.options[1].id] }] });
      await world.learning.attempt(trainee, quiz.id, { answers: [{ questionId: question.id, optionIds: [question.options[1].id] }] });
      expect([wrong.passed, right.passed]).toEqual([false, true]);
      expect(wrong.review).toEqual([{ questionId: question.id, correct: false, chosenOptionIds: [question.options[0].id], correctOptionIds: [], explanationHtml: null }]);
      expect(right.review?.[0].correctOptionIds).toEqual([question.options[1].id]);
      expect(await world.learning.attempts(trainee, quiz.id)).toHaveLength(3);
      expect((await world.learning.read(trainee, quiz.id)).state).toBe('passed');
    });

    it('shows the key and the explanations after a miss only when the quiz says so, from the version published', async () => {
      const author = await world.newAuthor();
      const trainee = await world.newUser();
      const { course, quiz } = await world.newCourse(author);
      const question = { text: 'Which?', kind: 'single' as const, explanation: 'Because **b**.', options: [{ text: 'a', correct: false }, { text: 'b', correct: true }] };
      expect((await world.authoring.updateItem(author, quiz.id, { questions: [question] })).showAnswers).toBe('after-pass');
      await world.publishing.publish(author, course.id, undefined);
      await world.learning.enroll(trainee, course.id);
      const miss = async () => {
        const [shown] = (await world.learning.read(trainee, quiz.id)).questions!;
        return (await world.learning.attempt(trainee, quiz.id, { answers: [{ questionId: shown.id, optionIds: [shown.options[0].id] }] })).review![0];
      };
      expect(await miss()).toMatchObject({ correct: false, correctOptionIds: [], explanationHtml: null });

      // The draft's setting changes nothing until it is published.
      await world.authoring.updateItem(author, quiz.id, { showAnswers: 'after-each-attempt' });
      expect(await miss()).toMatchObject({ correctOptionIds: [] });
      await world.publishing.publish(author, course.id, undefined);
      expect((await world.learning.read(trainee, quiz.id)).showAnswers).toBe('after-each-attempt');
      const shown = await miss();
      expect(shown.correct).toBe(false);
      expect(shown.correctOptionIds).toHaveLength(1);
      expect(shown.explanationHtml).toContain('<strong>b</strong>');
    });

    it('refuses showAnswers on items that are not quizzes, and values it does not know', async () => {
      const author = await world.newAuthor();
      const { lesson, quiz } = await world.newCourse(author);
      await expect(world.authoring.updateItem(author, lesson.id, { showAnswers: 'after-pass' })).rejects.toMatchObject({ fieldErrors: [{ field: 'showAnswers', message: 'showAnswers is only for quiz items.' }] });
      await expect(validateInput(UpdateItemDto, { showAnswers: 'never' })).rejects.toMatchObject({ fieldErrors: [{ field: 'showAnswers', message: 'showAnswers must be one of: after-pass, after-each-attempt.' }] });
      expect((await world.authoring.updateItem(author, quiz.id, { showAnswers: 'after-each-attempt' })).showAnswers).toBe('after-each-attempt');
    });
  });
});
