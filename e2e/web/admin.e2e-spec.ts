/// <reference lib="dom" />
import type { CourseOutline, ItemView, Me } from '@hearth/contracts';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '@hearth/api';
import { startTestApp, type TestApp } from '../support/app';
import { type Browser, launchBrowser } from '../support/browser';
import { DEMO_PRACTICUM_SCORES, expectStatus, practiceOf, practiseOnce } from '../support/courses';
import { heading, signIn } from '../support/pages';

const COURSE = 'group-support-foundations';
/** The right options of the demo quiz (the passing attempt of courses.e2e-spec.ts). */
const RIGHT_OPTIONS = new Set([
  'Reflect back what you read and ask an open question',
  'Slow down and name what is happening',
  'A short greeting by name',
  'Letting them know they can just read for a while',
  'Stay calm and share the pinned crisis contacts',
  'Tell a lead or another facilitator at once',
]);
const ANSWER_WORDS =
  'I would keep the pace slow, greet people by name, and make room for the quiet ones before the loud ones fill it. When something hard comes up I name it, ' +
  'point to the pinned contacts, and ask a lead for help rather than carry it alone. That is what the best hosts I know have done for me.';
const SAMS_FIRST_ANSWER = `The night-shift room, where nobody has to explain why they are awake. ${ANSWER_WORDS}`;

describe('the admin area, in Chromium', () => {
  let hearth: TestApp;
  let browser: Browser;
  let admin: Page;

  beforeAll(async () => {
    hearth = await startTestApp({}, { demo: true });
    browser = await launchBrowser();
    // Sam and a second trainee complete the course over the API: each then waits for review.
    await completeCourse(await token('sam', DEMO_PASSWORD), [SAMS_FIRST_ANSWER]);
    const jo = await hearth.register({ displayName: 'Jo Park' });
    await completeCourse(jo.accessToken, ['The allotment group on Saturdays, where the quiet ones get handed a spade. ' + ANSWER_WORDS]);
    admin = await browser.newPage({ width: 1200, height: 900 });
    await signIn(admin, hearth.baseUrl, 'admin', DEMO_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  async function token(login: string, password: string): Promise<string> {
    return (await expectStatus(hearth.http.post('/api/v1/auth/login', { login, password }), 200)).accessToken;
  }

  /** Opens every lesson, answers every discussion (the first with `answers`' own words), passes a practice session and the quiz. */
  async function completeCourse(accessToken: string, answers: string[]): Promise<void> {
    const as = { token: accessToken };
    await expectStatus(hearth.http.post(`/api/v1/courses/${COURSE}/enroll`, undefined, as), 201);
    await practiseOnce(hearth.http, await practiceOf(hearth.http, COURSE, accessToken), accessToken, await token('mentor', DEMO_PASSWORD), DEMO_PRACTICUM_SCORES);
    const outline: CourseOutline = await expectStatus(hearth.http.get(`/api/v1/courses/${COURSE}`, as), 200);
    const items = outline.modules.flatMap((module) => module.items);
    let discussion = 0;
    for (const item of items) {
      if (item.type === 'lesson') await expectStatus(hearth.http.post(`/api/v1/items/${item.id}/view`, undefined, as), 204);
      if (item.type === 'discussion') {
        const body = answers[discussion] ?? `Answer ${discussion + 1}: ${ANSWER_WORDS}`;
        discussion += 1;
        await expectStatus(hearth.http.post(`/api/v1/items/${item.id}/replies`, { body }, as), 201);
      }
      if (item.type === 'quiz') {
        const quiz: ItemView = await expectStatus(hearth.http.get(`/api/v1/items/${item.id}`, as), 200);
        const picked = quiz.questions!.map((question) => ({
          questionId: question.id,
          optionIds: question.options.filter((option) => RIGHT_OPTIONS.has(option.textHtml.replace(/<[^>]+>/g, '').trim())).map((option) => option.id),
        }));
        expect(picked.every((answer) => answer.optionIds.length > 0)).toBe(true);
        await expectStatus(hearth.http.post(`/api/v1/items/${item.id}/attempts`, { answers: picked }, as), 201);
      }
    }
  }

  const requestOf = (page: Page, name: string) => page.getByRole('article', { name: new RegExp(`^${name}`) });

  it('shows a request with its evidence, and approves it with a reason', async () => {
    await admin.getByRole('link', { name: 'Admin', exact: true }).click();
    await heading(admin, 'Admin');
    await admin.getByText('2 waiting for review').waitFor();
    await admin.getByRole('link', { name: 'Grant requests' }).click();
    await heading(admin, 'Grant requests');

    const sams = requestOf(admin, 'Sam Okafor');
    await sams.getByRole('heading', { name: /for Chat Room Moderator/ }).waitFor();
    await sams.getByText('Group Support Foundations', { exact: true }).waitFor();
    await sams.getByText('The night-shift room, where nobody has to explain').waitFor();
    // The answer as its Markdown renders, not as raw Markdown.
    await sams.locator('.excerpt p').filter({ hasText: 'The night-shift room' }).waitFor();
    await sams.getByText('passed with 100%').waitFor();
    await sams.locator('p', { hasText: /Practice sessions passed:\s+scored 11,/ }).waitFor();
    const answerLink = sams.getByRole('link', { name: 'Read the answer to “A room you like” in its thread' });
    expect(await answerLink.getAttribute('href')).toMatch(new RegExp(`^/courses/${COURSE}/items/[0-9a-f-]+#reply-[0-9a-f-]+$`));
    expect(await sams.getByRole('link', { name: 'Sam Okafor' }).getAttribute('href')).toMatch(/^\/admin\/people\/[0-9a-f-]+$/);

    // A refusal is shown beside the request, and the reason typed stays.
    const reason = sams.getByLabel(/Reason \(optional/);
    await reason.fill('Thoughtful answers and a clean quiz.');
    await admin.route('**/approve', (route) =>
      route.fulfill({ status: 409, contentType: 'application/problem+json', body: JSON.stringify({ type: '/problems/request-decided', title: 'Conflict', status: 409, detail: 'This request was denied already.' }) }),
    );
    await sams.getByRole('button', { name: 'Approve' }).click();
    await sams.getByRole('alert').filter({ hasText: 'This request was denied already.' }).waitFor();
    expect(await reason.inputValue()).toBe('Thoughtful answers and a clean quiz.');
    await admin.unroute('**/approve');

    await sams.getByRole('button', { name: 'Approve' }).click();
    await admin.getByRole('status').filter({ hasText: 'Approved: Sam Okafor is now a Chat Room Moderator.' }).waitFor();
    await sams.waitFor({ state: 'detached' });
    await requestOf(admin, 'Jo Park').waitFor();

    const me: Me = await expectStatus(hearth.http.get('/api/v1/me', { token: await token('sam', DEMO_PASSWORD) }), 200);
    expect(me.facilitatorRoles.map((role) => role.key)).toContain('moderator');

    // Decided requests are one filter away.
    await admin.getByLabel('Show', { exact: true }).selectOption('approved');
    await requestOf(admin, 'Sam Okafor').getByText('Thoughtful answers and a clean quiz.').waitFor();
  });

  it('finds Sam in People, revokes his role with a reason, reinstates it and grants another by hand', async () => {
    await admin.goto(`${hearth.baseUrl}/admin`);
    await admin.getByRole('link', { name: 'People' }).click();
    await heading(admin, 'People');
    await admin.getByLabel('Username, name or e-mail').fill('sa');
    await admin.getByRole('button', { name: 'Search' }).click();
    await admin.waitForURL('**/admin/people?q=sa');
    await admin.getByRole('link', { name: 'Sam Okafor' }).click();
    await heading(admin, 'Sam Okafor');

    const grant = admin.getByRole('listitem', { name: 'Chat Room Moderator, Active' });
    await grant.getByText('Granted after review').waitFor();
    const history = admin.locator('.events');
    await history.getByText('Reason: Thoughtful answers and a clean quiz.').waitFor();
    expect(await history.locator('li').first().textContent()).toContain('Granted');

    // The server insists on a reason; its words show, and the form stays open.
    await grant.getByRole('button', { name: 'Revoke Chat Room Moderator' }).click();
    await grant.getByRole('button', { name: 'Revoke the role' }).click();
    await grant.getByRole('alert').filter({ hasText: 'Say why; the reason is kept in the history.' }).waitFor();
    await grant.getByLabel(/Why revoke Chat Room Moderator\?/).fill('Stepped back for a while');
    await grant.getByRole('button', { name: 'Revoke the role' }).click();
    await admin.getByRole('status').filter({ hasText: 'Revoked: Sam Okafor no longer holds Chat Room Moderator.' }).waitFor();
    const revoked = admin.getByRole('listitem', { name: 'Chat Room Moderator, Revoked' });
    await revoked.waitFor();
    expect(await history.locator('li').first().textContent()).toMatch(/Revoked.*Chat Room Moderator.*by Ada Admin.*Reason: Stepped back for a while/s);

    await revoked.getByRole('button', { name: 'Reinstate Chat Room Moderator' }).click();
    await revoked.getByLabel(/Why reinstate Chat Room Moderator\?/).fill('Back from the break');
    await revoked.getByRole('button', { name: 'Reinstate the role' }).click();
    await admin.getByRole('status').filter({ hasText: 'Reinstated: Sam Okafor holds Chat Room Moderator again.' }).waitFor();
    await admin.getByRole('listitem', { name: 'Chat Room Moderator, Active' }).waitFor();
    expect(await history.locator('li').first().textContent()).toContain('Reason: Back from the break');

    // By hand: the reason is the server's to insist on too.
    await admin.getByLabel('Role', { exact: true }).selectOption({ label: 'Support Session Leader' });
    await admin.getByRole('button', { name: 'Grant the role' }).click();
    await admin.getByText('Say why; the reason is kept in the history.').waitFor();
    await admin.getByLabel(/^Reason \(required/).fill('Led sessions at the old forum for years');
    await admin.getByRole('button', { name: 'Grant the role' }).click();
    await admin.getByRole('status').filter({ hasText: 'Granted: Sam Okafor now holds Support Session Leader.' }).waitFor();
    await admin.getByRole('listitem', { name: 'Support Session Leader, Active' }).getByText('Granted by hand').waitFor();
  });

  it('suspends Sam’s moderator role until tomorrow, which holds back the session leader role built on it, and Sam sees why', async () => {
    await admin.getByRole('listitem', { name: 'Support Session Leader, Active' }).waitFor();
    const grant = admin.getByRole('listitem', { name: 'Chat Room Moderator, Active' });
    await grant.getByRole('button', { name: 'Suspend Chat Room Moderator' }).click();
    await grant.getByLabel(/Why suspend Chat Room Moderator\?/).fill('A complaint is being looked at');
    const tomorrow = new Date(Date.now() + 86_400_000);
    const local = new Date(tomorrow.getTime() - tomorrow.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await grant.getByLabel(/^Until/).fill(local);
    await grant.getByRole('button', { name: 'Suspend the role' }).click();
    await admin.getByRole('status').filter({ hasText: 'Suspended: Sam Okafor’s Chat Room Moderator is held back.' }).waitFor();
    const suspended = admin.getByRole('listitem', { name: 'Chat Room Moderator, Suspended' });
    await suspended.getByText(/by an admin: A complaint is being looked at/).waitFor();
    await admin.getByRole('listitem', { name: 'Support Session Leader, Suspended' }).getByText(/a role it builds on is not held/).waitFor();

    const sam = await browser.newPage();
    await signIn(sam, hearth.baseUrl, 'sam', DEMO_PASSWORD);
    await sam.goto(`${hearth.baseUrl}/roles`);
    await heading(sam, 'Roles and badges');
    const held = sam.getByRole('region', { name: 'Your roles' });
    await held.getByRole('article', { name: 'Chat Room Moderator' }).getByText(/Suspended.*until .*A complaint is being looked at/s).waitFor();
    await held.getByRole('article', { name: 'Support Session Leader' }).getByText(/comes back by itself/).waitFor();

    await suspended.getByRole('button', { name: 'Reinstate Chat Room Moderator' }).click();
    await suspended.getByLabel(/Why reinstate Chat Room Moderator\?/).fill('Looked at; no case to answer');
    await suspended.getByRole('button', { name: 'Reinstate the role' }).click();
    await admin.getByRole('listitem', { name: 'Support Session Leader, Active' }).waitFor();
    await admin.getByRole('listitem', { name: 'Chat Room Moderator, Active' }).waitFor();
    await sam.close();
  });

  it('defines a role, keeping what was typed through a refusal, then saves its second version', async () => {
    await admin.goto(`${hearth.baseUrl}/admin`);
    await admin.getByRole('link', { name: 'Roles' }).click();
    await heading(admin, 'Roles');
    await admin.getByRole('heading', { name: 'Chat Room Moderator' }).waitFor();

    const form = admin.locator('form[aria-labelledby="role-form-title"]');
    await form.getByLabel('Key').fill('Room Host');
    await form.getByLabel('Name').fill('Room Host');
    await form.getByLabel('Description').fill('Hosts the evening rooms.');
    await form.getByRole('checkbox', { name: 'Group Support Foundations' }).check();
    await form.getByRole('checkbox', { name: 'Chat Room Moderator' }).check();
    await form.getByRole('radio', { name: 'An admin reviews each request' }).check();
    await form.getByLabel('Days a grant lasts').fill('180');
    await form.getByLabel('Powers in the chat').selectOption({ label: 'Session leader' });
    await form.getByLabel('Room tags').fill('evening, newcomers');
    await form.getByRole('button', { name: 'Create role' }).click();

    await form.getByRole('alert').filter({ hasText: 'Some fields need your attention.' }).waitFor();
    await form.getByText('The key is lower-case words joined by underscores, like session_leader.').waitFor();
    expect(await form.getByLabel('Name').inputValue()).toBe('Room Host');
    expect(await form.getByLabel('Room tags').inputValue()).toBe('evening, newcomers');
    expect(await form.getByLabel('Days a grant lasts').inputValue()).toBe('180');
    expect(await form.getByRole('checkbox', { name: 'Group Support Foundations' }).isChecked()).toBe(true);

    await form.getByLabel('Key').fill('room_host');
    await form.getByRole('button', { name: 'Create role' }).click();
    await admin.getByRole('status').filter({ hasText: 'Created the role “Room Host” (room_host), version 1.' }).waitFor();
    const role = admin.getByRole('article', { name: 'Room Host' });
    await role.getByText('Courses to complete: Group Support Foundations').waitFor();
    await role.getByText('Roles needed first: Chat Room Moderator').waitFor();
    await role.getByText('Powers: Session leader in rooms tagged evening, newcomers').waitFor();
    await role.getByText('Lasts: 180 days').waitFor();

    await role.getByRole('button', { name: 'Edit Room Host' }).click();
    await form.getByRole('heading', { name: /Edit Room Host/ }).waitFor();
    expect(await form.getByLabel('Key').isDisabled()).toBe(true);
    await form.getByLabel('Days a grant lasts').fill('');
    await form.getByRole('radio', { name: 'Automatic, as soon as the rule is met' }).check();
    // New holders start on probation: two confirmed co-hosted sessions, mutes of at most half an hour meanwhile.
    await form.getByLabel('Co-hosted sessions to be confirmed').fill('2');
    await form.getByLabel('Sessions to co-host with a holder first').fill('3');
    // Holders keep up an hour of hosting a month.
    await form.getByLabel('Minutes hosted').fill('60');
    await form.getByLabel('In every so many days').fill('30');
    await form.getByLabel(/^Longest mute meanwhile/).fill('2');
    await form.getByRole('button', { name: 'Save as a new version' }).click();
    await form.getByText('From 5 minutes to 1440 (a day).').waitFor();
    await form.getByLabel(/^Longest mute meanwhile/).fill('30');
    await form.getByRole('button', { name: 'Save as a new version' }).click();
    // First what saving would do; any change to the form asks again.
    const preview = form.getByRole('region', { name: 'If you save version 2' });
    await preview.waitFor();
    expect(await admin.evaluate(() => document.activeElement?.textContent)).toBe('If you save version 2');
    await preview.getByText('Every holder meets the new rule.').waitFor();
    await preview.getByText('The powers change at once for 0 holders.').waitFor();
    await form.getByLabel('Description').fill('Hosts the evening rooms, and the late ones.');
    await preview.waitFor({ state: 'detached' });
    await form.getByRole('button', { name: 'Save as a new version' }).click();
    await preview.waitFor();
    await form.getByRole('button', { name: 'Save version 2' }).click();
    await admin.getByRole('status').filter({ hasText: 'Saved as version 2 of “Room Host”.' }).waitFor();
    await preview.waitFor({ state: 'detached' });
    await role.getByText('version 2', { exact: true }).waitFor();
    await role.getByText('Lasts: no end').waitFor();
    await role.getByText('Shadowing: 3 live session(s) co-hosted with a holder, each confirmed by its leader').waitFor();
    await role.getByText('Activity: holders host 60 minutes in every 30 days, or the role is suspended').waitFor();
    await role.getByText(/Approval: automatic/).waitFor();
    await role.getByText('New holders on probation: mutes and removals up to 30 minutes and no room lock, until the leaders of 2 session(s) they co-hosted confirm them').waitFor();
  });

  it('shows a holder how they stand against their role’s activity rule', async () => {
    const adminToken = await token('admin', DEMO_PASSWORD);
    await expectStatus(
      hearth.http.post(
        '/api/v1/facilitator-roles',
        {
          key: 'evening_greeter',
          name: 'Evening Greeter',
          description: 'Welcomes people in the evening rooms.',
          rule: { courseIds: [], roleKeys: [], approval: 'review', validityDays: null, activity: { minutes: 90, days: 28 } },
          effects: { bundle: 'on_spot_host', roomIds: [], roomTags: ['general'] },
        },
        { token: adminToken },
      ),
      201,
    );
    const greeter = await hearth.register({ displayName: 'Gwen Greeter' });
    await expectStatus(hearth.http.post(`/api/v1/admin/users/${greeter.user.id}/grants`, { roleKey: 'evening_greeter', reason: 'Greets' }, { token: adminToken }), 201);
    const page = await browser.newPage();
    await signIn(page, hearth.baseUrl, greeter.user.username, greeter.password);
    await page.goto(`${hearth.baseUrl}/roles`);
    await page.getByTestId('activity').getByText('Hosted 0 of 90 minutes in the last 28 days.').waitFor();
    await page.close();
  });

  it('filters the audit log by kind and shows the revocation with its reason', async () => {
    await admin.goto(`${hearth.baseUrl}/admin`);
    await admin.getByRole('link', { name: 'Audit log' }).click();
    await heading(admin, 'Audit log');
    await admin.getByText('Created the role “Room Host” (version 1)').waitFor();

    await admin.getByLabel('What happened').selectOption({ label: 'Role revoked' });
    await admin.getByRole('button', { name: 'Filter' }).click();
    await admin.waitForURL('**/admin/audit?kind=role.revoked');
    const entries = admin.locator('.entries > li');
    await entries.first().getByText('Reason: Stepped back for a while').waitFor();
    expect(await entries.count()).toBe(1);
    const entry = entries.first();
    await entry.getByText('Role revoked').waitFor();
    await entry.getByText('Revoked “Chat Room Moderator”').waitFor();
    expect(await entry.getByRole('link', { name: 'Ada Admin' }).count()).toBe(1);
    await entry.getByRole('link', { name: 'Sam Okafor' }).click();
    await heading(admin, 'Sam Okafor');
  });

  it('sends anyone else away from the admin pages, and shows them no Admin link', async () => {
    const sam = await browser.newPage();
    await signIn(sam, hearth.baseUrl, 'sam', DEMO_PASSWORD);
    await sam.getByRole('link', { name: 'Courses', exact: true }).waitFor();
    expect(await sam.getByRole('link', { name: 'Admin', exact: true }).count()).toBe(0);
    await sam.goto(`${hearth.baseUrl}/admin/grant-requests`);
    await heading(sam, 'Hold the room with care');
    expect(new URL(sam.url()).pathname).toBe('/');
  });

  it('fits the grant queue on a phone', async () => {
    const phone = await browser.newPage({ width: 390, height: 844 });
    await signIn(phone, hearth.baseUrl, 'admin', DEMO_PASSWORD);
    await phone.goto(`${hearth.baseUrl}/admin/grant-requests`);
    await requestOf(phone, 'Jo Park').getByText('The allotment group on Saturdays').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
});
