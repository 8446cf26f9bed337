import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { ItemState } from '@hearth/contracts';
import { DomainEvents } from '@hearth/platform';
import { type ItemProgressRow, ProgressRepository } from './progress.repository';

/**
 * Per-item progress, kept from the events of the courses context (it never reads another
 * context's tables). An item's identity survives new versions of its course, and so does
 * the progress recorded against it.
 */
@Injectable()
export class ProgressService implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly progress: ProgressRepository,
  ) {}

  onModuleInit(): void {
    this.events.on('item.viewed', ({ userId, courseId, itemId }) => this.progress.mark(userId, courseId, itemId, 'viewed_at'));
    this.events.on('quiz.passed', ({ userId, courseId, itemId }) => this.progress.mark(userId, courseId, itemId, 'passed_at'));
    this.events.on('discussion.answered', ({ userId, courseId, itemId, answered }) => this.progress.setAnswered(userId, courseId, itemId, answered));
  }

  /** Each item's state for one trainee in one course; items never touched are absent. */
  async itemStates(userId: string, courseId: string): Promise<Map<string, ItemState>> {
    const rows = await this.progress.forCourse(userId, courseId);
    return new Map(rows.map((row) => [row.item_id, stateOf(row)]));
  }

  async itemState(userId: string, itemId: string): Promise<ItemState> {
    const row = await this.progress.forItem(userId, itemId);
    return row ? stateOf(row) : 'not_started';
  }
}

function stateOf(row: ItemProgressRow): ItemState {
  if (row.passed_at) return 'passed';
  if (row.answered_at) return 'answered';
  if (row.viewed_at) return 'viewed';
  return 'not_started';
}
