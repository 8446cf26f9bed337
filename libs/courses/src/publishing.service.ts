import { Injectable } from '@nestjs/common';
import type { FieldError } from '@hearth/contracts';
import type { AuthUser } from '@hearth/identity';
import { Clock, Database, DomainEvents } from '@hearth/platform';
import { CourseAccess } from './course-access';
import { CourseRepository } from './course.repository';
import { CoursesError, CoursesErrorCode } from './courses.errors';
import { itemProblems } from './courses.mapper';
import { DraftRepository } from './draft.repository';
import { publishQuestions } from './quiz';
import { changedItemIds } from './recertify';
import { publishScript } from './script';
import { requirementProblems } from './requirements';
import type { PublishedItemEntity, PublishedModuleEntity } from './version.entity';
import { VersionRepository } from './version.repository';

const DAY_MS = 86_400_000;

export interface Published {
  version: number;
  publishedAt: string;
}

/**
 * Publishing freezes the draft as the next version, which trainees then see. Items keep
 * their ids from draft to version to version, so a trainee's progress on an item carries
 * over when its text is improved.
 */
@Injectable()
export class PublishingService {
  constructor(
    private readonly db: Database,
    private readonly events: DomainEvents,
    private readonly access: CourseAccess,
    private readonly courses: CourseRepository,
    private readonly drafts: DraftRepository,
    private readonly versions: VersionRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * With `recertify`, holders of the roles built on the course must redo what changed since
   * the version before within that many days (credentials follows `course.published`); a
   * first version, or one where nothing a trainee works through changed, cannot ask it.
   */
  async publish(caller: AuthUser, ref: string, note: string | undefined, recertify?: { days: number }): Promise<Published> {
    const context = await this.access.edit(caller, ref);
    return this.db.transaction(async () => {
      const course = await this.courses.lock(context.course.id);
      const [modules, items] = await Promise.all([this.drafts.liveModules(course.id), this.drafts.liveItems(course.id)]);

      const problems: FieldError[] = items.flatMap((item) => itemProblems(item).map((message) => ({ field: `items.${item.slug}`, message: `${item.title}: ${message}` })));
      if (items.length === 0) problems.push({ field: 'items', message: 'The course has no items yet.' });
      problems.push(...requirementProblems(course.requirements, items));
      if (problems.length > 0) {
        throw new CoursesError(CoursesErrorCode.NotPublishable, 'The draft cannot be published yet.', problems);
      }

      const version = (await this.versions.latestNumber(course.id)) + 1;
      const publishedAt = new Date();
      const publishedModules: PublishedModuleEntity[] = modules.map((module) => ({
        courseId: course.id,
        version,
        moduleId: module.id,
        slug: module.slug,
        title: module.title,
        position: module.position,
      }));
      let sequence = 0;
      const publishedItems: PublishedItemEntity[] = modules.flatMap((module) =>
        items
          .filter((item) => item.moduleId === module.id)
          .map((item) => ({
            courseId: course.id,
            version,
            itemId: item.id,
            moduleId: module.id,
            sequence: ++sequence,
            slug: item.slug,
            type: item.type,
            title: item.title,
            bodyMd: item.bodyMd,
            bodyHtml: item.bodyHtml,
            reflectionQuestion: item.reflectionQuestion,
            postFirst: item.postFirst,
            minWords: item.minWords,
            passPercent: item.passPercent,
            showAnswers: item.showAnswers,
            questions: item.questions ? publishQuestions(item.questions) : null,
            script: item.script ? publishScript(item.script) : null,
          })),
      );

      const recertifyItemIds = recertify ? await this.toRecertify(course.id, version, publishedItems) : null;
      await this.versions.insert(
        {
          courseId: course.id,
          version,
          title: course.title,
          summary: course.summary,
          note: note || null,
          requirements: course.requirements,
          publishedBy: caller.id,
          publishedAt,
          recertifyDays: recertify?.days ?? null,
          recertifyItemIds,
        },
        publishedModules,
        publishedItems,
      );
      await this.courses.update(course.id, {
        currentVersion: version,
        publishedAt,
        unpublishedChanges: false,
        ...(course.status === 'draft' ? { status: 'published' as const } : {}),
      });
      await this.drafts.markAllPublished(course.id);
      await this.events.publish('course.published', {
        courseId: course.id,
        courseSlug: course.slug,
        title: course.title,
        version,
        publishedBy: caller.id,
        items: publishedItems.map((item) => ({ itemId: item.itemId, type: item.type, title: item.title, minWords: item.minWords, postFirst: item.postFirst })),
        requirements: course.requirements,
        recertify:
          recertify && recertifyItemIds ? { dueAt: new Date(this.clock.now().getTime() + recertify.days * DAY_MS).toISOString(), itemIds: recertifyItemIds } : null,
      });
      return { version, publishedAt: publishedAt.toISOString() };
    });
  }

  /** What holders redo: the items new or changed since the version before; a 422 when there is nothing. */
  private async toRecertify(courseId: string, version: number, items: PublishedItemEntity[]): Promise<string[]> {
    if (version === 1) {
      throw new CoursesError(CoursesErrorCode.NothingToRecertify, 'This is the course’s first version: there is nothing its holders have to redo.', [
        { field: 'recertify', message: 'Publish without asking holders to recertify.' },
      ]);
    }
    const changed = changedItemIds(await this.versions.contents(courseId, version - 1), items);
    if (changed.length === 0) {
      throw new CoursesError(CoursesErrorCode.NothingToRecertify, `Nothing a trainee works through changed since version ${version - 1}: there is nothing to redo.`, [
        { field: 'recertify', message: 'Change an item’s text, question or quiz, add one, or publish without asking holders to recertify.' },
      ]);
    }
    return changed;
  }
}
