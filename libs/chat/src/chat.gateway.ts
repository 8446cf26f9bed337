import { createParamDecorator, type ExecutionContext, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ConnectedSocket, type OnGatewayConnection, type OnGatewayDisconnect, type OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { ChatAck, ChatClientEvents, ChatMessage, ChatServerEvents, JoinedRoom } from '@hearth/contracts';
import { AccessTokens, type AuthUser } from '@hearth/identity';
import { DomainError, isDatabaseUnavailable, validateInput } from '@hearth/platform';
import type { Socket } from 'socket.io';
import { ChatBroadcast, type ChatNamespace, roomChannel, signInChannel, userChannel } from './chat-broadcast';
import { ChatError, ChatErrorCode } from './chat.errors';
import { PRESENCE_BEAT_SECONDS } from './chat.repository';
import { JoinRoomDto, RoomRefDto, SocketMessageDto } from './chat.dto';
import { MessagesService } from './messages.service';
import { RoomsService } from './rooms.service';
import { SessionsService } from './sessions.service';

/** Plain data only: other instances read it (`fetchSockets`) through the adapter. */
interface SocketData {
  user: AuthUser;
  userId: string;
}

/**
 * An event's payload, untouched by the HTTP validation pipe: each handler validates it
 * itself (validateInput), so that every refusal reaches the client as an acknowledgement.
 */
const Payload = createParamDecorator((_: unknown, context: ExecutionContext) => context.switchToWs().getData<unknown>());

/**
 * Joins one connection may make in JOINS_WINDOW_MS: plenty for a person moving between
 * rooms, not for a loop (each join reads the room, its lock and a page of history). Counted
 * per connection, in memory (a connection lives on one instance). Leaving is never refused:
 * a refused leave would keep counting someone's time in a room they left.
 */
const JOINS_PER_WINDOW = 20;
const JOINS_WINDOW_MS = 10_000;

/** A connection, its events typed from the contracts (ChatClientEvents in, ChatServerEvents out). */
type ChatSocket = Socket<ChatClientEvents, ChatServerEvents, Record<string, never>, SocketData>;

/**
 * The chat's Socket.IO namespace `/chat`. A connection carries an access token
 * (`auth: { token }`): a missing, forged or expired one is refused; when the token runs out
 * while connected, the server says `auth:expired` and drops the connection, and the client
 * comes back with a fresh one (and what it missed). Every event is answered with an
 * acknowledgement, `{ ok: true, data }` or `{ ok: false, code, message }`: a refusal (a
 * locked room, a mute, the rate limit) never disconnects anyone.
 */
@WebSocketGateway({ namespace: '/chat', path: '/socket.io', serveClient: false })
export class ChatGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  private readonly logger = new Logger('ChatGateway');
  /** Each connection's timer for the end of its token, kept out of `socket.data` (a timer does not serialise). */
  private readonly expiries = new WeakMap<Socket, NodeJS.Timeout>();
  private readonly joins = new WeakMap<Socket, { since: number; count: number }>();
  private namespace?: ChatNamespace;
  private beat?: NodeJS.Timeout;

  constructor(
    private readonly tokens: AccessTokens,
    private readonly broadcast: ChatBroadcast,
    private readonly messages: MessagesService,
    private readonly sessions: SessionsService,
    private readonly rooms: RoomsService,
  ) {}

  afterInit(namespace: ChatNamespace): void {
    this.namespace = namespace;
    this.broadcast.attach(namespace);
    // A departure is recorded on disconnect, which a crashed instance never gets to: so each
    // instance vouches for its connections now and then, and a session's end counts a
    // presence nobody vouched for only until it was last seen.
    this.beat = setInterval(() => void this.vouchForConnections(), PRESENCE_BEAT_SECONDS * 1000).unref();
    namespace.use((socket, next) => {
      this.tokens.verify(socket.handshake.auth?.token).then(
        (verified) => {
          if (!verified) return next(Object.assign(new Error('Sign in again: the access token is missing, expired or invalid.'), { data: { code: 'unauthenticated' } }));
          socket.data.user = verified.user;
          socket.data.userId = verified.user.id;
          const left = verified.expiresAt.getTime() - Date.now();
          const expiry = setTimeout(() => {
            socket.emit('auth:expired', { message: 'Your access token ran out; reconnect with a fresh one.' });
            socket.disconnect(true);
          }, Math.max(0, left));
          this.expiries.set(socket, expiry);
          next();
        },
        (error: unknown) => next(error as Error),
      );
    });
  }

  onModuleDestroy(): void {
    clearInterval(this.beat);
  }

  /** Marks this instance's connections as still here (their open presences in running sessions). */
  async vouchForConnections(): Promise<void> {
    const socketIds = [...(this.namespace?.sockets.keys() ?? [])];
    await this.sessions.stillHere(socketIds).catch((error: unknown) => this.logger.warn({ err: error }, 'Could not vouch for the connections here'));
  }

  async handleConnection(socket: ChatSocket): Promise<void> {
    // Everything meant for this person (their powers changed, a removal) reaches every tab, on any instance.
    // And what ends its sign-in (signing out there, or everywhere) closes it.
    await socket.join([userChannel(socket.data.userId), signInChannel(socket.data.user.sessionId)]);
    socket.on('disconnecting', () => {
      for (const channel of socket.rooms) if (channel.startsWith('room:')) this.broadcast.presenceChanged(channel.slice('room:'.length));
    });
  }

  async handleDisconnect(socket: ChatSocket): Promise<void> {
    clearTimeout(this.expiries.get(socket));
    if (socket.data.userId) await this.sessions.left(socket.id).catch((error: unknown) => this.logger.warn({ err: error }, 'Could not record a departure'));
  }

  @SubscribeMessage('room:join')
  join(@ConnectedSocket() socket: ChatSocket, @Payload() body: unknown): Promise<ChatAck<JoinedRoom>> {
    return this.ack(async () => {
      this.countJoin(socket);
      const { roomId, after } = await validateInput(JoinRoomDto, body);
      // Checked, then in the channel, then checked again and caught up: a message committed
      // meanwhile arrives live (the client drops doubles), and a removal or revocation
      // landing meanwhile finds the socket in the channel to take out of it.
      await this.rooms.access(socket.data.user, roomId);
      const channel = roomChannel(roomId);
      const already = socket.rooms.has(channel);
      await socket.join(channel);
      try {
        const joined = await this.messages.join(socket.data.user, roomId, after);
        // The room's view carries its running session, read with the standing: no second look.
        await this.sessions.entered(socket.data.userId, socket.id, roomId, joined.room.session);
        if (!already) this.broadcast.presenceChanged(roomId);
        return joined;
      } catch (error) {
        if (!already) await socket.leave(channel);
        throw error;
      }
    });
  }

  @SubscribeMessage('room:leave')
  leave(@ConnectedSocket() socket: ChatSocket, @Payload() body: unknown): Promise<ChatAck<null>> {
    return this.ack(async () => {
      const { roomId } = await validateInput(RoomRefDto, body);
      const channel = roomChannel(roomId);
      if (!socket.rooms.has(channel)) return null;
      await socket.leave(channel);
      await this.sessions.left(socket.id, roomId);
      this.broadcast.presenceChanged(roomId);
      return null;
    });
  }

  @SubscribeMessage('message:send')
  send(@ConnectedSocket() socket: ChatSocket, @Payload() body: unknown): Promise<ChatAck<ChatMessage>> {
    return this.ack(async () => {
      const { roomId, body: text, clientId } = await validateInput(SocketMessageDto, body);
      if (!socket.rooms.has(roomChannel(roomId))) {
        // Joining first is how a client hears the room; sending without it is a client bug.
        throw new ChatError(ChatErrorCode.NotInRoom, 'Join the room before sending to it.');
      }
      return this.messages.send(socket.data.user, roomId, text, clientId);
    });
  }

  /** Counts a join against the connection's allowance; past it, a `rate-limited` refusal. */
  private countJoin(socket: ChatSocket): void {
    const now = Date.now();
    let window = this.joins.get(socket);
    if (!window || now - window.since >= JOINS_WINDOW_MS) {
      window = { since: now, count: 0 };
      this.joins.set(socket, window);
    }
    if (++window.count > JOINS_PER_WINDOW) {
      const retryAfterSeconds = Math.max(1, Math.ceil((window.since + JOINS_WINDOW_MS - now) / 1000));
      throw new ChatError(ChatErrorCode.RateLimited, `Too many rooms joined in a short time; try again in ${retryAfterSeconds} s.`, retryAfterSeconds);
    }
  }

  /** Runs a handler and turns its outcome into an acknowledgement. */
  private async ack<T>(work: () => Promise<T>): Promise<ChatAck<T>> {
    try {
      return { ok: true, data: await work() };
    } catch (error) {
      if (error instanceof DomainError) {
        const retry = error.headers['Retry-After'];
        const details = error.fieldErrors.map((field) => `${field.field}: ${field.message}`).join('; ');
        return { ok: false, code: error.code, message: details ? `${error.message} ${details}` : error.message, ...(retry ? { retryAfterSeconds: Number(retry) } : {}) };
      }
      if (isDatabaseUnavailable(error)) {
        return { ok: false, code: 'database-unavailable', message: 'The chat cannot reach its database right now; try again in a few seconds.', retryAfterSeconds: 5 };
      }
      this.logger.error({ err: error }, 'A chat event failed');
      return { ok: false, code: 'internal', message: 'Something went wrong on our side; try again.' };
    }
  }
}
