/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import type { ChatRoom } from '@hearth/contracts';
import { DEMO_PASSWORD } from '@hearth/api';
import { type Registered, startTestApp, type TestApp } from '../support/app';
import { type Browser, launchBrowser } from '../support/browser';
import { expectStatus } from '../support/courses';
import { enterRoom, heading, signIn } from '../support/pages';

describe('the chat on the demo, in Chromium', () => {
  let hearth: TestApp;
  let browser: Browser;
  let admin: Registered;
  let rooms: ChatRoom[];

  beforeAll(async () => {
    // The outbox worker runs, as in production: role changes reach open pages through it.
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
  const signedIn = async (login: string, size?: { width: number; height: number }) => {
    const page = await browser.newPage(size);
    await signIn(page, hearth.baseUrl, login, DEMO_PASSWORD);
    return page;
  };
  const enter = (page: Page, name: string) => enterRoom(page, hearth.baseUrl, { id: roomId(name), name });
  const composer = (page: Page) => page.getByLabel('Message', { exact: true });
  const say = async (page: Page, text: string) => {
    await composer(page).fill(text);
    await composer(page).press('Enter');
  };

  it('lists the rooms with their locks, and says what would open a locked one, with links', async () => {
    const sam = await signedIn('sam');
    await sam.getByRole('link', { name: 'Chat', exact: true }).click();
    await heading(sam, 'Chat rooms');
    const open = sam.getByRole('region', { name: 'Rooms you can enter' });
    await open.getByRole('link', { name: 'Welcome lounge' }).waitFor();
    await open.getByRole('link', { name: 'Support circle' }).waitFor();
    const locked = sam.getByRole('listitem', { name: 'Moderators’ room' });
    await locked.getByText('For holders of: Chat Room Moderator role').waitFor();
    await locked.getByRole('link', { name: 'Hold the role “Chat Room Moderator”' }).waitFor();
    // The locked room's own address says so, under its name.
    await sam.goto(`${hearth.baseUrl}/chat/${roomId('Moderators’ room')}`);
    await heading(sam, 'Moderators’ room');
    await sam.getByRole('alert').filter({ hasText: 'This room is locked to you' }).waitFor();
    await sam.getByRole('link', { name: 'Back to the rooms' }).click();
    await sam.getByRole('listitem', { name: 'Moderators’ room' }).getByRole('link', { name: /Group Support Foundations/ }).first().click();
    await heading(sam, 'Group Support Foundations');
  });

  it('carries messages live between two people, announces arrivals, and keeps a refused draft', async () => {
    const [sam, riley] = [await signedIn('sam'), await signedIn('riley')];
    await enter(sam, 'Welcome lounge');
    await enter(riley, 'Welcome lounge');
    await say(sam, 'Hello from Sam, see https://example.org');
    await riley.locator('.message-body').filter({ hasText: 'Hello from Sam' }).waitFor();
    expect(await riley.locator('.message-body a[href="https://example.org"]').count()).toBe(1);
    await riley.getByRole('log', { name: 'New messages' }).filter({ hasText: 'Sam Okafor: Hello from Sam' }).waitFor();
    await riley.locator('.people li').filter({ hasText: 'Sam Okafor' }).waitFor();

    // Five messages in five seconds is the limit: the sixth is refused, and stays in the box.
    for (let i = 2; i <= 5; i++) {
      await say(sam, `Message ${i}`);
      await sam.locator('.message-body').filter({ hasText: `Message ${i}` }).waitFor();
    }
    await say(sam, 'One too many');
    await sam.getByRole('alert').filter({ hasText: '5 messages in 5 seconds' }).waitFor();
    expect(await composer(sam).inputValue()).toBe('One too many');
  });

  it('gives a moderator actions on messages and people: a removal and a mute, each with a reason, reach the room at once', async () => {
    const [mentor, riley] = [await signedIn('mentor', { width: 1200, height: 900 }), await signedIn('riley')];
    await enter(riley, 'Welcome lounge');
    await enter(mentor, 'Welcome lounge');
    await say(riley, 'Something I should not have said');
    const line = mentor.locator('li.message').filter({ hasText: 'Something I should not have said' });
    await line.getByRole('button', { name: 'Actions for the message from Riley Chen' }).click();
    await mentor.getByRole('menuitem', { name: 'Moderate Riley Chen…' }).click();
    const dialog = mentor.getByRole('dialog', { name: 'Moderate Riley Chen' });
    await dialog.getByText('Nothing yet: this would be their first step.').waitFor();
    await dialog.getByLabel('Remove the message').check();
    await dialog.getByLabel(/^Why/).selectOption({ label: 'Harassing or belittling someone' });
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.getByText('You are about to remove Riley Chen’s message, because: harassing or belittling someone.').waitFor();
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await riley.locator('li.message').filter({ hasText: 'Message removed by a moderator.' }).first().waitFor();
    await riley.getByRole('alert').filter({ hasText: 'A moderator removed a message of yours in “Welcome lounge”. Why: Harassing or belittling someone.' }).waitFor();

    await mentor.getByRole('complementary').getByRole('button', { name: 'Actions for Riley Chen' }).click();
    await mentor.getByRole('menuitem', { name: 'Moderate Riley Chen…' }).click();
    const again = mentor.getByRole('dialog', { name: 'Moderate Riley Chen' });
    // The history now has the removal, and the ladder moves on.
    await again.getByText(/Remove the message.*Harassing or belittling someone/).waitFor();
    await again.getByLabel('A timed mute').check();
    await again.getByLabel('For how long').selectOption({ label: '10 minutes' });
    await again.getByLabel(/^Why/).selectOption({ label: 'Another reason' });
    await again.getByRole('button', { name: 'Continue' }).click();
    await again.getByRole('alert').filter({ hasText: 'Say in a few words why' }).waitFor();
    await again.getByLabel(/^In your words/).fill('Take ten minutes, then come back');
    await again.getByRole('button', { name: 'Continue' }).click();
    await again.getByRole('button', { name: 'Confirm' }).click();
    await riley.getByText(/You are muted in this room until/).waitFor();
    await riley.getByRole('alert').filter({ hasText: '“Take ten minutes, then come back”' }).waitFor();
    const systemLine = mentor.locator('.system-line').filter({ hasText: 'Riley Chen is muted for 10 minutes.' }).first();
    await systemLine.waitFor();
    // The room sees that a moderator acted, never why.
    expect(await riley.locator('.system-line').filter({ hasText: 'Take ten minutes' }).count()).toBe(0);
    // Only moderators see the moderation steps; a member may report.
    expect(await riley.getByRole('complementary').getByRole('button', { name: /^Actions for/ }).count()).toBe(0);
  });

  it('tells someone mentioned in a room, with a link that opens the room', async () => {
    const sam = await signedIn('sam');
    await enter(sam, 'Support circle');
    await say(sam, '@riley see you at the circle tonight?');
    await sam.locator('.message-body').filter({ hasText: 'see you at the circle tonight?' }).waitFor();
    const riley = await signedIn('riley');
    await riley.goto(`${hearth.baseUrl}/notifications`);
    await heading(riley, 'Notifications');
    await riley.getByRole('link', { name: 'Sam Okafor mentioned you in the chat room “Support circle”' }).click();
    await heading(riley, 'Support circle');
    await riley.locator('.message-body').filter({ hasText: 'see you at the circle tonight?' }).waitFor();
  });

  it('lets a session leader run a session whose attendance shows on the trainee’s roles page', async () => {
    const [mentor, riley] = [await signedIn('mentor', { width: 1200, height: 900 }), await signedIn('riley')];
    await enter(mentor, 'Support circle');
    await enter(riley, 'Support circle');
    await mentor.getByLabel('Topic').fill('Handling a hard evening');
    await mentor.getByRole('button', { name: 'Start a session now' }).click();
    await riley.getByText('Handling a hard evening').first().waitFor();
    await riley.getByLabel('Session running').waitFor();
    expect(await riley.getByRole('button', { name: 'End the session' }).count()).toBe(0);

    // Riley is there twenty minutes: attendance counts whole minutes.
    await hearth.passTime({ minutes: 20 });
    await mentor.getByRole('button', { name: 'End the session' }).click();
    await riley.locator('.system-line').filter({ hasText: 'has ended' }).waitFor();

    await riley.goto(`${hearth.baseUrl}/roles`);
    const attended = riley.getByRole('region', { name: 'Live sessions you attended' });
    await attended.getByRole('cell', { name: 'Handling a hard evening — Support circle' }).waitFor();
    await attended.getByRole('cell', { name: 'support-session' }).waitFor();
    expect(Number(await attended.locator('tbody td').nth(2).textContent())).toBeGreaterThanOrEqual(20);
  });

  it('takes a locked room away the moment its role is revoked', async () => {
    const mentor = await signedIn('mentor', { width: 1200, height: 900 });
    await enter(mentor, 'Moderators’ room');
    const mentorId = (await hearth.http.post('/api/v1/auth/login', { login: 'mentor', password: DEMO_PASSWORD })).body.user.id;
    const history = await expectStatus(hearth.http.get(`/api/v1/admin/users/${mentorId}/grants`, { token: admin.accessToken }), 200);
    const moderator = history.grants.find((grant: { roleKey: string; status: string }) => grant.roleKey === 'moderator' && grant.status === 'active');
    await expectStatus(hearth.http.post(`/api/v1/admin/grants/${moderator.id}/revoke`, { reason: 'Stepping back' }, { token: admin.accessToken }), 200);
    await mentor.getByRole('alert').filter({ hasText: 'this room is locked to you now' }).waitFor();
    expect(await mentor.getByLabel('Message', { exact: true }).count()).toBe(0);
  });

  it('lets an admin create a locked room, which then shows in the list', async () => {
    const page = await signedIn('admin', { width: 1200, height: 900 });
    await page.goto(`${hearth.baseUrl}/chat`);
    await page.getByRole('link', { name: 'New room' }).click();
    await heading(page, 'New room');
    await page.getByLabel('Name').fill('Leaders’ huddle');
    await page.getByLabel('Topic').fill('Planning sessions');
    await page.getByLabel('Tags').fill('support-session');
    await page.getByLabel('Support Session Leader role').check();
    await page.getByRole('button', { name: 'Create the room' }).click();
    await heading(page, 'Leaders’ huddle');
    await page.getByText('For holders of: Support Session Leader role').waitFor();
    await page.goto(`${hearth.baseUrl}/chat`);
    await page.getByRole('link', { name: 'Leaders’ huddle' }).waitFor();
  });
});
