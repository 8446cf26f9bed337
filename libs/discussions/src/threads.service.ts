import { Injectable } from '@nestjs/common';
import type { CreateReplyRequest, Page, ReplyEditView, ReplySort, ReplyView, ThreadActivity, ThreadView } from '@hearth/contracts';
import { CoursesService, type DiscussionAccess, LearningService } from '@hearth/courses';
import { type AuthUser, UsersService } from '@hearth/identity';
import {
  Clock,
  countRenderedWords,
  Database,
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  DomainEvents,
  Idempotency,
  markdownExcerpt,
  mentionedUsernames,
  renderMarkdown,
  toPage,
} from '@hearth/platform';
import { DiscussionsError, DiscussionsErrorCode, postFirst, replyNotFound } from './discussions.errors';
import { ReplyRepository, type ReplyRow } from './reply.repository';
import { ReplyViews } from './reply-views';

/** A reply together with what its reader may do in its thread. */
export interface ReplyInThread {
  reply: ReplyRow;
  access: DiscussionAccess;
}

/**
 * Discussion threads: answers to a reflection question, and replies to answers.
 *
 * Post-first. On a post-first prompt a trainee sees the prompt and how many have answered,
 * but no answer, until they have posted their own. Every route that could show an answer
 * checks this here, in one place (`canSeeReplies`): the list, the children, a single reply,
 * its history, reacting and flagging. Course staff (owners, authors, mentors) and admins
 * always see. Notifications carry no reply text, so they leak nothing either.
 */
@Injectable()
export class ThreadsService {
  constructor(
    private readonly db: Database,
    private readonly events: DomainEvents,
    private readonly idempotency: Idempotency,
    private readonly learning: LearningService,
    private readonly courses: CoursesService,
    private readonly users: UsersService,
    private readonly replies: ReplyRepository,
    private readonly views: ReplyViews,
    private readonly clock: Clock,
  ) {}

  async thread(caller: AuthUser, itemId: string): Promise<ThreadView> {
    const access = await this.learning.discussion(caller, itemId);
    const [replyCount, canSee, myAnswerId] = await Promise.all([
      this.replies.answerCount(itemId),
      this.canSeeReplies(access, caller),
      this.replies.liveAnswerId(itemId, caller.id),
    ]);
    return {
      itemId,
      courseId: access.courseId,
      courseSlug: access.courseSlug,
      courseTitle: access.courseTitle,
      title: access.itemTitle,
      promptHtml: access.promptHtml,
      reflectionQuestion: access.reflectionQuestion,
      postFirst: access.postFirst,
      minWords: access.minWords,
      replyCount,
      canSeeReplies: canSee,
      myAnswerId,
      canModerate: access.isStaff,
      canReview: access.isStaff,
    };
  }

  async answers(caller: AuthUser, itemId: string, query: { sort?: ReplySort; cursor?: string; limit?: number }): Promise<Page<ReplyView>> {
    const access = await this.learning.discussion(caller, itemId);
    if (!(await this.canSeeReplies(access, caller))) throw postFirst();
    const sort = query.sort ?? 'oldest';
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, sort === 'top' ? ['int', 'timestamp', 'uuid'] : ['timestamp', 'uuid']);
    const rows = await this.replies.answersPage(itemId, sort, after, limit);
    const page = toPage(rows, limit, (row) => (sort === 'top' ? [row.reactionCount, row.createdKey, row.id] : [row.createdKey, row.id]), (row) => row);
    return { items: await this.views.many(page.items, caller, access.isStaff), nextCursor: page.nextCursor };
  }

  async children(caller: AuthUser, replyId: string, query: { cursor?: string; limit?: number }): Promise<Page<ReplyView>> {
    const { reply, access } = await this.visible(caller, replyId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.replies.childrenPage(reply.id, decodeCursor(query.cursor, ['timestamp', 'uuid']), limit);
    const page = toPage(rows, limit, (row) => [row.createdKey, row.id], (row) => row);
    return { items: await this.views.many(page.items, caller, access.isStaff), nextCursor: page.nextCursor };
  }

  async reply(caller: AuthUser, replyId: string): Promise<ReplyView> {
    const { reply, access } = await this.visible(caller, replyId);
    return this.views.one(reply, caller, access.isStaff);
  }

  /**
   * An answer (no parent) or a reply to an answer. One live answer per person: a second is
   * refused (edit the first). A reply to a reply joins the same answer, since replies nest
   * one level. The same Idempotency-Key gives back the first reply instead of a second.
   */
  post(caller: AuthUser, itemId: string, request: CreateReplyRequest, idempotencyKey?: string): Promise<ReplyView> {
    return this.learning.discussion(caller, itemId).then((access) =>
      this.idempotency.once(caller.id, `reply:${itemId}`, idempotencyKey, () =>
        this.db.transaction(async () => {
          await this.replies.ensureThread(itemId, access.courseId, access);
          let parent: ReplyRow | null = null;
          if (request.parentId) {
            if (!(await this.canSeeReplies(access, caller))) throw postFirst();
            parent = await this.replies.lock(request.parentId);
            if (parent?.parentId) parent = await this.replies.lock(parent.parentId);
            if (!parent || parent.itemId !== itemId) throw replyNotFound();
            if (parent.removedAt || parent.hiddenAt) throw new DiscussionsError(DiscussionsErrorCode.ReplyClosed, 'This answer was removed; it takes no more replies.');
          }
          const { bodyHtml, wordCount, mentioned } = await this.render(request.body);
          const reply = await this.replies.insert({
            itemId,
            courseId: access.courseId,
            authorId: caller.id,
            parentId: parent?.id ?? null,
            bodyMd: request.body,
            bodyHtml,
            wordCount,
          });
          if (!reply) throw new DiscussionsError(DiscussionsErrorCode.AlreadyAnswered, 'You have answered this question already; edit your answer instead.');
          await this.replies.addToCounts(reply, 1);
          if (!parent) await this.publishAnswered(reply.authorId, itemId, { written: true });
          await this.events.publish('reply.posted', {
            replyId: reply.id,
            courseId: access.courseId,
            courseSlug: access.courseSlug,
            itemId,
            itemTitle: access.itemTitle,
            authorId: caller.id,
            parentId: parent?.id ?? null,
            ...(await this.readersOf(access, caller.id, parent?.authorId ?? null, mentioned)),
          });
          return this.views.one(reply, caller, access.isStaff);
        }),
      ),
    );
  }

  // Locks are always taken in one order, a reply before the answer it belongs to before the
  // thread, so that posting, removing and hiding at the same time never deadlock.

  /** Only its author edits a reply; every earlier text is kept for moderators. */
  async edit(caller: AuthUser, replyId: string, body: string): Promise<ReplyView> {
    const { access } = await this.visible(caller, replyId);
    return this.db.transaction(async () => {
      const reply = await this.replies.lock(replyId);
      if (!reply) throw replyNotFound();
      if (reply.authorId !== caller.id) throw new DiscussionsError(DiscussionsErrorCode.NotYourReply, 'Only its author can edit a reply.');
      if (reply.removedAt || reply.hiddenAt) throw new DiscussionsError(DiscussionsErrorCode.ReplyClosed, 'A removed or hidden reply cannot be edited.');
      const { bodyHtml, wordCount, mentioned } = await this.render(body);
      const before = new Set((await this.render(reply.bodyMd)).mentioned);
      await this.replies.insertEdit(reply.id, reply.bodyMd, caller.id);
      const changes = { bodyMd: body, bodyHtml, wordCount, editedAt: new Date() };
      await this.replies.update(reply.id, changes);
      if (!reply.parentId) await this.publishAnswered(reply.authorId, reply.itemId, { written: true });
      const { mentionedUserIds } = await this.readersOf(access, caller.id, null, mentioned.filter((id) => !before.has(id)));
      if (mentionedUserIds.length > 0) {
        await this.events.publish('reply.edited', {
          replyId: reply.id,
          courseId: access.courseId,
          courseSlug: access.courseSlug,
          itemId: access.itemId,
          itemTitle: access.itemTitle,
          authorId: caller.id,
          mentionedUserIds,
        });
      }
      return this.views.one({ ...reply, ...changes }, caller, access.isStaff);
    });
  }

  /** Its author or course staff remove a reply; replies under it stay, under a placeholder. */
  async remove(caller: AuthUser, replyId: string): Promise<void> {
    const { access } = await this.visible(caller, replyId);
    await this.db.transaction(async () => {
      const reply = await this.replies.lock(replyId);
      if (!reply) throw replyNotFound();
      if (reply.authorId !== caller.id && !access.isStaff) throw new DiscussionsError(DiscussionsErrorCode.NotYourReply, 'Only its author or course staff can remove a reply.');
      if (reply.removedAt) return;
      await this.replies.update(reply.id, { removedAt: new Date(), removedBy: caller.id });
      if (!reply.hiddenAt) await this.replies.addToCounts(reply, -1);
      if (!reply.parentId) await this.publishAnswered(reply.authorId, reply.itemId);
      if (reply.authorId !== caller.id) {
        await this.events.publish('reply.moderated', { replyId: reply.id, courseId: reply.courseId, itemId: reply.itemId, authorId: reply.authorId, action: 'remove', actorId: caller.id });
      }
    });
  }

  /** Earlier texts of an edited reply: for course staff and admins. */
  async history(caller: AuthUser, replyId: string): Promise<ReplyEditView[]> {
    const { access } = await this.visible(caller, replyId);
    if (!access.isStaff) throw new DiscussionsError(DiscussionsErrorCode.NotStaff, 'Only course staff see the edit history.');
    const edits = await this.replies.history(replyId);
    const editors = await this.users.summaries(edits.map((edit) => edit.editedBy));
    return edits.map((edit) => ({ bodyMd: edit.bodyMd, editedAt: edit.editedAt.toISOString(), editedBy: editors.get(edit.editedBy) ?? null }));
  }

  async markRead(caller: AuthUser, itemId: string): Promise<void> {
    const access = await this.learning.discussion(caller, itemId);
    await this.replies.ensureThread(itemId, access.courseId, access);
    await this.replies.markRead(caller.id, itemId);
  }

  /** Answers and unread replies per discussion of a course, for its outline. */
  async activity(caller: AuthUser, courseRef: string): Promise<ThreadActivity[]> {
    const { courseId, isStaff, enrolled } = await this.courses.membership(caller, courseRef);
    if (!isStaff && !enrolled) throw new DiscussionsError(DiscussionsErrorCode.NotEnrolled, 'Enroll in this course to follow its discussions.');
    const rows = await this.replies.activity(caller.id, courseId);
    return rows.map((row) => ({ itemId: row.itemId, answerCount: row.answerCount, unread: isStaff || row.answered || !row.postFirst ? row.unread : 0 }));
  }

  /** The reply, if the caller may read its thread's replies (post-first included). */
  async visible(caller: AuthUser, replyId: string): Promise<ReplyInThread> {
    const reply = await this.replies.find(replyId);
    if (!reply) throw replyNotFound();
    const access = await this.learning.discussion(caller, reply.itemId).catch(() => Promise.reject(replyNotFound()));
    if (!(await this.canSeeReplies(access, caller))) throw postFirst();
    return { reply, access };
  }

  canSeeReplies(access: DiscussionAccess, caller: AuthUser): Promise<boolean> {
    if (access.isStaff || !access.postFirst) return Promise.resolve(true);
    return this.replies.hasAnswered(access.itemId, caller.id);
  }

  /** A reply's Markdown as stored: its HTML with mentions of members linked, its words, and whom it mentions. */
  private async render(body: string): Promise<{ bodyHtml: string; wordCount: number; mentioned: string[] }> {
    const mentions = await this.users.summariesByUsernames(mentionedUsernames(body));
    const bodyHtml = renderMarkdown(body, { mentions: new Map([...mentions].map(([key, user]) => [key, user.username])) });
    return { bodyHtml, wordCount: countRenderedWords(bodyHtml), mentioned: [...mentions.values()].map((user) => user.id) };
  }

  /**
   * Who of the people a new reply concerns (the answer's author, the mentioned) may read it,
   * so only they are told: members of the course and, on a post-first prompt, staff and
   * those who have answered.
   */
  private async readersOf(access: DiscussionAccess, authorId: string, parentAuthorId: string | null, mentioned: string[]) {
    const concerned = [...new Set([...(parentAuthorId ? [parentAuthorId] : []), ...mentioned])].filter((id) => id !== authorId);
    const members = await this.courses.audience(access.courseId, concerned);
    const answered = access.postFirst ? await this.replies.answeredAmong(access.itemId, concerned) : null;
    const readers = new Set(concerned.filter((id) => members.has(id) && (!answered || members.get(id) === 'staff' || answered.has(id))));
    return {
      parentAuthorId: parentAuthorId && readers.has(parentAuthorId) ? parentAuthorId : null,
      mentionedUserIds: mentioned.filter((id) => id !== parentAuthorId && readers.has(id)),
    };
  }

  /**
   * Tells progress whether the author now has an answer that counts, and how it reads;
   * `written` when this is its author writing it (a post or an edit), not a removal or a
   * moderator hiding or showing it.
   */
  async publishAnswered(authorId: string, itemId: string, { written = false } = {}): Promise<void> {
    const { courseId, minWords } = await this.replies.threadSettings(itemId);
    const answer = await this.replies.countingAnswer(itemId, authorId, minWords);
    await this.events.publish('discussion.answered', {
      userId: authorId,
      courseId,
      itemId,
      replyId: answer?.id ?? null,
      answer: answer && { ...markdownExcerpt(answer.bodyMd), wordCount: answer.wordCount },
      writtenAt: answer && written ? this.clock.now().toISOString() : null,
    });
  }
}
