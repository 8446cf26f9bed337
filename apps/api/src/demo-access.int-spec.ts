import { CoverageService, MessagesService, RoomsService, SessionsService } from '@hearth/chat';
import { CoursesService } from '@hearth/courses';
import type { ChatPower, ChatRoom } from '@hearth/contracts';
import { GrantsService } from '@hearth/credentials';
import { type AuthUser, UsersService } from '@hearth/identity';
import { createIntegrationContext, type IntegrationContext } from '@hearth/platform/testing';
import { CONTEXT_MODULES } from './app.module';
import { loadDemoData } from './demo-data';

/**
 * Every shipped facilitator role against every demo room: who may enter, and what they may
 * do once in. A role that covers a room (by its tags) gives powers there only if its holder
 * may enter: an On-spot Host covers `general` rooms, and the Moderators' room is tagged
 * `general` but locked to moderators.
 */
describe('the demo rooms for every shipped role (PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let rooms: ChatRoom[];
  const people = new Map<string, AuthUser>();

  beforeAll(async () => {
    ctx = await createIntegrationContext(CONTEXT_MODULES);
    await loadDemoData(ctx.module);
    const users = ctx.get(UsersService);
    const grants = ctx.get(GrantsService);
    const admin = (await users.actingAs('admin'))!;
    const newPerson = async (name: string, roleKeys: string[]) => {
      const user = await users.create({ email: `${name}@example.org`, username: name, displayName: name, password: 'correct horse battery staple', platformRoles: [] });
      const person = (await users.actingAs(user.username))!;
      for (const key of roleKeys) await grants.grantByHand(admin, person.id, key, 'For the test');
      people.set(name, person);
    };
    people.set('admin', admin);
    people.set('member', (await users.actingAs('sam'))!);
    await newPerson('moderator', ['moderator']);
    // A session leader's role builds on the moderator's: both are held.
    await newPerson('leader', ['moderator', 'session_leader']);
    await newPerson('host', ['on_spot_host']);
    rooms = await ctx.get(RoomsService).list(admin);
  });
  afterAll(() => ctx.close());

  const LOUNGE = 'Welcome lounge';
  const CIRCLE = 'Support circle';
  const MODERATORS = 'Moderators’ room';
  const PRACTICE = 'Practice room';
  const CLOSED = null;
  /** Who enters which room with which powers; CLOSED where the room stays shut. */
  const expected: Record<string, Record<string, ChatPower[] | null>> = {
    // No shipped role covers the practice room: its sessions are trainees' own, whatever they hold.
    member: { [LOUNGE]: ['post'], [CIRCLE]: ['post'], [MODERATORS]: CLOSED, [PRACTICE]: ['post'] },
    moderator: { [LOUNGE]: ['moderate', 'post'], [CIRCLE]: ['moderate', 'post'], [MODERATORS]: ['moderate', 'post'], [PRACTICE]: ['post'] },
    leader: { [LOUNGE]: ['moderate', 'post'], [CIRCLE]: ['lead', 'moderate', 'post'], [MODERATORS]: ['moderate', 'post'], [PRACTICE]: ['post'] },
    host: { [LOUNGE]: ['host', 'post'], [CIRCLE]: ['post'], [MODERATORS]: CLOSED, [PRACTICE]: ['post'] },
    admin: {
      [LOUNGE]: ['host', 'lead', 'moderate', 'post'],
      [CIRCLE]: ['host', 'lead', 'moderate', 'post'],
      [MODERATORS]: ['host', 'lead', 'moderate', 'post'],
      [PRACTICE]: ['host', 'lead', 'moderate', 'post'],
    },
  };
  const codeOf = (promise: Promise<unknown>) => promise.then(() => 'ok', (error: { code?: string }) => error.code ?? String(error));
  const cases = Object.entries(expected).flatMap(([who, byRoom]) => Object.entries(byRoom).map(([room, powers]) => ({ who, room, powers })));

  it('has the four demo rooms', () => {
    expect(rooms.map((room) => room.name).sort()).toEqual([CIRCLE, LOUNGE, MODERATORS, PRACTICE].sort());
  });

  it('lets Riley, enrolled, lead a practice session from the demo script in the practice room, with the mentor observing', async () => {
    const users = ctx.get(UsersService);
    const [riley, mentor] = [(await users.actingAs('riley'))!, (await users.actingAs('mentor'))!];
    const outline = await ctx.get(CoursesService).outline(riley, 'group-support-foundations');
    const script = outline.modules.flatMap((module) => module.items).find((item) => item.type === 'script')!;
    expect(script.title).toBe('Leading a check-in circle');
    const practice = rooms.find((room) => room.name === PRACTICE)!;
    const sessions = ctx.get(SessionsService);
    const session = await sessions.create(riley, practice.id, { topic: 'Riley’s first circle', practice: { courseId: outline.id, scriptItemId: script.id } });
    const view = await sessions.observe(mentor, session.id);
    expect(view.rubric.criteria.map((criterion) => criterion.key)).toEqual(['opening', 'listening', 'pacing', 'closing']);
    expect(view.script.steps).toHaveLength(4);
    await sessions.end(riley, session.id);
  });

  it('has this week’s rota: the lounge covered on weekday evenings, the moderators’ room not at all', async () => {
    const week = await ctx.get(CoverageService).week(people.get('admin')!);
    const byName = new Map(week.rooms.map((room) => [room.room.name, room]));
    const hours = (name: string, day: number) => byName.get(name)!.days[day].covered.flatMap((covered, hour) => (covered ? [hour] : []));
    expect(hours(LOUNGE, 0)).toEqual([18, 19, 20, 21]);
    expect(hours(LOUNGE, 5)).toEqual([]);
    expect(hours(CIRCLE, 5)).toEqual([9, 10, 11, 12]);
    expect(byName.get(MODERATORS)!.uncoveredHours).toBe(168);
  });

  it.each(cases)('$who in $room: $powers', async ({ who, room: name, powers }) => {
    const person = people.get(who)!;
    const room = rooms.find((r) => r.name === name)!;
    const seen = await ctx.get(RoomsService).get(person, room.id);
    expect({ canEnter: seen.canEnter, powers: [...seen.powers].sort() }).toEqual({ canEnter: powers !== CLOSED, powers: powers ?? [] });

    const messages = ctx.get(MessagesService);
    const sessions = ctx.get(SessionsService);
    if (powers === CLOSED) {
      // Shut for every way in: reading, joining, posting, who is here, sessions.
      expect(await codeOf(messages.history(person, room.id, {}))).toBe('room-closed');
      expect(await codeOf(messages.join(person, room.id, undefined))).toBe('room-closed');
      expect(await codeOf(messages.send(person, room.id, 'Let me in'))).toBe('room-closed');
      expect(await codeOf(ctx.get(RoomsService).people(person, room.id))).toBe('room-closed');
      expect(await codeOf(sessions.create(person, room.id, { topic: 'On the spot', startNow: true }))).toBe('room-closed');
      expect(await codeOf(sessions.upcoming(person, room.id))).toBe('room-closed');
      return;
    }
    expect(await codeOf(messages.history(person, room.id, {}))).toBe('ok');
    expect(await codeOf(messages.send(person, room.id, `Hello from ${who}`))).toBe('ok');
  });
});
