import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { UserSignedOut } from '@hearth/contracts';
import { Outbox, outboxTopic, OutboxWorker } from '@hearth/platform';
import { ChatBroadcast } from './chat-broadcast';

const TOPIC = outboxTopic<Pick<UserSignedOut, 'sessionIds'>>('chat.signed-out');

/**
 * A sign-in that ended (signed out, out everywhere, a reset password) takes its chat
 * connections with it, on every instance: once the ending commits, the outbox worker tells
 * them `auth:ended` and closes them. A connection opened with an access token of that
 * session afterwards is refused at the handshake (AccessTokens.verify).
 */
@Injectable()
export class ChatSignOuts implements OnModuleInit {
  constructor(
    private readonly outbox: Outbox,
    private readonly worker: OutboxWorker,
    private readonly broadcast: ChatBroadcast,
  ) {}

  onModuleInit(): void {
    this.worker.handle(TOPIC, async ({ sessionIds }) => this.broadcast.endSignIns(sessionIds));
  }

  /** Sign-ins that just ended (ChatEvents): their connections close once the ending commits. */
  ended(sessionIds: string[]): Promise<void> {
    return this.outbox.enqueue(TOPIC, { sessionIds });
  }
}
