import { Injectable } from '@nestjs/common';
import type { CoHostConfirmed } from '@hearth/contracts';
import { Database } from '@hearth/platform';

export interface ShadowRow {
  sessionId: string;
  roomName: string;
  topic: string;
  leaderId: string | null;
  confirmedBy: string | null;
  minutes: number;
  confirmedAt: Date;
}

const COLUMNS = `session_id, room_name, topic, leader_id, confirmed_by, minutes, confirmed_at`;

/** Sessions people co-hosted, confirmed by their leaders (ShadowedSessionEntity). */
@Injectable()
export class ShadowingRepository {
  constructor(private readonly db: Database) {}

  /** Once per person and session. */
  async record(event: CoHostConfirmed): Promise<void> {
    await this.db.execute(
      `INSERT INTO shadowed_session (user_id, session_id, room_name, topic, leader_id, leader_role_keys, confirmed_by, minutes, confirmed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (user_id, session_id) DO NOTHING`,
      [event.userId, event.sessionId, event.roomName, event.topic, event.leaderId, event.leaderRoleKeys, event.confirmedBy, event.minutes, event.at],
    );
  }

  /** The sessions someone co-hosted with a holder of this role, oldest first. */
  withHolderOf(userId: string, roleKey: string): Promise<ShadowRow[]> {
    return this.db.query<ShadowRow>(
      `SELECT ${COLUMNS} FROM shadowed_session WHERE user_id = $1 AND $2 = ANY(leader_role_keys) ORDER BY confirmed_at`,
      [userId, roleKey],
    );
  }

  ofUser(userId: string): Promise<ShadowRow[]> {
    return this.db.query<ShadowRow>(
      `SELECT ${COLUMNS} FROM shadowed_session WHERE user_id = $1 ORDER BY confirmed_at`,
      [userId],
    );
  }
}
