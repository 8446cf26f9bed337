/// <reference lib="dom" />
import type { CourseOutline, NotificationView, Page as ApiPage } from '@hearth/contracts';
import type { Page } from 'playwright-core';
import { DEMO_ANSWER, DEMO_PASSWORD } from '@hearth/api';
import { type Registered, startTestApp, type TestApp } from '../support/app';
import { type Browser, launchBrowser } from '../support/browser';
import { expectStatus } from '../support/courses';
import { heading, signIn } from '../support/pages';

const COURSE = 'group-support-foundations';
const SAMS_ANSWER =
  'The late-night chat room for night-shift workers. People check in with one line, the host keeps the pace slow, and nobody has to explain why they are awake. It feels like a kitchen table at 3am, with tea.';

describe('discussions on the demo course, in Chromium', () => {
  let hearth: TestApp;
  let browser: Browser;
  let firstDiscussion: string;
  let secondDiscussion: string;
  let thirdDiscussion: string;
  let jo: Registered;
  let sam: Page;
  let riley: Page;

  beforeAll(async () => {
    hearth = await startTestApp({}, { demo: true });
    browser = await launchBrowser();
    const outline: CourseOutline = await expectStatus(hearth.http.get(`/api/v1/courses/${COURSE}`), 200);
    [firstDiscussion, secondDiscussion, thirdDiscussion] = outline.modules.flatMap((module) => module.items).filter((item) => item.type === 'discussion').map((item) => item.id);
    // A second peer besides the demo's Riley, who has answered too.
    jo = await answeringTrainee('Jo Park', firstDiscussion, 'The allotment group on Saturdays: everyone brings something, nobody is in charge, and the quiet ones get handed a spade.');
  });
  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  async function answeringTrainee(displayName: string, itemId: string, body: string): Promise<Registered> {
    const trainee = await hearth.register({ displayName });
    await expectStatus(hearth.http.post(`/api/v1/courses/${COURSE}/enroll`, undefined, { token: trainee.accessToken }), 201);
    await expectStatus(hearth.http.post(`/api/v1/items/${itemId}/replies`, { body }, { token: trainee.accessToken }), 201);
    return trainee;
  }

  /** An answer's card. Its own controls come before its nested replies', hence `.first()` on them. */
  const answerBy = (page: Page, name: string) => page.locator(`.thread > hearth-reply-card > article[aria-label="Reply by ${name}"]`);

  it('keeps peers’ answers closed until the trainee answers, then opens them', async () => {
    sam = await browser.newPage();
    await signIn(sam, hearth.baseUrl, 'sam', DEMO_PASSWORD);
    await sam.goto(`${hearth.baseUrl}/courses/${COURSE}`);
    await sam.getByRole('button', { name: 'Enroll in this course' }).click();
    await sam.locator('.items').getByRole('link', { name: 'A room you like' }).click();
    await heading(sam, 'A room you like');

    await sam.getByText('2 people have answered. Post your own answer first').waitFor();
    expect(await sam.locator('hearth-thread article').count()).toBe(0);
    expect(await sam.getByText(DEMO_ANSWER.slice(0, 40)).count()).toBe(0);

    // The word count says when an answer is long enough to count.
    const box = sam.getByLabel('Your answer');
    await box.fill('A small room.');
    await sam.getByText('3 words; at least 30 count toward the course').waitFor();
    await box.fill(SAMS_ANSWER);
    await sam.getByText('words; long enough to count').waitFor();
    await sam.getByText('Long enough to count toward the course.').waitFor(); // said once, to screen readers
    await sam.getByRole('region', { name: 'Preview' }).getByText('The late-night chat room').waitFor();
    await sam.getByRole('button', { name: 'Post my answer' }).click();

    await sam.getByRole('heading', { name: '3 answers' }).waitFor();
    await sam.getByText(DEMO_ANSWER.slice(0, 40)).waitFor();
    const mine = answerBy(sam, 'Sam Okafor');
    expect(await mine.getByText('Your answer').count()).toBe(1);
    expect(await sam.getByLabel('Your answer').count()).toBe(0);
  });

  it('replies to a peer with an @mention picked from the suggestions, and the mentioned trainee is told', async () => {
    const jos = answerBy(sam, 'Jo Park');
    await jos.getByRole('button', { name: 'Reply' }).first().click();
    const box = jos.getByLabel('Your reply');
    await box.pressSequentially('Same here, and @ri');
    await jos.getByRole('option', { name: 'Riley Chen @riley' }).waitFor();
    await box.press('Enter');
    expect(await box.inputValue()).toBe('Same here, and @riley ');
    await box.pressSequentially('would like that group too.');
    await jos.locator('hearth-composer').getByRole('button', { name: 'Reply' }).click();

    const reply = jos.getByRole('article', { name: 'Reply by Sam Okafor' });
    await reply.getByText('would like that group too.').waitFor();
    expect(await reply.getByRole('link', { name: '@riley' }).getAttribute('href')).toBe('/people/riley');
    await jos.getByRole('button', { name: 'Hide replies' }).waitFor();

    riley = await browser.newPage();
    await signIn(riley, hearth.baseUrl, 'riley', DEMO_PASSWORD);
    await riley.getByRole('link', { name: 'Notifications, 1 unread' }).click();
    await heading(riley, 'Notifications');
    await riley.getByRole('link', { name: 'Sam Okafor mentioned you in “A room you like”' }).click();
    await heading(riley, 'A room you like');
    // The link opens the thread at the reply, inside Jo's answer.
    const focused = riley.locator('article.focused');
    await focused.getByText('would like that group too.').waitFor();
    expect(await focused.getAttribute('aria-label')).toBe('Reply by Sam Okafor');
    expect(await focused.evaluate((element) => document.activeElement === element)).toBe(true);
    await riley.getByRole('link', { name: 'Notifications', exact: true }).waitFor();

    // Jo, whose answer it replies to, hears of it as a reply.
    const josNotifications: ApiPage<NotificationView> = await expectStatus(hearth.http.get('/api/v1/notifications', { token: jo.accessToken }), 200);
    expect(josNotifications.items.map((item) => item.kind)).toEqual(['reply']);
  });

  it('shows a reaction at once, keeps it, and takes it back when the server refuses', async () => {
    const sams = answerBy(riley, 'Sam Okafor');
    // Hold the request to see the page count it before the server answers.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await riley.route('**/reactions/heart', async (route) => {
      await held;
      await route.continue();
    });
    await sams.getByRole('button', { name: 'Heart, 0' }).first().click();
    const heart = sams.getByRole('button', { name: 'Heart, 1' }).first();
    await heart.waitFor();
    expect(await heart.getAttribute('aria-pressed')).toBe('true');
    const saved = riley.waitForResponse((response) => response.url().endsWith('/reactions/heart') && response.status() === 200);
    release();
    await saved;
    await riley.unroute('**/reactions/heart');

    await riley.reload();
    expect(await answerBy(riley, 'Sam Okafor').getByRole('button', { name: 'Heart, 1' }).first().getAttribute('aria-pressed')).toBe('true');

    // A refusal puts the count back and says why.
    await riley.route('**/reactions/support', (route) =>
      route.fulfill({ status: 409, contentType: 'application/problem+json', body: JSON.stringify({ type: '/problems/reply-closed', title: 'Conflict', status: 409, detail: 'This reply was hidden a moment ago.', code: 'reply-closed' }) }),
    );
    const again = answerBy(riley, 'Sam Okafor');
    await again.getByRole('button', { name: 'Support, 0' }).first().click();
    await again.getByText('This reply was hidden a moment ago.').waitFor();
    expect(await again.getByRole('button', { name: 'Support, 0' }).first().getAttribute('aria-pressed')).toBe('false');
  });

  it('loads answers twenty at a time, and a mentor reviews one', async () => {
    const trainees: Registered[] = [];
    for (let n = 1; n <= 22; n++) {
      trainees.push(await answeringTrainee(`Trainee ${n}`, secondDiscussion, `Answer number ${n}: I would slow the room down, name what is happening and ask people to take a breath.`));
    }

    const mentor = await browser.newPage({ width: 1200, height: 900 });
    await signIn(mentor, hearth.baseUrl, 'mentor', DEMO_PASSWORD);
    // The mentor is told of each answer, and their courses say how many wait.
    await mentor.goto(`${hearth.baseUrl}/notifications`);
    await mentor.getByText('Trainee 22 answered “A hard moment”: it waits for your review').waitFor();
    await mentor.goto(`${hearth.baseUrl}/author`);
    const waiting = await mentor.locator('[data-testid=waiting]').getByRole('link', { name: /answers wait for review/ }).textContent();
    expect(Number(/(\d+) answers/.exec(waiting!)![1])).toBeGreaterThanOrEqual(22);
    await mentor.goto(`${hearth.baseUrl}/courses/${COURSE}/items/${secondDiscussion}`);
    await heading(mentor, 'A hard moment');
    await mentor.getByRole('heading', { name: '22 answers' }).waitFor();
    const answers = mentor.locator('.thread > hearth-reply-card');
    await answers.nth(19).waitFor();
    expect(await answers.count()).toBe(20);
    await mentor.getByRole('button', { name: 'Show more answers' }).click();
    await answers.nth(21).waitFor();
    expect(await answers.count()).toBe(22);
    expect(await mentor.getByRole('button', { name: 'Show more answers' }).count()).toBe(0);
    const numbers = (await answers.locator('.body').allTextContents()).map((text) => Number(/Answer number (\d+)/.exec(text)![1]));
    expect(numbers).toEqual(Array.from({ length: 22 }, (_, n) => n + 1));

    // Newest first, then the review.
    await mentor.getByRole('button', { name: 'Newest' }).click();
    await mentor.getByRole('button', { name: 'Newest' }).and(mentor.locator('[aria-pressed=true]')).waitFor();
    await answers.first().getByText('Answer number 22').waitFor();

    const first = answerBy(mentor, 'Trainee 22');
    await first.getByRole('button', { name: 'Review' }).first().click();
    await first.getByLabel('Comment for the author (optional)').fill('Clear and kind. Naming it is the right first step.');
    await first.getByRole('button', { name: 'Accept' }).click();
    await first.getByText('Accepted by Mateo Mentor').waitFor();
    await first.getByText('Clear and kind.').waitFor();

    // The trainee is told, and sees the review on their answer.
    const reviewed = trainees[21];
    const told: ApiPage<NotificationView> = await expectStatus(hearth.http.get('/api/v1/notifications', { token: reviewed.accessToken }), 200);
    expect(told.items.map((item) => [item.kind, item.text])).toEqual([['review', 'Mateo Mentor reviewed your answer in “A hard moment”: accepted']]);
    const page = await browser.newPage();
    await signIn(page, hearth.baseUrl, reviewed.user.username, reviewed.password);
    await page.getByRole('link', { name: 'Notifications, 1 unread' }).click();
    await page.getByRole('link', { name: 'Mateo Mentor reviewed your answer in “A hard moment”: accepted' }).click();
    await page.locator('article.focused').getByText('Accepted by Mateo Mentor').waitFor();
  });

  it('takes a flag to the moderation queue, where a mentor hides the reply', async () => {
    await riley.goto(`${hearth.baseUrl}/courses/${COURSE}/items/${firstDiscussion}`);
    const jos = answerBy(riley, 'Jo Park');
    await jos.getByRole('button', { name: 'Flag' }).first().click();
    await jos.getByLabel('What is wrong with it?').fill('Shares someone else’s story without asking');
    await jos.getByRole('button', { name: 'Send flag' }).click();
    await jos.getByText('Thank you. Staff will look at it.').waitFor();

    const mentor = await browser.newPage({ width: 1200, height: 900 });
    await signIn(mentor, hearth.baseUrl, 'mentor', DEMO_PASSWORD);
    await mentor.goto(`${hearth.baseUrl}/courses/${COURSE}`);
    await mentor.getByRole('link', { name: 'Flagged replies' }).click();
    await heading(mentor, 'Flagged replies');
    // The status line is there for screen readers, but not drawn as an empty bar before it speaks.
    expect(await mentor.locator('p.notice[role=status]').evaluate((element) => element.getBoundingClientRect().height)).toBe(0);
    const flag = mentor.getByRole('article', { name: 'Flag by Riley Chen' });
    await flag.getByText('Shares someone else’s story without asking').waitFor();
    await flag.getByText('The allotment group on Saturdays').waitFor();
    await flag.getByRole('button', { name: 'Hide the reply' }).click();
    await mentor.getByRole('status').filter({ hasText: 'The reply by Jo Park is hidden; its flags are settled.' }).waitFor();
    await mentor.getByText('No open flags. All quiet.').waitFor();

    // Trainees now see a placeholder; the answer count drops.
    await riley.reload();
    await riley.getByRole('heading', { name: '2 answers' }).waitFor();
    await answerBy(riley, 'Sam Okafor').waitFor();
    const hidden = riley.locator('.thread > hearth-reply-card > article[aria-label="Hidden reply"]');
    await hidden.getByText('This reply is hidden while staff look at it.').waitFor();
    expect(await hidden.getByText('The allotment group').count()).toBe(0);
  });

  it('keeps a draft through a failed post and an opened flag form, and posts it once', async () => {
    await riley.goto(`${hearth.baseUrl}/courses/${COURSE}/items/${thirdDiscussion}`);
    await heading(riley, 'What you bring');
    const draft = 'I bring patience from years of night shifts, and I know how it feels to be new somewhere and not dare to speak first.';
    await riley.getByLabel('Your answer').fill(draft);
    const keys: string[] = [];
    let refuse = true;
    await riley.route(`**/items/${thirdDiscussion}/replies`, async (route) => {
      keys.push(route.request().headers()['idempotency-key']);
      if (refuse) await route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify({ type: '/problems/busy', title: 'Service Unavailable', status: 503, detail: 'Hearth was busy with the same data and made no change. Try again.' }) });
      else await route.continue();
    });
    await riley.getByRole('button', { name: 'Post my answer' }).click();
    await riley.getByRole('alert').filter({ hasText: 'Hearth was busy' }).waitFor();
    expect(await riley.getByLabel('Your answer').inputValue()).toBe(draft);

    refuse = false;
    await riley.getByRole('button', { name: 'Post my answer' }).click();
    await riley.getByRole('heading', { name: '1 answer' }).waitFor();
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    await riley.unroute(`**/items/${thirdDiscussion}/replies`);

    // A reply being written stays while the flag form opens and closes beside it.
    await riley.goto(`${hearth.baseUrl}/courses/${COURSE}/items/${firstDiscussion}`);
    const sams = answerBy(riley, 'Sam Okafor');
    await sams.getByRole('button', { name: 'Reply' }).first().click();
    await sams.getByLabel('Your reply').fill('Half a thought');
    await sams.getByRole('button', { name: 'Flag' }).first().click();
    await sams.getByLabel('What is wrong with it?').waitFor();
    await sams.getByRole('button', { name: 'Flag' }).first().click();
    expect(await sams.getByLabel('Your reply').inputValue()).toBe('Half a thought');
  });

  it('fits a phone screen', async () => {
    const phone = await browser.newPage({ width: 390, height: 844 });
    await signIn(phone, hearth.baseUrl, 'sam', DEMO_PASSWORD);
    await phone.goto(`${hearth.baseUrl}/courses/${COURSE}/items/${firstDiscussion}`);
    await answerBy(phone, 'Riley Chen').waitFor();
    // Jo's answer is hidden now; the reply to it stays readable.
    await phone.locator('article[aria-label="Hidden reply"]').getByRole('button', { name: '1 reply' }).click();
    await phone.locator('article.nested[aria-label="Reply by Sam Okafor"]').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
});
