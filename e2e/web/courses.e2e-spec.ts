/// <reference lib="dom" />
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Page } from 'playwright-core';
import { OutboxWorker, readArchive, writeArchive } from '@hearth/platform';
import { DEMO_PASSWORD } from '@hearth/api';
import { type Registered, startTestApp, type TestApp } from '../support/app';
import { appInChromium, type Browser, launchBrowser } from '../support/browser';
import { buildCourse, completeCourse, expectStatus } from '../support/courses';
import { chooseAnswers, heading, signIn } from '../support/pages';

describe('authoring a course in Chromium', () => {
  let hearth: TestApp;
  let browser: Browser;
  let author: Registered;
  let page: Page;

  beforeAll(async () => {
    hearth = await startTestApp();
    browser = await launchBrowser();
    author = await hearth.author();
    page = await browser.newPage({ width: 1200, height: 900 });
    await signIn(page, hearth.baseUrl, author.user.username, author.password);
  });
  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  it('creates a course with one item of each type and publishes it', async () => {
    await page.getByRole('link', { name: 'Authoring' }).click();
    await heading(page, 'Your courses');
    await page.getByLabel('Title').fill('Room Basics');
    expect(await page.getByLabel("Slug (the course's address)").inputValue()).toBe('room-basics');
    await page.getByLabel('Summary').fill('A short course written in the browser.');
    await page.getByRole('button', { name: 'Create course' }).click();
    await page.waitForURL('**/author/courses/room-basics');
    await heading(page, 'Room Basics');

    await page.getByLabel('New module title').fill('First steps');
    await page.getByRole('button', { name: 'Add module' }).click();
    await page.getByRole('status').filter({ hasText: 'Module “First steps” added.' }).waitFor();

    // A lesson, with a live preview of its Markdown.
    await addItem('lesson', 'Hello rooms');
    const editor = page.locator('hearth-item-editor');
    await editor.getByLabel('Lesson', { exact: true }).fill('# Hello\n\nRooms are **shared**.');
    await editor.locator('.preview strong').filter({ hasText: 'shared' }).waitFor();
    await editor.getByRole('button', { name: 'Save item' }).click();
    await page.getByRole('status').filter({ hasText: 'Item saved.' }).waitFor();

    // A discussion, which cannot be published without its reflection question.
    await addItem('discussion', 'Your favourite room');
    await page.locator('hearth-item-editor').getByText('The discussion has no reflection question.').waitFor();
    await page.locator('hearth-item-editor').getByLabel('Prompt', { exact: true }).fill('Think of a room you like.');
    await page.locator('hearth-item-editor').getByLabel('Reflection question').fill('Which room do you like, and why?');
    await page.locator('hearth-item-editor').getByRole('button', { name: 'Save item' }).click();
    await page.getByRole('status').filter({ hasText: 'Item saved.' }).waitFor();

    // A quiz with one question; its second option is the right one.
    await addItem('quiz', 'Quick check');
    const quiz = page.locator('hearth-item-editor');
    await quiz.getByRole('button', { name: 'Add a question' }).click();
    await quiz.getByLabel('Question', { exact: true }).fill('What comes first when a room heats up?');
    await quiz.getByLabel('Option 1', { exact: true }).fill('Mute everyone');
    await quiz.getByLabel('Option 2', { exact: true }).fill('Slow down and name it');
    await quiz.getByRole('checkbox', { name: 'Right answer' }).nth(1).check();
    await quiz.getByRole('button', { name: 'Save item' }).click();
    await page.getByRole('status').filter({ hasText: 'Item saved.' }).waitFor();

    await page.getByRole('button', { name: 'Publish…' }).click();
    await page.getByLabel('Version note').fill('First version');
    await page.getByRole('button', { name: 'Publish version 1' }).click();
    await page.getByRole('status').filter({ hasText: 'Published version 1.' }).waitFor();

    await page.getByRole('link', { name: 'Courses', exact: true }).click();
    await page.getByRole('link', { name: 'Room Basics' }).click();
    await heading(page, 'Room Basics');
    // The discussion's answer count arrives after the outline itself: wait for it rather than race it.
    await page.locator('.items li').filter({ hasText: '0 answers' }).waitFor();
    const items = await page.locator('.items li').allTextContents();
    expect(items.map((text) => text.replace(/\s+/g, ' ').trim())).toEqual(['Hello rooms, Lesson', 'Your favourite room, Discussion, 0 answers', 'Quick check, Quiz']);
  });

  it('reorders items, exports the course as a folder and imports it back', async () => {
    await page.goto(`${hearth.baseUrl}/author/courses/room-basics`);
    await heading(page, 'Room Basics');
    // Moving is in the item's menu; focus comes back to that menu's button after each move.
    for (const moved of ['“Quick check” moved up, to place 2.', '“Quick check” moved up, to place 1.']) {
      await page.getByRole('button', { name: 'More for Quick check' }).click();
      await page.getByRole('menuitem', { name: 'Move up' }).click();
      await page.getByRole('status').filter({ hasText: moved }).waitFor();
      // On the button again once the list is drawn anew (and the button usable again).
      await page.waitForFunction(() => {
        const focused = document.activeElement as HTMLButtonElement | null;
        return focused?.getAttribute('aria-label') === 'More for Quick check' && !focused.disabled;
      });
    }
    const titles = () => page.locator('.item-title').allTextContents();
    await page.waitForFunction(() => document.querySelector('.item-title')?.textContent === 'Quick check');
    expect(await titles()).toEqual(['Quick check', 'Hello rooms', 'Your favourite room']);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export .zip' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('room-basics.zip');
    const path = await file.path();

    // The same folder under a new slug is a new course.
    const folder = await readArchive('zip', await readFile(path));
    folder.set('course.yaml', Buffer.from(folder.get('course.yaml')!.toString().replace('slug: room-basics', 'slug: room-basics-copy')));
    const copyPath = `${path}.copy.zip`;
    await writeFile(copyPath, await writeArchive('zip', 'room-basics-copy', folder));

    await page.goto(`${hearth.baseUrl}/author`);
    await page.getByLabel('Archive').setInputFiles(copyPath);
    await page.getByRole('button', { name: 'Import' }).click();
    await page.waitForURL('**/author/courses/room-basics-copy');
    await page.locator('.item-title').nth(2).waitFor();
    expect(await titles()).toEqual(['Quick check', 'Hello rooms', 'Your favourite room']);
  });

  it('lists every problem of a broken folder it refuses', async () => {
    const broken = `${tmpdir()}/broken-${process.pid}.tar.gz`;
    await writeFile(
      broken,
      await writeArchive('tar.gz', 'broken', new Map([['course.yaml', Buffer.from('slug: Bad Slug\ntitle: Broken\nmodules: {}\n')], ['notes.txt', Buffer.from('x')]])),
    );
    await page.goto(`${hearth.baseUrl}/author`);
    await page.getByLabel('Archive').setInputFiles(broken);
    await page.getByRole('button', { name: 'Import' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('nothing was imported').waitFor();
    expect(await alert.locator('li').count()).toBe(2);
    expect(await alert.textContent()).toContain('course.yaml:1');
  });

  it('shows why a draft cannot be published yet', async () => {
    await page.goto(`${hearth.baseUrl}/author`);
    await page.getByLabel('Title').fill('Unfinished');
    await page.getByRole('button', { name: 'Create course' }).click();
    await page.waitForURL('**/author/courses/unfinished');
    await page.getByRole('button', { name: 'Publish…' }).click();
    await page.getByRole('button', { name: 'Publish version 1' }).click();
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain('The draft cannot be published yet.');
  });

  it('asks before removing an item, and keeps it on Cancel', async () => {
    // On the draft the last test made.
    await page.getByLabel('New module title').fill('Scratch');
    await page.getByRole('button', { name: 'Add module' }).click();
    await page.getByRole('status').filter({ hasText: 'Module “Scratch” added.' }).waitFor();
    await page.getByLabel('New', { exact: true }).selectOption('lesson');
    await page.getByLabel('Title of the new item in Scratch').fill('Throwaway');
    await page.getByRole('button', { name: 'Add to Scratch' }).click();
    await page.locator('hearth-item-editor').getByRole('heading', { name: /Throwaway/ }).waitFor();

    const remove = async () => {
      await page.getByRole('button', { name: 'More for Throwaway' }).click();
      await page.getByRole('menuitem', { name: 'Remove…' }).click();
    };
    await remove();
    const dialog = page.getByRole('dialog', { name: 'Remove “Throwaway”?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByRole('button', { name: 'More for Throwaway' }).count()).toBe(1);

    await remove();
    await page.getByRole('dialog', { name: 'Remove “Throwaway”?' }).getByRole('button', { name: 'Remove the item' }).click();
    await page.getByRole('status').filter({ hasText: '“Throwaway” removed.' }).waitFor();
    expect(await page.getByRole('button', { name: 'More for Throwaway' }).count()).toBe(0);
  });

  it('lets the author show a quiz’s answers after every attempt, and a trainee then sees them after a miss', async () => {
    await page.goto(`${hearth.baseUrl}/author/courses/room-basics`);
    await page.getByRole('button', { name: 'Edit Quick check' }).click();
    const quiz = page.locator('hearth-item-editor');
    await quiz.getByRole('textbox', { name: /^Explanation/ }).first().fill('Slowing down gives everyone a moment.');
    await quiz.getByRole('combobox', { name: 'Show the right answers and explanations' }).click();
    await page.getByRole('option', { name: 'After every attempt' }).click();
    await quiz.getByRole('button', { name: 'Save item' }).click();
    await page.getByRole('status').filter({ hasText: 'Item saved.' }).waitFor();
    await page.getByRole('button', { name: 'Publish…' }).click();
    await page.getByRole('button', { name: /^Publish version/ }).click();
    await page.getByRole('status').filter({ hasText: /^Published version/ }).waitFor();

    const trainee = await hearth.register();
    const learner = await browser.newPage();
    await signIn(learner, hearth.baseUrl, trainee.user.username, trainee.password);
    await learner.goto(`${hearth.baseUrl}/courses/room-basics`);
    await learner.getByRole('button', { name: 'Enroll in this course' }).click();
    await learner.locator('.items').getByRole('link', { name: 'Quick check' }).click();
    await heading(learner, 'Quick check');
    await learner.getByText('After each attempt you see the right answers and why.').waitFor();
    await chooseAnswers(learner, ['Mute everyone']);
    await learner.getByRole('button', { name: 'Check my answers' }).click();
    await learner.getByRole('status').filter({ hasText: 'the right answers and the explanations are shown above' }).waitFor();
    await learner.getByText('Not quite.').waitFor();
    await learner.getByText('— the right answer').waitFor();
    await learner.getByText('Slowing down gives everyone a moment.').waitFor();
  });

  it('publishes a version asking holders to recertify; a holder then finds what changed to redo, and by when', async () => {
    const built = await buildCourse(hearth.http, author.accessToken, { publish: true });
    const admin = await hearth.admin();
    await expectStatus(
      hearth.http.post(
        '/api/v1/facilitator-roles',
        {
          key: `greeter_${process.pid}`,
          name: 'Greeter',
          description: 'Welcomes newcomers.',
          rule: { courseIds: [built.course.id], roleKeys: [], approval: 'auto', validityDays: null },
          effects: { bundle: 'on_spot_host', roomIds: [], roomTags: ['general'] },
        },
        { token: admin.accessToken },
      ),
      201,
    );
    const holder = await hearth.register({ displayName: 'Holly Holder' });
    await expectStatus(hearth.http.post(`/api/v1/courses/${built.course.slug}/enroll`, undefined, { token: holder.accessToken }), 201);
    await completeCourse(hearth.http, built, holder.accessToken);
    await expectStatus(hearth.http.patch(`/api/v1/items/${built.lesson.id}`, { body: '# Welcome\n\nRooms are **shared** spaces, and newcomers read before they post.' }, { token: author.accessToken }), 200);

    await page.goto(`${hearth.baseUrl}/author/courses/${built.course.slug}`);
    await page.getByRole('button', { name: 'Publish…' }).click();
    await page.getByLabel('Holders must recertify').check();
    await page.getByLabel('Days they have').fill('14');
    await page.getByRole('button', { name: 'Publish version 2' }).click();
    await page.getByRole('status').filter({ hasText: 'Holders of the roles built on it are asked to redo what changed within 14 days.' }).waitFor();
    await page.getByText('holders asked to redo 1 item within 14 days').waitFor();

    // Each holder's refresher comes from the outbox, after the publish (its worker is off in these tests).
    await hearth.nest.get(OutboxWorker).drain();
    const learner = await browser.newPage();
    await signIn(learner, hearth.baseUrl, holder.user.username, holder.password);
    await learner.goto(`${hearth.baseUrl}/courses/${built.course.slug}`);
    const refresher = learner.getByRole('region', { name: 'A refresher asked of you' });
    await refresher.getByText(/This course changed since you completed it/).waitFor();
    await refresher.getByText('0 of 1 redone.').waitFor();
    // Opening the lesson again redoes it (the page tells the server it was viewed).
    const viewed = learner.waitForResponse((response) => response.url().endsWith(`/items/${built.lesson.id}/view`));
    await refresher.getByRole('link', { name: 'Welcome' }).click();
    await heading(learner, 'Welcome');
    await viewed;
    await learner.goto(`${hearth.baseUrl}/courses/${built.course.slug}`);
    await learner.getByRole('heading', { level: 1, name: built.course.title }).waitFor();
    expect(await learner.getByRole('region', { name: 'A refresher asked of you' }).count()).toBe(0);
    await learner.close();
  });

  async function addItem(type: 'lesson' | 'discussion' | 'quiz', title: string): Promise<void> {
    await page.getByLabel('New', { exact: true }).selectOption(type);
    await page.getByLabel('Title of the new item in First steps').fill(title);
    await page.getByRole('button', { name: 'Add to First steps' }).click();
    await page.locator('hearth-item-editor').getByRole('heading', { name: new RegExp(title) }).waitFor();
  }
});

describe('a trainee on the demo course, in Chromium', () => {
  const chromium = appInChromium({}, { demo: true });

  it('enrolls, reads, passes the quiz, and keeps that progress when the author publishes a new version', async () => {
    const sam = await chromium.browser.newPage();
    await signIn(sam, chromium.hearth.baseUrl, 'sam', DEMO_PASSWORD);
    await sam.getByRole('link', { name: 'Courses', exact: true }).click();
    await sam.getByRole('link', { name: 'Group Support Foundations' }).click();
    await sam.getByRole('button', { name: 'Enroll in this course' }).click();
    await sam.getByText('0 of 11 done').waitFor();
    // Focus never falls back to the page itself: after enrolling it is on the way in, after
    // opening an item on its title, after checking answers on the outcome.
    await expectFocusOn(sam, 'a', 'Start the course');

    await sam.getByRole('link', { name: 'Start the course' }).click();
    await heading(sam, 'Welcome');
    await expectFocusOn(sam, 'h1', 'Welcome');
    await sam.getByRole('link', { name: /The rooms we share/ }).click();
    await heading(sam, 'The rooms we share');
    expect(await sam.locator('.prose table').count()).toBe(1);

    await sam.goto(`${chromium.hearth.baseUrl}/courses/group-support-foundations`);
    await sam.locator('.items').getByRole('link', { name: 'Check your understanding' }).click();
    await heading(sam, 'Check your understanding');

    // A wrong attempt first: the score, but not the key.
    await chooseAnswers(sam, ['Suggest three things they could do to feel better', 'Mute the people involved', 'A short greeting by name', 'Stay calm and share the pinned crisis contacts']);
    await sam.getByRole('button', { name: 'Check my answers' }).click();
    await sam.getByRole('status').filter({ hasText: 'You need 75% to pass' }).waitFor();
    await expectFocusOn(sam, 'p', 'You need 75% to pass');
    expect(await sam.getByText('Naming it gives everyone').count()).toBe(0);
    // Which questions missed, but not which answers are right.
    expect(await sam.getByText('Not quite.').count()).toBeGreaterThan(0);
    expect(await sam.getByText(/— (the|a) right answer/).count()).toBe(0);

    await sam.getByRole('button', { name: 'Try again' }).click();
    await chooseAnswers(sam, [
      'Reflect back what you read and ask an open question',
      'Slow down and name what is happening',
      'A short greeting by name',
      'Letting them know they can just read for a while',
      'Stay calm and share the pinned crisis contacts',
      'Tell a lead or another facilitator at once',
    ]);
    await sam.getByRole('button', { name: 'Check my answers' }).click();
    await sam.getByRole('status').filter({ hasText: 'Passed with 100%' }).waitFor();
    expect(await sam.getByText('Use the lightest step that works.').isVisible()).toBe(true);
    expect(await sam.getByText(/— (the|a) right answer/).count()).toBeGreaterThan(0);

    // The quiz is no longer the last item (the practice script follows it): back through the breadcrumb.
    await sam.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Group Support Foundations' }).click();
    await sam.getByText('3 of 11 done').waitFor();

    // The author improves a lesson and publishes version 2.
    const author = await chromium.browser.newPage({ width: 1200, height: 900 });
    await signIn(author, chromium.hearth.baseUrl, 'author', DEMO_PASSWORD);
    await author.goto(`${chromium.hearth.baseUrl}/author/courses/group-support-foundations`);
    await author.getByRole('button', { name: 'Edit Welcome' }).click();
    const editor = author.locator('hearth-item-editor');
    await editor.getByLabel('Lesson', { exact: true }).fill('A warmer welcome, rewritten for version 2.');
    await editor.getByRole('button', { name: 'Save item' }).click();
    await author.getByRole('status').filter({ hasText: 'Item saved.' }).waitFor();
    await author.getByRole('button', { name: 'Publish…' }).click();
    await author.getByLabel('Version note').fill('A warmer welcome');
    await author.getByRole('button', { name: 'Publish version 2' }).click();
    await author.getByRole('status').filter({ hasText: 'Published version 2.' }).waitFor();

    await sam.reload();
    await sam.getByText('3 of 11 done').waitFor();
    expect(await sam.getByText('version 2').count()).toBe(1);
    await sam.locator('.items').getByRole('link', { name: 'Welcome' }).click();
    await sam.getByText('A warmer welcome, rewritten for version 2.').waitFor();
  });

  it('asks a visitor to sign in before enrolling', async () => {
    const visitor = await chromium.browser.newPage();
    await visitor.goto(`${chromium.hearth.baseUrl}/courses/group-support-foundations`);
    await heading(visitor, 'Group Support Foundations');
    await visitor.getByRole('button', { name: 'Enroll in this course' }).click();
    await visitor.waitForURL('**/sign-in?returnUrl=%2Fcourses%2Fgroup-support-foundations');
  });

});

/** The element that has focus, waited for: its tag, and text that it contains. */
async function expectFocusOn(page: Page, tag: string, text: string): Promise<void> {
  await page.waitForFunction(
    ([tag, text]) => {
      const focused = document.activeElement as HTMLElement | null;
      return !!focused && focused !== document.body && focused.tagName.toLowerCase() === tag && (focused.textContent ?? '').includes(text);
    },
    [tag, text] as const,
    { timeout: 5000 },
  );
}
