import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/postgres-adapter';
import { Pool } from 'pg';
import type { Server, ServerOptions } from 'socket.io';

/**
 * Socket.IO with the Postgres adapter: every Hearth instance on the same database shares
 * rooms and events (a message, a revocation taking someone out of a room) through
 * LISTEN/NOTIFY, and through the `socket_io_attachment` table for large packets. No other
 * infrastructure.
 */
export class PostgresIoAdapter extends IoAdapter {
  private readonly pool: Pool;

  constructor(app: INestApplicationContext, databaseUrl: string) {
    super(app);
    this.pool = new Pool({ connectionString: databaseUrl, max: 4, application_name: 'hearth-sockets' });
    // The adapter keeps one client checked out for LISTEN; pg only guards idle clients, so
    // every client gets its own handler. A dropped connection is reopened by the adapter.
    this.pool.on('error', () => undefined);
    this.pool.on('connect', (client) => client.on('error', () => undefined));
  }

  override createIOServer(port: number, options?: Partial<ServerOptions>): Server {
    const server = super.createIOServer(port, options as ServerOptions) as Server;
    server.adapter(createAdapter(this.pool, { tableName: 'socket_io_attachment', errorHandler: () => undefined }));
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await this.pool.end().catch(() => undefined);
  }
}
