import { Injectable } from '@nestjs/common';
import type { RoleEffects, UnlockRule } from '@hearth/contracts';
import { Database } from '@hearth/platform';

export interface RoleRow {
  key: string;
  version: number;
  name: string;
  description: string;
  rule: UnlockRule;
  effects: RoleEffects;
  createdAt: Date;
}

const CURRENT = `SELECT r.key, v.version, v.name, v.description, v.rule, v.effects, v.created_at
                   FROM facilitator_role r JOIN facilitator_role_version v ON v.role_key = r.key AND v.version = r.current_version`;

@Injectable()
export class RolesRepository {
  constructor(private readonly db: Database) {}

  all(): Promise<RoleRow[]> {
    return this.db.query<RoleRow>(`${CURRENT} ORDER BY v.name`);
  }

  find(key: string): Promise<RoleRow | null> {
    return this.db.query<RoleRow>(`${CURRENT} WHERE r.key = $1`, [key]).then(([row]) => row ?? null);
  }

  findMany(keys: string[]): Promise<RoleRow[]> {
    return keys.length === 0 ? Promise.resolve([]) : this.db.query<RoleRow>(`${CURRENT} WHERE r.key = ANY($1)`, [keys]);
  }

  /** Roles' current names by key (a key no longer defined is missing from the map). */
  async names(keys: string[]): Promise<Map<string, string>> {
    return new Map((await this.findMany([...new Set(keys)])).map((role) => [role.key, role.name]));
  }

  /** A role's current name, or its key when it is no longer defined. */
  async name(key: string): Promise<string> {
    return (await this.names([key])).get(key) ?? key;
  }

  /** A version of a role as it was (grants and requests name theirs). */
  version(key: string, version: number): Promise<RoleRow | null> {
    return this.db
      .query<RoleRow>(
        `SELECT role_key AS key, version, name, description, rule, effects, created_at FROM facilitator_role_version WHERE role_key = $1 AND version = $2`,
        [key, version],
      )
      .then(([row]) => row ?? null);
  }

  /**
   * The roles an event may unlock: those whose current rule names this course, or this
   * role, or (`shadowingAny`) which are among these roles and ask for shadowing.
   */
  /** The roles whose current rule asks for activity. */
  withActivity(): Promise<RoleRow[]> {
    return this.db.query<RoleRow>(`${CURRENT} WHERE v.rule->'activity' IS NOT NULL AND v.rule->'activity' <> 'null'::jsonb ORDER BY r.key`);
  }

  unlockedBy(what: { courseId?: string; roleKey?: string; shadowingAny?: string[] }): Promise<RoleRow[]> {
    if (what.shadowingAny) return this.db.query<RoleRow>(`${CURRENT} WHERE coalesce((v.rule->>'shadowSessions')::int, 0) > 0 AND r.key = ANY($1)`, [what.shadowingAny]);
    const condition = what.courseId ? `v.rule->'courseIds' ? $1` : `v.rule->'roleKeys' ? $1`;
    return this.db.query<RoleRow>(`${CURRENT} WHERE ${condition}`, [what.courseId ?? what.roleKey]);
  }

  /** A new role with its first version; false when the key is taken. */
  async create(role: Omit<RoleRow, 'version' | 'createdAt'>, createdBy: string): Promise<boolean> {
    const [created] = await this.db.query('INSERT INTO facilitator_role (key, current_version) VALUES ($1, 1) ON CONFLICT (key) DO NOTHING RETURNING key', [role.key]);
    if (!created) return false;
    await this.insertVersion({ ...role, version: 1 }, createdBy);
    return true;
  }

  /** The next version of a role, under a lock on the role so two edits number themselves in turn. */
  async addVersion(role: Omit<RoleRow, 'version' | 'createdAt'>, createdBy: string): Promise<number> {
    const [row] = await this.db.query<{ currentVersion: number }>('SELECT current_version FROM facilitator_role WHERE key = $1 FOR UPDATE', [role.key]);
    const version = row.currentVersion + 1;
    await this.insertVersion({ ...role, version }, createdBy);
    await this.db.execute('UPDATE facilitator_role SET current_version = $2 WHERE key = $1', [role.key, version]);
    return version;
  }

  private async insertVersion(role: Omit<RoleRow, 'createdAt'>, createdBy: string): Promise<void> {
    await this.db.execute(
      'INSERT INTO facilitator_role_version (role_key, version, name, description, rule, effects, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [role.key, role.version, role.name, role.description, JSON.stringify(role.rule), JSON.stringify(role.effects), createdBy],
    );
  }
}
