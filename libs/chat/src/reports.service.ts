import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { ChatReport, Page, ReportRequest, ReportStatus } from '@hearth/contracts';
import { type AuthUser, UsersService } from '@hearth/identity';
import { Database, decodeCursor, DEFAULT_PAGE_SIZE, DomainEvents, type HearthConfig, InjectConfig, Outbox, outboxTopic, OutboxWorker, toPage, ValidationFailedError } from '@hearth/platform';
import { standingIn } from './chat-access';
import { ChatBroadcast } from './chat-broadcast';
import { ChatError, ChatErrorCode } from './chat.errors';
import { ChatRepository } from './chat.repository';
import { RoomsService } from './rooms.service';
import { type ReportRow, SanctionsRepository } from './sanctions.repository';
import { StandingRepository } from './standing.repository';

const FILED_TOPIC = outboxTopic<{ reportId: string }>('chat.report-filed');
const ESCALATE_TOPIC = outboxTopic<{ reportId: string }>('chat.report-escalate');

/**
 * Reports of chat messages. Any member who can read a message may report it, with a
 * reason; after the report commits, the room's moderators are told (in the bell, and by
 * e-mail when none of them is connected), and if nobody acts within
 * HEARTH_CHAT_REPORT_ESCALATE_MINUTES the admins are. Acting on a report (a moderation
 * step with its `reportId`) or dismissing it resolves every open report of that message,
 * and each reporter hears the outcome.
 */
@Injectable()
export class ReportsService implements OnModuleInit {
  constructor(
    @InjectConfig() private readonly config: HearthConfig,
    private readonly db: Database,
    private readonly events: DomainEvents,
    private readonly outbox: Outbox,
    private readonly worker: OutboxWorker,
    private readonly chat: ChatRepository,
    private readonly rooms: RoomsService,
    private readonly standings: StandingRepository,
    private readonly sanctions: SanctionsRepository,
    private readonly broadcast: ChatBroadcast,
    private readonly users: UsersService,
  ) {}

  onModuleInit(): void {
    this.worker.handle(FILED_TOPIC, ({ reportId }: { reportId: string }) => this.tellModerators(reportId));
    this.worker.handle(ESCALATE_TOPIC, ({ reportId }: { reportId: string }) => this.escalate(reportId));
  }

  async report(caller: AuthUser, messageId: string, request: ReportRequest): Promise<ChatReport> {
    const reason = (request.reason ?? '').trim();
    if (request.reasonCode === 'other' && !reason) throw new ValidationFailedError([{ field: 'reason', message: 'Say in a few words what is wrong.' }]);
    const message = await this.chat.message(messageId);
    if (!message || message.kind !== 'text') throw new ChatError(ChatErrorCode.MessageNotFound, 'There is no such message.');
    await this.rooms.access(caller, message.roomId);
    if (message.removedAt) throw new ChatError(ChatErrorCode.MessageNotFound, 'This message was removed already.');
    if (message.authorId === caller.id) throw new ChatError(ChatErrorCode.NotAllowed, 'This is your own message; remove it instead.');
    const reportId = await this.db.transaction(async () => {
      const id = await this.sanctions.insertReport({ messageId, roomId: message.roomId, reporterId: caller.id, reasonCode: request.reasonCode, note: reason });
      if (!id) throw new ChatError(ChatErrorCode.AlreadyReported, 'You reported this message already; the room’s moderators have it.');
      await this.outbox.enqueue(FILED_TOPIC, { reportId: id });
      await this.outbox.enqueue(ESCALATE_TOPIC, { reportId: id }, { after: new Date(Date.now() + this.config.chatReportEscalateMinutes * 60_000) });
      return id;
    });
    return (await this.views([(await this.sanctions.report(reportId))!]))[0];
  }

  /** A room's reports, oldest first: its moderators' queue. */
  async queue(caller: AuthUser, roomId: string, query: { status?: ReportStatus; cursor?: string; limit?: number }): Promise<Page<ChatReport>> {
    await this.requireModerator(caller, roomId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.sanctions.reportsPage(roomId, query.status ?? 'open', decodeCursor(query.cursor, ['timestamp', 'uuid']), limit);
    const page = toPage(rows, limit, (row) => [row.createdKey, row.id], (row) => row);
    return { items: await this.views(page.items), nextCursor: page.nextCursor };
  }

  /** Nothing to act on: the message's open reports are closed, and their reporters told why. */
  async dismiss(caller: AuthUser, reportId: string, note: string): Promise<ChatReport> {
    const report = await this.sanctions.report(reportId);
    if (!report) throw new ChatError(ChatErrorCode.ReportNotFound, 'There is no such report.');
    await this.requireModerator(caller, report.roomId);
    const text = note.trim();
    if (!text) throw new ValidationFailedError([{ field: 'note', message: 'Say why; the person who reported it is told.' }]);
    await this.db.transaction(async () => {
      const resolved = await this.resolve(report.messageId, { status: 'dismissed', by: caller.id, note: text, sanctionId: null }, report.roomName);
      if (resolved === 0) throw new ChatError(ChatErrorCode.ReportResolved, 'This report was dealt with already.');
      await this.events.publish('chat.moderated', {
        roomId: report.roomId,
        action: 'report_dismissed',
        actorId: caller.id,
        userId: null,
        messageId: report.messageId,
        minutes: null,
        sanctionId: null,
        reasonCode: null,
        reason: text,
      });
    });
    return (await this.views([(await this.sanctions.report(reportId))!]))[0];
  }

  /** Within a transaction: the message's open reports resolved, each reporter told. How many there were. */
  async resolve(messageId: string, outcome: { status: 'actioned' | 'dismissed'; by: string; note: string | null; sanctionId: string | null }, roomName: string): Promise<number> {
    const resolved = await this.sanctions.resolveReports(messageId, outcome);
    for (const report of resolved) {
      await this.events.publish('chat.report_resolved', {
        reportId: report.id,
        roomId: report.roomId,
        roomName,
        reporterId: report.reporterId,
        outcome: outcome.status,
        note: outcome.note,
        actorId: outcome.by,
      });
    }
    return resolved.length;
  }

  /** After a report commits: the moderators who may enter the room hear, by e-mail too when none of them is connected. */
  private async tellModerators(reportId: string): Promise<void> {
    const report = await this.sanctions.report(reportId);
    if (!report || report.status !== 'open') return;
    const room = (await this.chat.room(report.roomId))!;
    const moderators = (await this.standings.holdersCovering(room, 'moderator'))
      .filter(({ member, bannedUntil }) => member.userId !== report.reporterId && standingIn(member, room, { bannedUntil, session: null }).canEnter)
      .map(({ member }) => member.userId);
    if (moderators.length === 0) return this.escalate(reportId);
    const connected = await this.broadcast.connected(moderators);
    await this.db.transaction(() =>
      this.events.publish('chat.reported', {
        reportId,
        roomId: report.roomId,
        roomName: report.roomName,
        messageId: report.messageId,
        reporterId: report.reporterId,
        moderatorIds: moderators,
        emailUserIds: connected.size === 0 ? moderators : [],
      }),
    );
    for (const id of moderators) this.broadcast.toUser(id, 'report:new', { roomId: report.roomId, reportId });
  }

  /** Nobody acted in time (or nobody moderates the room): the admins hear, once. */
  private async escalate(reportId: string): Promise<void> {
    const report = await this.sanctions.report(reportId);
    if (!report || report.status !== 'open' || report.escalatedAt) return;
    const admins = (await this.standings.admins()).filter((id) => id !== report.reporterId);
    await this.db.transaction(async () => {
      if (!(await this.sanctions.escalate(reportId))) return;
      await this.events.publish('chat.report_escalated', { reportId, roomId: report.roomId, roomName: report.roomName, adminIds: admins });
    });
  }

  private async requireModerator(caller: AuthUser, roomId: string): Promise<void> {
    const me = await this.rooms.access(caller, roomId);
    if (!me.standing.powers.includes('moderate')) throw new ChatError(ChatErrorCode.NotAllowed, 'Only the room’s moderators see its reports.');
  }

  private async views(rows: ReportRow[]): Promise<ChatReport[]> {
    const messages = await this.chat.messagesByIds(rows.map((row) => row.messageId));
    const [views, people] = await Promise.all([
      this.rooms.messageViews([...messages.values()]),
      this.users.summaries(rows.flatMap((row) => [row.reporterId, ...(row.resolvedBy ? [row.resolvedBy] : [])])),
    ]);
    const byId = new Map(views.map((view) => [view.id, view]));
    return rows.flatMap((row) => {
      const message = byId.get(row.messageId);
      const reporter = people.get(row.reporterId);
      if (!message || !reporter) return [];
      // Staff read a removed message's text: it is what they act on.
      const text = messages.get(row.messageId)!;
      return [
        {
          id: row.id,
          room: { id: row.roomId, name: row.roomName },
          message: { ...message, body: text.body, bodyHtml: text.bodyHtml },
          reporter,
          reasonCode: row.reasonCode,
          reason: row.note,
          status: row.status,
          createdAt: row.createdAt.toISOString(),
          escalatedAt: row.escalatedAt?.toISOString() ?? null,
          resolvedBy: row.resolvedBy ? (people.get(row.resolvedBy) ?? null) : null,
          resolvedAt: row.resolvedAt?.toISOString() ?? null,
          outcomeNote: row.outcomeNote,
        },
      ];
    });
  }
}
