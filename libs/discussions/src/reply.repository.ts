import { Injectable } from '@nestjs/common';
import { type ReactionKind, type ReplySort, type ReviewStatus, UNREAD_COUNT_LIMIT } from '@hearth/contracts';
import { Database } from '@hearth/platform';
import { QueryFailedError } from 'typeorm';
import { ReplyEntity } from './reply.entity';

/** A reply row with its creation time as PostgreSQL wrote it (microseconds), for cursors. */
export interface ReplyRow extends ReplyEntity {
  createdKey: string;
}

export interface ReviewRow {
  replyId: string;
  status: ReviewStatus;
  comment: string | null;
  mentorId: string;
  createdAt: Date;
}

const REPLY_COLUMNS = `r.*, r.created_at::text AS created_key`;
const UNIQUE_VIOLATION = '23505';

/** The replies of discussion threads, their counts, reactions, flags and reviews. */
@Injectable()
export class ReplyRepository {
  constructor(private readonly db: Database) {}

  /** The thread of a published discussion, with its current settings. */
  async saveThread(itemId: string, courseId: string, settings: { postFirst: boolean; minWords: number }): Promise<void> {
    await this.db.execute(
      `INSERT INTO thread (item_id, course_id, post_first, min_words) VALUES ($1, $2, $3, $4)
       ON CONFLICT (item_id) DO UPDATE SET post_first = excluded.post_first, min_words = excluded.min_words`,
      [itemId, courseId, settings.postFirst, settings.minWords],
    );
  }

  /**
   * Makes sure the thread row exists (for a course published before this context kept
   * threads), without touching, or locking, one that does.
   */
  async ensureThread(itemId: string, courseId: string, settings: { postFirst: boolean; minWords: number }): Promise<void> {
    await this.db.execute(
      `INSERT INTO thread (item_id, course_id, post_first, min_words) VALUES ($1, $2, $3, $4) ON CONFLICT (item_id) DO NOTHING`,
      [itemId, courseId, settings.postFirst, settings.minWords],
    );
  }

  async threadSettings(itemId: string): Promise<{ courseId: string; minWords: number }> {
    const [row] = await this.db.query<{ courseId: string; minWords: number }>('SELECT course_id, min_words FROM thread WHERE item_id = $1', [itemId]);
    return { courseId: row.courseId, minWords: row.minWords };
  }

  async answerCount(itemId: string): Promise<number> {
    const [row] = await this.db.query<{ answerCount: number }>('SELECT answer_count FROM thread WHERE item_id = $1', [itemId]);
    return row?.answerCount ?? 0;
  }

  /** Has this person ever posted an answer here (removed or not)? Post-first opens on the first. */
  async hasAnswered(itemId: string, userId: string): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 FROM reply WHERE item_id = $1 AND author_id = $2 AND parent_id IS NULL LIMIT 1', [itemId, userId]);
    return rows.length > 0;
  }

  /** Of `userIds`, those who have answered (as `hasAnswered`). */
  async answeredAmong(itemId: string, userIds: string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await this.db.query<{ authorId: string }>(
      'SELECT DISTINCT author_id FROM reply WHERE item_id = $1 AND parent_id IS NULL AND author_id = ANY($2)',
      [itemId, userIds],
    );
    return new Set(rows.map((row) => row.authorId));
  }

  async liveAnswerId(itemId: string, userId: string): Promise<string | null> {
    const [row] = await this.db.query<{ id: string }>(
      'SELECT id FROM reply WHERE item_id = $1 AND author_id = $2 AND parent_id IS NULL AND removed_at IS NULL LIMIT 1',
      [itemId, userId],
    );
    return row?.id ?? null;
  }

  /** The person's answer that counts (not removed or hidden, and long enough), if any. */
  async countingAnswer(itemId: string, userId: string, minWords: number): Promise<{ id: string; bodyMd: string; wordCount: number } | null> {
    const [row] = await this.db.query<{ id: string; bodyMd: string; wordCount: number }>(
      `SELECT id, body_md, word_count FROM reply WHERE item_id = $1 AND author_id = $2 AND parent_id IS NULL
          AND removed_at IS NULL AND hidden_at IS NULL AND word_count >= $3 LIMIT 1`,
      [itemId, userId, minWords],
    );
    return row ?? null;
  }

  /** Inserts a reply; a second live answer from one person is refused by the database itself. */
  async insert(reply: Pick<ReplyEntity, 'itemId' | 'courseId' | 'authorId' | 'parentId' | 'bodyMd' | 'bodyHtml' | 'wordCount'>): Promise<ReplyRow | null> {
    try {
      const [row] = await this.db.query<ReplyRow>(
        `INSERT INTO reply (item_id, course_id, author_id, parent_id, body_md, body_html, word_count)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *, created_at::text AS created_key`,
        [reply.itemId, reply.courseId, reply.authorId, reply.parentId, reply.bodyMd, reply.bodyHtml, reply.wordCount],
      );
      return toReply(row);
    } catch (error) {
      const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
      if (error instanceof QueryFailedError && driverError?.code === UNIQUE_VIOLATION && driverError.constraint === 'reply_one_answer_key') return null;
      throw error;
    }
  }

  async find(id: string): Promise<ReplyRow | null> {
    const [row] = await this.db.query<ReplyRow>(`SELECT ${REPLY_COLUMNS} FROM reply r WHERE r.id = $1`, [id]);
    return row ? toReply(row) : null;
  }

  async findMany(ids: string[]): Promise<ReplyRow[]> {
    if (ids.length === 0) return [];
    return (await this.db.query<ReplyRow>(`SELECT ${REPLY_COLUMNS} FROM reply r WHERE r.id = ANY($1)`, [ids])).map(toReply);
  }

  /** Locks a reply for a change; null when there is none. */
  async lock(id: string): Promise<ReplyRow | null> {
    const [row] = await this.db.query<ReplyRow>(`SELECT ${REPLY_COLUMNS} FROM reply r WHERE r.id = $1 FOR UPDATE`, [id]);
    return row ? toReply(row) : null;
  }

  /**
   * A page of a thread's answers after a cursor, `limit + 1` rows. Each order reads an index
   * that matches it (reply_item_id_created_at_idx both ways, reply_item_id_top_idx), so a
   * late page costs what the first does.
   */
  answersPage(itemId: string, sort: ReplySort, after: Array<string | number> | null, limit: number): Promise<ReplyRow[]> {
    return this.db.query<ReplyRow>(answersQuery(sort, after !== null), [itemId, limit + 1, ...(after ?? [])]).then((rows) => rows.map(toReply));
  }

  /** A page of the replies under an answer, oldest first, on reply_parent_id_created_at_idx. */
  childrenPage(parentId: string, after: Array<string | number> | null, limit: number): Promise<ReplyRow[]> {
    return this.db
      .query<ReplyRow>(
        `SELECT ${REPLY_COLUMNS} FROM reply r
          WHERE r.parent_id = $1${after ? ' AND (r.created_at, r.id) > ($3::timestamptz, $4::uuid)' : ''}
          ORDER BY r.created_at, r.id
          LIMIT $2`,
        [parentId, limit + 1, ...(after ?? [])],
      )
      .then((rows) => rows.map(toReply));
  }

  /** Per course: live answers without a review, and flags still open. */
  async waitingIn(courseIds: string[]): Promise<Array<{ courseId: string; answers: number; flags: number }>> {
    if (courseIds.length === 0) return [];
    return this.db.query(
      `SELECT c.course_id,
              (SELECT count(*)::int FROM reply r WHERE r.course_id = c.course_id AND r.parent_id IS NULL AND r.removed_at IS NULL AND r.review_status IS NULL) AS answers,
              (SELECT count(*)::int FROM reply_flag f WHERE f.course_id = c.course_id AND f.resolved_at IS NULL) AS flags
         FROM unnest($1::uuid[]) AS c(course_id)`,
      [courseIds],
    );
  }

  async addToCounts(reply: Pick<ReplyEntity, 'itemId' | 'parentId'>, delta: 1 | -1): Promise<void> {
    if (reply.parentId) await this.db.execute('UPDATE reply SET child_count = child_count + $2 WHERE id = $1', [reply.parentId, delta]);
    else await this.db.execute('UPDATE thread SET answer_count = answer_count + $2 WHERE item_id = $1', [reply.itemId, delta]);
  }

  async update(id: string, changes: Partial<ReplyEntity>): Promise<void> {
    await this.db.update('reply', id, changes);
  }

  async insertEdit(replyId: string, previousBody: string, editedBy: string): Promise<void> {
    await this.db.execute('INSERT INTO reply_edit (reply_id, body_md, edited_by) VALUES ($1, $2, $3)', [replyId, previousBody, editedBy]);
  }

  history(replyId: string): Promise<Array<{ bodyMd: string; editedAt: Date; editedBy: string }>> {
    return this.db.query('SELECT body_md, edited_at, edited_by FROM reply_edit WHERE reply_id = $1 ORDER BY edited_at DESC', [replyId]);
  }

  /** Adds a reaction once; true when it was new (and the counts moved). */
  async react(replyId: string, userId: string, kind: ReactionKind): Promise<boolean> {
    const added = await this.db.query(
      'INSERT INTO reaction (reply_id, user_id, kind) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1 AS added',
      [replyId, userId, kind],
    );
    if (added.length > 0) await this.db.execute(`UPDATE reply SET ${kind}_count = ${kind}_count + 1, reaction_count = reaction_count + 1 WHERE id = $1`, [replyId]);
    return added.length > 0;
  }

  async unreact(replyId: string, userId: string, kind: ReactionKind): Promise<boolean> {
    const removed = await this.db.query('DELETE FROM reaction WHERE reply_id = $1 AND user_id = $2 AND kind = $3 RETURNING 1 AS removed', [replyId, userId, kind]);
    if (removed.length > 0) await this.db.execute(`UPDATE reply SET ${kind}_count = ${kind}_count - 1, reaction_count = reaction_count - 1 WHERE id = $1`, [replyId]);
    return removed.length > 0;
  }

  async myReactions(userId: string, replyIds: string[]): Promise<Map<string, ReactionKind[]>> {
    if (replyIds.length === 0) return new Map();
    const rows = await this.db.query<{ replyId: string; kind: ReactionKind }>('SELECT reply_id, kind FROM reaction WHERE user_id = $1 AND reply_id = ANY($2)', [userId, replyIds]);
    const mine = new Map<string, ReactionKind[]>();
    for (const row of rows) mine.set(row.replyId, [...(mine.get(row.replyId) ?? []), row.kind]);
    return mine;
  }

  /** The latest review of each reply. */
  async latestReviews(replyIds: string[]): Promise<Map<string, ReviewRow>> {
    if (replyIds.length === 0) return new Map();
    const rows = await this.db.query<ReviewRow>(
      `SELECT DISTINCT ON (reply_id) reply_id, status, comment, mentor_id, created_at
         FROM mentor_review WHERE reply_id = ANY($1) ORDER BY reply_id, created_at DESC`,
      [replyIds],
    );
    return new Map(rows.map((row) => [row.replyId, row]));
  }

  async insertReview(replyId: string, mentorId: string, status: ReviewStatus, comment: string | null): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(
      'INSERT INTO mentor_review (reply_id, mentor_id, status, comment) VALUES ($1, $2, $3, $4) RETURNING id',
      [replyId, mentorId, status, comment],
    );
    await this.db.execute('UPDATE reply SET review_status = $2 WHERE id = $1', [replyId, status]);
    return row.id;
  }

  /** A flag from someone who has no open flag on this reply yet; null when they have. */
  async insertFlag(replyId: string, courseId: string, userId: string, reason: string): Promise<string | null> {
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO reply_flag (reply_id, course_id, user_id, reason) VALUES ($1, $2, $3, $4)
       ON CONFLICT (reply_id, user_id) WHERE resolved_at IS NULL DO NOTHING RETURNING id`,
      [replyId, courseId, userId, reason],
    );
    return row?.id ?? null;
  }

  async openFlagCount(replyId: string): Promise<number> {
    const [row] = await this.db.query<{ count: string }>('SELECT count(*) FROM reply_flag WHERE reply_id = $1 AND resolved_at IS NULL', [replyId]);
    return Number(row.count);
  }

  openFlags(courseId: string, limit: number): Promise<Array<{ id: string; replyId: string; userId: string; reason: string; createdAt: Date }>> {
    return this.db.query(
      'SELECT id, reply_id, user_id, reason, created_at FROM reply_flag WHERE course_id = $1 AND resolved_at IS NULL ORDER BY created_at LIMIT $2',
      [courseId, limit],
    );
  }

  async findFlag(id: string): Promise<{ id: string; replyId: string; courseId: string; resolvedAt: Date | null } | null> {
    const [row] = await this.db.query<{ id: string; replyId: string; courseId: string; resolvedAt: Date | null }>(
      'SELECT id, reply_id, course_id, resolved_at FROM reply_flag WHERE id = $1',
      [id],
    );
    return row ?? null;
  }

  async resolveFlags(replyId: string, resolvedBy: string, resolution: 'hidden' | 'dismissed'): Promise<void> {
    await this.db.execute('UPDATE reply_flag SET resolved_at = now(), resolved_by = $2, resolution = $3 WHERE reply_id = $1 AND resolved_at IS NULL', [
      replyId,
      resolvedBy,
      resolution,
    ]);
  }

  async markRead(userId: string, itemId: string): Promise<void> {
    await this.db.execute(
      `INSERT INTO thread_read (user_id, item_id, read_at) VALUES ($1, $2, now())
       ON CONFLICT (user_id, item_id) DO UPDATE SET read_at = excluded.read_at`,
      [userId, itemId],
    );
  }

  /** For each thread of a course: its answers, and the replies by others since I last read it. */
  activity(userId: string, courseId: string): Promise<Array<{ itemId: string; answerCount: number; postFirst: boolean; unread: number; answered: boolean }>> {
    return this.db
      .query<{ itemId: string; answerCount: number; postFirst: boolean; unread: string; answered: boolean }>(
        `SELECT t.item_id, t.answer_count, t.post_first,
                (SELECT count(*) FROM (SELECT 1 FROM reply r
                  WHERE r.item_id = t.item_id AND r.created_at > coalesce(tr.read_at, '-infinity')
                    AND r.author_id <> $1 AND r.removed_at IS NULL AND r.hidden_at IS NULL
                  LIMIT ${UNREAD_COUNT_LIMIT}) AS counted) AS unread,
                EXISTS (SELECT 1 FROM reply a WHERE a.item_id = t.item_id AND a.author_id = $1 AND a.parent_id IS NULL) AS answered
           FROM thread t
           LEFT JOIN thread_read tr ON tr.item_id = t.item_id AND tr.user_id = $1
          WHERE t.course_id = $2`,
        [userId, courseId],
      )
      .then((rows) => rows.map((row) => ({ ...row, unread: Number(row.unread) })));
  }
}

/**
 * The SQL of a page of answers ($1 thread, $2 rows to read, then the cursor's key): each
 * order has an index that matches it, and a later page only adds a row comparison that
 * the index can start from. Exported so a test can EXPLAIN exactly this.
 */
export function answersQuery(sort: ReplySort, withCursor: boolean): string {
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

/** The reply's own fields, without the columns the rows carry for the queries. */
function toReply(row: ReplyRow): ReplyRow {
  return {
    id: row.id,
    itemId: row.itemId,
    courseId: row.courseId,
    authorId: row.authorId,
    parentId: row.parentId,
    bodyMd: row.bodyMd,
    bodyHtml: row.bodyHtml,
    wordCount: row.wordCount,
    createdAt: row.createdAt,
    createdKey: row.createdKey,
    editedAt: row.editedAt,
    removedAt: row.removedAt,
    removedBy: row.removedBy,
    hiddenAt: row.hiddenAt,
    hiddenReason: row.hiddenReason,
    childCount: row.childCount,
    likeCount: row.likeCount,
    heartCount: row.heartCount,
    insightfulCount: row.insightfulCount,
    supportCount: row.supportCount,
    reactionCount: row.reactionCount,
    reviewStatus: row.reviewStatus,
  };
}
