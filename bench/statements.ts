import type { Pool } from 'pg';
import { io, type Socket } from 'socket.io-client';
import type { ChatAck } from '@hearth/contracts';

/**
 * SQL statements per operation, counted by PostgreSQL itself (pg_stat_statements, with
 * utility statements such as BEGIN and COMMIT tracked): the figure that shows wasteful
 * SQL, which a throughput ratio against a reference doing the same SQL cannot.
 *
 * Each operation runs `runs` times, one after the other, against a server with nothing
 * else to do (Hearth started with HEARTH_WORKER_POLL_MS=0: no outbox worker, no jobs);
 * the statements the database saw meanwhile, over `runs`. The Socket.IO Postgres
 * adapter's `pg_notify` (one per message carried to other instances, and a heartbeat every
 * five seconds) is counted apart, and the chat's presence beat (once a minute) is left out.
 */
export interface StatementCount {
  statements: number;
  /** The adapter's pg_notify per operation. */
  notifies: number;
}

export interface StatementRow {
  key: string;
  name: string;
  hearth: StatementCount;
  reference: StatementCount | null;
}

export async function countStatements(pool: Pool, runs: number, run: (i: number) => Promise<void>, label?: string): Promise<StatementCount> {
  await pool.query('SELECT pg_stat_statements_reset()');
  for (let i = 0; i < runs; i++) await run(i);
  const { rows } = await pool.query<{ query: string; calls: string }>(
    `SELECT query, calls FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT LIKE '%pg_stat_statements%'`,
  );
  // BENCH_STATEMENTS_LIST=1: each statement seen, with its calls per run (to find the one too many).
  if (process.env.BENCH_STATEMENTS_LIST && label) {
    console.error(`[statements] ${label}:\n${rows.map((row) => `  ${(Number(row.calls) / runs).toFixed(1)}  ${row.query.replace(/\s+/g, ' ').slice(0, 150)}`).sort().join('\n')}`);
  }
  let statements = 0;
  let notifies = 0;
  for (const row of rows) {
    const calls = Number(row.calls);
    if (/^SELECT pg_notify\(\$1, \$2\)$/.test(row.query.trim())) notifies += calls;
    else if (/UPDATE chat_presence SET seen_at/.test(row.query)) continue;
    else statements += calls;
  }
  return { statements: round(statements / runs), notifies: round(notifies / runs) };
}

/** A connection to a server's chat, joined to a room, ready to send. */
export interface Sender {
  send(body: string): Promise<void>;
  join(): Promise<void>;
  close(): void;
}

export async function connectSender(url: string, token: string, roomId: string): Promise<Sender> {
  const socket: Socket = io(`${url}/chat`, { path: '/socket.io', auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const ask = async (event: string, payload: object) => {
    const ack = (await socket.timeout(10_000).emitWithAck(event, payload)) as ChatAck<unknown>;
    if (!ack.ok) throw new Error(`${event} refused: ${ack.code} ${ack.message}`);
  };
  return {
    join: () => ask('room:join', { roomId }),
    send: (body) => ask('message:send', { roomId, body }),
    close: () => socket.close(),
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
