import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CoursesService } from '@hearth/courses';
import { UsersService } from '@hearth/identity';
import { DomainEvents } from '@hearth/platform';
import { NotificationsService } from './notifications.service';

/**
 * The notifications context's events. It publishes none; it follows the others' and tells
 * the people each one concerns, in the bell and (through the outbox, after the commit) by
 * e-mail: a reply to my answer, a mention, a review, a change to my roles, the chat's
 * moderation (the person acted on, the room's moderators, the reporter, the admins), and
 * what waits for someone (an answer for its course's mentors, a flag for its staff, a role
 * request for the admins). Each in the transaction of the change that caused it, as a
 * follower: a notification that fails is sent after the commit instead, from the outbox,
 * and never fails the change. See docs/architecture.md for the whole map.
 */
@Injectable()
export class NotificationsEvents implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly notifications: NotificationsService,
    private readonly courses: CoursesService,
    private readonly users: UsersService,
  ) {}

  onModuleInit(): void {
    // A follower: what it writes cannot fail the change it follows (DomainEvents.follower).
    const events = this.events.follower('notifications');
    events.on('reply.posted', async (event) => {
      // The event names only people who may read the reply; a reply to my answer outranks a mention in it.
      if (event.parentAuthorId) await this.notifications.notify({ userId: event.parentAuthorId, kind: 'reply', sourceId: event.replyId, actorId: event.authorId, place: event, detail: null });
      for (const userId of event.mentionedUserIds) await this.notifications.notify({ userId, kind: 'mention', sourceId: event.replyId, actorId: event.authorId, place: event, detail: null });
    });
    // Named in an edit: told once, as for a mention in a new reply.
    events.on('reply.edited', async (event) => {
      for (const userId of event.mentionedUserIds) await this.notifications.notify({ userId, kind: 'mention', sourceId: event.replyId, actorId: event.authorId, place: event, detail: null });
    });
    events.on('review.recorded', async (event) => {
      if (event.answerAuthorId === event.mentorId) return;
      await this.notifications.notify({ userId: event.answerAuthorId, kind: 'review', sourceId: event.reviewId, actorId: event.mentorId, place: event, detail: event.status });
    });
    // One grant can be revoked, reinstated, revoked again: each change is news, so each is its own source.
    events.on('role.granted', (event) =>
      this.notifications.notify({ userId: event.userId, kind: 'role_granted', sourceId: randomUUID(), actorId: event.actorId, subject: event.roleName, detail: event.how === 'reinstated' ? 'reinstated' : null }),
    );
    events.on('role.suspended', (event) =>
      this.notifications.notify({
        userId: event.userId,
        kind: 'role_suspended',
        sourceId: randomUUID(),
        actorId: event.actorId,
        subject: event.roleName,
        detail: JSON.stringify({ reason: event.reason, until: event.until, cause: event.cause }),
      }),
    );
    events.on('refresher.assigned', (event) =>
      this.notifications.notify({
        userId: event.userId,
        kind: 'refresher_assigned',
        sourceId: event.refresherId,
        actorId: event.actorId,
        course: { id: event.courseId, slug: event.courseSlug },
        subject: event.courseTitle,
        detail: JSON.stringify({ roleName: event.roleName, reason: event.reason, cause: event.cause, dueAt: event.dueAt, items: event.itemIds?.length ?? null }),
      }),
    );
    // The practicum's queue: the observing mentor scores an ended practice session; its trainee hears the scores.
    events.on('practice.ended', (event) =>
      this.notifications.notify({ userId: event.observerId, kind: 'practice_to_score', sourceId: event.sessionId, actorId: event.leaderId, roomId: event.roomId, subject: event.topic, detail: event.sessionId }),
    );
    events.on('practicum.reviewed', (event) =>
      this.notifications.notify({
        userId: event.userId,
        kind: 'practicum_reviewed',
        sourceId: event.sessionId,
        actorId: event.mentorId,
        subject: event.scriptTitle,
        detail: JSON.stringify({ sessionId: event.sessionId, passed: event.passed, total: event.total, passScore: event.passScore }),
      }),
    );
    events.on('role.activity_low', (event) =>
      this.notifications.notify({
        userId: event.userId,
        kind: 'activity_low',
        sourceId: randomUUID(),
        actorId: null,
        subject: event.roleName,
        detail: JSON.stringify({ minutes: event.minutes, needed: event.needed, days: event.days, suspendAt: event.suspendAt }),
      }),
    );
    events.on('refresher.due_soon', (event) =>
      this.notifications.notify({
        userId: event.userId,
        kind: 'refresher_due',
        sourceId: event.refresherId,
        actorId: null,
        course: { id: event.courseId, slug: event.courseSlug },
        subject: event.courseTitle,
        detail: event.dueAt,
      }),
    );
    events.on('role.revoked', (event) =>
      this.notifications.notify({ userId: event.userId, kind: 'role_revoked', sourceId: randomUUID(), actorId: event.actorId, subject: event.roleName, detail: event.reason }),
    );
    events.on('role.expired', (event) => this.notifications.notify({ userId: event.userId, kind: 'role_expired', sourceId: randomUUID(), actorId: null, subject: event.roleName, detail: null }));
    events.on('role.expiring', (event) =>
      this.notifications.notify({ userId: event.userId, kind: 'role_expiring', sourceId: randomUUID(), actorId: null, subject: event.roleName, detail: event.expiresAt }),
    );
    events.on('grant.denied', (event) =>
      this.notifications.notify({ userId: event.userId, kind: 'request_denied', sourceId: event.requestId, actorId: event.actorId, subject: event.roleName, detail: event.reason }),
    );
    events.on('chat.mentioned', async (event) => {
      for (const userId of event.mentionedUserIds) {
        await this.notifications.notify({ userId, kind: 'chat_mention', sourceId: event.messageId, actorId: event.authorId, roomId: event.roomId, subject: event.roomName, detail: null });
      }
    });
    // The chat's moderation: the person acted on, the room's moderators, the reporter, the admins.
    events.on('chat.sanctioned', (e) =>
      this.notifications.notify({
        userId: e.userId,
        kind: 'chat_sanction',
        sourceId: e.sanctionId,
        // The person is told what, why and how to appeal; not which moderator it was.
        actorId: null,
        roomId: e.roomId,
        subject: e.roomName,
        detail: JSON.stringify({ kind: e.kind, minutes: e.minutes, endsAt: e.endsAt, reasonCode: e.reasonCode, reason: e.reason, sanctionId: e.sanctionId }),
      }),
    );
    events.on('chat.reported', async (e) => {
      const email = new Set(e.emailUserIds);
      for (const userId of e.moderatorIds) {
        await this.notifications.notify(
          { userId, kind: 'chat_report', sourceId: e.reportId, actorId: null, roomId: e.roomId, subject: e.roomName, detail: null },
          { email: email.has(userId) },
        );
      }
    });
    events.on('chat.report_escalated', async (e) => {
      for (const userId of e.adminIds) await this.notifications.notify({ userId, kind: 'chat_report_escalated', sourceId: e.reportId, actorId: null, roomId: e.roomId, subject: e.roomName, detail: null });
    });
    // The hosts asked are online: the bell (and the room's link) reaches them, not an e-mail.
    events.on('chat.host_wanted', async (e) => {
      for (const userId of e.hostIds) {
        await this.notifications.notify({ userId, kind: 'chat_host_wanted', sourceId: e.callId, actorId: e.askedBy, roomId: e.roomId, subject: e.roomName, detail: null }, { email: false });
      }
    });
    events.on('chat.report_resolved', (e) =>
      this.notifications.notify({ userId: e.reporterId, kind: 'chat_report_outcome', sourceId: e.reportId, actorId: e.actorId, roomId: e.roomId, subject: e.roomName, detail: JSON.stringify({ outcome: e.outcome, note: e.note }) }),
    );
    events.on('chat.appealed', async (e) => {
      for (const userId of e.adminIds) await this.notifications.notify({ userId, kind: 'chat_appeal', sourceId: e.appealId, actorId: e.userId, roomId: e.roomId, subject: e.roomName, detail: null });
    });
    events.on('chat.appeal_decided', (e) =>
      this.notifications.notify({
        userId: e.userId,
        kind: 'chat_appeal_decided',
        sourceId: e.appealId,
        actorId: e.actorId,
        roomId: e.roomId,
        subject: e.roomName,
        detail: JSON.stringify({ outcome: e.outcome, note: e.note, sanctionId: e.sanctionId }),
      }),
    );
    // What waits for someone: an answer for its course's mentors, a flag for its staff, a role request for the admins.
    events.on('reply.posted', async (event) => {
      if (event.parentId) return;
      for (const userId of await this.courses.reviewerIds(event.courseId)) {
        if (userId !== event.authorId) await this.notifications.notify({ userId, kind: 'answer_to_review', sourceId: event.replyId, actorId: event.authorId, place: event, detail: null });
      }
    });
    events.on('reply.flagged', async (event) => {
      // One notice per reply, however many flag it; the flagger's name is not given.
      for (const userId of await this.courses.staffIds(event.courseId)) {
        if (userId !== event.flaggerId) await this.notifications.notify({ userId, kind: 'reply_flagged', sourceId: event.replyId, actorId: null, place: event, detail: event.hidden ? 'hidden' : null });
      }
    });
    events.on('grant.requested', async (event) => {
      for (const userId of await this.users.adminIds()) {
        await this.notifications.notify({ userId, kind: 'grant_requested', sourceId: event.requestId, actorId: event.userId, subject: event.roleName, detail: event.kind });
      }
    });
    events.on('grant.request_waiting', async (event) => {
      for (const userId of await this.users.adminIds()) {
        await this.notifications.notify({ userId, kind: 'grant_request_waiting', sourceId: event.requestId, actorId: event.userId, subject: event.roleName, detail: String(event.waitingHours) });
      }
    });
    // And what a trainee achieved.
    events.on('course.completed', (event) =>
      this.notifications.notify({ userId: event.userId, kind: 'course_completed', sourceId: event.courseId, actorId: null, course: { id: event.courseId, slug: event.courseSlug }, subject: event.courseTitle, detail: null }),
    );
    events.on('badge.awarded', (event) =>
      this.notifications.notify({ userId: event.userId, kind: 'badge_awarded', sourceId: event.assertionId, actorId: null, subject: event.name, detail: event.assertionId }),
    );
  }
}
