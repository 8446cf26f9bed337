import { Injectable } from '@nestjs/common';
import { type FlagView, REACTION_KINDS, type ReactionKind, type ReplyView, type ReviewQueue, type ReviewRequest } from '@hearth/contracts';
import { CoursesService } from '@hearth/courses';
import { type AuthUser, UsersService } from '@hearth/identity';
import { Database, DomainEvents, ValidationFailedError } from '@hearth/platform';
import { DiscussionsError, DiscussionsErrorCode, replyNotFound } from './discussions.errors';
import { ReplyRepository, type ReplyRow } from './reply.repository';
import { ReplyViews } from './reply-views';
import { ThreadsService } from './threads.service';

/** Flags from this many different people hide a reply until staff look at it. */
export const FLAGS_TO_HIDE = 3;

/** Reactions, flags, hiding and restoring, and mentors' reviews. */
@Injectable()
export class ModerationService {
  constructor(
    private readonly db: Database,
    private readonly events: DomainEvents,
    private readonly threads: ThreadsService,
    private readonly courses: CoursesService,
    private readonly users: UsersService,
    private readonly replies: ReplyRepository,
    private readonly views: ReplyViews,
  ) {}

  /** One of each kind per person per reply; adding twice or removing what is not there changes nothing. */
  async react(caller: AuthUser, replyId: string, kind: string, on: boolean): Promise<ReplyView> {
    if (!(REACTION_KINDS as readonly string[]).includes(kind)) {
      throw new ValidationFailedError([{ field: 'kind', message: `A reaction is one of ${REACTION_KINDS.join(', ')}.` }]);
    }
    const { reply, access } = await this.threads.visible(caller, replyId);
    if (reply.removedAt || reply.hiddenAt) throw new DiscussionsError(DiscussionsErrorCode.ReplyClosed, 'Removed or hidden replies take no reactions.');
    await this.db.transaction(() => (on ? this.replies.react(reply.id, caller.id, kind as ReactionKind) : this.replies.unreact(reply.id, caller.id, kind as ReactionKind)));
    return this.views.one((await this.replies.find(reply.id))!, caller, access.isStaff);
  }

  /** Anyone who can read a reply may flag it, once; enough flags hide it until reviewed. */
  async flag(caller: AuthUser, replyId: string, reason: string): Promise<{ id: string; hidden: boolean }> {
    const { reply, access } = await this.threads.visible(caller, replyId);
    return this.db.transaction(async () => {
      const locked = (await this.replies.lock(reply.id))!;
      const id = await this.replies.insertFlag(reply.id, access.courseId, caller.id, reason);
      if (!id) throw new DiscussionsError(DiscussionsErrorCode.AlreadyFlagged, 'You have flagged this reply already; staff will look at it.');
      const hide = !locked.hiddenAt && !locked.removedAt && (await this.replies.openFlagCount(reply.id)) >= FLAGS_TO_HIDE;
      if (hide) await this.setHidden(locked, 'flags');
      const hidden = hide || locked.hiddenAt !== null;
      await this.events.publish('reply.flagged', {
        flagId: id,
        flaggerId: caller.id,
        hidden,
        replyId: reply.id,
        courseId: access.courseId,
        courseSlug: access.courseSlug,
        itemId: reply.itemId,
        itemTitle: access.itemTitle,
      });
      return { id, hidden };
    });
  }

  /** For the courses the caller helps run: how many answers wait for a review and how many flags are open. */
  async waitingFor(caller: AuthUser): Promise<ReviewQueue[]> {
    const rows = await this.replies.waitingIn(await this.courses.staffedBy(caller.id));
    return rows.map((row) => ({ courseId: row.courseId, answersToReview: row.answers, openFlags: row.flags }));
  }

  /** Open flags in a course, oldest first, for its staff and admins. */
  async queue(caller: AuthUser, courseRef: string): Promise<FlagView[]> {
    const { courseId, isStaff } = await this.courses.membership(caller, courseRef);
    if (!isStaff) throw notStaff();
    const flags = await this.replies.openFlags(courseId, 100);
    const [rows, flaggers, outline] = await Promise.all([
      this.replies.findMany([...new Set(flags.map((flag) => flag.replyId))]),
      this.users.summaries(flags.map((flag) => flag.userId)),
      this.courses.outline(caller, courseId),
    ]);
    const replies = new Map(rows.map((row) => [row.id, row]));
    const views = new Map((await this.views.many(rows, caller, true)).map((view) => [view.id, view]));
    // A discussion taken out of the course in a later version keeps its flags in the queue.
    const titles = new Map(outline.modules.flatMap((module) => module.items.map((item) => [item.id, item.title] as const)));
    return flags.map((flag) => {
      const row = replies.get(flag.replyId)!;
      return {
        id: flag.id,
        reason: flag.reason,
        createdAt: flag.createdAt.toISOString(),
        flaggedBy: flaggers.get(flag.userId) ?? null,
        reply: { ...views.get(row.id)!, bodyMd: row.bodyMd, itemTitle: titles.get(row.itemId) ?? 'A discussion no longer in the course' },
      };
    });
  }

  /** Staff hide a reply (its flags are settled) or bring a hidden one back. */
  async setVisibility(caller: AuthUser, replyId: string, hidden: boolean): Promise<ReplyView> {
    const { access } = await this.threads.visible(caller, replyId);
    if (!access.isStaff) throw notStaff();
    return this.db.transaction(async () => {
      const reply = (await this.replies.lock(replyId))!;
      if (hidden) {
        if (!reply.hiddenAt) await this.setHidden(reply, 'moderator');
        // Staff confirm a hide by flags: it is theirs now, and no late dismissal undoes it.
        else if (reply.hiddenReason === 'flags') await this.replies.update(reply.id, { hiddenReason: 'moderator' });
        await this.replies.resolveFlags(reply.id, caller.id, 'hidden');
      } else if (reply.hiddenAt) {
        await this.setShown(reply);
        await this.replies.resolveFlags(reply.id, caller.id, 'dismissed');
      }
      await this.events.publish('reply.moderated', {
        replyId: reply.id,
        courseId: reply.courseId,
        itemId: reply.itemId,
        authorId: reply.authorId,
        action: hidden ? 'hide' : 'restore',
        actorId: caller.id,
      });
      return this.views.one((await this.replies.find(reply.id))!, caller, true);
    });
  }

  /** Staff find nothing wrong: the reply's open flags are closed, and a hide by flags undone. */
  async dismiss(caller: AuthUser, flagId: string): Promise<void> {
    const flag = await this.replies.findFlag(flagId);
    if (!flag) throw new DiscussionsError(DiscussionsErrorCode.FlagNotFound, 'There is no such flag.');
    const { courseId, isStaff } = await this.courses.membership(caller, flag.courseId).catch(() => Promise.reject(replyNotFound()));
    if (!isStaff || courseId !== flag.courseId) throw notStaff();
    await this.db.transaction(async () => {
      const reply = (await this.replies.lock(flag.replyId))!;
      // Settled while the caller was looking (hidden or dismissed by someone else): leave it so.
      if ((await this.replies.findFlag(flag.id))?.resolvedAt) {
        throw new DiscussionsError(DiscussionsErrorCode.FlagSettled, 'Someone on the staff has dealt with this flag already; reload the queue.');
      }
      await this.replies.resolveFlags(reply.id, caller.id, 'dismissed');
      if (reply.hiddenReason === 'flags') await this.setShown(reply);
      await this.events.publish('reply.moderated', {
        replyId: reply.id,
        courseId: reply.courseId,
        itemId: reply.itemId,
        authorId: reply.authorId,
        action: 'dismiss_flags',
        actorId: caller.id,
      });
    });
  }

  /** A mentor marks an answer accepted or in need of revision; its author is told. */
  async review(caller: AuthUser, replyId: string, request: ReviewRequest): Promise<ReplyView> {
    const { reply, access } = await this.threads.visible(caller, replyId);
    if (!access.isStaff) throw new DiscussionsError(DiscussionsErrorCode.NotStaff, 'Only the course’s mentors and authors review answers.');
    if (reply.parentId) throw new DiscussionsError(DiscussionsErrorCode.NotAnAnswer, 'Only answers to the question are reviewed, not replies to them.');
    if (reply.authorId === caller.id) throw new DiscussionsError(DiscussionsErrorCode.SelfReview, 'Another mentor reviews your answer, not you.');
    if (reply.removedAt) throw new DiscussionsError(DiscussionsErrorCode.ReplyClosed, 'This answer was removed.');
    const comment = request.comment || null;
    return this.db.transaction(async () => {
      const reviewId = await this.replies.insertReview(reply.id, caller.id, request.status, comment);
      await this.events.publish('review.recorded', {
        reviewId,
        replyId: reply.id,
        courseId: access.courseId,
        courseSlug: access.courseSlug,
        itemId: access.itemId,
        itemTitle: access.itemTitle,
        answerAuthorId: reply.authorId,
        mentorId: caller.id,
        status: request.status,
        comment,
      });
      return this.views.one((await this.replies.find(reply.id))!, caller, true);
    });
  }

  private async setHidden(reply: ReplyRow, reason: 'moderator' | 'flags'): Promise<void> {
    await this.replies.update(reply.id, { hiddenAt: new Date(), hiddenReason: reason });
    if (!reply.removedAt) await this.replies.addToCounts(reply, -1);
    // A hidden answer does not count toward completion.
    if (!reply.parentId) await this.threads.publishAnswered(reply.authorId, reply.itemId);
  }

  private async setShown(reply: ReplyRow): Promise<void> {
    await this.replies.update(reply.id, { hiddenAt: null, hiddenReason: null });
    if (!reply.removedAt) await this.replies.addToCounts(reply, 1);
    if (!reply.parentId) await this.threads.publishAnswered(reply.authorId, reply.itemId);
  }
}

const notStaff = () => new DiscussionsError(DiscussionsErrorCode.NotStaff, 'Only the course’s staff moderate its discussions.');
