import { Database } from '@hearth/platform';
import { startTestApp, type TestApp } from '../support/app';
import { expectStatus } from '../support/courses';
import { cookiePair, expectProblem } from '../support/http';
import { freePort, startOidcProvider, type TestOidcProvider } from '../support/oidc';

describe('signing in with the community’s OpenID provider', () => {
  let provider: TestOidcProvider;
  let hearth: TestApp;

  beforeAll(async () => {
    provider = await startOidcProvider();
    const port = await freePort();
    hearth = await startTestApp({ ...provider.env(), PORT: String(port) });
    provider.allowRedirectTo(`${hearth.baseUrl}/api/v1/auth/oidc/callback`);
  });
  afterAll(async () => {
    await hearth?.close();
    await provider?.close();
  });

  /** Finishes a sign-in as the web app does: the refresh cookie the callback set buys an access token. */
  async function signedInAs(accountId: string, returnUrl?: string) {
    const callback = await provider.signIn(hearth.baseUrl, accountId, { returnUrl });
    expect(callback.status).toBe(302);
    const refresh = cookiePair(callback.cookies, 'hearth_refresh');
    expect(refresh).toBeDefined();
    const session = await expectStatus(hearth.http.post('/api/v1/auth/refresh', undefined, { cookie: refresh }), 200);
    const me = await expectStatus(hearth.http.get('/api/v1/me', { token: session.accessToken }), 200);
    return { callback, me };
  }

  it('says whether the sign-in page offers it, and under what name', async () => {
    expect(await expectStatus(hearth.http.get('/api/v1/auth/oidc'), 200)).toEqual({ enabled: true, name: 'Community ID' });
  });

  it('makes an account for a new person, named from the claim, with the address the provider vouches for', async () => {
    provider.accounts.set('sub-ada', { email: 'Ada@Community.example', email_verified: true, name: 'Ada Lovelace', preferred_username: 'ada.lovelace' });
    const { callback, me } = await signedInAs('sub-ada', '/courses');
    expect(callback.location).toBe('/courses');
    expect(me).toMatchObject({ username: 'ada_lovelace', displayName: 'Ada Lovelace', email: 'ada@community.example', emailVerified: true });

    // The second time the link decides, even after the provider's address changed.
    provider.accounts.set('sub-ada', { email: 'ada.new@community.example', email_verified: true, name: 'Ada L.', preferred_username: 'someone_else' });
    expect((await signedInAs('sub-ada')).me.id).toBe(me.id);
    const links = await hearth.nest.get(Database).query('SELECT user_id FROM oidc_identity WHERE subject = $1', ['sub-ada']);
    expect(links).toEqual([{ userId: me.id }]);
  });

  it('links an existing account that confirmed the same address, only when the provider vouches for it', async () => {
    const existing = await hearth.register({ email: 'grace@community.example' });
    provider.accounts.set('sub-grace-unverified', { email: 'grace@community.example', email_verified: false, preferred_username: 'grace' });
    const unvouched = await signedInAs('sub-grace-unverified');
    expect(unvouched.me.id).not.toBe(existing.user.id);
    expect(unvouched.me).toMatchObject({ email: 'grace@community.example', emailVerified: false });

    provider.accounts.set('sub-grace', { email: 'GRACE@community.example', email_verified: true, preferred_username: 'grace' });
    expect((await signedInAs('sub-grace')).me.id).toBe(existing.user.id);
  });

  it('picks a free username when the claim’s is taken', async () => {
    await hearth.register({ username: 'linus' });
    provider.accounts.set('sub-linus', { email: 'linus@community.example', email_verified: true, preferred_username: 'Linus' });
    expect((await signedInAs('sub-linus')).me.username).toBe('linus-2');
  });

  it('sends the person back to the sign-in page saying why, when it cannot sign them in', async () => {
    provider.accounts.set('sub-no-email', { name: 'No Address' });
    expect(await provider.signIn(hearth.baseUrl, 'sub-no-email')).toMatchObject({ status: 302, location: '/sign-in?sso=no-email', cookies: expect.not.arrayContaining([expect.stringMatching(/^hearth_refresh=[^;]/)]) });
    provider.accounts.set('sub-declines', { email: 'declines@community.example', email_verified: true });
    expect(await provider.signIn(hearth.baseUrl, 'sub-declines', { decline: true })).toMatchObject({ status: 302, location: '/sign-in?sso=cancelled' });

    // A callback without the flow its browser started (a forged or replayed link) signs nobody in.
    const forged = await fetch(`${hearth.baseUrl}/api/v1/auth/oidc/callback?code=made-up&state=made-up`, { redirect: 'manual' });
    expect([forged.status, forged.headers.get('location')]).toEqual([302, '/sign-in?sso=expired']);
  });

  it('only returns to a path of this site', async () => {
    provider.accounts.set('sub-redirect', { email: 'redirect@community.example', email_verified: true });
    expect((await provider.signIn(hearth.baseUrl, 'sub-redirect', { returnUrl: 'https://evil.example/steal' })).location).toBe('/');
    expect((await provider.signIn(hearth.baseUrl, 'sub-redirect', { returnUrl: '//evil.example' })).location).toBe('/');
  });
});

describe('an instance without a provider', () => {
  let hearth: TestApp;
  beforeAll(async () => {
    hearth = await startTestApp();
  });
  afterAll(() => hearth.close());

  it('offers no such sign-in, and its start link goes back to the sign-in page', async () => {
    expect(await expectStatus(hearth.http.get('/api/v1/auth/oidc'), 200)).toEqual({ enabled: false, name: null });
    const start = await fetch(`${hearth.baseUrl}/api/v1/auth/oidc/start`, { redirect: 'manual' });
    expect([start.status, start.headers.get('location')]).toEqual([302, '/sign-in?sso=off']);
    expectProblem(await hearth.http.get('/api/v1/auth/oidc/nope'), 404, 'not-found');
  });
});
