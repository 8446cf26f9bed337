/**
 * The SQL the reference server runs: Hearth's own statements, each named after the
 * repository method it copies. Raw queries are word for word; where Hearth goes through
 * TypeORM (findOneBy, findBy, query builders) the statement selects the same columns with
 * the same WHERE and LIMIT, without TypeORM's `"Alias"."column" AS "Alias_column"`
 * aliasing, and `In(ids)` is written `= ANY($1)` (PostgreSQL plans `IN (…)` as `= ANY`).
 */

// identity: UserRepository
const USER = 'id, email, username, display_name, password_hash, platform_roles, email_verified_at, created_at, updated_at';
/** findById (`findOneBy({ id })`). */
export const USER_BY_ID = `SELECT ${USER} FROM "user" WHERE id = $1 LIMIT 1`;
/** findByIds (`findBy({ id: In(ids) })`). */
export const USERS_BY_IDS = `SELECT ${USER} FROM "user" WHERE id = ANY($1)`;
/** findByUsernames, with the names lower-cased and unique. */
export const USERS_BY_USERNAMES = `SELECT ${USER} FROM "user" u WHERE lower(u.username) = ANY($1)`;

// credentials: what HeldCredentialsReader reads for GET /me
/** GrantsRepository.active. */
export const ACTIVE_GRANTS = `SELECT id, user_id AS "userId", role_key AS "roleKey", role_version AS "roleVersion", status, source,
               granted_at AS "grantedAt", expires_at AS "expiresAt", warned_at AS "warnedAt"
  FROM role_grant WHERE user_id = $1 AND status = 'active' AND (expires_at IS NULL OR expires_at > $2::timestamptz) ORDER BY granted_at`;
/** BadgesRepository.ofUser. */
export const BADGES_OF_USER = `SELECT id, user_id AS "userId", course_id AS "courseId", course_version AS "courseVersion", name, description,
                 issued_at AS "issuedAt", credential, revoked_at AS "revokedAt", revocation_reason AS "revocationReason"
  FROM badge_assertion WHERE user_id = $1 ORDER BY issued_at DESC`;
/** RolesRepository.findMany. */
export const ROLES_BY_KEYS = `SELECT r.key, v.version, v.name, v.description, v.rule, v.effects, v.created_at AS "createdAt"
                   FROM facilitator_role r JOIN facilitator_role_version v ON v.role_key = r.key AND v.version = r.current_version
  WHERE r.key = ANY($1)`;

// courses: CourseRepository, VersionRepository, EnrollmentRepository
const COURSE = `id, slug, title, summary, cover_image_url, status, current_version, published_at, requirements,
                unpublished_changes, created_by, created_at, updated_at`;
/** findByRef with a UUID (`findOneBy({ id })`). */
export const COURSE_BY_ID = `SELECT ${COURSE} FROM course WHERE id = $1 LIMIT 1`;
/** findByRef with a slug (a query builder's getOne: no LIMIT). */
export const COURSE_BY_SLUG = `SELECT ${COURSE} FROM course c WHERE lower(c.slug) = lower($1)`;
/** staffRole (`findOneBy({ courseId, userId })`). */
export const STAFF_ROLE = 'SELECT course_id, user_id, role, added_at FROM course_staff WHERE course_id = $1 AND user_id = $2 LIMIT 1';
/** staff. */
export const COURSE_STAFF = `SELECT user_id, role FROM course_staff WHERE course_id = $1
        ORDER BY CASE role WHEN 'owner' THEN 0 WHEN 'author' THEN 1 ELSE 2 END, added_at`;
/** audience. */
export const AUDIENCE = `SELECT user_id, bool_or(staff) AS staff FROM (
         SELECT user_id, false AS staff FROM enrollment WHERE course_id = $1 AND user_id = ANY($2)
         UNION ALL SELECT user_id, true FROM course_staff WHERE course_id = $1 AND user_id = ANY($2)
       ) AS member GROUP BY user_id`;
/** VersionRepository.find (`findOneBy({ courseId, version })`). */
export const COURSE_VERSION = `SELECT course_id, version, title, summary, note, requirements, published_by, published_at
  FROM course_version WHERE course_id = $1 AND version = $2 LIMIT 1`;
/** VersionRepository.outline. */
export const OUTLINE = `SELECT m.module_id, m.slug AS module_slug, m.title AS module_title,
              i.item_id, i.slug AS item_slug, i.type AS item_type, i.title AS item_title
         FROM published_module m
         LEFT JOIN published_item i ON i.course_id = m.course_id AND i.version = m.version AND i.module_id = m.module_id
        WHERE m.course_id = $1 AND m.version = $2
        ORDER BY m.position, i.sequence`;
/** VersionRepository.currentItem: the item, its course, module and version in one query. */
export const CURRENT_ITEM = `SELECT i.slug, i.type, i.title, i.body_md, i.body_html, i.reflection_question, i.post_first, i.min_words,
       i.pass_percent, i.show_answers, i.questions, i.script, i.course_id, i.version, i.item_id, i.module_id, i.sequence,
       c.id AS c_id, c.slug AS c_slug, c.title AS c_title, c.summary AS c_summary, c.cover_image_url AS c_cover_image_url,
       c.status AS c_status, c.current_version AS c_current_version, c.published_at AS c_published_at,
       c.requirements AS c_requirements, c.unpublished_changes AS c_unpublished_changes, c.created_by AS c_created_by,
       c.created_at AS c_created_at, c.updated_at AS c_updated_at,
       m.course_id AS m_course_id, m.version AS m_version, m.module_id AS m_module_id, m.slug AS m_slug, m.title AS m_title,
       m.position AS m_position,
       v.course_id AS v_course_id, v.version AS v_version, v.title AS v_title, v.summary AS v_summary, v.note AS v_note,
       v.requirements AS v_requirements, v.published_by AS v_published_by, v.published_at AS v_published_at
  FROM published_item i
  INNER JOIN course c ON c.id = i.course_id AND c.current_version = i.version
  INNER JOIN published_module m ON m.course_id = i.course_id AND m.version = i.version AND m.module_id = i.module_id
  INNER JOIN course_version v ON v.course_id = i.course_id AND v.version = i.version
 WHERE i.item_id = $1`;
/** VersionRepository.neighbours. */
export const NEIGHBOURS = `(SELECT item_id, title, sequence FROM published_item WHERE course_id = $1 AND version = $2 AND sequence < $3 ORDER BY sequence DESC LIMIT 1)
       UNION ALL
       (SELECT item_id, title, sequence FROM published_item WHERE course_id = $1 AND version = $2 AND sequence > $3 ORDER BY sequence ASC LIMIT 1)`;
/** EnrollmentRepository.find (`findOneBy({ courseId, userId })`). */
export const ENROLLMENT = 'SELECT id, course_id, user_id, version, enrolled_at FROM enrollment WHERE course_id = $1 AND user_id = $2 LIMIT 1';

// progress: ProgressRepository
const ITEM_COLUMNS = 'item_id, viewed_at, passed_at, passed_attempt_id, passed_score, answered_at, answer_reply_id, answer, accepted_reply_id, accepted_at, review';
/** forCourse. */
export const ITEM_PROGRESS_FOR_COURSE = `SELECT ${ITEM_COLUMNS} FROM item_progress WHERE user_id = $1 AND course_id = $2`;
/** forItem. */
export const ITEM_PROGRESS_FOR_ITEM = `SELECT ${ITEM_COLUMNS},
                EXISTS (SELECT 1 FROM item_redo r JOIN refresher_progress p ON p.refresher_id = r.refresher_id
                         WHERE r.user_id = $1 AND r.item_id = $2 AND r.done_at IS NULL AND p.completed_at IS NULL AND p.cancelled_at IS NULL) AS redo
           FROM item_progress WHERE user_id = $1 AND item_id = $2`;
/** setAnswer. */
/** ProgressRepository.practicumReviews: read by a recheck when the course has a practicum. */
export const PRACTICUM_REVIEWS = `SELECT session_id, user_id, course_id, script_item_id, script_title, mentor_id, scores, total, pass_score, passed, feedback, reviewed_at
         FROM practicum_review WHERE user_id = $1 AND course_id = $2 ORDER BY reviewed_at DESC, session_id`;

/** RefresherRepository.redo: the item done again in the person's open refreshers of the course. */
export const REDO_ITEM = `UPDATE item_redo r SET done_at = $5
         FROM refresher_progress p
        WHERE r.user_id = $1 AND r.item_id = $3 AND r.type = $4 AND r.done_at IS NULL
          AND p.refresher_id = r.refresher_id AND p.course_id = $2 AND p.completed_at IS NULL AND p.cancelled_at IS NULL AND p.assigned_at <= $5
        RETURNING r.refresher_id`;

export const SET_ANSWER = `INSERT INTO item_progress (user_id, item_id, course_id, answered_at, answer_reply_id, answer) VALUES ($1, $2, $3, CASE WHEN $4::uuid IS NOT NULL THEN now() END, $4, $5)
       ON CONFLICT (user_id, item_id) DO UPDATE
         SET answered_at = CASE WHEN $4::uuid IS NULL THEN NULL
                                WHEN item_progress.answer_reply_id = $4 THEN coalesce(item_progress.answered_at, now())
                                ELSE now() END,
             answer_reply_id = $4, answer = excluded.answer, updated_at = now()`;
/** lockEnrollment. */
export const LOCK_ENROLLMENT_PROGRESS = 'SELECT * FROM enrollment_progress WHERE user_id = $1 AND course_id = $2 FOR UPDATE';
/** plan. */
export const COURSE_PLAN = 'SELECT course_id, course_slug, title, version, items, requirements FROM course_plan WHERE course_id = $1';
/** signoff. */
export const SIGNOFF = 'SELECT mentor_id, note, signed_at FROM mentor_signoff WHERE user_id = $1 AND course_id = $2';
/** attendance. */
export const ATTENDANCE =
  'SELECT session_id AS "sessionId", kind, title, minutes, attended_at AS "attendedAt" FROM session_attendance WHERE user_id = $1 ORDER BY attended_at';
/** saveStanding. */
export const SAVE_STANDING = `UPDATE enrollment_progress
          SET done = $3, total = $4, met = $5, checked_version = $6,
              started_at = CASE WHEN $7 THEN coalesce(started_at, now()) ELSE started_at END
        WHERE user_id = $1 AND course_id = $2`;
/** complete. */
export const COMPLETE = `UPDATE enrollment_progress SET completed_at = now(), completed_version = $3, evidence = $4
        WHERE user_id = $1 AND course_id = $2 AND completed_at IS NULL
        RETURNING completed_at`;

// discussions: ReplyRepository
const REPLY_COLUMNS = 'r.*, r.created_at::text AS created_key';
/** ensureThread. */
export const ENSURE_THREAD = 'INSERT INTO thread (item_id, course_id, post_first, min_words) VALUES ($1, $2, $3, $4) ON CONFLICT (item_id) DO NOTHING';
/** threadSettings. */
export const THREAD_SETTINGS = 'SELECT course_id, min_words FROM thread WHERE item_id = $1';
/** hasAnswered. */
export const HAS_ANSWERED = 'SELECT 1 FROM reply WHERE item_id = $1 AND author_id = $2 AND parent_id IS NULL LIMIT 1';
/** answeredAmong. */
export const ANSWERED_AMONG = 'SELECT DISTINCT author_id FROM reply WHERE item_id = $1 AND parent_id IS NULL AND author_id = ANY($2)';
/** countingAnswer. */
export const COUNTING_ANSWER = `SELECT id, body_md AS "bodyMd", word_count AS "wordCount" FROM reply WHERE item_id = $1 AND author_id = $2 AND parent_id IS NULL
          AND removed_at IS NULL AND hidden_at IS NULL AND word_count >= $3 LIMIT 1`;
/** insert; a second live answer from one person breaks reply_one_answer_key. */
export const INSERT_REPLY = `INSERT INTO reply (item_id, course_id, author_id, parent_id, body_md, body_html, word_count)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *, created_at::text AS created_key`;
/** lock. */
export const LOCK_REPLY = `SELECT ${REPLY_COLUMNS} FROM reply r WHERE r.id = $1 FOR UPDATE`;
/** addToCounts, for a reply under an answer and for an answer. */
export const ADD_TO_CHILD_COUNT = 'UPDATE reply SET child_count = child_count + $2 WHERE id = $1';
export const ADD_TO_ANSWER_COUNT = 'UPDATE thread SET answer_count = answer_count + $2 WHERE item_id = $1';
/** myReactions. */
export const MY_REACTIONS = 'SELECT reply_id, kind FROM reaction WHERE user_id = $1 AND reply_id = ANY($2)';
/** latestReviews. */
export const LATEST_REVIEWS = `SELECT DISTINCT ON (reply_id) reply_id, status, comment, mentor_id, created_at
         FROM mentor_review WHERE reply_id = ANY($1) ORDER BY reply_id, created_at DESC`;

export type ReplySort = 'oldest' | 'newest' | 'top';

/** answersQuery: a page of answers ($1 thread, $2 rows to read, then the cursor's key), keyset on an index per order. */
export function answersPage(sort: ReplySort, withCursor: boolean): string {
  const order = {
    oldest: { key: '(r.created_at, r.id)', comparison: '>', by: 'r.created_at, r.id', cursor: '($3::timestamptz, $4::uuid)' },
    newest: { key: '(r.created_at, r.id)', comparison: '<', by: 'r.created_at DESC, r.id DESC', cursor: '($3::timestamptz, $4::uuid)' },
    top: { key: '(r.reaction_count, r.created_at, r.id)', comparison: '<', by: 'r.reaction_count DESC, r.created_at DESC, r.id DESC', cursor: '($3::int, $4::timestamptz, $5::uuid)' },
  }[sort];
  return `SELECT ${REPLY_COLUMNS} FROM reply r
           WHERE r.item_id = $1 AND r.parent_id IS NULL${withCursor ? ` AND ${order.key} ${order.comparison} ${order.cursor}` : ''}
           ORDER BY ${order.by}
           LIMIT $2`;
}

/** SessionRepository.checkLive: the sign-in still going, noted used at most once a minute. */
export const SESSION_LIVE = `WITH live AS (SELECT id, last_used_at FROM session WHERE id = $1 AND revoked_at IS NULL AND expires_at > $2::timestamptz),
            touched AS (UPDATE session SET last_used_at = now()
                         WHERE id IN (SELECT id FROM live WHERE last_used_at < now() - interval '1 minute'))
       SELECT EXISTS (SELECT 1 FROM live) AS live`;

// notifications and the outbox, for the people a reply concerns


// platform: Idempotency.once
export const CLAIM_KEY = 'INSERT INTO idempotency_key (user_id, scope, key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1 AS claimed';
export const STORED_RESPONSE = 'SELECT response FROM idempotency_key WHERE user_id = $1 AND scope = $2 AND key = $3';
export const STORE_RESPONSE = 'UPDATE idempotency_key SET response = $4 WHERE user_id = $1 AND scope = $2 AND key = $3';
export const SWEEP_KEYS = `DELETE FROM idempotency_key WHERE created_at < now() - interval '1 day'`;
