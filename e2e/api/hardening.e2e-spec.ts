import { startTestApp, type TestApp } from '../support/app';

describe('security headers and compression', () => {
  let hearth: TestApp;

  beforeAll(async () => {
    // One proxy in front, as behind nginx: its X-Forwarded-Proto says whether the client used HTTPS.
    hearth = await startTestApp({ HEARTH_TRUST_PROXY: '1' });
  });
  afterAll(() => hearth.close());

  const expectHardened = (headers: Headers) => {
    const csp = headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
  };

  it('sends them with the web app, its files, the API and its errors', async () => {
    expectHardened((await hearth.http.get('/')).headers);
    expectHardened((await hearth.http.get('/account')).headers);
    expectHardened((await hearth.http.get('/api/v1/courses')).headers);
    expectHardened((await hearth.http.get('/api/v1/me')).headers);
    expectHardened((await hearth.http.get('/api/v1/no-such-route')).headers);
  });

  it('asks for HTTPS from then on (HSTS) only when the request came over HTTPS', async () => {
    expect((await hearth.http.get('/api/v1/courses')).headers.get('strict-transport-security')).toBeNull();
    const overHttps = await hearth.http.get('/api/v1/courses', { headers: { 'x-forwarded-proto': 'https' } });
    expect(overHttps.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
  });

  it('compresses larger responses for clients that accept it', async () => {
    const response = await fetch(`${hearth.baseUrl}/api/docs-json`, { headers: { 'accept-encoding': 'gzip' } });
    // fetch decodes it; the header says it was sent compressed.
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse(await response.text())).toHaveProperty('openapi');
    const small = await fetch(`${hearth.baseUrl}/api/health`, { headers: { 'accept-encoding': 'gzip' } });
    expect(small.headers.get('content-encoding')).toBeNull();
  });
});

describe('the refresh cookie with HEARTH_COOKIE_SECURE', () => {
  it('is Secure by the request (auto), or always when set to true', async () => {
    const auto = await startTestApp({ HEARTH_TRUST_PROXY: '1' });
    const always = await startTestApp({ HEARTH_COOKIE_SECURE: 'true' });
    try {
      expect((await auto.http.post('/api/v1/auth/register', registration('auto'))).cookies[0]).not.toContain('Secure');
      const overHttps = await auto.http.post('/api/v1/auth/register', registration('https'), { headers: { 'x-forwarded-proto': 'https' } });
      expect(overHttps.cookies[0]).toContain('Secure');
      expect((await always.http.post('/api/v1/auth/register', registration('always'))).cookies[0]).toContain('Secure');
    } finally {
      await auto.close();
      await always.close();
    }
  });

  const registration = (name: string) => ({ email: `${name}@example.org`, username: `cookie_${name}`, displayName: name, password: 'correct horse battery' });
});
