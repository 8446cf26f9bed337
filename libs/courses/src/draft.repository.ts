import { Injectable } from '@nestjs/common';
import { Database } from '@hearth/platform';
import type { CourseModuleEntity, ItemEntity } from './draft.entity';

const MODULE = 'id, course_id, slug, title, position, removed_at, created_at, updated_at';
const ITEM = `id, course_id, module_id, position, changed, removed_at, created_at, updated_at, slug, type, title, body_md, body_html,
  reflection_question, post_first, min_words, pass_percent, show_answers, questions, script`;

/** The draft's modules and items. Lists leave removed ones out. */
@Injectable()
export class DraftRepository {
  constructor(private readonly db: Database) {}

  liveModules(courseId: string): Promise<CourseModuleEntity[]> {
    return this.db.query(`SELECT ${MODULE} FROM course_module WHERE course_id = $1 AND removed_at IS NULL ORDER BY position, created_at`, [courseId]);
  }

  liveItems(courseId: string): Promise<ItemEntity[]> {
    return this.db.query(`SELECT ${ITEM} FROM item WHERE course_id = $1 AND removed_at IS NULL ORDER BY position, created_at`, [courseId]);
  }

  findModule(id: string): Promise<CourseModuleEntity | null> {
    return this.db.query<CourseModuleEntity>(`SELECT ${MODULE} FROM course_module WHERE id = $1 AND removed_at IS NULL`, [id]).then(([row]) => row ?? null);
  }

  findItem(id: string): Promise<ItemEntity | null> {
    return this.db.query<ItemEntity>(`SELECT ${ITEM} FROM item WHERE id = $1 AND removed_at IS NULL`, [id]).then(([row]) => row ?? null);
  }

  /** Every slug the course's live modules and items use, lower-cased. */
  async slugsInUse(courseId: string): Promise<{ modules: Set<string>; items: Set<string> }> {
    const rows = await this.db.query<{ kind: 'module' | 'item'; slug: string }>(
      `SELECT 'module' AS kind, lower(slug) AS slug FROM course_module WHERE course_id = $1 AND removed_at IS NULL
       UNION ALL
       SELECT 'item', lower(slug) FROM item WHERE course_id = $1 AND removed_at IS NULL`,
      [courseId],
    );
    return {
      modules: new Set(rows.filter((row) => row.kind === 'module').map((row) => row.slug)),
      items: new Set(rows.filter((row) => row.kind === 'item').map((row) => row.slug)),
    };
  }

  insertModule(module: Pick<CourseModuleEntity, 'courseId' | 'slug' | 'title' | 'position'>): Promise<CourseModuleEntity> {
    return this.db.insert<CourseModuleEntity>('course_module', module, MODULE).then(([row]) => row);
  }

  async updateModule(id: string, changes: Partial<CourseModuleEntity>): Promise<void> {
    await this.db.update('course_module', id, changes, { touch: true });
  }

  insertItem(item: Partial<ItemEntity>): Promise<ItemEntity> {
    return this.db.insert<ItemEntity>('item', item, ITEM).then(([row]) => row);
  }

  async updateItem(id: string, changes: Partial<ItemEntity>): Promise<void> {
    await this.db.update('item', id, changes, { touch: true });
  }

  /** Writes 1..n as the positions of the given ids, in that order. */
  async renumber(table: 'course_module' | 'item', ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.execute(
      `UPDATE ${table} AS t SET position = o.position
         FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, position)
        WHERE t.id = o.id AND t.position <> o.position`,
      [ids],
    );
  }

  /** After a publish, nothing in the draft differs from what trainees see. */
  async markAllPublished(courseId: string): Promise<void> {
    await this.db.execute('UPDATE item SET changed = false WHERE course_id = $1 AND changed', [courseId]);
  }
}
