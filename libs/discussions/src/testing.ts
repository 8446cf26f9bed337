import type { AuthUser } from '@hearth/identity';
import { CoursesWorld, type TestCourse } from '@hearth/courses/testing';
import type { IntegrationContext } from '@hearth/platform/testing';
import { ModerationService } from './moderation.service';
import { ThreadsService } from './threads.service';

export interface DiscussionWorld extends TestCourse {
  author: AuthUser;
  /** The discussion item of the course, published and post-first. */
  itemId: string;
}

/** Courses worlds plus discussions: a published course with a post-first discussion. */
export class DiscussionsWorld extends CoursesWorld {
  constructor(private readonly context: IntegrationContext) {
    super(context);
  }

  get threads() {
    return this.context.get(ThreadsService);
  }
  get moderation() {
    return this.context.get(ModerationService);
  }

  async newDiscussion(): Promise<DiscussionWorld> {
    const author = await this.newAuthor();
    const course = await this.newCourse(author, { publish: true });
    return { ...course, author, itemId: course.discussion.id };
  }

  /** A trainee enrolled in the world's course. */
  async trainee(world: DiscussionWorld, username?: string): Promise<AuthUser> {
    const user = await this.newUser([], username);
    await this.learning.enroll(user, world.course.id);
    return user;
  }
}
