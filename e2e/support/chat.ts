import type { ChatAck } from '@hearth/contracts';
import { io, type Socket } from 'socket.io-client';

/** A chat connection as a client makes it, with helpers to send and to wait for events. */
export interface ChatClient {
  socket: Socket;
  /** Sends an event and resolves with its acknowledgement. */
  request<T>(event: string, body: unknown): Promise<ChatAck<T>>;
  /** The next `event` (optionally one that `where` accepts), or a failure after `timeoutMs`. */
  next<T>(event: string, where?: (payload: T) => boolean, timeoutMs?: number): Promise<T>;
  /** Every `event` received so far. */
  received<T>(event: string): T[];
  close(): void;
}

export function connectChat(baseUrl: string, token: string | undefined): Promise<ChatClient> {
  const socket = io(`${baseUrl}/chat`, { path: '/socket.io', auth: token === undefined ? {} : { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  const log = new Map<string, unknown[]>();
  socket.onAny((event: string, payload: unknown) => log.set(event, [...(log.get(event) ?? []), payload]));
  const client: ChatClient = {
    socket,
    request: (event, body) => socket.timeout(5000).emitWithAck(event, body),
    next: <T>(event: string, where: (payload: T) => boolean = () => true, timeoutMs = 5000) =>
      new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          socket.off(event, listener);
          reject(new Error(`No ${event} within ${timeoutMs} ms`));
        }, timeoutMs);
        const listener = (payload: T) => {
          if (!where(payload)) return;
          clearTimeout(timer);
          socket.off(event, listener);
          resolve(payload);
        };
        socket.on(event, listener);
      }),
    received: (event) => (log.get(event) ?? []) as never[],
    close: () => socket.close(),
  };
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}
