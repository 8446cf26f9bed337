/// <reference lib="dom" />
import { startTestApp, type TestApp } from '../support/app';
import { type Browser, launchBrowser } from '../support/browser';
import { freePort, startOidcProvider, type TestOidcProvider } from '../support/oidc';

describe('signing in with the community’s account, in Chromium', () => {
  let provider: TestOidcProvider;
  let hearth: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    provider = await startOidcProvider();
    hearth = await startTestApp({ ...provider.env(), PORT: String(await freePort()) });
    provider.allowRedirectTo(`${hearth.baseUrl}/api/v1/auth/oidc/callback`);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
    await provider?.close();
  });

  it('goes to the provider from the sign-in page and comes back signed in, where it was going', async () => {
    provider.accounts.set('sub-mira', { email: 'mira@community.example', email_verified: true, name: 'Mira Okafor', preferred_username: 'mira' });
    const page = await browser.newPage();
    await page.goto(`${hearth.baseUrl}/sign-in?returnUrl=%2Froles`);
    await page.getByRole('link', { name: 'Sign in with Community ID' }).click();

    // The provider's own (development) pages: who, then consent.
    await page.locator('input[name=login]').fill('sub-mira');
    await page.locator('input[name=password]').fill('anything');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.waitForURL('**/roles');
    await page.getByRole('heading', { level: 1, name: 'Roles and badges' }).waitFor();
    await page.goto(`${hearth.baseUrl}/account`);
    expect(await page.locator('[data-testid=display-name]').textContent()).toBe('Mira Okafor');
    expect(await page.locator('[data-testid=email]').textContent()).toBe('mira@community.example');
  });

  it('says why when the person turns the provider down', async () => {
    const page = await browser.newPage();
    await page.goto(`${hearth.baseUrl}/sign-in?sso=cancelled`);
    await page.getByRole('alert').filter({ hasText: 'You did not let the sign-in go ahead' }).waitFor();
    await page.getByRole('link', { name: 'Sign in with Community ID' }).waitFor();
  });
});
