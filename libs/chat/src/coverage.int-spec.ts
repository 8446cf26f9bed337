import { type ChatRoom, isoWeekOf, type NotificationView, weekStart } from '@hearth/contracts';
import { CredentialsWorld } from '@hearth/credentials/testing';
import { DiscussionsModule } from '@hearth/discussions';
import type { AuthUser } from '@hearth/identity';
import { NotificationsModule, NotificationsService } from '@hearth/notifications';
import { createIntegrationContext, type IntegrationContext, statementsOf } from '@hearth/platform/testing';
import { ChatBroadcast, type ChatNamespace } from './chat-broadcast';
import { ChatModule } from './chat.module';
import { ChatPersonalData } from './chat.personal-data';
import { CoverageService } from './coverage.service';
import { MessagesService } from './messages.service';
import { RoomsService } from './rooms.service';
import { SessionsService } from './sessions.service';

const HOUR_MS = 3_600_000;

/**
 * Stands in for Socket.IO's namespace (no server runs here): who is connected, and in which
 * rooms, as ChatBroadcast asks it. Everything else is the real chat on PostgreSQL.
 */
class Connections {
  private readonly sockets: Array<{ id: string; data: { userId: string }; rooms: Set<string> }> = [];

  connect(person: AuthUser, roomId?: string): void {
    this.sockets.push({ id: `socket-${this.sockets.length}`, data: { userId: person.id }, rooms: new Set([`user:${person.id}`, ...(roomId ? [`room:${roomId}`] : [])]) });
  }

  to() {
    return { emit: () => true };
  }

  in(channels: string | string[]) {
    const wanted = [channels].flat();
    return {
      fetchSockets: async () => this.sockets.filter((socket) => wanted.some((channel) => socket.rooms.has(channel))),
      socketsLeave: () => undefined,
      disconnectSockets: () => undefined,
    };
  }
}

describe('coverage (PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let world: CredentialsWorld;
  let admin: AuthUser;
  let rooms: RoomsService;
  let coverage: CoverageService;
  let notifications: NotificationsService;
  let connections: Connections;

  beforeAll(async () => {
    ctx = await createIntegrationContext([ChatModule, DiscussionsModule, NotificationsModule]);
    world = new CredentialsWorld(ctx);
    admin = await world.newAdmin();
    [rooms, coverage, notifications] = [ctx.get(RoomsService), ctx.get(CoverageService), ctx.get(NotificationsService)];
    connections = new Connections();
    ctx.get(ChatBroadcast).attach(connections as unknown as ChatNamespace);
  });
  afterAll(() => ctx.close());

  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'resolved',
      (error: { code?: string; fieldErrors?: Array<{ field: string }> }) => (error.code === 'validation' ? `validation:${error.fieldErrors!.map((f) => f.field).join(',')}` : (error.code ?? String(error))),
    );
  const noticesOf = async (person: AuthUser, kind: NotificationView['kind']) => (await notifications.list(person, { limit: 100 })).items.filter((n) => n.kind === kind);
  /** A week well ahead, so that nothing running now reaches into it. */
  const week = isoWeekOf(new Date(Date.now() + 21 * 24 * HOUR_MS));
  const monday = weekStart(week)!;
  const at = (day: number, hour: number, minute = 0) => new Date(monday.getTime() + (day * 24 + hour) * HOUR_MS + minute * 60_000).toISOString();

  let sequence = 0;
  /** A room with a tag of its own, and a role with `bundle` powers in rooms with that tag, held by `holders` new people. */
  async function roomWith(bundle: 'moderator' | 'session_leader' | 'on_spot_host', holders = 1): Promise<{ room: ChatRoom; people: AuthUser[] }> {
    sequence += 1;
    const tag = `coverage-${sequence}-${process.pid}`;
    const roleKey = await world.newRole(admin, {}, { effects: { bundle, roomIds: [], roomTags: [tag], probation: null } });
    const room = await rooms.create(admin, { name: `Coverage room ${sequence}`, topic: 'Talk', tags: [tag] });
    const people: AuthUser[] = [];
    for (let i = 0; i < holders; i++) {
      const person = await world.newUser();
      await world.grants.grantByHand(admin, person.id, roleKey, 'For the test');
      people.push(person);
    }
    return { room, people };
  }

  describe('the week', () => {
    it('marks each hour covered only when shifts and sessions fill all of it, in one statement for the whole week', async () => {
      const { room, people } = await roomWith('moderator');
      const { room: leaderRoom, people: leaders } = await roomWith('session_leader');
      const bare = await rooms.create(admin, { name: 'Coverage room nobody covers', topic: 'Talk' });
      const [moderator] = people;
      await coverage.createShift(admin, room.id, { userId: moderator.id, startsAt: at(0, 9), endsAt: at(0, 17) });
      // Half of 17:00–18:00 is not the hour.
      await coverage.createShift(moderator, room.id, { startsAt: at(0, 17, 30), endsAt: at(0, 18) });
      // Two shifts meeting end to start cover the night across midnight.
      await coverage.createShift(moderator, room.id, { startsAt: at(2, 22), endsAt: at(3, 0) });
      await coverage.createShift(moderator, room.id, { startsAt: at(3, 0), endsAt: at(3, 2) });
      // A scheduled session covers the hour from its start, by its leader.
      await ctx.get(SessionsService).create(leaders[0], leaderRoom.id, { topic: 'Evening circle', startsAt: at(1, 19) });

      let answer: Awaited<ReturnType<CoverageService['week']>> | undefined;
      const statements = await statementsOf(async () => (answer = await coverage.week(admin, week)));
      const mine = answer!;
      expect(mine).toMatchObject({ week, from: monday.toISOString(), to: new Date(monday.getTime() + 7 * 24 * HOUR_MS).toISOString() });
      const roomOf = (id: string) => mine.rooms.find((r) => r.room.id === id)!;
      const hoursOf = (id: string, day: number) => roomOf(id).days[day].covered.flatMap((covered, hour) => (covered ? [hour] : []));
      expect(roomOf(room.id).days.map((d) => d.date)).toEqual(Array.from({ length: 7 }, (_, d) => at(d, 0).slice(0, 10)));
      expect(hoursOf(room.id, 0)).toEqual([9, 10, 11, 12, 13, 14, 15, 16]);
      expect(hoursOf(room.id, 2)).toEqual([22, 23]);
      expect(hoursOf(room.id, 3)).toEqual([0, 1]);
      expect(roomOf(room.id).uncoveredHours).toBe(168 - 12);
      expect(hoursOf(leaderRoom.id, 1)).toEqual([19]);
      expect(roomOf(leaderRoom.id).uncoveredHours).toBe(167);
      expect(roomOf(bare.id)).toMatchObject({ uncoveredHours: 168 });
      expect(roomOf(bare.id).days.every((d) => d.covered.length === 24)).toBe(true);
      // The caller's standing, the rooms, and the week: never one per hour or per room.
      expect(statements).toHaveLength(3);
      expect(statements.filter((sql) => sql.includes('generate_series'))).toHaveLength(1);
    });

    it('shows admins every room, facilitators the rooms they facilitate, and nobody else anything', async () => {
      const { room, people } = await roomWith('on_spot_host');
      const other = await roomWith('moderator');
      const member = await world.newUser();
      expect((await coverage.week(people[0], week)).rooms.map((r) => r.room.id)).toEqual([room.id]);
      expect((await coverage.week(admin, week)).rooms.map((r) => r.room.id)).toEqual(expect.arrayContaining([room.id, other.room.id]));
      expect(await codeOf(coverage.week(member, week))).toBe('not-allowed');
      expect(await codeOf(coverage.shifts(member, { week }))).toBe('not-allowed');
      expect(await codeOf(coverage.shifts(people[0], { week, roomId: other.room.id }))).toBe('room-not-found');
      expect(await codeOf(coverage.week(admin, '2025-W53'))).toBe('validation:week');
    });
  });

  describe('shifts', () => {
    it('refuses a shift that ends before it starts, lasts over 12 hours, overlaps one’s own, or is someone’s who does not cover the room', async () => {
      const { room, people } = await roomWith('moderator', 2);
      const elsewhere = await roomWith('moderator');
      const [moderator, colleague] = people;
      const member = await world.newUser();
      expect(await codeOf(coverage.createShift(moderator, room.id, { startsAt: at(1, 10), endsAt: at(1, 9) }))).toBe('validation:endsAt');
      expect(await codeOf(coverage.createShift(moderator, room.id, { startsAt: at(1, 10), endsAt: at(1, 10) }))).toBe('validation:endsAt');
      expect(await codeOf(coverage.createShift(moderator, room.id, { startsAt: at(1, 8), endsAt: at(1, 20, 1) }))).toBe('shift-too-long');
      expect(await codeOf(coverage.createShift(member, room.id, { startsAt: at(1, 8), endsAt: at(1, 9) }))).toBe('not-covering');
      expect(await codeOf(coverage.createShift(admin, room.id, { userId: elsewhere.people[0].id, startsAt: at(1, 8), endsAt: at(1, 9) }))).toBe('not-covering');
      // Only admins put someone else on the rota.
      expect(await codeOf(coverage.createShift(moderator, room.id, { userId: colleague.id, startsAt: at(1, 8), endsAt: at(1, 9) }))).toBe('not-allowed');

      const first = await coverage.createShift(moderator, room.id, { startsAt: at(1, 8), endsAt: at(1, 20) });
      expect(first).toMatchObject({ room: { id: room.id }, person: { id: moderator.id }, createdBy: { id: moderator.id }, startsAt: at(1, 8), endsAt: at(1, 20) });
      expect(await codeOf(coverage.createShift(admin, room.id, { userId: moderator.id, startsAt: at(1, 19), endsAt: at(1, 21) }))).toBe('shift-overlaps');
      // Two of one person's shifts never overlap, in whichever rooms (an admin covers them all); another person's may.
      await coverage.createShift(admin, room.id, { startsAt: at(6, 8), endsAt: at(6, 10) });
      expect(await codeOf(coverage.createShift(admin, elsewhere.room.id, { startsAt: at(6, 9), endsAt: at(6, 11) }))).toBe('shift-overlaps');
      expect(await codeOf(coverage.createShift(colleague, room.id, { startsAt: at(1, 9), endsAt: at(1, 10) }))).toBe('resolved');
      expect(await codeOf(coverage.createShift(moderator, room.id, { startsAt: at(1, 20), endsAt: at(1, 22) }))).toBe('resolved');
      expect((await coverage.shifts(moderator, { week, roomId: room.id })).map((s) => [s.person.id, s.startsAt])).toEqual([
        [moderator.id, at(1, 8)],
        [colleague.id, at(1, 9)],
        [moderator.id, at(1, 20)],
        [admin.id, at(6, 8)],
      ]);
    });

    it('refuses two overlapping shifts of one person written at once', async () => {
      const { room, people } = await roomWith('moderator');
      const outcomes = await Promise.all([0, 1].map((i) => codeOf(coverage.createShift(people[0], room.id, { startsAt: at(4, 8 + i), endsAt: at(4, 12) }))));
      expect(outcomes.sort()).toEqual(['resolved', 'shift-overlaps']);
    });

    it('is taken off by its person or an admin, not by another facilitator; unknown to those who cannot see the rota', async () => {
      const { room, people } = await roomWith('moderator', 2);
      const [moderator, colleague] = people;
      const member = await world.newUser();
      const mine = await coverage.createShift(moderator, room.id, { startsAt: at(5, 8), endsAt: at(5, 9) });
      const theirs = await coverage.createShift(colleague, room.id, { startsAt: at(5, 8), endsAt: at(5, 9) });
      expect(await codeOf(coverage.removeShift(colleague, mine.id))).toBe('not-allowed');
      expect(await codeOf(coverage.removeShift(member, mine.id))).toBe('shift-not-found');
      expect(await codeOf(coverage.removeShift(moderator, mine.id))).toBe('resolved');
      expect(await codeOf(coverage.removeShift(admin, theirs.id))).toBe('resolved');
      expect(await codeOf(coverage.removeShift(admin, theirs.id))).toBe('shift-not-found');
      expect(await coverage.shifts(admin, { week, roomId: room.id })).toEqual([]);
    });
  });

  it('keeps a person’s shifts in their data, and forgets them with the person', async () => {
    const { room, people } = await roomWith('on_spot_host');
    const [host] = people;
    const member = await world.newUser();
    await coverage.createShift(host, room.id, { startsAt: at(6, 8), endsAt: at(6, 9) });
    connections.connect(member, room.id);
    connections.connect(host);
    await coverage.askForHost(member, room.id);
    const data = ctx.get(ChatPersonalData);
    expect((await data.export(host.id)).shifts).toEqual([{ room: room.name, startsAt: new Date(at(6, 8)), endsAt: new Date(at(6, 9)) }]);

    await data.erase(host.id);
    await data.erase(member.id);
    expect(await coverage.shifts(admin, { week, roomId: room.id })).toEqual([]);
    expect(await ctx.db.query('SELECT asked_by, host_ids FROM chat_host_call WHERE room_id = $1', [room.id])).toEqual([{ askedBy: null, hostIds: [] }]);
  });

  describe('asking for a host', () => {
    it('tells the on-spot hosts online who cover the room, once per room in 15 minutes, and the room hears it', async () => {
      const { room, people } = await roomWith('on_spot_host', 2);
      const [online, offline] = people;
      const elsewhere = await roomWith('on_spot_host');
      const member = await world.newUser();
      connections.connect(member, room.id);
      connections.connect(online, elsewhere.room.id);
      connections.connect(elsewhere.people[0]);

      const call = await coverage.askForHost(member, room.id);
      expect(call).toMatchObject({ roomId: room.id, hostsAsked: 1 });
      expect(new Date(call.nextAskAt).getTime() - new Date(call.askedAt).getTime()).toBe(15 * 60_000);
      const [notice] = await noticesOf(online, 'chat_host_wanted');
      expect(notice).toMatchObject({ link: `/chat/${room.id}`, actor: { id: member.id }, text: expect.stringContaining(room.name) });
      expect(await noticesOf(offline, 'chat_host_wanted')).toEqual([]);
      expect(await noticesOf(elsewhere.people[0], 'chat_host_wanted')).toEqual([]);
      const lines = (await ctx.get(MessagesService).history(member, room.id, { limit: 10 })).items.filter((m) => m.kind === 'system').map((m) => m.body);
      expect(lines).toEqual([expect.stringMatching(/asked for a host\. One on-spot host was told\./)]);

      // Asked again: refused, saying when the room may ask again.
      const again = await coverage.askForHost(member, room.id).catch((error: { code: string; message: string; retryAfterSeconds?: number }) => error);
      expect(again).toMatchObject({ code: 'rate-limited', message: expect.stringContaining('can ask again at') });
      expect((again as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(14 * 60);
      // Fifteen minutes on, the room may ask again.
      await ctx.db.query(`UPDATE chat_host_call SET asked_at = asked_at - interval '15 minutes' WHERE room_id = $1`, [room.id]);
      expect(await codeOf(coverage.askForHost(member, room.id))).toBe('resolved');
    });

    it('says why when nobody can be asked: a facilitator is here, nobody is, the caller is not, or no host is online', async () => {
      const { room, people } = await roomWith('on_spot_host');
      const moderated = await roomWith('moderator');
      const member = await world.newUser();
      // No host of this room is connected.
      connections.connect(member, room.id);
      expect(await codeOf(coverage.askForHost(member, room.id))).toBe('no-host-online');
      // A host in the room is its facilitator: nobody needs asking.
      connections.connect(people[0], room.id);
      expect(await codeOf(coverage.askForHost(member, room.id))).toBe('facilitator-present');
      expect((await rooms.people(member, room.id)).map((p) => [p.user.id, p.facilitator]).sort()).toEqual(
        [
          [member.id, false],
          [people[0].id, true],
        ].sort(),
      );
      // Only someone in the room asks, or a moderator of it; and an empty room needs nobody.
      const outsider = await world.newUser();
      expect(await codeOf(coverage.askForHost(outsider, moderated.room.id))).toBe('not-in-room');
      expect(await codeOf(coverage.askForHost(moderated.people[0], moderated.room.id))).toBe('room-empty');
    });
  });
});
