import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditModule, AuditService } from '@hearth/audit';
import type { ModerationReason, NotificationView } from '@hearth/contracts';
import { CredentialsWorld } from '@hearth/credentials/testing';
import { DiscussionsModule } from '@hearth/discussions';
import { type AuthUser, UsersService } from '@hearth/identity';
import { NotificationsModule, NotificationsService } from '@hearth/notifications';
import { Mailer, OutboxWorker } from '@hearth/platform';
import { createIntegrationContext, type IntegrationContext } from '@hearth/platform/testing';
import { AppealsService } from './appeals.service';
import { ChatModerationService } from './chat-moderation.service';
import { ChatModule } from './chat.module';
import { MessagesService } from './messages.service';
import { ReportsService } from './reports.service';
import { RoomsService } from './rooms.service';
import { SessionsService } from './sessions.service';

const DAY_MS = 86_400_000;

describe('chat moderation (PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let dataDir: string;
  let world: CredentialsWorld;
  let admin: AuthUser;
  let rooms: RoomsService;
  let messages: MessagesService;
  let moderation: ChatModerationService;
  let appeals: AppealsService;
  let reports: ReportsService;
  let sessions: SessionsService;
  let notifications: NotificationsService;
  let audit: AuditService;

  beforeAll(async () => {
    // A data folder of its own: the e-mails this file causes are read back from it.
    dataDir = await mkdtemp(join(tmpdir(), 'hearth-moderation-'));
    ctx = await createIntegrationContext([ChatModule, DiscussionsModule, AuditModule, NotificationsModule], { HEARTH_DATA_DIR: dataDir });
    world = new CredentialsWorld(ctx);
    admin = await world.newAdmin();
    [rooms, messages, moderation, appeals, reports, sessions] = [
      ctx.get(RoomsService),
      ctx.get(MessagesService),
      ctx.get(ChatModerationService),
      ctx.get(AppealsService),
      ctx.get(ReportsService),
      ctx.get(SessionsService),
    ];
    [notifications, audit] = [ctx.get(NotificationsService), ctx.get(AuditService)];
  });
  afterAll(async () => {
    await ctx.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const codeOf = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: { code?: string }) => error.code ?? String(error));
  /** The fields a validation problem names (or the code of any other refusal). */
  const fieldsOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'resolved',
      (error: { code?: string; fieldErrors?: Array<{ field: string }> }) => (error.code === 'validation' ? error.fieldErrors!.map((f) => f.field) : error.code),
    );
  const drain = () => ctx.get(OutboxWorker).drain();
  const noticesOf = async (person: AuthUser, kind?: NotificationView['kind']) =>
    (await notifications.list(person, { limit: 100 })).items.filter((n) => kind === undefined || n.kind === kind);
  const systemLines = async (viewer: AuthUser, roomId: string) =>
    (await messages.history(viewer, roomId, { limit: 100 })).items.filter((m) => m.kind === 'system').map((m) => m.body);
  const auditOf = async (roomId: string) => (await audit.list(admin, { subject: roomId, limit: 100 })).items;
  const grantOf = async (person: AuthUser, roleKey: string) => (await world.grants.history(admin, person.id)).grants.find((g) => g.roleKey === roleKey)!;

  /** The e-mails sent to someone so far (the outbox drained), their text decoded. */
  async function mailTo(person: AuthUser): Promise<string[]> {
    const folder = ctx.get(Mailer).folder;
    const files = await readdir(folder).catch(() => [] as string[]);
    const mails = await Promise.all(files.sort().map((file) => readFile(join(folder, file), 'utf8')));
    return mails
      .filter((mail) => mail.includes(`\nTo: ${person.username}@example.org\n`))
      .map((mail) => {
        const body = mail.slice(mail.indexOf('\n\n') + 2).replace(/=\r?\n/g, '');
        return Buffer.from(body.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
      });
  }

  let tagSequence = 0;
  /** A room with a tag of its own, and a person holding a role with `bundle` powers in rooms with that tag. */
  async function roomWithFacilitator(
    bundle: 'moderator' | 'session_leader' | 'on_spot_host',
    options: { lockedToRole?: boolean; alsoTagged?: string[]; probation?: { sessions: number; maxMinutes: number } } = {},
  ) {
    tagSequence += 1;
    const tag = `mod-room-${tagSequence}-${process.pid}`;
    const roleKey = await world.newRole(admin, {}, { effects: { bundle, roomIds: [], roomTags: [tag], probation: options.probation ?? null } });
    const room = await rooms.create(admin, {
      name: `Moderated room ${tagSequence}`,
      topic: 'Talk',
      tags: [tag, ...(options.alsoTagged ?? [])],
      lock: options.lockedToRole ? { roles: [roleKey] } : null,
    });
    const facilitator = await world.newUser();
    await world.grants.grantByHand(admin, facilitator.id, roleKey, 'For the test');
    return { room, roleKey, facilitator, tag };
  }

  describe('every step carries a reason', () => {
    it('refuses a warning, a mute, a removal from the room, a message’s removal and a role suspension without one, and `other` without words', async () => {
      const { room, facilitator, roleKey } = await roomWithFacilitator('moderator');
      const [ada, holder] = [await world.newUser(), await world.newUser()];
      await world.grants.grantByHand(admin, holder.id, roleKey, 'A second moderator');
      const rude = await messages.send(ada, room.id, 'Something unkind');
      // What a client might send: the reason left out, or `other` without words.
      const cases: Array<[string, (why: Partial<ModerationReason>) => Promise<unknown>]> = [
        ['warn', (why) => moderation.warn(facilitator, room.id, { userId: ada.id, ...(why as ModerationReason) })],
        ['mute', (why) => moderation.mute(facilitator, room.id, { userId: ada.id, minutes: 10, ...(why as ModerationReason) })],
        ['ban', (why) => moderation.ban(facilitator, room.id, { userId: ada.id, minutes: 60, ...(why as ModerationReason) })],
        ['remove', (why) => moderation.removeMessage(facilitator, rude.id, why)],
        ['suspend', (why) => moderation.suspendRole(admin, room.id, { userId: holder.id, roleKey, days: 3, ...(why as ModerationReason) })],
      ];
      for (const [step, act] of cases) {
        expect([step, await fieldsOf(act({}))]).toEqual([step, ['reasonCode']]);
        expect([step, await fieldsOf(act({ reasonCode: 'other' }))]).toEqual([step, ['reason']]);
        expect([step, await fieldsOf(act({ reasonCode: 'other', reason: '   ' }))]).toEqual([step, ['reason']]);
        expect([step, await fieldsOf(act({ reasonCode: 'spam', reason: 'x'.repeat(501) }))]).toEqual([step, ['reason']]);
      }
      // Nothing happened: no step on record, the message up, the role held, no word in the room.
      expect(await appeals.mine(ada)).toEqual([]);
      expect(await appeals.mine(holder)).toEqual([]);
      expect((await messages.history(ada, room.id, {})).items.find((m) => m.id === rude.id)).toMatchObject({ removed: false, body: 'Something unkind' });
      expect((await grantOf(holder, roleKey)).status).toBe('active');
      expect(await systemLines(ada, room.id)).toEqual([]);
      // A reason from the list is enough; `other` with words too.
      expect((await moderation.warn(facilitator, room.id, { userId: ada.id, reasonCode: 'off-topic' })).sanctionId).toEqual(expect.any(String));
      expect((await moderation.warn(facilitator, room.id, { userId: ada.id, reasonCode: 'other', reason: 'Kept interrupting' })).sanctionId).toEqual(expect.any(String));
    });

    it('tells the person what, for how long and why, with a link to the step; the room’s line says neither why nor in whose words', async () => {
      const { room, facilitator } = await roomWithFacilitator('moderator');
      const [ada, ben] = [await world.newUser(), await world.newUser()];
      const { sanctionId, until } = await moderation.mute(facilitator, room.id, { userId: ada.id, minutes: 10, reasonCode: 'spam', reason: 'Links to a shop, three times' });

      const [notice] = await noticesOf(ada, 'chat_sanction');
      // What, why and how to appeal; not which moderator it was.
      expect(notice).toMatchObject({ link: `/chat/sanctions/${sanctionId}`, actor: null, readAt: null });
      expect(notice.text).toMatch(/muted you/);
      expect(notice.text).toContain(`“${room.name}”`);
      expect(notice.text).toContain('10 minutes');
      // By e-mail, once the outbox has run: the same, with why and when it ends.
      await drain();
      const mail = (await mailTo(ada)).find((text) => text.includes(`/chat/sanctions/${sanctionId}`));
      expect(mail).toContain('Why: Spam or advertising — “Links to a shop, three times”.');
      expect(mail).toContain(`It ends by itself on ${until.slice(0, 10)} ${until.slice(11, 16)} UTC`);
      expect(mail).toContain('appeal within 14 days');
      // The link leads to the step, which the person may read.
      expect(await appeals.one(ada, sanctionId)).toMatchObject({
        id: sanctionId,
        kind: 'mute',
        room: { id: room.id, name: room.name },
        user: { id: ada.id },
        actor: null,
        reasonCode: 'spam',
        reason: 'Links to a shop, three times',
        minutes: 10,
        endsAt: until,
        inForce: true,
        liftedAt: null,
        appeal: null,
        canAppeal: true,
      });
      // Others in the room read a neutral line.
      const lines = await systemLines(ben, room.id);
      expect(lines).toEqual([expect.stringMatching(/ is muted for 10 minutes\.$/)]);
      expect(lines.join('\n')).not.toMatch(/shop|spam|advertising/i);

      // A warning and a removed message are told as such, with their reasons too.
      const warned = await moderation.warn(facilitator, room.id, { userId: ben.id, reasonCode: 'harassment', reason: 'Mocked a newcomer' });
      const rude = await messages.send(ben, room.id, 'You are all fools');
      await moderation.removeMessage(facilitator, rude.id, { reasonCode: 'harassment' });
      const told = await noticesOf(ben, 'chat_sanction');
      expect(told.map((n) => n.text)).toEqual([expect.stringMatching(/removed a message of yours/), expect.stringMatching(/gave you a warning/)]);
      expect(told[1].link).toBe(`/chat/sanctions/${warned.sanctionId}`);
      const [removal] = await appeals.mine(ben);
      expect(removal).toMatchObject({ kind: 'message_removed', reasonCode: 'harassment', reason: '', messageBody: 'You are all fools', endsAt: null, inForce: false });
      expect(told[0].link).toBe(`/chat/sanctions/${removal.id}`);
      expect((await systemLines(ada, room.id)).join('\n')).not.toMatch(/newcomer|harass/i);
    });

    it('writes one audit row per step, with the reason, the sanction and whom it concerned', async () => {
      const { room, facilitator, roleKey } = await roomWithFacilitator('moderator');
      const [ada, ben, holder] = [await world.newUser(), await world.newUser(), await world.newUser()];
      await world.grants.grantByHand(admin, holder.id, roleKey, 'A second moderator');
      const rude = await messages.send(ben, room.id, 'Rude');
      const warned = await moderation.warn(facilitator, room.id, { userId: ada.id, reasonCode: 'off-topic' });
      const muted = await moderation.mute(facilitator, room.id, { userId: ada.id, minutes: 30, reasonCode: 'spam', reason: 'Again' });
      const banned = await moderation.ban(facilitator, room.id, { userId: ada.id, minutes: 120, reasonCode: 'hate' });
      await moderation.removeMessage(facilitator, rude.id, { reasonCode: 'harassment' });
      const suspended = await moderation.suspendRole(admin, room.id, { userId: holder.id, roleKey, days: 2, reasonCode: 'other', reason: 'Misused the mute' });
      const removal = (await appeals.mine(ben))[0];

      const rows = await auditOf(room.id);
      const row = (kind: string) => rows.filter((entry) => entry.kind === kind);
      expect(row('chat.warn')).toEqual([expect.objectContaining({ actor: expect.objectContaining({ id: facilitator.id }), subjectUser: expect.objectContaining({ id: ada.id }), data: expect.objectContaining({ sanctionId: warned.sanctionId, reasonCode: 'off-topic' }) })]);
      expect(row('chat.mute')).toEqual([expect.objectContaining({ summary: 'Muted someone for 30 minutes (spam or advertising)', data: expect.objectContaining({ sanctionId: muted.sanctionId, minutes: 30, reason: 'Again' }) })]);
      expect(row('chat.ban')).toEqual([expect.objectContaining({ subjectUser: expect.objectContaining({ id: ada.id }), data: expect.objectContaining({ sanctionId: banned.sanctionId, minutes: 120, reasonCode: 'hate' }) })]);
      expect(row('chat.remove')).toEqual([expect.objectContaining({ subjectUser: expect.objectContaining({ id: ben.id }), data: expect.objectContaining({ sanctionId: removal.id, messageId: rude.id, reasonCode: 'harassment' }) })]);
      expect(row('chat.suspend_role')).toEqual([
        expect.objectContaining({ actor: expect.objectContaining({ id: admin.id }), subjectUser: expect.objectContaining({ id: holder.id }), data: expect.objectContaining({ sanctionId: suspended.sanctionId, reason: 'Misused the mute' }) }),
      ]);
    });
  });

  describe('the history and the ladder', () => {
    it('shows a member’s record to the room’s moderators, with the next step: a warning, a mute, then out of the room', async () => {
      const { room, facilitator } = await roomWithFacilitator('moderator');
      const [ada, ben] = [await world.newUser(), await world.newUser()];
      const next = async () => (await moderation.history(facilitator, room.id, ada.id)).nextStep;
      expect(await moderation.history(facilitator, room.id, ada.id)).toMatchObject({ user: { id: ada.id }, sanctions: [], nextStep: 'warning', facilitator: false, roles: [] });
      // A removed message is on the record, not on the ladder.
      await moderation.removeMessage(facilitator, (await messages.send(ada, room.id, 'Buy now')).id, { reasonCode: 'spam' });
      expect(await next()).toBe('warning');
      await moderation.warn(facilitator, room.id, { userId: ada.id, reasonCode: 'spam' });
      expect(await next()).toBe('mute');
      await moderation.mute(facilitator, room.id, { userId: ada.id, minutes: 10, reasonCode: 'spam' });
      expect(await next()).toBe('ban');
      await moderation.ban(facilitator, room.id, { userId: ada.id, minutes: 60, reasonCode: 'spam' });
      expect(await next()).toBe('ban');
      const history = await moderation.history(admin, room.id, ada.id);
      expect(history.sanctions.map((s) => s.kind)).toEqual(['ban', 'mute', 'warning', 'message_removed']);

      expect(await codeOf(moderation.history(ben, room.id, ada.id))).toBe('not-allowed');
      expect(await fieldsOf(moderation.history(facilitator, room.id, crypto.randomUUID()))).toEqual(['userId']);
    });

    it('counts a warning for LADDER_DAYS, and a mute or a removal for LADDER_DAYS after it ends', async () => {
      const { room, facilitator } = await roomWithFacilitator('moderator');
      const [ada, ben, cy] = [await world.newUser(), await world.newUser(), await world.newUser()];
      const next = async (person: AuthUser) => (await moderation.history(facilitator, room.id, person.id)).nextStep;

      // A warning given 29 days ago counts still; one given 31 days ago no longer does.
      await moderation.warn(facilitator, room.id, { userId: ada.id, reasonCode: 'spam' });
      ctx.clock.advance({ days: 29 });
      expect(await next(ada)).toBe('mute');
      ctx.clock.advance({ days: 2 });
      expect(await next(ada)).toBe('warning');

      // A mute that ended 29 days ago counts still; one that ended 31 days ago no longer does.
      await moderation.mute(facilitator, room.id, { userId: ben.id, minutes: 10, reasonCode: 'spam' });
      ctx.clock.advance({ days: 29, minutes: 10 });
      expect(await next(ben)).toBe('ban');
      ctx.clock.advance({ days: 2 });
      expect(await next(ben)).toBe('warning');

      // A removal that ended 25 days ago (given 35 days ago) counts still.
      await moderation.ban(facilitator, room.id, { userId: cy.id, minutes: 60, reasonCode: 'spam' });
      ctx.clock.advance({ days: 25, hours: 1 });
      expect(await next(cy)).toBe('ban');
    });

    it('ends the ladder for the room’s facilitators with a role suspended, and leaves them to admins', async () => {
      const { room, facilitator, roleKey } = await roomWithFacilitator('moderator');
      const peer = await world.newUser();
      await world.grants.grantByHand(admin, peer.id, roleKey, 'A second moderator');
      const next = async () => (await moderation.history(admin, room.id, facilitator.id)).nextStep;
      const role = (await world.roles.get(roleKey)).name;
      expect(await moderation.history(admin, room.id, facilitator.id)).toMatchObject({ facilitator: true, roles: [{ key: roleKey, name: role }], nextStep: 'warning' });
      expect(await codeOf(moderation.warn(peer, room.id, { userId: facilitator.id, reasonCode: 'harassment' }))).toBe('not-allowed');
      await moderation.warn(admin, room.id, { userId: facilitator.id, reasonCode: 'harassment' });
      expect(await next()).toBe('mute');
      await moderation.mute(admin, room.id, { userId: facilitator.id, minutes: 10, reasonCode: 'harassment' });
      expect(await next()).toBe('ban');
      await moderation.ban(admin, room.id, { userId: facilitator.id, minutes: 60, reasonCode: 'harassment' });
      // Kept out of the room for now, they are still its facilitator: what comes next is their role.
      expect(await moderation.history(admin, room.id, facilitator.id)).toMatchObject({ facilitator: true, nextStep: 'role_suspended' });
      // Nor may a moderator act on them while they are out.
      expect(await codeOf(moderation.warn(peer, room.id, { userId: facilitator.id, reasonCode: 'harassment' }))).toBe('not-allowed');
      await moderation.suspendRole(admin, room.id, { userId: facilitator.id, roleKey, days: 7, reasonCode: 'harassment' });
      // Without the role they are a member like any other, at the top of a member's ladder.
      expect(await moderation.history(admin, room.id, facilitator.id)).toMatchObject({ facilitator: false, roles: [], nextStep: 'ban' });
    });

    it('lets an admin suspend a facilitator’s role from the room: the grant is suspended and its powers are gone at once', async () => {
      const { room, facilitator, roleKey } = await roomWithFacilitator('moderator', { lockedToRole: true });
      const [peer, member] = [await world.newUser(), await world.newUser()];
      await world.grants.grantByHand(admin, peer.id, roleKey, 'A second moderator');
      const request = { userId: facilitator.id, roleKey, days: 7, reasonCode: 'harassment' as const, reason: 'Belittled members in two sessions' };
      expect(await codeOf(moderation.suspendRole(peer, room.id, request))).toBe('not-allowed');
      expect(await codeOf(moderation.suspendRole(member, room.id, request))).toBe('room-closed');
      expect(await codeOf(moderation.suspendRole(admin, room.id, { ...request, roleKey: 'moderator' }))).toBe('not-allowed');
      expect(await codeOf(moderation.suspendRole(admin, room.id, { ...request, userId: admin.id }))).toBe('not-allowed');
      expect(await fieldsOf(moderation.suspendRole(admin, room.id, { ...request, days: 0 }))).toEqual(['days']);
      expect(await fieldsOf(moderation.suspendRole(admin, room.id, { ...request, days: 91 }))).toEqual(['days']);
      expect((await grantOf(facilitator, roleKey)).status).toBe('active');

      const { sanctionId, until } = await moderation.suspendRole(admin, room.id, request);
      expect(new Date(until!).getTime()).toBeGreaterThan(ctx.clock.now().getTime() + 7 * DAY_MS - 60_000);
      expect(await grantOf(facilitator, roleKey)).toMatchObject({ status: 'suspended', suspension: { cause: 'admin', until, reason: 'Harassing or belittling someone — “Belittled members in two sessions”' } });
      // Powers gone at once, the locked room with them; no drain needed.
      expect((await rooms.get(facilitator, room.id)).canEnter).toBe(false);
      expect(await codeOf(moderation.warn(facilitator, room.id, { userId: member.id, reasonCode: 'spam' }))).toBe('room-closed');
      expect(await appeals.one(facilitator, sanctionId)).toMatchObject({ kind: 'role_suspended', roleName: (await world.roles.get(roleKey)).name, minutes: 7 * 24 * 60, endsAt: until, inForce: true });
      expect((await noticesOf(facilitator)).map((n) => n.kind)).toEqual(expect.arrayContaining(['role_suspended', 'chat_sanction']));
      expect((await noticesOf(facilitator, 'chat_sanction'))[0]).toMatchObject({ link: `/chat/sanctions/${sanctionId}`, text: expect.stringContaining('7 days') });
      expect((await auditOf(facilitator.id)).map((e) => e.kind)).toEqual(expect.arrayContaining(['role.suspended', 'chat.suspend_role']));
      // Once suspended, there is nothing more to suspend.
      expect(await codeOf(moderation.suspendRole(admin, room.id, request))).toBe('not-allowed');
    });
  });

  describe('a refresher after an upheld complaint', () => {
    /** A facilitator of a locked room who completed a course long ago (its lesson, discussion and quiz). */
    async function facilitatorWhoCompleted() {
      const setting = await roomWithFacilitator('moderator', { lockedToRole: true });
      const course = await world.newDiscussion();
      await world.learning.enroll(setting.facilitator, course.course.id);
      await world.complete(setting.facilitator, course);
      const answerId = (await world.threads.thread(setting.facilitator, course.itemId)).myAnswerId!;
      return { ...setting, course, answerId };
    }
    const refresherOf = async (person: AuthUser, courseId: string) => (await world.learning.progress(person, courseId)).refresher;

    it('suspends the role until its holder redoes the course, item by item, and then asks an admin to reinstate them', async () => {
      const { room, facilitator, roleKey, course, answerId } = await facilitatorWhoCompleted();
      const peer = await world.newUser();
      await world.grants.grantByHand(admin, peer.id, roleKey, 'A second moderator');
      const report = await reports.report(peer, (await messages.send(facilitator, room.id, 'Stop whining, all of you')).id, { reasonCode: 'harassment' });
      const request = { userId: facilitator.id, roleKey, reasonCode: 'harassment' as const, reason: 'Belittled members', reportId: report.id };
      expect(await fieldsOf(moderation.suspendRole(admin, room.id, request))).toEqual(['days']);
      expect(await fieldsOf(moderation.suspendRole(admin, room.id, { ...request, days: 7, refresherCourseId: course.course.id }))).toEqual(['days']);
      expect(await fieldsOf(moderation.suspendRole(admin, room.id, { ...request, refresherCourseId: crypto.randomUUID() }))).toEqual(['refresherCourseId']);
      expect((await grantOf(facilitator, roleKey)).status).toBe('active');

      const taken = await moderation.suspendRole(admin, room.id, { ...request, refresherCourseId: course.course.id });
      expect(taken.until).toBeNull();
      expect(await grantOf(facilitator, roleKey)).toMatchObject({
        status: 'suspended',
        suspension: { cause: 'refresher', until: null, refresher: { courseId: course.course.id, courseTitle: course.course.title, status: 'open', closedAt: null } },
      });
      expect((await rooms.get(facilitator, room.id)).canEnter).toBe(false);
      expect((await reports.queue(admin, room.id, { status: 'actioned' })).items.find((r) => r.id === report.id)).toMatchObject({ status: 'actioned' });
      expect((await noticesOf(facilitator, 'refresher_assigned'))[0]).toMatchObject({ link: `/courses/${course.course.slug}`, text: expect.stringContaining(course.course.title) });

      // What they did the first time does not count again; the same done again does.
      const redone = async () => (await refresherOf(facilitator, course.course.id))?.items.map((item) => [item.type, item.done]);
      expect(await redone()).toEqual([['lesson', false], ['discussion', false], ['quiz', false]]);
      await world.learning.markViewed(facilitator, course.lesson.id);
      // A moderator hiding and showing the old answer is not writing it again.
      await world.moderation.setVisibility(course.author, answerId, true);
      await world.moderation.setVisibility(course.author, answerId, false);
      expect(await redone()).toEqual([['lesson', true], ['discussion', false], ['quiz', false]]);
      await world.threads.edit(facilitator, answerId, 'A room where people listen before they answer; I interrupted, and I will not again.');
      expect(await redone()).toEqual([['lesson', true], ['discussion', true], ['quiz', false]]);
      expect((await world.grants.requests(admin, { status: 'pending' })).items.filter((r) => r.user.id === facilitator.id)).toEqual([]);

      const quiz = await world.learning.read(facilitator, course.quiz.id);
      const right = quiz.questions![0].options.find((option) => option.textHtml.includes('Slow down'))!;
      await world.learning.attempt(facilitator, course.quiz.id, { answers: [{ questionId: quiz.questions![0].id, optionIds: [right.id] }] });
      // Credentials hears of it after the commit.
      await drain();
      // Done: nothing left to redo, the role still held back until an admin decides.
      expect(await refresherOf(facilitator, course.course.id)).toBeNull();
      expect(await grantOf(facilitator, roleKey)).toMatchObject({ status: 'suspended', suspension: { cause: 'refresher', refresher: { status: 'completed', closedAt: expect.any(String) } } });
      const [asked] = (await world.grants.requests(admin, { status: 'pending' })).items.filter((r) => r.user.id === facilitator.id);
      expect(asked).toMatchObject({ kind: 'reinstatement', roleKey, grantId: (await grantOf(facilitator, roleKey)).id, refresher: { courseId: course.course.id, status: 'completed' } });
      expect((await noticesOf(admin, 'grant_requested')).find((n) => n.actor?.id === facilitator.id)).toMatchObject({ text: expect.stringContaining('redid their refresher') });

      await world.grants.approve(admin, asked.id, 'Thank you for taking it seriously');
      expect(await grantOf(facilitator, roleKey)).toMatchObject({ status: 'active', suspension: null });
      expect((await rooms.get(facilitator, room.id)).powers).toEqual(['moderate', 'post']);
      expect((await noticesOf(facilitator)).map((n) => n.kind)).toEqual(expect.arrayContaining(['role_granted']));
      expect(await codeOf(world.grants.approve(admin, asked.id, 'Again'))).toBe('request-decided');
    });

    it('is no longer asked for when an appeal lifts the suspension; a declined reinstatement leaves the role suspended', async () => {
      const first = await facilitatorWhoCompleted();
      const { sanctionId } = await moderation.suspendRole(admin, first.room.id, { userId: first.facilitator.id, roleKey: first.roleKey, reasonCode: 'unsafe', refresherCourseId: first.course.course.id });
      expect(await refresherOf(first.facilitator, first.course.course.id)).not.toBeNull();
      const appealId = (await appeals.appeal(first.facilitator, sanctionId, 'I followed the room guide.')).appeal!.id;
      await appeals.decide(await world.newAdmin(), appealId, 'overturned', 'The guide allowed it.');
      expect(await grantOf(first.facilitator, first.roleKey)).toMatchObject({ status: 'active', suspension: null });
      expect(await refresherOf(first.facilitator, first.course.course.id)).toBeNull();
      // Redoing it now asks nobody for anything.
      await world.complete(first.facilitator, first.course, { answered: true });
      await drain();
      expect((await world.grants.requests(admin, { status: 'pending' })).items.filter((r) => r.user.id === first.facilitator.id)).toEqual([]);

      const second = await facilitatorWhoCompleted();
      await moderation.suspendRole(admin, second.room.id, { userId: second.facilitator.id, roleKey: second.roleKey, reasonCode: 'unsafe', refresherCourseId: second.course.course.id });
      await world.learning.markViewed(second.facilitator, second.course.lesson.id);
      await world.threads.edit(second.facilitator, second.answerId, 'Written again, more carefully: listen first, then answer, and keep the room slow.');
      await world.complete(second.facilitator, second.course, { answered: true });
      await drain();
      const [asked] = (await world.grants.requests(admin, { status: 'pending' })).items.filter((r) => r.user.id === second.facilitator.id);
      await world.grants.deny(admin, asked.id, 'Not yet: talk to a mentor first');
      expect(await grantOf(second.facilitator, second.roleKey)).toMatchObject({ status: 'suspended', suspension: { cause: 'refresher' } });
      expect((await noticesOf(second.facilitator, 'request_denied'))[0]).toMatchObject({ text: expect.stringContaining('declined') });
    });
  });

  describe('appeals', () => {
    it('lets only the person a step names appeal it, once; an admin decides, never on their own appeal', async () => {
      const { room, facilitator } = await roomWithFacilitator('moderator');
      const [ada, ben] = [await world.newUser(), await world.newUser()];
      const { sanctionId } = await moderation.mute(facilitator, room.id, { userId: ada.id, minutes: 60, reasonCode: 'spam' });
      expect(await codeOf(appeals.appeal(ben, sanctionId, 'Not fair to her'))).toBe('sanction-not-found');
      expect(await codeOf(appeals.one(ben, sanctionId))).toBe('sanction-not-found');
      expect(await codeOf(appeals.appeal(facilitator, sanctionId, 'On her behalf'))).toBe('sanction-not-found');
      expect(await fieldsOf(appeals.appeal(ada, sanctionId, '   '))).toEqual(['body']);
      expect(await codeOf(appeals.appeal(ada, crypto.randomUUID(), 'Which?'))).toBe('sanction-not-found');

      const appealed = await appeals.appeal(ada, sanctionId, 'I posted one link, asked for by someone.');
      expect(appealed).toMatchObject({ canAppeal: false, appeal: { status: 'pending', body: 'I posted one link, asked for by someone.', decidedAt: null, decidedBy: null } });
      expect(await codeOf(appeals.appeal(ada, sanctionId, 'Again'))).toBe('appeal-closed');
      // The admins hear; the room's moderators see the step and its appeal.
      expect((await noticesOf(admin, 'chat_appeal')).find((n) => n.actor?.id === ada.id)).toMatchObject({ link: '/admin/appeals', text: expect.stringContaining(room.name) });
      expect((await appeals.one(facilitator, sanctionId)).appeal?.status).toBe('pending');

      expect(await codeOf(appeals.queue(ada, {}))).toBe('forbidden');
      const queued = (await appeals.queue(admin, { status: 'pending', limit: 100 })).items.find((c) => c.sanction.id === sanctionId)!;
      expect(queued).toMatchObject({ appeal: { id: appealed.appeal!.id, status: 'pending' }, sanction: { user: { id: ada.id }, reasonCode: 'spam' } });

      const appealId = appealed.appeal!.id;
      expect(await codeOf(appeals.decide(ada, appealId, 'overturned', 'Mine'))).toBe('forbidden');
      expect(await codeOf(appeals.decide(facilitator, appealId, 'confirmed', 'I stand by it'))).toBe('forbidden');
      expect(await fieldsOf(appeals.decide(admin, appealId, 'confirmed', '  '))).toEqual(['note']);
      expect(await codeOf(appeals.decide(admin, crypto.randomUUID(), 'confirmed', 'Which?'))).toBe('appeal-not-found');

      const decider = await world.newAdmin();
      const decided = await appeals.decide(decider, appealId, 'confirmed', 'The links were to a shop you run.');
      expect(decided).toMatchObject({ appeal: { status: 'confirmed', decidedBy: { id: decider.id }, decisionNote: 'The links were to a shop you run.' }, sanction: { inForce: true, liftedAt: null } });
      expect(await codeOf(appeals.decide(decider, appealId, 'overturned', 'On second thoughts'))).toBe('appeal-decided');
      expect((await appeals.queue(admin, { status: 'pending', limit: 100 })).items.map((c) => c.sanction.id)).not.toContain(sanctionId);
      // The step stands, and the person is told so.
      expect(await codeOf(messages.send(ada, room.id, 'Hello?'))).toBe('muted');
      expect((await noticesOf(ada, 'chat_appeal_decided'))[0]).toMatchObject({ link: `/chat/sanctions/${sanctionId}`, actor: { id: decider.id }, text: expect.stringContaining('the step stands') });
      expect((await auditOf(room.id)).find((e) => e.kind === 'chat.appeal_confirmed')).toMatchObject({ subjectUser: { id: ada.id }, data: expect.objectContaining({ sanctionId, reason: 'The links were to a shop you run.' }) });

      // An admin's own appeal is another admin's to decide.
      const other = await world.newAdmin();
      const warned = await moderation.warn(admin, room.id, { userId: other.id, reasonCode: 'off-topic' });
      const own = (await appeals.appeal(other, warned.sanctionId, 'It was on topic')).appeal!.id;
      expect(await codeOf(appeals.decide(other, own, 'overturned', 'Mine, and right'))).toBe('not-allowed');
      expect((await appeals.decide(decider, own, 'overturned', 'It was on topic')).appeal.status).toBe('overturned');
    });

    it('closes appeals APPEAL_DAYS after the step', async () => {
      const { room, facilitator } = await roomWithFacilitator('moderator');
      const ada = await world.newUser();
      const { sanctionId } = await moderation.warn(facilitator, room.id, { userId: ada.id, reasonCode: 'spam' });
      expect((await appeals.one(ada, sanctionId)).canAppeal).toBe(true);
      ctx.clock.advance({ days: 15 });
      expect((await appeals.one(ada, sanctionId)).canAppeal).toBe(false);
      expect(await codeOf(appeals.appeal(ada, sanctionId, 'Late, but still'))).toBe('appeal-closed');
    });

    it('overturning a mute lifts it: the person posts again, is told, and the step no longer counts', async () => {
      const { room, facilitator } = await roomWithFacilitator('moderator');
      const ada = await world.newUser();
      const { sanctionId } = await moderation.mute(facilitator, room.id, { userId: ada.id, minutes: 120, reasonCode: 'harassment' });
      expect(await codeOf(messages.send(ada, room.id, 'Let me explain'))).toBe('muted');
      expect((await moderation.history(facilitator, room.id, ada.id)).nextStep).toBe('ban');
      const appealId = (await appeals.appeal(ada, sanctionId, 'I was quoting someone else.')).appeal!.id;

      const decided = await appeals.decide(admin, appealId, 'overturned', 'You were quoting; sorry.');
      expect(decided.sanction).toMatchObject({ inForce: false, liftedAt: expect.any(String), appeal: { status: 'overturned', decidedBy: { id: admin.id } } });
      expect((await messages.send(ada, room.id, 'Thank you')).body).toBe('Thank you');
      expect((await moderation.history(facilitator, room.id, ada.id)).nextStep).toBe('warning');
      expect((await noticesOf(ada, 'chat_appeal_decided'))[0]).toMatchObject({ link: `/chat/sanctions/${sanctionId}`, text: expect.stringContaining('upheld') });
      expect((await auditOf(room.id)).find((e) => e.kind === 'chat.appeal_overturned')).toMatchObject({ actor: { id: admin.id }, data: expect.objectContaining({ sanctionId }) });
    });

    it('overturning a removal from the room lets the person back in', async () => {
      const { room, facilitator } = await roomWithFacilitator('moderator');
      const ada = await world.newUser();
      const { sanctionId } = await moderation.ban(facilitator, room.id, { userId: ada.id, minutes: 24 * 60, reasonCode: 'hate' });
      expect((await rooms.get(ada, room.id)).canEnter).toBe(false);
      const appealId = (await appeals.appeal(ada, sanctionId, 'Someone used my laptop.')).appeal!.id;
      await appeals.decide(admin, appealId, 'overturned', 'Believed; please lock your screen.');
      expect((await rooms.get(ada, room.id)).canEnter).toBe(true);
      expect((await messages.send(ada, room.id, 'Back')).body).toBe('Back');
    });

    it('overturning a message’s removal brings the message back', async () => {
      const { room, facilitator } = await roomWithFacilitator('moderator');
      const [ada, ben] = [await world.newUser(), await world.newUser()];
      const message = await messages.send(ada, room.id, 'My phone number is on my profile if anyone needs to talk');
      await moderation.removeMessage(facilitator, message.id, { reasonCode: 'personal-info' });
      const shown = async () => (await messages.history(ben, room.id, {})).items.find((m) => m.id === message.id);
      expect(await shown()).toMatchObject({ removed: true, body: '' });
      const [removal] = await appeals.mine(ada);
      const appealId = (await appeals.appeal(ada, removal.id, 'It is my own number.')).appeal!.id;
      await appeals.decide(admin, appealId, 'overturned', 'Your own details are yours to share.');
      expect(await shown()).toMatchObject({ removed: false, body: 'My phone number is on my profile if anyone needs to talk' });
    });

    it('overturning a role suspension reinstates the grant and its powers', async () => {
      const { room, facilitator, roleKey } = await roomWithFacilitator('moderator', { lockedToRole: true });
      const { sanctionId } = await moderation.suspendRole(admin, room.id, { userId: facilitator.id, roleKey, days: 14, reasonCode: 'unsafe' });
      expect((await grantOf(facilitator, roleKey)).status).toBe('suspended');
      const appealId = (await appeals.appeal(facilitator, sanctionId, 'I followed the room guide.')).appeal!.id;
      const decided = await appeals.decide(await world.newAdmin(), appealId, 'overturned', 'The guide allowed it.');
      expect(decided.sanction).toMatchObject({ inForce: false, liftedAt: expect.any(String) });
      expect(await grantOf(facilitator, roleKey)).toMatchObject({ status: 'active', suspension: null });
      expect((await rooms.get(facilitator, room.id)).powers).toEqual(['moderate', 'post']);
      expect((await noticesOf(facilitator)).map((n) => n.kind)).toEqual(expect.arrayContaining(['chat_appeal_decided', 'role_granted']));
      expect((await auditOf(facilitator.id)).map((e) => e.kind)).toEqual(expect.arrayContaining(['role.reinstated']));
    });
  });

  describe('reports', () => {
    it('takes a report from anyone who may read the message, once each; not of one’s own message or one already removed', async () => {
      const { room, facilitator } = await roomWithFacilitator('moderator');
      const [ada, ben] = [await world.newUser(), await world.newUser()];
      const message = await messages.send(ada, room.id, 'Nobody here cares about you');
      const report = await reports.report(ben, message.id, { reasonCode: 'harassment', reason: 'Aimed at a newcomer' });
      expect(report).toMatchObject({
        room: { id: room.id, name: room.name },
        message: { id: message.id, body: 'Nobody here cares about you' },
        reporter: { id: ben.id },
        reasonCode: 'harassment',
        reason: 'Aimed at a newcomer',
        status: 'open',
        escalatedAt: null,
        resolvedBy: null,
      });
      expect(await codeOf(reports.report(ben, message.id, { reasonCode: 'spam' }))).toBe('already-reported');
      expect(await codeOf(reports.report(ada, message.id, { reasonCode: 'spam' }))).toBe('not-allowed');
      expect(await fieldsOf(reports.report(facilitator, message.id, { reasonCode: 'other' }))).toEqual(['reason']);
      expect(await codeOf(reports.report(ben, crypto.randomUUID(), { reasonCode: 'spam' }))).toBe('message-not-found');

      const locked = await roomWithFacilitator('moderator', { lockedToRole: true });
      const inside = await messages.send(locked.facilitator, locked.room.id, 'Staff only');
      expect(await codeOf(reports.report(ben, inside.id, { reasonCode: 'spam' }))).toBe('room-closed');

      const gone = await messages.send(ada, room.id, 'Deleted soon');
      await moderation.removeMessage(ada, gone.id, {});
      expect(await codeOf(reports.report(ben, gone.id, { reasonCode: 'spam' }))).toBe('message-not-found');
      await moderation.mute(facilitator, room.id, { userId: ada.id, minutes: 5, reasonCode: 'harassment' });
      const [line] = (await messages.history(ben, room.id, {})).items.filter((m) => m.kind === 'system');
      expect(await codeOf(reports.report(ben, line.id, { reasonCode: 'spam' }))).toBe('message-not-found');
    });

    it('tells the room’s moderators once the report commits, and each reporter when a moderator acts on it', async () => {
      const { room, facilitator, roleKey } = await roomWithFacilitator('moderator');
      const [ada, ben, cy, peer] = [await world.newUser(), await world.newUser(), await world.newUser(), await world.newUser()];
      await world.grants.grantByHand(admin, peer.id, roleKey, 'A second moderator');
      const message = await messages.send(ada, room.id, 'Buy followers at my site');
      const first = await reports.report(ben, message.id, { reasonCode: 'spam' });
      await reports.report(cy, message.id, { reasonCode: 'spam', reason: 'Third time today' });
      expect(await noticesOf(facilitator, 'chat_report')).toEqual([]);

      await drain();
      for (const moderator of [facilitator, peer]) {
        const told = await noticesOf(moderator, 'chat_report');
        expect(told).toHaveLength(2);
        expect(told[0]).toMatchObject({ link: `/chat/${room.id}/reports`, text: `A message in “${room.name}” was reported` });
      }
      // Admins hear of reports only when the room's moderators do not act.
      expect((await noticesOf(admin, 'chat_report')).filter((n) => n.link === `/chat/${room.id}/reports`)).toEqual([]);

      expect(await codeOf(reports.queue(ben, room.id, {}))).toBe('not-allowed');
      const queue = await reports.queue(facilitator, room.id, { status: 'open' });
      expect(queue.items.map((r) => [r.reporter.id, r.reason])).toEqual([
        [ben.id, ''],
        [cy.id, 'Third time today'],
      ]);

      // A report of another room's message does not answer a step here.
      const elsewhere = await roomWithFacilitator('moderator');
      const far = await messages.send(ada, elsewhere.room.id, 'Elsewhere');
      const farReport = await reports.report(ben, far.id, { reasonCode: 'spam' });
      expect(await fieldsOf(moderation.mute(facilitator, room.id, { userId: ada.id, minutes: 10, reasonCode: 'spam', reportId: farReport.id }))).toEqual(['reportId']);
      expect(await appeals.mine(ada)).toEqual([]);
      // Nor does it answer a step against someone else than the message's author.
      expect(await fieldsOf(moderation.warn(facilitator, room.id, { userId: cy.id, reasonCode: 'spam', reportId: first.id }))).toEqual(['reportId']);
      expect(await appeals.mine(cy)).toEqual([]);

      await moderation.removeMessage(facilitator, message.id, { reasonCode: 'spam', reportId: first.id });
      expect((await reports.queue(facilitator, room.id, { status: 'open' })).items).toEqual([]);
      const actioned = await reports.queue(facilitator, room.id, { status: 'actioned' });
      expect(actioned.items.map((r) => [r.reporter.id, r.status, r.resolvedBy?.id])).toEqual([
        [ben.id, 'actioned', facilitator.id],
        [cy.id, 'actioned', facilitator.id],
      ]);
      // Staff still read what was removed.
      expect(actioned.items[0].message).toMatchObject({ removed: true, body: 'Buy followers at my site' });
      for (const reporter of [ben, cy]) {
        expect(await noticesOf(reporter, 'chat_report_outcome')).toEqual([
          expect.objectContaining({ actor: expect.objectContaining({ id: facilitator.id }), link: `/chat/${room.id}`, text: `A moderator acted on the message you reported in “${room.name}”` }),
        ]);
      }
      // Acted on, it goes to no admin later either.
      await ctx.db.execute(`UPDATE outbox_message SET available_at = now() WHERE topic = 'chat.report-escalate' AND available_at > now()`);
      await drain();
      expect((await reports.queue(facilitator, room.id, { status: 'actioned' })).items.map((r) => r.escalatedAt)).toEqual([null, null]);
    });

    it('dismisses a report with a note the reporter is told', async () => {
      const { room, facilitator } = await roomWithFacilitator('moderator');
      const [ada, ben] = [await world.newUser(), await world.newUser()];
      const message = await messages.send(ada, room.id, 'I disagree with the host');
      const report = await reports.report(ben, message.id, { reasonCode: 'other', reason: 'Rude to the host' });
      expect(await codeOf(reports.dismiss(ben, report.id, 'Mine'))).toBe('not-allowed');
      expect(await fieldsOf(reports.dismiss(facilitator, report.id, ' '))).toEqual(['note']);
      expect(await codeOf(reports.dismiss(facilitator, crypto.randomUUID(), 'Nothing'))).toBe('report-not-found');

      const dismissed = await reports.dismiss(facilitator, report.id, 'Disagreeing is allowed here.');
      expect(dismissed).toMatchObject({ status: 'dismissed', resolvedBy: { id: facilitator.id }, outcomeNote: 'Disagreeing is allowed here.', resolvedAt: expect.any(String) });
      expect(await codeOf(reports.dismiss(facilitator, report.id, 'Again'))).toBe('report-resolved');
      expect((await noticesOf(ben, 'chat_report_outcome'))[0]).toMatchObject({ text: `A moderator looked at the message you reported in “${room.name}” and left it` });
      expect((await messages.history(ben, room.id, {})).items.find((m) => m.id === message.id)?.removed).toBe(false);
      expect(await appeals.mine(ada)).toEqual([]);
      expect((await auditOf(room.id)).find((e) => e.kind === 'chat.report_dismissed')).toMatchObject({ actor: { id: facilitator.id }, data: expect.objectContaining({ messageId: message.id, reason: 'Disagreeing is allowed here.' }) });
      await drain();
      expect((await mailTo(ben)).some((mail) => mail.includes('What they said: Disagreeing is allowed here.'))).toBe(true);
    });

    it('sends a report to the admins at once when no moderator covers the room, and later when nobody acts in time', async () => {
      tagSequence += 1;
      const bare = await rooms.create(admin, { name: `Unmoderated ${tagSequence}`, topic: '', tags: [`bare-${tagSequence}-${process.pid}`] });
      const [ada, ben] = [await world.newUser(), await world.newUser()];
      const other = await world.newAdmin();
      const lonely = await reports.report(ben, (await messages.send(ada, bare.id, 'Anyone?')).id, { reasonCode: 'unsafe' });
      await drain();
      for (const person of [admin, other]) {
        expect((await noticesOf(person, 'chat_report_escalated')).filter((n) => n.link === `/chat/${bare.id}/reports`)).toEqual([
          expect.objectContaining({ text: `A report in “${bare.name}” is waiting for someone to act` }),
        ]);
      }
      expect((await reports.queue(admin, bare.id, {})).items.find((r) => r.id === lonely.id)?.escalatedAt).toEqual(expect.any(String));

      const { room, facilitator } = await roomWithFacilitator('moderator');
      const slow = await reports.report(ben, (await messages.send(ada, room.id, 'Ignored')).id, { reasonCode: 'spam' });
      await drain();
      expect(await noticesOf(facilitator, 'chat_report')).toHaveLength(1);
      const escalatedHere = async () => (await noticesOf(admin, 'chat_report_escalated')).filter((n) => n.link === `/chat/${room.id}/reports`);
      expect(await escalatedHere()).toEqual([]);
      // HEARTH_CHAT_REPORT_ESCALATE_MINUTES pass with nobody acting.
      await ctx.db.execute(`UPDATE outbox_message SET available_at = now() WHERE topic = 'chat.report-escalate' AND payload->>'reportId' = $1`, [slow.id]);
      await drain();
      expect(await escalatedHere()).toEqual([expect.objectContaining({ text: `A report in “${room.name}” is waiting for someone to act` })]);
      expect((await reports.queue(facilitator, room.id, {})).items.find((r) => r.id === slow.id)?.escalatedAt).toEqual(expect.any(String));
    });
  });

  describe('probation', () => {
    it('holds a new holder’s mutes and removals to the limit and keeps them from locking the room', async () => {
      const { room, facilitator, tag } = await roomWithFacilitator('moderator', { probation: { sessions: 2, maxMinutes: 10 } });
      const ada = await world.newUser();
      expect(await rooms.get(facilitator, room.id)).toMatchObject({ powers: ['moderate', 'post'], probation: { maxMinutes: 10, mayLockRoom: false, confirmed: 0, needed: 2 } });
      expect((await rooms.get(ada, room.id)).probation).toBeNull();
      expect(await codeOf(moderation.mute(facilitator, room.id, { userId: ada.id, minutes: 15, reasonCode: 'spam' }))).toBe('on-probation');
      expect(await codeOf(moderation.ban(facilitator, room.id, { userId: ada.id, minutes: 60, reasonCode: 'spam' }))).toBe('on-probation');
      expect(await codeOf(moderation.freeze(facilitator, room.id, true))).toBe('on-probation');
      expect((await rooms.get(ada, room.id)).frozen).toBe(false);
      expect(await appeals.mine(ada)).toEqual([]);
      // Within the limit, they moderate.
      await moderation.mute(facilitator, room.id, { userId: ada.id, minutes: 10, reasonCode: 'spam' });
      await moderation.ban(facilitator, room.id, { userId: ada.id, minutes: 10, reasonCode: 'spam' });
      expect((await appeals.mine(ada)).map((s) => s.kind)).toEqual(['ban', 'mute']);

      // A second role moderating the room without probation lifts the limit.
      const full = await world.newRole(admin, {}, { effects: { bundle: 'moderator', roomIds: [], roomTags: [tag], probation: null } });
      await world.grants.grantByHand(admin, facilitator.id, full, 'Experienced elsewhere');
      expect((await rooms.get(facilitator, room.id)).probation).toBeNull();
      expect((await moderation.freeze(facilitator, room.id, true)).frozen).toBe(true);
    });

    it('ends probation once enough sessions co-hosted are confirmed, each by its own leader', async () => {
      const { room, facilitator: novice, tag } = await roomWithFacilitator('moderator', { probation: { sessions: 2, maxMinutes: 10 } });
      const leaderRole = await world.newRole(admin, {}, { effects: { bundle: 'session_leader', roomIds: [], roomTags: [tag], probation: null } });
      const [leader, otherLeader, member] = [await world.newUser(), await world.newUser(), await world.newUser()];
      await world.grants.grantByHand(admin, leader.id, leaderRole, 'Leads sessions');
      await world.grants.grantByHand(admin, otherLeader.id, leaderRole, 'Leads sessions too');
      const probation = async () => (await rooms.get(novice, room.id)).probation;

      /** A session the novice co-hosts, in it for `minutes` (that long passes, their connection vouched for), for its leader to end. */
      const coHosted = async (topic: string, minutes: number) => {
        const session = await sessions.create(leader, room.id, { topic, startNow: true });
        await sessions.coHost(leader, session.id, novice.id);
        await sessions.entered(novice.id, `novice-${topic}`, room.id);
        ctx.clock.advance({ minutes });
        await sessions.stillHere([`novice-${topic}`]);
        return session;
      };

      const first = await coHosted('First evening', 20);
      // Not while it runs: a session is confirmed once it has been.
      expect(await codeOf(sessions.confirmCoHost(leader, first.id))).toBe('session-running');
      await sessions.end(leader, first.id);
      expect(await codeOf(sessions.confirmCoHost(novice, first.id))).toBe('not-allowed');
      expect(await codeOf(sessions.confirmCoHost(otherLeader, first.id))).toBe('not-allowed');
      expect(await codeOf(sessions.confirmCoHost(member, first.id))).toBe('not-allowed');
      expect(await codeOf(sessions.confirmCoHost(leader, crypto.randomUUID()))).toBe('session-not-found');
      expect(await probation()).toMatchObject({ confirmed: 0, needed: 2 });

      expect((await sessions.confirmCoHost(leader, first.id)).coHostConfirmed).toBe(true);
      expect(await probation()).toMatchObject({ confirmed: 1, needed: 2, maxMinutes: 10 });
      // Once per session.
      await sessions.confirmCoHost(leader, first.id);
      expect(await probation()).toMatchObject({ confirmed: 1 });

      // A session started and ended in a moment (or one the co-host hardly attended) ends no probation.
      const brief = await coHosted('Brief', 5);
      await sessions.end(leader, brief.id);
      const refused = sessions.confirmCoHost(leader, brief.id);
      expect(await codeOf(refused)).toBe('not-allowed');
      await expect(refused).rejects.toThrow('The co-host was in the session for 5 minutes; a confirmed session asks for 15.');
      // Nor one without a co-host.
      const alone = await sessions.create(leader, room.id, { topic: 'Alone', startNow: true });
      await sessions.end(leader, alone.id);
      expect(await codeOf(sessions.confirmCoHost(leader, alone.id))).toBe('not-allowed');
      expect(await probation()).toMatchObject({ confirmed: 1 });

      const second = await coHosted('Second evening', 30);
      await sessions.end(leader, second.id);
      await sessions.confirmCoHost(leader, second.id);
      expect(await probation()).toBeNull();
      // Full powers now.
      const ada = await world.newUser();
      await moderation.mute(novice, room.id, { userId: ada.id, minutes: 60, reasonCode: 'spam' });
      expect((await moderation.freeze(novice, room.id, true)).frozen).toBe(true);
    });

    it('counts a confirmed co-hosted session as shadowing toward a role its leader holds, into the request’s evidence', async () => {
      const { room, roleKey: leaders, facilitator: leader, tag } = await roomWithFacilitator('session_leader');
      const other = await world.newRole(admin, {}, { effects: { bundle: 'session_leader', roomIds: [], roomTags: [tag], probation: null } });
      const outsider = await world.newUser();
      await world.grants.grantByHand(admin, outsider.id, other, 'Leads, but another role');
      const d = await world.newDiscussion();
      // The leaders' role now asks a new holder to have co-hosted one session with one of them.
      await world.roles.update(admin, leaders, { rule: { courseIds: [d.course.id], roleKeys: [], approval: 'review', validityDays: null, shadowSessions: 1 } });
      const trainee = await world.trainee(d);
      await world.complete(trainee, d);
      const eligibility = () => world.grants.eligibility(trainee, leaders);
      expect((await eligibility()).unmet).toEqual([{ kind: 'shadowing', detail: expect.stringContaining('Co-host 1 live session led by a'), link: '/chat' }]);

      const coHosted = async (by: AuthUser, topic: string) => {
        const session = await sessions.create(by, room.id, { topic, startNow: true });
        await sessions.coHost(by, session.id, trainee.id);
        await sessions.entered(trainee.id, `trainee-${topic}`, room.id);
        ctx.clock.advance({ minutes: 25 });
        await sessions.stillHere([`trainee-${topic}`]);
        await sessions.end(by, session.id);
        await sessions.confirmCoHost(by, session.id);
      };
      // Led by a holder of another role: it does not count toward this one.
      await coHosted(outsider, 'With someone else');
      expect((await eligibility()).unmet.map((u) => u.kind)).toEqual(['shadowing']);
      await coHosted(leader, 'With a leader');
      expect(await eligibility()).toMatchObject({ eligible: true, pending: true, unmet: [] });
      const [request] = (await world.grants.requests(admin, {})).items.filter((r) => r.roleKey === leaders && r.user.id === trainee.id);
      expect(request.evidence.shadowing).toEqual([
        { sessionId: expect.any(String), topic: 'With a leader', roomName: room.name, leader: expect.objectContaining({ id: leader.id }), confirmedBy: expect.objectContaining({ id: leader.id }), minutes: 25, confirmedAt: expect.any(String) },
      ]);
    });

    it('refuses shadowing on a rule that names no course', async () => {
      const { roleKey } = await roomWithFacilitator('session_leader');
      const refusal = await world.roles.update(admin, roleKey, { rule: { courseIds: [], roleKeys: [], approval: 'auto', validityDays: null, shadowSessions: 2 } }).catch((error: unknown) => error);
      expect(refusal).toMatchObject({ code: 'invalid-role', fieldErrors: [{ field: 'rule.shadowSessions', message: expect.stringContaining('name at least one course') }] });
    });

    it('lets a session leader on probation as a moderator confirm no one; an admin may', async () => {
      const { room, facilitator: mentor, tag } = await roomWithFacilitator('moderator', { probation: { sessions: 1, maxMinutes: 10 } });
      const leaderRole = await world.newRole(admin, {}, { effects: { bundle: 'session_leader', roomIds: [], roomTags: [tag], probation: null } });
      await world.grants.grantByHand(admin, mentor.id, leaderRole, 'Leads, new to moderating');
      const helper = await world.newUser();
      const session = await sessions.create(mentor, room.id, { topic: 'Together', startNow: true });
      // On probation as a moderator, they still invite a co-host as the session's leader.
      await sessions.coHost(mentor, session.id, helper.id);
      await sessions.entered(helper.id, 'helper-tab', room.id);
      ctx.clock.advance({ minutes: 20 });
      await sessions.stillHere(['helper-tab']);
      await sessions.end(mentor, session.id);
      expect(await codeOf(sessions.confirmCoHost(mentor, session.id))).toBe('not-allowed');
      expect((await sessions.confirmCoHost(admin, session.id)).coHostConfirmed).toBe(true);
    });
  });

  describe('who sees a record, and who decides', () => {
    it('shows a room’s moderator only the steps taken in rooms they moderate, without appeals’ words or who acted against themselves', async () => {
      const { room: open, facilitator: moderatorOfOpen } = await roomWithFacilitator('moderator');
      const { room: locked } = await roomWithFacilitator('moderator', { lockedToRole: true });
      const sam = await world.newUser();
      await messages.send(sam, locked.id, 'Said behind the lock').catch(() => undefined);
      const far = await moderation.warn(admin, locked.id, { userId: sam.id, reasonCode: 'other', reason: 'Private to the locked room' });
      const near = await moderation.warn(moderatorOfOpen, open.id, { userId: sam.id, reasonCode: 'spam' });
      await appeals.appeal(sam, near.sanctionId, 'It was an answer, not an advert.');

      const seen = await moderation.history(moderatorOfOpen, open.id, sam.id);
      expect(seen.sanctions.map((sanction) => sanction.id)).toEqual([near.sanctionId]);
      expect(seen.sanctions[0].appeal).toMatchObject({ status: 'pending', body: '', decisionNote: null });
      // The ladder counts every step, wherever it was taken.
      expect(seen.nextStep).toBe('mute');
      expect((await moderation.history(admin, open.id, sam.id)).sanctions.map((sanction) => sanction.id).sort()).toEqual([near.sanctionId, far.sanctionId].sort());
      // The person reads their own record, with their appeal, but not which moderator it was.
      const [mine] = (await appeals.mine(sam)).filter((sanction) => sanction.id === near.sanctionId);
      expect(mine).toMatchObject({ actor: null, appeal: { body: 'It was an answer, not an advert.' } });
      // Someone who moderates neither room reads neither.
      expect(await codeOf(appeals.one(moderatorOfOpen, far.sanctionId))).toBe('sanction-not-found');
    });

    it('keeps a facilitator’s record for admins', async () => {
      const { room, facilitator, roleKey } = await roomWithFacilitator('moderator');
      const peer = await world.newUser();
      await world.grants.grantByHand(admin, peer.id, roleKey, 'A second moderator');
      expect(await codeOf(moderation.history(facilitator, room.id, peer.id))).toBe('not-allowed');
      expect(await moderation.history(admin, room.id, peer.id)).toMatchObject({ facilitator: true });
    });

    it('lets another admin decide an appeal against an admin’s own step', async () => {
      const { room } = await roomWithFacilitator('moderator');
      const [ada, second] = [await world.newUser(), await world.newAdmin()];
      const { sanctionId } = await moderation.warn(admin, room.id, { userId: ada.id, reasonCode: 'spam' });
      const appealed = await appeals.appeal(ada, sanctionId, 'Not spam');
      expect(await codeOf(appeals.decide(admin, appealed.appeal!.id, 'confirmed', 'I stand by it'))).toBe('not-allowed');
      expect((await appeals.decide(second, appealed.appeal!.id, 'confirmed', 'It stands')).appeal.status).toBe('confirmed');
    });

    it('lifts on appeal only the suspension the step made, not a later one', async () => {
      const { room, facilitator, roleKey } = await roomWithFacilitator('moderator');
      const { sanctionId } = await moderation.suspendRole(admin, room.id, { userId: facilitator.id, roleKey, days: 1, reasonCode: 'harassment' });
      const appealed = await appeals.appeal(facilitator, sanctionId, 'It was a misunderstanding.');
      // Its day runs out; later, another admin suspends the role for something serious.
      ctx.clock.advance({ days: 2 });
      await world.sweep.run();
      expect((await grantOf(facilitator, roleKey)).status).toBe('active');
      await world.grants.suspend(admin, (await grantOf(facilitator, roleKey)).id, 'A serious complaint is being looked at');
      const second = await world.newAdmin();
      await appeals.decide(second, appealed.appeal!.id, 'overturned', 'The first step was wrong.');
      expect(await grantOf(facilitator, roleKey)).toMatchObject({ status: 'suspended', suspension: { reason: 'A serious complaint is being looked at' } });
    });

    it('refuses a step answering a report that was dealt with already', async () => {
      const { room, facilitator, roleKey } = await roomWithFacilitator('moderator');
      const other = await world.newUser();
      await world.grants.grantByHand(admin, other.id, roleKey, 'A second moderator');
      const [ada, ben] = [await world.newUser(), await world.newUser()];
      const message = await messages.send(ada, room.id, 'Buy now');
      const report = await reports.report(ben, message.id, { reasonCode: 'spam' });
      await moderation.warn(other, room.id, { userId: ada.id, reasonCode: 'spam', reportId: report.id });
      expect(await codeOf(moderation.mute(facilitator, room.id, { userId: ada.id, minutes: 10, reasonCode: 'spam', reportId: report.id }))).toBe('report-resolved');
      expect((await appeals.mine(ada)).map((sanction) => sanction.kind)).toEqual(['warning']);
    });
  });

  describe('the chat’s read model follows the other contexts, in their transactions', () => {
    const rollback = new Error('rolled back on purpose');
    const rolledBack = (work: () => Promise<void>) =>
      ctx.db.transaction(async () => {
        await work();
        throw rollback;
      }).catch((error: unknown) => {
        if (error !== rollback) throw error;
      });

    it('takes a revoked role’s powers and its locked room at once, and keeps them if the revocation rolls back', async () => {
      const { room, facilitator, roleKey } = await roomWithFacilitator('moderator', { lockedToRole: true });
      const grant = await grantOf(facilitator, roleKey);
      await rolledBack(async () => {
        await world.grants.revoke(admin, grant.id, 'Changed our minds');
        expect((await rooms.get(facilitator, room.id)).canEnter).toBe(false);
      });
      expect((await rooms.get(facilitator, room.id)).powers).toEqual(['moderate', 'post']);
      await world.grants.revoke(admin, grant.id, 'Stepping back');
      expect((await rooms.get(facilitator, room.id)).canEnter).toBe(false);
      expect(await codeOf(moderation.history(facilitator, room.id, admin.id))).toBe('room-closed');
    });

    it('closes a room locked to a badge when the badge is revoked, in the revocation’s transaction', async () => {
      const d = await world.newDiscussion();
      const trainee = await world.trainee(d);
      const room = await rooms.create(admin, { name: 'Graduates', topic: '', lock: { badges: [d.course.id] } });
      expect((await rooms.get(trainee, room.id)).canEnter).toBe(false);
      await world.complete(trainee, d);
      expect((await rooms.get(trainee, room.id)).canEnter).toBe(true);
      const [badge] = await world.badges.of(trainee.id);
      await rolledBack(async () => {
        await world.badges.revoke(admin, badge.assertionId, 'Awarded by mistake');
        expect((await rooms.get(trainee, room.id)).canEnter).toBe(false);
      });
      expect((await rooms.get(trainee, room.id)).canEnter).toBe(true);
      await world.badges.revoke(admin, badge.assertionId, 'Awarded by mistake');
      expect((await rooms.get(trainee, room.id)).canEnter).toBe(false);
    });

    it('gives and takes an admin’s powers with their platform roles, in the change’s transaction', async () => {
      const { room } = await roomWithFacilitator('moderator', { lockedToRole: true });
      const person = await world.newUser();
      const users = ctx.get(UsersService);
      await rolledBack(async () => {
        await users.setPlatformRoles(admin, person.id, ['admin']);
        expect((await rooms.get(person, room.id)).canEnter).toBe(true);
      });
      expect((await rooms.get(person, room.id)).canEnter).toBe(false);
      await users.setPlatformRoles(admin, person.id, ['admin']);
      expect(await rooms.get(person, room.id)).toMatchObject({ canEnter: true, powers: ['host', 'lead', 'moderate', 'post'], probation: null });
      await users.setPlatformRoles(admin, person.id, []);
      expect((await rooms.get(person, room.id)).canEnter).toBe(false);
    });
  });
});
