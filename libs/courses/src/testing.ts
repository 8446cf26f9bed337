import type { CourseSummary, DraftItem, DraftModule, QuizQuestionDraft } from '@hearth/contracts';
import { type AuthUser, UsersService } from '@hearth/identity';
import type { IntegrationContext } from '@hearth/platform/testing';
import { AuthoringService } from './authoring.service';
import { CoursesService } from './courses.service';
import { LearningService } from './learning.service';
import { PublishingService } from './publishing.service';

let sequence = 0;

export const TEST_QUESTIONS: QuizQuestionDraft[] = [
  { text: 'First step?', kind: 'single', options: [{ text: 'Shout', correct: false }, { text: 'Slow down', correct: true }] },
];

export interface TestCourse {
  course: CourseSummary;
  module: DraftModule;
  lesson: DraftItem;
  discussion: DraftItem;
  quiz: DraftItem;
}

/** Builds test worlds through the real services: people, courses, enrollments. */
export class CoursesWorld {
  constructor(private readonly ctx: IntegrationContext) {}

  get courses() {
    return this.ctx.get(CoursesService);
  }
  get authoring() {
    return this.ctx.get(AuthoringService);
  }
  get publishing() {
    return this.ctx.get(PublishingService);
  }
  get learning() {
    return this.ctx.get(LearningService);
  }

  async newUser(platformRoles: Array<'admin' | 'author'> = [], username?: string): Promise<AuthUser> {
    sequence += 1;
    const user = await this.ctx.get(UsersService).create({
      email: `${username ?? `user${sequence}`}@example.org`,
      username: username ?? `user${sequence}`,
      displayName: `User ${sequence}`,
      password: 'correct horse battery',
      platformRoles,
    });
    return { id: user.id, username: user.username, platformRoles, sessionId: 'test' };
  }

  newAuthor(): Promise<AuthUser> {
    return this.newUser(['author']);
  }

  async newCourse(author: AuthUser, options: { publish?: boolean } = {}): Promise<TestCourse> {
    sequence += 1;
    const course = await this.courses.create(author, { slug: `course-${sequence}`, title: `Course ${sequence}`, summary: 'For tests' });
    const module = await this.authoring.addModule(author, course.id, { title: 'Module one' });
    const lesson = await this.authoring.addItem(author, module.id, { type: 'lesson', title: 'Lesson', body: 'Read *this*.' });
    const discussion = await this.authoring.addItem(author, module.id, { type: 'discussion', title: 'Discuss', body: 'Prompt', reflectionQuestion: 'Why?' });
    const quiz = await this.authoring.addItem(author, module.id, { type: 'quiz', title: 'Quiz', body: 'Quiz', questions: TEST_QUESTIONS, passPercent: 100 });
    if (options.publish) await this.publishing.publish(author, course.id, 'First');
    return { course, module, lesson, discussion, quiz };
  }
}
