import { Injectable } from '@nestjs/common';
import type { NotificationKind, ReplyPlace } from '@hearth/contracts';
import { Database } from '@hearth/platform';
import type { EmailDelivery } from './email-opt-out.entity';
import { INSERT_NOTIFICATION_SQL } from './notification.sql';

export interface NotificationRow {
  id: string;
  userId: string;
  kind: NotificationKind;
  actorId: string | null;
  courseSlug: string | null;
  itemId: string | null;
  itemTitle: string | null;
  replyId: string | null;
  roomId: string | null;
  subject: string | null;
  detail: string | null;
  createdAt: Date;
  /** `created_at` as PostgreSQL writes it, to the microsecond: the cursor's key. */
  createdKey: string;
  readAt: Date | null;
}

const COLUMNS = 'n.*, n.created_at::text AS created_key';

@Injectable()
export class NotificationRepository {
  constructor(private readonly db: Database) {}

  /**
   * Writes one, unless this person was told of this source (reply, review, grant) already,
   * and queues its e-mail on `emailTopic` when given, in one statement.
   */
  async insertOnce(
    notification: {
      userId: string;
      kind: NotificationKind;
      sourceId: string;
      actorId: string | null;
      place?: ReplyPlace;
      /** A course it is about (a completion), when it is not about a reply in it. */
      course?: { id: string; slug: string };
      roomId?: string;
      subject?: string;
      detail: string | null;
    },
    emailTopic: string | null,
  ): Promise<void> {
    const { place } = notification;
    await this.db.query(
      INSERT_NOTIFICATION_SQL,
      [
        notification.userId,
        notification.kind,
        notification.sourceId,
        notification.actorId,
        place?.courseId ?? notification.course?.id ?? null,
        place?.courseSlug ?? notification.course?.slug ?? null,
        place?.itemId ?? null,
        place?.itemTitle ?? null,
        place?.replyId ?? null,
        notification.roomId ?? null,
        notification.subject ?? null,
        notification.detail,
        emailTopic,
      ],
    );
  }

  /** One notification, and how its person wants its kind by e-mail (null: each one as it happens). */
  findToEmail(id: string): Promise<(NotificationRow & { emailDelivery: EmailDelivery | null }) | null> {
    return this.db
      .query<NotificationRow & { emailDelivery: EmailDelivery | null }>(
        `SELECT ${COLUMNS}, (SELECT o.delivery FROM notification_email_opt_out o WHERE o.user_id = n.user_id AND o.kind = n.kind) AS email_delivery
           FROM notification n WHERE n.id = $1`,
        [id],
      )
      .then(([row]) => row ?? null);
  }

  /** The kinds the person wants otherwise than one by one, and how. */
  emailDeliveries(userId: string): Promise<Array<{ kind: NotificationKind; delivery: EmailDelivery }>> {
    return this.db.query('SELECT kind, delivery FROM notification_email_opt_out WHERE user_id = $1 ORDER BY kind', [userId]);
  }

  /** Replaces the person's e-mail choices, in two statements (the caller's transaction). */
  async setEmailDeliveries(userId: string, off: NotificationKind[], daily: NotificationKind[]): Promise<void> {
    const kinds = [...off, ...daily];
    await this.db.execute('DELETE FROM notification_email_opt_out WHERE user_id = $1 AND NOT (kind = ANY($2::text[]))', [userId, kinds]);
    await this.db.execute(
      `INSERT INTO notification_email_opt_out (user_id, kind, delivery)
       SELECT $1, kind, CASE WHEN kind = ANY($3::text[]) THEN 'daily' ELSE 'off' END FROM unnest($2::text[]) AS kind
       ON CONFLICT (user_id, kind) DO UPDATE SET delivery = EXCLUDED.delivery`,
      [userId, kinds, daily],
    );
  }

  /** Who has chosen a daily e-mail for some kind. */
  async dailyReaders(): Promise<string[]> {
    const rows = await this.db.query<{ userId: string }>(`SELECT DISTINCT user_id FROM notification_email_opt_out WHERE delivery = 'daily'`);
    return rows.map((row) => row.userId);
  }

  /**
   * Takes the person's notifications for today's e-mail: of the kinds they have daily,
   * still unread, not in an earlier one, from the last week; marked as sent with it (the
   * caller's transaction also queues the e-mail). Oldest first.
   */
  takeForDigest(userId: string): Promise<string[]> {
    return this.db
      .query<{ id: string; createdAt: Date }>(
        `UPDATE notification n SET digested_at = now()
           FROM notification_email_opt_out o
          WHERE n.user_id = $1 AND o.user_id = n.user_id AND o.kind = n.kind AND o.delivery = 'daily'
            AND n.digested_at IS NULL AND n.read_at IS NULL AND n.created_at > now() - interval '7 days'
          RETURNING n.id, n.created_at`,
        [userId],
      )
      .then((rows) => rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map((row) => row.id));
  }

  /** Notifications by id (a daily e-mail's), oldest first. */
  findMany(ids: string[]): Promise<NotificationRow[]> {
    return this.db.query<NotificationRow>(`SELECT ${COLUMNS} FROM notification n WHERE n.id = ANY($1::uuid[]) ORDER BY n.created_at, n.id`, [ids]);
  }

  /** Newest first, `limit + 1` rows after the cursor's key, on notification_user_id_created_at_idx. */
  pageFor(userId: string, after: Array<string | number> | null, limit: number): Promise<NotificationRow[]> {
    return this.db.query<NotificationRow>(
      `SELECT ${COLUMNS} FROM notification n
        WHERE n.user_id = $1${after ? ' AND (n.created_at, n.id) < ($3::timestamptz, $4::uuid)' : ''}
        ORDER BY n.created_at DESC, n.id DESC
        LIMIT $2`,
      [userId, limit + 1, ...(after ?? [])],
    );
  }

  allFor(userId: string): Promise<NotificationRow[]> {
    return this.db.query<NotificationRow>(`SELECT ${COLUMNS} FROM notification n WHERE n.user_id = $1 ORDER BY n.created_at DESC, n.id DESC`, [userId]);
  }

  /** On the partial index of unread ones, so the bell's poll reads only those. */
  async countUnread(userId: string): Promise<number> {
    const [row] = await this.db.query<{ unread: string }>('SELECT count(*) AS unread FROM notification WHERE user_id = $1 AND read_at IS NULL', [userId]);
    return Number(row.unread);
  }

  /** The ones named, or all of them. */
  async markRead(userId: string, ids?: string[]): Promise<void> {
    await this.db.execute(
      `UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL${ids ? ' AND id = ANY($2)' : ''}`,
      ids ? [userId, ids] : [userId],
    );
  }

  /** The nightly purge's share here: notifications made more than `days` ago. */
  async deleteOlderThan(days: number): Promise<number> {
    return this.db.execute(`DELETE FROM notification WHERE created_at < now() - $1 * interval '1 day'`, [days]);
  }
}
