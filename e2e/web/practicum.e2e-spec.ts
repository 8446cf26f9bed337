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
});
