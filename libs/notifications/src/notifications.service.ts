import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { NotificationKind, NotificationView, Page, ReplyPlace } from '@hearth/contracts';
import { type AuthUser, UsersService } from '@hearth/identity';
import { type HearthConfig, InjectConfig, decodeCursor, DEFAULT_PAGE_SIZE, DomainEvents, Outbox, OutboxWorker, toPage } from '@hearth/platform';
import { Mailer } from './mailer';
import { NotificationRepository } from './notification.repository';

const EMAIL_TOPIC = 'notification.email';

/**
 * In-app notifications, and the same by e-mail. They are written in the transaction of the
 * reply or review that caused them; the e-mail goes through the outbox, so a mail server
 * that is down delays the mail and never the post.
 */
@Injectable()
export class NotificationsService implements OnModuleInit {
  constructor(
    @InjectConfig() private readonly config: HearthConfig,
    private readonly notifications: NotificationRepository,
    private readonly events: DomainEvents,
    private readonly outbox: Outbox,
    private readonly worker: OutboxWorker,
    private readonly mailer: Mailer,
    private readonly users: UsersService,
  ) {}

  onModuleInit(): void {
    this.events.on('reply.posted', async (event) => {
      // The event names only people who may read the reply; a reply to my answer outranks a mention in it.
      if (event.parentAuthorId) await this.notify(event.parentAuthorId, 'reply', event.replyId, event.authorId, event, null);
      for (const userId of event.mentionedUserIds) await this.notify(userId, 'mention', event.replyId, event.authorId, event, null);
    });
    // Named in an edit: told once, as for a mention in a new reply.
    this.events.on('reply.edited', async (event) => {
      for (const userId of event.mentionedUserIds) await this.notify(userId, 'mention', event.replyId, event.authorId, event, null);
    });
    this.events.on('review.recorded', async (event) => {
      if (event.answerAuthorId !== event.mentorId) await this.notify(event.answerAuthorId, 'review', event.reviewId, event.mentorId, event, event.status);
    });
    this.worker.handle(EMAIL_TOPIC, ({ notificationId }: { notificationId: string }) => this.email(notificationId));
  }

  async list(caller: AuthUser, query: { cursor?: string; limit?: number }): Promise<Page<NotificationView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, ['timestamp', 'uuid']);
    const rows = await this.notifications.pageFor(caller.id, after, limit);
    const page = toPage(rows, limit, (row) => [row.created_key, row.id], (row) => row);
    const actors = await this.users.summaries(page.items.flatMap((row) => (row.actor_id ? [row.actor_id] : [])));
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((row) => ({
        id: row.id,
        kind: row.kind,
        actor: row.actor_id ? (actors.get(row.actor_id) ?? null) : null,
        courseSlug: row.course_slug,
        itemId: row.item_id,
        itemTitle: row.item_title,
        replyId: row.reply_id,
        detail: row.detail,
        createdAt: row.created_at.toISOString(),
        readAt: row.read_at?.toISOString() ?? null,
      })),
    };
  }

  async unreadCount(caller: AuthUser): Promise<{ unread: number }> {
    return { unread: await this.notifications.countUnread(caller.id) };
  }

  /** Marks mine read: the ones named, or all. */
  async markRead(caller: AuthUser, ids?: string[]): Promise<{ unread: number }> {
    await this.notifications.markRead(caller.id, ids);
    return this.unreadCount(caller);
  }

  private async notify(userId: string, kind: NotificationKind, sourceId: string, actorId: string, place: ReplyPlace, detail: string | null): Promise<void> {
    const id = await this.notifications.insertOnce(userId, kind, sourceId, actorId, place, detail);
    if (id) await this.outbox.enqueue(EMAIL_TOPIC, { notificationId: id });
  }

  private async email(notificationId: string): Promise<void> {
    const row = await this.notifications.find(notificationId);
    if (!row) return;
    const people = await this.users.contacts([row.user_id, ...(row.actor_id ? [row.actor_id] : [])]);
    const recipient = people.get(row.user_id);
    if (!recipient) return;
    const actor = row.actor_id ? people.get(row.actor_id)?.displayName : undefined;
    const who = actor ?? 'Someone';
    const subject = {
      mention: `${who} mentioned you in “${row.item_title}”`,
      reply: `${who} replied to your answer in “${row.item_title}”`,
      review: `${who} reviewed your answer in “${row.item_title}”`,
    }[row.kind];
    const link = `${this.config.publicUrl}/courses/${row.course_slug}/items/${row.item_id}#reply-${row.reply_id}`;
    const outcome = row.kind === 'review' ? `\n\nThe review: ${row.detail === 'accepted' ? 'accepted' : 'needs revision'}.` : '';
    await this.mailer.send({
      to: recipient.email,
      subject,
      text: `Hello ${recipient.displayName},\n\n${subject}.${outcome}\n\nOpen it in Hearth: ${link}\n\nYou get this e-mail because of your activity in Hearth.\n`,
    });
  }
}
