import { Injectable } from '@nestjs/common';
import type { ItemType } from '@hearth/contracts';
import { Database } from '@hearth/platform';
import type { CourseEntity } from './course.entity';
import type { CourseVersionEntity, PublishedItemEntity, PublishedModuleEntity } from './version.entity';

export interface OutlineRow {
  moduleId: string;
  moduleSlug: string;
  moduleTitle: string;
  itemId: string | null;
  itemSlug: string | null;
  itemType: ItemType | null;
  itemTitle: string | null;
}

const VERSION = 'course_id, version, title, summary, note, requirements, published_by, published_at, recertify_days, recertify_item_ids';

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
    await this.db.insert('course_version', version, 'version', { arrays: ['recertifyItemIds'] });
    await this.db.insert('published_module', modules, 'module_id');
    await this.db.insert('published_item', items, 'item_id');
  }

  find(courseId: string, version: number): Promise<CourseVersionEntity | null> {
    return this.db
      .query<CourseVersionEntity>(
        `SELECT ${VERSION} FROM course_version WHERE course_id = $1 AND version = $2`,
        [courseId, version],
      )
      .then(([row]) => row ?? null);
  }

  versions(courseId: string): Promise<CourseVersionEntity[]> {
    return this.db.query<CourseVersionEntity>(`SELECT ${VERSION} FROM course_version WHERE course_id = $1 ORDER BY version DESC`, [courseId]);
  }

  /** What trainees work through in each item of a version: for comparing one version with the next. */
  contents(courseId: string, version: number): Promise<Array<Pick<PublishedItemEntity, 'itemId' | 'type' | 'bodyMd' | 'reflectionQuestion' | 'minWords' | 'passPercent' | 'questions'>>> {
    return this.db.query(
      'SELECT item_id, type, body_md, reflection_question, min_words, pass_percent, questions FROM published_item WHERE course_id = $1 AND version = $2 ORDER BY sequence',
      [courseId, version],
    );
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
    const [row] = await this.db.query<PublishedItemRow & Record<`course${Capitalize<string>}`, unknown>>(
      `SELECT i.course_id, i.version, i.item_id, i.module_id, i.sequence, i.slug, i.type, i.title, i.body_md, i.body_html, i.reflection_question,
              i.post_first, i.min_words, i.pass_percent, i.show_answers, i.questions, i.script, m.title AS module_title, v.title AS course_title,
              c.slug AS course_slug, c.title AS course_current_title, c.summary AS course_summary, c.cover_image_url AS course_cover_image_url,
              c.status AS course_status, c.current_version AS course_current_version, c.published_at AS course_published_at,
              c.requirements AS course_requirements, c.unpublished_changes AS course_unpublished_changes, c.created_by AS course_created_by,
              c.created_at AS course_created_at, c.updated_at AS course_updated_at
         FROM published_item i
         JOIN course c ON c.id = i.course_id AND c.current_version = i.version
         JOIN published_module m ON m.course_id = i.course_id AND m.version = i.version AND m.module_id = i.module_id
         JOIN course_version v ON v.course_id = i.course_id AND v.version = i.version
        WHERE i.item_id = $1`,
      [itemId],
    );
    if (!row) return null;
    const {
      courseSlug,
      courseCurrentTitle,
      courseSummary,
      courseCoverImageUrl,
      courseStatus,
      courseCurrentVersion,
      coursePublishedAt,
      courseRequirements,
      courseUnpublishedChanges,
      courseCreatedBy,
      courseCreatedAt,
      courseUpdatedAt,
      ...item
    } = row;
    const course = {
      id: item.courseId,
      slug: courseSlug,
      title: courseCurrentTitle,
      summary: courseSummary,
      coverImageUrl: courseCoverImageUrl,
      status: courseStatus,
      currentVersion: courseCurrentVersion,
      publishedAt: coursePublishedAt,
      requirements: courseRequirements,
      unpublishedChanges: courseUnpublishedChanges,
      createdBy: courseCreatedBy,
      createdAt: courseCreatedAt,
      updatedAt: courseUpdatedAt,
    } as CourseEntity;
    return { ...item, course } as PublishedItemRow;
  }

  /** The items just before and after a place in a version's reading order. */
  async neighbours(courseId: string, version: number, sequence: number): Promise<{ previous: { id: string; title: string } | null; next: { id: string; title: string } | null }> {
    const rows = await this.db.query<{ itemId: string; title: string; sequence: number }>(
      `(SELECT item_id, title, sequence FROM published_item WHERE course_id = $1 AND version = $2 AND sequence < $3 ORDER BY sequence DESC LIMIT 1)
       UNION ALL
       (SELECT item_id, title, sequence FROM published_item WHERE course_id = $1 AND version = $2 AND sequence > $3 ORDER BY sequence ASC LIMIT 1)`,
      [courseId, version, sequence],
    );
    const previous = rows.find((row) => row.sequence < sequence);
    const next = rows.find((row) => row.sequence > sequence);
    return {
      previous: previous ? { id: previous.itemId, title: previous.title } : null,
      next: next ? { id: next.itemId, title: next.title } : null,
    };
  }
}
