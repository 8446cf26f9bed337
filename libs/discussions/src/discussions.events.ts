import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '@hearth/platform';
import { ReplyRepository } from './reply.repository';

/**
 * The discussions context's events. It handles a new version of a course
 * (`course.published`): every discussion in it gets its thread, its post-first setting and
 * its minimum length kept current. It publishes `reply.posted`, `reply.edited`,
 * `reply.flagged`, `reply.moderated`, `review.recorded` and `discussion.answered`, which
 * progress, notifications and the audit log follow. See docs/architecture.md for the whole map.
 */
@Injectable()
export class DiscussionsEvents implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly replies: ReplyRepository,
  ) {}

  onModuleInit(): void {
    this.events.on('course.published', async ({ courseId, items }) => {
      for (const item of items.filter((i) => i.type === 'discussion')) {
        await this.replies.saveThread(item.itemId, courseId, { postFirst: item.postFirst ?? true, minWords: item.minWords ?? 0 });
      }
    });
  }
}
