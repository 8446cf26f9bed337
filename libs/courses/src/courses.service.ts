import { Injectable } from '@nestjs/common';
import type {
  CompletionFunnel,
  CompletionRequirement,
  CourseDraft,
  CourseOutline,
  CourseRole,
  CourseStaffMember,
  CourseSummary,
  CourseVersionSummary,
  CreateCourseRequest,
  OutlineModule,
  Page,
  TraineeProgress,
  UpdateCourseRequest,
  UserSummary,
} from '@hearth/contracts';
import { isItemDone, type LearningCourse, type MyLearning } from '@hearth/contracts';
import { type AuthUser, UsersService } from '@hearth/identity';
import { Database, DEFAULT_PAGE_SIZE, decodeCursor, toPage, ValidationFailedError } from '@hearth/platform';
import { ProgressService } from '@hearth/progress';
import { CourseAccess, type CourseContext } from './course-access';
import { type CatalogRow, CourseRepository } from './course.repository';
import { CoursesError, CoursesErrorCode } from './courses.errors';
import { draftModulesOf, summaryFromRow, summaryOf } from './courses.mapper';
import { DraftRepository } from './draft.repository';
import { EnrollmentRepository } from './enrollment.repository';
import { VersionRepository } from './version.repository';
import { readRequirements } from './requirements';

export interface CourseBrief {
  id: string;
  slug: string;
  title: string;
  summary: string;
  coverImageUrl: string | null;
}

@Injectable()
export class CoursesService {
  constructor(
    private readonly db: Database,
    private readonly access: CourseAccess,
    private readonly courses: CourseRepository,
    private readonly drafts: DraftRepository,
    private readonly versions: VersionRepository,
    private readonly enrollments: EnrollmentRepository,
    private readonly progress: ProgressService,
    private readonly users: UsersService,
  ) {}

  /** A new draft course; its creator becomes its owner. Authors and admins only. */
  async create(caller: AuthUser, request: CreateCourseRequest): Promise<CourseSummary> {
    const [author, admin] = await Promise.all([this.users.hasPlatformRole(caller, 'author'), this.users.hasPlatformRole(caller, 'admin')]);
    if (!author && !admin) throw new CoursesError(CoursesErrorCode.NotAnAuthor, 'Only course authors may create courses. Ask an admin to make you one.');
    return this.db.transaction(async () => {
      const course = await this.courses.insert({
        slug: request.slug,
        title: request.title,
        summary: request.summary,
        coverImageUrl: request.coverImageUrl ?? null,
        createdBy: caller.id,
      });
      await this.courses.setStaff(course.id, caller.id, 'owner');
      return summaryOf({ course, role: 'owner', admin, isStaff: true, canEdit: true }, false);
    });
  }

  /** Title and summary are part of each published version; the slug and cover apply at once. */
  async update(caller: AuthUser, ref: string, request: UpdateCourseRequest): Promise<CourseSummary> {
    const context = await this.access.edit(caller, ref);
    const changes = {
      ...(request.slug !== undefined ? { slug: request.slug } : {}),
      ...(request.title !== undefined ? { title: request.title } : {}),
      ...(request.summary !== undefined ? { summary: request.summary } : {}),
      ...(request.coverImageUrl !== undefined ? { coverImageUrl: request.coverImageUrl } : {}),
      ...(request.title !== undefined || request.summary !== undefined ? { unpublishedChanges: true } : {}),
    };
    await this.courses.update(context.course.id, changes);
    Object.assign(context.course, changes);
    return summaryOf(context, false);
  }

  /** The catalog (published courses), or with `mine` the courses I write or mentor. */
  async list(caller: AuthUser | null, query: { mine?: boolean; cursor?: string; limit?: number }): Promise<Page<CourseSummary>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, ['string', 'uuid']) as [string, string] | null;
    if (query.mine && !caller) throw new CoursesError(CoursesErrorCode.NotSignedIn, 'Sign in to see your courses.');
    const rows = query.mine ? await this.courses.minePage(caller!.id, after, limit) : await this.courses.catalogPage(caller?.id ?? null, after, limit);
    return toPage(rows, limit, (row: CatalogRow) => [row.sortKey, row.id], summaryFromRow);
  }

  /** The published course as trainees see it, with my enrollment and progress. */
  async outline(caller: AuthUser | null, ref: string): Promise<CourseOutline> {
    const context = await this.access.view(caller, ref);
    const { course } = context;
    const [published, rows, staff, enrollment] = await Promise.all([
      course.currentVersion === null ? Promise.resolve(null) : this.versions.find(course.id, course.currentVersion),
      course.currentVersion === null ? Promise.resolve([]) : this.versions.outline(course.id, course.currentVersion),
      this.courses.staff(course.id),
      caller ? this.enrollments.find(course.id, caller.id) : Promise.resolve(null),
    ]);
    const states = enrollment && caller ? await this.progress.itemStates(caller.id, course.id) : null;

    const modules: OutlineModule[] = [];
    for (const row of rows) {
      let module = modules.at(-1);
      if (module?.id !== row.moduleId) {
        module = { id: row.moduleId, slug: row.moduleSlug, title: row.moduleTitle, items: [] };
        modules.push(module);
      }
      if (row.itemId) {
        module.items.push({
          id: row.itemId,
          type: row.itemType!,
          title: row.itemTitle!,
          slug: row.itemSlug!,
          ...(states ? { state: states.get(row.itemId) ?? 'not_started' } : {}),
        });
      }
    }
    const items = modules.flatMap((module) => module.items);
    const authorIds = staff.filter((member) => member.role !== 'mentor').map((member) => member.userId);
    const people = await this.users.summaries(authorIds);
    return {
      ...summaryOf(context, enrollment !== null),
      // What trainees see: the published version's words, not the draft's.
      ...(published ? { title: published.title, summary: published.summary } : {}),
      modules,
      authors: authorIds.flatMap((id) => people.get(id) ?? []),
      enrollment: enrollment
        ? { id: enrollment.id, courseId: course.id, enrolledAt: enrollment.enrolledAt.toISOString(), version: enrollment.version }
        : null,
      progress: states ? { done: items.filter((item) => isItemDone(item.type, item.state ?? 'not_started')).length, total: items.length } : null,
    };
  }

  /**
   * My learning: each course I am enrolled in, how far I am and what comes next (one
   * outline per course; a learner has a handful). Archived courses stay, as they were.
   */
  async learning(caller: AuthUser): Promise<MyLearning> {
    const courses: LearningCourse[] = [];
    for (const enrollment of await this.enrollments.ofUser(caller.id)) {
      const [outline, completion] = await Promise.all([this.outline(caller, enrollment.slug), this.progress.completion(caller.id, enrollment.courseId)]);
      const items = outline.modules.flatMap((module) => module.items);
      const next = items.find((item) => !isItemDone(item.type, item.state ?? 'not_started')) ?? null;
      courses.push({
        courseId: enrollment.courseId,
        slug: outline.slug,
        title: outline.title,
        enrolledAt: enrollment.enrolledAt.toISOString(),
        done: outline.progress?.done ?? 0,
        total: outline.progress?.total ?? items.length,
        completedAt: completion?.completedAt ?? null,
        next: next ? { id: next.id, title: next.title, type: next.type } : null,
      });
    }
    const inProgress = courses.filter((course) => !course.completedAt);
    return { courses: [...inProgress, ...courses.filter((course) => course.completedAt)] };
  }

  /** The draft as its authors edit it: every module and item, answer keys included. */
  async draft(caller: AuthUser, ref: string): Promise<CourseDraft> {
    const context = await this.access.edit(caller, ref);
    const [modules, items] = await Promise.all([this.drafts.liveModules(context.course.id), this.drafts.liveItems(context.course.id)]);
    return {
      ...summaryOf(context, false),
      modules: draftModulesOf(modules, items),
      staff: await this.staffOf(context),
      requirements: context.course.requirements,
    };
  }

  /**
   * What other contexts show of courses they name (a role's rule, a badge): identity and
   * public description. Courses never published are left out.
   */
  async briefs(ids: string[]): Promise<Map<string, CourseBrief>> {
    const rows = await this.courses.findByIds([...new Set(ids)]);
    return new Map(
      rows.filter((row) => row.status !== 'draft').map((row) => [row.id, { id: row.id, slug: row.slug, title: row.title, summary: row.summary, coverImageUrl: row.coverImageUrl }]),
    );
  }

  /** A course's trainees and how far each has got, for its staff. */
  async trainees(caller: AuthUser, ref: string, query: { cursor?: string; limit?: number }): Promise<Page<TraineeProgress>> {
    const { course } = await this.access.staff(caller, ref);
    const page = await this.progress.trainees(course.id, query);
    const users = await this.users.summaries(page.items.map((trainee) => trainee.userId));
    return {
      nextCursor: page.nextCursor,
      items: page.items.flatMap(({ userId, ...standing }) => {
        const user = users.get(userId);
        return user ? [{ user, ...standing }] : [];
      }),
    };
  }

  /** How many trainees reached each step towards completing the course, for its staff. */
  async funnel(caller: AuthUser, ref: string): Promise<CompletionFunnel> {
    const { course } = await this.access.staff(caller, ref);
    return this.progress.funnel(course.id);
  }

  /** The draft's completion requirements: checked now, and in force from the next publish. */
  async setRequirements(caller: AuthUser, ref: string, body: unknown): Promise<CompletionRequirement[]> {
    const context = await this.access.edit(caller, ref);
    const { requirements, problems } = readRequirements(body);
    if (problems.length > 0) throw new ValidationFailedError(problems, 'The requirements have problems.');
    await this.courses.update(context.course.id, { requirements, unpublishedChanges: true });
    return requirements;
  }

  async versionsOf(caller: AuthUser, ref: string): Promise<CourseVersionSummary[]> {
    const context = await this.access.staff(caller, ref);
    const versions = await this.versions.versions(context.course.id);
    const people = await this.users.summaries(versions.map((version) => version.publishedBy));
    return versions.map((version) => ({
      version: version.version,
      note: version.note,
      recertify: version.recertifyDays === null ? null : { days: version.recertifyDays, items: version.recertifyItemIds?.length ?? 0 },
      publishedAt: version.publishedAt.toISOString(),
      publishedBy: people.get(version.publishedBy) ?? null,
    }));
  }

  /** Out of the catalog, and closed to new enrollments; nobody's records are touched. */
  async archive(caller: AuthUser, ref: string, archived: boolean): Promise<CourseSummary> {
    const context = await this.access.own(caller, ref);
    const status = archived ? 'archived' : context.course.currentVersion === null ? 'draft' : 'published';
    await this.courses.update(context.course.id, { status });
    context.course.status = status;
    return summaryOf(context, false);
  }

  /** The caller's standing in a course they can see; not-found for a draft they may not see. */
  async membership(caller: AuthUser, ref: string): Promise<{ courseId: string; isStaff: boolean; enrolled: boolean }> {
    const context = await this.access.view(caller, ref);
    const enrolled = (await this.enrollments.find(context.course.id, caller.id)) !== null;
    return { courseId: context.course.id, isStaff: context.isStaff, enrolled };
  }

  /** Of `userIds`, those who may see the course's content, and how: on its staff, or enrolled. */
  audience(courseId: string, userIds: string[]): Promise<Map<string, 'staff' | 'enrolled'>> {
    return this.courses.audience(courseId, userIds);
  }

  /** People in the course whose name starts with `prefix`, for @mention suggestions; participants only. */
  async participants(caller: AuthUser, ref: string, prefix: string): Promise<UserSummary[]> {
    const context = await this.access.view(caller, ref);
    const ids = await this.courses.participantIds(context.course.id);
    if (!context.isStaff && !ids.includes(caller.id)) throw new CoursesError(CoursesErrorCode.NotEnrolled, 'Enroll in this course to see who takes part.');
    return this.users.searchAmong(ids, prefix.trim(), 10);
  }

  async staffList(caller: AuthUser, ref: string): Promise<CourseStaffMember[]> {
    return this.staffOf(await this.access.staff(caller, ref));
  }

  /** Adds or changes someone's part in a course. Owners and admins only; a course keeps at least one owner. */
  async setStaff(caller: AuthUser, ref: string, who: { username?: string; userId?: string }, role: CourseRole): Promise<CourseStaffMember[]> {
    const context = await this.access.own(caller, ref);
    const person = who.username ? await this.users.summaryByUsername(who.username) : (await this.users.summaries([who.userId!])).get(who.userId!);
    if (!person) throw new CoursesError(CoursesErrorCode.UserNotFound, 'There is no user with that name.');
    await this.db.transaction(async () => {
      await this.courses.lock(context.course.id);
      if (role !== 'owner') await this.keepAnOwner(context, person.id);
      await this.courses.setStaff(context.course.id, person.id, role);
    });
    return this.staffOf(context);
  }

  async removeStaff(caller: AuthUser, ref: string, userId: string): Promise<CourseStaffMember[]> {
    const context = await this.access.own(caller, ref);
    await this.db.transaction(async () => {
      await this.courses.lock(context.course.id);
      await this.keepAnOwner(context, userId);
      await this.courses.removeStaff(context.course.id, userId);
    });
    return this.staffOf(context);
  }

  /**
   * Who looks at a course's answers and flags: its mentors, or (a course without mentors)
   * its owners and authors. For notifications.
   */
  async reviewerIds(courseId: string): Promise<string[]> {
    const staff = await this.courses.staff(courseId);
    const mentors = staff.filter((member) => member.role === 'mentor');
    return (mentors.length > 0 ? mentors : staff).map((member) => member.userId);
  }

  /** The courses the person is on the staff of (owner, author or mentor). */
  async staffedBy(userId: string): Promise<string[]> {
    return this.courses.staffedBy(userId);
  }

  /** Everyone on a course's staff (owners, authors, mentors). */
  async staffIds(courseId: string): Promise<string[]> {
    return (await this.courses.staff(courseId)).map((member) => member.userId);
  }

  private async keepAnOwner(context: CourseContext, leaving: string): Promise<void> {
    const owners = (await this.courses.staff(context.course.id)).filter((member) => member.role === 'owner');
    if (owners.length === 1 && owners[0].userId === leaving) {
      throw new CoursesError(CoursesErrorCode.LastOwner, 'A course needs an owner; make someone else owner first.');
    }
  }

  private async staffOf(context: CourseContext): Promise<CourseStaffMember[]> {
    const staff = await this.courses.staff(context.course.id);
    const people = await this.users.summaries(staff.map((member) => member.userId));
    return staff.flatMap((member) => {
      const person = people.get(member.userId);
      return person ? [{ ...person, role: member.role }] : [];
    });
  }
}
