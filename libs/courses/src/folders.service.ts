import { Injectable } from '@nestjs/common';
import type { CourseDraft, DraftItem, FolderProblem, ImportResult, QuizQuestionDraft } from '@hearth/contracts';
import { type AuthUser, UsersService } from '@hearth/identity';
import { type ArchiveFormat, archiveFormat, Database, type Files, readArchive, writeArchive } from '@hearth/platform';
import { AuthoringService } from './authoring.service';
import { CourseAccess } from './course-access';
import { type FolderCourse, type FolderItem, readCourseFolder, writeCourseFolder } from './course-folder';
import { CourseRepository } from './course.repository';
import { CoursesError, CoursesErrorCode } from './courses.errors';
import { CoursesService } from './courses.service';
import { PublishingService } from './publishing.service';

export interface ExportedCourse {
  filename: string;
  contentType: string;
  body: Buffer;
}

export interface ImportOptions {
  publish?: boolean;
  note?: string;
}

/**
 * Courses to and from folders of Markdown files (see course-folder.ts).
 *
 * Import checks the whole folder first and changes nothing if anything is wrong. A new
 * slug makes a new course; the slug of a course the caller writes updates its draft:
 * modules and items are matched by slug, so an item keeps its identity, and trainees'
 * progress on it, across an export, an edit in a text editor, and an import.
 */
@Injectable()
export class FoldersService {
  constructor(
    private readonly db: Database,
    private readonly access: CourseAccess,
    private readonly repository: CourseRepository,
    private readonly courses: CoursesService,
    private readonly authoring: AuthoringService,
    private readonly publishing: PublishingService,
    private readonly users: UsersService,
  ) {}

  async export(caller: AuthUser, ref: string, format: ArchiveFormat): Promise<ExportedCourse> {
    const { slug, files } = await this.exportFiles(caller, ref);
    return {
      filename: `${slug}.${format}`,
      contentType: format === 'zip' ? 'application/zip' : 'application/gzip',
      body: await writeArchive(format, slug, files),
    };
  }

  /** The course's draft as a folder. */
  async exportFiles(caller: AuthUser, ref: string): Promise<{ slug: string; files: Files }> {
    const draft = await this.courses.draft(caller, ref);
    const course: FolderCourse = {
      slug: draft.slug,
      title: draft.title,
      summary: draft.summary,
      coverImageUrl: draft.coverImageUrl,
      requirements: draft.requirements,
      modules: draft.modules.map((module) => ({
        slug: module.slug,
        title: module.title,
        items: module.items.map((item) => ({
          slug: item.slug,
          type: item.type,
          title: item.title,
          body: item.body,
          ...(item.type === 'discussion' ? { reflectionQuestion: item.reflectionQuestion, postFirst: item.postFirst ?? true, minWords: item.minWords ?? 0 } : {}),
          ...(item.type === 'quiz' ? { passPercent: item.passPercent ?? undefined, showAnswers: item.showAnswers ?? undefined, questions: item.questions ?? [] } : {}),
          ...(item.type === 'script' ? { script: item.script ?? { steps: [], questions: [] } } : {}),
        })),
      })),
    };
    return { slug: draft.slug, files: writeCourseFolder(course) };
  }

  async importArchive(caller: AuthUser, contentType: string | undefined, body: Buffer, options: ImportOptions): Promise<ImportResult> {
    // Who may import is settled before any archive is unpacked.
    if (!(await this.users.hasPlatformRole(caller, 'author')) && !(await this.users.hasPlatformRole(caller, 'admin'))) {
      throw new CoursesError(CoursesErrorCode.NotAnAuthor, 'Only course authors may import courses.');
    }
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw new CoursesError(CoursesErrorCode.InvalidArchive, 'Send the course folder as a .tar.gz or .zip archive in the request body.');
    }
    const format = archiveFormat(contentType, body);
    if (!format) throw new CoursesError(CoursesErrorCode.InvalidArchive, 'The body is neither a .tar.gz nor a .zip archive.');
    return this.importFiles(caller, await readArchive(format, body), options);
  }

  async importFiles(caller: AuthUser, files: Files, options: ImportOptions): Promise<ImportResult> {
    const { course, problems } = await readCourseFolder(files, { publishing: options.publish });
    if (!course) throw folderProblems(problems);
    return this.db.transaction(async () => {
      const existing = await this.repository.findByRef(course.slug);
      let courseId: string;
      if (existing) {
        const context = await this.access.contextFor(caller, existing).catch(() => null);
        if (!context?.canEdit) {
          throw new CoursesError(CoursesErrorCode.SlugTaken, `Another course already has the slug ${course.slug}.`, [
            { field: 'course.yaml', message: `Another course already has the slug ${course.slug}; choose another.` },
          ]);
        }
        courseId = existing.id;
        const changes = {
          ...(existing.title !== course.title ? { title: course.title } : {}),
          ...(existing.summary !== course.summary ? { summary: course.summary } : {}),
          ...(existing.coverImageUrl !== course.coverImageUrl ? { coverImageUrl: course.coverImageUrl } : {}),
        };
        if (Object.keys(changes).length > 0) await this.courses.update(caller, courseId, changes);
      } else {
        courseId = (await this.courses.create(caller, { slug: course.slug, title: course.title, summary: course.summary, coverImageUrl: course.coverImageUrl })).id;
      }
      const draft = existing ? await this.courses.draft(caller, courseId) : null;
      // An item keeps its type for life; a folder that changes one is refused before anything is written.
      const retyped = course.modules.flatMap((module) => module.items).flatMap((item) => {
        const current = draft?.modules.flatMap((m) => m.items).find((i) => i.slug === item.slug);
        return current && current.type !== item.type
          ? [{ file: item.file ?? item.slug, line: null, message: `This item is a ${current.type} in the course and cannot become a ${item.type}; give it a new slug.` }]
          : [];
      });
      if (retyped.length > 0) throw folderProblems(retyped);
      await this.syncDraft(caller, courseId, course, draft);
      const current = draft?.requirements ?? (await this.courses.draft(caller, courseId)).requirements;
      if (JSON.stringify(current) !== JSON.stringify(course.requirements)) await this.courses.setRequirements(caller, courseId, course.requirements);
      if (options.publish) await this.publishing.publish(caller, courseId, options.note);
      const { modules, staff: _staff, ...rest } = await this.courses.draft(caller, courseId);
      return { course: rest, created: !existing, modules: modules.length, items: modules.reduce((n, m) => n + m.items.length, 0) };
    });
  }

  /** Makes the draft's modules and items exactly the folder's, matching by slug. */
  private async syncDraft(caller: AuthUser, courseId: string, course: FolderCourse, current: CourseDraft | null): Promise<void> {
    const draft = current ?? (await this.courses.draft(caller, courseId));
    const modulesBySlug = new Map(draft.modules.map((module) => [module.slug, module]));
    const itemsBySlug = new Map(draft.modules.flatMap((module) => module.items).map((item) => [item.slug, item]));
    const keptItems = new Set<string>();

    for (const [m, module] of course.modules.entries()) {
      const current = modulesBySlug.get(module.slug);
      let moduleId: string;
      if (!current) moduleId = (await this.authoring.addModule(caller, courseId, { slug: module.slug, title: module.title, position: m + 1 })).id;
      else {
        moduleId = current.id;
        if (current.title !== module.title || current.position !== m + 1) await this.authoring.updateModule(caller, current.id, { title: module.title, position: m + 1 });
      }
      for (const [i, item] of module.items.entries()) {
        const fields: Omit<FolderItem, 'slug' | 'type' | 'file'> = {
          title: item.title,
          body: item.body,
          ...(item.type === 'discussion' ? { reflectionQuestion: item.reflectionQuestion, postFirst: item.postFirst, minWords: item.minWords } : {}),
          ...(item.type === 'quiz' ? { passPercent: item.passPercent, showAnswers: item.showAnswers, questions: item.questions } : {}),
          ...(item.type === 'script' ? { script: item.script } : {}),
        };
        const existing = itemsBySlug.get(item.slug);
        // A folder holds no question ids: questions and options keep theirs by position.
        if (existing?.questions && fields.questions) fields.questions = keepIds(existing.questions, fields.questions);
        if (existing) {
          // Only what differs is written, so re-importing an unchanged folder leaves nothing to publish.
          const unchanged = existing.moduleId === moduleId && existing.position === i + 1 && sameContent(existing, fields);
          if (!unchanged) await this.authoring.updateItem(caller, existing.id, { ...fields, moduleId, position: i + 1 });
        } else await this.authoring.addItem(caller, moduleId, { ...fields, slug: item.slug, type: item.type, position: i + 1 });
        keptItems.add(item.slug);
      }
    }
    for (const [slug, item] of itemsBySlug) if (!keptItems.has(slug)) await this.authoring.removeItem(caller, item.id);
    for (const module of draft.modules) {
      if (!course.modules.some((m) => m.slug === module.slug)) await this.authoring.removeModule(caller, module.id);
    }
  }
}

function folderProblems(problems: FolderProblem[]): CoursesError {
  return new CoursesError(
    CoursesErrorCode.InvalidFolder,
    `The course folder has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was imported.`,
    problems.map((problem) => ({ field: problem.line ? `${problem.file}:${problem.line}` : problem.file, message: problem.message })),
  );
}

function keepIds(current: QuizQuestionDraft[], incoming: QuizQuestionDraft[]): QuizQuestionDraft[] {
  return incoming.map((question, q) => ({
    ...question,
    id: current[q]?.id,
    options: question.options.map((option, o) => ({ ...option, id: current[q]?.options[o]?.id })),
  }));
}

function sameContent(existing: DraftItem, fields: Omit<FolderItem, 'slug' | 'type' | 'file'>): boolean {
  const questions = (list: QuizQuestionDraft[] | null | undefined) =>
    JSON.stringify((list ?? []).map((q) => [q.text, q.kind, q.explanation ?? null, q.options.map((o) => [o.text, o.correct])]));
  return (
    existing.title === fields.title &&
    existing.body === fields.body &&
    (fields.reflectionQuestion === undefined || existing.reflectionQuestion === fields.reflectionQuestion) &&
    (fields.postFirst === undefined || existing.postFirst === fields.postFirst) &&
    (fields.minWords === undefined || existing.minWords === fields.minWords) &&
    (fields.passPercent === undefined || existing.passPercent === fields.passPercent) &&
    (fields.showAnswers === undefined || existing.showAnswers === fields.showAnswers) &&
    (fields.questions === undefined || questions(existing.questions) === questions(fields.questions)) &&
    (fields.script === undefined || JSON.stringify(existing.script) === JSON.stringify(fields.script))
  );
}
