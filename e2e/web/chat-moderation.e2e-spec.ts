/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import type { ChatRoom } from '@hearth/contracts';
import { DEMO_PASSWORD } from '@hearth/api';
import { type Registered, startTestApp, type TestApp } from '../support/app';
import { type Browser, launchBrowser } from '../support/browser';
import { buildCourse, completeCourse, expectStatus } from '../support/courses';
import { eventually } from '../support/http';
import { enterRoom, heading, signIn } from '../support/pages';

describe('chat moderation on the demo, in Chromium: reports, the record, appeals, probation', () => {
  let hearth: TestApp;
  let browser: Browser;
  let admin: Registered;
  let rooms: ChatRoom[];

  beforeAll(async () => {
    // The outbox worker runs, as in production: reports and notices go through it.
    hearth = await startTestApp({ HEARTH_WORKER_POLL_MS: '60000' }, { demo: true });
    browser = await launchBrowser();
    admin = (await hearth.http.post('/api/v1/auth/login', { login: 'admin', password: DEMO_PASSWORD })).body;
    rooms = await expectStatus(hearth.http.get('/api/v1/chat/rooms', { token: admin.accessToken }), 200);
  });
  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  const roomId = (name: string) => rooms.find((room) => room.name === name)!.id;
  const signedIn = async (login: string, password = DEMO_PASSWORD) => {
    const page = await browser.newPage({ width: 1200, height: 900 });
    await signIn(page, hearth.baseUrl, login, password);
    return page;
  };
  const enter = (page: Page, name: string) => enterRoom(page, hearth.baseUrl, { id: roomId(name), name });
  const say = async (page: Page, text: string) => {
    await page.getByLabel('Message', { exact: true }).fill(text);
    await page.getByLabel('Message', { exact: true }).press('Enter');
    await page.locator('.message-body').filter({ hasText: text }).waitFor();
  };

  it('lets a member report a message; the moderator works it from the report queue, and the reporter hears the outcome', async () => {
    const [sam, riley, mentor] = [await signedIn('sam'), await signedIn('riley'), await signedIn('mentor')];
    await enter(sam, 'Welcome lounge');
    await enter(riley, 'Welcome lounge');
    await say(sam, 'Buy cheap watches at example.com');

    const message = riley.locator('li.message').filter({ hasText: 'Buy cheap watches' });
    await message.getByRole('button', { name: 'Actions for the message from Sam Okafor' }).click();
    // A member reports; only moderators moderate.
    expect(await riley.getByRole('menuitem', { name: /^Moderate/ }).count()).toBe(0);
    await riley.getByRole('menuitem', { name: 'Report this message…' }).click();
    const dialog = riley.getByRole('dialog', { name: 'Report this message' });
    await dialog.getByRole('button', { name: 'Send the report' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Choose what is wrong.' }).waitFor();
    await dialog.getByLabel('What is wrong').selectOption({ label: 'Spam or advertising' });
    await dialog.getByLabel(/^Anything the moderators should know/).fill('Third time today');
    await dialog.getByRole('button', { name: 'Send the report' }).click();
    await riley.getByRole('status').filter({ hasText: 'Reported.' }).waitFor();

    await enter(mentor, 'Welcome lounge');
    await mentor.getByRole('link', { name: 'Reports (1 open)' }).click();
    await heading(mentor, 'Reports in Welcome lounge');
    const report = mentor.getByRole('listitem', { name: 'Report by Riley Chen' });
    await report.getByText('Spam or advertising').waitFor();
    await report.getByText('“Third time today”').waitFor();
    await report.getByRole('button', { name: 'Act on it…' }).click();
    const step = mentor.getByRole('dialog', { name: 'Moderate Sam Okafor' });
    await step.getByLabel(/^Why/).selectOption({ label: 'Spam or advertising' });
    await step.getByRole('button', { name: 'Continue' }).click();
    await step.getByRole('button', { name: 'Confirm' }).click();
    await mentor.getByRole('listitem').filter({ hasText: 'No reports are waiting.' }).waitFor();
    await mentor.getByRole('button', { name: 'Acted on' }).click();
    await mentor.getByRole('listitem', { name: 'Report by Riley Chen' }).getByText(/Acted on by Mateo Mentor/).waitFor();

    await riley.goto(`${hearth.baseUrl}/notifications`);
    await heading(riley, 'Notifications');
    await riley.getByRole('link', { name: 'A moderator acted on the message you reported in “Welcome lounge”' }).waitFor();
    for (const page of [sam, riley, mentor]) await page.close();
  });

  it('shows the person their moderation record; they appeal, and an admin lifts the step from the appeals queue', async () => {
    const [sam, mentor] = [await signedIn('sam'), await signedIn('mentor')];
    await enter(sam, 'Support circle');
    await enter(mentor, 'Support circle');
    await say(sam, 'A perfectly fine question about tonight');
    // A moderator's step, done with the keyboard only.
    const line = mentor.locator('li.message').filter({ hasText: 'A perfectly fine question' });
    await line.getByRole('button', { name: 'Actions for the message from Sam Okafor' }).focus();
    await mentor.keyboard.press('Enter');
    await mentor.getByRole('menuitem', { name: 'Moderate Sam Okafor…' }).focus();
    await mentor.keyboard.press('Enter');
    const dialog = mentor.getByRole('dialog', { name: 'Moderate Sam Okafor' });
    await dialog.getByText('Next step on the ladder: A warning').waitFor();
    // Opened, the dialog puts focus on its first choice.
    await mentor.waitForFunction(() => document.activeElement?.closest('mat-dialog-container') !== null && document.activeElement?.getAttribute('type') === 'radio');
    await dialog.getByLabel('A warning').focus();
    await mentor.keyboard.press('Space');
    await dialog.getByLabel(/^Why/).focus();
    await dialog.getByLabel(/^Why/).selectOption({ label: 'Repeatedly off-topic for the room' });
    await dialog.getByLabel(/^In your words/).focus();
    await mentor.keyboard.type('Please keep to the topic of the circle');
    await dialog.getByRole('button', { name: 'Continue' }).focus();
    await mentor.keyboard.press('Enter');
    await dialog.getByRole('button', { name: 'Confirm' }).focus();
    await mentor.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });

    // Sam is told, with where to appeal.
    const notice = sam.getByRole('alert').filter({ hasText: 'A moderator gave you a warning in “Support circle”' });
    await notice.getByText(/Please keep to the topic of the circle/).waitFor();
    await notice.getByRole('link', { name: 'Read it again, or appeal to an admin' }).click();
    await heading(sam, 'A moderator gave you a warning in “Support circle”');
    await sam.getByRole('button', { name: 'Send the appeal' }).click();
    await sam.getByRole('alert').filter({ hasText: 'Say why the step was wrong' }).waitFor();
    await sam.getByLabel('What should an admin know? Why was it wrong?').fill('My question was about tonight’s session, which is the topic.');
    await sam.getByRole('button', { name: 'Send the appeal' }).click();
    await sam.getByRole('status').filter({ hasText: 'An admin will look at it and decide' }).waitFor();
    await sam.goto(`${hearth.baseUrl}/chat/sanctions`);
    await heading(sam, 'My moderation record');
    await sam.getByText('appeal waiting for an admin').waitFor();

    const adminPage = await signedIn('admin');
    await adminPage.goto(`${hearth.baseUrl}/admin`);
    await adminPage.getByText('1 waiting for a decision').waitFor();
    await adminPage.getByRole('link', { name: 'Chat appeals' }).click();
    await heading(adminPage, 'Chat appeals');
    const appeal = adminPage.getByRole('listitem', { name: 'Appeal by Sam Okafor' });
    await appeal.getByText('My question was about tonight’s session').waitFor();
    await appeal.getByRole('button', { name: 'Lift the step' }).click();
    await appeal.getByRole('alert').filter({ hasText: 'Say why; the person is told.' }).waitFor();
    await appeal.getByLabel(/^What to tell Sam Okafor/).fill('You are right, that was on topic. Sorry.');
    await appeal.getByRole('button', { name: 'Lift the step' }).click();
    await adminPage.getByRole('listitem').filter({ hasText: 'No appeal is waiting.' }).waitFor();

    await sam.goto(`${hearth.baseUrl}/chat/sanctions`);
    await sam.getByText('lifted on appeal').waitFor();
    for (const page of [sam, mentor, adminPage]) await page.close();
  });

  it('shows a probationary moderator their limits, and offers only mutes within them', async () => {
    const trainee = await hearth.register({ displayName: 'Pat Probation' });
    await expectStatus(
      hearth.http.post(
        '/api/v1/facilitator-roles',
        {
          key: 'junior_moderator',
          name: 'Junior Moderator',
          description: 'Moderates the lounge, on probation at first.',
          rule: { courseIds: [], roleKeys: [], approval: 'review', validityDays: null },
          effects: { bundle: 'moderator', roomIds: [], roomTags: ['general'], probation: { sessions: 2, maxMinutes: 60 } },
        },
        { token: admin.accessToken },
      ),
      201,
    );
    await expectStatus(hearth.http.post(`/api/v1/admin/users/${trainee.user.id}/grants`, { roleKey: 'junior_moderator', reason: 'New to it' }, { token: admin.accessToken }), 201);
    const [pat, riley] = [await signedIn(trainee.user.username, trainee.password), await signedIn('riley')];
    await enter(riley, 'Welcome lounge');
    await enter(pat, 'Welcome lounge');
    await pat.getByText('On probation: mutes and removals up to 1 hour, no room lock (0 of 2 co-hosted sessions confirmed)').waitFor();
    await pat.getByText('Locking the room waits until your probation ends.').waitFor();
    expect(await pat.getByRole('button', { name: 'Lock the room' }).count()).toBe(0);

    await pat.getByRole('complementary').getByRole('button', { name: 'Actions for Riley Chen' }).click();
    await pat.getByRole('menuitem', { name: 'Moderate Riley Chen…' }).click();
    const dialog = pat.getByRole('dialog', { name: 'Moderate Riley Chen' });
    await dialog.getByLabel('A timed mute').check();
    const lengths = await dialog.getByLabel('For how long').locator('option').allTextContents();
    expect(lengths).toEqual(['10 minutes', '1 hour']);
    await dialog.getByText(/On probation you give mutes and removals of at most 1 hour/).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // The mentor leads a session Pat co-hosts, then confirms it: one of the two sessions probation asks for.
    const mentor = await signedIn('mentor');
    await enter(pat, 'Support circle');
    await enter(mentor, 'Support circle');
    await mentor.getByLabel('Topic').fill('Co-hosted evening');
    await mentor.getByRole('button', { name: 'Start a session now' }).click();
    await mentor.getByLabel('Session running').waitFor();
    await mentor.getByRole('complementary').getByRole('button', { name: 'Actions for Pat Probation' }).click();
    await mentor.getByRole('menuitem', { name: 'Invite to co-host' }).click();
    await mentor.getByLabel('Session running').getByText(/with Pat Probation/).waitFor();
    // They run it together for twenty minutes.
    await hearth.passTime({ minutes: 20 });
    await mentor.getByRole('button', { name: 'End the session' }).click();
    const ended = mentor.getByLabel('Session just ended');
    await ended.getByRole('button', { name: 'Confirm Pat Probation co-hosted well' }).click();
    await ended.getByText('Pat Probation’s co-hosting is confirmed.').waitFor();
    await enter(pat, 'Welcome lounge');
    await pat.getByText(/\(1 of 2 co-hosted sessions confirmed\)/).waitFor();
    for (const page of [pat, riley, mentor]) await page.close();
  });

  it('suspends a facilitator’s role until they redo a course: they see what to redo, and an admin reinstates them from the queue', async () => {
    const built = await buildCourse(hearth.http, (await hearth.author()).accessToken, { publish: true });
    const fran = await hearth.register({ displayName: 'Fran Facilitator' });
    await expectStatus(hearth.http.post(`/api/v1/admin/users/${fran.user.id}/grants`, { roleKey: 'moderator', reason: 'Moderates' }, { token: admin.accessToken }), 201);
    const [adminPage, franPage] = [await signedIn('admin'), await signedIn(fran.user.username, fran.password)];
    await enter(franPage, 'Welcome lounge');
    await enter(adminPage, 'Welcome lounge');

    await adminPage.getByRole('complementary').getByRole('button', { name: 'Actions for Fran Facilitator' }).click();
    await adminPage.getByRole('menuitem', { name: 'Moderate Fran Facilitator…' }).click();
    const dialog = adminPage.getByRole('dialog', { name: 'Moderate Fran Facilitator' });
    await dialog.getByLabel('Suspend a facilitator role').check();
    await dialog.getByLabel('For how long').selectOption({ label: 'Until they redo a course' });
    await dialog.getByLabel(/^Why/).selectOption({ label: 'Harassing or belittling someone' });
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Choose the course they redo.' }).waitFor();
    await dialog.getByLabel('The course to redo').selectOption({ label: built.course.title });
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.getByText(`until they redo “${built.course.title}” and an admin reinstates them`, { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Fran finds what to redo on the course, and their role's page says why it waits.
    await franPage.goto(`${hearth.baseUrl}/courses/${built.course.slug}`);
    await heading(franPage, built.course.title);
    const refresher = franPage.getByRole('region', { name: 'A refresher asked of you' });
    await refresher.getByText('0 of 3 redone.').waitFor();
    await expectStatus(hearth.http.post(`/api/v1/items/${built.lesson.id}/view`, undefined, { token: fran.accessToken }), 204);
    await franPage.reload();
    await refresher.getByText('1 of 3 redone.').waitFor();
    await franPage.getByRole('link', { name: 'Continue the refresher' }).waitFor();
    await franPage.goto(`${hearth.baseUrl}/roles`);
    await franPage.getByTestId('refresher-status').getByText(/To have it back, redo/).waitFor();

    await completeCourse(hearth.http, built, fran.accessToken);
    // Credentials hears of it from the outbox, after the commit.
    await eventually(
      'the reinstatement request',
      async () => (await expectStatus(hearth.http.get('/api/v1/admin/grant-requests?status=pending', { token: admin.accessToken }), 200)).items,
      (items: Array<{ user: { id: string } }>) => items.some((request) => request.user.id === fran.user.id),
    );
    await franPage.reload();
    await franPage.getByTestId('refresher-status').getByText(/You redid/).waitFor();

    await adminPage.goto(`${hearth.baseUrl}/admin/grant-requests`);
    await heading(adminPage, 'Grant requests');
    const request = adminPage.getByRole('article', { name: /Fran Facilitator/ });
    await request.getByTestId('reinstatement').getByRole('link', { name: built.course.title }).waitFor();
    await request.getByRole('button', { name: 'Reinstate' }).click();
    await adminPage.getByRole('status').filter({ hasText: 'Reinstated: Fran Facilitator’s role Chat Room Moderator has its powers back.' }).waitFor();
    await franPage.reload();
    await franPage.getByText('Chat Room Moderator').first().waitFor();
    expect(await franPage.getByTestId('refresher-status').count()).toBe(0);
    for (const page of [adminPage, franPage]) await page.close();
  });
});
