import { join } from 'node:path';
import { type Files, readFolder } from '@hearth/platform';
import { createIntegrationContext, type IntegrationContext } from '@hearth/platform/testing';
import { CoursesModule } from './courses.module';
import { FoldersService } from './folders.service';
import { CoursesWorld } from './testing';

const DEMO = join(__dirname, '../../../demo/group-support-foundations');

describe('course folders (PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let world: CoursesWorld;
  let folders: FoldersService;
  let demo: Files;

  beforeAll(async () => {
    ctx = await createIntegrationContext([CoursesModule]);
    world = new CoursesWorld(ctx);
    folders = ctx.get(FoldersService);
    demo = await readFolder(DEMO);
  });
  afterAll(() => ctx.close());

  const rowCounts = async () =>
    (await ctx.db.query<{ table: string; rows: string }>(
      `SELECT 'course' AS table, count(*) AS rows FROM course UNION ALL SELECT 'course_module', count(*) FROM course_module
       UNION ALL SELECT 'item', count(*) FROM item UNION ALL SELECT 'course_version', count(*) FROM course_version`,
    )).map((row) => `${row.table}=${row.rows}`);

  it('imports the demo course and exports it back byte for byte', async () => {
    const author = await world.newAuthor();
    const result = await folders.importFiles(author, demo, { publish: true, note: 'Demo' });
    expect(result).toMatchObject({ created: true, modules: 4, items: 11, course: { slug: 'group-support-foundations', version: 1 } });

    const { files } = await folders.exportFiles(author, 'group-support-foundations');
    expect([...files.keys()].sort()).toEqual([...demo.keys()].sort());
    for (const [path, data] of demo) expect(`${path}\n${files.get(path)!.toString('utf8')}`).toBe(`${path}\n${data.toString('utf8')}`);

    const outline = await world.courses.outline(author, 'group-support-foundations');
    expect(outline.modules.flatMap((m) => m.items).filter((i) => i.type === 'discussion')).toHaveLength(3);
    expect(outline.modules.flatMap((m) => m.items).filter((i) => i.type === 'quiz')).toHaveLength(1);
  });

  it('updates the draft from an edited folder, keeping every item’s identity and the trainees’ progress', async () => {
    const author = await world.newAuthor();
    const trainee = await world.newUser();
    const { course, lesson } = await world.newCourse(author, { publish: true });
    await world.learning.enroll(trainee, course.id);
    await world.learning.markViewed(trainee, lesson.id);

    const { files } = await folders.exportFiles(author, course.id);
    const lessonPath = [...files.keys()].find((path) => path.endsWith('-lesson.md'))!;
    const quizPath = [...files.keys()].find((path) => path.endsWith('-quiz.md'))!;
    files.set(lessonPath, Buffer.from(files.get(lessonPath)!.toString().replace('Read *this*.', 'Read *this*, improved.')));
    files.delete(quizPath);

    const result = await folders.importFiles(author, files, { publish: true, note: 'Edited in a text editor' });
    expect(result).toMatchObject({ created: false, items: 2 });
    const read = await world.learning.read(trainee, lesson.id);
    expect(read.bodyHtml).toContain('improved');
    expect(read.state).toBe('viewed');
    expect((await world.courses.outline(trainee, course.id)).modules[0].items.map((i) => i.title)).toEqual(['Lesson', 'Discuss']);
  });

  it('leaves a course untouched when re-importing what was exported', async () => {
    const author = await world.newAuthor();
    const { course } = await world.newCourse(author, { publish: true });
    const { files } = await folders.exportFiles(author, course.id);
    await folders.importFiles(author, files, {});
    expect((await world.courses.draft(author, course.id)).unpublishedChanges).toBe(false);
  });

  it('refuses a broken folder with every problem listed, and writes nothing', async () => {
    const author = await world.newAuthor();
    const before = await rowCounts();
    const broken = new Map(demo);
    broken.set('course.yaml', Buffer.from(demo.get('course.yaml')!.toString().replace('slug: group-support-foundations', 'slug: Broken Slug')));
    broken.set('02-holding-space/02-when-things-heat-up.md', Buffer.from('---\ntype: lesson\n---\nNo title'));
    broken.set('03-care-and-boundaries/04-check-your-understanding.md', Buffer.from(demo.get('03-care-and-boundaries/04-check-your-understanding.md')!.toString().replace('passPercent: 75', 'passPercent: 0')));

    const error = await folders.importFiles(author, broken, { publish: true }).catch((e) => e);
    expect(error.code).toBe('invalid-course-folder');
    expect(error.fieldErrors).toEqual(
      expect.arrayContaining([
        { field: 'course.yaml:1', message: expect.stringContaining('slug') },
        { field: '02-holding-space/02-when-things-heat-up.md:2', message: 'title is missing.' },
        { field: '03-care-and-boundaries/04-check-your-understanding.md:4', message: 'passPercent must not be less than 1' },
      ]),
    );
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses to change an item’s type, before writing anything', async () => {
    const author = await world.newAuthor();
    const { course, lesson } = await world.newCourse(author, { publish: true });
    const { files } = await folders.exportFiles(author, course.id);
    const lessonPath = [...files.keys()].find((path) => path.endsWith('-lesson.md'))!;
    files.set(lessonPath, Buffer.from('---\ntype: discussion\ntitle: Now a discussion\nreflectionQuestion: Why?\n---\n'));
    files.set('course.yaml', Buffer.from(files.get('course.yaml')!.toString().replace(/^title: .*$/m, 'title: Renamed by the import')));
    const before = await rowCounts();
    const error = await folders.importFiles(author, files, {}).catch((e) => e);
    expect(error.code).toBe('invalid-course-folder');
    expect(error.fieldErrors).toEqual([{ field: lessonPath, message: expect.stringContaining('is a lesson in the course') }]);
    expect(await rowCounts()).toEqual(before);
    expect((await world.courses.draft(author, course.id)).title).toBe(course.title);
    expect((await world.authoring.draftItem(author, lesson.id)).type).toBe('lesson');
  });

  it('round-trips a course built through the API, empty module and unfinished items included', async () => {
    const author = await world.newAuthor();
    const { course, quiz, discussion } = await world.newCourse(author);
    await world.authoring.addModule(author, course.id, { title: 'Nothing yet', position: 1 });
    await world.authoring.updateItem(author, discussion.id, { reflectionQuestion: null, body: '\n\nSpaced out.  \n\n' });
    const { files } = await folders.exportFiles(author, course.id);
    const questionIds = (await world.authoring.draftItem(author, quiz.id)).questions!.map((q) => q.id);

    await folders.importFiles(author, files, {});
    const again = await folders.exportFiles(author, course.id);
    expect(new Map([...again.files].map(([p, d]) => [p, d.toString()]))).toEqual(new Map([...files].map(([p, d]) => [p, d.toString()])));
    const draft = await world.courses.draft(author, course.id);
    expect(draft.modules.map((m) => m.title)).toEqual(['Nothing yet', 'Module one']);
    expect(draft.unpublishedChanges).toBe(true);
    // Questions keep their ids through the folder.
    expect((await world.authoring.draftItem(author, quiz.id)).questions!.map((q) => q.id)).toEqual(questionIds);
  });

  it('will not let one author’s folder take over another’s course', async () => {
    const owner = await world.newAuthor();
    const other = await world.newAuthor();
    const { course } = await world.newCourse(owner, { publish: true });
    const { files } = await folders.exportFiles(owner, course.id);
    const error = await folders.importFiles(other, files, {}).catch((e) => e);
    expect(error.code).toBe('slug-taken');
  });
});
