import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../embedded-postgres';
import type { MigrationList } from '../data-source';
import { runMigrations } from '../migrator';

/** Environment variable through which the test run's server reaches every worker. */
export const TEST_SERVER_ENV = 'JEST_POSTGRES_SERVER_URL';
export const TEMPLATE_DATABASE = 'hearth_template';

/**
 * Starts the run's one PostgreSQL (a throw-away embedded cluster) and builds the template
 * database every test file clones: fully migrated, otherwise empty.
 */
export async function startTestServer(migrations: MigrationList): Promise<EmbeddedDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-test-'));
  // mkdtemp makes it private; as root, the server's `postgres` user must enter it.
  await chmod(dir, 0o755);
  const server = await startEmbeddedPostgres({ dir, persistent: false });
  await withServerClient(server.serverUrl, (client) => client.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`));
  await runMigrations(`${server.serverUrl}/${TEMPLATE_DATABASE}`, migrations);
  return server;
}

export async function withServerClient<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
