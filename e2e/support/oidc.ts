import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person at the community's OpenID provider: their claims, as the provider hands them out. */
export interface ProviderAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
  preferred_username?: string;
}

/**
 * A real OpenID provider (panva's `oidc-provider`) on a free port of 127.0.0.1, with its
 * development sign-in pages, one client for Hearth and the accounts a test adds.
 */
export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, ProviderAccount>;
  /** Hearth's environment for this provider. */
  env(): Record<string, string>;
  /** Lets Hearth's callback in (known once Hearth has a port). */
  allowRedirectTo(redirectUri: string): void;
  /**
   * Walks a browser's way through the provider over HTTP: from Hearth's start link, signing
   * in as `accountId` (or declining), to Hearth's callback, whose answer it returns.
   */
  signIn(hearthUrl: string, accountId: string, options?: { returnUrl?: string; decline?: boolean }): Promise<{ status: number; location: string; cookies: string[] }>;
  close(): Promise<void>;
}

export async function startOidcProvider(): Promise<TestOidcProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map<string, ProviderAccount>();
  const clientId = 'hearth';
  const clientSecret = 'a client secret long enough for the provider';
  const redirectUris: string[] = [];
  let provider: Provider | null = null;
  server.on('request', (req, res) => {
    if (!provider) {
      res.statusCode = 503;
      res.end('no client yet');
      return;
    }
    provider.callback()(req, res);
  });

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    env: () => ({ HEARTH_OIDC_ISSUER: issuer, HEARTH_OIDC_CLIENT_ID: clientId, HEARTH_OIDC_CLIENT_SECRET: clientSecret, HEARTH_OIDC_NAME: 'Community ID' }),
    allowRedirectTo(redirectUri) {
      redirectUris.push(redirectUri);
      provider = new Provider(issuer, {
        clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris, grant_types: ['authorization_code'], response_types: ['code'] }],
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'] },
        cookies: { keys: ['a cookie key for the test provider'] },
        features: { devInteractions: { enabled: true } },
        async findAccount(_ctx, sub) {
          const account = accounts.get(sub);
          return account ? { accountId: sub, claims: async () => ({ sub, ...account }) } : undefined;
        },
      });
    },
    async signIn(hearthUrl, accountId, { returnUrl, decline } = {}) {
      const jar = new Map<string, string>();
      const keep = (response: Response) => {
        for (const cookie of response.headers.getSetCookie()) {
          const [pair] = cookie.split(';');
          const at = pair.indexOf('=');
          jar.set(pair.slice(0, at), pair.slice(at + 1));
        }
      };
      const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
      const start = await fetch(`${hearthUrl}/api/v1/auth/oidc/start${returnUrl ? `?returnUrl=${encodeURIComponent(returnUrl)}` : ''}`, { redirect: 'manual' });
      const hearthFlow = start.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
      let location = start.headers.get('location')!;
      for (let step = 0; step < 12 && location.startsWith(issuer); step++) {
        const page = await fetch(location, { redirect: 'manual', headers: { cookie: cookieHeader() } });
        keep(page);
        if (page.status >= 300 && page.status < 400) {
          location = new URL(page.headers.get('location')!, location).href;
          continue;
        }
        const html = await page.text();
        const action = new URL(/action="([^"]+)"/.exec(html)![1], location).href;
        const prompt = /name="prompt" value="(\w+)"/.exec(html)![1];
        if (decline) {
          location = new URL(`${action}/abort`, location).href;
          continue;
        }
        const body = new URLSearchParams(prompt === 'login' ? { prompt, login: accountId, password: 'any' } : { prompt });
        const submitted = await fetch(action, { method: 'POST', redirect: 'manual', body, headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' } });
        keep(submitted);
        location = new URL(submitted.headers.get('location')!, action).href;
      }
      const callback = await fetch(location.replace(/^http:\/\/[^/]+/, hearthUrl), { redirect: 'manual', headers: { cookie: hearthFlow.join('; ') } });
      return { status: callback.status, location: callback.headers.get('location') ?? '', cookies: callback.headers.getSetCookie() };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on right now, for an app that must know its address before it starts. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
