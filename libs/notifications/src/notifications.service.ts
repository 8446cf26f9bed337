import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type EmailPreferences, type EmailPreferencesRequest, type NotificationView, type Page, SANCTION_REASON_NAMES, sanctionHeadline, type SanctionKind, type SanctionReason } from '@hearth/contracts';
import { type AuthUser, UsersService } from '@hearth/identity';
import { Database, decodeCursor, DEFAULT_PAGE_SIZE, type HearthConfig, InjectConfig, Jobs, Mailer, Outbox, outboxTopic, OutboxWorker, RETENTION_CRON, toPage, ValidationFailedError } from '@hearth/platform';
import { type NotificationRow, NotificationRepository } from './notification.repository';

const EMAIL_TOPIC = outboxTopic<{ notificationId: string }>('notification.email');
const DIGEST_TOPIC = outboxTopic<{ userId: string; notificationIds: string[] }>('notification.digest');
/** Every morning (UTC): one e-mail per person with what they chose to have once a day. */
const DAILY_DIGEST = { name: 'notifications-daily-digest', cron: '0 7 * * *' };
const ROLES_PAGE = '/roles';

/**
 * In-app notifications, and the same by e-mail (each one, once a day, or not at all, as
 * each person chose). NotificationsEvents (notifications.events.ts) writes them in the
 * transaction of the change that caused them; the e-mail goes through the outbox, so a
 * mail server that is down delays the mail and never the change.
 */
@Injectable()
export class NotificationsService implements OnModuleInit {
  constructor(
    @InjectConfig() private readonly config: HearthConfig,
    private readonly notifications: NotificationRepository,
    private readonly outbox: Outbox,
    private readonly worker: OutboxWorker,
    private readonly mailer: Mailer,
    private readonly users: UsersService,
    private readonly jobs: Jobs,
    private readonly db: Database,
  ) {}

  onModuleInit(): void {
    // Notifications older than HEARTH_RETENTION_NOTIFICATIONS_DAYS, read or not, go in the nightly purge.
    this.jobs.schedule('notifications.retention', RETENTION_CRON, async () => {
      await this.notifications.deleteOlderThan(this.config.retentionDays.notifications);
    });
    this.worker.handle(EMAIL_TOPIC, ({ notificationId }: { notificationId: string }) => this.email(notificationId));
    this.jobs.schedule(DAILY_DIGEST.name, DAILY_DIGEST.cron, () => this.queueDailyDigests());
    this.worker.handle(DIGEST_TOPIC, ({ userId, notificationIds }: { userId: string; notificationIds: string[] }) => this.emailDigest(userId, notificationIds));
  }

  /**
   * Queues today's daily e-mails: for each person who chose one, what is unread of those
   * kinds, taken and queued in one transaction per person (so it goes in exactly one e-mail,
   * which the outbox sends and retries).
   */
  async queueDailyDigests(): Promise<void> {
    for (const userId of await this.notifications.dailyReaders()) {
      await this.db.transaction(async () => {
        const notificationIds = await this.notifications.takeForDigest(userId);
        if (notificationIds.length > 0) await this.outbox.enqueue(DIGEST_TOPIC, { userId, notificationIds });
      });
    }
  }

  async list(caller: AuthUser, query: { cursor?: string; limit?: number }): Promise<Page<NotificationView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, ['timestamp', 'uuid']);
    const rows = await this.notifications.pageFor(caller.id, after, limit);
    const page = toPage(rows, limit, (row) => [row.createdKey, row.id], (row) => row);
    return { nextCursor: page.nextCursor, items: await this.views(page.items) };
  }

  /** All of a person's notifications, newest first, as the page words them (their data export). */
  async everyOne(userId: string): Promise<NotificationView[]> {
    return this.views(await this.notifications.allFor(userId));
  }

  private async views(rows: NotificationRow[]): Promise<NotificationView[]> {
    const actors = await this.users.summaries(rows.flatMap((row) => (row.actorId ? [row.actorId] : [])));
    return rows.map((row) => {
      const actor = row.actorId ? (actors.get(row.actorId) ?? null) : null;
      const { text, link } = describe(row, actor?.displayName);
      return { id: row.id, kind: row.kind, actor, text, link, createdAt: row.createdAt.toISOString(), readAt: row.readAt?.toISOString() ?? null };
    });
  }

  async unreadCount(caller: AuthUser): Promise<{ unread: number }> {
    return { unread: await this.notifications.countUnread(caller.id) };
  }

  /** Marks mine read: the ones named, or all. */
  async markRead(caller: AuthUser, ids?: string[]): Promise<{ unread: number }> {
    await this.notifications.markRead(caller.id, ids);
    return this.unreadCount(caller);
  }

  emailPreferences(caller: AuthUser): Promise<EmailPreferences> {
    return this.emailPreferencesOf(caller.id);
  }

  async emailPreferencesOf(userId: string): Promise<EmailPreferences> {
    const rows = await this.notifications.emailDeliveries(userId);
    return { emailOff: rows.filter((row) => row.delivery === 'off').map((row) => row.kind), daily: rows.filter((row) => row.delivery === 'daily').map((row) => row.kind) };
  }

  /** Which kinds the caller does not want by e-mail, and which once a day (the bell still shows them all). */
  async setEmailPreferences(caller: AuthUser, preferences: EmailPreferencesRequest): Promise<EmailPreferences> {
    const off = [...new Set(preferences.emailOff)].sort();
    const daily = [...new Set(preferences.daily ?? [])].sort();
    const both = off.filter((kind) => daily.includes(kind));
    if (both.length > 0) throw new ValidationFailedError([{ field: 'daily', message: `A kind is either off or daily, not both: ${both.join(', ')}.` }]);
    await this.db.transaction(() => this.notifications.setEmailDeliveries(caller.id, off, daily));
    return { emailOff: off, daily };
  }

  /**
   * In the bell, and (unless `email` is false: someone already in the room hears it there)
   * by e-mail: what NotificationsEvents (notifications.events.ts) does for each event it follows.
   */
  async notify(notification: Parameters<NotificationRepository['insertOnce']>[0], options: { email?: boolean } = {}): Promise<void> {
    // Written and its e-mail queued in one statement (the payload, { notificationId }, is built there).
    await this.notifications.insertOnce(notification, options.email !== false ? EMAIL_TOPIC.name : null);
  }

  private async email(notificationId: string): Promise<void> {
    const row = await this.notifications.findToEmail(notificationId);
    // Off, or kept for the person's daily e-mail.
    if (!row || row.emailDelivery !== null) return;
    const people = await this.users.contacts([row.userId, ...(row.actorId ? [row.actorId] : [])]);
    const recipient = people.get(row.userId);
    // An address nobody has confirmed gets no mail but the verification link (it may not be theirs).
    if (!recipient?.emailVerified) return;
    const { text, link, more } = describe(row, row.actorId ? people.get(row.actorId)?.displayName : undefined);
    await this.mailer.send({
      to: recipient.email,
      subject: text,
      text: `Hello ${recipient.displayName},\n\n${text}.${more ? `\n\n${more}` : ''}\n\nOpen it in ${this.config.instanceName}: ${this.config.publicUrl}${link}\n\nYou get this e-mail because of your activity in ${this.config.instanceName}.\n`,
    });
  }

  /** One person's daily e-mail: each notification taken for it, in words with its link. */
  private async emailDigest(userId: string, notificationIds: string[]): Promise<void> {
    const rows = await this.notifications.findMany(notificationIds);
    const people = await this.users.contacts([userId, ...rows.flatMap((row) => (row.actorId ? [row.actorId] : []))]);
    const recipient = people.get(userId);
    if (rows.length === 0 || !recipient?.emailVerified) return;
    const lines = rows.map((row) => {
      const { text, link } = describe(row, row.actorId ? people.get(row.actorId)?.displayName : undefined);
      return `- ${text} (${formatUtc(row.createdAt.toISOString())})\n  ${this.config.publicUrl}${link}`;
    });
    const count = rows.length === 1 ? 'One thing waits' : `${rows.length} things wait`;
    await this.mailer.send({
      to: recipient.email,
      subject: `${count} for you in ${this.config.instanceName}`,
      text: `Hello ${recipient.displayName},\n\n${count} for you since the last daily e-mail:\n\n${lines.join('\n\n')}\n\nYou get this e-mail once a day because you chose so in your e-mail preferences: ${this.config.publicUrl}/account/email-preferences\n`,
    });
  }
}

/** A notification in words, and where it leads: one wording for the page and the e-mail. */
function describe(row: NotificationRow, actorName: string | undefined): { text: string; link: string; more: string | null } {
  const who = actorName ?? 'Someone';
  const thread = `/courses/${row.courseSlug}/items/${row.itemId}#reply-${row.replyId}`;
  const role = `“${row.subject}”`;
  switch (row.kind) {
    case 'mention':
      return { text: `${who} mentioned you in “${row.itemTitle}”`, link: thread, more: null };
    case 'chat_mention':
      return { text: `${who} mentioned you in the chat room “${row.subject}”`, link: `/chat/${row.roomId}`, more: null };
    case 'reply':
      return { text: `${who} replied to your answer in “${row.itemTitle}”`, link: thread, more: null };
    case 'review':
      return {
        text: `${who} reviewed your answer in “${row.itemTitle}”: ${row.detail === 'accepted' ? 'accepted' : 'needs revision'}`,
        link: thread,
        more: null,
      };
    case 'role_granted':
      return row.detail === 'reinstated'
        ? { text: `Your role ${role} is yours again`, link: ROLES_PAGE, more: 'Its powers are back in the chat rooms it covers.' }
        : { text: `You hold the role ${role} now`, link: ROLES_PAGE, more: 'Its powers are yours in the chat rooms it covers.' };
    case 'role_suspended': {
      const { reason, until, cause } = JSON.parse(row.detail ?? '{}') as { reason?: string; until?: string | null; cause?: string };
      const when = until ? `until ${formatUtc(until)}` : cause === 'recertification' ? 'until you redo what changed in its course' : 'until an admin reinstates it';
      return {
        text: `Your role ${role} is suspended ${when}`,
        link: ROLES_PAGE,
        more: `${reason ? `Why: ${reason} ` : ''}Its powers are held back meanwhile; the role and its history stay yours.`,
      };
    }
    case 'role_revoked':
      return { text: `Your role ${role} was revoked`, link: ROLES_PAGE, more: row.detail ? `The reason given: ${row.detail}` : null };
    case 'role_expired':
      return { text: `Your role ${role} has ended`, link: ROLES_PAGE, more: 'You can ask an admin for it again from your roles page.' };
    case 'role_expiring':
      return {
        text: `Your role ${role} ends on ${row.detail ? new Date(row.detail).toISOString().slice(0, 10) : 'a date soon'}`,
        link: ROLES_PAGE,
        more: 'When it ends you can ask an admin for it again; they will look at your record.',
      };
    case 'request_denied':
      return { text: `Your request for the role ${role} was declined`, link: ROLES_PAGE, more: row.detail ? `The reason given: ${row.detail}` : null };
    case 'chat_sanction': {
      const step = JSON.parse(row.detail ?? '{}') as { kind: SanctionKind; minutes: number | null; endsAt: string | null; reasonCode: SanctionReason; reason: string; sanctionId: string };
      const why = `${SANCTION_REASON_NAMES[step.reasonCode] ?? 'A reason given'}${step.reason ? ` — “${step.reason}”` : ''}`;
      return {
        text: sanctionHeadline({ kind: step.kind, minutes: step.minutes, roomName: row.subject ?? 'a room' }),
        link: `/chat/sanctions/${step.sanctionId}`,
        more: `Why: ${why}.${endWords(step.kind, step.endsAt)} If you think it was wrong, you can appeal within 14 days: an admin looks at it again.`,
      };
    }
    case 'chat_report':
      return { text: `A message in “${row.subject}” was reported`, link: `/chat/${row.roomId}/reports`, more: 'It waits in the room’s report queue for a moderator.' };
    case 'chat_host_wanted':
      return {
        text: `${who} asks for a host in “${row.subject}”`,
        link: `/chat/${row.roomId}`,
        more: 'People are in the room and no facilitator is; your on-spot host’s role covers it.',
      };
    case 'chat_report_escalated':
      return {
        text: `A report in “${row.subject}” is waiting for someone to act`,
        link: `/chat/${row.roomId}/reports`,
        more: 'No moderator acted on it in time, so it comes to the admins.',
      };
    case 'chat_report_outcome': {
      const outcome = JSON.parse(row.detail ?? '{}') as { outcome: 'actioned' | 'dismissed'; note: string | null };
      return outcome.outcome === 'actioned'
        ? { text: `A moderator acted on the message you reported in “${row.subject}”`, link: `/chat/${row.roomId}`, more: 'Thank you for telling us.' }
        : {
            text: `A moderator looked at the message you reported in “${row.subject}” and left it`,
            link: `/chat/${row.roomId}`,
            more: outcome.note ? `What they said: ${outcome.note}` : null,
          };
    }
    case 'answer_to_review':
      return { text: `${who} answered “${row.itemTitle}”: it waits for your review`, link: thread, more: 'As a mentor of the course you can accept it or ask for a revision.' };
    case 'reply_flagged':
      return {
        text: `A reply in “${row.itemTitle}” was flagged${row.detail === 'hidden' ? ' and is hidden until staff look' : ''}`,
        link: `/courses/${row.courseSlug}/moderation`,
        more: 'It waits in the course’s moderation queue.',
      };
    case 'grant_requested':
      return row.detail === 'reinstatement'
        ? { text: `${who} redid their refresher and asks for the role ${role} back`, link: '/admin/grant-requests', more: 'Their role is suspended until an admin reinstates it.' }
        : { text: `${who} asks for the role ${role}`, link: '/admin/grant-requests', more: 'They met what the role asks for; the evidence waits for an admin’s review.' };
    case 'refresher_assigned': {
      const { roleName, reason, cause, dueAt, items } = JSON.parse(row.detail ?? '{}') as { roleName?: string; reason?: string; cause?: string; dueAt?: string | null; items?: number | null };
      if (cause === 'recertification') {
        return {
          text: `“${row.subject}” changed: redo ${items === 1 ? 'the part that changed' : `the ${items ?? ''} parts that changed`.replace('  ', ' ')} by ${formatUtc(dueAt ?? '')} to keep your role`,
          link: `/courses/${row.courseSlug}`,
          more: `It concerns ${roleName || 'your roles built on it'}. If it is not done by then, the role is suspended until it is; nothing else is lost.`,
        };
      }
      return {
        text: `Redo “${row.subject}” to have your role “${roleName ?? 'your role'}” back`,
        link: `/courses/${row.courseSlug}`,
        more: `${reason ? `Why: ${reason} ` : ''}Open each lesson again, pass each quiz again and write each discussion answer again; then an admin looks at reinstating you.`,
      };
    }
    case 'practice_to_score':
      return {
        text: `${who}’s practice session “${row.subject}” has ended: it waits for your scores`,
        link: `/chat/sessions/${row.detail}/practice`,
        more: 'You observed it; score the rubric and write your feedback, and they see it on their course page.',
      };
    case 'practicum_reviewed': {
      const { sessionId, passed, total, passScore } = JSON.parse(row.detail ?? '{}') as { sessionId: string; passed: boolean; total: number; passScore: number };
      return {
        text: `${who} scored your practice session “${row.subject}”: ${total} points, ${passScore} needed — ${passed ? 'passed' : 'not passed yet'}`,
        link: `/chat/sessions/${sessionId}/practice`,
        more: 'Their feedback is with the scores, and on the course page.',
      };
    }
    case 'activity_low': {
      const { minutes, needed, days, suspendAt } = JSON.parse(row.detail ?? '{}') as { minutes: number; needed: number; days: number; suspendAt: string };
      return {
        text: `You hosted ${minutes} of the ${needed} minutes your role ${role} asks for in ${days} days`,
        link: ROLES_PAGE,
        more: `Lead or co-host sessions to make it up by ${formatUtc(suspendAt)}, or the role is suspended until an admin reinstates it.`,
      };
    }
    case 'refresher_due':
      return {
        text: `What changed in “${row.subject}” is due by ${formatUtc(row.detail ?? '')}`,
        link: `/courses/${row.courseSlug}`,
        more: 'Redo it before then, or your role built on the course is suspended until you do.',
      };
    case 'grant_request_waiting':
      return {
        text: `${who}’s request for the role ${role} has waited ${row.detail} hours`,
        link: '/admin/grant-requests',
        more: 'They are still waiting to hear; an admin can approve or decline it with a reason.',
      };
    case 'course_completed':
      return { text: `You completed “${row.subject}”`, link: `/courses/${row.courseSlug}`, more: 'Well done. Your progress and any badge it brings are on your account page.' };
    case 'badge_awarded':
      return { text: `You earned the badge “${row.subject}”`, link: `/badges/${row.detail}`, more: 'Anyone can check it at its address; it names you only by a hash of your e-mail address.' };
    case 'chat_appeal':
      return { text: `${who} appealed a moderation step in “${row.subject}”`, link: '/admin/appeals', more: 'An admin decides whether it stands.' };
    case 'chat_appeal_decided': {
      const decision = JSON.parse(row.detail ?? '{}') as { outcome: 'confirmed' | 'overturned'; note: string; sanctionId: string };
      return {
        text: decision.outcome === 'overturned' ? `Your appeal about “${row.subject}” was upheld: the step is lifted` : `Your appeal about “${row.subject}” was looked at: the step stands`,
        link: `/chat/sanctions/${decision.sanctionId}`,
        more: decision.note ? `What the admin said: ${decision.note}` : null,
      };
    }
  }
}

/** A moment for an e-mail or the notifications page, read the same anywhere: `2026-12-02 17:05 UTC`. */
function formatUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** When a step ends, as its person is told: a warning stops counting, a mute or removal lifts. */
function endWords(kind: SanctionKind, endsAt: string | null): string {
  if (!endsAt || kind === 'message_removed') return '';
  return kind === 'warning' ? ` It stops counting against you on ${formatUtc(endsAt)}.` : ` It ends by itself on ${formatUtc(endsAt)}.`;
}
