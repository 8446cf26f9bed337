import { startTestApp, type TestApp } from '../support/app';

describe('sign-in rate limits', () => {
  let hearth: TestApp;

  beforeAll(async () => {
    hearth = await startTestApp({
      HEARTH_AUTH_RATE_LIMIT_PER_IP: '6',
      HEARTH_AUTH_RATE_LIMIT_PER_ACCOUNT: '3',
      HEARTH_AUTH_RATE_LIMIT_WINDOW_SECONDS: '60',
    });
  });
  afterAll(() => hearth.close());

  it('limits attempts against one account, with a Retry-After, while other accounts still work', async () => {
    const attempt = (login: string) => hearth.http.post('/api/v1/auth/login', { login, password: 'wrong password!' });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt('Target_Account')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);

    // The same account in another case is the same account.
    const limited = await attempt('target_account');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(limited.body.type).toBe('/problems/rate-limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

    expect((await attempt('someone_else')).status).toBe(401);
  });

  it('limits attempts from one address across accounts and routes', async () => {
    // 6 per address, sign-in and registration together: the test above used all 6.
    const response = await hearth.http.post('/api/v1/auth/register', {
      email: 'fresh@example.org',
      username: 'fresh_account',
      displayName: 'Fresh',
      password: 'correct horse battery',
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('ignores X-Forwarded-For when no proxy is trusted', async () => {
    const forged = await hearth.http.post('/api/v1/auth/login', { login: 'fresh_account', password: 'x' }, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    // Still counted against 127.0.0.1, whose budget is spent.
    expect(forged.status).toBe(429);
  });
});

describe('sign-in rate limits behind one trusted proxy', () => {
  let hearth: TestApp;

  beforeAll(async () => {
    hearth = await startTestApp({
      HEARTH_TRUST_PROXY: '1',
      HEARTH_AUTH_RATE_LIMIT_PER_IP: '3',
      HEARTH_AUTH_RATE_LIMIT_PER_ACCOUNT: '100',
    });
  });
  afterAll(() => hearth.close());

  const attempt = (forwardedFor: string, login: string) =>
    hearth.http.post('/api/v1/auth/login', { login, password: 'wrong password!' }, { headers: { 'x-forwarded-for': forwardedFor } });

  it('counts the address the proxy saw, not one the client wrote before it', async () => {
    // The proxy appends the real peer (198.51.100.7); whatever the client put first is noise.
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt(`10.9.9.${i}, 198.51.100.7`, `someone${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('keeps clients behind the proxy apart', async () => {
    expect((await attempt('198.51.100.8', 'someone')).status).toBe(401);
  });
});

describe('the per-account limit', () => {
  let hearth: TestApp;

  beforeAll(async () => {
    hearth = await startTestApp({ HEARTH_AUTH_RATE_LIMIT_PER_IP: '100', HEARTH_AUTH_RATE_LIMIT_PER_ACCOUNT: '2' });
  });
  afterAll(() => hearth.close());

  it('is one budget whether the account is named by username or by e-mail', async () => {
    await hearth.register({ username: 'Budgeted', email: 'budgeted@example.org' });
    const attempt = (login: string) => hearth.http.post('/api/v1/auth/login', { login, password: 'wrong password!' });
    expect((await attempt('budgeted')).status).toBe(401);
    expect((await attempt('BUDGETED@example.org')).status).toBe(401);
    expect((await attempt('Budgeted')).status).toBe(429);
  });
});

describe('wrong passwords in a row', () => {
  let hearth: TestApp;

  beforeAll(async () => {
    hearth = await startTestApp({ HEARTH_AUTH_RATE_LIMIT_PER_IP: '100', HEARTH_AUTH_RATE_LIMIT_PER_ACCOUNT: '100' });
  });
  afterAll(() => hearth.close());

  it('make the account wait before the next try, the right password included (429 problem+json, Retry-After)', async () => {
    const person = await hearth.register();
    const attempt = (password: string) => hearth.http.post('/api/v1/auth/login', { login: person.user.username, password });
    for (let i = 0; i < 4; i++) expect((await attempt('wrong password!')).status).toBe(401);
    const waiting = await attempt(person.password);
    expect(waiting.status).toBe(429);
    expect(waiting.headers.get('content-type')).toContain('application/problem+json');
    expect(waiting.body).toMatchObject({ type: '/problems/rate-limited', detail: expect.stringMatching(/Try again in \d+ seconds/) });
    expect(Number(waiting.headers.get('retry-after'))).toBeGreaterThan(0);
    hearth.clock.advance({ seconds: Number(waiting.headers.get('retry-after')) });
    expect((await attempt(person.password)).status).toBe(200);
  });
});
