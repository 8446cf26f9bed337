import { Injectable } from '@nestjs/common';
import type { ChatClientEvents, ChatServerEvent, ChatServerEvents, ChatServerPayload } from '@hearth/contracts';
import type { Namespace } from 'socket.io';

/** The chat's namespace, its events typed from the contracts. */
export type ChatNamespace = Namespace<ChatClientEvents, ChatServerEvents>;

/** The Socket.IO room that carries a chat room's events, and the one that reaches a person's connections. */
export const roomChannel = (roomId: string) => `room:${roomId}`;
export const userChannel = (userId: string) => `user:${userId}`;
/** The connections opened under one sign-in (session) of a person. */
export const signInChannel = (sessionId: string) => `sign-in:${sessionId}`;

const PRESENCE_HINT_MS = 250;

/**
 * Sends to connected clients, on every Hearth instance (the Postgres adapter carries it).
 * Services call it after their transaction commits, never inside it: a client must not
 * hear of a change that could still roll back.
 */
@Injectable()
export class ChatBroadcast {
  private server: ChatNamespace | null = null;
  private readonly presenceHints = new Map<string, NodeJS.Timeout>();

  attach(server: ChatNamespace): void {
    this.server = server;
  }

  toRoom<K extends ChatServerEvent>(roomId: string, event: K, payload: ChatServerPayload<K>): void {
    this.server?.to(roomChannel(roomId)).emit(event, ...([payload] as Parameters<ChatServerEvents[K]>));
  }

  toUser<K extends ChatServerEvent>(userId: string, event: K, payload: ChatServerPayload<K>): void {
    this.server?.to(userChannel(userId)).emit(event, ...([payload] as Parameters<ChatServerEvents[K]>));
  }

  /**
   * Someone came or went: clients showing who is here ask again (`GET /chat/rooms/:id/people`).
   * At most one hint per room every PRESENCE_HINT_MS: a crowd arriving at once makes one
   * round of re-reads, not one per arrival for each person present.
   */
  presenceChanged(roomId: string): void {
    if (this.presenceHints.has(roomId)) return;
    const timer = setTimeout(() => {
      this.presenceHints.delete(roomId);
      this.toRoom(roomId, 'room:presence', { roomId });
    }, PRESENCE_HINT_MS);
    timer.unref();
    this.presenceHints.set(roomId, timer);
  }

  /** Takes every connection, on every instance, out of a room (archived). */
  empty(roomId: string): void {
    this.server?.in(roomChannel(roomId)).socketsLeave(roomChannel(roomId));
  }

  /** Takes someone's connections, wherever they are, out of a room. */
  leave(userId: string, roomId: string): void {
    this.server?.in(userChannel(userId)).socketsLeave(roomChannel(roomId));
    this.presenceChanged(roomId);
  }

  /** Closes every connection opened under these sign-ins, on every instance, after telling them why. */
  endSignIns(sessionIds: string[]): void {
    if (!this.server || sessionIds.length === 0) return;
    const channels = sessionIds.map(signInChannel);
    this.server.to(channels).emit('auth:ended', { message: 'You signed out of this session. Sign in again to chat.' });
    this.server.in(channels).disconnectSockets(true);
  }

  /** The rooms someone's connections are in now, across instances. */
  async roomsOf(userId: string): Promise<Set<string>> {
    if (!this.server) return new Set();
    const sockets = await this.server.in(userChannel(userId)).fetchSockets();
    const rooms = new Set<string>();
    for (const socket of sockets) for (const room of socket.rooms) if (room.startsWith('room:')) rooms.add(room.slice('room:'.length));
    return rooms;
  }

  /** Which of these people have a connection open now, on any instance. */
  async connected(userIds: string[]): Promise<Set<string>> {
    if (!this.server || userIds.length === 0) return new Set();
    const sockets = await this.server.in(userIds.map(userChannel)).fetchSockets();
    return new Set(sockets.flatMap((socket) => (socket.data?.userId ? [socket.data.userId as string] : [])));
  }

  /** The people connected to a room now, with their connection ids, across instances. */
  async present(roomId: string): Promise<Array<{ userId: string; socketId: string }>> {
    if (!this.server) return [];
    const sockets = await this.server.in(roomChannel(roomId)).fetchSockets();
    return sockets.flatMap((socket) => (socket.data?.userId ? [{ userId: socket.data.userId as string, socketId: socket.id }] : []));
  }
}
