import type { CourseSummary, DraftItem, DraftModule } from '@hearth/contracts';
import type { CourseContext } from './course-access';
import type { CatalogRow } from './course.repository';
import type { CourseEntity } from './course.entity';
import type { CourseModuleEntity, ItemEntity } from './draft.entity';
import { quizProblems } from './quiz';
import { scriptProblems } from './script';

export function summaryFromRow(row: CatalogRow): CourseSummary {
  const staff = row.myRole !== null;
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    coverImageUrl: row.coverImageUrl,
    status: row.status,
    version: row.currentVersion,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    myRole: row.myRole,
    enrolled: row.enrolled,
    ...(staff ? { unpublishedChanges: row.unpublishedChanges } : {}),
  };
}

export function summaryOf(context: CourseContext, enrolled: boolean): CourseSummary {
  const course: CourseEntity = context.course;
  return {
    id: course.id,
    slug: course.slug,
    title: course.title,
    summary: course.summary,
    coverImageUrl: course.coverImageUrl,
    status: course.status,
    version: course.currentVersion,
    publishedAt: course.publishedAt?.toISOString() ?? null,
    myRole: context.role,
    enrolled,
    ...(context.isStaff ? { unpublishedChanges: course.unpublishedChanges } : {}),
  };
}

export function draftItemOf(item: ItemEntity): DraftItem {
  return {
    id: item.id,
    moduleId: item.moduleId,
    slug: item.slug,
    type: item.type,
    title: item.title,
    position: item.position,
    body: item.bodyMd,
    bodyHtml: item.bodyHtml,
    reflectionQuestion: item.reflectionQuestion,
    postFirst: item.postFirst,
    minWords: item.minWords,
    passPercent: item.passPercent,
    showAnswers: item.showAnswers,
    questions: item.questions,
    script: item.script,
    changed: item.changed,
    problems: itemProblems(item),
  };
}

export function draftModulesOf(modules: CourseModuleEntity[], items: ItemEntity[]): DraftModule[] {
  return modules.map((module) => ({
    id: module.id,
    slug: module.slug,
    title: module.title,
    position: module.position,
    items: items.filter((item) => item.moduleId === module.id).map(draftItemOf),
  }));
}

/** What keeps an item from being published. */
export function itemProblems(item: ItemEntity): string[] {
  if (item.type === 'discussion' && !item.reflectionQuestion?.trim()) return ['The discussion has no reflection question.'];
  if (item.type === 'quiz') return quizProblems(item.questions);
  if (item.type === 'script') return scriptProblems(item.script);
  return [];
}
