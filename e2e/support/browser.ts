import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { startTestApp, type TestApp, WEB_DIR } from './app';

/** The flags this machine needs: no sandbox as root, and no calls to Google's services. */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface Browser {
  /** A page in a fresh context: its own cookies, so its own session. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** Closes it, failing when the Content-Security-Policy blocked anything on any page. */
  close(): Promise<void>;
}

/**
 * Debian's Chromium (or CHROME_PATH), driven by playwright-core. Playwright gives each
 * launch a fresh, throw-away profile directory.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`No Chromium at ${executablePath}: install it (apt-get install -y chromium) or set CHROME_PATH.`);
  }
  if (!existsSync(join(WEB_DIR, 'index.html'))) {
    throw new Error(`The web app is not built in ${WEB_DIR}: run \`npm run build:web\` (npm test does).`);
  }
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
  const contexts: BrowserContext[] = [];
  // Whatever the page did, the Content-Security-Policy must never have had to stop it.
  const violations: string[] = [];
  return {
    async newPage(viewport = { width: 1024, height: 768 }) {
      const context = await browser.newContext({ viewport });
      // Well under jest's 30 s, so a step that never happens fails naming what it waited for.
      context.setDefaultTimeout(10_000);
      contexts.push(context);
      await context.addInitScript(() =>
        document.addEventListener('securitypolicyviolation', (event) => console.error(`Content-Security-Policy violation: ${event.violatedDirective} ${event.blockedURI}`)),
      );
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
      });
      return page;
    },
    async close() {
      for (const context of contexts) await context.close();
      await browser.close();
      if (violations.length > 0) throw new Error(`The Content-Security-Policy blocked something:\n${violations.join('\n')}`);
    },
  };
}

/**
 * A Hearth app (as startTestApp makes it) and a Chromium for one describe block: started
 * before its first test, closed after its last. Read them as `chromium.hearth` and
 * `chromium.browser` inside the tests.
 */
export function appInChromium(env: Record<string, string> = {}, options: { demo?: boolean } = {}): { readonly hearth: TestApp; readonly browser: Browser } {
  const started = {} as { hearth: TestApp; browser: Browser };
  beforeAll(async () => {
    started.hearth = await startTestApp(env, options);
    started.browser = await launchBrowser();
  });
  afterAll(async () => {
    await started.browser?.close();
    await started.hearth?.close();
  });
  return started;
}
