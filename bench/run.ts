import { type ChildProcess, fork, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { chmod, mkdtemp } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import jwt from 'jsonwebtoken';
import { Pool } from 'pg';
import { migrations } from '@hearth/migrations';
import { loadConfig, runMigrations, startEmbeddedPostgres } from '@hearth/platform';
import { createApp, loadDemoData } from '@hearth/api';
import type { LoadJob, LoadResult } from './load';
import { connectSender, countStatements, type StatementCount, type StatementRow } from './statements';
import { type Seeded, seedAlumniEnrollments, seedContent, seedPeople, TRAINEES } from './seed';

/**
 * `npm run bench`: Hearth's hot paths against a bare reference server doing the same SQL,
 * in one run on one machine. Starts its own PostgreSQL (embedded, in a temporary folder),
 * loads the demo and the benchmark's data, starts Hearth as built for production and the
 * reference (bench/reference/server.ts) as separate processes, and drives both with
 * autocannon from a third process (bench/load.ts), in alternation (A B A B) after a
 * warm-up. Prints a Markdown table and writes bench/results/<date>.json. No thresholds:
 * the figures are the result.
 *
 * BENCH_SECONDS (default 8) sets the length of each measured run; BENCH_CONNECTIONS
 * (default 50) the connections; BENCH_SKIP_CHAT=1 leaves out the chat fan-out and
 * BENCH_SKIP_STATEMENTS=1 the statement counts. For finding out why: BENCH_ONLY=me,lesson
 * runs only those scenarios (no scaling; `chat` and `statements` name those parts), and
 * BENCH_HEARTH_NODE_ARGS are given to Hearth's node (`--cpu-prof --cpu-prof-dir=…`), and
 * BENCH_REFERENCE_NODE_ARGS to the reference's; BENCH_SERVER_LOG_DIR=<folder> keeps each
 * server's standard output there (`--trace-gc` prints to it); BENCH_STATEMENTS_LIST=1 prints
 * the statements behind each HTTP count, per run.
 */

const ROOT = resolve(__dirname, '../../..');
const SERVER = join(ROOT, 'dist/server');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const WARM_UP_SECONDS = Math.max(2, Math.round(SECONDS / 3));
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
const SECRET = `bench-${randomUUID()}-${randomUUID()}`;

const POST_BODY = JSON.stringify({
  body: 'What I took from this:\n\n- **Greet** people by name when they arrive\n- Keep the [room rules](https://example.org/rules) short\n- Wait for each other before replying\n\n> Patience is what makes a room feel safe.\n\nThat is the kind of room I want to hold.',
});

interface Scenario {
  key: string;
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

interface Pair {
  hearth: LoadResult[];
  reference: LoadResult[];
}

const log = (line: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

async function main(): Promise<void> {
  for (const built of ['apps/api/src/main.js', 'bench/reference/server.js', 'bench/load.js']) {
    if (!existsSync(join(SERVER, built))) throw new Error(`${built} is not built: run \`npm run bench\` (it builds first).`);
  }
  const children: ChildProcess[] = [];
  const work = await mkdtemp(join(tmpdir(), 'hearth-bench-'));
  await chmod(work, 0o755); // the embedded server may run as the postgres user
  log(`starting PostgreSQL in ${work}`);
  const serverLog: string[] = [];
  const database = await startEmbeddedPostgres({
    dir: work,
    persistent: false,
    log: (line) => serverLog.push(line),
    // Statements per operation are counted by PostgreSQL itself (bench/statements.ts).
    settings: { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track_utility': 'on', 'pg_stat_statements.max': '10000' },
  });
  try {
    await runMigrations(database.url, migrations);
    await loadDemo(database.url);
    const pool = new Pool({ connectionString: database.url, max: 4 });
    pool.on('error', (error) => log(`PostgreSQL dropped an idle connection: ${error.message}\n${serverLog.slice(-15).join('\n')}`));
    const people = await seedPeople(pool, log);
    const tokens = people.trainees.map((trainee) => sign(trainee));

    const nodeArgs = [...productionNodeArgs(), ...(process.env.BENCH_HEARTH_NODE_ARGS?.split(' ').filter(Boolean) ?? [])];
    const hearth = await startServer('Hearth', join(SERVER, 'apps/api/src/main.js'), database.url, children, {}, nodeArgs);
    const referenceArgs = process.env.BENCH_REFERENCE_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const reference = await startServer('reference', join(SERVER, 'bench/reference/server.js'), database.url, children, {}, referenceArgs);
    const [{ id: courseId, slug: courseSlug }] = (await pool.query<{ id: string; slug: string }>(`SELECT id, slug FROM course WHERE slug = 'group-support-foundations'`)).rows;
    await enrollEveryone(hearth.url, courseSlug, tokens);
    await seedAlumniEnrollments(pool, courseId, people.trainees[0].id);
    const seeded = await seedContent(pool, people, log);
    const deepCursor = await cursorAt(hearth.url, seeded.threads['10000'], tokens[0], 5_000);
    const loader = startLoader(children);

    const thread = (itemId: string) => `/api/v1/items/${itemId}/replies?sort=oldest`;
    const scenarios: Scenario[] = [
      { key: 'thread-first-page', name: 'Thread, first page (10,000 answers)', method: 'GET', path: thread(seeded.threads['10000']) },
      { key: 'thread-load-more', name: 'Thread, "load more" at answer 5,000', method: 'GET', path: `${thread(seeded.threads['10000'])}&cursor=${encodeURIComponent(deepCursor)}` },
      { key: 'lesson', name: 'Lesson page', method: 'GET', path: `/api/v1/items/${seeded.lessonItemId}` },
      { key: 'post-answer', name: 'Posting an answer', method: 'POST', path: `/api/v1/items/${seeded.threads['1000']}/replies`, body: POST_BODY },
      { key: 'outline', name: 'Course outline with my progress', method: 'GET', path: `/api/v1/courses/${seeded.courseSlug}` },
      { key: 'me', name: 'GET /me', method: 'GET', path: '/api/v1/me' },
    ];
    const readers = tokens.slice(0, Math.max(CONNECTIONS, 50));
    const rss = new RssSampler(hearth.process.pid!);
    const results: Record<string, Pair> = {};
    for (const scenario of scenarios.filter((candidate) => !ONLY || ONLY.has(candidate.key))) {
      log(`${scenario.name}: warm-up, then Hearth and the reference in turn`);
      const job = (url: string, seconds: number): LoadJob => ({
        url,
        method: scenario.method,
        path: scenario.path,
        body: scenario.body,
        tokens: readers,
        connections: CONNECTIONS,
        seconds,
        ...(scenario.method === 'POST' ? { eachRequestAs: { secret: SECRET, people: seeded.posters } } : {}),
      });
      await loader.run(job(hearth.url, WARM_UP_SECONDS));
      await loader.run(job(reference.url, WARM_UP_SECONDS));
      const pair: Pair = { hearth: [], reference: [] };
      for (let round = 0; round < 2; round++) {
        rss.start();
        pair.hearth.push(await loader.run(job(hearth.url, SECONDS)));
        rss.stop();
        pair.reference.push(await loader.run(job(reference.url, SECONDS)));
      }
      results[scenario.key] = pair;
    }

    log('scaling: the first page and a deep page at 1,000, 10,000 and 100,000 answers');
    const scaling: Record<string, { answers: number; firstPage: Pair; loadMore: Pair }> = {};
    for (const size of ONLY ? [] : (['1000', '10000', '100000'] as const)) {
      const answers = Number(size);
      const cursor = await cursorAt(hearth.url, seeded.threads[size], tokens[0], Math.floor(answers * 0.9));
      const first = thread(seeded.threads[size]);
      const deep = `${first}&cursor=${encodeURIComponent(cursor)}`;
      const measure = async (path: string): Promise<Pair> => {
        const job = (url: string): LoadJob => ({ url, method: 'GET', path, tokens: readers, connections: CONNECTIONS, seconds: Math.max(3, Math.round(SECONDS / 2)) });
        await loader.run({ ...job(hearth.url), seconds: 2 });
        return { hearth: [await loader.run(job(hearth.url))], reference: [await loader.run(job(reference.url))] };
      };
      scaling[size] = { answers, firstPage: await measure(first), loadMore: await measure(deep) };
    }

    // A failure here keeps the HTTP figures: the report says what went wrong instead.
    const chat =
      process.env.BENCH_SKIP_CHAT === '1' || (ONLY && !ONLY.has('chat'))
        ? null
        : await chatFanout(database.url, hearth.url, seeded, tokens, children).catch((error: unknown) => {
            log(`the chat fan-out failed: ${String(error)}`);
            return null;
          });

    // Last, with nothing else running: the main Hearth's outbox worker would otherwise do
    // (and so count) the notifications a mention leaves for after the message.
    hearth.process.kill('SIGTERM');
    await new Promise((resolve) => hearth.process.once('exit', resolve));
    const statements =
      process.env.BENCH_SKIP_STATEMENTS === '1' || (ONLY && !ONLY.has('statements')) ? [] : await statementTable(database.url, pool, seeded, scenarios, tokens, people.trainees, children);

    const report = {
      date: new Date().toISOString(),
      machine: machine(),
      settings: { seconds: SECONDS, warmUpSeconds: WARM_UP_SECONDS, connections: CONNECTIONS, trainees: TRAINEES },
      scenarios: scenarios.filter((scenario) => results[scenario.key]).map((scenario) => ({ key: scenario.key, name: scenario.name, ...summarise(results[scenario.key]) })),
      scaling: Object.values(scaling).map((entry) => ({ answers: entry.answers, firstPage: summarise(entry.firstPage), loadMore: summarise(entry.loadMore) })),
      statements,
      chat,
      hearthMaxRssMb: rss.maxMb(),
    };
    console.log(markdown(report));
    if (!ONLY) log(`written to ${writeReport(report)}`);
    await loader.close();
    await pool.end();
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await database.stop();
  }
}

/** The demo (course, accounts, rooms), loaded by Hearth's own loader, as `npm start` does. */
async function loadDemo(databaseUrl: string): Promise<void> {
  const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, HEARTH_JWT_SECRET: SECRET, LOG_LEVEL: 'warn', HEARTH_WORKER_POLL_MS: '0' }, ROOT);
  const app = await createApp(config, databaseUrl);
  await loadDemoData(app);
  await app.close();
}

/** Node's flags for Hearth in production, from package.json's `start:built`, so the benchmark runs Hearth as `npm start` does. */
function productionNodeArgs(): string[] {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const flags = /^node ((?:--\S+ )*)dist\/server\/apps\/api\/src\/main\.js$/.exec(scripts['start:built'] ?? '');
  if (!flags) throw new Error('package.json\'s start:built is not `node [flags] dist/server/apps/api/src/main.js`.');
  return flags[1].split(' ').filter(Boolean);
}

/** An access token as Hearth issues them (the benchmark knows the secret it gave Hearth), for the sign-in the seed gave the person. */
function sign(user: { id: string; username: string }): string {
  return jwt.sign({ sub: user.id, username: user.username, roles: [], sid: user.id }, SECRET, { algorithm: 'HS256', expiresIn: '6h', issuer: 'hearth', audience: 'hearth-api' });
}

interface Server {
  url: string;
  process: ChildProcess;
}

/** Starts a server process (Hearth as built for production, or the reference) and waits for its address. */
function startServer(name: string, script: string, databaseUrl: string, children: ChildProcess[], extraEnv: Record<string, string> = {}, nodeArgs: string[] = []): Promise<Server> {
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: databaseUrl, HEARTH_JWT_SECRET: SECRET, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', HEARTH_DEMO_DATA: 'false', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 60 s:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const address = /(?:running at|listening on) (http:\/\/[\d.:]+)/.exec(output);
      if (address) {
        clearTimeout(timer);
        child.stdout!.off('data', read);
        child.stderr!.off('data', read);
        // Keep draining its output (a full pipe would block the server), showing warnings.
        child.stderr!.on('data', (more: Buffer) => process.stderr.write(`[${name}] ${more.toString()}`));
        const logs = process.env.BENCH_SERVER_LOG_DIR;
        if (logs) {
          mkdirSync(logs, { recursive: true });
          child.stdout!.pipe(createWriteStream(join(logs, `${name.replace(/\W+/g, '-')}-${child.pid}.log`)));
        }
        else child.stdout!.resume();
        log(`${name} at ${address[1]} (pid ${child.pid})`);
        resolve({ url: address[1].replace(/\/$/, ''), process: child });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}):\n${output}`)));
  });
}

/** Every trainee enrolls through Hearth's API, as they would. */
async function enrollEveryone(url: string, courseSlug: string, tokens: string[]): Promise<void> {
  log(`enrolling ${tokens.length} trainees through the API`);
  let next = 0;
  const worker = async () => {
    while (next < tokens.length) {
      const token = tokens[next++];
      const response = await fetch(`${url}/api/v1/courses/${courseSlug}/enroll`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      if (response.status >= 300 && response.status !== 409) throw new Error(`enrolling failed: ${response.status} ${await response.text()}`);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

/** The cursor Hearth gives for the page after the first `position` answers (oldest first). */
async function cursorAt(url: string, itemId: string, token: string, position: number): Promise<string> {
  let cursor = '';
  for (let seen = 0; seen < position; seen += 100) {
    const response = await fetch(`${url}/api/v1/items/${itemId}/replies?sort=oldest&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
    const page = (await response.json()) as { nextCursor: string | null };
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return cursor;
}

/** The load process: jobs in, figures out. */
function startLoader(children: ChildProcess[]) {
  const child = fork(join(SERVER, 'bench/load.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.push(child);
  let id = 0;
  const waiting = new Map<number, { resolve: (result: LoadResult) => void; reject: (error: Error) => void }>();
  child.on('message', (message: { id: number; result?: LoadResult; error?: string }) => {
    const entry = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.error) entry?.reject(new Error(message.error));
    else entry?.resolve(message.result!);
  });
  return {
    run: (job: LoadJob) =>
      new Promise<LoadResult>((resolve, reject) => {
        waiting.set(++id, { resolve, reject });
        child.send({ id, job });
      }),
    close: async () => void child.kill(),
  };
}

/** Peak resident memory of Hearth's process while it is under load, from /proc. */
class RssSampler {
  private timer?: NodeJS.Timeout;
  private peak = 0;

  constructor(private readonly pid: number) {}

  start(): void {
    this.timer = setInterval(() => {
      try {
        const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
        if (match) this.peak = Math.max(this.peak, Number(match[1]) / 1024);
      } catch {
        // Not Linux, or the process is gone: no figure.
      }
    }, 250);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  maxMb(): number | null {
    return this.peak > 0 ? Math.round(this.peak) : null;
  }
}

interface Summary {
  hearth: { requestsPerSecond: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number };
  reference: { requestsPerSecond: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number };
  /** Hearth's requests/s over the reference's, and Hearth's p99 over the reference's. */
  throughputRatio: number;
  p99Ratio: number;
}

function summarise(pair: Pair): Summary {
  const mean = (runs: LoadResult[]) => ({
    requestsPerSecond: round(runs.reduce((sum, run) => sum + run.requestsPerSecond, 0) / runs.length),
    p50Ms: round(Math.max(...runs.map((run) => run.p50Ms))),
    p99Ms: round(Math.max(...runs.map((run) => run.p99Ms))),
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
  });
  const hearth = mean(pair.hearth);
  const reference = mean(pair.reference);
  return { hearth, reference, throughputRatio: round(hearth.requestsPerSecond / reference.requestsPerSecond, 2), p99Ratio: round(hearth.p99Ms / Math.max(reference.p99Ms, 0.1), 2) };
}

const STATEMENT_RUNS = 20;

/**
 * Statements per operation (bench/statements.ts), for Hearth (a second process with no
 * background work, so that the database sees only the operation's statements) and the
 * references: the HTTP scenarios, and in the chat a join, a plain message and one naming
 * two people.
 */
async function statementTable(databaseUrl: string, pool: Pool, seeded: Seeded, scenarios: Scenario[], tokens: string[], trainees: Array<{ username: string }>, children: ChildProcess[]): Promise<StatementRow[]> {
  log(`statements per operation: ${STATEMENT_RUNS} runs each`);
  await pool.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  const hearth = await startServer('Hearth (counting statements)', join(SERVER, 'apps/api/src/main.js'), databaseUrl, children, { HEARTH_WORKER_POLL_MS: '0' }, productionNodeArgs());
  const reference = await startServer('reference (counting statements)', join(SERVER, 'bench/reference/server.js'), databaseUrl, children);
  const sockets = await startServer('reference sockets (counting statements)', join(SERVER, 'bench/reference/socket-server.js'), databaseUrl, children);
  const rows: StatementRow[] = [];
  try {
    let poster = seeded.posters.length - 1;
    const http = (url: string, scenario: Scenario, label: string) =>
      countStatements(
        pool,
        STATEMENT_RUNS,
        async () => {
        // Posting: a fresh person each time (one answer per person and discussion), as in the load.
        const token = scenario.method === 'POST' ? sign(seeded.posters[poster--]) : tokens[0];
        const response = await fetch(`${url}${scenario.path}`, {
          method: scenario.method,
          headers: { authorization: `Bearer ${token}`, ...(scenario.body ? { 'content-type': 'application/json' } : {}) },
          body: scenario.body,
        });
        if (response.status >= 300) throw new Error(`${scenario.name}: ${response.status} ${await response.text()}`);
        await response.arrayBuffer();
        },
        `${label}, ${scenario.name}`,
      );
    for (const scenario of scenarios) rows.push({ key: scenario.key, name: scenario.name, hearth: await http(hearth.url, scenario, 'Hearth'), reference: await http(reference.url, scenario, 'reference') });

    // The chat: people who have not sent anything lately (the rate limit), each on a connection of their own.
    const [first, second] = [trainees[3], trainees[4]];
    const chat = async (url: string, from: number) => {
      const senders = await Promise.all(tokens.slice(from, from + STATEMENT_RUNS).map((token) => connectSender(url, token, seeded.roomId)));
      try {
        return {
          join: await countStatements(pool, STATEMENT_RUNS, (i) => senders[i].join()),
          plain: await countStatements(pool, STATEMENT_RUNS, (i) => senders[i].send(`Counting statements, message ${i}`)),
          mentions: await countStatements(pool, STATEMENT_RUNS, (i) => senders[i].send(`@${first.username} and @${second.username}, a word with you (${i})`)),
        };
      } finally {
        for (const sender of senders) sender.close();
      }
    };
    const [ours, theirs] = [await chat(hearth.url, 1_500), await chat(sockets.url, 1_600)];
    rows.push({ key: 'chat-join', name: 'Chat: joining a room (latest page of history)', hearth: ours.join, reference: theirs.join });
    rows.push({ key: 'chat-message', name: 'Chat: a plain message', hearth: ours.plain, reference: theirs.plain });
    rows.push({ key: 'chat-mentions', name: 'Chat: a message naming two people', hearth: ours.mentions, reference: theirs.mentions });
  } finally {
    for (const server of [hearth, reference, sockets]) server.process.kill('SIGTERM');
  }
  for (const row of rows) log(`  ${row.name}: Hearth ${row.hearth.statements} (+${row.hearth.notifies} NOTIFY), reference ${row.reference?.statements ?? '—'}`);
  return rows;
}

type FanoutResult = { p50Ms: number; p99Ms: number; messages: number; clients: number; missing: number };

/** 1,000 clients in one room, 200 messages: Hearth, the bare Socket.IO reference, and two Hearth instances. */
async function chatFanout(databaseUrl: string, hearthUrl: string, seeded: Seeded, tokens: string[], children: ChildProcess[]) {
  const clients = Number(process.env.BENCH_CHAT_CLIENTS ?? 1_000);
  const messages = Number(process.env.BENCH_CHAT_MESSAGES ?? 200);
  const listeners = tokens.slice(0, clients);
  const senders = tokens.slice(clients, clients + 50);
  const run = (urls: string[]) => runFanoutProcess({ urls, roomId: seeded.roomId, tokens: listeners, clients, messages, senders });
  // Two rounds each, in turn (A B A B), as for HTTP; each server's figure is the worse of its two.
  const referenceServer = await startServer('reference sockets', join(SERVER, 'bench/reference/socket-server.js'), databaseUrl, children);
  const rounds: { hearth: FanoutResult[]; reference: FanoutResult[] } = { hearth: [], reference: [] };
  for (let round = 1; round <= 2; round++) {
    log(`chat fan-out, round ${round}: ${clients} clients, ${messages} messages — Hearth`);
    rounds.hearth.push(await run([hearthUrl]));
    log(`chat fan-out, round ${round} — bare Socket.IO reference`);
    rounds.reference.push(await run([referenceServer.url]));
  }
  referenceServer.process.kill('SIGTERM');
  const worse = (results: FanoutResult[]) => results.reduce((a, b) => (b.p99Ms > a.p99Ms ? b : a));
  const [hearth, reference] = [worse(rounds.hearth), worse(rounds.reference)];
  log(`chat fan-out p99 by round: Hearth ${rounds.hearth.map((r) => r.p99Ms).join(', ')} ms; reference ${rounds.reference.map((r) => r.p99Ms).join(', ')} ms`);
  log('chat fan-out — two Hearth instances on the Postgres adapter');
  const second = await startServer('Hearth (second instance)', join(SERVER, 'apps/api/src/main.js'), databaseUrl, children, {}, productionNodeArgs());
  const twoInstances = await run([hearthUrl, second.url]);
  second.process.kill('SIGTERM');
  return {
    clients,
    messages,
    hearth,
    reference,
    twoInstances,
    rounds: { hearthP99Ms: rounds.hearth.map((r) => r.p99Ms), referenceP99Ms: rounds.reference.map((r) => r.p99Ms) },
    p99Ratio: round(hearth.p99Ms / Math.max(reference.p99Ms, 0.1), 2),
  };
}

function runFanoutProcess(job: object): Promise<FanoutResult> {
  return new Promise((resolve, reject) => {
    // The job (a thousand tokens) goes through standard input: it is too long for arguments.
    const child = spawn(process.execPath, [join(SERVER, 'bench/chat-fanout.js')], { stdio: ['pipe', 'pipe', 'inherit'] });
    child.stdin.end(JSON.stringify(job));
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      try {
        if (code !== 0) throw new Error(`the fan-out process exited with ${code}`);
        resolve(JSON.parse(output.trim().split('\n').pop()!) as FanoutResult);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

function machine() {
  const cpu = cpus();
  return { cpu: cpu[0]?.model ?? 'unknown', cores: cpu.length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform} ${process.arch}` };
}

function writeReport(report: object): string {
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${new Date().toISOString().slice(0, 10)}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

type Report = {
  date: string;
  machine: ReturnType<typeof machine>;
  settings: { seconds: number; connections: number };
  scenarios: Array<{ name: string } & Summary>;
  scaling: Array<{ answers: number; firstPage: Summary; loadMore: Summary }>;
  statements: StatementRow[];
  chat: Awaited<ReturnType<typeof chatFanout>> | null;
  hearthMaxRssMb: number | null;
};

/** The report as Markdown, as the README's Performance section shows it. */
export function markdown(report: Report): string {
  const m = report.machine;
  const lines = [
    `Measured ${report.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cores} × ${m.cpu}, ${m.memoryGb} GiB, Node ${m.node}; ${report.settings.connections} connections, ${report.settings.seconds} s per run, Hearth and the reference in turn (A B A B) after a warm-up.`,
    '',
    '| Scenario | Hearth req/s | p50 ms | p99 ms | Reference req/s | p50 ms | p99 ms | Throughput ratio | p99 ratio |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...report.scenarios.map((s) => `| ${s.name} | ${s.hearth.requestsPerSecond} | ${s.hearth.p50Ms} | ${s.hearth.p99Ms} | ${s.reference.requestsPerSecond} | ${s.reference.p50Ms} | ${s.reference.p99Ms} | ${s.throughputRatio} | ${s.p99Ratio} |`),
    '',
    '| Answers in the thread | First page: Hearth req/s (p99 ms) | Reference req/s (p99 ms) | Deep page: Hearth req/s (p99 ms) | Reference req/s (p99 ms) |',
    '| ---: | ---: | ---: | ---: | ---: |',
    ...report.scaling.map(
      (s) =>
        `| ${s.answers.toLocaleString('en')} | ${s.firstPage.hearth.requestsPerSecond} (${s.firstPage.hearth.p99Ms}) | ${s.firstPage.reference.requestsPerSecond} (${s.firstPage.reference.p99Ms}) | ${s.loadMore.hearth.requestsPerSecond} (${s.loadMore.hearth.p99Ms}) | ${s.loadMore.reference.requestsPerSecond} (${s.loadMore.reference.p99Ms}) |`,
    ),
  ];
  if (report.statements.length > 0) {
    const count = (c: StatementCount | null) => (c ? `${c.statements}${c.notifies ? ` (+${c.notifies} NOTIFY)` : ''}` : '—');
    lines.push(
      '',
      `| SQL statements per operation (PostgreSQL's own count, ${STATEMENT_RUNS} runs each) | Hearth | Reference |`,
      '| --- | ---: | ---: |',
      ...report.statements.map((row) => `| ${row.name} | ${count(row.hearth)} | ${count(row.reference)} |`),
    );
  }
  if (report.chat) {
    const c = report.chat;
    lines.push(
      '',
      `| Chat fan-out (${c.clients} clients, ${c.messages} messages) | p50 ms | p99 ms | missing |`,
      '| --- | ---: | ---: | ---: |',
      `| Hearth | ${c.hearth.p50Ms} | ${c.hearth.p99Ms} | ${c.hearth.missing} |`,
      `| Bare Socket.IO reference | ${c.reference.p50Ms} | ${c.reference.p99Ms} | ${c.reference.missing} |`,
      `| Two Hearth instances (Postgres adapter) | ${c.twoInstances.p50Ms} | ${c.twoInstances.p99Ms} | ${c.twoInstances.missing} |`,
      '',
      `Chat p99 ratio (Hearth / reference, the worse of two rounds each): ${c.p99Ratio}; by round, Hearth ${c.rounds.hearthP99Ms.join(' and ')} ms, the reference ${c.rounds.referenceP99Ms.join(' and ')} ms.`,
    );
  }
  lines.push('', `Hearth's API process peaked at ${report.hearthMaxRssMb ?? '?'} MB resident under the HTTP load.`);
  return lines.join('\n');
}

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
