import { Injectable } from '@nestjs/common';
import type { ItemType } from '@hearth/contracts';
import { Database } from '@hearth/platform';
import { CourseEntity } from './course.entity';
import { CourseVersionEntity, PublishedItemEntity, PublishedModuleEntity } from './version.entity';

export interface OutlineRow {
  module_id: string;
  module_slug: string;
  module_title: string;
  item_id: string | null;
  item_slug: string | null;
  item_type: ItemType | null;
  item_title: string | null;
}

/** A published item together with where it sits, for the reader. */
export interface PublishedItemRow extends PublishedItemEntity {
  course: CourseEntity;
  /** The course's title in this version. */
  courseTitle: string;
  moduleTitle: string;
}

@Injectable()
export class VersionRepository {
  constructor(private readonly db: Database) {}

  async latestNumber(courseId: string): Promise<number> {
    const [row] = await this.db.query<{ latest: number | null }>('SELECT max(version) AS latest FROM course_version WHERE course_id = $1', [courseId]);
    return row.latest ?? 0;
  }

  async insert(version: CourseVersionEntity, modules: PublishedModuleEntity[], items: PublishedItemEntity[]): Promise<void> {
    await this.db.repository(CourseVersionEntity).insert(version);
    if (modules.length > 0) await this.db.repository(PublishedModuleEntity).insert(modules);
    if (items.length > 0) await this.db.repository(PublishedItemEntity).insert(items);
  }

  find(courseId: string, version: number): Promise<CourseVersionEntity | null> {
    return this.db
      .query<CourseVersionEntity>(
        `SELECT course_id AS "courseId", version, title, summary, note, requirements, published_by AS "publishedBy", published_at AS "publishedAt"
           FROM course_version WHERE course_id = $1 AND version = $2`,
        [courseId, version],
      )
      .then(([row]) => row ?? null);
  }

  versions(courseId: string): Promise<CourseVersionEntity[]> {
    return this.db.repository(CourseVersionEntity).find({ where: { courseId }, order: { version: 'DESC' } });
  }

  /** The modules of a version, each with its items in order (a module may be empty). */
  outline(courseId: string, version: number): Promise<OutlineRow[]> {
    return this.db.query<OutlineRow>(
      `SELECT m.module_id, m.slug AS module_slug, m.title AS module_title,
              i.item_id, i.slug AS item_slug, i.type AS item_type, i.title AS item_title
         FROM published_module m
         LEFT JOIN published_item i ON i.course_id = m.course_id AND i.version = m.version AND i.module_id = m.module_id
        WHERE m.course_id = $1 AND m.version = $2
        ORDER BY m.position, i.sequence`,
      [courseId, version],
    );
  }

  /**
   * An item as its course's current version has it, with its course and module, in one
   * query; null when that version does not include it.
   */
  async currentItem(itemId: string): Promise<PublishedItemRow | null> {
    // SQL rather than the query builder: every item page starts here.
    const [row] = await this.db.query<PublishedItemRow & Record<`c_${string}`, unknown>>(
      `SELECT i.course_id AS "courseId", i.version, i.item_id AS "itemId", i.module_id AS "moduleId", i.sequence, i.slug, i.type, i.title,
              i.body_md AS "bodyMd", i.body_html AS "bodyHtml", i.reflection_question AS "reflectionQuestion", i.post_first AS "postFirst",
              i.min_words AS "minWords", i.pass_percent AS "passPercent", i.show_answers AS "showAnswers", i.questions, m.title AS "moduleTitle", v.title AS "courseTitle",
              c.id AS c_id, c.slug AS c_slug, c.title AS c_title, c.summary AS c_summary, c.cover_image_url AS c_cover_image_url,
              c.status AS c_status, c.current_version AS c_current_version, c.published_at AS c_published_at, c.requirements AS c_requirements,
              c.unpublished_changes AS c_unpublished_changes, c.created_by AS c_created_by, c.created_at AS c_created_at, c.updated_at AS c_updated_at
         FROM published_item i
         JOIN course c ON c.id = i.course_id AND c.current_version = i.version
         JOIN published_module m ON m.course_id = i.course_id AND m.version = i.version AND m.module_id = i.module_id
         JOIN course_version v ON v.course_id = i.course_id AND v.version = i.version
        WHERE i.item_id = $1`,
      [itemId],
    );
    if (!row) return null;
    const { c_id, c_slug, c_title, c_summary, c_cover_image_url, c_status, c_current_version, c_published_at, c_requirements, c_unpublished_changes, c_created_by, c_created_at, c_updated_at, ...item } = row;
    const course = {
      id: c_id,
      slug: c_slug,
      title: c_title,
      summary: c_summary,
      coverImageUrl: c_cover_image_url,
      status: c_status,
      currentVersion: c_current_version,
      publishedAt: c_published_at,
      requirements: c_requirements,
      unpublishedChanges: c_unpublished_changes,
      createdBy: c_created_by,
      createdAt: c_created_at,
      updatedAt: c_updated_at,
    } as CourseEntity;
    return { ...item, course } as PublishedItemRow;
  }

  /** The items just before and after a place in a version's reading order. */
  async neighbours(courseId: string, version: number, sequence: number): Promise<{ previous: { id: string; title: string } | null; next: { id: string; title: string } | null }> {
    const rows = await this.db.query<{ item_id: string; title: string; sequence: number }>(
      `(SELECT item_id, title, sequence FROM published_item WHERE course_id = $1 AND version = $2 AND sequence < $3 ORDER BY sequence DESC LIMIT 1)
       UNION ALL
       (SELECT item_id, title, sequence FROM published_item WHERE course_id = $1 AND version = $2 AND sequence > $3 ORDER BY sequence ASC LIMIT 1)`,
      [courseId, version, sequence],
    );
    const previous = rows.find((row) => row.sequence < sequence);
    const next = rows.find((row) => row.sequence > sequence);
    return {
      previous: previous ? { id: previous.item_id, title: previous.title } : null,
      next: next ? { id: next.item_id, title: next.title } : null,
    };
  }
}
