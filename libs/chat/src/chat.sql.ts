import type { PermissionBundle, ProbationRule } from '@hearth/contracts';
import type { OUTBOX_SQL } from '@hearth/platform';
import type { Member, MemberRole } from './chat-access';
import type { MessageRow, SessionRow } from './chat.repository';

// The chat's hot SQL, framework-free: the repositories run it, and the benchmark's bare
// reference server (bench/reference/socket-server.ts) runs the very same statements, so
// the fan-out figures compare the servers around identical database work.

/** A room's columns, named as RoomRow names them, from the table as `alias`. */
export const ROOM = (alias = 'chat_room') =>
  `${alias}.id, ${alias}.name, ${alias}.topic, ${alias}.audience_note, ${alias}.tags, ${alias}.lock_course_ids,
   ${alias}.lock_role_keys, ${alias}.read_only, ${alias}.slow_mode_seconds, ${alias}.frozen,
   ${alias}.archived_at, ${alias}.created_by, ${alias}.created_at, ${alias}.updated_at`;
export const MESSAGE = `m.id, m.seq::text AS seq, m.room_id, m.author_id, m.kind, m.body, m.body_html,
                 m.client_id, m.created_at, m.removed_at, m.removed_by`;
export const MESSAGE_JSON = (alias: string) =>
  `json_build_object('id', ${alias}.id, 'seq', ${alias}.seq::text, 'roomId', ${alias}.room_id, 'authorId', ${alias}.author_id, 'kind', ${alias}.kind,
     'body', ${alias}.body, 'bodyHtml', ${alias}.body_html, 'clientId', ${alias}.client_id, 'createdAt', ${alias}.created_at,
     'removedAt', ${alias}.removed_at, 'removedBy', ${alias}.removed_by)`;

export function messageFromJson(json: Record<string, string | null>): MessageRow {
  return { ...(json as unknown as MessageRow), createdAt: new Date(json.createdAt!), removedAt: json.removedAt ? new Date(json.removedAt) : null };
}

export const SESSION = `id, room_id, kind, topic, leader_id, co_host_id, scheduled_for,
                 started_at, ended_at, pinned_message_id, course_id, script_item_id, observer_id, created_at`;
const SESSION_DATES = ['scheduledFor', 'startedAt', 'endedAt', 'createdAt'] as const;

/** A session as one JSON value (inside a larger query); `sessionFromJson` turns it back into a row. */
export const SESSION_JSON = (alias: string) =>
  `json_build_object('id', ${alias}.id, 'roomId', ${alias}.room_id, 'kind', ${alias}.kind, 'topic', ${alias}.topic, 'leaderId', ${alias}.leader_id,
     'coHostId', ${alias}.co_host_id, 'scheduledFor', ${alias}.scheduled_for, 'startedAt', ${alias}.started_at, 'endedAt', ${alias}.ended_at,
     'pinnedMessageId', ${alias}.pinned_message_id, 'courseId', ${alias}.course_id, 'scriptItemId', ${alias}.script_item_id,
     'observerId', ${alias}.observer_id, 'createdAt', ${alias}.created_at)`;

export function sessionFromJson(json: Record<string, string | null>): SessionRow {
  const row = { ...json } as unknown as SessionRow;
  for (const key of SESSION_DATES) (row as unknown as Record<string, Date | null>)[key] = json[key] ? new Date(json[key]!) : null;
  return row;
}

// `at` below is the parameter holding the Clock's time (`$3::timestamptz`): roles' ends and
// sanctions' ends are the domain's time, which tests move; slow mode and the send rate limit
// stay on the database's now(), as the messages' created_at and the sender's send times do.

/** A person's roles in force at `at`, as JSON, for the person whose id is `userId`. */
export const ROLES_OF = (userId: string, at: string) => `coalesce((
    SELECT json_agg(json_build_object(
             'key', cr.key, 'name', cr.name, 'bundle', cr.bundle, 'roomIds', cr.room_ids, 'roomTags', cr.room_tags, 'probation', cr.probation,
             'confirmed', CASE WHEN cr.probation IS NULL THEN 0
                               ELSE (SELECT count(*) FROM chat_co_host_confirmation c WHERE c.user_id = mr.user_id AND c.confirmed_at >= mr.granted_at) END)
           ORDER BY cr.key)
      FROM chat_member_role mr JOIN chat_role cr ON cr.key = mr.role_key
     WHERE mr.user_id = ${userId} AND (mr.expires_at IS NULL OR mr.expires_at > ${at})), '[]'::json)`;
export const BADGES_OF = (userId: string) => `coalesce((SELECT array_agg(b.course_id) FROM chat_member_badge b WHERE b.user_id = ${userId}), '{}'::uuid[])`;
/** A mute or removal holding at `at` in room `room` for person `userId`. */
export const IN_FORCE = (kind: 'mute' | 'ban', userId: string, room: string, at: string) =>
  `(SELECT max(s.ends_at) FROM chat_sanction s WHERE s.room_id = ${room} AND s.user_id = ${userId} AND s.kind = '${kind}' AND s.lifted_at IS NULL AND s.ends_at > ${at})`;
export const MEMBER = (alias: string, userId: string, at: string) => `${alias}.user_id, ${alias}.username, ${alias}.display_name, ${alias}.admin,
  ${ROLES_OF(userId, at)} AS roles, ${BADGES_OF(userId)} AS badge_course_ids`;

export interface MemberColumns {
  userId: string;
  username: string;
  displayName: string;
  admin: boolean;
  roles: MemberRole[];
  badgeCourseIds: string[];
}


/**
 * One person and one room, with their mute, removal, the running session and slow mode's
 * last post, in one query: `$1` the person, `$2` the room, `$3` the Clock's time. No row when there is no room.
 */
export const ACCESS_SQL = `SELECT ${ROOM('r')},
              (SELECT row_to_json(x) FROM (SELECT ${MEMBER('m', '$1', '$3::timestamptz')} FROM chat_member m WHERE m.user_id = $1) x) AS member,
              ${IN_FORCE('ban', '$1', 'r.id', '$3::timestamptz')} AS banned_until,
              ${IN_FORCE('mute', '$1', 'r.id', '$3::timestamptz')} AS muted_until,
              (SELECT ${SESSION_JSON('s')} FROM chat_session s WHERE s.room_id = r.id AND s.started_at IS NOT NULL AND s.ended_at IS NULL) AS session,
              CASE WHEN r.slow_mode_seconds > 0 THEN
                (SELECT max(p.created_at) FROM chat_message p
                  WHERE p.room_id = r.id AND p.author_id = $1 AND p.kind = 'text' AND p.created_at > now() - r.slow_mode_seconds * interval '1 second') END AS last_post_at
         FROM chat_room r WHERE r.id = $2`;

/** The people with these usernames (`$1`, lower-cased), each with any removal from room `$2` at `$3`: whom a mention may tell. */
export const NAMED_SQL = `SELECT ${MEMBER('m', 'm.user_id', '$3::timestamptz')}, ${IN_FORCE('ban', 'm.user_id', '$2', '$3::timestamptz')} AS banned_until
                            FROM chat_member m WHERE lower(m.username) = ANY($1::text[])`;

/**
 * Sends a text message, rate limit included, in one statement (`$1` room, `$2` author,
 * `$3` text, `$4` HTML, `$5` client id, `$6` the limit's seconds, `$7` its messages, `$8`
 * an outbox topic or null, `$9` its payload): the sender's row of recent send times is
 * checked and updated under its row lock, so two sends at once take turns and the second
 * sees the first; the message is written only if there was room; a resend of a used
 * client id counts nothing and reads back the earlier message; with a topic, the outbox
 * message (the mention notice) is written in the same statement.
 */
export const sendSql = (outbox: typeof OUTBOX_SQL) =>
  `WITH recent AS (
              SELECT array(SELECT t FROM unnest(coalesce((SELECT sent FROM chat_sender WHERE user_id = $2), '{}')) t
                            WHERE t > now() - make_interval(secs => $6) ORDER BY t) AS sent),
            allowed AS (
              INSERT INTO chat_sender AS s (user_id, sent) VALUES ($2, ARRAY[now()])
              ON CONFLICT (user_id) DO UPDATE
                 SET sent = array(SELECT t FROM unnest(s.sent) t WHERE t > now() - make_interval(secs => $6) ORDER BY t) || now()
               WHERE cardinality(array(SELECT t FROM unnest(s.sent) t WHERE t > now() - make_interval(secs => $6))) < $7
                 AND NOT EXISTS (SELECT 1 FROM chat_message e WHERE e.author_id = $2 AND e.client_id = $5)
              RETURNING 1),
            inserted AS (
              INSERT INTO chat_message AS m (room_id, author_id, kind, body, body_html, client_id)
              SELECT $1, $2, 'text', $3, $4, $5 FROM allowed
              ON CONFLICT (author_id, client_id) WHERE client_id IS NOT NULL DO NOTHING
              RETURNING m.*),
            told AS (${outbox.insert('$8', `jsonb_set($9::jsonb, '{messageId}', to_jsonb(i.id))`, 'inserted i WHERE $8::text IS NOT NULL')})
       SELECT (SELECT ${MESSAGE_JSON('i')} FROM inserted i) AS sent,
              (SELECT ${MESSAGE_JSON('m')} FROM chat_message m WHERE m.author_id = $2 AND m.client_id = $5) AS earlier,
              (SELECT min(t) FROM recent, unnest(recent.sent) t) AS oldest,
              ${outbox.wake('told')} AS woken`;

export function toMember(row: MemberColumns): Member {
  return {
    userId: row.userId,
    username: row.username,
    displayName: row.displayName,
    admin: row.admin,
    badgeCourseIds: row.badgeCourseIds,
    roles: row.roles.map((role) => ({ ...role, bundle: role.bundle as PermissionBundle, probation: (role.probation as ProbationRule | null) ?? null, confirmed: Number(role.confirmed) })),
  };
}
