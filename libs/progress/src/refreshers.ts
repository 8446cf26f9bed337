import { Injectable } from '@nestjs/common';
import type { ItemType, RefresherAssigned, RefresherProgress } from '@hearth/contracts';
import { Clock, DomainEvents } from '@hearth/platform';
import { ProgressRepository } from './progress.repository';
import { REDONE_TYPES, RefresherRepository } from './refresher.repository';
import type { CoursePlan } from './requirements';

/**
 * Refreshers: a course someone is asked to do again (credentials' `refresher.assigned`):
 * after an upheld complaint every lesson, discussion and quiz of it, for a recertification
 * the items that changed. Each is to be redone from that moment on: a lesson opened again, a
 * quiz passed again, an answer written again (posted, or edited). What they did the first
 * time, their completion and its evidence stay as they were. When the last item is redone,
 * `refresher.completed`, once.
 */
@Injectable()
export class Refreshers {
  constructor(
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    private readonly refreshers: RefresherRepository,
    private readonly progress: ProgressRepository,
  ) {}

  async start({ refresherId, userId, courseId, cause, itemIds, assignedAt, dueAt }: RefresherAssigned): Promise<void> {
    const plan = await this.progress.plan(courseId);
    const asked = itemIds && new Set(itemIds);
    const items = (plan?.items ?? []).filter((item) => REDONE_TYPES.includes(item.type) && (!asked || asked.has(item.itemId)));
    await this.refreshers.start({ refresherId, userId, courseId, cause, assignedAt: new Date(assignedAt), dueAt: dueAt ? new Date(dueAt) : null }, items);
    // A course with nothing to redo asks for nothing.
    if (items.length === 0) await this.completeIfDone(refresherId);
  }

  /** Something done again, now (or when it was written): the refreshers it completes say so. */
  async redo(userId: string, courseId: string, itemId: string, type: ItemType, at = this.clock.now()): Promise<void> {
    for (const refresherId of await this.refreshers.redo(userId, courseId, itemId, type, at)) await this.completeIfDone(refresherId);
  }

  /** A new version of the course: an item it leaves out is no longer asked for, which may complete a refresher. */
  async recheckCourse(courseId: string): Promise<void> {
    for (const refresherId of await this.refreshers.openIn(courseId)) await this.completeIfDone(refresherId);
  }

  async cancel(refresherId: string): Promise<void> {
    await this.refreshers.cancel(refresherId, this.clock.now());
  }

  /** My refresher open in a course, item by item, in the course's order. */
  async view(userId: string, plan: CoursePlan): Promise<RefresherProgress | null> {
    const open = await this.refreshers.open(userId, plan.courseId);
    if (!open) return null;
    const done = new Map(open.items.map((item) => [item.itemId, item.done]));
    return {
      refresherId: open.refresherId,
      cause: open.cause,
      assignedAt: open.assignedAt.toISOString(),
      dueAt: open.dueAt?.toISOString() ?? null,
      items: plan.items.filter((item) => done.has(item.itemId)).map((item) => ({ itemId: item.itemId, title: item.title, type: item.type, done: done.get(item.itemId)! })),
    };
  }

  private async completeIfDone(refresherId: string): Promise<void> {
    const completed = await this.refreshers.completeIfDone(refresherId, this.clock.now());
    if (completed) {
      await this.events.publish('refresher.completed', {
        refresherId,
        userId: completed.userId,
        courseId: completed.courseId,
        completedAt: completed.completedAt!.toISOString(),
      });
    }
  }
}
