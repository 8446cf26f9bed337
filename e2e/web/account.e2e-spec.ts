/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app';
import { type Browser, launchBrowser } from '../support/browser';
import { sidewaysOverflow } from '../support/pages';

describe('signing up, out and in, in Chromium', () => {
  let hearth: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    hearth = await startTestApp();
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  const heading = () => page.getByRole('heading', { level: 1 });

  it('registers a new account and lands on the account page', async () => {
    await page.goto(hearth.baseUrl);
    await page.getByRole('link', { name: 'Create an account' }).click();
    await expectHeading('Create your account');

    await page.getByLabel('E-mail address').fill('Noor@Example.org');
    await page.getByLabel('Username').fill('noor_h');
    await page.getByLabel('Display name').fill('Noor Haddad');
    await page.getByLabel('Password').fill('a long quiet evening');
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.waitForURL('**/account');
    await expectHeading('My account');
    await expectText('[data-testid=display-name]', 'Noor Haddad');
    await expectText('[data-testid=username]', '@noor_h');
    await expectText('[data-testid=email]', 'noor@example.org');
    expect(await page.getByText('You hold no facilitator role yet').isVisible()).toBe(true);
  });

  it('keeps the session across a reload (refresh cookie)', async () => {
    await page.reload();
    await expectHeading('My account');
    await expectText('[data-testid=username]', '@noor_h');
  });

  it('signs out, and then the account page asks to sign in first', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(hearth.baseUrl + '/');
    expect(await page.getByRole('link', { name: 'Sign in' }).first().isVisible()).toBe(true);

    await page.goto(`${hearth.baseUrl}/account`);
    await page.waitForURL('**/sign-in?returnUrl=%2Faccount');
    await expectHeading('Sign in');
  });

  it('says so when the password is wrong, and keeps what was typed', async () => {
    await page.getByLabel('E-mail or username').fill('NOOR_H');
    await page.getByLabel('Password').fill('not my password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('The login or password is wrong.');
    expect(await page.getByLabel('E-mail or username').inputValue()).toBe('NOOR_H');
  });

  it('signs in with the right password and returns to the page that asked', async () => {
    await page.getByLabel('Password').fill('a long quiet evening');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/account');
    await expectText('[data-testid=display-name]', 'Noor Haddad');
  });

  it('shows the server’s reason next to the field when a username is taken', async () => {
    const other = await browser.newPage();
    await other.goto(`${hearth.baseUrl}/register`);
    await other.getByLabel('E-mail address').fill('someone.else@example.org');
    await other.getByLabel('Username').fill('Noor_H');
    await other.getByLabel('Display name').fill('Someone Else');
    await other.getByLabel('Password').fill('another long phrase');
    await other.getByRole('button', { name: 'Create account' }).click();
    await expect(other.getByText('This username is taken (usernames ignore case).').textContent()).resolves.toBeTruthy();
    expect(await other.getByLabel('Display name').inputValue()).toBe('Someone Else');
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const phone = await browser.newPage({ width: 360, height: 740 });
    await phone.goto(`${hearth.baseUrl}/sign-in?returnUrl=%2Faccount`);
    await phone.getByLabel('E-mail or username').fill('noor_h');
    await phone.getByLabel('Password').fill('a long quiet evening');
    await phone.getByRole('button', { name: 'Sign in' }).click();
    await phone.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    await phone.locator('[data-testid=email]').waitFor();
    expect(await sidewaysOverflow(phone)).toEqual([]);
  });

  it('lists where I am signed in and signs another browser out at once', async () => {
    // The phone page of the last test is signed in as noor_h too.
    const laptop = await browser.newPage();
    await laptop.goto(`${hearth.baseUrl}/sign-in?returnUrl=%2Faccount`);
    await laptop.getByLabel('E-mail or username').fill('noor_h');
    await laptop.getByLabel('Password').fill('a long quiet evening');
    await laptop.getByRole('button', { name: 'Sign in' }).click();
    await laptop.locator('[data-testid=email]').waitFor();

    await page.goto(`${hearth.baseUrl}/account`);
    await page.getByRole('link', { name: 'Where you are signed in' }).click();
    await expectHeading('Where you are signed in');
    await page.locator('[data-testid=current-session]').getByText('this browser').waitFor();
    const others = page.locator('[data-testid=session]');
    await others.first().waitFor();
    expect(await others.count()).toBe(2);
    expect(await others.first().textContent()).toContain('Chrome on Linux');

    await others.first().getByRole('button', { name: /^Sign out Chrome on Linux$/ }).click();
    await page.getByRole('status').filter({ hasText: 'is signed out' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=session]').length === 1);

    // Everywhere: a confirmation first, then this browser is signed out too, and so is the laptop.
    await page.getByRole('button', { name: 'Sign out everywhere…' }).click();
    await page.getByRole('button', { name: 'Yes, sign out everywhere' }).click();
    await page.waitForURL('**/sign-in');
    await expect(page.getByText('You signed out everywhere.').isVisible()).resolves.toBe(true);
    await laptop.getByRole('link', { name: 'Hearth, start page' }).click();
    await laptop.getByRole('link', { name: 'Go to my account' }).click();
    await laptop.waitForURL('**/sign-in**');
    await laptop.getByText('Your session has ended').waitFor();
  });

  it('serves deep links and shows a page for unknown addresses', async () => {
    await page.goto(`${hearth.baseUrl}/no/such/page`);
    await expectHeading('Page not found');
  });

  async function expectHeading(text: string): Promise<void> {
    await heading().filter({ hasText: text }).waitFor();
  }

  async function expectText(selector: string, text: string): Promise<void> {
    const locator = page.locator(selector);
    await locator.waitFor();
    expect((await locator.textContent())?.trim()).toBe(text);
  }
});

describe('an access token expiring while the page is open', () => {
  let hearth: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    // 2 s, not 1: a token's expiry is counted in whole seconds, so a 1 s token can be spent
    // by the time the call it was refreshed for is retried.
    hearth = await startTestApp({ HEARTH_ACCESS_TOKEN_TTL_SECONDS: '2' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  it('is renewed silently: the next call refreshes once and goes through', async () => {
    const person = await hearth.register();
    const page = await browser.newPage();
    const calls: string[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/api/v1/')) calls.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
    await page.goto(`${hearth.baseUrl}/sign-in?returnUrl=%2Faccount`);
    await page.getByLabel('E-mail or username').fill(person.user.username);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-testid=email]').waitFor();

    await page.waitForTimeout(3100);
    calls.length = 0;
    // Going home and back to the account page reloads /me with the expired token.
    await page.getByRole('link', { name: 'Hearth, start page' }).click();
    const meAgain = page.waitForResponse((response) => response.url().endsWith('/api/v1/me') && response.status() === 200);
    await page.getByRole('link', { name: 'Go to my account' }).click();
    await meAgain;

    expect(calls).toEqual(['401 /api/v1/me', '200 /api/v1/auth/refresh', '200 /api/v1/me']);
    expect(await page.getByRole('alert').count()).toBe(0);
  });
});

describe('a forgotten password, and changing one, in Chromium', () => {
  let hearth: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    // The outbox worker on: it sends the reset e-mail.
    hearth = await startTestApp({ HEARTH_WORKER_POLL_MS: '60000' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  it('asks a new account to confirm its address, and confirms it from the e-mailed link', async () => {
    const page = await browser.newPage();
    await page.goto(`${hearth.baseUrl}/register`);
    await page.getByLabel('E-mail address').fill('wren@example.org');
    await page.getByLabel('Username').fill('wren_t');
    await page.getByLabel('Display name').fill('Wren Tally');
    await page.getByLabel('Password').fill('a patient kind reply');
    await page.getByRole('button', { name: 'Create account' }).click();
    const banner = page.getByRole('region', { name: 'Confirm your e-mail address' });
    await banner.getByText('wren@example.org').waitFor();
    // The link went out a moment ago: asking again so soon is refused, and says so.
    await banner.getByRole('button', { name: 'Send the link again' }).click();
    await banner.getByRole('status').filter({ hasText: 'less than a minute ago' }).waitFor();

    const link = /(http\S+\/verify-email\?token=[A-Za-z0-9_%-]+)/.exec(await hearth.mailTo('wren@example.org', 'verify-email?token='))![1];
    await page.goto(link.replace(/^http:\/\/[^/]+/, hearth.baseUrl));
    await page.getByRole('status').filter({ hasText: 'Your e-mail address is confirmed.' }).waitFor();
    await page.getByRole('link', { name: 'Go to my account' }).click();
    await page.locator('[data-testid=email]').waitFor();
    expect(await page.getByRole('region', { name: 'Confirm your e-mail address' }).count()).toBe(0);
  });

  it('asks for a link from the sign-in page, sets a new password from it, and signs in with it', async () => {
    const person = await hearth.register();
    const page = await browser.newPage();
    await page.goto(`${hearth.baseUrl}/sign-in?returnUrl=%2Faccount`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Forgot your password?' }).waitFor();
    await page.getByLabel('E-mail address').fill(person.user.email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByRole('status').filter({ hasText: 'If an account has this address' }).waitFor();

    const link = /(http\S+\/reset-password\?token=[A-Za-z0-9_%-]+)/.exec(await hearth.mailTo(person.user.email, 'reset-password?token='))![1];
    await page.goto(link.replace(/^http:\/\/[^/]+/, hearth.baseUrl));
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await page.getByRole('textbox', { name: 'New password' }).fill('short');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByText('Use at least 10 characters.').waitFor();
    await page.getByRole('textbox', { name: 'New password' }).fill('a morning by the sea');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.waitForURL('**/sign-in');
    await page.getByText('Your password is set.').waitFor();

    await page.getByLabel('E-mail or username').fill(person.user.username);
    await page.getByLabel('Password').fill('a morning by the sea');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'My learning' }).waitFor();

    // The link is spent: opened again, it says so and offers a new one.
    await page.goto(link.replace(/^http:\/\/[^/]+/, hearth.baseUrl));
    await page.getByRole('textbox', { name: 'New password' }).fill('yet another long phrase');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByRole('alert').filter({ hasText: 'expired or was used already' }).getByRole('link', { name: 'Ask for a new link' }).waitFor();
  });

  it('changes the password from my account, keeping what was typed when the current one is wrong', async () => {
    const person = await hearth.register();
    const page = await browser.newPage();
    await page.goto(`${hearth.baseUrl}/sign-in?returnUrl=%2Faccount`);
    await page.getByLabel('E-mail or username').fill(person.user.username);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Change your password' }).click();
    await page.getByRole('heading', { level: 1, name: 'Change your password' }).waitFor();

    await page.getByRole('textbox', { name: 'Current password' }).fill('not my password');
    await page.getByRole('textbox', { name: 'New password' }).fill('a quiet winter lake');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('This is not your current password.').waitFor();
    expect(await page.getByRole('textbox', { name: 'New password' }).inputValue()).toBe('a quiet winter lake');

    await page.getByRole('textbox', { name: 'Current password' }).fill(person.password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('status').filter({ hasText: 'Your password is changed.' }).waitFor();
    expect((await hearth.http.post('/api/v1/auth/login', { login: person.user.username, password: 'a quiet winter lake' })).status).toBe(200);
  });
});

describe('my name, my address and what is e-mailed to me, in Chromium', () => {
  let hearth: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    // The outbox worker on: it sends the link to the new address.
    hearth = await startTestApp({ HEARTH_WORKER_POLL_MS: '60000' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  async function signedIn(): Promise<{ page: Page; person: Awaited<ReturnType<TestApp['register']>> }> {
    const person = await hearth.register({ displayName: 'Ira' });
    const page = await browser.newPage();
    await page.goto(`${hearth.baseUrl}/sign-in?returnUrl=%2Faccount`);
    await page.getByLabel('E-mail or username').fill(person.user.username);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-testid=email]').waitFor();
    return { page, person };
  }

  it('renames me, and moves my account to a new address once I open the link sent there', async () => {
    const { page, person } = await signedIn();
    await page.getByRole('link', { name: 'Change your name or e-mail address' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your name and e-mail address' }).waitFor();

    const name = page.getByRole('textbox', { name: 'Display name' });
    await name.fill('');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByText('Enter the name people should see').waitFor();
    await name.fill('Ira Bloom');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByRole('status').filter({ hasText: 'people now see you as Ira Bloom' }).waitFor();

    // A wrong password keeps the new address typed.
    await page.getByRole('textbox', { name: 'New e-mail address' }).fill('ira.new@example.org');
    await page.getByRole('textbox', { name: 'Current password' }).fill('not my password');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText('This is not your current password.').waitFor();
    expect(await page.getByRole('textbox', { name: 'New e-mail address' }).inputValue()).toBe('ira.new@example.org');
    await page.getByRole('textbox', { name: 'Current password' }).fill(person.password);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByRole('status').filter({ hasText: 'We have e-mailed a link to ira.new@example.org' }).waitFor();
    expect(await page.locator('[data-testid=current-email]').textContent()).toBe(person.user.email);

    const link = /(http\S+\/verify-email\?token=[A-Za-z0-9_%-]+)/.exec(await hearth.mailTo('ira.new@example.org', 'Confirm your new e-mail address'))![1];
    await page.goto(link.replace(/^http:\/\/[^/]+/, hearth.baseUrl));
    await page.getByRole('status').filter({ hasText: 'Your e-mail address is confirmed.' }).waitFor();
    await page.getByRole('link', { name: 'Go to my account' }).click();
    await page.locator('[data-testid=email]').filter({ hasText: 'ira.new@example.org' }).waitFor();
    expect(await page.locator('[data-testid=display-name]').textContent()).toBe('Ira Bloom');
  });

  it('turns e-mail off for one kind of notification and to once a day for another, and keeps both', async () => {
    const { page } = await signedIn();
    await page.getByRole('link', { name: 'E-mail preferences' }).click();
    await page.getByRole('heading', { level: 1, name: 'E-mail preferences' }).waitFor();
    const replies = page.getByRole('radiogroup', { name: 'Someone replies to my answer' });
    expect(await replies.getByRole('radio', { name: 'Each time' }).isChecked()).toBe(true);
    await replies.getByRole('radio', { name: 'Off' }).check();
    await page.getByRole('radiogroup', { name: 'Someone mentions me in a chat room' }).getByRole('radio', { name: 'Once a day' }).check();
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved: 1 kind once a day, 1 kind no longer e-mailed.' }).waitFor();

    await page.reload();
    await page.getByRole('group', { name: 'Courses and discussions' }).waitFor();
    expect(await page.getByRole('radiogroup', { name: 'Someone replies to my answer' }).getByRole('radio', { name: 'Off' }).isChecked()).toBe(true);
    expect(await page.getByRole('radiogroup', { name: 'Someone mentions me in a chat room' }).getByRole('radio', { name: 'Once a day' }).isChecked()).toBe(true);
    expect(await page.getByRole('radiogroup', { name: 'Someone mentions me in a discussion' }).getByRole('radio', { name: 'Each time' }).isChecked()).toBe(true);
  });
});
