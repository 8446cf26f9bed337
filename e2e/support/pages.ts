import type { Page } from 'playwright-core';

/** Signs in through the sign-in page and waits for where it lands: my learning. */
export async function signIn(page: Page, baseUrl: string, login: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('E-mail or username').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'My learning' }).waitFor();
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
