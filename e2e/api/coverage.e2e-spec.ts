import { type ChatMessage, type ChatRoom, type ChatShift, type CoverageWeek, type HostCall, type JoinedRoom, weekAfter, weekStart } from '@hearth/contracts';
import { type Registered, startTestApp, type TestApp } from '../support/app';
import { type ChatClient, connectChat } from '../support/chat';
import { expectStatus } from '../support/courses';
import { eventually, expectProblem } from '../support/http';

const HOUR_MS = 3_600_000;

describe('coverage over HTTP: the rota, the week and asking for a host', () => {
  let hearth: TestApp;
  let admin: Registered;
  let moderator: Registered;
  let host: Registered;
  let member: Registered;
  let lounge: ChatRoom;
  let week: string;
  const clients: ChatClient[] = [];

  beforeAll(async () => {
    // The outbox worker runs (woken by commits), as in production.
    hearth = await startTestApp({ HEARTH_WORKER_POLL_MS: '60000' });
    [admin, moderator, host, member] = [
      await hearth.admin(),
      await hearth.register({ displayName: 'Mona Moderator' }),
      await hearth.register({ displayName: 'Hana Host' }),
      await hearth.register({ displayName: 'Milo Member' }),
    ];
    // The demo roles: a moderator and an on-spot host both cover rooms tagged `general`.
    await expectStatus(hearth.http.post(api(`/admin/users/${moderator.user.id}/grants`), { roleKey: 'moderator', reason: 'Took the course' }, as(admin)), 201);
    await expectStatus(hearth.http.post(api(`/admin/users/${host.user.id}/grants`), { roleKey: 'on_spot_host', reason: 'Took the course' }, as(admin)), 201);
    lounge = await expectStatus(hearth.http.post(api('/chat/rooms'), { name: 'Lounge', topic: 'Anything goes', tags: ['general'] }, as(admin)), 201);
    // Next week: wholly ahead, whatever today is.
    week = weekAfter((await expectStatus(hearth.http.get(api('/chat/coverage'), as(admin)), 200)).week, 1);
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(() => hearth.close());

  const as = (person: Registered) => ({ token: person.accessToken });
  function api(path: string): string {
    return `/api/v1${path}`;
  }
  const at = (day: number, hour: number) => new Date(weekStart(week)!.getTime() + (day * 24 + hour) * HOUR_MS).toISOString();
  const connect = async (person: Registered) => {
    const client = await connectChat(hearth.baseUrl, person.accessToken);
    clients.push(client);
    return client;
  };
  const joined = async (client: ChatClient, roomId: string) => {
    const ack = await client.request<JoinedRoom>('room:join', { roomId });
    if (!ack.ok) throw new Error(`join refused: ${ack.code} ${ack.message}`);
  };
  const newRoom = (name: string): Promise<ChatRoom> => expectStatus(hearth.http.post(api('/chat/rooms'), { name, topic: 'Talk', tags: ['general'] }, as(admin)), 201);

  it('refuses every coverage route without an access token', async () => {
    const id = crypto.randomUUID();
    for (const response of [
      await hearth.http.get(api('/chat/coverage')),
      await hearth.http.get(api('/chat/shifts')),
      await hearth.http.post(api(`/chat/rooms/${id}/shifts`), { startsAt: at(0, 9), endsAt: at(0, 10) }),
      await hearth.http.delete(api(`/chat/shifts/${id}`)),
      await hearth.http.post(api(`/chat/rooms/${id}/host-calls`)),
    ]) {
      expectProblem(response, 401, 'unauthenticated');
    }
  });

  it('puts shifts on the rota and shows the week hour by hour, refusing what breaks its rules as problem+json', async () => {
    const shift: ChatShift = await expectStatus(hearth.http.post(api(`/chat/rooms/${lounge.id}/shifts`), { userId: moderator.user.id, startsAt: at(0, 9), endsAt: at(0, 17) }, as(admin)), 201);
    expect(shift).toMatchObject({ room: { id: lounge.id, name: 'Lounge' }, person: { id: moderator.user.id, displayName: 'Mona Moderator' }, createdBy: { id: admin.user.id } });
    // A facilitator of the room puts themselves on it.
    const own: ChatShift = await expectStatus(hearth.http.post(api(`/chat/rooms/${lounge.id}/shifts`), { startsAt: at(1, 20), endsAt: at(2, 2) }, as(moderator)), 201);

    const coverage: CoverageWeek = await expectStatus(hearth.http.get(api(`/chat/coverage?week=${week}`), as(admin)), 200);
    const room = coverage.rooms.find((r) => r.room.id === lounge.id)!;
    expect(room.days[0].covered.flatMap((c, hour) => (c ? [hour] : []))).toEqual([9, 10, 11, 12, 13, 14, 15, 16]);
    expect(room.days[1].covered.flatMap((c, hour) => (c ? [hour] : []))).toEqual([20, 21, 22, 23]);
    expect(room.days[2].covered.flatMap((c, hour) => (c ? [hour] : []))).toEqual([0, 1]);
    expect(room.uncoveredHours).toBe(168 - 14);
    // The moderator sees the rooms they facilitate; a member sees no rota.
    expect((await expectStatus(hearth.http.get(api(`/chat/coverage?week=${week}`), as(moderator)), 200)).rooms.map((r: { room: { id: string } }) => r.room.id)).toContain(lounge.id);
    expectProblem(await hearth.http.get(api(`/chat/coverage?week=${week}`), as(member)), 403, 'not-allowed');
    const listed: ChatShift[] = await expectStatus(hearth.http.get(api(`/chat/shifts?week=${week}&roomId=${lounge.id}`), as(moderator)), 200);
    expect(listed.map((s) => s.id)).toEqual([shift.id, own.id]);

    const bad = await hearth.http.get(api('/chat/coverage?week=2026-49'), as(admin));
    expectProblem(bad, 400, 'validation');
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'week' })]);
    const backwards = await hearth.http.post(api(`/chat/rooms/${lounge.id}/shifts`), { startsAt: at(3, 10), endsAt: at(3, 9) }, as(moderator));
    expectProblem(backwards, 400, 'validation');
    expect(backwards.body.errors).toEqual([expect.objectContaining({ field: 'endsAt' })]);
    expectProblem(await hearth.http.post(api(`/chat/rooms/${lounge.id}/shifts`), { startsAt: at(3, 0), endsAt: at(3, 13) }, as(moderator)), 422, 'shift-too-long');
    expectProblem(await hearth.http.post(api(`/chat/rooms/${lounge.id}/shifts`), { startsAt: at(0, 16), endsAt: at(0, 18) }, as(moderator)), 409, 'shift-overlaps');
    expectProblem(await hearth.http.post(api(`/chat/rooms/${lounge.id}/shifts`), { startsAt: at(3, 9), endsAt: at(3, 10) }, as(member)), 422, 'not-covering');
    expectProblem(await hearth.http.post(api(`/chat/rooms/${lounge.id}/shifts`), { userId: host.user.id, startsAt: at(3, 9), endsAt: at(3, 10) }, as(moderator)), 403, 'not-allowed');
    expectProblem(await hearth.http.post(api(`/chat/rooms/${crypto.randomUUID()}/shifts`), { startsAt: at(3, 9), endsAt: at(3, 10) }, as(admin)), 404, 'room-not-found');

    expectProblem(await hearth.http.delete(api(`/chat/shifts/${shift.id}`), as(member)), 404, 'shift-not-found');
    expect((await hearth.http.delete(api(`/chat/shifts/${own.id}`), as(moderator))).status).toBe(204);
    expect((await hearth.http.delete(api(`/chat/shifts/${shift.id}`), as(admin))).status).toBe(204);
    expectProblem(await hearth.http.delete(api(`/chat/shifts/${shift.id}`), as(admin)), 404, 'shift-not-found');
  });

  it('asks the on-spot hosts online when people are in a room without a facilitator, once in 15 minutes, and the room hears it', async () => {
    const room = await newRoom('Quiet corner');
    const [members, hosts] = [await connect(member), await connect(host)];
    await joined(members, room.id);
    const people = await expectStatus(hearth.http.get(api(`/chat/rooms/${room.id}/people`), as(member)), 200);
    expect(people).toEqual([expect.objectContaining({ user: expect.objectContaining({ id: member.user.id }), facilitator: false })]);

    const line = members.next<ChatMessage>('message:new', (m) => m.kind === 'system' && m.roomId === room.id);
    const call: HostCall = await expectStatus(hearth.http.post(api(`/chat/rooms/${room.id}/host-calls`), undefined, as(member)), 201);
    expect(call).toMatchObject({ roomId: room.id, hostsAsked: 1 });
    expect((await line).body).toBe('Milo Member asked for a host. One on-spot host was told.');
    const notices = await eventually(
      'the host’s notification',
      () => expectStatus(hearth.http.get(api('/notifications'), as(host)), 200),
      (page) => page.items.some((n: { kind: string }) => n.kind === 'chat_host_wanted'),
    );
    expect(notices.items.find((n: { kind: string }) => n.kind === 'chat_host_wanted')).toMatchObject({ link: `/chat/${room.id}`, text: 'Milo Member asks for a host in “Quiet corner”' });

    const again = await hearth.http.post(api(`/chat/rooms/${room.id}/host-calls`), undefined, as(member));
    expectProblem(again, 429, 'rate-limited');
    expect(again.body.detail).toMatch(/can ask again at/);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    hosts.close();
  });

  it('says why when nobody is asked: the host is offline, a facilitator is here, the caller is not in the room', async () => {
    const room = await newRoom('Night room');
    const members = await connect(member);
    await joined(members, room.id);
    const offline = await hearth.http.post(api(`/chat/rooms/${room.id}/host-calls`), undefined, as(member));
    expectProblem(offline, 422, 'no-host-online');
    expect(offline.body.detail).toMatch(/No on-spot host who covers this room is online/);

    const moderators = await connect(moderator);
    await joined(moderators, room.id);
    expectProblem(await hearth.http.post(api(`/chat/rooms/${room.id}/host-calls`), undefined, as(member)), 409, 'facilitator-present');
    const outsider = await hearth.register({ displayName: 'Olive Outsider' });
    expectProblem(await hearth.http.post(api(`/chat/rooms/${room.id}/host-calls`), undefined, as(outsider)), 422, 'not-in-room');
    expectProblem(await hearth.http.post(api(`/chat/rooms/${crypto.randomUUID()}/host-calls`), undefined, as(member)), 404, 'room-not-found');
  });
});
