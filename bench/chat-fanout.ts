/**
 * Chat fan-out: how long a message takes to reach everyone in a crowded room, from the
 * moment it is sent to the moment the last connection has it (emit-to-last-receipt).
 *
 * Runs in its own process, away from the server it measures: `clients` socket.io-client
 * connections join one room (a bounded number at a time), the room is let go quiet, then
 * `messages` messages are sent, one at a time: the next leaves once the last one has
 * reached every connection (or timed out), and never sooner than the pacing allows.
 * Overlapping messages would measure this process's own backlog (one event loop parsing a
 * copy of every message for every connection) as much as the server.
 *
 * Pacing: Hearth allows a person 5 messages in any 5 s (CHAT_RATE_LIMIT), counted in the
 * database by the time each message was written. The senders take turns, one message
 * each, and a send waits at least SENDER_GAP_MS / senders after the one before, so each
 * sender writes at most 4 messages in any 5 s: under the limit with room for timer and
 * commit jitter. The same pacing applies to Hearth and to the reference; with 10 senders
 * the floor is 125 ms between messages, so 200 messages take at least 25 s.
 *
 * Run directly with the job as JSON (argv[2], a file named there, or stdin); prints the
 * result as JSON on stdout and progress on stderr.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { ChatAck, ChatMessage } from '@hearth/contracts';

export interface FanoutOptions {
  /** Servers' base URLs (`http://127.0.0.1:3000`): connections are spread over them in turn, the senders' on the first. */
  urls: string[];
  roomId: string;
  /** Access tokens the listening connections use, in turn: one person may hold many connections. */
  tokens: string[];
  /** Connections in the room in all, the senders' included. */
  clients: number;
  /** Messages measured; WARM_UP_MESSAGES more go first and are not counted. */
  messages: number;
  /** Access tokens of the people who send, each on its own connection; they take turns. */
  senders: string[];
  /** The least time between two sends, if longer than the rate limit requires. */
  intervalMs?: number;
  /** How long a message may take to reach everyone before it counts as missing. */
  timeoutMs?: number;
}

export interface FanoutResult {
  p50Ms: number;
  p99Ms: number;
  /** Messages measured. */
  messages: number;
  clients: number;
  /** Messages some connection never received in time, refused ones included. */
  missing: number;
  /** Of those, the ones the server refused (its acknowledgement said no). */
  refused: number;
  /** From the first connection opened to the last join acknowledged. */
  joinMs: number;
}

const SENDER_GAP_MS = 1250;
const WARM_UP_MESSAGES = 20;
const DEFAULT_TIMEOUT_MS = 10_000;
/** Connections being opened and joined at once. */
const CONNECTING_AT_ONCE = 50;
const CONNECT_TIMEOUT_MS = 20_000;
const JOIN_TIMEOUT_MS = 30_000;
/** The room counts as quiet (joins' presence hints delivered) after this long without an event. */
const QUIET_MS = 1000;
const QUIET_AT_MOST_MS = 30_000;

interface Listener {
  socket: Socket;
  /** Its index among the connections, for counting each receipt once. */
  index: number;
}

interface InFlight {
  sentAt: number;
  received: Uint8Array;
  count: number;
  done(outcome: Outcome): void;
}

type Outcome = { latencyMs: number } | { missing: string; refused: boolean };

export async function runFanout(options: FanoutOptions): Promise<FanoutResult> {
  const { urls, roomId, tokens, clients, messages } = options;
  if (urls.length === 0 || tokens.length === 0 || options.senders.length === 0) throw new Error('A fan-out job needs urls, tokens and senders.');
  const senders = options.senders.slice(0, clients);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const gapMs = Math.max(options.intervalMs ?? 0, SENDER_GAP_MS / senders.length);

  // Senders first, all on the first server; then the listeners, so that the connections
  // overall alternate between the servers.
  const plan = Array.from({ length: clients }, (_, i) =>
    i < senders.length ? { url: urls[0], token: senders[i] } : { url: urls[i % urls.length], token: tokens[(i - senders.length) % tokens.length] },
  );
  const inFlight = new Map<string, InFlight>();
  const listeners: Listener[] = [];
  let lastEventAt = performance.now();
  const hear = (listener: Listener) => {
    listener.socket.onAny(() => {
      lastEventAt = performance.now();
    });
    listener.socket.on('message:new', (message: ChatMessage) => {
      const at = performance.now();
      const waiting = inFlight.get(message.clientId ?? '') ?? inFlight.get(message.body);
      if (!waiting || waiting.received[listener.index]) return;
      waiting.received[listener.index] = 1;
      waiting.count += 1;
      if (waiting.count === clients) waiting.done({ latencyMs: at - waiting.sentAt });
    });
  };

  try {
    const joinStarted = performance.now();
    let next = 0;
    const failures: string[] = [];
    await Promise.all(
      Array.from({ length: Math.min(CONNECTING_AT_ONCE, clients) }, async () => {
        while (next < plan.length && failures.length === 0) {
          const index = next++;
          try {
            const socket = await connect(plan[index].url, plan[index].token, (opened) => {
              const listener = { socket: opened, index };
              listeners[index] = listener;
              hear(listener);
            });
            const ack: ChatAck<unknown> = await socket.timeout(JOIN_TIMEOUT_MS).emitWithAck('room:join', { roomId });
            if (!ack.ok) throw new Error(`join refused: ${ack.code} ${ack.message}`);
          } catch (error) {
            failures.push(`connection ${index} to ${plan[index].url}: ${(error as Error).message}`);
          }
        }
      }),
    );
    if (failures.length > 0) throw new Error(`Not every connection joined the room; the first failure: ${failures[0]}`);
    const joinMs = performance.now() - joinStarted;
    log(`${clients} connections in the room after ${Math.round(joinMs)} ms`);

    const quietFrom = performance.now();
    while (performance.now() - lastEventAt < QUIET_MS && performance.now() - quietFrom < QUIET_AT_MOST_MS) await delay(100);

    const outcomes: Outcome[] = [];
    let told = 0;
    for (let n = 0; n < WARM_UP_MESSAGES + messages; n++) {
      const started = performance.now();
      const outcome = await sendOne(listeners[n % senders.length].socket, n);
      if (n >= WARM_UP_MESSAGES) outcomes.push(outcome);
      if ('missing' in outcome && told++ < 3) log(`message ${n}: ${outcome.missing}`);
      const wait = gapMs - (performance.now() - started);
      if (wait > 0) await delay(wait);
    }

    const latencies = outcomes.flatMap((outcome) => ('latencyMs' in outcome ? [outcome.latencyMs] : [])).sort((a, b) => a - b);
    return {
      p50Ms: round(percentile(latencies, 50)),
      p99Ms: round(percentile(latencies, 99)),
      messages,
      clients,
      missing: outcomes.length - latencies.length,
      refused: outcomes.filter((outcome) => 'refused' in outcome && outcome.refused).length,
      joinMs: Math.round(joinMs),
    };
  } finally {
    for (const listener of listeners) {
      if (!listener) continue;
      listener.socket.removeAllListeners();
      listener.socket.offAny();
      listener.socket.close();
    }
  }

  function sendOne(socket: Socket, n: number): Promise<Outcome> {
    const clientId = randomUUID();
    return new Promise<Outcome>((resolve) => {
      const waiting: InFlight = {
        sentAt: 0,
        received: new Uint8Array(clients),
        count: 0,
        done(outcome) {
          clearTimeout(timer);
          inFlight.delete(clientId);
          resolve(outcome);
        },
      };
      const timer = setTimeout(() => waiting.done({ missing: `${clients - waiting.count} of ${clients} connections had nothing after ${timeoutMs} ms`, refused: false }), timeoutMs);
      inFlight.set(clientId, waiting);
      waiting.sentAt = performance.now();
      socket
        .timeout(timeoutMs)
        .emitWithAck('message:send', { roomId, body: `Fan-out ${n} ${clientId}`, clientId })
        .then(
          (ack: ChatAck<ChatMessage>) => {
            if (!ack.ok) waiting.done({ missing: `refused: ${ack.code} ${ack.message}`, refused: true });
          },
          () => undefined, // no acknowledgement in time: the receipts decide
        );
    });
  }
}

/** Opens one connection; `opened` sees the socket at once, so it is closed at the end whatever happens. */
function connect(url: string, token: string, opened: (socket: Socket) => void): Promise<Socket> {
  const socket = io(`${url}/chat`, { path: '/socket.io', auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true, timeout: CONNECT_TIMEOUT_MS });
  opened(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => reject(error));
  });
}

/** Nearest rank. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const round = (ms: number) => Math.round(ms * 10) / 10;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) => process.stderr.write(`chat fan-out: ${line}\n`);

async function readJob(): Promise<FanoutOptions> {
  const argument = process.argv[2];
  if (argument?.trimStart().startsWith('{')) return JSON.parse(argument) as FanoutOptions;
  if (argument) return JSON.parse(await readFile(argument, 'utf8')) as FanoutOptions;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as FanoutOptions;
}

if (require.main === module) {
  readJob()
    .then(runFanout)
    .then(
      (result) => process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0)),
      (error: unknown) => {
        log(error instanceof Error ? (error.stack ?? error.message) : String(error));
        process.exit(1);
      },
    );
}
