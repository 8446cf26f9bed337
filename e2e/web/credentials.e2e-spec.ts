/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '@hearth/api';
import type { Registered } from '../support/app';
import { appInChromium } from '../support/browser';
import { DEMO_PRACTICUM_SCORES, expectStatus, practiceOf, practiseOnce } from '../support/courses';
import { chooseAnswers, heading, signIn } from '../support/pages';

const COURSE = 'group-support-foundations';
/** Long enough for every demo discussion (the longest asks for 40 words). */
const ANSWER =
  'I would slow the room down first, name what I see happening, and ask people to take a breath before anyone replies. Then I would check in privately with the person who seemed most hurt, and remind everyone of the two room rules without blaming anyone in particular.';
const QUIZ_ANSWERS = [
  'Reflect back what you read and ask an open question',
  'Slow down and name what is happening',
  'A short greeting by name',
  'Letting them know they can just read for a while',
  'Stay calm and share the pinned crisis contacts',
  'Tell a lead or another facilitator at once',
];

describe('completion, roles and badges on the demo, in Chromium', () => {
  const chromium = appInChromium({}, { demo: true });
  let sam: Page;

  it('walks a trainee through the whole course, with the checklist showing what is left', async () => {
    sam = await chromium.browser.newPage();
    await signIn(sam, chromium.hearth.baseUrl, 'sam', DEMO_PASSWORD);
    await sam.goto(`${chromium.hearth.baseUrl}/courses/${COURSE}`);
    await sam.getByRole('button', { name: 'Enroll in this course' }).click();
    const checklist = sam.getByRole('region', { name: 'What completes this course' });
    await checklist.getByText('0 of 6 lessons opened').waitFor();
    await checklist.getByText('0 of 3 discussions answered').waitFor();
    await checklist.getByText('0 of 1 quizzes passed').waitFor();
    await checklist.getByText('0 of 1 practice sessions led and passed (0 reviewed)').waitFor();

    // Sam's practicum, over the API (its pages have their own test, practicum.e2e-spec.ts): one session, passed.
    const login = async (name: string) => (await expectStatus(chromium.hearth.http.post('/api/v1/auth/login', { login: name, password: DEMO_PASSWORD }), 200)).accessToken as string;
    const samToken = await login('sam');
    await practiseOnce(chromium.hearth.http, await practiceOf(chromium.hearth.http, COURSE, samToken), samToken, await login('mentor'), DEMO_PRACTICUM_SCORES);

    // Through every item in reading order, with the pager's next link.
    await sam.getByRole('link', { name: 'Start the course' }).click();
    for (let step = 0; step < 10; step++) {
      const title = (await sam.getByRole('heading', { level: 1 }).textContent())!.trim();
      if ((await sam.locator('.kind').textContent())?.trim() === 'Discussion') {
        await sam.getByLabel('Your answer').fill(ANSWER);
        await sam.getByText('words; long enough to count').waitFor();
        await sam.getByRole('button', { name: 'Post my answer' }).click();
        await sam.locator('hearth-thread .badge--mine').waitFor();
      }
      if (title === 'Check your understanding') {
        await chooseAnswers(sam, QUIZ_ANSWERS);
        await sam.getByRole('button', { name: 'Check my answers' }).click();
        await sam.getByRole('status').filter({ hasText: 'Passed with 100%' }).waitFor();
        await sam.getByRole('status').filter({ hasText: 'This completes the course' }).waitFor();
        break;
      }
      await sam.locator('a[rel=next]').click();
      await sam.waitForFunction((previous) => document.querySelector('h1')?.textContent?.trim() !== previous, title);
    }

    // The practice script follows the quiz: back to the course through the breadcrumb.
    await sam.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Group Support Foundations' }).click();
    await sam.getByRole('region', { name: 'What completes this course' }).getByText('You completed this course').waitFor();
    await sam.getByRole('region', { name: 'Your practice sessions' }).getByText(/Leading a check-in circle: passed, 11 of 8 needed/).waitFor();
    expect(await checklist.getByText('6 of 6 lessons opened').count()).toBe(1);
  });

  it('puts the moderator request in the admin’s queue with the evidence; approved, the role and a badge that verifies are the trainee’s', async () => {
    await sam.goto(`${chromium.hearth.baseUrl}/roles`);
    await heading(sam, 'Roles and badges');
    const moderator = sam.getByRole('article', { name: 'Chat Room Moderator' });
    await moderator.getByText('The admins have been told of your request').waitFor();

    const admin = await chromium.browser.newPage({ width: 1200, height: 900 });
    await signIn(admin, chromium.hearth.baseUrl, 'admin', DEMO_PASSWORD);
    await admin.getByRole('link', { name: 'Admin', exact: true }).click();
    await admin.getByRole('link', { name: 'Grant requests' }).click();
    await heading(admin, 'Grant requests');
    const request = admin.getByRole('article', { name: /^Sam Okafor/ });
    await request.getByRole('heading', { name: /for Chat Room Moderator/ }).waitFor();
    await request.getByText(ANSWER.slice(0, 60)).first().waitFor();
    await request.getByText('passed with 100%').waitFor();
    await request.getByLabel(/Reason \(optional/).fill('Clear, kind answers');
    await request.getByRole('button', { name: 'Approve' }).click();
    await admin.getByRole('status').filter({ hasText: 'Approved: Sam Okafor is now a Chat Room Moderator.' }).waitFor();

    await sam.goto(`${chromium.hearth.baseUrl}/account`);
    await sam.getByRole('listitem').filter({ hasText: 'Chat Room Moderator' }).waitFor();
    await sam.goto(`${chromium.hearth.baseUrl}/roles`);
    await sam.getByRole('region', { name: 'Your roles' }).getByRole('article', { name: 'Chat Room Moderator' }).waitFor();
    const badges = sam.getByRole('region', { name: 'Your badges' });
    await badges.getByRole('link', { name: 'Group Support Foundations' }).click();
    await heading(sam, 'Group Support Foundations');
    await sam.getByRole('status').filter({ hasText: 'Valid.' }).waitFor();
    expect(await sam.getByText('All lessons opened; All discussions answered; All quizzes passed').count()).toBe(1);
    const image = sam.locator('.badge img');
    expect(await image.evaluate((img) => (img as HTMLImageElement).naturalWidth > 0)).toBe(true);

    // Anyone can check it, signed in or not.
    const visitor = await chromium.browser.newPage();
    await visitor.goto(sam.url());
    await visitor.getByRole('status').filter({ hasText: 'Valid.' }).waitFor();

    // The role has its badge too, with its status lists a link away.
    await sam.goto(`${chromium.hearth.baseUrl}/roles`);
    await sam.getByRole('region', { name: 'Your roles' }).getByRole('article', { name: 'Chat Room Moderator' }).getByRole('link', { name: 'This role’s badge' }).click();
    await heading(sam, 'Chat Room Moderator');
    await sam.getByRole('status').filter({ hasText: 'Valid.' }).waitFor();
    expect(await sam.getByRole('link', { name: 'Suspension list' }).getAttribute('href')).toBe('/api/v1/credentials/status/suspension/0');
  });

  it('lets a member whose role was taken away ask an admin for it again', async () => {
    const admin = await signInOverApi('admin');
    const history = await expectStatus(chromium.hearth.http.get(`/api/v1/admin/users/${(await signInOverApi('sam')).user.id}/grants`, { token: admin.accessToken }), 200);
    const grant = history.grants.find((g: { roleKey: string; status: string }) => g.roleKey === 'moderator' && g.status === 'active');
    // Its badge's page, as anyone sees it, says when the role is suspended and when it is revoked.
    const visitor = await chromium.browser.newPage();
    await expectStatus(chromium.hearth.http.post(`/api/v1/admin/grants/${grant.id}/suspend`, { reason: 'A report to look into' }, { token: admin.accessToken }), 200);
    await visitor.goto(`${chromium.hearth.baseUrl}/badges/${grant.badgeId}`);
    await visitor.getByRole('status').filter({ hasText: 'Suspended until an admin reinstates the role' }).waitFor();
    await expectStatus(chromium.hearth.http.post(`/api/v1/admin/grants/${grant.id}/reinstate`, { reason: 'Nothing in it' }, { token: admin.accessToken }), 200);
    await expectStatus(chromium.hearth.http.post(`/api/v1/admin/grants/${grant.id}/revoke`, { reason: 'A break after a hard month' }, { token: admin.accessToken }), 200);
    await visitor.reload();
    await visitor.getByRole('status').filter({ hasText: 'Revoked' }).filter({ hasText: 'A break after a hard month' }).waitFor();

    await sam.goto(`${chromium.hearth.baseUrl}/roles`);
    const moderator = sam.getByRole('region', { name: 'What’s next' }).getByRole('article', { name: 'Chat Room Moderator' });
    await moderator.getByText('You meet what it asks for.').waitFor();
    await moderator.getByRole('button', { name: 'Ask an admin for this role' }).click();
    await moderator.getByText('The admins have been told of your request').waitFor();
    await sam.getByRole('status').filter({ hasText: 'Your request for Chat Room Moderator is with an admin.' }).waitFor();
  });

  it('shows what other roles still need, linked to where to do it', async () => {
    await sam.goto(`${chromium.hearth.baseUrl}/roles`);
    const sessionLeader = sam.getByRole('article', { name: 'Support Session Leader' });
    await sessionLeader.getByText('An admin grants this role by hand').waitFor();
    const host = sam.getByRole('article', { name: 'On-spot Host' });
    await host.getByText('An admin grants this role by hand').waitFor();
  });

  it('lets an author set the course’s requirements, with problems named and nothing lost', async () => {
    const author = await chromium.browser.newPage({ width: 1200, height: 900 });
    await signIn(author, chromium.hearth.baseUrl, 'author', DEMO_PASSWORD);
    await author.goto(`${chromium.hearth.baseUrl}/author/courses/${COURSE}`);
    const editor = author.getByRole('region', { name: 'What completes the course' });
    await editor.getByRole('group', { name: 'Every lesson opened' }).waitFor();
    await editor.getByLabel('Add a requirement').selectOption({ label: 'Live sessions attended in the chat' });
    await editor.getByRole('button', { name: 'Add', exact: true }).click();
    const sessions = editor.getByRole('group', { name: 'Live sessions attended in the chat' });
    await sessions.getByLabel('Kind of session').fill('Support Session');
    await editor.getByRole('button', { name: 'Save requirements' }).click();
    await editor.getByText('lower-case words joined by hyphens').waitFor();
    expect(await sessions.getByLabel('Kind of session').inputValue()).toBe('Support Session');

    await sessions.getByLabel('Kind of session').fill('support-session');
    await editor.getByRole('button', { name: 'Save requirements' }).click();
    await editor.getByRole('status').filter({ hasText: 'Requirements saved' }).waitFor();
    const draft = await expectStatus(chromium.hearth.http.get(`/api/v1/courses/${COURSE}/draft`, { token: (await signInOverApi('author')).accessToken }), 200);
    expect(draft.requirements.at(-1)).toEqual({ kind: 'sessions_attended', sessionKind: 'support-session', atLeast: 1, minutes: 30 });
  });

  it('shows the mentor the funnel and the trainees, and signs one off', async () => {
    const mentor = await chromium.browser.newPage({ width: 1200, height: 900 });
    await signIn(mentor, chromium.hearth.baseUrl, 'mentor', DEMO_PASSWORD);
    await mentor.goto(`${chromium.hearth.baseUrl}/courses/${COURSE}`);
    await mentor.getByRole('link', { name: 'Trainees and progress' }).click();
    await heading(mentor, 'Trainees and progress');
    const chart = mentor.getByRole('img', { name: /Trainees at each step/ });
    await chart.waitFor();
    // The bars in the theme's colour, resolved for the canvas (a raw light-dark() value drew them black).
    expect(await chart.getAttribute('data-bar-colour')).toMatch(/^rgb\((?!0, 0, 0\))\d+, \d+, \d+\)$/);
    const table = mentor.getByRole('table');
    expect(await table.getByRole('row', { name: 'Enrolled 2' }).count()).toBe(1);
    expect(await table.getByRole('row', { name: 'Completed 1' }).count()).toBe(1);

    const riley = mentor.getByRole('listitem', { name: 'Riley Chen' });
    await riley.getByText('1 of 11 items done').waitFor();
    await riley.getByRole('button', { name: 'Sign off…' }).click();
    await riley.getByLabel('A word for the record (optional)').fill('Steady in a hard thread');
    await riley.getByRole('button', { name: 'Sign off Riley Chen' }).click();
    await mentor.getByRole('status').filter({ hasText: 'Riley Chen is signed off.' }).waitFor();
    await riley.getByText(/signed off/).waitFor();

    const phone = await chromium.browser.newPage({ width: 390, height: 844 });
    await signIn(phone, chromium.hearth.baseUrl, 'mentor', DEMO_PASSWORD);
    await phone.goto(`${chromium.hearth.baseUrl}/courses/${COURSE}/trainees`);
    await heading(phone, 'Trainees and progress');
    await phone.getByRole('listitem', { name: 'Riley Chen' }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });

  async function signInOverApi(username: string): Promise<Registered> {
    const response = await chromium.hearth.http.post('/api/v1/auth/login', { login: username, password: DEMO_PASSWORD });
    return { ...response.body, password: DEMO_PASSWORD, refreshCookie: response.cookies[0].split(';')[0] };
  }
});
