import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives the embedded defaults when nothing is set', () => {
    const config = loadConfig({}, '/srv/hearth');
    expect(config.databaseUrl).toBeNull();
    expect(config.dataDir).toBe('/srv/hearth/data');
    expect(config.webDir).toBe('/srv/hearth/dist/web/browser');
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.accessTokenTtlSeconds).toBe(900);
    expect(config.jwtSecret).toBeNull();
  });

  it('loads the demo accounts only in development on a loopback address', () => {
    expect(loadConfig({}).demoData).toBe(true);
    expect(loadConfig({ HOST: '::1' }).demoData).toBe(true);
    expect(loadConfig({ HOST: '0.0.0.0' }).demoData).toBe(false);
    expect(loadConfig({ HOST: '0.0.0.0', HEARTH_DEMO_DATA: 'true' }).demoData).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).demoData).toBe(false);
    expect(loadConfig({ HEARTH_DEMO_DATA: 'false' }).demoData).toBe(false);
  });

  it('reads the cookie and image settings, refusing bad ones', () => {
    expect(loadConfig({}).cookieSecure).toBe('auto');
    expect(loadConfig({ HEARTH_COOKIE_SECURE: 'true' }).cookieSecure).toBe(true);
    expect(loadConfig({ HEARTH_COOKIE_SECURE: 'false' }).cookieSecure).toBe(false);
    expect(loadConfig({ HEARTH_MARKDOWN_IMAGE_HOSTS: 'Images.Example.org, cdn.example.org:8443' }).markdownImageHosts).toEqual(['images.example.org', 'cdn.example.org:8443']);
    expect(() => loadConfig({ HEARTH_COOKIE_SECURE: 'sometimes' })).toThrow(/HEARTH_COOKIE_SECURE/);
    expect(() => loadConfig({ HEARTH_MARKDOWN_IMAGE_HOSTS: 'https://x.org/a' })).toThrow(/HEARTH_MARKDOWN_IMAGE_HOSTS/);
  });

  it('sets up single sign-on only with issuer, client id and secret together', () => {
    expect(loadConfig({}).oidc).toBeNull();
    const oidc = { HEARTH_OIDC_ISSUER: 'https://id.example.org', HEARTH_OIDC_CLIENT_ID: 'hearth', HEARTH_OIDC_CLIENT_SECRET: 's3cret' };
    expect(loadConfig(oidc).oidc).toEqual({
      issuer: 'https://id.example.org',
      clientId: 'hearth',
      clientSecret: 's3cret',
      usernameClaim: 'preferred_username',
      displayName: 'your community account',
      scopes: 'openid email profile',
    });
    expect(loadConfig({ ...oidc, HEARTH_OIDC_USERNAME_CLAIM: 'nickname', HEARTH_OIDC_NAME: 'Cups ID' }).oidc).toMatchObject({ usernameClaim: 'nickname', displayName: 'Cups ID' });
    expect(() => loadConfig({ HEARTH_OIDC_ISSUER: 'https://id.example.org' })).toThrow(/go together/);
    expect(() => loadConfig({ ...oidc, HEARTH_OIDC_ISSUER: 'id.example.org' })).toThrow(/HEARTH_OIDC_ISSUER/);
    expect(() => loadConfig({ ...oidc, HEARTH_OIDC_SCOPES: 'email profile' })).toThrow(/must include openid/);
  });

  it('reads every setting it knows', () => {
    const config = loadConfig(
      {
        DATABASE_URL: 'postgres://u:p@db:5432/hearth',
        PORT: '8080',
        HOST: '0.0.0.0',
        HEARTH_DATA_DIR: '/var/lib/hearth',
        HEARTH_JWT_SECRET: 'x'.repeat(32),
        HEARTH_TRUST_PROXY: '1',
        HEARTH_AUTH_RATE_LIMIT_PER_IP: '5',
      },
      '/srv',
    );
    expect(config).toMatchObject({
      databaseUrl: 'postgres://u:p@db:5432/hearth',
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/hearth',
      jwtSecret: 'x'.repeat(32),
      trustProxy: 1,
      authRateLimit: { perIp: 5, perAccount: 10, windowSeconds: 60 },
    });
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', HEARTH_JWT_SECRET: 'short', HEARTH_TRUST_PROXY: 'true' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('PORT must be a whole number');
    expect(problems).toContain('DATABASE_URL must start with postgres://');
    expect(problems).toContain('HEARTH_JWT_SECRET must be at least 32 characters');
    // Trusting every hop would let a client choose its own address.
    expect(problems).toContain('HEARTH_TRUST_PROXY must be false, the number of proxies');
    expect((error as ConfigError).message).toMatch(/^Hearth cannot start/);
  });

  it('trusts a proxy by hop count or by address, never blindly', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ HEARTH_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ HEARTH_TRUST_PROXY: '10.0.0.2, 172.16.0.0/12' }).trustProxy).toEqual(['10.0.0.2', '172.16.0.0/12']);
    expect(() => loadConfig({ HEARTH_TRUST_PROXY: 'yes' })).toThrow(/HEARTH_TRUST_PROXY/);
  });

  it('refuses an unknown HEARTH_ variable, which is usually a typo', () => {
    expect(() => loadConfig({ HEARTH_JWT_SECERT: 'x'.repeat(40) })).toThrow(/HEARTH_JWT_SECERT is not a Hearth setting/);
  });

  it('ignores variables that are not its own', () => {
    expect(() => loadConfig({ PATH: '/usr/bin', HOME: '/root' })).not.toThrow();
  });
});
