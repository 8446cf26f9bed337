import { Injectable } from '@nestjs/common';
import { type AppealCase, type AppealStatus, type Page, type Sanction } from '@hearth/contracts';
import { GrantsService } from '@hearth/credentials';
import { type AuthUser, UsersService } from '@hearth/identity';
import { Database, decodeCursor, DEFAULT_PAGE_SIZE, DomainError, DomainEvents, toPage, ValidationFailedError } from '@hearth/platform';
import { ChatBroadcast } from './chat-broadcast';
import { ChatError, ChatErrorCode } from './chat.errors';
import { ChatRepository } from './chat.repository';
import { RoomsService } from './rooms.service';
import { type SanctionViewer, SanctionViews } from './sanction-views';
import { type SanctionRow, SanctionsRepository } from './sanctions.repository';
import { StandingRepository } from './standing.repository';

/**
 * Appeals: the person a sanction names asks an admin to look again, once per sanction,
 * within APPEAL_DAYS. An admin confirms it (it stands) or overturns it: a mute or removal
 * is lifted, a removed message comes back, a suspended role is reinstated, and the step
 * stops counting on the ladder. The person is told either way, and the decision is audited.
 */
@Injectable()
export class AppealsService {
  constructor(
    private readonly db: Database,
    private readonly events: DomainEvents,
    private readonly chat: ChatRepository,
    private readonly rooms: RoomsService,
    private readonly sanctions: SanctionsRepository,
    private readonly standings: StandingRepository,
    private readonly views: SanctionViews,
    private readonly grants: GrantsService,
    private readonly users: UsersService,
    private readonly broadcast: ChatBroadcast,
  ) {}

  /** My moderation record: every step taken against me, with its appeal. */
  async mine(caller: AuthUser): Promise<Sanction[]> {
    return this.views.of(await this.sanctions.ofUser(caller.id), { userId: caller.id, admin: false });
  }

  /** One sanction: for the person it names, the room's moderators and admins; not found for anyone else. */
  async one(caller: AuthUser, sanctionId: string): Promise<Sanction> {
    const row = await this.sanctions.find(sanctionId);
    if (!row) throw sanctionNotFound();
    const viewer = await this.viewer(caller, row);
    if (!viewer) throw sanctionNotFound();
    return (await this.views.of([row], viewer))[0];
  }

  async appeal(caller: AuthUser, sanctionId: string, body: string): Promise<Sanction> {
    const text = body.trim();
    if (!text) throw new ValidationFailedError([{ field: 'body', message: 'Say why the step was wrong, or what the moderator did not know.' }]);
    const row = await this.sanctions.find(sanctionId);
    if (!row || row.userId !== caller.id) throw sanctionNotFound();
    const [view] = await this.views.of([row], { userId: caller.id, admin: false });
    if (!view.canAppeal) {
      throw new ChatError(
        ChatErrorCode.AppealClosed,
        view.appeal ? 'You appealed this already; an admin decides.' : view.liftedAt ? 'This step was lifted already.' : 'Appeals are made within 14 days of the step.',
      );
    }
    const admins = (await this.standings.admins()).filter((id) => id !== caller.id);
    await this.db.transaction(async () => {
      const appealId = await this.sanctions.insertAppeal({ sanctionId, userId: caller.id, body: text });
      if (!appealId) throw new ChatError(ChatErrorCode.AppealClosed, 'You appealed this already; an admin decides.');
      await this.events.publish('chat.appealed', { appealId, sanctionId, userId: caller.id, roomId: row.roomId, roomName: row.roomName, adminIds: admins });
    });
    return this.one(caller, sanctionId);
  }

  /** The admins' queue, oldest first. */
  async queue(caller: AuthUser, query: { status?: AppealStatus; cursor?: string; limit?: number }): Promise<Page<AppealCase>> {
    await this.users.requireAdmin(caller);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.sanctions.appealsPage(query.status ?? 'pending', decodeCursor(query.cursor, ['timestamp', 'uuid']), limit);
    const page = toPage(rows, limit, (row) => [row.createdKey, row.id], (row) => row);
    const sanctions = new Map((await this.views.of(await this.sanctions.findMany(page.items.map((row) => row.sanctionId)), { userId: caller.id, admin: true })).map((view) => [view.id, view]));
    return {
      nextCursor: page.nextCursor,
      items: page.items.flatMap((row) => {
        const sanction = sanctions.get(row.sanctionId);
        return sanction?.appeal ? [{ appeal: sanction.appeal, sanction }] : [];
      }),
    };
  }

  async decide(caller: AuthUser, appealId: string, outcome: 'confirmed' | 'overturned', note: string): Promise<AppealCase> {
    await this.users.requireAdmin(caller);
    const text = note.trim();
    if (!text) throw new ValidationFailedError([{ field: 'note', message: 'Say why; the person is told.' }]);
    const found = await this.sanctions.appeal(appealId);
    if (!found) throw new ChatError(ChatErrorCode.AppealNotFound, 'There is no such appeal.');
    if (found.userId === caller.id) throw new ChatError(ChatErrorCode.NotAllowed, 'Another admin decides your own appeal.');
    if ((await this.sanctions.find(found.sanctionId))?.actorId === caller.id) throw new ChatError(ChatErrorCode.NotAllowed, 'You took this step; another admin decides its appeal.');
    const lifted = await this.db.transaction(async () => {
      const appeal = (await this.sanctions.lockAppeal(appealId))!;
      if (appeal.status !== 'pending') throw new ChatError(ChatErrorCode.AppealDecided, `This appeal was ${appeal.status} already.`);
      const sanction = (await this.sanctions.lock(appeal.sanctionId))!;
      await this.sanctions.decideAppeal(appeal.id, outcome, caller.id, text);
      if (outcome === 'overturned') await this.overturn(caller, sanction, text);
      await this.events.publish('chat.moderated', {
        roomId: sanction.roomId,
        action: outcome === 'overturned' ? 'appeal_overturned' : 'appeal_confirmed',
        actorId: caller.id,
        userId: sanction.userId,
        messageId: sanction.messageId,
        minutes: null,
        sanctionId: sanction.id,
        reasonCode: null,
        reason: text,
      });
      await this.events.publish('chat.appeal_decided', {
        appealId,
        sanctionId: sanction.id,
        userId: sanction.userId,
        roomId: sanction.roomId,
        roomName: sanction.roomName,
        outcome,
        note: text,
        actorId: caller.id,
      });
      return outcome === 'overturned' ? sanction : null;
    });
    if (lifted) await this.afterOverturn(lifted);
    const [sanction] = await this.views.of([(await this.sanctions.find(found.sanctionId))!], { userId: caller.id, admin: true });
    return { appeal: sanction.appeal!, sanction };
  }

  /** Undoes what the step did, inside the decision's transaction. */
  private async overturn(caller: AuthUser, sanction: SanctionRow, note: string): Promise<void> {
    await this.sanctions.lift(sanction.id, caller.id);
    if (sanction.kind === 'message_removed' && sanction.messageId) await this.chat.restoreMessage(sanction.messageId);
    if (sanction.kind === 'role_suspended' && sanction.grantId) {
      // Only the suspension this step made (it began with the step, in its transaction): not one that came after it.
      await this.grants.reinstateSuspended(caller, sanction.grantId, sanction.createdAt, `Appeal upheld: ${note}`);
    }
  }

  /** Once committed: the room hears a lifted mute, a restored message comes back for everyone in it. */
  private async afterOverturn(sanction: SanctionRow): Promise<void> {
    if (sanction.kind === 'mute') this.broadcast.toRoom(sanction.roomId, 'member:muted', { roomId: sanction.roomId, userId: sanction.userId, until: null });
    if (sanction.kind === 'message_removed' && sanction.messageId) {
      const restored = await this.chat.message(sanction.messageId);
      if (restored) this.broadcast.toRoom(sanction.roomId, 'message:new', (await this.rooms.messageViews([restored]))[0]);
    }
  }

  /** How the caller may read a sanction: as its person, an admin, or a moderator of its room; null for anyone else. */
  private async viewer(caller: AuthUser, row: SanctionRow): Promise<SanctionViewer | null> {
    if (row.userId === caller.id) return { userId: caller.id, admin: false };
    const me = await this.rooms.read(caller.id, row.roomId).catch((error: unknown) => {
      // A room gone from the caller's sight makes them no staff of it.
      if (error instanceof DomainError) return null;
      throw error;
    });
    if (!me || !me.standing.powers.includes('moderate')) return null;
    return { userId: caller.id, admin: me.member.admin };
  }
}

const sanctionNotFound = () => new ChatError(ChatErrorCode.SanctionNotFound, 'There is no such moderation step, or it is not yours to see.');
