import { Injectable } from '@nestjs/common';
import { Database } from '@hearth/platform';

export interface ShiftRow {
  id: string;
  roomId: string;
  roomName: string;
  userId: string;
  startsAt: Date;
  endsAt: Date;
  createdBy: string | null;
}

const SHIFT = `s.id, s.room_id, r.name AS room_name, s.user_id, s.starts_at, s.ends_at, s.created_by`;

/**
 * How long a session covers its room on the rota: one scheduled (not started) covers this
 * long from when it is planned, as sessions have no planned end; a running one covers at
 * least this long from its start, and until now.
 */
const SESSION_COVERS = `interval '1 hour'`;

/** The rota (shifts), the week's coverage and rooms' calls for a host. */
@Injectable()
export class CoverageRepository {
  constructor(private readonly db: Database) {}

  async insertShift(shift: { roomId: string; userId: string; startsAt: Date; endsAt: Date; createdBy: string }): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(
      'INSERT INTO chat_shift (room_id, user_id, starts_at, ends_at, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [shift.roomId, shift.userId, shift.startsAt, shift.endsAt, shift.createdBy],
    );
    return row.id;
  }

  shift(id: string): Promise<ShiftRow | null> {
    return this.db.query<ShiftRow>(`SELECT ${SHIFT} FROM chat_shift s JOIN chat_room r ON r.id = s.room_id WHERE s.id = $1`, [id]).then(([row]) => row ?? null);
  }

  async deleteShift(id: string): Promise<void> {
    await this.db.execute('DELETE FROM chat_shift WHERE id = $1', [id]);
  }

  /**
   * Takes the person's row lock in the chat (inside a transaction), so two shifts of theirs
   * written at once take turns and the second sees the first.
   */
  async lockPerson(userId: string): Promise<void> {
    await this.db.query('SELECT 1 FROM chat_member WHERE user_id = $1 FOR UPDATE', [userId]);
  }

  /** A shift of this person's, in any room, overlapping the span. */
  overlapping(userId: string, startsAt: Date, endsAt: Date): Promise<ShiftRow | null> {
    return this.db
      .query<ShiftRow>(`SELECT ${SHIFT} FROM chat_shift s JOIN chat_room r ON r.id = s.room_id WHERE s.user_id = $1 AND s.starts_at < $3 AND s.ends_at > $2 ORDER BY s.starts_at LIMIT 1`, [
        userId,
        startsAt,
        endsAt,
      ])
      .then(([row]) => row ?? null);
  }

  /** The shifts in these rooms overlapping the span, earliest first. */
  shiftsIn(roomIds: string[], from: Date, to: Date): Promise<ShiftRow[]> {
    return this.db.query<ShiftRow>(
      `SELECT ${SHIFT} FROM chat_shift s JOIN chat_room r ON r.id = s.room_id
        WHERE s.room_id = ANY($1::uuid[]) AND s.starts_at < $3 AND s.ends_at > $2 ORDER BY s.starts_at, r.name, s.id`,
      [roomIds, from, to],
    );
  }

  /**
   * For each room, its week's 168 hours from `from`, each covered or not, in one statement:
   * the shifts and sessions of each room merged into one multirange (range_agg), and each
   * hour of generate_series tested against it. An hour counts as covered only when all of
   * it is.
   */
  coverage(roomIds: string[], from: Date): Promise<Array<{ roomId: string; name: string; covered: boolean[] }>> {
    return this.db.query(
      `WITH week AS (SELECT $2::timestamptz AS starts, $2::timestamptz + interval '7 days' AS ends),
            spans AS (
              SELECT s.room_id, tstzrange(s.starts_at, s.ends_at) AS span FROM chat_shift s, week
               WHERE s.room_id = ANY($1::uuid[]) AND s.starts_at < week.ends AND s.ends_at > week.starts
              UNION ALL
              SELECT x.room_id, tstzrange(x.starts, x.ends) FROM (
                SELECT room_id, coalesce(started_at, scheduled_for) AS starts,
                       CASE WHEN ended_at IS NOT NULL THEN ended_at
                            WHEN started_at IS NOT NULL THEN greatest(now(), started_at + ${SESSION_COVERS})
                            ELSE scheduled_for + ${SESSION_COVERS} END AS ends
                  FROM chat_session WHERE room_id = ANY($1::uuid[])) x, week
               WHERE x.starts < week.ends AND x.ends > week.starts),
            merged AS (SELECT room_id, range_agg(span) AS spans FROM spans GROUP BY room_id)
       SELECT r.id AS room_id, r.name,
              array_agg(coalesce(m.spans @> tstzrange(h, h + interval '1 hour'), false) ORDER BY h) AS covered
         FROM chat_room r
        CROSS JOIN week
        CROSS JOIN generate_series(week.starts, week.ends - interval '1 hour', interval '1 hour') AS h
         LEFT JOIN merged m ON m.room_id = r.id
        WHERE r.id = ANY($1::uuid[])
        GROUP BY r.id, r.name ORDER BY lower(r.name), r.id`,
      [roomIds, from],
    );
  }

  /** The room's last call for a host, if it was less than `minutes` ago. */
  recentCall(roomId: string, minutes: number): Promise<{ askedAt: Date } | null> {
    return this.db
      .query<{ askedAt: Date }>(
        `SELECT asked_at FROM chat_host_call WHERE room_id = $1 AND asked_at > now() - make_interval(mins => $2) ORDER BY asked_at DESC LIMIT 1`,
        [roomId, minutes],
      )
      .then(([row]) => row ?? null);
  }

  async insertCall(call: { roomId: string; askedBy: string; hostIds: string[] }): Promise<{ id: string; askedAt: Date }> {
    const [row] = await this.db.query<{ id: string; askedAt: Date }>(
      'INSERT INTO chat_host_call (room_id, asked_by, host_ids) VALUES ($1, $2, $3) RETURNING id, asked_at',
      [call.roomId, call.askedBy, call.hostIds],
    );
    return row;
  }
}
