import { Injectable } from '@nestjs/common';
import type { CourseRole } from '@hearth/contracts';
import { type AuthUser, UsersService } from '@hearth/identity';
import type { CourseEntity } from './course.entity';
import { CourseRepository } from './course.repository';
import { courseNotFound, CoursesError, CoursesErrorCode } from './courses.errors';

/** A course and what the caller may do with it. */
export interface CourseContext {
  course: CourseEntity;
  /** The caller's part in the course, if any. */
  role: CourseRole | null;
  admin: boolean;
  /** Owners, authors and admins edit the draft. */
  canEdit: boolean;
  /** Staff (mentors too) and admins see drafts and previews. */
  isStaff: boolean;
}

/**
 * Who may see and change a course.
 *
 * A course never published is visible only to its staff and admins; to anyone else it does
 * not exist (404), so drafts leak nothing, not even their slug. A published or archived
 * course is visible to all, and only its owners and authors (and admins) may change it:
 * anyone else is refused (403).
 */
@Injectable()
export class CourseAccess {
  constructor(
    private readonly courses: CourseRepository,
    private readonly users: UsersService,
  ) {}

  async view(caller: AuthUser | null, ref: string): Promise<CourseContext> {
    const course = await this.courses.findByRef(ref);
    if (!course) throw courseNotFound();
    return this.contextFor(caller, course);
  }

  async contextFor(caller: AuthUser | null, course: CourseEntity): Promise<CourseContext> {
    const role = caller ? await this.courses.staffRole(course.id, caller.id) : null;
    // The token's roles may be stale; an admin claim is checked against the database.
    const admin = caller !== null && caller.platformRoles.includes('admin') && (await this.users.hasPlatformRole(caller, 'admin'));
    const isStaff = role !== null || admin;
    if (course.status === 'draft' && !isStaff) throw courseNotFound();
    return { course, role, admin, isStaff, canEdit: admin || role === 'owner' || role === 'author' };
  }

  async edit(caller: AuthUser, ref: string): Promise<CourseContext> {
    return requireEdit(await this.view(caller, ref));
  }

  async staff(caller: AuthUser, ref: string): Promise<CourseContext> {
    const context = await this.view(caller, ref);
    if (!context.isStaff) throw new CoursesError(CoursesErrorCode.NotCourseAuthor, 'Only this course’s staff may see this.');
    return context;
  }

  async own(caller: AuthUser, ref: string): Promise<CourseContext> {
    const context = await this.view(caller, ref);
    if (!context.admin && context.role !== 'owner') {
      throw new CoursesError(CoursesErrorCode.NotCourseOwner, 'Only the course’s owners may do this.');
    }
    return context;
  }
}

export function requireEdit(context: CourseContext): CourseContext {
  if (!context.canEdit) throw new CoursesError(CoursesErrorCode.NotCourseAuthor, 'Only this course’s authors may change it.');
  return context;
}
