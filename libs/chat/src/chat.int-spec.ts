import { AuditModule, AuditService } from '@hearth/audit';
import type { ChatMentioned, SessionAttended, SessionEnded } from '@hearth/contracts';
import { CredentialsWorld } from '@hearth/credentials/testing';
import type { AuthUser } from '@hearth/identity';
import { DomainEvents, OutboxWorker } from '@hearth/platform';
import { createIntegrationContext, type IntegrationContext, statementsOf } from '@hearth/platform/testing';
import { ProgressService } from '@hearth/progress';
import { ChatModerationService } from './chat-moderation.service';
import { ChatModule } from './chat.module';
import { MessagesService } from './messages.service';
import { RoomsService } from './rooms.service';
import { SessionsService } from './sessions.service';

describe('chat (PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let world: CredentialsWorld;
  let admin: AuthUser;
  let rooms: RoomsService;
  let messages: MessagesService;
  let moderation: ChatModerationService;
  let sessions: SessionsService;
  const attended: SessionAttended[] = [];
  const mentioned: ChatMentioned[] = [];
  const endings: SessionEnded[] = [];

  beforeAll(async () => {
    ctx = await createIntegrationContext([ChatModule, AuditModule]);
    world = new CredentialsWorld(ctx);
    admin = await world.newAdmin();
    [rooms, messages, moderation, sessions] = [ctx.get(RoomsService), ctx.get(MessagesService), ctx.get(ChatModerationService), ctx.get(SessionsService)];
    ctx.get(DomainEvents).on('session.attended', async (event) => void attended.push(event));
    ctx.get(DomainEvents).on('chat.mentioned', async (event) => void mentioned.push(event));
    ctx.get(DomainEvents).on('session.ended', async (event) => void endings.push(event));
  });
  afterAll(() => ctx.close());

  const codeOf = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: { code?: string }) => error.code ?? String(error));
  let tagSequence = 0;
  /** A room with a tag of its own, and a person holding a role with `bundle` powers in rooms with that tag. */
  async function roomWithFacilitator(
    bundle: 'moderator' | 'session_leader' | 'on_spot_host',
    options: { readOnly?: boolean; lockedToRole?: boolean; alsoTagged?: string[]; probation?: { sessions: number; maxMinutes: number } } = {},
  ) {
    tagSequence += 1;
    const tag = `room-${tagSequence}-${process.pid}`;
    const roleKey = await world.newRole(admin, {}, { effects: { bundle, roomIds: [], roomTags: [tag], probation: options.probation ?? null } });
    const room = await rooms.create(admin, {
      name: `Room ${tagSequence}`,
      topic: 'Talk',
      tags: [tag, ...(options.alsoTagged ?? [])],
      readOnly: options.readOnly,
      lock: options.lockedToRole ? { roles: [roleKey] } : null,
    });
    const facilitator = await world.newUser();
    await world.grants.grantByHand(admin, facilitator.id, roleKey, 'For the test');
    return { room, roleKey, facilitator, tag };
  }

  describe('who may do what', () => {
    it('gives a role’s powers in the rooms its tags cover, and nowhere else', async () => {
      const { room, facilitator } = await roomWithFacilitator('moderator');
      const other = await rooms.create(admin, { name: 'Elsewhere', topic: 'Other', tags: ['elsewhere'] });
      const member = await world.newUser();
      expect((await rooms.get(facilitator, room.id)).powers.sort()).toEqual(['moderate', 'post']);
      expect((await rooms.get(facilitator, other.id)).powers).toEqual(['post']);
      expect((await rooms.get(member, room.id)).powers).toEqual(['post']);
      expect((await rooms.get(admin, other.id)).powers.sort()).toEqual(['host', 'lead', 'moderate', 'post']);
    });

    it('keeps a locked room shut to those who hold none of its keys, and says what would open it', async () => {
      const { room, facilitator, roleKey } = await roomWithFacilitator('moderator', { lockedToRole: true });
      const member = await world.newUser();
      const seen = (await rooms.list(member)).find((r) => r.id === room.id)!;
      expect(seen).toMatchObject({ locked: true, canEnter: false, powers: [] });
      expect(seen.unmet).toEqual([{ kind: 'role', detail: expect.stringContaining('Hold the role'), link: `/roles#${roleKey}` }]);
      expect(await codeOf(messages.send(member, room.id, 'hello'))).toBe('room-closed');
      expect(await codeOf(messages.history(member, room.id, {}))).toBe('room-closed');
      expect((await rooms.get(facilitator, room.id)).canEnter).toBe(true);
    });

    it('lets only facilitators post in a read-only room', async () => {
      const { room, facilitator } = await roomWithFacilitator('session_leader', { readOnly: true });
      const member = await world.newUser();
      expect(await codeOf(messages.send(member, room.id, 'May I?'))).toBe('room-read-only');
      expect((await messages.send(facilitator, room.id, 'Welcome, all.')).body).toBe('Welcome, all.');
    });

    it('refuses rooms and their administration to non-admins', async () => {
      const member = await world.newUser();
      expect(await codeOf(rooms.create(member, { name: 'Mine', topic: '' }))).toBe('forbidden');
      expect(await codeOf(rooms.create(admin, { name: 'Bad', topic: '', lock: { roles: ['no_such_role'] } }))).toBe('validation');
    });
  });

  describe('messages', () => {
    it('posts once per client id, renders links and mentions, and pages history newest first', async () => {
      const room = await rooms.create(admin, { name: 'Lounge', topic: 'Anything' });
      const [ada, ben] = [await world.newUser(), await world.newUser()];
      const clientId = crypto.randomUUID();
      const first = await messages.send(ada, room.id, `Hi @${ben.username}, see https://example.org`, clientId);
      expect(first.bodyHtml).toContain(`href="/people/${ben.username}"`);
      expect(first.bodyHtml).toContain('href="https://example.org"');
      expect((await messages.send(ada, room.id, 'a different text, same id', clientId)).id).toBe(first.id);
      for (let i = 0; i < 3; i++) await messages.send(ben, room.id, `message ${i}`);
      const page = await messages.history(ben, room.id, { limit: 2 });
      expect(page.items.map((m) => m.body)).toEqual(['message 2', 'message 1']);
      const rest = await messages.history(ben, room.id, { limit: 2, cursor: page.nextCursor! });
      expect(rest.items.map((m) => m.body)).toEqual(['message 0', first.body]);
      expect(rest.nextCursor).toBeNull();
      // What a reconnecting client missed, oldest first.
      const joined = await messages.join(ben, room.id, first.seq);
      expect(joined.messages.map((m) => m.body)).toEqual(['message 0', 'message 1', 'message 2']);
    });

    it('tells the people a message mentions who may read the room, once, and never its author', async () => {
      const { room, facilitator } = await roomWithFacilitator('moderator', { lockedToRole: true });
      const outsider = await world.newUser();
      await ctx.get(OutboxWorker).drain();
      const before = mentioned.length;
      const clientId = crypto.randomUUID();
      const sent = await messages.send(facilitator, room.id, `@${admin.username} and @${outsider.username}, and me: @${facilitator.username}`, clientId);
      // The same message again (a resend after a reconnect) tells no one twice.
      await messages.send(facilitator, room.id, `@${admin.username} again`, clientId);
      await messages.send(facilitator, room.id, 'No one named here');
      // They are told once the message has committed, from the outbox.
      await ctx.get(OutboxWorker).drain();
      expect(mentioned.slice(before)).toEqual([{ messageId: sent.id, roomId: room.id, roomName: room.name, authorId: facilitator.id, mentionedUserIds: [admin.id] }]);

      // Naming half the room tells the first ten named, in the order named.
      const lounge = await rooms.create(admin, { name: 'Crowded', topic: '' });
      const crowd = [];
      for (let i = 0; i < 12; i++) crowd.push(await world.newUser());
      const roll = await messages.send(facilitator, lounge.id, crowd.map((person) => `@${person.username}`).reverse().join(' '));
      await ctx.get(OutboxWorker).drain();
      expect(mentioned.at(-1)).toMatchObject({ messageId: roll.id, mentionedUserIds: crowd.map((person) => person.id).reverse().slice(0, 10) });
    });

    it('decides and sends a plain message in two statements, and one naming two people in three, from the chat’s own tables', async () => {
      const room = await rooms.create(admin, { name: 'Counted', topic: '' });
      const [ada, ben, cy] = [await world.newUser(), await world.newUser(), await world.newUser()];
      await messages.send(ada, room.id, 'warming up');
      const plain = await statementsOf(() => messages.send(ada, room.id, 'Hello, all'));
      expect(plain).toHaveLength(2);
      expect(plain.join('\n')).not.toMatch(/\b(role_grant|badge_assertion|"user"|facilitator_role|course|enrollment)\b/);
      const mentions = await statementsOf(() => messages.send(ada, room.id, `@${ben.username} and @${cy.username}, welcome`));
      expect(mentions).toHaveLength(3);
      expect(mentions.join('\n')).not.toMatch(/\b(role_grant|badge_assertion|"user"|facilitator_role|course|enrollment)\b/);
      // A resend with the same client id costs no more, and posts nothing.
      const clientId = crypto.randomUUID();
      const first = await messages.send(ada, room.id, 'Once', clientId);
      const resend = await statementsOf(async () => expect((await messages.send(ada, room.id, 'Once', clientId)).id).toBe(first.id));
      expect(resend).toHaveLength(2);
    });

    it('asks a fast sender to wait, without losing anything already sent', async () => {
      const room = await rooms.create(admin, { name: 'Busy', topic: '' });
      const ada = await world.newUser();
      const outcomes = await Promise.all(Array.from({ length: 7 }, (_, i) => messages.send(ada, room.id, `quick ${i}`).then(() => 'sent', (e: { code: string; retryAfterSeconds?: number }) => `${e.code}:${e.retryAfterSeconds! > 0}`)));
      expect(outcomes.filter((o) => o === 'sent')).toHaveLength(5);
      expect(outcomes.filter((o) => o === 'rate-limited:true')).toHaveLength(2);
    });

    it('lets a moderator remove a message, mute, take out for a while, slow down and lock the room', async () => {
      const { room, facilitator } = await roomWithFacilitator('moderator');
      const [ada, ben] = [await world.newUser(), await world.newUser()];
      const rude = await messages.send(ada, room.id, 'Something unkind');
      expect(await codeOf(moderation.removeMessage(ben, rude.id, { reasonCode: 'harassment' }))).toBe('not-allowed');
      expect(await codeOf(moderation.removeMessage(facilitator, rude.id, {}))).toBe('validation');
      expect(await codeOf(moderation.removeMessage(facilitator, rude.id, { reasonCode: 'other' }))).toBe('validation');
      await moderation.removeMessage(facilitator, rude.id, { reasonCode: 'harassment' });
      expect((await messages.history(ben, room.id, {})).items.find((m) => m.id === rude.id)).toMatchObject({ removed: true, body: '' });

      expect(await codeOf(moderation.mute(ben, room.id, { userId: ada.id, minutes: 10, reasonCode: 'harassment' }))).toBe('not-allowed');
      await moderation.mute(facilitator, room.id, { userId: ada.id, minutes: 10, reasonCode: 'harassment', reason: 'Cool down' });
      expect(await codeOf(messages.send(ada, room.id, 'But…'))).toBe('muted');
      ctx.clock.advance({ minutes: 10, seconds: 1 });
      expect((await messages.send(ada, room.id, 'Sorry, all.')).body).toBe('Sorry, all.');

      await moderation.slowMode(facilitator, room.id, 60);
      await messages.send(ben, room.id, 'one');
      expect(await codeOf(messages.send(ben, room.id, 'two'))).toBe('slow-mode');
      await moderation.slowMode(facilitator, room.id, 0);

      await moderation.freeze(facilitator, room.id, true);
      expect(await codeOf(messages.send(ben, room.id, 'hello?'))).toBe('room-frozen');
      expect((await messages.send(facilitator, room.id, 'We pause here.')).body).toBe('We pause here.');
      await moderation.freeze(facilitator, room.id, false);

      await moderation.ban(facilitator, room.id, { userId: ada.id, minutes: 60, reasonCode: 'other', reason: 'Took a break' });
      expect(await codeOf(messages.send(ada, room.id, 'back'))).toBe('room-closed');
      expect((await rooms.list(ada)).find((r) => r.id === room.id)).toMatchObject({ canEnter: false });

      const lines = (await messages.history(ben, room.id, { limit: 50 })).items.filter((m) => m.kind === 'system').map((m) => m.body);
      expect(lines).toEqual(expect.arrayContaining([expect.stringContaining('is muted for 10 minutes'), 'The room is locked for now: only facilitators post.', expect.stringContaining('is out of the room for 1 hour')]));
      const audit = await ctx.get(AuditService).list(admin, { subject: room.id });
      expect(audit.items.map((e) => e.kind)).toEqual(expect.arrayContaining(['chat.remove', 'chat.mute', 'chat.slow_mode', 'chat.freeze', 'chat.unfreeze', 'chat.ban']));
      expect(await codeOf(moderation.mute(facilitator, room.id, { userId: ada.id, minutes: 2, reasonCode: 'spam' }))).toBe('validation');
    });

    it('keeps moderators from muting or removing the room’s facilitators and admins; admins may', async () => {
      const { room, facilitator, roleKey } = await roomWithFacilitator('moderator');
      const peer = await world.newUser();
      await world.grants.grantByHand(admin, peer.id, roleKey, 'A second moderator');
      const step = (userId: string, minutes: number) => ({ userId, minutes, reasonCode: 'harassment' as const });
      expect(await codeOf(moderation.mute(facilitator, room.id, step(peer.id, 10)))).toBe('not-allowed');
      expect(await codeOf(moderation.ban(facilitator, room.id, step(admin.id, 60)))).toBe('not-allowed');
      expect(await codeOf(moderation.mute(facilitator, room.id, step(facilitator.id, 10)))).toBe('not-allowed');
      expect((await moderation.mute(admin, room.id, { ...step(peer.id, 10), reason: 'Admins may' })).until).toBeTruthy();
    });

    it('answers a null field in a room change with a validation problem, not a fault', async () => {
      const room = await rooms.create(admin, { name: 'Nulls', topic: 'x' });
      expect(await codeOf(rooms.update(admin, room.id, { name: null as unknown as string }))).toBe('validation');
      expect((await rooms.update(admin, room.id, { lock: null })).locked).toBe(false);
    });
  });

  describe('live sessions and attendance', () => {
    it('lists the sessions coming up in the rooms I may enter in the same statements however many there are', async () => {
      const { room, facilitator } = await roomWithFacilitator('session_leader');
      const member = await world.newUser();
      const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
      await sessions.create(facilitator, room.id, { topic: 'First', startsAt: later(1) });
      const one = await statementsOf(() => sessions.upcomingForMe(member));
      for (const day of [2, 3, 4]) await sessions.create(facilitator, room.id, { topic: `Day ${day}`, startsAt: later(day) });
      const upcoming = await sessions.upcomingForMe(member);
      expect(upcoming.filter((s) => s.roomId === room.id).map((s) => [s.topic, s.leader?.id, s.roomName])).toEqual([
        ['First', facilitator.id, room.name],
        ['Day 2', facilitator.id, room.name],
        ['Day 3', facilitator.id, room.name],
        ['Day 4', facilitator.id, room.name],
      ]);
      expect(await statementsOf(() => sessions.upcomingForMe(member))).toHaveLength(one.length);
    });

    it('counts each person’s time in the room while the session runs, two tabs once, for their course', async () => {
      const { room, facilitator } = await roomWithFacilitator('session_leader', { alsoTagged: ['support-session'] });
      const d = await world.newDiscussion();
      await world.courses.setRequirements(d.author, d.course.id, [{ kind: 'sessions_attended', sessionKind: 'support-session', atLeast: 1, minutes: 30 }]);
      await world.publishing.publish(d.author, d.course.id, 'Practice counts');
      const trainee = await world.trainee(d);
      const [early, late] = [await world.newUser(), await world.newUser()];

      const member = await world.newUser();
      expect(await codeOf(sessions.create(member, room.id, { topic: 'Not mine' }))).toBe('not-allowed');
      const session = await sessions.create(facilitator, room.id, { topic: 'Evening check-in', kind: 'support-session' });
      expect(await codeOf(sessions.start(member, session.id))).toBe('not-allowed');
      await sessions.start(facilitator, session.id);
      expect(await codeOf(sessions.create(facilitator, room.id, { topic: 'Another', startNow: true }))).toBe('session-running');

      // Time passes: the trainee's two tabs overlap; one person leaves early; one arrives late; the leader is there throughout.
      await sessions.entered(facilitator.id, 'tab-lead', room.id);
      ctx.clock.advance({ minutes: 5 });
      await sessions.entered(trainee.id, 'tab-1', room.id);
      await sessions.entered(early.id, 'tab-3', room.id);
      ctx.clock.advance({ minutes: 5 });
      await sessions.entered(trainee.id, 'tab-2', room.id);
      ctx.clock.advance({ minutes: 10 });
      await sessions.left('tab-3', room.id);
      ctx.clock.advance({ minutes: 20 });
      await sessions.entered(late.id, 'tab-4', room.id);
      ctx.clock.advance({ minutes: 10 });
      // Their instance has vouched for the connections still there all along.
      await sessions.stillHere(['tab-lead', 'tab-1', 'tab-2', 'tab-4']);
      const before = attended.length;
      const ended = await sessions.end(facilitator, session.id);
      expect(ended.endedAt).not.toBeNull();
      // Its leader's minutes are hosting, which roles' activity rules count.
      expect(endings.find((e) => e.sessionId === session.id)).toMatchObject({ hosts: [{ userId: facilitator.id, minutes: 50 }], attendees: 4 });

      const counted = new Map(attended.slice(before).map((event) => [event.userId, event.minutes]));
      expect(counted.get(trainee.id)).toBe(45);
      expect(counted.get(early.id)).toBe(15);
      expect(counted.get(late.id)).toBe(10);
      expect(attended.slice(before)[0]).toMatchObject({ kind: 'support-session', title: `Evening check-in — ${room.name}` });
      expect(await ctx.get(ProgressService).courseProgress(trainee.id, d.course.id)).toMatchObject({ completed: true });
      expect((await ctx.get(ProgressService).attendance(trainee.id))[0]).toMatchObject({ minutes: 45, kind: 'support-session' });
      expect(await codeOf(sessions.end(facilitator, session.id))).toBe('session-not-running');
    });

    it('counts a connection nobody vouches for any more (its instance crashed) only until it was last seen', async () => {
      const { room, facilitator } = await roomWithFacilitator('session_leader');
      const [steady, between, lost] = [await world.newUser(), await world.newUser(), await world.newUser()];
      const session = await sessions.create(facilitator, room.id, { topic: 'Late circle', startNow: true });
      await sessions.entered(steady.id, 'steady-tab', room.id);
      await sessions.entered(between.id, 'between-beats-tab', room.id);
      await sessions.entered(lost.id, 'lost-tab', room.id);
      // The other instance crashes 15 minutes in (its connections last vouched for then); one instance last vouches a minute before the end (a beat is due).
      ctx.clock.advance({ minutes: 15 });
      await sessions.stillHere(['steady-tab', 'between-beats-tab', 'lost-tab']);
      ctx.clock.advance({ minutes: 24 });
      await sessions.stillHere(['steady-tab', 'between-beats-tab']);
      ctx.clock.advance({ minutes: 1 });
      await sessions.stillHere(['steady-tab']);
      const before = attended.length;
      await sessions.end(facilitator, session.id);

      const counted = new Map(attended.slice(before).map((event) => [event.userId, event.minutes]));
      expect(counted.get(steady.id)).toBe(40);
      expect(counted.get(between.id)).toBe(40);
      expect(counted.get(lost.id)).toBe(15);
    });

    it('lets an on-spot host start one on the spot and welcome a newcomer; a co-host leads with the leader', async () => {
      const { room, facilitator: host } = await roomWithFacilitator('on_spot_host');
      const [newcomer, helper] = [await world.newUser(), await world.newUser()];
      expect(await codeOf(sessions.create(host, room.id, { topic: 'Later', startsAt: '2030-01-01T18:00:00Z' }))).toBe('not-allowed');
      // A host's session starts now, without being asked to.
      const session = await sessions.create(host, room.id, { topic: 'Right now' });
      expect(session.startedAt).not.toBeNull();
      // A room with a running session is not archived from under it.
      expect(await codeOf(rooms.archive(admin, room.id, true))).toBe('session-running');
      await moderation.welcome(host, room.id, newcomer.id);
      const pinned = await messages.send(host, room.id, 'Ground rules: be kind, take turns.');
      expect((await sessions.pin(host, session.id, pinned.id)).pinned?.id).toBe(pinned.id);
      expect(await codeOf(sessions.coHost(host, session.id, helper.id))).toBe('not-allowed');
      await sessions.end(host, session.id);

      const { room: led, facilitator: leader } = await roomWithFacilitator('session_leader');
      const next = await sessions.create(leader, led.id, { topic: 'With a co-host', startNow: true });
      const otherLeader = await world.newUser();
      await world.grants.grantByHand(admin, otherLeader.id, (await world.roles.list()).find((r) => r.effects.roomTags.some((t) => led.tags.includes(t)))!.key, 'Another leader');
      expect(await codeOf(sessions.coHost(otherLeader, next.id, helper.id))).toBe('not-allowed');
      await sessions.coHost(leader, next.id, helper.id);
      // A co-host pins and ends this session; they do not become a session leader.
      expect((await rooms.get(helper, led.id)).powers).toEqual(['post']);
      expect(await codeOf(sessions.create(helper, led.id, { topic: 'Mine now', startsAt: '2030-01-01T18:00:00Z' }))).toBe('not-allowed');
      expect(await codeOf(sessions.coHost(helper, next.id, newcomer.id))).toBe('not-allowed');
      const note = await messages.send(helper, led.id, 'Take your time.');
      expect((await sessions.pin(helper, next.id, note.id)).pinned?.id).toBe(note.id);
      await sessions.end(helper, next.id);
      const lines = (await messages.history(newcomer, room.id, {})).items.map((m) => m.body);
      expect(lines).toEqual(expect.arrayContaining([expect.stringContaining(`welcomes ${'User'}`)]));
    });
  });
});
