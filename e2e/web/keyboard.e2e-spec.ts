/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '@hearth/api';
import { appInChromium } from '../support/browser';

/**
 * A trainee's whole journey with the keyboard alone: signing in, finding and joining the
 * course, reading, answering a discussion, replying to a peer, passing the quiz. Only Tab,
 * Shift+Tab, arrows, Space, Enter and typing; never a click. It fails the moment focus
 * falls back to the page itself (a keyboard user would have to start again from the top),
 * and after each action it checks where focus went.
 */
describe('the trainee journey with the keyboard only, in Chromium', () => {
  const chromium = appInChromium({}, { demo: true });

  interface Focus {
    tag: string;
    name: string;
    /** The accessible name of the reply (article) it is in, if any. */
    within: string | null;
    /** And of the answer that reply is in, if it is a nested reply. */
    outer: string | null;
  }

  /** The focused element, with a name as assistive technology would read it (near enough). */
  const focusOf = (page: Page): Promise<Focus> =>
    page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return { tag: 'body', name: '', within: null, outer: null };
      const labelledBy = element.getAttribute('aria-labelledby');
      const name =
        element.getAttribute('aria-label') ??
        (labelledBy ? labelledBy.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ') : null) ??
        ((element as HTMLInputElement).labels?.[0]?.textContent || null) ??
        element.textContent ??
        '';
      const article = element.closest('article');
      return {
        tag: element.tagName.toLowerCase(),
        name: name.replace(/\s+/g, ' ').trim(),
        within: article?.getAttribute('aria-label') ?? null,
        outer: article?.parentElement?.closest('article')?.getAttribute('aria-label') ?? null,
      };
    });

  const matches = (focus: Focus, name: string | RegExp) => (typeof name === 'string' ? focus.name === name : name.test(focus.name));

  /** Presses Tab (or Shift+Tab) until the control named `name` has focus; fails when it is not on the page. */
  async function tabTo(page: Page, name: string | RegExp, options: { back?: boolean; within?: string; max?: number } = {}): Promise<void> {
    const seen: string[] = [];
    for (let presses = 1; presses <= (options.max ?? 80); presses++) {
      await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
      const focus = await focusOf(page);
      // Past the last control Tab leaves the page (for the browser's own bar) and then comes back to its top; only once.
      if (focus.tag === 'body') {
        if (seen.includes('(the end of the page)')) throw new Error(`Tab went round the whole page looking for “${name}” (passed: ${seen.join(' | ')}).`);
        seen.push('(the end of the page)');
        continue;
      }
      if (matches(focus, name) && (!options.within || focus.within === options.within)) return;
      seen.push(`${focus.tag} ${focus.name.slice(0, 30)}`);
    }
    throw new Error(`No control named “${name}” within ${options.max ?? 80} Tab presses (passed: ${seen.join(' | ')}).`);
  }

  /** After an action: focus lands on `name` (within a few seconds, as pages load), and never stays on the page itself. */
  async function expectFocus(page: Page, tag: string, name: string | RegExp): Promise<void> {
    const deadline = Date.now() + 5_000;
    let focus = await focusOf(page);
    while (!(focus.tag === tag && matches(focus, name)) && Date.now() < deadline) {
      await page.waitForTimeout(50);
      focus = await focusOf(page);
    }
    if (!(focus.tag === tag && matches(focus, name))) throw new Error(`Focus is on ${focus.tag} “${focus.name.slice(0, 60)}”, not on ${tag} “${name}”.`);
  }

  it('signs in, enrolls, reads, answers, replies and passes the quiz without a mouse, focus never lost', async () => {
    const page = await chromium.browser.newPage();
    await page.goto(`${chromium.hearth.baseUrl}/sign-in`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();

    await tabTo(page, 'E-mail or username');
    await page.keyboard.type('sam');
    await tabTo(page, 'Password');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await expectFocus(page, 'h1', 'My learning');

    await tabTo(page, 'Courses', { back: true });
    await page.keyboard.press('Enter');
    await expectFocus(page, 'h1', 'Courses');
    await tabTo(page, 'Group Support Foundations');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'h1', 'Group Support Foundations');
    await tabTo(page, 'Enroll in this course');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'a', 'Start the course');

    await page.keyboard.press('Enter');
    await expectFocus(page, 'h1', 'Welcome');
    await tabTo(page, 'The rooms we share');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'h1', 'The rooms we share');
    await tabTo(page, 'A room you like');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'h1', 'A room you like');

    // The discussion: my answer first (post-first), then the others' answers, then a reply to Riley.
    await tabTo(page, /^Your answer/);
    await page.keyboard.type('The late-night room on a forum I use, where the host checks in on the quiet ones before anything else.');
    await tabTo(page, 'Post my answer');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'article', 'Reply by Sam Okafor');

    await tabTo(page, 'Reply to Riley Chen');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'textarea', /^Your reply/);
    await page.keyboard.type('That sounds like a room I would like to sit in.');
    await tabTo(page, 'Reply', { within: 'Reply by Riley Chen' });
    await page.keyboard.press('Enter');
    await expectFocus(page, 'article', 'Reply by Sam Okafor');
    // My new reply, inside Riley's answer (not my own answer, which has the same name).
    expect((await focusOf(page)).outer).toBe('Reply by Riley Chen');
    await page.getByRole('article', { name: 'Reply by Riley Chen' }).getByText('That sounds like a room I would like to sit in.').waitFor();

    // Back up to the breadcrumb's course, then on to the quiz in its outline.
    await tabTo(page, 'Group Support Foundations', { back: true });
    await page.keyboard.press('Enter');
    await expectFocus(page, 'h1', 'Group Support Foundations');
    await tabTo(page, 'Check your understanding');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'h1', 'Check your understanding');

    // One answer per question by arrow keys (Tab enters a group once); several by Space.
    await tabTo(page, 'Suggest three things they could do to feel better');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'Mute the people involved');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    for (const option of ['A short greeting by name', 'Letting them know they can just read for a while', 'Stay calm and share the pinned crisis contacts', 'Tell a lead or another facilitator at once']) {
      await tabTo(page, option);
      await page.keyboard.press('Space');
    }
    await tabTo(page, 'Check my answers');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'p', /^Passed with 100%/);
  });
});
