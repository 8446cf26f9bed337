import { effect, inject, Injectable, signal, untracked } from '@angular/core';
import type { ChatClientAnswer, ChatClientEvent, ChatClientEvents, ChatClientRequest, ChatServerEvent, ChatServerEvents, ChatServerPayload } from '@hearth/contracts';
import { firstValueFrom, Observable, Subject } from 'rxjs';
import { io, type Socket } from 'socket.io-client';
import { Session } from '../identity/session';
import { ApiError } from '../platform/api-error';

/** How long a request waits for the server's acknowledgement. */
const ACK_TIMEOUT_MS = 10_000;

/**
 * The page's one connection to the chat (`/chat` over Socket.IO), opened on first use.
 * It authenticates with the in-memory access token; when the server refuses it or drops
 * the connection because the token ran out (`auth:expired`), the token is refreshed and
 * the connection made again. Every (re)connection is announced on `connects`, so a room
 * view joins again and catches up on what it missed.
 */
@Injectable({ providedIn: 'root' })
export class ChatSocket {
  private readonly session = inject(Session);
  private socket: Socket<ChatServerEvents, ChatClientEvents> | null = null;
  private readonly connectsSubject = new Subject<void>();

  readonly connected = signal(false);
  /** Why the chat is not connected, for the page to show. */
  readonly problem = signal<string | null>(null);
  readonly connects: Observable<void> = this.connectsSubject.asObservable();

  constructor() {
    // Signing out closes the chat too.
    effect(() => {
      if (!this.session.signedIn()) untracked(() => this.close());
    });
  }

  /** Opens the connection if it is not open yet. */
  open(): void {
    if (this.socket) return;
    const socket = io('/chat', {
      path: '/socket.io',
      transports: ['websocket'],
      // Read at every (re)connection, so a refreshed token is used.
      auth: (send) => send({ token: this.session.accessToken() ?? '' }),
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.connected.set(true);
      this.problem.set(null);
      this.connectsSubject.next();
    });
    socket.on('disconnect', (reason) => {
      this.connected.set(false);
      // The server closed it (a token that ran out): come back with a fresh token.
      if (reason === 'io server disconnect') void this.reconnectWithFreshToken();
      else this.problem.set('Reconnecting to the chat…');
    });
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      if (error.data?.code === 'unauthenticated') void this.reconnectWithFreshToken();
      else this.problem.set('The chat cannot be reached; trying again…');
    });
  }

  /** Closes the connection (signing out). */
  close(): void {
    this.socket?.close();
    this.socket = null;
    this.connected.set(false);
  }

  /** Server events of one kind (typed by ChatServerEvents), for as long as the subscriber listens. */
  on<K extends ChatServerEvent>(event: K): Observable<ChatServerPayload<K>> {
    return new Observable<ChatServerPayload<K>>((subscriber) => {
      this.open();
      // Socket.IO's own typing cannot follow one generic event name through on/off: one cast, here.
      const socket = this.socket! as unknown as { on(event: string, listener: (payload: ChatServerPayload<K>) => void): void; off(event: string, listener: (payload: ChatServerPayload<K>) => void): void };
      const listener = (payload: ChatServerPayload<K>) => subscriber.next(payload);
      socket.on(event, listener);
      return () => socket.off(event, listener);
    });
  }

  /** Sends an event (typed by ChatClientEvents) and resolves with the server's acknowledgement; a lost connection or no answer is a failure too. */
  async request<K extends ChatClientEvent>(event: K, body: ChatClientRequest<K>): Promise<ChatClientAnswer<K>> {
    this.open();
    const socket = this.socket!;
    if (!socket.connected) return { ok: false, code: 'offline', message: 'Not connected to the chat right now; try again in a moment.' };
    try {
      const timed = socket.timeout(ACK_TIMEOUT_MS) as unknown as { emitWithAck(event: K, body: ChatClientRequest<K>): Promise<ChatClientAnswer<K>> };
      return await timed.emitWithAck(event, body);
    } catch {
      return { ok: false, code: 'timeout', message: 'The chat did not answer in time; try again.' };
    }
  }

  private async reconnectWithFreshToken(): Promise<void> {
    try {
      await firstValueFrom(this.session.refreshOnce());
    } catch (error) {
      this.problem.set('Your session has ended. Sign in again to use the chat.');
      this.close();
      // The server said no (signed out from elsewhere): the whole app is signed out, not only the chat.
      if (ApiError.from(error).status === 401) this.session.expired();
      return;
    }
    this.socket?.connect();
  }
}
