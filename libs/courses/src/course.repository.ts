import { Injectable } from '@nestjs/common';
import type { CourseRole } from '@hearth/contracts';
import { Database } from '@hearth/platform';
import { QueryFailedError } from 'typeorm';
import { CourseEntity } from './course.entity';
import { CoursesError, CoursesErrorCode } from './courses.errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CatalogRow {
  /** The key the list is sorted by, as PostgreSQL computes it. */
  sortKey: string;
  id: string;
  slug: string;
  title: string;
  summary: string;
  coverImageUrl: string | null;
  status: CourseEntity['status'];
  currentVersion: number | null;
  publishedAt: Date | null;
  unpublishedChanges: boolean;
  myRole: CourseRole | null;
  enrolled: boolean;
}

export interface StaffRow {
  userId: string;
  role: CourseRole;
}

/** A course row as CourseEntity names its fields. */
const COURSE = `id, slug, title, summary, cover_image_url, status, current_version, published_at, requirements, unpublished_changes, created_by, created_at, updated_at`;

@Injectable()
export class CourseRepository {
  constructor(private readonly db: Database) {}

  /** A course by id or by slug (any case). SQL rather than the query builder: every course page starts here. */
  findByRef(ref: string): Promise<CourseEntity | null> {
    const [where, value] = UUID.test(ref) ? ['id = $1', ref.toLowerCase()] : ['lower(slug) = lower($1)', ref];
    return this.db.query<CourseEntity>(`SELECT ${COURSE} FROM course WHERE ${where}`, [value]).then(([row]) => row ?? null);
  }

  /** Locks the course row until the transaction ends: structural edits of one course run one at a time. */
  findByIds(ids: string[]): Promise<CourseEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.db.query<CourseEntity>(
      `SELECT id, slug, title, summary, cover_image_url, status FROM course WHERE id = ANY($1)`,
      [ids],
    );
  }

  async lock(id: string): Promise<CourseEntity> {
    const [course] = await this.db.query<CourseEntity>(`SELECT ${COURSE} FROM course WHERE id = $1 FOR UPDATE`, [id]);
    if (!course) throw new CoursesError(CoursesErrorCode.CourseNotFound, 'There is no such course.');
    return course;
  }

  async insert(course: Pick<CourseEntity, 'slug' | 'title' | 'summary' | 'coverImageUrl' | 'createdBy'>): Promise<CourseEntity> {
    return this.withSlugCheck(async () => (await this.db.insert<CourseEntity>('course', course, COURSE))[0]);
  }

  async update(id: string, changes: Partial<CourseEntity>): Promise<void> {
    await this.withSlugCheck(() => this.db.update('course', id, changes, { touch: true }));
  }

  /**
   * Published courses in the catalog, by the title of their published version (a draft's
   * new title shows only once published), with my part in each. The catalog holds tens of
   * courses, not thousands, so sorting on the joined title needs no index of its own.
   */
  catalogPage(userId: string | null, after: [string, string] | null, limit: number): Promise<CatalogRow[]> {
    return this.db.query<CatalogRow>(
      `SELECT * FROM (${catalogSelect('coalesce(v.title, c.title)', 'coalesce(v.summary, c.summary)')}
                        WHERE c.status = 'published') page
        WHERE ($2::text IS NULL OR (sort_key, id) > ($2::text, $3::uuid))
        ORDER BY sort_key, id
        LIMIT $4`,
      [userId, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
  }

  /** Courses I write or mentor, by their draft title, drafts and archived ones included. */
  minePage(userId: string, after: [string, string] | null, limit: number): Promise<CatalogRow[]> {
    return this.db.query<CatalogRow>(
      `SELECT * FROM (${catalogSelect('c.title', 'c.summary')}
                        WHERE EXISTS (SELECT 1 FROM course_staff s WHERE s.course_id = c.id AND s.user_id = $1)) page
        WHERE ($2::text IS NULL OR (sort_key, id) > ($2::text, $3::uuid))
        ORDER BY sort_key, id
        LIMIT $4`,
      [userId, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
  }

  /** Of `userIds`, those enrolled in the course or on its staff. */
  async audience(courseId: string, userIds: string[]): Promise<Map<string, 'staff' | 'enrolled'>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.db.query<{ userId: string; staff: boolean }>(
      `SELECT user_id, bool_or(staff) AS staff FROM (
         SELECT user_id, false AS staff FROM enrollment WHERE course_id = $1 AND user_id = ANY($2)
         UNION ALL SELECT user_id, true FROM course_staff WHERE course_id = $1 AND user_id = ANY($2)
       ) AS member GROUP BY user_id`,
      [courseId, userIds],
    );
    return new Map(rows.map((row) => [row.userId, row.staff ? 'staff' : 'enrolled']));
  }

  /** Everyone enrolled in the course or on its staff. */
  async participantIds(courseId: string): Promise<string[]> {
    const rows = await this.db.query<{ userId: string }>(
      'SELECT user_id FROM enrollment WHERE course_id = $1 UNION SELECT user_id FROM course_staff WHERE course_id = $1',
      [courseId],
    );
    return rows.map((row) => row.userId);
  }

  async staffRole(courseId: string, userId: string): Promise<CourseRole | null> {
    const [row] = await this.db.query<{ role: CourseRole }>('SELECT role FROM course_staff WHERE course_id = $1 AND user_id = $2', [courseId, userId]);
    return row?.role ?? null;
  }

  async staffedBy(userId: string): Promise<string[]> {
    return (await this.db.query<{ courseId: string }>('SELECT course_id FROM course_staff WHERE user_id = $1', [userId])).map((row) => row.courseId);
  }

  staff(courseId: string): Promise<StaffRow[]> {
    return this.db.query<StaffRow>(
      `SELECT user_id, role FROM course_staff WHERE course_id = $1
        ORDER BY CASE role WHEN 'owner' THEN 0 WHEN 'author' THEN 1 ELSE 2 END, added_at`,
      [courseId],
    );
  }

  async setStaff(courseId: string, userId: string, role: CourseRole): Promise<void> {
    await this.db.execute(
      `INSERT INTO course_staff (course_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (course_id, user_id) DO UPDATE SET role = excluded.role`,
      [courseId, userId, role],
    );
  }

  async removeStaff(courseId: string, userId: string): Promise<void> {
    await this.db.execute('DELETE FROM course_staff WHERE course_id = $1 AND user_id = $2', [courseId, userId]);
  }

  private async withSlugCheck<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
      if (error instanceof QueryFailedError && driverError?.code === '23505' && driverError.constraint === 'course_slug_lower_key') {
        throw new CoursesError(CoursesErrorCode.SlugTaken, 'Another course already has this slug.', [
          { field: 'slug', message: 'Another course already has this slug.' },
        ]);
      }
      throw error;
    }
  }
}

const catalogSelect = (title: string, summary: string) => `
  SELECT lower(${title}) AS sort_key, c.id, c.slug, ${title} AS title, ${summary} AS summary, c.cover_image_url, c.status,
         c.current_version, c.published_at, c.unpublished_changes,
         (SELECT s.role FROM course_staff s WHERE s.course_id = c.id AND s.user_id = $1) AS my_role,
         EXISTS (SELECT 1 FROM enrollment e WHERE e.course_id = c.id AND e.user_id = $1) AS enrolled
    FROM course c
    LEFT JOIN course_version v ON v.course_id = c.id AND v.version = c.current_version`;
