/// <reference lib="dom" />
import { readFile } from 'node:fs/promises';
import { appInChromium } from '../support/browser';
import { heading, signIn } from '../support/pages';

describe('my data, in Chromium', () => {
  const chromium = appInChromium();

  it('downloads my data, then deletes my account once I give my password and confirm', async () => {
    const person = await chromium.hearth.register({ displayName: 'Rowan Ash' });
    const page = await chromium.browser.newPage();
    await signIn(page, chromium.hearth.baseUrl, person.user.username, person.password);
    await page.goto(`${chromium.hearth.baseUrl}/account`);
    await page.getByRole('link', { name: 'My data: download it, or delete my account' }).click();
    await heading(page, 'My data');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download my data' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(new RegExp(`^hearth-data-${person.user.username}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
    const archive = JSON.parse(await readFile((await file.path())!, 'utf8'));
    expect(archive.account).toMatchObject({ username: person.user.username, displayName: 'Rowan Ash' });
    await page.getByRole('status').filter({ hasText: 'Downloaded hearth-data-' }).waitFor();

    // Not without the box ticked, nor with a wrong password; the password typed stays.
    await page.getByRole('textbox', { name: 'Current password' }).fill('not my password');
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.getByText('Tick the box to confirm.').waitFor();
    await page.getByRole('checkbox', { name: /I understand/ }).check();
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.getByText('This is not your current password.').waitFor();
    expect((await chromium.hearth.http.get('/api/v1/me', { token: person.accessToken })).status).toBe(200);

    await page.getByRole('textbox', { name: 'Current password' }).fill(person.password);
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.waitForURL('**/sign-in');
    await page.getByText('Your account is deleted.').waitFor();
    expect((await chromium.hearth.http.get('/api/v1/me', { token: person.accessToken })).status).toBe(401);
    expect((await chromium.hearth.http.post('/api/v1/auth/login', { login: person.user.username, password: person.password })).status).toBe(401);
  });

  it('lets an admin download a person’s data and delete their account with a reason', async () => {
    const [admin, person] = [await chromium.hearth.admin(), await chromium.hearth.register({ displayName: 'Quinn Vale' })];
    const page = await chromium.browser.newPage();
    await signIn(page, chromium.hearth.baseUrl, admin.user.username, admin.password);
    await page.goto(`${chromium.hearth.baseUrl}/admin/people/${person.user.id}`);
    await page.getByRole('heading', { level: 2, name: 'Their data' }).waitFor();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download their data' }).click();
    expect((await download).suggestedFilename()).toContain(person.user.username);

    await page.getByRole('button', { name: 'Delete this account…' }).click();
    await page.getByRole('heading', { name: 'Delete Quinn Vale’s account?' }).waitFor();
    await page.getByRole('button', { name: 'Delete the account' }).click();
    await page.getByRole('alert').filter({ hasText: 'Say why' }).waitFor();
    await page.getByRole('textbox', { name: 'Why (for the audit log)' }).fill('Asked us by e-mail to delete it.');
    await page.getByRole('button', { name: 'Delete the account' }).click();
    await page.waitForURL('**/admin/people');
    expect((await chromium.hearth.http.get('/api/v1/me', { token: person.accessToken })).status).toBe(401);
  });
});
