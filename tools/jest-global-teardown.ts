import type { EmbeddedDatabase } from '@hearth/platform';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { hearthTestServer?: EmbeddedDatabase }).hearthTestServer?.stop();
}
