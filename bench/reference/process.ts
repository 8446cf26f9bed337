import type { Pool, PoolClient } from 'pg';

/** Hearth's `db.transaction` for the reference servers: BEGIN … COMMIT on one connection, or ROLLBACK on any error. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Runs a reference server as its own process (the benchmark starts it so): DATABASE_URL and
 * HEARTH_JWT_SECRET from the environment, PORT or a free one, "<name> listening on <url>"
 * for the benchmark to read, and a clean stop on SIGINT/SIGTERM.
 */
export function runAsProcess(name: string, start: (options: { databaseUrl: string; jwtSecret: string; port: number }) => Promise<{ url: string; close(): Promise<void> }>): void {
  const { DATABASE_URL: databaseUrl, HEARTH_JWT_SECRET: jwtSecret } = process.env;
  if (!databaseUrl || !jwtSecret) {
    console.error(`${name}: set DATABASE_URL and HEARTH_JWT_SECRET.`);
    process.exit(1);
  }
  start({ databaseUrl, jwtSecret, port: Number(process.env.PORT ?? 0) }).then(
    (server) => {
      console.log(`${name} listening on ${server.url}`);
      const stop = () => void server.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
