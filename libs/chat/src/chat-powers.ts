import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { PowersChanged } from '@hearth/contracts';
import { GrantsService } from '@hearth/credentials';
import { Outbox, outboxTopic, OutboxWorker } from '@hearth/platform';
import { standingIn } from './chat-access';
import { ChatBroadcast } from './chat-broadcast';
import { ChatRepository } from './chat.repository';
import { StandingRepository } from './standing.repository';

const TOPIC = outboxTopic<{ userId: string }>('chat.powers-changed');

/**
 * Makes a change to someone's roles felt in the chat at once, without a reconnect: after
 * the grant, revocation or expiry commits, the outbox worker (woken by the commit) works out
 * their powers in the rooms they are in, takes their connections out of locked rooms they
 * may no longer enter, and tells every one of their connections — on any instance, through
 * the adapter.
 */
@Injectable()
export class ChatPowers implements OnModuleInit {
  constructor(
    private readonly outbox: Outbox,
    private readonly worker: OutboxWorker,
    private readonly standings: StandingRepository,
    private readonly chat: ChatRepository,
    private readonly broadcast: ChatBroadcast,
    private readonly grants: GrantsService,
  ) {}

  onModuleInit(): void {
    this.worker.handle(TOPIC, ({ userId }) => this.push(userId));
  }

  /** A role's new definition may cover other rooms or bring another bundle: its holders' powers change. */
  async roleRedefined(roleKey: string): Promise<void> {
    await this.recheck(await this.grants.holdersOf(roleKey));
  }

  /**
   * After a room's lock or read-only changed, or someone's roles, badges or admin standing
   * (ChatEvents): their standing is worked out and pushed after the commit (within the caller's transaction).
   */
  async recheck(userIds: string[]): Promise<void> {
    for (const userId of new Set(userIds)) await this.outbox.enqueue(TOPIC, { userId });
  }

  async push(userId: string): Promise<void> {
    const [found, roomIds] = await Promise.all([this.standings.member(userId), this.broadcast.roomsOf(userId)]);
    if (!found) return;
    const { member, bannedFrom } = found;
    const [sessions, rooms] = await Promise.all([this.chat.running([...roomIds]), this.chat.roomsByIds([...roomIds])]);
    const change: PowersChanged = { powers: [], closed: [], roles: member.roles.map((role) => ({ key: role.key, bundle: role.bundle })) };
    for (const room of rooms) {
      const roomId = room.id;
      const standing = standingIn(member, room, { bannedUntil: bannedFrom.get(roomId) ?? null, session: sessions.get(roomId) ?? null });
      if (standing.canEnter) {
        change.powers.push({ roomId, powers: standing.powers, probation: standing.probation });
      } else {
        change.closed.push(roomId);
        this.broadcast.toUser(userId, 'room:closed', { roomId, reason: 'locked' });
        this.broadcast.leave(userId, roomId);
        const session = sessions.get(roomId);
        if (session) await this.chat.leaveAll(userId, session.id);
      }
    }
    this.broadcast.toUser(userId, 'role:changed', change);
  }
}
