import type { AppealCase, ChatMessage, ChatReport, ChatRoom, ChatSession, JoinedRoom, ModerationHistory, ModerationNotice, PowersChanged, Sanction } from '@hearth/contracts';
import { type Registered, startTestApp, type TestApp } from '../support/app';
import { type ChatClient, connectChat } from '../support/chat';
import { buildCourse, completeCourse, expectStatus } from '../support/courses';
import { eventually, type HttpResult } from '../support/http';

const PROBLEM = 'application/problem+json';

describe('chat moderation over HTTP and WebSocket', () => {
  let hearth: TestApp;
  let admin: Registered;
  let moderator: Registered;
  let lounge: ChatRoom;
  const clients: ChatClient[] = [];

  beforeAll(async () => {
    // The outbox worker runs (woken by commits), as in production: reports reach moderators through it.
    hearth = await startTestApp({ HEARTH_WORKER_POLL_MS: '60000' });
    [admin, moderator] = [await hearth.admin(), await hearth.register({ displayName: 'Mona Moderator' })];
    await expectStatus(hearth.http.post(`/api/v1/admin/users/${moderator.user.id}/grants`, { roleKey: 'moderator', reason: 'Took the course' }, as(admin)), 201);
    lounge = await expectStatus(hearth.http.post('/api/v1/chat/rooms', { name: 'Lounge', topic: 'Anything goes', tags: ['general'] }, as(admin)), 201);
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(() => hearth.close());

  const as = (person: Registered) => ({ token: person.accessToken });
  const api = (path: string) => `/api/v1${path}`;
  const connect = async (person: Registered) => {
    const client = await connectChat(hearth.baseUrl, person.accessToken);
    clients.push(client);
    return client;
  };
  const joined = async (client: ChatClient, roomId: string) => {
    const ack = await client.request<JoinedRoom>('room:join', { roomId });
    if (!ack.ok) throw new Error(`join refused: ${ack.code} ${ack.message}`);
    return ack.data;
  };
  const post = async (person: Registered, roomId: string, body: string): Promise<ChatMessage> => expectStatus(hearth.http.post(api(`/chat/rooms/${roomId}/messages`), { body }, as(person)), 201);
  /** DELETE with a JSON body, as the web app sends a moderator's reason. */
  const remove = (messageId: string, body: unknown, person: Registered) => hearth.http.request('DELETE', api(`/chat/messages/${messageId}`), body, as(person));
  const problem = (response: HttpResult) => [response.status, response.body.type];
  /** The status, whether it is problem+json, and the fields its `errors` name (each once). */
  const fields = (response: HttpResult) => [
    response.status,
    response.headers.get('content-type')?.includes(PROBLEM),
    [...new Set<string>((response.body.errors ?? []).map((e: { field: string }) => e.field))].sort(),
  ];
  const notices = async (person: Registered) => (await expectStatus(hearth.http.get(api('/notifications?limit=100'), as(person)), 200)).items as Array<{ kind: string; text: string; link: string }>;

  it('refuses every moderation route without an access token', async () => {
    const id = crypto.randomUUID();
    for (const [method, path, body] of [
      ['POST', `/chat/rooms/${id}/warnings`, { userId: id, reasonCode: 'spam' }],
      ['POST', `/chat/rooms/${id}/mutes`, { userId: id, minutes: 10, reasonCode: 'spam' }],
      ['POST', `/chat/rooms/${id}/bans`, { userId: id, minutes: 10, reasonCode: 'spam' }],
      ['DELETE', `/chat/messages/${id}`, { reasonCode: 'spam' }],
      ['POST', `/chat/rooms/${id}/role-suspensions`, { userId: id, roleKey: 'moderator', days: 3, reasonCode: 'spam' }],
      ['GET', `/chat/rooms/${id}/people/${id}/moderation`, undefined],
      ['GET', '/chat/sanctions/mine', undefined],
      ['GET', `/chat/sanctions/${id}`, undefined],
      ['POST', `/chat/sanctions/${id}/appeal`, { body: 'Please' }],
      ['GET', '/admin/chat/appeals?status=pending', undefined],
      ['POST', `/admin/chat/appeals/${id}/decision`, { outcome: 'confirmed', note: 'Stands' }],
      ['POST', `/chat/messages/${id}/reports`, { reasonCode: 'spam' }],
      ['GET', `/chat/rooms/${id}/reports?status=open`, undefined],
      ['POST', `/chat/reports/${id}/dismiss`, { note: 'Fine' }],
      ['POST', `/chat/sessions/${id}/co-host/confirm`, undefined],
      ['PUT', `/chat/rooms/${id}/freeze`, { frozen: true }],
    ] as const) {
      const response = await hearth.http.request(method, api(path), body);
      expect([method, path, response.status, response.headers.get('content-type')?.includes(PROBLEM)]).toEqual([method, path, 401, true]);
    }
  });

  it('answers bad bodies with a 400 problem naming each field', async () => {
    const [ada, ben] = [await hearth.register({ displayName: 'Ada' }), await hearth.register({ displayName: 'Ben' })];
    const message = await post(ada, lounge.id, 'Something to act on');
    const room = (path: string) => api(`/chat/rooms/${lounge.id}${path}`);
    const asMod = as(moderator);
    expect(fields(await hearth.http.post(room('/warnings'), {}, asMod))).toEqual([400, true, ['reasonCode', 'userId']]);
    expect(fields(await hearth.http.post(room('/warnings'), { userId: ada.user.id, reasonCode: 'rude' }, asMod))).toEqual([400, true, ['reasonCode']]);
    expect(fields(await hearth.http.post(room('/warnings'), { userId: ada.user.id, reasonCode: 'other' }, asMod))).toEqual([400, true, ['reason']]);
    expect(fields(await hearth.http.post(room('/warnings'), { userId: ada.user.id, reasonCode: 'spam', colour: 'red' }, asMod))).toEqual([400, true, ['colour']]);
    expect(fields(await hearth.http.post(room('/mutes'), { userId: ada.user.id, reasonCode: 'spam', minutes: 2 }, asMod))).toEqual([400, true, ['minutes']]);
    // Within what the route takes, beyond what a mute may be (24 hours).
    expect(fields(await hearth.http.post(room('/mutes'), { userId: ada.user.id, reasonCode: 'spam', minutes: 2000 }, asMod))).toEqual([400, true, ['minutes']]);
    expect(fields(await hearth.http.post(room('/bans'), { userId: 'ada', reasonCode: 'spam', minutes: 'ten' }, asMod))).toEqual([400, true, ['minutes', 'userId']]);
    expect(fields(await remove(message.id, undefined, moderator))).toEqual([400, true, ['reasonCode']]);
    expect(fields(await remove(message.id, { reasonCode: 'nope' }, moderator))).toEqual([400, true, ['reasonCode']]);
    expect(fields(await remove(message.id, { reasonCode: 'other', reason: ' ' }, moderator))).toEqual([400, true, ['reason']]);
    expect(fields(await hearth.http.post(room('/role-suspensions'), { userId: ada.user.id, roleKey: 'Not A Key', days: 0, reasonCode: 'spam' }, as(admin)))).toEqual([400, true, ['days', 'roleKey']]);
    expect(fields(await hearth.http.post(room('/role-suspensions'), { userId: ada.user.id, roleKey: 'moderator', days: 91, reasonCode: 'spam' }, as(admin)))).toEqual([400, true, ['days']]);
    expect(fields(await hearth.http.put(room('/freeze'), { frozen: 'yes' }, asMod))).toEqual([400, true, ['frozen']]);
    expect(fields(await hearth.http.get(room('/reports?status=closed'), asMod))).toEqual([400, true, ['status']]);
    expect(fields(await hearth.http.post(api(`/chat/messages/${message.id}/reports`), {}, as(ben)))).toEqual([400, true, ['reasonCode']]);
    expect(fields(await hearth.http.post(api(`/chat/messages/${message.id}/reports`), { reasonCode: 'other' }, as(ben)))).toEqual([400, true, ['reason']]);
    expect(fields(await hearth.http.post(api(`/chat/reports/${crypto.randomUUID()}/dismiss`), {}, asMod))).toEqual([400, true, ['note']]);
    expect(fields(await hearth.http.post(api(`/chat/sanctions/${crypto.randomUUID()}/appeal`), { body: '   ' }, as(ada)))).toEqual([400, true, ['body']]);
    expect(fields(await hearth.http.post(api(`/admin/chat/appeals/${crypto.randomUUID()}/decision`), { outcome: 'maybe', note: '' }, as(admin)))).toEqual([400, true, ['note', 'outcome']]);
    expect(fields(await hearth.http.get(api('/admin/chat/appeals?status=open'), as(admin)))).toEqual([400, true, ['status']]);
    expect(fields(await hearth.http.get(api('/chat/sanctions/not-an-id'), as(ada)))).toEqual([400, true, ['id']]);
    // Nothing was done meanwhile.
    expect(await expectStatus(hearth.http.get(api('/chat/sanctions/mine'), as(ada)), 200)).toEqual([]);
  });

  it('refuses members the moderators’ routes, moderators the admins’, and everyone what is not theirs (403 / 404)', async () => {
    const [ada, ben] = [await hearth.register({ displayName: 'Ada' }), await hearth.register({ displayName: 'Ben' })];
    const message = await post(ada, lounge.id, 'A message');
    const room = (path: string) => api(`/chat/rooms/${lounge.id}${path}`);
    const step = { userId: ada.user.id, reasonCode: 'spam' };
    for (const response of [
      await hearth.http.post(room('/warnings'), step, as(ben)),
      await hearth.http.post(room('/mutes'), { ...step, minutes: 10 }, as(ben)),
      await hearth.http.post(room('/bans'), { ...step, minutes: 10 }, as(ben)),
      await remove(message.id, { reasonCode: 'spam' }, ben),
      await hearth.http.get(room(`/people/${ada.user.id}/moderation`), as(ben)),
      await hearth.http.get(room('/reports'), as(ben)),
      await hearth.http.put(room('/freeze'), { frozen: true }, as(ben)),
      await hearth.http.post(room('/role-suspensions'), { ...step, userId: moderator.user.id, roleKey: 'moderator', days: 3 }, as(ben)),
      // A moderator does not suspend roles, nor act on an admin or on themselves.
      await hearth.http.post(room('/role-suspensions'), { ...step, userId: ada.user.id, roleKey: 'moderator', days: 3 }, as(moderator)),
      await hearth.http.post(room('/warnings'), { ...step, userId: admin.user.id }, as(moderator)),
      await hearth.http.post(room('/mutes'), { ...step, userId: moderator.user.id, minutes: 10 }, as(moderator)),
      // An admin suspends only a role someone holds.
      await hearth.http.post(room('/role-suspensions'), { ...step, roleKey: 'moderator', days: 3 }, as(admin)),
    ]) {
      expect(problem(response)).toEqual([403, '/problems/not-allowed']);
    }
    for (const response of [
      await hearth.http.get(api('/admin/chat/appeals'), as(ben)),
      await hearth.http.get(api('/admin/chat/appeals'), as(moderator)),
      await hearth.http.post(api(`/admin/chat/appeals/${crypto.randomUUID()}/decision`), { outcome: 'overturned', note: 'Mine' }, as(moderator)),
    ]) {
      expect(problem(response)).toEqual([403, '/problems/forbidden']);
    }
    const unknown = crypto.randomUUID();
    for (const [response, type] of [
      [await hearth.http.post(api(`/chat/rooms/${unknown}/mutes`), { ...step, minutes: 10 }, as(moderator)), 'room-not-found'],
      [await hearth.http.get(api(`/chat/rooms/${unknown}/people/${ada.user.id}/moderation`), as(moderator)), 'room-not-found'],
      [await remove(unknown, { reasonCode: 'spam' }, moderator), 'message-not-found'],
      [await hearth.http.get(api(`/chat/sanctions/${unknown}`), as(ada)), 'sanction-not-found'],
      [await hearth.http.post(api(`/chat/sanctions/${unknown}/appeal`), { body: 'Please' }, as(ada)), 'sanction-not-found'],
      [await hearth.http.post(api(`/admin/chat/appeals/${unknown}/decision`), { outcome: 'confirmed', note: 'Stands' }, as(admin)), 'appeal-not-found'],
      [await hearth.http.post(api(`/chat/messages/${unknown}/reports`), { reasonCode: 'spam' }, as(ben)), 'message-not-found'],
      [await hearth.http.post(api(`/chat/reports/${unknown}/dismiss`), { note: 'Fine' }, as(moderator)), 'report-not-found'],
      [await hearth.http.post(api(`/chat/sessions/${unknown}/co-host/confirm`), undefined, as(admin)), 'session-not-found'],
    ] as const) {
      expect(problem(response)).toEqual([404, `/problems/${type}`]);
    }
    // Someone else's step is not found for a member; it is the room's moderators' and the admins' to read.
    const { sanctionId } = await expectStatus(hearth.http.post(room('/warnings'), { ...step, reason: 'Stay on topic' }, as(moderator)), 201);
    expect(problem(await hearth.http.get(api(`/chat/sanctions/${sanctionId}`), as(ben)))).toEqual([404, '/problems/sanction-not-found']);
    expect(problem(await hearth.http.post(api(`/chat/sanctions/${sanctionId}/appeal`), { body: 'For her' }, as(ben)))).toEqual([404, '/problems/sanction-not-found']);
    for (const reader of [ada, moderator, admin]) expect((await expectStatus(hearth.http.get(api(`/chat/sanctions/${sanctionId}`), as(reader)), 200)).reason).toBe('Stay on topic');
  });

  it('mutes with a reason: the person hears what, how long, why and where to appeal; the room hears a line without the reason', async () => {
    const [ada, ben] = [await hearth.register({ displayName: 'Ada Muted' }), await hearth.register({ displayName: 'Ben Bystander' })];
    const [adas, bens] = [await connect(ada), await connect(ben)];
    await joined(adas, lounge.id);
    await joined(bens, lounge.id);
    const notice = adas.next<ModerationNotice>('moderation:notice');
    const line = bens.next<ChatMessage>('message:new', (m) => m.kind === 'system');
    const ownLine = adas.next<ChatMessage>('message:new', (m) => m.kind === 'system');
    const mutedEvent = bens.next<{ roomId: string; userId: string; until: string }>('member:muted');

    const muted = await expectStatus(
      hearth.http.post(api(`/chat/rooms/${lounge.id}/mutes`), { userId: ada.user.id, minutes: 15, reasonCode: 'harassment', reason: 'Please stop mocking Ben' }, as(moderator)),
      201,
    );
    const heard = await notice;
    expect(heard).toEqual({
      link: `/chat/sanctions/${muted.sanctionId}`,
      sanction: expect.objectContaining({
        id: muted.sanctionId,
        kind: 'mute',
        room: { id: lounge.id, name: 'Lounge' },
        user: expect.objectContaining({ id: ada.user.id }),
        actor: null,
        reasonCode: 'harassment',
        reason: 'Please stop mocking Ben',
        minutes: 15,
        endsAt: muted.until,
        inForce: true,
        canAppeal: true,
      }),
    });
    const said = await line;
    expect(said).toMatchObject({ kind: 'system', author: null, roomId: lounge.id, body: 'Ada Muted is muted for 15 minutes.' });
    expect(said.bodyHtml).not.toMatch(/mocking|harass/i);
    expect(await mutedEvent).toEqual({ roomId: lounge.id, userId: ada.user.id, until: muted.until });
    // The notice went to Ada's connections only.
    expect(bens.received('moderation:notice')).toEqual([]);
    expect((await ownLine).body).toBe('Ada Muted is muted for 15 minutes.');

    expect(await adas.request('message:send', { roomId: lounge.id, body: 'But…' })).toMatchObject({ ok: false, code: 'muted', retryAfterSeconds: expect.any(Number) });
    // The room itself says so, and until when, to her alone (the list says nothing of it).
    expect((await expectStatus(hearth.http.get(api(`/chat/rooms/${lounge.id}`), as(ada)), 200)).posting).toEqual({ code: 'muted', reason: 'You are muted in this room', until: muted.until });
    expect((await expectStatus(hearth.http.get(api(`/chat/rooms/${lounge.id}`), as(ben)), 200)).posting).toBeNull();
    expect((await expectStatus(hearth.http.get(api('/chat/rooms'), as(ada)), 200)).find((room: { id: string }) => room.id === lounge.id).posting).toBeUndefined();
    const people = await expectStatus(hearth.http.get(api(`/chat/rooms/${lounge.id}/people`), as(ben)), 200);
    expect(people.find((p: { user: { id: string } }) => p.user.id === ada.user.id).mutedUntil).toBe(muted.until);
    const [told] = (await notices(ada)).filter((n) => n.kind === 'chat_sanction');
    expect(told).toMatchObject({ link: `/chat/sanctions/${muted.sanctionId}`, text: 'A moderator muted you in “Lounge” for 15 minutes' });
    expect((await expectStatus(hearth.http.get(api('/chat/sanctions/mine'), as(ada)), 200)).map((s: Sanction) => s.id)).toEqual([muted.sanctionId]);

    const history: ModerationHistory = await expectStatus(hearth.http.get(api(`/chat/rooms/${lounge.id}/people/${ada.user.id}/moderation`), as(moderator)), 200);
    expect(history).toMatchObject({ user: { id: ada.user.id }, nextStep: 'ban', facilitator: false, sanctions: [{ id: muted.sanctionId, reason: 'Please stop mocking Ben' }] });
    const audit = await expectStatus(hearth.http.get(api(`/admin/audit?subject=${lounge.id}&kind=chat.mute`), as(admin)), 200);
    expect(audit.items[0]).toMatchObject({ actor: { id: moderator.user.id }, subjectUser: { id: ada.user.id }, data: { sanctionId: muted.sanctionId, reasonCode: 'harassment' } });
  });

  it('takes an appeal from the person, to the admins, and lifts the mute when it is overturned', async () => {
    const [cy, dee] = [await hearth.register({ displayName: 'Cy' }), await hearth.register({ displayName: 'Dee' })];
    const deess = await connect(dee);
    await joined(deess, lounge.id);
    const { sanctionId } = await expectStatus(hearth.http.post(api(`/chat/rooms/${lounge.id}/mutes`), { userId: cy.user.id, minutes: 60, reasonCode: 'spam' }, as(moderator)), 201);
    expect(problem(await hearth.http.post(api(`/chat/rooms/${lounge.id}/messages`), { body: 'Hello?' }, as(cy)))).toEqual([403, '/problems/muted']);

    const appealed: Sanction = await expectStatus(hearth.http.post(api(`/chat/sanctions/${sanctionId}/appeal`), { body: 'It was one link, and Dee asked for it.' }, as(cy)), 201);
    expect(appealed).toMatchObject({ id: sanctionId, canAppeal: false, appeal: { status: 'pending', body: 'It was one link, and Dee asked for it.' } });
    expect(problem(await hearth.http.post(api(`/chat/sanctions/${sanctionId}/appeal`), { body: 'Again' }, as(cy)))).toEqual([409, '/problems/appeal-closed']);
    expect((await notices(admin)).find((n) => n.kind === 'chat_appeal')).toMatchObject({ text: 'Cy appealed a moderation step in “Lounge”', link: '/admin/appeals' });

    const queue = await expectStatus(hearth.http.get(api('/admin/chat/appeals?status=pending'), as(admin)), 200);
    const waiting: AppealCase = queue.items.find((c: AppealCase) => c.sanction.id === sanctionId);
    expect(waiting).toMatchObject({ appeal: { id: appealed.appeal!.id }, sanction: { user: { id: cy.user.id }, reasonCode: 'spam', inForce: true } });

    const lifted = deess.next<{ roomId: string; userId: string; until: string | null }>('member:muted', (e) => e.userId === cy.user.id);
    const decided: AppealCase = await expectStatus(
      hearth.http.post(api(`/admin/chat/appeals/${appealed.appeal!.id}/decision`), { outcome: 'overturned', note: 'Dee confirms she asked.' }, as(admin)),
      200,
    );
    expect(decided).toMatchObject({ appeal: { status: 'overturned', decisionNote: 'Dee confirms she asked.', decidedBy: { id: admin.user.id } }, sanction: { inForce: false, liftedAt: expect.any(String) } });
    expect(await lifted).toEqual({ roomId: lounge.id, userId: cy.user.id, until: null });
    expect((await post(cy, lounge.id, 'Thank you')).body).toBe('Thank you');
    expect(problem(await hearth.http.post(api(`/admin/chat/appeals/${appealed.appeal!.id}/decision`), { outcome: 'confirmed', note: 'Changed my mind' }, as(admin)))).toEqual([409, '/problems/appeal-decided']);
    expect((await notices(cy)).find((n) => n.kind === 'chat_appeal_decided')).toMatchObject({ text: 'Your appeal about “Lounge” was upheld: the step is lifted', link: `/chat/sanctions/${sanctionId}` });
    const overturned = await expectStatus(hearth.http.get(api('/admin/chat/appeals?status=overturned'), as(admin)), 200);
    expect(overturned.items.map((c: AppealCase) => c.sanction.id)).toContain(sanctionId);
    expect((await expectStatus(hearth.http.get(api('/admin/chat/appeals?status=pending'), as(admin)), 200)).items.map((c: AppealCase) => c.sanction.id)).not.toContain(sanctionId);
  });

  it('carries a report to the room’s moderators and its outcome back to the reporter', async () => {
    const [dan, eve, fay] = [await hearth.register({ displayName: 'Dan' }), await hearth.register({ displayName: 'Eve' }), await hearth.register({ displayName: 'Fay' })];
    const [mods, dans] = [await connect(moderator), await connect(dan)];
    await joined(mods, lounge.id);
    await joined(dans, lounge.id);
    const spam = await post(dan, lounge.id, 'Cheap followers at example.com');

    const arriving = mods.next<{ roomId: string; reportId: string }>('report:new');
    const report: ChatReport = await expectStatus(hearth.http.post(api(`/chat/messages/${spam.id}/reports`), { reasonCode: 'spam', reason: 'Advertising' }, as(eve)), 201);
    expect(report).toMatchObject({ status: 'open', reporter: { id: eve.user.id }, message: { id: spam.id }, reasonCode: 'spam', reason: 'Advertising' });
    expect(await arriving).toEqual({ roomId: lounge.id, reportId: report.id });
    expect(problem(await hearth.http.post(api(`/chat/messages/${spam.id}/reports`), { reasonCode: 'spam' }, as(eve)))).toEqual([409, '/problems/already-reported']);
    expect(problem(await hearth.http.post(api(`/chat/messages/${spam.id}/reports`), { reasonCode: 'spam' }, as(dan)))).toEqual([403, '/problems/not-allowed']);
    await eventually('the report in the moderator’s bell', () => notices(moderator), (items) => items.some((n) => n.kind === 'chat_report' && n.link === `/chat/${lounge.id}/reports`));

    const queue = await expectStatus(hearth.http.get(api(`/chat/rooms/${lounge.id}/reports?status=open`), as(moderator)), 200);
    expect(queue.items.map((r: ChatReport) => r.id)).toContain(report.id);

    // Acting from the queue: the message goes, its author is told why, the reporter hears.
    const deleted = mods.next<{ roomId: string; messageId: string }>('message:deleted');
    const told = dans.next<ModerationNotice>('moderation:notice');
    expect((await remove(spam.id, { reasonCode: 'spam', reason: 'Advertising is not allowed here', reportId: report.id }, moderator)).status).toBe(204);
    expect(await deleted).toEqual({ roomId: lounge.id, messageId: spam.id });
    expect((await told).sanction).toMatchObject({ kind: 'message_removed', reasonCode: 'spam', reason: 'Advertising is not allowed here', messageBody: 'Cheap followers at example.com' });
    const open = await expectStatus(hearth.http.get(api(`/chat/rooms/${lounge.id}/reports?status=open`), as(moderator)), 200);
    expect(open.items.map((r: ChatReport) => r.id)).not.toContain(report.id);
    const actioned = await expectStatus(hearth.http.get(api(`/chat/rooms/${lounge.id}/reports?status=actioned`), as(moderator)), 200);
    expect(actioned.items.find((r: ChatReport) => r.id === report.id)).toMatchObject({ status: 'actioned', resolvedBy: { id: moderator.user.id } });
    expect((await notices(eve)).find((n) => n.kind === 'chat_report_outcome')).toMatchObject({ text: 'A moderator acted on the message you reported in “Lounge”' });

    // Nothing to act on: dismissed with a note the reporter reads.
    const fine = await post(dan, lounge.id, 'I think the host was wrong there');
    const second: ChatReport = await expectStatus(hearth.http.post(api(`/chat/messages/${fine.id}/reports`), { reasonCode: 'other', reason: 'Rude' }, as(fay)), 201);
    expect(problem(await hearth.http.post(api(`/chat/reports/${second.id}/dismiss`), { note: 'Mine' }, as(fay)))).toEqual([403, '/problems/not-allowed']);
    const dismissed = await expectStatus(hearth.http.post(api(`/chat/reports/${second.id}/dismiss`), { note: 'Disagreeing is fine.' }, as(moderator)), 200);
    expect(dismissed).toMatchObject({ status: 'dismissed', outcomeNote: 'Disagreeing is fine.' });
    expect(problem(await hearth.http.post(api(`/chat/reports/${second.id}/dismiss`), { note: 'Again' }, as(moderator)))).toEqual([409, '/problems/report-resolved']);
    expect((await notices(fay)).find((n) => n.kind === 'chat_report_outcome')).toMatchObject({ text: 'A moderator looked at the message you reported in “Lounge” and left it' });
  });

  it('lets an admin suspend a facilitator’s role from the room, told to them on their connections', async () => {
    const gil = await hearth.register({ displayName: 'Gil' });
    await expectStatus(hearth.http.post(api(`/admin/users/${gil.user.id}/grants`), { roleKey: 'moderator', reason: 'Moderates' }, as(admin)), 201);
    const gils = await connect(gil);
    expect((await joined(gils, lounge.id)).room.powers).toEqual(['moderate', 'post']);
    const notice = gils.next<ModerationNotice>('moderation:notice');
    // The suspension's push, not the grant's (which may still be on its way).
    const changed = gils.next<PowersChanged>('role:changed', (change) => change.roles.length === 0);
    const request = { userId: gil.user.id, roleKey: 'moderator', days: 7, reasonCode: 'harassment', reason: 'Muted people who disagreed' };
    const suspended = await expectStatus(hearth.http.post(api(`/chat/rooms/${lounge.id}/role-suspensions`), request, as(admin)), 201);
    expect((await notice).sanction).toMatchObject({ id: suspended.sanctionId, kind: 'role_suspended', roleName: 'Chat Room Moderator', endsAt: suspended.until, reason: 'Muted people who disagreed' });
    expect((await changed).powers).toEqual([{ roomId: lounge.id, powers: ['post'], probation: null }]);
    const grants = await expectStatus(hearth.http.get(api(`/admin/users/${gil.user.id}/grants`), as(admin)), 200);
    expect(grants.grants[0]).toMatchObject({ roleKey: 'moderator', status: 'suspended', suspension: { cause: 'admin', until: suspended.until } });
    expect(problem(await hearth.http.post(api(`/chat/rooms/${lounge.id}/role-suspensions`), request, as(admin)))).toEqual([403, '/problems/not-allowed']);
  });

  it('suspends a role until its holder redoes a course, then an admin reinstates it: the refresher over HTTP', async () => {
    const built = await buildCourse(hearth.http, (await hearth.author()).accessToken, { publish: true });
    const hal = await hearth.register({ displayName: 'Hal' });
    await expectStatus(hearth.http.post(api(`/admin/users/${hal.user.id}/grants`), { roleKey: 'moderator', reason: 'Moderates' }, as(admin)), 201);
    const suspend = (body: object, person = admin) =>
      hearth.http.post(api(`/chat/rooms/${lounge.id}/role-suspensions`), { userId: hal.user.id, roleKey: 'moderator', reasonCode: 'harassment', reason: 'Shouted at a newcomer', ...body }, as(person));
    expect(fields(await suspend({ refresherCourseId: 'a-course' }))).toEqual([400, true, ['refresherCourseId']]);
    expect(fields(await suspend({ days: 7, refresherCourseId: built.course.id }))).toEqual([400, true, ['days']]);
    expect(fields(await suspend({}))).toEqual([400, true, ['days']]);
    expect(fields(await suspend({ refresherCourseId: crypto.randomUUID() }))).toEqual([400, true, ['refresherCourseId']]);
    expect((await suspend({ refresherCourseId: built.course.id }, moderator)).status).toBe(403);

    const suspended = await expectStatus(suspend({ refresherCourseId: built.course.id }), 201);
    expect(suspended.until).toBeNull();
    const mine = await expectStatus(hearth.http.get(api('/me/credentials'), as(hal)), 200);
    expect(mine.roles[0]).toMatchObject({ status: 'suspended', suspension: { cause: 'refresher', until: null, refresher: { courseSlug: built.course.slug, status: 'open' } } });
    // Enrolled for it, with every item to redo.
    const progress = await expectStatus(hearth.http.get(api(`/courses/${built.course.slug}/progress`), as(hal)), 200);
    expect(progress.refresher.items.map((item: { type: string; done: boolean }) => [item.type, item.done])).toEqual([['lesson', false], ['discussion', false], ['quiz', false]]);
    expect((await notices(hal)).find((n) => n.kind === 'refresher_assigned')).toMatchObject({ link: `/courses/${built.course.slug}` });

    await completeCourse(hearth.http, built, hal.accessToken, 'A room where everyone is heard before anyone is answered.');
    expect((await expectStatus(hearth.http.get(api(`/courses/${built.course.slug}/progress`), as(hal)), 200)).refresher).toBeNull();
    // Credentials hears of it after the commit, from the outbox.
    const asked = await eventually(
      'the reinstatement request',
      async () => (await expectStatus(hearth.http.get(api('/admin/grant-requests?status=pending'), as(admin)), 200)).items.find((request: { user: { id: string } }) => request.user.id === hal.user.id),
      (request) => request !== undefined,
    );
    expect(asked).toMatchObject({ kind: 'reinstatement', roleKey: 'moderator', refresher: { courseId: built.course.id, status: 'completed' } });
    expect((await hearth.http.post(api(`/admin/grant-requests/${asked.id}/approve`), {}, as(hal))).status).toBe(403);

    const hals = await connect(hal);
    expect((await joined(hals, lounge.id)).room.powers).toEqual(['post']);
    const back = hals.next<PowersChanged>('role:changed', (change) => change.roles.length > 0);
    expect(await expectStatus(hearth.http.post(api(`/admin/grant-requests/${asked.id}/approve`), { reason: 'Welcome back' }, as(admin)), 200)).toMatchObject({ status: 'approved', kind: 'reinstatement' });
    expect((await back).powers).toEqual(expect.arrayContaining([{ roomId: lounge.id, powers: ['moderate', 'post'], probation: null }]));
    expect((await expectStatus(hearth.http.get(api('/me/credentials'), as(hal)), 200)).roles[0]).toMatchObject({ status: 'active', suspension: null });
  });

  it('holds a moderator on probation to short mutes and no locking, until the session leader confirms their co-hosting', async () => {
    const [novice, leader, hal] = [await hearth.register({ displayName: 'Nora Novice' }), await hearth.register({ displayName: 'Leo Leader' }), await hearth.register({ displayName: 'Hal' })];
    const define = (key: string, bundle: string, probation: unknown) =>
      hearth.http.post(
        api('/facilitator-roles'),
        { key, name: `Probation ${bundle}`, description: 'For the test', rule: { courseIds: [], roleKeys: [], approval: 'review', validityDays: null }, effects: { bundle, roomIds: [], roomTags: ['new-moderators'], probation } },
        as(admin),
      );
    expect(fields(await define('probation_bad', 'moderator', { sessions: 0, maxMinutes: 2 }))).toEqual([400, true, ['effects.probation.maxMinutes', 'effects.probation.sessions']]);
    await expectStatus(define('probation_moderator', 'moderator', { sessions: 1, maxMinutes: 10 }), 201);
    await expectStatus(define('probation_leader', 'session_leader', null), 201);
    const room: ChatRoom = await expectStatus(hearth.http.post(api('/chat/rooms'), { name: 'Training room', tags: ['new-moderators'] }, as(admin)), 201);
    await expectStatus(hearth.http.post(api(`/admin/users/${novice.user.id}/grants`), { roleKey: 'probation_moderator', reason: 'New' }, as(admin)), 201);
    await expectStatus(hearth.http.post(api(`/admin/users/${leader.user.id}/grants`), { roleKey: 'probation_leader', reason: 'Mentor' }, as(admin)), 201);

    expect(await expectStatus(hearth.http.get(api(`/chat/rooms/${room.id}`), as(novice)), 200)).toMatchObject({ powers: ['moderate', 'post'], probation: { maxMinutes: 10, mayLockRoom: false, confirmed: 0, needed: 1 } });
    const step = { userId: hal.user.id, reasonCode: 'spam' };
    const tooLong = await hearth.http.post(api(`/chat/rooms/${room.id}/mutes`), { ...step, minutes: 30 }, as(novice));
    expect([...problem(tooLong), tooLong.body.detail]).toEqual([422, '/problems/on-probation', expect.stringContaining('at most 10 minutes')]);
    expect(problem(await hearth.http.post(api(`/chat/rooms/${room.id}/bans`), { ...step, minutes: 60 }, as(novice)))).toEqual([422, '/problems/on-probation']);
    expect(problem(await hearth.http.put(api(`/chat/rooms/${room.id}/freeze`), { frozen: true }, as(novice)))).toEqual([422, '/problems/on-probation']);
    await expectStatus(hearth.http.post(api(`/chat/rooms/${room.id}/mutes`), { ...step, minutes: 10 }, as(novice)), 201);

    const novices = await connect(novice);
    await joined(novices, room.id);
    const session: ChatSession = await expectStatus(hearth.http.post(api(`/chat/rooms/${room.id}/sessions`), { topic: 'Evening circle', startNow: true }, as(leader)), 201);
    expect(session.kind).toBe('new-moderators');
    await expectStatus(hearth.http.post(api(`/chat/sessions/${session.id}/co-host`), { userId: novice.user.id }, as(leader)), 200);
    expect(problem(await hearth.http.post(api(`/chat/sessions/${session.id}/co-host/confirm`), undefined, as(novice)))).toEqual([403, '/problems/not-allowed']);
    expect(problem(await hearth.http.post(api(`/chat/sessions/${session.id}/co-host/confirm`), undefined, as(hal)))).toEqual([403, '/problems/not-allowed']);
    expect(problem(await hearth.http.post(api(`/chat/sessions/${session.id}/co-host/confirm`), undefined, as(leader)))).toEqual([409, '/problems/session-running']);
    // The novice co-hosts for twenty minutes; then the session ends.
    await hearth.passTime({ minutes: 20 });
    await expectStatus(hearth.http.post(api(`/chat/sessions/${session.id}/end`), undefined, as(leader)), 200);
    // Confirmed: probation ends, and the novice's connections hear their new powers.
    const freed = novices.next<PowersChanged>('role:changed', (change) => change.powers.some((p) => p.roomId === room.id && p.probation === null));
    const confirmed: ChatSession = await expectStatus(hearth.http.post(api(`/chat/sessions/${session.id}/co-host/confirm`), undefined, as(leader)), 200);
    expect(confirmed).toMatchObject({ coHost: { id: novice.user.id }, coHostConfirmed: true });
    expect((await freed).powers).toEqual([{ roomId: room.id, powers: ['moderate', 'post'], probation: null }]);
    expect((await expectStatus(hearth.http.get(api(`/chat/rooms/${room.id}`), as(novice)), 200)).probation).toBeNull();
    await expectStatus(hearth.http.post(api(`/chat/rooms/${room.id}/bans`), { ...step, minutes: 60 }, as(novice)), 201);
    expect((await expectStatus(hearth.http.put(api(`/chat/rooms/${room.id}/freeze`), { frozen: true }, as(novice)), 200)).frozen).toBe(true);
  });

  it('runs a session only as a kind its room is tagged for', async () => {
    const wrong = await hearth.http.post(api(`/chat/rooms/${lounge.id}/sessions`), { topic: 'Support', kind: 'support-session', startNow: true }, as(admin));
    expect([...problem(wrong), wrong.body.detail]).toEqual([422, '/problems/session-kind-not-here', expect.stringContaining('“general”')]);
    expect(fields(await hearth.http.post(api(`/chat/rooms/${lounge.id}/sessions`), { topic: 'Support', kind: 'Support Session' }, as(admin)))).toEqual([400, true, ['kind']]);
    const plain: ChatRoom = await expectStatus(hearth.http.post(api('/chat/rooms'), { name: 'No tags' }, as(admin)), 201);
    expect(problem(await hearth.http.post(api(`/chat/rooms/${plain.id}/sessions`), { topic: 'Anything', kind: 'general', startsAt: '2030-01-01T18:00:00Z' }, as(admin)))).toEqual([
      422,
      '/problems/session-kind-not-here',
    ]);
    expect((await expectStatus(hearth.http.post(api(`/chat/rooms/${plain.id}/sessions`), { topic: 'Anything', startsAt: '2030-01-01T18:00:00Z' }, as(admin)), 201)).kind).toBe('untagged');
    expect((await expectStatus(hearth.http.post(api(`/chat/rooms/${lounge.id}/sessions`), { topic: 'Later', kind: 'general', startsAt: '2030-01-01T18:00:00Z' }, as(admin)), 201)).kind).toBe('general');
    // Nothing was started by the refusals.
    expect((await expectStatus(hearth.http.get(api(`/chat/rooms/${lounge.id}`), as(admin)), 200)).session).toBeNull();
  });
});
