import type { Page } from 'playwright-core';

/** Signs in through the sign-in page and waits for where it lands: my learning. */
export async function signIn(page: Page, baseUrl: string, login: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('E-mail or username').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'My learning' }).waitFor();
}

/**
 * What makes the page scroll sideways: empty when it fits its window's width; else the
 * page's width and the widest elements that stick out (tag.class), to say where to look.
 */
export async function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    if (document.documentElement.scrollWidth <= window.innerWidth) return [];
    // An element's box past the edge, or its content (a long word, text that may not wrap) spilling out of it.
    const reach = (element: Element) => {
      const box = element.getBoundingClientRect();
      const spilling = element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX === 'visible';
      return Math.max(box.right, spilling ? box.left + element.scrollWidth : 0);
    };
    const name = (element: Element) => `${element.tagName.toLowerCase()}${typeof element.className === 'string' && element.className.trim() ? '.' + element.className.trim().split(/\s+/).join('.') : ''}`;
    const out = Array.from(document.querySelectorAll('body *'))
      .map((element) => ({ element, right: reach(element) }))
      .filter(({ right }) => right > window.innerWidth + 0.5)
      // The innermost first: they are where the fix goes.
      .filter(({ element }, _, all) => !all.some((other) => other.element !== element && element.contains(other.element)))
      .slice(0, 5)
      .map(({ element, right }) => `${name(element)} “${(element.textContent ?? '').trim().slice(0, 40)}” (to ${Math.round(right)} px)`);
    return [`the page is ${document.documentElement.scrollWidth} px wide in ${window.innerWidth}`, ...out];
  });
}

export async function heading(page: Page, text: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text }).waitFor();
}

/** Opens a chat room's page and waits until it is in the room: the page lists its own person among those here (joined over the socket). */
export async function enterRoom(page: Page, baseUrl: string, room: { id: string; name: string }): Promise<void> {
  await page.goto(`${baseUrl}/chat/${room.id}`);
  await heading(page, room.name);
  const me = (await page.locator('.who').textContent())!.trim();
  await page.locator('.people li').filter({ hasText: me }).waitFor();
}

/**
 * Ticks a quiz's answers by their text, each through its radio button or checkbox, and
 * makes sure it took: a click on a label that lands while the question re-renders is
 * otherwise lost without a word, and the attempt fails for a reason the test never sees.
 */
export async function chooseAnswers(page: Page, options: string[]): Promise<void> {
  for (const option of options) {
    const choice = page.getByRole('radio', { name: option, exact: true }).or(page.getByRole('checkbox', { name: option, exact: true }));
    await choice.check();
  }
}
