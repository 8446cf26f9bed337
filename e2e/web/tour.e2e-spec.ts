/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ChatRoom, CourseOutline } from '@hearth/contracts';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '@hearth/api';
import { startTestApp, type TestApp } from '../support/app';
import { type Browser, launchBrowser } from '../support/browser';
import { expectStatus } from '../support/courses';
import { heading, sidewaysOverflow, signIn } from '../support/pages';

/**
 * The main pages of the demo as each of its people sees them, at a desktop size and at a
 * phone's (390 × 844): no page may scroll sideways, and the phone's header, chat room and
 * course editor fold their controls away. `npm run screenshots` runs this file with
 * HEARTH_SCREENSHOTS set to a folder, and every stop is also saved there as
 * `<size>-<stop>.png` (the README shows docs/screenshots/).
 */

const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
const COURSE = 'group-support-foundations';
const SCREENSHOTS = process.env.HEARTH_SCREENSHOTS ? resolve(process.env.HEARTH_SCREENSHOTS) : null;

type Person = 'sam' | 'mentor' | 'author' | 'admin' | null;

interface Places {
  items: { lesson: string; discussion: string; quiz: string };
  rooms: { lounge: string; moderators: string };
}

interface Stop {
  name: string;
  as: Person;
  path: (places: Places) => string;
  /** The page's title (its h1), waited for before looking. */
  title: string | RegExp;
  /** Then, what shows that its data is in (when the title comes first). */
  ready?: (page: Page) => Promise<void>;
}

/** Joined over the socket: the people here include me (on a phone they are folded away). */
const inTheRoom = (page: Page) => page.locator('.people li').first().waitFor({ state: 'attached' });

const STOPS: Stop[] = [
  { name: 'home', as: null, path: () => '/', title: 'Hold the room with care' },
  { name: 'catalog', as: null, path: () => '/courses', title: 'Courses', ready: (page) => page.getByRole('link', { name: 'Group Support Foundations' }).waitFor() },
  {
    name: 'learning',
    as: 'sam',
    path: () => '/learning',
    title: 'My learning',
    // The course, the session scheduled in the Support circle (beforeAll), and what a role still asks.
    ready: async (page) => {
      await page.getByRole('listitem', { name: 'Group Support Foundations' }).waitFor();
      await page.getByRole('list', { name: 'Upcoming sessions in my rooms' }).getByRole('link', { name: 'Sunday check-in' }).waitFor();
      await page.getByRole('list', { name: 'Roles I am working toward' }).getByRole('link', { name: /Group Support Foundations/ }).first().waitFor();
    },
  },
  { name: 'course', as: 'sam', path: () => `/courses/${COURSE}`, title: 'Group Support Foundations', ready: (page) => page.locator('.items').first().waitFor() },
  { name: 'lesson', as: 'sam', path: ({ items }) => `/courses/${COURSE}/items/${items.lesson}`, title: 'Welcome' },
  { name: 'discussion', as: 'sam', path: ({ items }) => `/courses/${COURSE}/items/${items.discussion}`, title: /./, ready: (page) => page.getByRole('button', { name: 'Post my answer' }).waitFor() },
  { name: 'quiz', as: 'sam', path: ({ items }) => `/courses/${COURSE}/items/${items.quiz}`, title: 'Check your understanding', ready: (page) => page.getByRole('button', { name: 'Check my answers' }).waitFor() },
  { name: 'chat-rooms', as: 'sam', path: () => '/chat', title: 'Chat rooms', ready: (page) => page.getByRole('heading', { name: /Welcome lounge/ }).waitFor() },
  { name: 'chat-room', as: 'sam', path: ({ rooms }) => `/chat/${rooms.lounge}`, title: 'Welcome lounge', ready: inTheRoom },
  { name: 'notifications', as: 'sam', path: () => '/notifications', title: 'Notifications' },
  { name: 'account', as: 'sam', path: () => '/account', title: 'My account', ready: (page) => page.locator('[data-testid=email]').waitFor() },
  // A mentor lands on what waits for them (Riley's answer in the demo).
  { name: 'mentor-learning', as: 'mentor', path: () => '/learning', title: 'My learning', ready: (page) => page.getByRole('region', { name: 'Waiting for you' }).getByText('1 answer waits for review').waitFor() },
  { name: 'moderators-room', as: 'mentor', path: ({ rooms }) => `/chat/${rooms.moderators}`, title: 'Moderators’ room', ready: inTheRoom },
  { name: 'mentoring', as: 'mentor', path: () => '/author', title: 'Your courses', ready: (page) => page.getByRole('link', { name: 'Group Support Foundations' }).waitFor() },
  { name: 'course-editor', as: 'author', path: () => `/author/courses/${COURSE}`, title: 'Group Support Foundations', ready: (page) => page.getByRole('button', { name: 'Edit Welcome' }).waitFor() },
  { name: 'admin', as: 'admin', path: () => '/admin', title: 'Admin' },
  { name: 'grant-requests', as: 'admin', path: () => '/admin/grant-requests', title: /./ },
  { name: 'people', as: 'admin', path: () => '/admin/people', title: /./ },
  { name: 'roles', as: 'admin', path: () => '/admin/roles', title: /./ },
  { name: 'audit-log', as: 'admin', path: () => '/admin/audit', title: /./ },
];

describe('a tour of the main pages, at desktop and phone sizes, in Chromium', () => {
  let hearth: TestApp;
  let browser: Browser;
  let places: Places;
  /** One signed-in page per person and size, reused from stop to stop. */
  const pages = new Map<string, Page>();

  beforeAll(async () => {
    hearth = await startTestApp({}, { demo: true });
    browser = await launchBrowser();
    const token = async (login: string) => (await expectStatus(hearth.http.post('/api/v1/auth/login', { login, password: DEMO_PASSWORD }), 200)).accessToken as string;
    const sam = { token: await token('sam') };
    await expectStatus(hearth.http.post(`/api/v1/courses/${COURSE}/enroll`, undefined, sam), 201);
    const outline: CourseOutline = await expectStatus(hearth.http.get(`/api/v1/courses/${COURSE}`, sam), 200);
    const items = outline.modules.flatMap((module) => module.items);
    const first = (type: string) => items.find((item) => item.type === type)!.id;
    const rooms: ChatRoom[] = await expectStatus(hearth.http.get('/api/v1/chat/rooms', { token: await token('admin') }), 200);
    const room = (name: string) => rooms.find((candidate) => candidate.name === name)!.id;
    const mentor = { token: await token('mentor') };
    await expectStatus(hearth.http.post(`/api/v1/chat/rooms/${room('Support circle')}/sessions`, { topic: 'Sunday check-in', startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString() }, mentor), 201);
    places = { items: { lesson: first('lesson'), discussion: first('discussion'), quiz: first('quiz') }, rooms: { lounge: room('Welcome lounge'), moderators: room('Moderators’ room') } };
    if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  async function pageFor(person: Person, size: keyof typeof SIZES): Promise<Page> {
    const key = `${person ?? 'visitor'}@${size}`;
    let page = pages.get(key);
    if (!page) {
      page = await browser.newPage(SIZES[size]);
      if (person) await signIn(page, hearth.baseUrl, person, DEMO_PASSWORD);
      pages.set(key, page);
    }
    return page;
  }

  for (const size of Object.keys(SIZES) as Array<keyof typeof SIZES>) {
    it(`shows every stop without sideways scrolling on a ${size} (${SIZES[size].width} × ${SIZES[size].height})`, async () => {
      const problems: string[] = [];
      for (const stop of STOPS) {
        const page = await pageFor(stop.as, size);
        await page.goto(`${hearth.baseUrl}${stop.path(places)}`);
        await page.getByRole('heading', { level: 1, name: stop.title }).waitFor();
        await stop.ready?.(page);
        const overflow = await sidewaysOverflow(page);
        if (overflow.length > 0) problems.push(`${stop.name}: ${overflow.join(', ')}`);
        if (SCREENSHOTS) {
          // Fonts and the last frame settle before the picture (the cursor blink is off).
          await page.evaluate(() => document.fonts.ready);
          await page.screenshot({ path: join(SCREENSHOTS, `${size}-${stop.name}.png`), caret: 'hide', animations: 'disabled' });
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it('folds the header into a menu button on a phone: it opens the links, closes on Escape (focus back on it) and after choosing one', async () => {
    const phone = await pageFor('sam', 'phone');
    await phone.goto(`${hearth.baseUrl}/learning`);
    await heading(phone, 'My learning');
    const menu = phone.getByRole('button', { name: 'Menu' });
    expect(await phone.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    // The bell stays in the bar.
    expect(await phone.getByRole('link', { name: /^Notifications/ }).isVisible()).toBe(true);

    // Escape closes it, from the button itself or from inside the menu, focus back on the button.
    await menu.click();
    await phone.locator('.menu-button[aria-expanded=true]').waitFor();
    await phone.keyboard.press('Escape');
    await phone.getByRole('navigation', { name: 'Main' }).waitFor({ state: 'hidden' });
    await menu.focus();
    await phone.keyboard.press('Enter');
    await phone.getByRole('navigation', { name: 'Main' }).waitFor();
    // The button comes right before the links: Tab goes into the open menu.
    await phone.keyboard.press('Tab');
    expect(await phone.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Courses');
    await phone.keyboard.press('Escape');
    await phone.getByRole('navigation', { name: 'Main' }).waitFor({ state: 'hidden' });
    expect(await phone.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Menu');
    // Tabbing out past its last control closes it.
    await menu.click();
    await phone.getByRole('button', { name: 'Sign out' }).focus();
    await phone.keyboard.press('Tab');
    await phone.getByRole('navigation', { name: 'Main' }).waitFor({ state: 'hidden' });

    await menu.click();
    await phone.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chat' }).click();
    await heading(phone, 'Chat rooms');
    await phone.getByRole('navigation', { name: 'Main' }).waitFor({ state: 'hidden' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');

    // On a desktop the links are in the bar and there is no menu button.
    const desktop = await pageFor('sam', 'desktop');
    await desktop.goto(`${hearth.baseUrl}/learning`);
    await heading(desktop, 'My learning');
    expect(await desktop.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(true);
    expect(await desktop.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);

    // Its narrowest: an admin's five links and account in the bar, just above the menu's width, without sideways scrolling.
    const admin = await browser.newPage({ width: 970, height: 800 });
    await signIn(admin, hearth.baseUrl, 'admin', DEMO_PASSWORD);
    expect(await admin.getByRole('navigation', { name: 'Main' }).getByRole('link').count()).toBe(5);
    expect(await admin.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(true);
    expect(await sidewaysOverflow(admin)).toEqual([]);
  });

  it('puts a chat room’s session, people and moderation behind a button above the messages on a phone', async () => {
    const phone = await pageFor('mentor', 'phone');
    await phone.goto(`${hearth.baseUrl}/chat/${places.rooms.moderators}`);
    await heading(phone, 'Moderators’ room');
    // In the room, and so with the moderator's powers known, yet folded away.
    await inTheRoom(phone);
    expect(await phone.locator('#room-side').isVisible()).toBe(false);
    const toggle = phone.getByRole('button', { name: /^Show the session and people/ });
    await toggle.click();
    await phone.getByRole('heading', { name: 'Moderation' }).waitFor();
    await phone.locator('.people li').filter({ hasText: 'Mateo Mentor' }).waitFor();
    // Above the messages and the composer, not below them.
    const [side, messages] = await Promise.all([phone.locator('#room-side').boundingBox(), phone.getByRole('region', { name: 'Messages' }).boundingBox()]);
    expect(side!.y).toBeLessThan(messages!.y);
    expect(await sidewaysOverflow(phone)).toEqual([]);
    await phone.getByRole('button', { name: /^Hide the session and people/ }).click();
    await phone.getByRole('heading', { name: 'Moderation' }).waitFor({ state: 'hidden' });
  });

  it('keeps a course editor’s item controls in one menu per item, so each row fits a phone', async () => {
    const phone = await pageFor('author', 'phone');
    await phone.goto(`${hearth.baseUrl}/author/courses/${COURSE}`);
    await phone.getByRole('button', { name: 'Edit Welcome' }).waitFor();
    await phone.getByRole('button', { name: 'More for Welcome' }).click();
    const menu = phone.getByRole('menu');
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(expect.arrayContaining(['Move up', 'Move down', 'Remove…']));
    expect(await menu.getByRole('menuitem', { name: 'Move up' }).isDisabled()).toBe(true);
    await phone.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    expect(await sidewaysOverflow(phone)).toEqual([]);
  });
});
