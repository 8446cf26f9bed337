import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/postgres-adapter';
import { Pool, type PoolClient } from 'pg';
import type { Namespace, Server, ServerOptions } from 'socket.io';
import { Adapter, type BroadcastOptions, type ClusterAdapter, MessageType } from 'socket.io-adapter';

/**
 * Socket.IO with the Postgres adapter: every Hearth instance on the same database shares
 * rooms and events (a message, a revocation taking someone out of a room) through
 * LISTEN/NOTIFY, and through the `socket_io_attachment` table for large packets. No other
 * infrastructure.
 */
export class PostgresIoAdapter extends IoAdapter {
  private readonly pool: ListeningPool;

  constructor(app: INestApplicationContext, databaseUrl: string) {
    super(app);
    this.pool = new ListeningPool(new Pool({ connectionString: databaseUrl, max: 4, application_name: 'hearth-sockets' }));
  }

  override createIOServer(port: number, options?: Partial<ServerOptions>): Server {
    const server = super.createIOServer(port, options as ServerOptions) as Server;
    server.adapter(localFirst(createAdapter(this.pool as unknown as Pool, { tableName: 'socket_io_attachment', errorHandler: () => undefined })));
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await this.pool.close();
  }
}

/**
 * The pool as the adapter sees it. The adapter keeps one client checked out for LISTEN and
 * sets it up in the background; an app closed before that finished (a quick restart, a
 * short test) would leave it checked out and `pool.end()` waiting for ever. So every client
 * handed out is tracked and let go at close, and none is handed out after it.
 */
class ListeningPool {
  private closed = false;
  private readonly handedOut = new Set<PoolClient>();
  private connecting: Promise<unknown> = Promise.resolve();

  constructor(private readonly pool: Pool) {
    // pg guards only idle clients; a dropped connection is reopened by the adapter.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
  }

  query(text: string, values?: unknown[]) {
    return this.pool.query(text, values);
  }

  connect(): Promise<PoolClient> {
    // After close the adapter waits for ever: no reconnection loop keeps the process alive.
    if (this.closed) return new Promise(() => undefined);
    const acquiring = this.pool.connect();
    // close() waits for this acquisition only, never for the adapter's use of it.
    this.connecting = acquiring.catch(() => undefined);
    return acquiring.then((client) => {
      if (this.closed) {
        client.release(true);
        return new Promise<PoolClient>(() => undefined);
      }
      this.track(client);
      return client;
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.connecting;
    for (const client of [...this.handedOut]) {
      client.removeAllListeners('end');
      client.removeAllListeners('notification');
      client.release(true);
    }
    await this.pool.end().catch(() => undefined);
  }

  private track(client: PoolClient): void {
    this.handedOut.add(client);
    const release = client.release.bind(client);
    client.release = (destroy?: boolean | Error) => {
      if (!this.handedOut.delete(client)) return;
      release(destroy);
    };
    // The adapter takes a new client when its connection drops and never returns the dead
    // one: give it back to the pool (destroyed), or four drops would fill the pool.
    client.once('end', () => client.release(true));
  }
}

/**
 * The adapter, not waiting for the database before delivering here: the cluster adapter
 * publishes a broadcast (a NOTIFY) and delivers it locally only once the database has
 * answered, so even with one instance every message waited a round trip more. Here the
 * NOTIFY is sent and the local delivery follows on the next turn of the event loop; the
 * other instances hear through the database as before. Local steps that come after a
 * broadcast (taking sockets out of a room just told it is closed, say) wait behind it in
 * the same first-in, first-out queue, so each connection sees everything in the order it
 * was done.
 */
function localFirst(factory: (nsp: Namespace) => Adapter): (nsp: Namespace) => Adapter {
  // A function, not an arrow: Socket.IO calls it with `new` (and gets back the object it returns).
  return function (nsp: Namespace) {
    const adapter = factory(nsp) as unknown as ClusterAdapter & { publishAndReturnOffset(message: object): Promise<string> };
    const queue: Array<() => void> = [];
    const flush = () => {
      while (queue.length > 0) queue.shift()!();
    };
    const inTurn = (step: () => void) => {
      if (queue.push(step) === 1) setImmediate(flush);
    };
    const both = adapter.broadcast.bind(adapter);
    adapter.broadcast = (packet: unknown, opts: BroadcastOptions) => {
      if (opts.flags?.local) {
        inTurn(() => void both(packet, opts));
        return Promise.resolve();
      }
      const encoded = { rooms: [...opts.rooms], except: [...(opts.except ?? [])], flags: opts.flags };
      adapter.publishAndReturnOffset({ type: MessageType.BROADCAST, data: { packet, opts: encoded } }).catch(() => undefined);
      inTurn(() => Adapter.prototype.broadcast.call(adapter, packet, opts));
      return Promise.resolve();
    };
    for (const method of ['addSockets', 'delSockets', 'disconnectSockets'] as const) {
      const original = (adapter[method] as (...args: unknown[]) => unknown).bind(adapter);
      (adapter as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        if (queue.length === 0) return original(...args);
        inTurn(() => void original(...args));
      };
    }
    return adapter as unknown as Adapter;
  };
}
