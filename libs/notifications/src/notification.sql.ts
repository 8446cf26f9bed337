import { OUTBOX_SQL } from '@hearth/platform/bare';

/**
 * NotificationRepository.insertOnce in one statement: the notification, unless its person
 * was told of its source already, and (when `$13`, the e-mail topic, is given) its e-mail
 * queued in the outbox with the workers woken on commit. Shared with the
 * benchmark's reference server, which must do exactly what Hearth does.
 */
export const INSERT_NOTIFICATION_SQL = `WITH created AS (
         INSERT INTO notification (user_id, kind, source_id, actor_id, course_id, course_slug, item_id, item_title, reply_id, room_id, subject, detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (user_id, kind, source_id) DO NOTHING RETURNING id),
       queued AS (${OUTBOX_SQL.insert('$13::text', "jsonb_build_object('notificationId', created.id)", 'created WHERE $13::text IS NOT NULL')})
  SELECT ${OUTBOX_SQL.wake('queued')} AS woken`;
