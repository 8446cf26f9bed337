import { migrations } from '@hearth/migrations';
import { startTestServer, TEST_SERVER_ENV } from '@hearth/platform/testing';

/** One embedded PostgreSQL for the whole jest run; workers inherit its URL. */
export default async function globalSetup(): Promise<void> {
  const server = await startTestServer(migrations);
  process.env[TEST_SERVER_ENV] = server.serverUrl;
  (globalThis as { hearthTestServer?: typeof server }).hearthTestServer = server;
}
