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

  it('limits attempts from one address across accounts', async () => {
    // 6 per address: the previous test used 6 already from 127.0.0.1 within the window.
    const response = await hearth.http.post('/api/v1/auth/register', {
      email: 'fresh@example.org',
      username: 'fresh_account',
      displayName: 'Fresh',
      password: 'correct horse battery',
    });
    expect(response.status).toBe(201);
    const next = await hearth.http.post('/api/v1/auth/login', { login: 'fresh_account', password: 'correct horse battery' });
    expect(next.status).toBe(429);
    expect(Number(next.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
