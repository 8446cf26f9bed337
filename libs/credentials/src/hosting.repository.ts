import { Injectable } from '@nestjs/common';
import { Database } from '@hearth/platform';

/** Minutes people hosted (led or co-hosted) chat sessions, as the chat told it when each ended. */
@Injectable()
export class HostingRepository {
  constructor(private readonly db: Database) {}

  async record(sessionId: string, hosts: Array<{ userId: string; minutes: number }>, endedAt: Date): Promise<void> {
    if (hosts.length === 0) return;
    await this.db.execute(
      `INSERT INTO hosted_session (user_id, session_id, minutes, ended_at)
       SELECT h.user_id, $1, h.minutes, $4 FROM unnest($2::uuid[], $3::int[]) AS h(user_id, minutes)
       ON CONFLICT (user_id, session_id) DO UPDATE SET minutes = greatest(hosted_session.minutes, excluded.minutes)`,
      [sessionId, hosts.map((host) => host.userId), hosts.map((host) => host.minutes), endedAt],
    );
  }

  /**
   * The active grants of a role held long enough for a window of `days` to count (in force
   * since before it began), each with the minutes its holder hosted in the window.
   */
  standings(roleKey: string, now: Date, days: number): Promise<Array<{ grantId: string; userId: string; minutes: number; activityWarnedAt: Date | null }>> {
    return this.db.query(
      `SELECT g.id AS grant_id, g.user_id, g.activity_warned_at,
              coalesce((SELECT sum(h.minutes)::int FROM hosted_session h
                         WHERE h.user_id = g.user_id AND h.ended_at > $2::timestamptz - make_interval(days => $3) AND h.ended_at <= $2::timestamptz), 0) AS minutes
         FROM role_grant g
        WHERE g.role_key = $1 AND g.status = 'active' AND (g.expires_at IS NULL OR g.expires_at > $2::timestamptz)
          AND g.active_since <= $2::timestamptz - make_interval(days => $3)
        ORDER BY g.user_id`,
      [roleKey, now, days],
    );
  }

  /** Minutes a person hosted in the `days` before `now`. */
  async minutesOf(userId: string, now: Date, days: number): Promise<number> {
    const [row] = await this.db.query<{ minutes: number }>(
      `SELECT coalesce(sum(minutes)::int, 0) AS minutes FROM hosted_session
        WHERE user_id = $1 AND ended_at > $2::timestamptz - make_interval(days => $3) AND ended_at <= $2::timestamptz`,
      [userId, now, days],
    );
    return row.minutes;
  }
}
