import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Http } from '../support/http';

const ROOT = join(__dirname, '../..');
const MAIN = join(ROOT, 'dist/server/apps/api/src/main.js');
const CLI = join(ROOT, 'dist/server/apps/cli/src/main.js');

/**
 * `npm start` as a user runs it: the built server on the embedded PostgreSQL, a CLI
 * command beside it, a clean stop, and a second start that finds everything again.
 */
describe('npm start on the embedded database', () => {
  let dataDir: string;
  const env = () => ({ ...process.env, HEARTH_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', DATABASE_URL: '' });

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build:server\` (npm test does).`);
    const parent = await mkdtemp(join(tmpdir(), 'hearth-start-'));
    await chmod(parent, 0o755);
    dataDir = join(parent, 'data');
  });
  afterAll(() => rm(join(dataDir, '..'), { recursive: true, force: true }));

  it('starts, serves, lets the CLI add an admin, stops cleanly, and keeps the data for the next start', async () => {
    const first = await start();
    try {
      const ready = await first.http.get('/api/ready');
      expect(ready.status).toBe(200);
      const page = await first.http.get('/sign-in');
      expect(page.headers.get('content-type')).toContain('text/html');

      const created = await runCli(['admin:create', '--email', 'keeper@example.org', '--username', 'keeper'], 'a steady flame\n');
      expect(created.code).toBe(0);
      expect(created.output).toContain('Created admin @keeper');

      const login = await first.http.post('/api/v1/auth/login', { login: 'keeper', password: 'a steady flame' });
      expect(login.status).toBe(200);
      expect(login.body.user.platformRoles).toEqual(['admin']);
    } finally {
      expect(await first.stop('SIGTERM')).toBe(0);
    }
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    const second = await start();
    try {
      const login = await second.http.post('/api/v1/auth/login', { login: 'keeper@example.org', password: 'a steady flame' });
      expect(login.status).toBe(200);
    } finally {
      expect(await second.stop('SIGINT')).toBe(0);
    }
  }, 90_000);

  it('recovers the database an abruptly killed Hearth left running', async () => {
    const crashed = await start();
    expect(await crashed.stop('SIGKILL')).toBeNull();
    // Its PostgreSQL is still up, with no owner.
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(true);

    const next = await start();
    try {
      expect((await next.http.get('/api/ready')).status).toBe(200);
      const login = await next.http.post('/api/v1/auth/login', { login: 'keeper', password: 'a steady flame' });
      expect(login.status).toBe(200);
    } finally {
      expect(await next.stop('SIGTERM')).toBe(0);
    }
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  }, 90_000);

  it('creates an admin on a fresh folder, before Hearth ever started', async () => {
    const fresh = { ...env(), HEARTH_DATA_DIR: join(dataDir, '..', 'fresh-data') };
    const created = await runNode(CLI, ['admin:create', '--email', 'first@example.org', '--username', 'first'], '', fresh);
    expect(created.output).toContain('Created admin @first');
    expect(created.output).toMatch(/Generated password, shown only now: \S{20}/);
    expect(created.code).toBe(0);
    // The CLI stopped the server it started.
    expect(existsSync(join(dataDir, '..', 'fresh-data', 'postgres', 'postmaster.pid'))).toBe(false);
  }, 60_000);

  it('refuses to start on a bad setting, naming it', async () => {
    const result = await runNode(MAIN, [], '', { ...env(), PORT: 'eighty', HEARTH_TYPO: '1' });
    expect(result.code).toBe(1);
    expect(result.output).toContain('PORT must be a whole number');
    expect(result.output).toContain('HEARTH_TYPO is not a Hearth setting');
  });

  async function start(): Promise<{ http: Http; stop(signal: NodeJS.Signals): Promise<number | null> }> {
    const child = spawn(process.execPath, [MAIN], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Hearth did not start in time:\n${output}`)), 60_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Hearth is running at (http:\/\/\S+?)\/?\s/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.on('exit', (code) => reject(new Error(`Hearth exited (${code}) before starting:\n${output}`)));
    });
    return { http: new Http(url), stop: (signal) => stopProcess(child, signal) };
  }

  function runCli(args: string[], input: string) {
    return runNode(CLI, args, input, env());
  }
});

function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.kill(signal);
  });
}

function runNode(script: string, args: string[], input: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
    child.stdin.end(input);
  });
}
