/// <reference lib="dom" />
import { type Registered, startTestApp, type TestApp } from '../support/app';
import { appInChromium, type Browser, launchBrowser } from '../support/browser';
import { buildCourse, type BuiltCourse, expectStatus, passQuiz } from '../support/courses';
import { signIn } from '../support/pages';

describe('my learning, in Chromium', () => {
  let hearth: TestApp;
  let browser: Browser;
  let built: BuiltCourse;
  let trainee: Registered;

  beforeAll(async () => {
    hearth = await startTestApp();
    browser = await launchBrowser();
    const author = await hearth.author();
    built = await buildCourse(hearth.http, author.accessToken, { publish: true });
    trainee = await hearth.register();
  });
  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  const as = (person: Registered) => ({ token: person.accessToken });

  it('is where signing in lands: nothing yet, then my course with its next step, marked in the catalog', async () => {
    const page = await browser.newPage();
    await signIn(page, hearth.baseUrl, trainee.user.username, trainee.password);
    await page.getByText('You are not enrolled in a course yet.').waitFor();
    await page.getByRole('list', { name: 'Roles I am working toward' }).getByRole('link', { name: 'Chat Room Moderator', exact: true }).waitFor();
    // With what each still asks, linked to where to do it.
    await page.getByRole('list', { name: 'Roles I am working toward' }).getByRole('link', { name: 'Hold the role “Chat Room Moderator”' }).first().waitFor();

    await expectStatus(hearth.http.post(`/api/v1/courses/${built.course.slug}/enroll`, undefined, as(trainee)), 201);
    await expectStatus(hearth.http.post(`/api/v1/items/${built.lesson.id}/view`, undefined, as(trainee)), 204);
    await page.reload();
    const course = page.getByRole('listitem', { name: built.course.title });
    await course.getByText('1 of 3 done').waitFor();
    await course.getByRole('link', { name: 'Next: Your room' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your room' }).waitFor();

    await page.getByRole('link', { name: 'Courses', exact: true }).click();
    await page.locator('[data-testid=standing]').filter({ hasText: 'Enrolled · 1 of 3 done' }).waitFor();
  });

  it('shows a completed course as completed, here, in the catalog and on its page', async () => {
    await expectStatus(hearth.http.post(`/api/v1/items/${built.discussion.id}/replies`, { body: 'The quiet room where people take turns.' }, as(trainee)), 201);
    await passQuiz(hearth.http, built, trainee.accessToken);

    const page = await browser.newPage();
    await signIn(page, hearth.baseUrl, trainee.user.username, trainee.password);
    const course = page.getByRole('listitem', { name: built.course.title });
    await course.getByText(/^Completed on /).waitFor();
    await page.getByRole('link', { name: 'Courses', exact: true }).click();
    await page.locator('[data-testid=standing]').filter({ hasText: 'Completed' }).waitFor();
    await page.getByRole('link', { name: built.course.title }).click();
    await page.getByRole('link', { name: 'Look through it again' }).waitFor();
  });
});

describe('focus you can see, in Chromium', () => {
  const chromium = appInChromium();

  it('rings every control the keyboard reaches, Material buttons and links included, at least 2 px wide', async () => {
    const page = await chromium.browser.newPage();
    await page.goto(`${chromium.hearth.baseUrl}/sign-in`);
    await page.getByLabel('E-mail or username').waitFor();
    const seen: string[] = [];
    for (let step = 0; step < 12; step++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element || element === document.body) return null;
        const style = getComputedStyle(element);
        return { what: `${element.tagName.toLowerCase()} ${(element.textContent ?? '').trim().slice(0, 30)}`, width: parseFloat(style.outlineWidth), outline: style.outlineStyle };
      });
      if (!focused) continue;
      seen.push(focused.what);
      // Text fields show focus with their own thick outline; everything else with the ring.
      if (focused.what.startsWith('input')) continue;
      expect([focused.what, focused.outline !== 'none' && focused.width >= 2]).toEqual([focused.what, true]);
    }
    expect(seen.some((what) => what.startsWith('button Sign in'))).toBe(true);
  });
});
