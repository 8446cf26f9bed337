import { Injectable } from '@nestjs/common';
import type { ReplyView } from '@hearth/contracts';
import { type AuthUser, UsersService } from '@hearth/identity';
import type { ReplyRow } from './reply.repository';
import { ReplyRepository } from './reply.repository';

/**
 * Replies as a reader sees them, a page at a time with one query each for authors, my
 * reactions and reviews. A removed reply keeps its place with no text or author; a hidden
 * one shows its text to staff only. A review is shown to the answer's author and to staff.
 */
@Injectable()
export class ReplyViews {
  constructor(
    private readonly replies: ReplyRepository,
    private readonly users: UsersService,
  ) {}

  async many(rows: ReplyRow[], caller: AuthUser, isStaff: boolean): Promise<ReplyView[]> {
    const ids = rows.map((row) => row.id);
    const reviewable = rows.filter((row) => row.parentId === null && (isStaff || row.authorId === caller.id)).map((row) => row.id);
    const [authors, mine, reviews] = await Promise.all([
      this.users.summaries(rows.map((row) => row.authorId)),
      this.replies.myReactions(caller.id, ids),
      this.replies.latestReviews(reviewable),
    ]);
    const reviewers = await this.users.summaries([...reviews.values()].map((review) => review.mentorId));
    return rows.map((row) => {
      const state = row.removedAt ? 'removed' : row.hiddenAt ? 'hidden' : 'visible';
      const readable = state === 'visible' || (state === 'hidden' && isStaff);
      const author = authors.get(row.authorId);
      const review = reviews.get(row.id);
      return {
        id: row.id,
        itemId: row.itemId,
        parentId: row.parentId,
        bodyHtml: readable ? row.bodyHtml : '',
        author: readable && author ? { ...author, badges: [] } : null,
        createdAt: row.createdAt.toISOString(),
        editedAt: row.editedAt?.toISOString() ?? null,
        state,
        reactions: { like: row.likeCount, heart: row.heartCount, insightful: row.insightfulCount, support: row.supportCount },
        myReactions: mine.get(row.id) ?? [],
        childCount: row.childCount,
        mine: row.authorId === caller.id,
        ...(row.authorId === caller.id && readable ? { bodyMd: row.bodyMd } : {}),
        wordCount: readable ? row.wordCount : 0,
        review: review
          ? { status: review.status, comment: review.comment, reviewer: reviewers.get(review.mentorId) ?? null, reviewedAt: review.createdAt.toISOString() }
          : null,
      };
    });
  }

  async one(row: ReplyRow, caller: AuthUser, isStaff: boolean): Promise<ReplyView> {
    const [view] = await this.many([row], caller, isStaff);
    return view;
  }
}
