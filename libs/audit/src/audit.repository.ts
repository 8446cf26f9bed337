import { Injectable } from '@nestjs/common';
import type { AuditKind } from '@hearth/contracts';
import { Database } from '@hearth/platform';

export interface AuditRow {
  id: string;
  at: Date;
  actorId: string | null;
  kind: AuditKind;
  subjectType: string;
  subjectId: string;
  subjectUserId: string | null;
  summary: string;
  data: Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AuditFilter {
  actorId?: string;
  /** A subject's id, or the person an entry concerns. */
  subject?: string;
  kind?: AuditKind;
}

@Injectable()
export class AuditRepository {
  constructor(private readonly db: Database) {}

  async insert(entry: Omit<AuditRow, 'id' | 'at'>): Promise<void> {
    await this.db.execute(
      'INSERT INTO audit_entry (actor_id, kind, subject_type, subject_id, subject_user_id, summary, data) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [entry.actorId, entry.kind, entry.subjectType, entry.subjectId, entry.subjectUserId, entry.summary, JSON.stringify(entry.data)],
    );
  }

  /** Newest first, `limit + 1` rows before the cursor's id; each filter has an index leading with it. */
  page(filter: AuditFilter, before: string | null, limit: number): Promise<AuditRow[]> {
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      parameters.push(value);
      conditions.push(sql.replace('?', `$${parameters.length}`));
    };
    if (filter.actorId) add('actor_id = ?', filter.actorId);
    if (filter.subject) {
      parameters.push(filter.subject);
      const n = parameters.length;
      // A person is the subject of entries about them and of entries about what they wrote;
      // both columns are compared as they are indexed, so the planner can use both indexes.
      conditions.push(UUID.test(filter.subject) ? `(subject_id = $${n} OR subject_user_id = $${n}::uuid)` : `subject_id = $${n}`);
    }
    if (filter.kind) add('kind = ?', filter.kind);
    if (before) add('id < ?::bigint', before);
    parameters.push(limit + 1);
    return this.db.query<AuditRow>(
      `SELECT id::text, at, actor_id, kind, subject_type, subject_id,
              subject_user_id, summary, data
         FROM audit_entry e ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY e.id DESC LIMIT $${parameters.length}`,
      parameters,
    );
  }
}
