import { Injectable } from '@nestjs/common';
import type { AppealStatus, ReportStatus, SanctionKind, SanctionReason } from '@hearth/contracts';
import { Clock, Database } from '@hearth/platform';

export interface SanctionRow {
  id: string;
  kind: SanctionKind;
  roomId: string;
  roomName: string;
  userId: string;
  actorId: string | null;
  reasonCode: SanctionReason;
  reasonNote: string;
  minutes: number | null;
  createdAt: Date;
  endsAt: Date | null;
  messageId: string | null;
  messageBody: string | null;
  grantId: string | null;
  roleKey: string | null;
  liftedAt: Date | null;
  liftedBy: string | null;
}

export interface AppealRow {
  id: string;
  sanctionId: string;
  userId: string;
  body: string;
  status: AppealStatus;
  createdAt: Date;
  /** `created_at` to the microsecond: the queue's cursor. */
  createdKey: string;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
}

export interface ReportRow {
  id: string;
  messageId: string;
  roomId: string;
  roomName: string;
  reporterId: string;
  reasonCode: SanctionReason;
  note: string;
  status: ReportStatus;
  createdAt: Date;
  createdKey: string;
  escalatedAt: Date | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  outcomeNote: string | null;
  sanctionId: string | null;
}

const SANCTION = `s.id, s.kind, s.room_id, r.name AS room_name, s.user_id, s.actor_id, s.reason_code,
                  s.reason_note, s.minutes, s.created_at, s.ends_at, s.message_id,
                  msg.body AS message_body, s.grant_id, s.role_key, s.lifted_at, s.lifted_by`;
const SANCTION_FROM = `chat_sanction s JOIN chat_room r ON r.id = s.room_id LEFT JOIN chat_message msg ON msg.id = s.message_id`;
const APPEAL = `a.id, a.sanction_id, a.user_id, a.body, a.status, a.created_at, a.created_at::text AS created_key,
                a.decided_by, a.decided_at, a.decision_note`;
const REPORT = `p.id, p.message_id, p.room_id, r.name AS room_name, p.reporter_id, p.reason_code, p.note,
                p.status, p.created_at, p.created_at::text AS created_key, p.escalated_at, p.resolved_by,
                p.resolved_at, p.outcome_note, p.sanction_id`;

/** Sanctions (the moderation history), appeals against them, and reports of messages. */
@Injectable()
export class SanctionsRepository {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  // Sanctions

  async insert(
    sanction: Pick<SanctionRow, 'kind' | 'roomId' | 'userId' | 'actorId' | 'reasonCode' | 'reasonNote' | 'minutes' | 'endsAt' | 'messageId' | 'grantId' | 'roleKey' | 'createdAt'>,
  ): Promise<string> {
    // Stamped with the Clock's time, not the column's default: the appeal window counts from it.
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO chat_sanction (kind, room_id, user_id, actor_id, reason_code, reason_note, minutes, ends_at, message_id, grant_id, role_key, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::timestamptz) RETURNING id`,
      [
        sanction.kind,
        sanction.roomId,
        sanction.userId,
        sanction.actorId,
        sanction.reasonCode,
        sanction.reasonNote,
        sanction.minutes,
        sanction.endsAt,
        sanction.messageId,
        sanction.grantId,
        sanction.roleKey,
        sanction.createdAt,
      ],
    );
    return row.id;
  }

  find(id: string): Promise<SanctionRow | null> {
    return this.db.query<SanctionRow>(`SELECT ${SANCTION} FROM ${SANCTION_FROM} WHERE s.id = $1`, [id]).then(([row]) => row ?? null);
  }

  lock(id: string): Promise<SanctionRow | null> {
    return this.db.query<SanctionRow>(`SELECT ${SANCTION} FROM ${SANCTION_FROM} WHERE s.id = $1 FOR UPDATE OF s`, [id]).then(([row]) => row ?? null);
  }

  findMany(ids: string[]): Promise<SanctionRow[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.db.query<SanctionRow>(`SELECT ${SANCTION} FROM ${SANCTION_FROM} WHERE s.id = ANY($1::uuid[])`, [ids]);
  }

  /** Someone's whole moderation history, newest first (a person's record is short: no paging). */
  ofUser(userId: string, limit = 200): Promise<SanctionRow[]> {
    return this.db.query<SanctionRow>(`SELECT ${SANCTION} FROM ${SANCTION_FROM} WHERE s.user_id = $1 ORDER BY s.created_at DESC, s.id DESC LIMIT $2`, [userId, limit]);
  }

  async attachGrant(id: string, grantId: string): Promise<void> {
    await this.db.execute('UPDATE chat_sanction SET grant_id = $2 WHERE id = $1', [id, grantId]);
  }

  /** Ended early (an appeal overturned it). */
  async lift(id: string, by: string): Promise<void> {
    await this.db.execute('UPDATE chat_sanction SET lifted_at = now(), lifted_by = $2 WHERE id = $1 AND lifted_at IS NULL', [id, by]);
  }

  /** Who is muted in a room now, and until when. */
  async mutesIn(roomId: string): Promise<Map<string, Date>> {
    const rows = await this.db.query<{ userId: string; until: Date }>(
      `SELECT user_id, max(ends_at) AS until FROM chat_sanction WHERE room_id = $1 AND kind = 'mute' AND lifted_at IS NULL AND ends_at > $2::timestamptz GROUP BY user_id`,
      [roomId, this.clock.now()],
    );
    return new Map(rows.map((row) => [row.userId, row.until]));
  }

  // Appeals

  /** A new appeal; null when the sanction has one already. */
  async insertAppeal(appeal: Pick<AppealRow, 'sanctionId' | 'userId' | 'body'>): Promise<string | null> {
    const [row] = await this.db.query<{ id: string }>(
      'INSERT INTO chat_appeal (sanction_id, user_id, body) VALUES ($1, $2, $3) ON CONFLICT (sanction_id) DO NOTHING RETURNING id',
      [appeal.sanctionId, appeal.userId, appeal.body],
    );
    return row?.id ?? null;
  }

  appeal(id: string): Promise<AppealRow | null> {
    return this.db.query<AppealRow>(`SELECT ${APPEAL} FROM chat_appeal a WHERE a.id = $1`, [id]).then(([row]) => row ?? null);
  }

  lockAppeal(id: string): Promise<AppealRow | null> {
    return this.db.query<AppealRow>(`SELECT ${APPEAL} FROM chat_appeal a WHERE a.id = $1 FOR UPDATE`, [id]).then(([row]) => row ?? null);
  }

  /** The appeals against these sanctions, by sanction. */
  async appealsOf(sanctionIds: string[]): Promise<Map<string, AppealRow>> {
    if (sanctionIds.length === 0) return new Map();
    const rows = await this.db.query<AppealRow>(`SELECT ${APPEAL} FROM chat_appeal a WHERE a.sanction_id = ANY($1::uuid[])`, [sanctionIds]);
    return new Map(rows.map((row) => [row.sanctionId, row]));
  }

  /** By status, oldest first (the queue is worked in order), `limit + 1` after the cursor. */
  appealsPage(status: AppealStatus, after: Array<string | number> | null, limit: number): Promise<AppealRow[]> {
    return this.db.query<AppealRow>(
      `SELECT ${APPEAL} FROM chat_appeal a WHERE a.status = $1${after ? ' AND (a.created_at, a.id) > ($3::timestamptz, $4::uuid)' : ''} ORDER BY a.created_at, a.id LIMIT $2`,
      [status, limit + 1, ...(after ?? [])],
    );
  }


  async decideAppeal(id: string, status: Exclude<AppealStatus, 'pending'>, by: string, note: string): Promise<void> {
    await this.db.execute('UPDATE chat_appeal SET status = $2, decided_by = $3, decided_at = now(), decision_note = $4 WHERE id = $1', [id, status, by, note]);
  }

  // Reports

  /** A new report; null when this person reported this message already. */
  async insertReport(report: Pick<ReportRow, 'messageId' | 'roomId' | 'reporterId' | 'reasonCode' | 'note'>): Promise<string | null> {
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO chat_report (message_id, room_id, reporter_id, reason_code, note) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (message_id, reporter_id) DO NOTHING RETURNING id`,
      [report.messageId, report.roomId, report.reporterId, report.reasonCode, report.note],
    );
    return row?.id ?? null;
  }

  report(id: string): Promise<ReportRow | null> {
    return this.db.query<ReportRow>(`SELECT ${REPORT} FROM chat_report p JOIN chat_room r ON r.id = p.room_id WHERE p.id = $1`, [id]).then(([row]) => row ?? null);
  }

  /** A room's reports by status, oldest first, `limit + 1` after the cursor. */
  reportsPage(roomId: string, status: ReportStatus, after: Array<string | number> | null, limit: number): Promise<ReportRow[]> {
    return this.db.query<ReportRow>(
      `SELECT ${REPORT} FROM chat_report p JOIN chat_room r ON r.id = p.room_id
        WHERE p.room_id = $1 AND p.status = $2${after ? ' AND (p.created_at, p.id) > ($4::timestamptz, $5::uuid)' : ''}
        ORDER BY p.created_at, p.id LIMIT $3`,
      [roomId, status, limit + 1, ...(after ?? [])],
    );
  }



  /** Resolves every open report of a message at once (everyone who reported it hears), returning them. */
  resolveReports(messageId: string, outcome: { status: Exclude<ReportStatus, 'open'>; by: string; note: string | null; sanctionId: string | null }): Promise<ReportRow[]> {
    return this.db.query<ReportRow>(
      `WITH resolved AS (
         UPDATE chat_report SET status = $2, resolved_by = $3, resolved_at = now(), outcome_note = $4, sanction_id = $5
          WHERE message_id = $1 AND status = 'open' RETURNING *)
       SELECT ${REPORT} FROM resolved p JOIN chat_room r ON r.id = p.room_id`,
      [messageId, outcome.status, outcome.by, outcome.note, outcome.sanctionId],
    );
  }

  /** Marks a report as gone to the admins; false when it was acted on (or escalated) meanwhile. */
  async escalate(id: string): Promise<boolean> {
    return (await this.db.execute(`UPDATE chat_report SET escalated_at = now() WHERE id = $1 AND status = 'open' AND escalated_at IS NULL`, [id])) > 0;
  }
}
