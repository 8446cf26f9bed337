import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { cookiePair, expectProblem } from '../support/http';
import { type Registered, startTestApp, type TestApp } from '../support/app';

describe('accounts and sign-in over HTTP', () => {
  let hearth: TestApp;

  beforeAll(async () => {
    // No grace for a reused refresh token here, so replaying one is caught at once.
    hearth = await startTestApp({ HEARTH_REFRESH_REUSE_GRACE_SECONDS: '0' });
  });
  afterAll(() => hearth.close());


  describe('registration', () => {
    it('creates the account, signs it in and sets the refresh cookie', async () => {
      const response = await hearth.http.post('/api/v1/auth/register', {
        email: 'Ada@Example.org',
        username: 'Ada_L',
        displayName: 'Ada Lovelace',
        password: 'correct horse battery',
      });
      expect(response.status).toBe(201);
      expect(response.body.user).toMatchObject({
        username: 'Ada_L',
        displayName: 'Ada Lovelace',
        email: 'ada@example.org',
        platformRoles: [],
        facilitatorRoles: [],
        badges: [],
      });
      expect(response.body.accessToken).toMatch(/^ey/);
      expect(response.body.expiresIn).toBe(900);
      const [cookie] = response.cookies;
      expect(cookie).toMatch(/^hearth_refresh=/);
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Strict');
      expect(cookie).toContain('Path=/api/v1/auth');
      expect(JSON.stringify(response.body)).not.toContain('password');
    });

    it('refuses a username taken in another case (409, naming the field)', async () => {
      await hearth.register({ username: 'Grace_H' });
      const response = await hearth.http.post('/api/v1/auth/register', {
        email: 'other-grace@example.org',
        username: 'GRACE_h',
        displayName: 'Another Grace',
        password: 'correct horse battery',
      });
      expectProblem(response, 409, 'username-taken');
      expect(response.body.errors).toEqual([{ field: 'username', message: expect.any(String) }]);
    });

    it('answers an e-mail taken in another case as it answers a free one (the address is given unconfirmed)', async () => {
      await hearth.register({ email: 'linus@example.org' });
      const fresh = await hearth.http.post('/api/v1/auth/register', { email: 'torvalds@example.org', username: 'linus_one', displayName: 'Linus', password: 'correct horse battery' });
      const taken = await hearth.http.post('/api/v1/auth/register', { email: 'LINUS@EXAMPLE.ORG', username: 'linus_two', displayName: 'Linus', password: 'correct horse battery' });
      expect([fresh.status, taken.status]).toEqual([201, 201]);
      expect(Object.keys(taken.body).sort()).toEqual(Object.keys(fresh.body).sort());
      expect(Object.keys(taken.body.user).sort()).toEqual(Object.keys(fresh.body.user).sort());
      expect(taken.body.user).toMatchObject({ email: 'linus@example.org', emailVerified: false });
      expect(fresh.body.user).toMatchObject({ email: 'torvalds@example.org', emailVerified: false });
      expect([...(taken.headers as unknown as Map<string, string>).keys()].filter((name) => name !== 'x-request-id').sort()).toEqual([...(fresh.headers as unknown as Map<string, string>).keys()].filter((name) => name !== 'x-request-id').sort());
      expect(taken.cookies[0]).toMatch(/^hearth_refresh=/);
    });

    it.each([
      ['shorter than 10 characters', 'short', 'at least 10 characters'],
      ['the username', 'weak_user_1', 'must not be your username'],
      ['the e-mail address', 'weak1@example.org', 'must not be your e-mail address'],
      ['only spaces', '            ', 'at least 10 characters'],
    ])('refuses a password that is %s', async (_case, password, message) => {
      const response = await hearth.http.post('/api/v1/auth/register', {
        email: 'weak1@example.org',
        username: 'weak_user_1',
        displayName: 'Weak',
        password,
      });
      expectProblem(response, 400, 'weak-password');
      expect(response.body.errors[0]).toEqual({ field: 'password', message: expect.stringContaining(message) });
    });

    it('lists every invalid field at once', async () => {
      const response = await hearth.http.post('/api/v1/auth/register', { email: 'nope', username: 'a b', displayName: '', password: 12 });
      expectProblem(response, 400, 'validation');
      const fields = response.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['email', 'username', 'displayName', 'password']));
    });

    it('refuses an unknown field instead of ignoring it', async () => {
      const response = await hearth.http.post('/api/v1/auth/register', {
        email: 'extra@example.org',
        username: 'extra_field',
        displayName: 'Extra',
        password: 'correct horse battery',
        isAdmin: true,
      });
      expectProblem(response, 400, 'validation');
      expect(response.body.errors).toEqual([{ field: 'isAdmin', message: 'isAdmin is not a field of this request' }]);
    });

    it('answers malformed JSON with a 400 problem, not a 500', async () => {
      const response = await hearth.http.post('/api/v1/auth/register', undefined, { rawBody: '{"email": "x@example.org",' });
      expectProblem(response, 400, 'bad-request');
      expect(response.body.detail).toMatch(/JSON/);
    });

    it('refuses a body that is not a JSON object', async () => {
      const response = await hearth.http.post('/api/v1/auth/login', [1, 2]);
      expectProblem(response, 400, 'validation');
      expect(response.body.errors).toEqual([{ field: 'body', message: 'the request body must be a JSON object' }]);
    });
  });

  describe('sign-in', () => {
    let person: Registered;
    beforeAll(async () => {
      person = await hearth.register({ email: 'mia@example.org', username: 'Mia_K' });
    });

    it('accepts the username or the e-mail address, in any case', async () => {
      for (const login of ['Mia_K', 'mia_k', 'MIA@example.org']) {
        const response = await hearth.http.post('/api/v1/auth/login', { login, password: person.password });
        expect(response.status).toBe(200);
        expect(response.body.user.id).toBe(person.user.id);
      }
    });

    it('gives the same 401 for a wrong password and for an unknown account', async () => {
      const wrong = await hearth.http.post('/api/v1/auth/login', { login: 'Mia_K', password: 'not the password' });
      const unknown = await hearth.http.post('/api/v1/auth/login', { login: 'nobody_here', password: 'not the password' });
      expectProblem(wrong, 401, 'invalid-credentials');
      expectProblem(unknown, 401, 'invalid-credentials');
      expect(unknown.body.detail).toBe(wrong.body.detail);
    });
  });

  describe('access tokens', () => {
    it('show the signed-in user on GET /me', async () => {
      const person = await hearth.register();
      const me = await hearth.http.get('/api/v1/me', { token: person.accessToken });
      expect(me.status).toBe(200);
      expect(me.body).toEqual({ ...person.user });
    });

    it('are required: no token is a 401 asking for a bearer token', async () => {
      const response = await hearth.http.get('/api/v1/me');
      expectProblem(response, 401, 'unauthenticated');
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
    });

    it('are refused when tampered with', async () => {
      const person = await hearth.register();
      const [header, payload, signature] = person.accessToken.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url');
      expectProblem(await hearth.http.get('/api/v1/me', { token: `${header}.${forged}.${signature}` }), 401, 'token-invalid');
      expectProblem(await hearth.http.get('/api/v1/me', { token: 'not-a-jwt' }), 401, 'token-invalid');
    });

    it('are refused unsigned (alg "none") or signed with another key', async () => {
      const person = await hearth.register();
      const [, payload] = person.accessToken.split('.');
      const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      expectProblem(await hearth.http.get('/api/v1/me', { token: `${none}.${payload}.` }), 401, 'token-invalid');
      const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
      const otherKey = createHmac('sha256', 'a key that is not the instance key, 32+ chars').update(`${header}.${payload}`).digest('base64url');
      expectProblem(await hearth.http.get('/api/v1/me', { token: `${header}.${payload}.${otherKey}` }), 401, 'token-invalid');
    });
  });

  describe('refresh and sign-out', () => {
    it('rotates the refresh cookie and issues a working access token', async () => {
      const person = await hearth.register();
      const refreshed = await hearth.http.post('/api/v1/auth/refresh', undefined, { cookie: person.refreshCookie });
      expect(refreshed.status).toBe(200);
      const next = cookiePair(refreshed.cookies, 'hearth_refresh');
      expect(next).toBeDefined();
      expect(next).not.toBe(person.refreshCookie);
      const me = await hearth.http.get('/api/v1/me', { token: refreshed.body.accessToken });
      expect(me.body.id).toBe(person.user.id);
    });

    it('ends the whole session when a spent refresh token is reused', async () => {
      const person = await hearth.register();
      const first = await hearth.http.post('/api/v1/auth/refresh', undefined, { cookie: person.refreshCookie });
      const newest = cookiePair(first.cookies, 'hearth_refresh')!;
      const replay = await hearth.http.post('/api/v1/auth/refresh', undefined, { cookie: person.refreshCookie });
      expectProblem(replay, 401, 'refresh-reused');
      expectProblem(await hearth.http.post('/api/v1/auth/refresh', undefined, { cookie: newest }), 401, 'refresh-invalid');
    });

    it('refuses a refresh without a cookie', async () => {
      expectProblem(await hearth.http.post('/api/v1/auth/refresh'), 401, 'refresh-invalid');
    });

    it('signs out: 204, cookie cleared, the session cannot be refreshed', async () => {
      const person = await hearth.register();
      const logout = await hearth.http.post('/api/v1/auth/logout', undefined, { cookie: person.refreshCookie });
      expect(logout.status).toBe(204);
      expect(logout.cookies[0]).toMatch(/^hearth_refresh=;/);
      expectProblem(await hearth.http.post('/api/v1/auth/refresh', undefined, { cookie: person.refreshCookie }), 401, 'refresh-invalid');
    });
  });

  describe('platform roles (admin only)', () => {
    it('lets an admin make someone an author', async () => {
      const admin = await hearth.admin();
      const person = await hearth.register();
      const response = await hearth.http.put(`/api/v1/admin/users/${person.user.id}/platform-roles`, { roles: ['author'] }, { token: admin.accessToken });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: person.user.id, platformRoles: ['author'] });
      const me = await hearth.http.get('/api/v1/me', { token: person.accessToken });
      expect(me.body.platformRoles).toEqual(['author']);
    });

    it('refuses a non-admin with 403', async () => {
      const person = await hearth.register();
      const response = await hearth.http.put(`/api/v1/admin/users/${person.user.id}/platform-roles`, { roles: ['admin'] }, { token: person.accessToken });
      expectProblem(response, 403, 'forbidden');
      const me = await hearth.http.get('/api/v1/me', { token: person.accessToken });
      expect(me.body.platformRoles).toEqual([]);
    });

    it('refuses the anonymous with 401', async () => {
      const person = await hearth.register();
      expectProblem(await hearth.http.put(`/api/v1/admin/users/${person.user.id}/platform-roles`, { roles: [] }), 401, 'unauthenticated');
    });

    it('validates the id and the roles, and answers 404 for an unknown user', async () => {
      const admin = await hearth.admin();
      const badId = await hearth.http.put('/api/v1/admin/users/42/platform-roles', { roles: [] }, { token: admin.accessToken });
      expectProblem(badId, 400, 'validation');
      expect(badId.body.errors).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
      const badRole = await hearth.http.put(`/api/v1/admin/users/${admin.user.id}/platform-roles`, { roles: ['emperor'] }, { token: admin.accessToken });
      expectProblem(badRole, 400, 'validation');
      const unknown = await hearth.http.put('/api/v1/admin/users/00000000-0000-4000-8000-000000000000/platform-roles', { roles: [] }, { token: admin.accessToken });
      expectProblem(unknown, 404, 'user-not-found');
    });
  });

  describe('the rest of the surface', () => {
    it('reports health and readiness', async () => {
      expect((await hearth.http.get('/api/health')).body).toEqual({ status: 'ok' });
      expect((await hearth.http.get('/api/ready')).body).toMatchObject({ status: 'ready' });
    });

    it('answers unknown API routes with a problem+json 404', async () => {
      expectProblem(await hearth.http.get('/api/v1/no-such-thing'), 404, 'not-found');
      expectProblem(await hearth.http.post('/api/v1/no-such-thing', {}), 404, 'not-found');
    });

    it('tags every response with a request id, keeping a sane incoming one', async () => {
      const response = await hearth.http.get('/api/health', { headers: { 'x-request-id': 'proxy-id-12345' } });
      expect(response.headers.get('x-request-id')).toBe('proxy-id-12345');
      const problem = await hearth.http.get('/api/v1/me');
      expect(problem.body.requestId).toBe(problem.headers.get('x-request-id'));
    });

    it('publishes the OpenAPI document with the promised routes', async () => {
      const doc = await hearth.http.get('/api/docs-json');
      expect(Object.keys(doc.body.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/auth/register',
          '/api/v1/auth/login',
          '/api/v1/auth/refresh',
          '/api/v1/auth/logout',
          '/api/v1/me',
          '/api/v1/admin/users/{id}/platform-roles',
        ]),
      );
    });
  });
});

describe('refreshing from two tabs at once', () => {
  let hearth: TestApp;
  beforeAll(async () => {
    hearth = await startTestApp();
  });
  afterAll(() => hearth.close());

  it('keeps the session: both get a token, and a later replay still ends it', async () => {
    const person = await hearth.register();
    const [a, b] = await Promise.all([
      hearth.http.post('/api/v1/auth/refresh', undefined, { cookie: person.refreshCookie }),
      hearth.http.post('/api/v1/auth/refresh', undefined, { cookie: person.refreshCookie }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const next = await hearth.http.post('/api/v1/auth/refresh', undefined, { cookie: cookiePair(a.cookies, 'hearth_refresh') });
    expect(next.status).toBe(200);
    expect((await hearth.http.get('/api/v1/me', { token: b.body.accessToken })).status).toBe(200);
  });
});

describe('expired access tokens', () => {
  let hearth: TestApp;
  beforeAll(async () => {
    hearth = await startTestApp({ HEARTH_ACCESS_TOKEN_TTL_SECONDS: '2' });
  });
  afterAll(() => hearth.close());

  it('are refused with their own code, so the client knows to refresh', async () => {
    const person = await hearth.register();
    // A fresh token just before its first use: a token's expiry is counted in whole seconds, so
    // one from a slow registration could already have run out.
    const refreshed = await hearth.http.post('/api/v1/auth/refresh', undefined, { cookie: person.refreshCookie });
    const token = refreshed.body.accessToken as string;
    expect((await hearth.http.get('/api/v1/me', { token })).status).toBe(200);
    await sleep(3100);
    const response = await hearth.http.get('/api/v1/me', { token });
    expect(response.status).toBe(401);
    expect(response.body.type).toBe('/problems/token-expired');
    expect(response.headers.get('www-authenticate')).toContain('invalid_token');
  });
});

describe('the web app on the API’s port', () => {
  let hearth: TestApp;
  beforeAll(async () => {
    hearth = await startTestApp();
  });
  afterAll(() => hearth.close());

  it('answers page addresses with the app and keeps /api and missing files out of it', async () => {
    const page = await hearth.http.get('/courses/some-course?tab=2');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.body).toContain('<hearth-root>');

    const api = await hearth.http.get('/api?x=1');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');

    const asset = await hearth.http.get('/main-OLDHASH1.js');
    expect(asset.status).toBe(404);
    expect(asset.headers.get('content-type')).toContain('text/plain');
  });
});
