import { Injectable } from '@nestjs/common';
import type { CreateItemRequest, CreateModuleRequest, DraftItem, DraftModule, UpdateItemRequest, UpdateModuleRequest } from '@hearth/contracts';
import type { AuthUser } from '@hearth/identity';
import { Database, renderMarkdown, ValidationFailedError } from '@hearth/platform';
import { CourseAccess, type CourseContext, requireEdit } from './course-access';
import { CourseRepository } from './course.repository';
import { CoursesError, CoursesErrorCode, itemNotFound, moduleNotFound } from './courses.errors';
import { draftItemOf, draftModulesOf } from './courses.mapper';
import type { CourseModuleEntity, ItemEntity } from './draft.entity';
import { DraftRepository } from './draft.repository';
import { itemFields } from './item-fields';
import { slugOf, uniqueSlug } from './slugs';

/**
 * Editing a course's draft: modules and items, their order and content. Every change
 * runs with the course row locked, so two authors reordering at once cannot interleave,
 * and marks the draft as differing from what trainees see until the next publish.
 */
@Injectable()
export class AuthoringService {
  constructor(
    private readonly db: Database,
    private readonly access: CourseAccess,
    private readonly courses: CourseRepository,
    private readonly drafts: DraftRepository,
  ) {}

  async addModule(caller: AuthUser, ref: string, request: CreateModuleRequest): Promise<DraftModule> {
    const context = await this.access.edit(caller, ref);
    return this.change(context, async () => {
      const modules = await this.drafts.liveModules(context.course.id);
      const { modules: slugs } = await this.drafts.slugsInUse(context.course.id);
      if (request.slug && slugs.has(request.slug)) throw slugTaken('module');
      const module = await this.drafts.insertModule({
        courseId: context.course.id,
        slug: request.slug ?? uniqueSlug(slugOf(request.title, 'module'), slugs),
        title: request.title,
        position: modules.length + 1,
      });
      const order = placeAt(modules.map((m) => m.id), module.id, request.position);
      await this.drafts.renumber('course_module', order);
      return { id: module.id, slug: module.slug, title: module.title, position: order.indexOf(module.id) + 1, items: [] };
    });
  }

  async updateModule(caller: AuthUser, moduleId: string, request: UpdateModuleRequest): Promise<DraftModule> {
    const { context } = await this.editableModule(caller, moduleId);
    return this.change(context, async () => {
      const module = await this.liveModule(moduleId);
      if (request.slug && request.slug !== module.slug) {
        const { modules: slugs } = await this.drafts.slugsInUse(context.course.id);
        if (slugs.has(request.slug)) throw slugTaken('module');
      }
      const changes = { ...(request.title !== undefined ? { title: request.title } : {}), ...(request.slug !== undefined ? { slug: request.slug } : {}) };
      await this.drafts.updateModule(module.id, changes);
      if (request.position !== undefined) {
        const others = (await this.drafts.liveModules(context.course.id)).map((m) => m.id).filter((id) => id !== module.id);
        await this.drafts.renumber('course_module', placeAt(others, module.id, request.position));
      }
      const [modules, items] = await Promise.all([this.drafts.liveModules(context.course.id), this.drafts.liveItems(context.course.id)]);
      return draftModulesOf(modules, items).find((m) => m.id === module.id)!;
    });
  }

  /** Only an empty module can go: items are removed one by one, deliberately. */
  async removeModule(caller: AuthUser, moduleId: string): Promise<void> {
    const { context } = await this.editableModule(caller, moduleId);
    await this.change(context, async () => {
      const module = await this.liveModule(moduleId);
      const items = (await this.drafts.liveItems(context.course.id)).filter((item) => item.moduleId === module.id);
      if (items.length > 0) throw new CoursesError(CoursesErrorCode.ModuleNotEmpty, 'Move or remove this module’s items first.');
      await this.drafts.updateModule(module.id, { removedAt: new Date() });
      const rest = (await this.drafts.liveModules(context.course.id)).map((m) => m.id);
      await this.drafts.renumber('course_module', rest);
    });
  }

  async addItem(caller: AuthUser, moduleId: string, request: CreateItemRequest): Promise<DraftItem> {
    const { context } = await this.editableModule(caller, moduleId);
    const fields = itemFields(request.type, request, true);
    return this.change(context, async () => {
      const module = await this.liveModule(moduleId);
      const { items: slugs } = await this.drafts.slugsInUse(context.course.id);
      if (request.slug && slugs.has(request.slug)) throw slugTaken('item');
      const siblings = (await this.drafts.liveItems(context.course.id)).filter((item) => item.moduleId === module.id);
      const item = await this.drafts.insertItem({
        courseId: context.course.id,
        moduleId: module.id,
        type: request.type,
        slug: request.slug ?? uniqueSlug(slugOf(request.title, request.type), slugs),
        title: request.title,
        position: siblings.length + 1,
        ...bodyFields(request.body),
        ...fields,
      });
      const order = placeAt(siblings.map((s) => s.id), item.id, request.position);
      await this.drafts.renumber('item', order);
      item.position = order.indexOf(item.id) + 1;
      return draftItemOf(item);
    });
  }

  async updateItem(caller: AuthUser, itemId: string, request: UpdateItemRequest): Promise<DraftItem> {
    const { context, item: before } = await this.editableItem(caller, itemId);
    const fields = itemFields(before.type, request, false);
    return this.change(context, async () => {
      // Read again under the lock: another author may have moved it meanwhile.
      const item = await this.liveItem(itemId);
      if (request.slug && request.slug !== item.slug) {
        const { items: slugs } = await this.drafts.slugsInUse(context.course.id);
        if (slugs.has(request.slug)) throw slugTaken('item');
      }
      const targetModule = request.moduleId ?? item.moduleId;
      if (targetModule !== item.moduleId) {
        const module = await this.drafts.findModule(targetModule);
        if (!module || module.courseId !== item.courseId) {
          throw new ValidationFailedError([{ field: 'moduleId', message: 'The module is not part of this course.' }]);
        }
      }
      await this.drafts.updateItem(item.id, {
        ...(request.title !== undefined ? { title: request.title } : {}),
        ...(request.slug !== undefined ? { slug: request.slug } : {}),
        ...(request.body !== undefined ? bodyFields(request.body) : {}),
        ...fields,
        ...(request.moduleId !== undefined ? { moduleId: targetModule } : {}),
        changed: true,
      });
      if (targetModule !== item.moduleId || request.position !== undefined) {
        const all = await this.drafts.liveItems(context.course.id);
        const others = (moduleId: string) => all.filter((i) => i.moduleId === moduleId && i.id !== item.id).map((i) => i.id);
        await this.drafts.renumber('item', placeAt(others(targetModule), item.id, request.position));
        if (targetModule !== item.moduleId) await this.drafts.renumber('item', others(item.moduleId));
      }
      return draftItemOf((await this.drafts.findItem(item.id))!);
    });
  }

  /** Gone from the draft; published versions and trainees' progress still refer to it. */
  async removeItem(caller: AuthUser, itemId: string): Promise<void> {
    const { context } = await this.editableItem(caller, itemId);
    await this.change(context, async () => {
      const item = await this.liveItem(itemId);
      await this.drafts.updateItem(item.id, { removedAt: new Date() });
      const rest = (await this.drafts.liveItems(context.course.id)).filter((i) => i.moduleId === item.moduleId).map((i) => i.id);
      await this.drafts.renumber('item', rest);
    });
  }

  /** The draft of one item with its answer key, for the course's authors. */
  async draftItem(caller: AuthUser, itemId: string): Promise<DraftItem> {
    const { item } = await this.editableItem(caller, itemId);
    return draftItemOf(item);
  }

  private async change<T>(context: CourseContext, work: () => Promise<T>): Promise<T> {
    return this.db.transaction(async () => {
      await this.courses.lock(context.course.id);
      const result = await work();
      await this.courses.update(context.course.id, { unpublishedChanges: true });
      return result;
    });
  }

  private async liveModule(id: string): Promise<CourseModuleEntity> {
    const module = await this.drafts.findModule(id);
    if (!module) throw moduleNotFound();
    return module;
  }

  private async liveItem(id: string): Promise<ItemEntity> {
    const item = await this.drafts.findItem(id);
    if (!item) throw itemNotFound();
    return item;
  }

  private async editableModule(caller: AuthUser, moduleId: string): Promise<{ context: CourseContext; module: CourseModuleEntity }> {
    const module = await this.drafts.findModule(moduleId);
    if (!module) throw moduleNotFound();
    const context = await this.access.view(caller, module.courseId).catch(() => Promise.reject(moduleNotFound()));
    return { context: requireEdit(context), module };
  }

  private async editableItem(caller: AuthUser, itemId: string): Promise<{ context: CourseContext; item: ItemEntity }> {
    const item = await this.drafts.findItem(itemId);
    if (!item) throw itemNotFound();
    const context = await this.access.view(caller, item.courseId).catch(() => Promise.reject(itemNotFound()));
    return { context: requireEdit(context), item };
  }
}

/**
 * Markdown as stored: without blank lines before or trailing space after, which change
 * nothing on the page, so a course folder written out and read back is the same.
 */
function bodyFields(markdown: string): Pick<ItemEntity, 'bodyMd' | 'bodyHtml'> {
  const bodyMd = markdown.replace(/^(\r?\n)+/, '').replace(/\s+$/, '');
  return { bodyMd, bodyHtml: renderMarkdown(bodyMd) };
}

/** `ids` with `id` put at 1-based `position` (the end when absent or past it). */
function placeAt(ids: string[], id: string, position?: number): string[] {
  const rest = ids.filter((other) => other !== id);
  const index = position === undefined ? rest.length : Math.min(Math.max(position - 1, 0), rest.length);
  return [...rest.slice(0, index), id, ...rest.slice(index)];
}

const slugTaken = (what: 'module' | 'item') =>
  new CoursesError(CoursesErrorCode.SlugTaken, `Another ${what} of this course has this slug.`, [{ field: 'slug', message: `Another ${what} of this course has this slug.` }]);
