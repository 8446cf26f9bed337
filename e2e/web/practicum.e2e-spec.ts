/// <reference lib="dom" />
import type { PracticumRubric } from '@hearth/contracts';
import type { Registered } from '../support/app';
import { appInChromium } from '../support/browser';
import { buildCourse, type BuiltCourse, expectStatus } from '../support/courses';
import { heading, signIn } from '../support/pages';

const RUBRIC: PracticumRubric = {
  criteria: [
    { key: 'opening', label: 'Opening the circle', description: 'Welcomes everyone and sets the frame', maxScore: 4 },
    { key: 'pacing', label: 'Pacing', maxScore: 3 },
  ],
  passScore: 5,
};

describe('the practicum, in Chromium: a trainee leads from the script, a mentor scores, the course page shows the feedback', () => {
  const chromium = appInChromium();
  let author: Registered;
  let mentor: Registered;
  let trainee: Registered;
  let built: BuiltCourse;
  let scriptId: string;
  let sessionId: string;
  const as = (person: Registered) => ({ token: person.accessToken });

  beforeAll(async () => {
    const { hearth } = chromium;
    const admin = await hearth.admin();
    [author, mentor, trainee] = [await hearth.author(), await hearth.register({ displayName: 'Morgan Mentor' }), await hearth.register({ displayName: 'Tess Trainee' })];
    built = await buildCourse(hearth.http, author.accessToken);
    scriptId = (
      await expectStatus(
        hearth.http.post(
          `/api/v1/modules/${built.modules[0].id}/items`,
          {
            type: 'script',
            title: 'Leading a first circle',
            body: 'Open, share, close.',
            script: { steps: [{ title: 'Open the circle', prompt: 'Welcome each person **by name**.' }, { title: 'Close', prompt: 'Thank the group.' }], questions: ['What would you do differently?'] },
          },
          as(author),
        ),
        201,
      )
    ).id;
    await expectStatus(hearth.http.put(`/api/v1/courses/${built.course.slug}/requirements`, { requirements: [{ kind: 'practicum', atLeast: 1, rubric: RUBRIC }] }, as(author)), 200);
    await expectStatus(hearth.http.post(`/api/v1/courses/${built.course.slug}/staff`, { username: mentor.user.username, role: 'mentor' }, as(author)), 201);
    await expectStatus(hearth.http.post(`/api/v1/courses/${built.course.slug}/publish`, {}, as(author)), 200);
    await expectStatus(hearth.http.post('/api/v1/chat/rooms', { name: 'Practice room', topic: 'Practise leading', tags: ['practice'] }, as(admin)), 201);
    await expectStatus(hearth.http.post(`/api/v1/courses/${built.course.slug}/enroll`, undefined, as(trainee)), 201);
  });

  it('the trainee reads the script and starts a practice session from it, with its steps in front of them, and ends it', async () => {
    const { hearth, browser } = chromium;
    const page = await browser.newPage();
    await signIn(page, hearth.baseUrl, trainee.user.username, trainee.password);
    await page.goto(`${hearth.baseUrl}/courses/${built.course.slug}/items/${scriptId}`);
    await heading(page, 'Leading a first circle');
    await page.getByRole('region', { name: 'Steps' }).getByRole('heading', { name: 'Open the circle' }).waitFor();
    await page.getByLabel('Practice room').waitFor();
    await page.getByLabel('Topic').fill('My first circle');
    await page.getByRole('button', { name: 'Start the practice session' }).click();

    await heading(page, 'Practice session: My first circle');
    sessionId = new URL(page.url()).pathname.split('/')[3];
    await page.getByRole('region', { name: /The script/ }).locator('strong', { hasText: 'by name' }).waitFor();
    await page.getByTestId('practice-status').getByText(/Running since/).waitFor();

    // The mentor joins as observer (their page is the next test's), then the trainee ends it here.
    await expectStatus(hearth.http.post(`/api/v1/chat/sessions/${sessionId}/observe`, undefined, as(mentor)), 200);
    await page.reload();
    await page.getByText('Morgan Mentor').waitFor();
    await page.getByRole('button', { name: 'End the session' }).click();
    await page.getByTestId('practice-status').getByText(/^\s*Ended/).waitFor();
    await page.getByText('No review yet.').waitFor();
  });

  it('the mentor scores the ended session against the rubric, told what does not fit, and writes feedback', async () => {
    const { hearth, browser } = chromium;
    const page = await browser.newPage();
    await signIn(page, hearth.baseUrl, mentor.user.username, mentor.password);
    await page.goto(`${hearth.baseUrl}/chat/sessions/${sessionId}/practice`);
    await page.getByRole('heading', { level: 2, name: 'Score the session' }).waitFor();
    await page.getByLabel('Opening the circle (0 to 4)').fill('9');
    await page.getByLabel('Pacing (0 to 3)').fill('2');
    await page.getByLabel('Feedback for the trainee').fill('A **warm** opening; leave more silence.');
    await page.getByRole('button', { name: 'Save the review' }).click();
    await page.getByRole('alert').filter({ hasText: 'Opening the circle takes a whole score from 0 to 4.' }).waitFor();

    await page.getByLabel('Opening the circle (0 to 4)').fill('4');
    await page.getByText('Total 6 of 5 needed to pass').waitFor();
    await page.getByRole('button', { name: 'Save the review' }).click();
    await page.getByRole('heading', { level: 2, name: 'Passed: 6 of 5 needed' }).waitFor();
    await page.getByTestId('practice-review').getByRole('row', { name: 'Opening the circle 4 of 4' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('review-title');
  });

  it('the trainee sees the review on the course page: each criterion, the total, the feedback, and the practicum met', async () => {
    const { hearth, browser } = chromium;
    const page = await browser.newPage();
    await signIn(page, hearth.baseUrl, trainee.user.username, trainee.password);
    await page.goto(`${hearth.baseUrl}/courses/${built.course.slug}`);
    const reviews = page.getByRole('region', { name: 'Your practice sessions' });
    await reviews.getByRole('heading', { name: 'Leading a first circle: passed, 6 of 5 needed' }).waitFor();
    await reviews.getByRole('row', { name: 'Pacing 2 of 3' }).waitFor();
    await reviews.locator('blockquote strong', { hasText: 'warm' }).waitFor();
    await reviews.getByText(/Morgan Mentor/).waitFor();
    await page.getByText('You completed this course').waitFor();
    await page.getByText('1 of 1 practice sessions led and passed (1 reviewed)').waitFor();
  });

  it('the author writes a script with steps and a practicum with its rubric in the course editor', async () => {
    const { hearth, browser } = chromium;
    const page = await browser.newPage({ width: 1200, height: 900 });
    await signIn(page, hearth.baseUrl, author.user.username, author.password);
    await page.goto(`${hearth.baseUrl}/author/courses/${built.course.slug}`);
    const moduleTitle = built.modules[0].title;
    await page.getByLabel('New', { exact: true }).selectOption('script');
    await page.getByLabel(`Title of the new item in ${moduleTitle}`).fill('A closing round');
    await page.getByRole('button', { name: `Add to ${moduleTitle}` }).click();
    const editor = page.locator('hearth-item-editor');
    await editor.getByRole('heading', { name: /A closing round/ }).waitFor();
    await editor.getByRole('button', { name: 'Add a step' }).click();
    await editor.getByLabel('Step 1: title').fill('Thank the group');
    await editor.getByLabel('Step 1: what to do or say (Markdown)').fill('Name one thing each person *brought*.');
    await editor.getByRole('button', { name: 'Add a reflection question' }).click();
    await editor.getByRole('textbox', { name: /^Reflection question 1/ }).fill('What did the group need most?');
    await editor.getByRole('button', { name: 'Save item' }).click();
    await page.getByRole('status').filter({ hasText: 'Item saved.' }).waitFor();

    const requirements = page.getByRole('region', { name: 'What completes the course' });
    const practicum = requirements.getByRole('group', { name: 'Practicum (practice sessions)' });
    await practicum.waitFor();
    await requirements.getByRole('button', { name: 'Add a criterion' }).click();
    const third = requirements.getByRole('group', { name: 'Criterion 3' });
    await third.getByLabel('Key').fill('Closing Round');
    await third.getByLabel('Label').fill('Closing');
    await third.getByLabel('Highest score').fill('2');
    await requirements.getByRole('button', { name: 'Save requirements' }).click();
    // The server's word on the bad key, beside the rubric; what was typed stays.
    await requirements.getByText(/Criterion 3: A criterion’s key is lower-case words joined by hyphens/).waitFor();
    await third.getByLabel('Key').fill('closing');
    await requirements.getByRole('button', { name: 'Save requirements' }).click();
    await requirements.getByRole('status').filter({ hasText: 'Requirements saved' }).waitFor();

    const draft = await expectStatus(hearth.http.get(`/api/v1/courses/${built.course.slug}/draft`, as(author)), 200);
    const script = draft.modules[0].items.find((item: { title: string }) => item.title === 'A closing round');
    expect(script).toMatchObject({ type: 'script', script: { steps: [{ title: 'Thank the group', prompt: 'Name one thing each person *brought*.' }], questions: ['What did the group need most?'] }, problems: [] });
    expect(draft.requirements).toEqual([
      { kind: 'practicum', atLeast: 1, rubric: { criteria: [...RUBRIC.criteria, { key: 'closing', label: 'Closing', maxScore: 2 }], passScore: 5 } },
    ]);
  });
});
