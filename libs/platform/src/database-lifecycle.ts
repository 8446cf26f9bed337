import type { HearthConfig } from './config';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface OpenedDatabase {
  url: string;
  /** True when Hearth runs its own embedded PostgreSQL (no DATABASE_URL). */
  embedded: boolean;
  /** Stops the embedded server if this process started it; otherwise does nothing. */
  stop(): Promise<void>;
}

/**
 * The database Hearth should use: DATABASE_URL when set (nothing is started), otherwise
 * the embedded PostgreSQL under `<dataDir>/postgres`, started now or joined if running.
 */
export async function openDatabase(config: HearthConfig, log?: (line: string) => void): Promise<OpenedDatabase> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  }
  const server = await startEmbeddedPostgres({ dir: config.dataDir, persistent: true, log });
  return { url: server.url, embedded: true, stop: () => server.stop() };
}
