/** The channel the outbox's workers LISTEN on; a commit that enqueued work NOTIFYs it. */
export const WAKE_CHANNEL = 'hearth_outbox';

/**
 * For a write that enqueues as part of one larger statement (a chat message and the
 * notice of its mentions, in one round trip): the CTE body that inserts the outbox row
 * for each row of `from`, and the expression (for the statement's SELECT) that wakes the
 * workers once it has. A single statement commits on its own, so the two go together.
 */
const insert = (topic: string, payload: string, from: string) => `INSERT INTO outbox_message (topic, payload) SELECT ${topic}, ${payload} FROM ${from} RETURNING 1`;
const wake = (cte: string) => `(SELECT count(pg_notify('${WAKE_CHANNEL}', '')) FROM ${cte})`;

export const OUTBOX_SQL = {
  insert,
  wake,
  /** Outbox.enqueue: one message ($1 the topic, $2 the JSON payload), the workers woken on commit, in one statement. */
  enqueue: `WITH queued AS (${insert('$1', '$2::jsonb', '(SELECT 1) AS one')}) SELECT ${wake('queued')}`,
};
