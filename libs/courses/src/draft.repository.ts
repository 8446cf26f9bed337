import { Injectable } from '@nestjs/common';
import { Database } from '@hearth/platform';
import { IsNull } from 'typeorm';
import { CourseModuleEntity, ItemEntity } from './draft.entity';

/** The draft's modules and items. Lists leave removed ones out. */
@Injectable()
export class DraftRepository {
  constructor(private readonly db: Database) {}

  private get modules() {
    return this.db.repository(CourseModuleEntity);
  }

  private get items() {
    return this.db.repository(ItemEntity);
  }

  liveModules(courseId: string): Promise<CourseModuleEntity[]> {
    return this.modules.find({ where: { courseId, removedAt: IsNull() }, order: { position: 'ASC', createdAt: 'ASC' } });
  }

  liveItems(courseId: string): Promise<ItemEntity[]> {
    return this.items.find({ where: { courseId, removedAt: IsNull() }, order: { position: 'ASC', createdAt: 'ASC' } });
  }

  findModule(id: string): Promise<CourseModuleEntity | null> {
    return this.modules.findOneBy({ id, removedAt: IsNull() });
  }

  findItem(id: string): Promise<ItemEntity | null> {
    return this.items.findOneBy({ id, removedAt: IsNull() });
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
    return this.modules.save(this.modules.create(module));
  }

  async updateModule(id: string, changes: Partial<CourseModuleEntity>): Promise<void> {
    await this.modules.update({ id }, changes);
  }

  insertItem(item: Partial<ItemEntity>): Promise<ItemEntity> {
    return this.items.save(this.items.create(item));
  }

  async updateItem(id: string, changes: Partial<ItemEntity>): Promise<void> {
    await this.items.update({ id }, changes);
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
