import { ChatGateway } from '@hearth/chat';
import type { ChatMessage, ChatRoom, JoinedRoom, PowersChanged } from '@hearth/contracts';
import { Database } from '@hearth/platform';
import { type Registered, startTestApp, type TestApp } from '../support/app';
import { type ChatClient, connectChat } from '../support/chat';
import { expectStatus } from '../support/courses';
import { eventually } from '../support/http';

describe('the chat over HTTP and WebSocket', () => {
  let hearth: TestApp;
  let admin: Registered;
  let ada: Registered;
  let ben: Registered;
  let lounge: ChatRoom;
  const clients: ChatClient[] = [];

  beforeAll(async () => {
    // The outbox worker runs (woken by commits), as in production: role changes reach sockets through it.
    hearth = await startTestApp({ HEARTH_WORKER_POLL_MS: '60000' });
    [admin, ada, ben] = [await hearth.admin(), await hearth.register({ displayName: 'Ada' }), await hearth.register({ displayName: 'Ben' })];
    lounge = await expectStatus(hearth.http.post('/api/v1/chat/rooms', { name: 'Lounge', topic: 'Anything goes', tags: ['general'] }, as(admin)), 201);
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(() => hearth.close());

  const as = (person: Registered) => ({ token: person.accessToken });
  const connect = async (person: Registered, baseUrl = hearth.baseUrl) => {
    const client = await connectChat(baseUrl, person.accessToken);
    clients.push(client);
    return client;
  };
  const joined = async (client: ChatClient, roomId: string, after?: string) => {
    const ack = await client.request<JoinedRoom>('room:join', { roomId, ...(after ? { after } : {}) });
    if (!ack.ok) throw new Error(`join refused: ${ack.code} ${ack.message}`);
    return ack.data;
  };

  it('refuses connections without a valid access token', async () => {
    await expect(connectChat(hearth.baseUrl, undefined)).rejects.toThrow(/Sign in again/);
    await expect(connectChat(hearth.baseUrl, 'not.a.token')).rejects.toThrow(/Sign in again/);
  });

  it('carries a message to everyone in the room, once per client id, and catches a returning client up', async () => {
    const [adas, bens] = [await connect(ada), await connect(ben)];
    await joined(adas, lounge.id);
    await joined(bens, lounge.id);
    const clientId = crypto.randomUUID();
    const arriving = bens.next<ChatMessage>('message:new', (m) => m.clientId === clientId);
    const sent = await adas.request<ChatMessage>('message:send', { roomId: lounge.id, body: 'Hello, room', clientId });
    expect(sent).toMatchObject({ ok: true, data: { body: 'Hello, room', author: { id: ada.user.id } } });
    expect((await arriving).id).toBe(sent.ok && sent.data.id);
    // A resend after a reconnect (same client id) posts nothing new.
    const again = await adas.request<ChatMessage>('message:send', { roomId: lounge.id, body: 'Hello, room', clientId });
    expect(again.ok && again.data.id).toBe(sent.ok && sent.data.id);

    bens.close();
    await adas.request('message:send', { roomId: lounge.id, body: 'While Ben was away' });
    const back = await connect(ben);
    const caughtUp = await joined(back, lounge.id, sent.ok ? sent.data.seq : undefined);
    expect(caughtUp.messages.map((m) => m.body)).toEqual(['While Ben was away']);

    const history = await expectStatus(hearth.http.get(`/api/v1/chat/rooms/${lounge.id}/messages`, as(ben)), 200);
    expect(history.items.map((m: ChatMessage) => m.body).slice(0, 2)).toEqual(['While Ben was away', 'Hello, room']);
  });

  it('answers bad input, a room not joined and the rate limit with a clear acknowledgement, and stays connected', async () => {
    const adas = await connect(ada);
    expect(await adas.request('room:join', { roomId: 'nope' })).toMatchObject({ ok: false, code: 'validation' });
    expect(await adas.request('message:send', { roomId: lounge.id, body: 'not joined' })).toMatchObject({ ok: false, code: 'not-in-room' });
    await joined(adas, lounge.id);
    expect(await adas.request('message:send', { roomId: lounge.id, body: '   ' })).toMatchObject({ ok: false, code: 'validation' });
    expect(await adas.request('message:send', { roomId: lounge.id, body: 'a\u0000b' })).toMatchObject({ ok: false, code: 'validation', message: expect.stringContaining('NUL') });
    expect(await adas.request('room:leave', { roomId: crypto.randomUUID() })).toEqual({ ok: true, data: null });
    const results = [];
    for (let i = 0; i < 7; i++) results.push(await adas.request('message:send', { roomId: lounge.id, body: `burst ${i}` }));
    const refused = results.filter((r) => !r.ok);
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect(refused[0]).toMatchObject({ ok: false, code: 'rate-limited', retryAfterSeconds: expect.any(Number) });
    expect(adas.socket.connected).toBe(true);
  });

  it('notifies the people a message mentions, with a link to the room', async () => {
    const [gus, hal] = [await hearth.register({ displayName: 'Gus' }), await hearth.register({ displayName: 'Hal' })];
    const guss = await connect(gus);
    await joined(guss, lounge.id);
    expect(await guss.request('message:send', { roomId: lounge.id, body: `@${hal.user.username} are you around tonight?` })).toMatchObject({ ok: true });
    // Told once the message has committed, from the outbox.
    const notifications = await eventually('the mention notification', () => expectStatus(hearth.http.get('/api/v1/notifications', as(hal)), 200), (page) => page.items.length > 0);
    expect(notifications.items[0]).toMatchObject({ kind: 'chat_mention', text: 'Gus mentioned you in the chat room “Lounge”', link: `/chat/${lounge.id}`, actor: { id: gus.user.id } });
    expect((await expectStatus(hearth.http.get('/api/v1/notifications/unread-count', as(hal)), 200)).unread).toBe(1);
  });

  it('refuses a connection that joins rooms in a loop, without dropping it, and always lets it leave', async () => {
    const looping = await connect(ben);
    const joins = [];
    const leaves = [];
    for (let i = 0; i < 22; i++) {
      joins.push(await looping.request('room:join', { roomId: lounge.id }));
      leaves.push(await looping.request('room:leave', { roomId: lounge.id }));
    }
    expect(joins.slice(0, 20).every((answer) => answer.ok)).toBe(true);
    expect(joins.slice(20)).toEqual(Array(2).fill(expect.objectContaining({ ok: false, code: 'rate-limited', retryAfterSeconds: expect.any(Number) })));
    expect(leaves.every((answer) => answer.ok)).toBe(true);
    expect(looping.socket.connected).toBe(true);
    // Another connection (another tab) has its own allowance.
    expect(await (await connect(ben)).request('room:join', { roomId: lounge.id })).toMatchObject({ ok: true });
  });

  it('gives powers the moment a role is granted, and takes them, and its locked room, the moment it is revoked', async () => {
    const locked = await expectStatus(
      hearth.http.post('/api/v1/chat/rooms', { name: 'Moderators’ room', topic: 'For moderators', tags: ['general'], lock: { roles: ['moderator'] } }, as(admin)),
      201,
    );
    const bens = await connect(ben);
    await joined(bens, lounge.id);
    expect(await bens.request('room:join', { roomId: locked.id })).toMatchObject({ ok: false, code: 'room-closed' });

    const granted = bens.next<PowersChanged>('role:changed');
    const grant = await expectStatus(hearth.http.post(`/api/v1/admin/users/${ben.user.id}/grants`, { roleKey: 'moderator', reason: 'Trusted' }, as(admin)), 201);
    expect((await granted).powers).toEqual([{ roomId: lounge.id, powers: expect.arrayContaining(['moderate', 'post']), probation: null }]);
    await joined(bens, locked.id);
    const message = await bens.request<ChatMessage>('message:send', { roomId: lounge.id, body: 'I can moderate now' });
    expect(message.ok).toBe(true);

    const revoked = bens.next<PowersChanged>('role:changed');
    const closed = bens.next<{ roomId: string; reason: string }>('room:closed');
    await expectStatus(hearth.http.post(`/api/v1/admin/grants/${grant.id}/revoke`, { reason: 'Stepping back' }, as(admin)), 200);
    expect(await closed).toEqual({ roomId: locked.id, reason: 'locked' });
    const change = await revoked;
    expect(change.closed).toEqual([locked.id]);
    expect(change.powers).toEqual([{ roomId: lounge.id, powers: ['post'], probation: null }]);
    // Refused either way: out of the room's channel, or (if the leave is still on its way) by the room's lock.
    const refused = await bens.request('message:send', { roomId: locked.id, body: 'still here?' });
    expect(refused.ok === false && ['not-in-room', 'room-closed'].includes(refused.code)).toBe(true);
    expect((await hearth.http.delete(`/api/v1/chat/messages/${message.ok && message.data.id}`, as(ben))).status).toBe(204);
  });

  it('keeps a room locked to moderators shut to an On-spot Host, whose role covers the room’s tag', async () => {
    const host = await hearth.register({ displayName: 'Hana Host' });
    const moderatorsRoom = await expectStatus(
      hearth.http.post('/api/v1/chat/rooms', { name: 'Moderators only', topic: 'At-risk members', tags: ['general'], lock: { roles: ['moderator'] } }, as(admin)),
      201,
    );
    const hosts = await connect(host);
    const granted = hosts.next<PowersChanged>('role:changed');
    await expectStatus(hearth.http.post(`/api/v1/admin/users/${host.user.id}/grants`, { roleKey: 'on_spot_host', reason: 'Hosts the lounge' }, as(admin)), 201);
    expect((await granted).roles).toEqual([{ key: 'on_spot_host', bundle: 'on_spot_host' }]);

    const listed = (await expectStatus(hearth.http.get('/api/v1/chat/rooms', as(host)), 200)).find((room: ChatRoom) => room.id === moderatorsRoom.id);
    expect(listed).toMatchObject({ locked: true, canEnter: false, powers: [], session: null });
    expect(await hosts.request('room:join', { roomId: moderatorsRoom.id })).toMatchObject({ ok: false, code: 'room-closed' });
    expect(await hosts.request('message:send', { roomId: moderatorsRoom.id, body: 'Hello?' })).toMatchObject({ ok: false, code: 'not-in-room' });
    for (const [method, path, body] of [
      ['get', `/api/v1/chat/rooms/${moderatorsRoom.id}/messages`, undefined],
      ['post', `/api/v1/chat/rooms/${moderatorsRoom.id}/messages`, { body: 'Hello?' }],
      ['get', `/api/v1/chat/rooms/${moderatorsRoom.id}/people`, undefined],
      ['post', `/api/v1/chat/rooms/${moderatorsRoom.id}/sessions`, { topic: 'On the spot', startNow: true }],
      ['post', `/api/v1/chat/rooms/${moderatorsRoom.id}/welcome`, { userId: ada.user.id }],
    ] as const) {
      const answer = method === 'get' ? await hearth.http.get(path, as(host)) : await hearth.http.post(path, body, as(host));
      expect([path, answer.status, answer.body.type]).toEqual([path, 403, '/problems/room-closed']);
    }
    // Where the role does apply (an open room tagged `general`), its powers are there.
    expect((await joined(hosts, lounge.id)).room.powers.sort()).toEqual(['host', 'post']);
  });

  it('takes a session leader’s powers when the moderator role it builds on is revoked, and gives them back when it is reinstated', async () => {
    const leader = await hearth.register({ displayName: 'Lee Leader' });
    const circle = await expectStatus(hearth.http.post('/api/v1/chat/rooms', { name: 'Circle', tags: ['support-session'] }, as(admin)), 201);
    const moderatorGrant = await expectStatus(hearth.http.post(`/api/v1/admin/users/${leader.user.id}/grants`, { roleKey: 'moderator', reason: 'Moderates well' }, as(admin)), 201);
    await expectStatus(hearth.http.post(`/api/v1/admin/users/${leader.user.id}/grants`, { roleKey: 'session_leader', reason: 'Leads well' }, as(admin)), 201);
    const leaders = await connect(leader);
    expect((await joined(leaders, circle.id)).room.powers.sort()).toEqual(['lead', 'moderate', 'post']);

    const fallen = leaders.next<PowersChanged>('role:changed', (change) => change.roles.length === 0);
    await expectStatus(hearth.http.post(`/api/v1/admin/grants/${moderatorGrant.id}/revoke`, { reason: 'Stepping back' }, as(admin)), 200);
    expect((await fallen).powers).toEqual([{ roomId: circle.id, powers: ['post'], probation: null }]);
    const mine = await expectStatus(hearth.http.get('/api/v1/me/credentials', as(leader)), 200);
    expect(mine.roles).toEqual([expect.objectContaining({ roleKey: 'session_leader', status: 'suspended', suspension: expect.objectContaining({ cause: 'prerequisite' }) })]);
    expect((await hearth.http.post(`/api/v1/chat/rooms/${circle.id}/sessions`, { topic: 'Tonight', startNow: true }, as(leader))).status).toBe(403);

    const back = leaders.next<PowersChanged>('role:changed', (change) => change.roles.length === 2);
    await expectStatus(hearth.http.post(`/api/v1/admin/grants/${moderatorGrant.id}/reinstate`, { reason: 'Back with us' }, as(admin)), 200);
    expect((await back).powers).toEqual([{ roomId: circle.id, powers: expect.arrayContaining(['lead', 'moderate', 'post']), probation: null }]);
  });

  it('takes a role’s powers from open sockets when it expires, without waiting for the sweep', async () => {
    const temp = await hearth.register({ displayName: 'Tess Temporary' });
    const backOffice = await expectStatus(hearth.http.post('/api/v1/chat/rooms', { name: 'Back office', lock: { roles: ['on_spot_host'] } }, as(admin)), 201);
    const temps = await connect(temp);
    const expiresAt = new Date(Date.now() + 2_000);
    await expectStatus(
      hearth.http.post(`/api/v1/admin/users/${temp.user.id}/grants`, { roleKey: 'on_spot_host', reason: 'For the evening', expiresAt: expiresAt.toISOString() }, as(admin)),
      201,
    );
    await joined(temps, backOffice.id);
    const closed = temps.next<{ roomId: string; reason: string }>('room:closed', (event) => event.roomId === backOffice.id, 10_000);
    expect(await closed).toEqual({ roomId: backOffice.id, reason: 'locked' });
    // Not before its time, and (the sweep runs every five minutes) not because of the sweep.
    const lateMs = Date.now() - expiresAt.getTime();
    expect(lateMs).toBeGreaterThanOrEqual(0);
    expect(lateMs).toBeLessThan(10_000);
    const history = await expectStatus(hearth.http.get(`/api/v1/admin/users/${temp.user.id}/grants`, as(admin)), 200);
    expect(history.events.map((event: { kind: string }) => event.kind)).toEqual(['expired', 'granted']);
  });

  it('lets only admins suspend a grant, with a reason and a time ahead', async () => {
    const person = await hearth.register();
    const grant = await expectStatus(hearth.http.post(`/api/v1/admin/users/${person.user.id}/grants`, { roleKey: 'on_spot_host', reason: 'Hosts' }, as(admin)), 201);
    expect((await hearth.http.post(`/api/v1/admin/grants/${grant.id}/suspend`, { reason: 'Mine' }, as(person))).status).toBe(403);
    expect((await hearth.http.post(`/api/v1/admin/grants/${grant.id}/suspend`, {}, as(admin))).status).toBe(400);
    const past = await hearth.http.post(`/api/v1/admin/grants/${grant.id}/suspend`, { reason: 'Backwards', until: '2020-01-01T00:00:00Z' }, as(admin));
    expect([past.status, past.body.errors]).toEqual([400, [{ field: 'until', message: 'A suspension ends in the future.' }]]);
    expect((await hearth.http.post(`/api/v1/admin/grants/${crypto.randomUUID()}/suspend`, { reason: 'Nobody' }, as(admin))).status).toBe(404);
    const suspended = await expectStatus(hearth.http.post(`/api/v1/admin/grants/${grant.id}/suspend`, { reason: 'A complaint is being looked at' }, as(admin)), 200);
    expect(suspended).toMatchObject({ status: 'suspended', suspension: { cause: 'admin', reason: 'A complaint is being looked at', until: null } });
    expect((await hearth.http.post(`/api/v1/admin/grants/${grant.id}/suspend`, { reason: 'Twice' }, as(admin))).status).toBe(409);
    expect((await expectStatus(hearth.http.get('/api/v1/me', as(person)), 200)).facilitatorRoles).toEqual([]);
    const again = await hearth.http.post(`/api/v1/admin/users/${person.user.id}/grants`, { roleKey: 'on_spot_host', reason: 'Over it' }, as(admin));
    expect([again.status, again.body.detail]).toEqual([409, 'This person’s On-spot Host is suspended; reinstate it instead.']);
    expect((await expectStatus(hearth.http.post(`/api/v1/admin/grants/${grant.id}/reinstate`, { reason: 'Looked at; fine' }, as(admin)), 200)).status).toBe('active');
  });

  it('lets only moderators act on others, and only admins make rooms', async () => {
    expect((await hearth.http.post('/api/v1/chat/rooms', { name: 'Mine', topic: '' }, as(ada))).status).toBe(403);
    expect((await hearth.http.post(`/api/v1/chat/rooms/${lounge.id}/mutes`, { userId: ben.user.id, minutes: 10, reasonCode: 'harassment' }, as(ada))).status).toBe(403);
    expect((await hearth.http.post(`/api/v1/chat/rooms/${lounge.id}/mutes`, { userId: ben.user.id, minutes: 1, reasonCode: 'harassment' }, as(admin))).status).toBe(400);
    const noReason = await hearth.http.post(`/api/v1/chat/rooms/${lounge.id}/mutes`, { userId: ben.user.id, minutes: 10 }, as(admin));
    expect([noReason.status, noReason.body.errors]).toEqual([400, [{ field: 'reasonCode', message: 'Choose a reason from the list; the person is told it.' }]]);
    const muted = await expectStatus(hearth.http.post(`/api/v1/chat/rooms/${lounge.id}/mutes`, { userId: ben.user.id, minutes: 10, reasonCode: 'other', reason: 'Heated' }, as(admin)), 201);
    expect(new Date(muted.until).getTime()).toBeGreaterThan(Date.now());
    const refused = await hearth.http.post(`/api/v1/chat/rooms/${lounge.id}/messages`, { body: 'hi' }, as(ben));
    expect([refused.status, refused.body.type]).toEqual([403, '/problems/muted']);
    expect((await hearth.http.post(`/api/v1/chat/rooms/${lounge.id}/sessions`, { topic: 'Mine' }, as(ada))).status).toBe(403);
    expect((await hearth.http.get('/api/v1/chat/rooms/not-an-id/messages', as(ada))).status).toBe(400);
    expect((await hearth.http.get('/api/v1/chat/rooms')).status).toBe(401);
  });

  it('shows who is in a room and the sessions to come, to those who may enter it', async () => {
    const [eve, fay] = [await hearth.register({ displayName: 'Eve' }), await hearth.register({ displayName: 'Fay' })];
    const room = await expectStatus(hearth.http.post('/api/v1/chat/rooms', { name: 'Porch', tags: ['support-session'] }, as(admin)), 201);
    expect(room.topic).toBe('');
    const eves = await connect(eve);
    await joined(eves, room.id);
    const arrived = eves.next<{ roomId: string }>('room:presence');
    await joined(await connect(fay), room.id);
    expect(await arrived).toEqual({ roomId: room.id });
    const people = await expectStatus(hearth.http.get(`/api/v1/chat/rooms/${room.id}/people`, as(eve)), 200);
    expect(people.map((p: { user: { displayName: string }; mutedUntil: string | null }) => [p.user.displayName, p.mutedUntil])).toEqual([
      ['Eve', null],
      ['Fay', null],
    ]);

    const scheduled = await expectStatus(
      hearth.http.post(`/api/v1/chat/rooms/${room.id}/sessions`, { topic: 'Evening circle', startsAt: '2030-01-01T18:00:00Z' }, as(admin)),
      201,
    );
    expect(scheduled).toMatchObject({ kind: 'support-session', startedAt: null, scheduledFor: '2030-01-01T18:00:00.000Z' });
    expect((await expectStatus(hearth.http.get(`/api/v1/chat/rooms/${room.id}/sessions`, as(fay)), 200)).map((s: { id: string }) => s.id)).toEqual([scheduled.id]);
    // And on a learner's home, across the rooms they may enter, with the room's name.
    const mine = (await expectStatus(hearth.http.get('/api/v1/chat/sessions/upcoming', as(fay)), 200)).filter((s: { roomId: string }) => s.roomId === room.id);
    expect(mine).toEqual([expect.objectContaining({ id: scheduled.id, roomName: 'Porch', topic: 'Evening circle' })]);

    // An admin locks the room: those in it who hold nothing that opens it are taken out.
    const shut = eves.next<{ roomId: string; reason: string }>('room:closed');
    const relocked = await expectStatus(hearth.http.patch(`/api/v1/chat/rooms/${room.id}`, { lock: { roles: ['moderator'] } }, as(admin)), 200);
    expect(relocked.lockedTo).toEqual(['Chat Room Moderator role']);
    expect(await shut).toEqual({ roomId: room.id, reason: 'locked' });
    // Locked to her now: its sessions leave her list, not the admin's.
    expect((await expectStatus(hearth.http.get('/api/v1/chat/sessions/upcoming', as(eve)), 200)).some((s: { roomId: string }) => s.roomId === room.id)).toBe(false);
    expect((await expectStatus(hearth.http.get('/api/v1/chat/sessions/upcoming', as(admin)), 200)).some((s: { id: string }) => s.id === scheduled.id)).toBe(true);

    const closed = await expectStatus(hearth.http.post('/api/v1/chat/rooms', { name: 'Back office', lock: { roles: ['session_leader'] } }, as(admin)), 201);
    expect((await hearth.http.get(`/api/v1/chat/rooms/${closed.id}/people`, as(eve))).status).toBe(403);
    expect((await hearth.http.get(`/api/v1/chat/rooms/${closed.id}/sessions`, as(eve))).status).toBe(403);
  });

  it('vouches now and then for the connections it holds, so their time in a running session keeps counting', async () => {
    const room = await expectStatus(hearth.http.post('/api/v1/chat/rooms', { name: 'Hearthside', tags: ['support-session'] }, as(admin)), 201);
    const session = await expectStatus(hearth.http.post(`/api/v1/chat/rooms/${room.id}/sessions`, { topic: 'Right now', startNow: true }, as(admin)), 201);
    await joined(await connect(ada), room.id);
    const db = hearth.nest.get(Database);
    const silentFor = async () =>
      (
        await db.query<{ seconds: number }>('SELECT extract(epoch FROM $3::timestamptz - seen_at)::int AS seconds FROM chat_presence WHERE session_id = $1 AND user_id = $2', [
          session.id,
          ada.user.id,
          hearth.clock.now(),
        ])
      )[0].seconds;
    hearth.clock.advance({ minutes: 10 });
    expect(await silentFor()).toBeGreaterThanOrEqual(600);
    await hearth.nest.get(ChatGateway).vouchForConnections();
    expect(await silentFor()).toBeLessThan(5);
  });

  it('drops a connection whose token runs out, telling it why', async () => {
    const shortLived = await startTestApp({ HEARTH_ACCESS_TOKEN_TTL_SECONDS: '2' });
    try {
      const person = await shortLived.register();
      const client = await connectChat(shortLived.baseUrl, person.accessToken);
      clients.push(client);
      const expired = client.next<{ message: string }>('auth:expired', undefined, 5000);
      const disconnected = new Promise((resolve) => client.socket.once('disconnect', resolve));
      expect((await expired).message).toMatch(/access token ran out/);
      await disconnected;
    } finally {
      await shortLived.close();
    }
  });

  it('shares rooms and revocations between two Hearth instances on one database', async () => {
    const second = await hearth.anotherInstance();
    // Two people the earlier tests have not used, so no rate limit or role carries over.
    const [cleo, dev] = [await hearth.register({ displayName: 'Cleo' }), await hearth.register({ displayName: 'Dev' })];
    const [onFirst, onSecond] = [await connect(cleo), await connect(dev, second.baseUrl)];
    await joined(onFirst, lounge.id);
    await joined(onSecond, lounge.id);
    const crossing = onSecond.next<ChatMessage>('message:new', (m) => m.body === 'Across instances');
    expect(await onFirst.request('message:send', { roomId: lounge.id, body: 'Across instances' })).toMatchObject({ ok: true });
    expect((await crossing).author?.id).toBe(cleo.user.id);

    const hostsRoom = await expectStatus(
      hearth.http.post('/api/v1/chat/rooms', { name: 'Hosts', topic: '', tags: ['general'], lock: { badges: [], roles: ['on_spot_host'] } }, as(admin)),
      201,
    );
    const granted = onSecond.next<PowersChanged>('role:changed');
    const grant = await expectStatus(hearth.http.post(`/api/v1/admin/users/${dev.user.id}/grants`, { roleKey: 'on_spot_host', reason: 'Hosts well' }, as(admin)), 201);
    await granted;
    await joined(onSecond, hostsRoom.id);
    // Revoked through the first instance; the connection on the second leaves the room.
    const closed = onSecond.next<{ roomId: string }>('room:closed', (event) => event.roomId === hostsRoom.id);
    await expectStatus(hearth.http.post(`/api/v1/admin/grants/${grant.id}/revoke`, { reason: 'Season over' }, as(admin)), 200);
    await closed;
    // Refused either way: out of the room's channel, or (if the leave is still crossing over) by the room's lock.
    const refused = await onSecond.request('message:send', { roomId: hostsRoom.id, body: 'hello?' });
    expect(refused.ok === false && ['not-in-room', 'room-closed'].includes(refused.code)).toBe(true);
  });
});
