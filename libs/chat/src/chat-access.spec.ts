import type { RoomRow } from './chat.repository';
import { type Member, type PracticeStanding, postingIn, practiceLeadRefusal, practiceObserveRefusal, practiceReviewRefusal, standingIn } from './chat-access';

const room = (changes: Partial<RoomRow> = {}) =>
  ({ id: 'room-1', name: 'Lounge', tags: ['general'], readOnly: false, frozen: false, archivedAt: null, lockCourseIds: [], lockRoleKeys: [], slowModeSeconds: 0, ...changes }) as RoomRow;
const person = (changes: Partial<Member> = {}): Member => ({ userId: 'u-1', username: 'ada', displayName: 'Ada', admin: false, roles: [], badgeCourseIds: [], ...changes });
const moderator = person({ roles: [{ key: 'moderator', name: 'Chat Room Moderator', bundle: 'moderator', roomIds: [], roomTags: ['general'], probation: null, confirmed: 0 }] });
const posting = (member: Member, where: RoomRow, mutedUntil: Date | null = null) => postingIn(member, where, standingIn(member, where, { bannedUntil: null, session: null }), mutedUntil);

describe('postingIn: who may post in a room now, and why not', () => {
  const inAnHour = new Date(Date.now() + 3_600_000);

  it('lets a member post in an open room', () => {
    expect(posting(person(), room())).toBeNull();
  });

  it('keeps a read-only room for its facilitators', () => {
    expect(posting(person(), room({ readOnly: true }))).toMatchObject({ code: 'room-read-only', until: null });
    expect(posting(moderator, room({ readOnly: true }))).toBeNull();
  });

  it('stops members, not facilitators, while a moderator has locked the room', () => {
    expect(posting(person(), room({ frozen: true }))).toMatchObject({ code: 'room-frozen', until: null });
    expect(posting(moderator, room({ frozen: true }))).toBeNull();
    expect(posting(person({ admin: true }), room({ frozen: true }))).toBeNull();
  });

  it('says until when a muted member may not post, and lets a muted facilitator through', () => {
    expect(posting(person(), room(), inAnHour)).toEqual({ code: 'muted', reason: 'You are muted in this room', until: inAnHour });
    expect(posting(moderator, room(), inAnHour)).toBeNull();
  });
});

describe('practice sessions: who leads, observes and scores them, in each kind of room', () => {
  const rooms = {
    practice: room({ id: 'practice', tags: ['practice'] }),
    general: room({ id: 'general', tags: ['general'] }),
    lockedPractice: room({ id: 'locked', tags: ['practice'], lockRoleKeys: ['moderator'] }),
  };
  const leader = 'u-trainee';
  const people: Record<string, { member: Member; practice: PracticeStanding }> = {
    trainee: { member: person({ userId: leader }), practice: { enrolled: true, mentor: false, practicum: true } },
    outsider: { member: person({ userId: 'u-outsider' }), practice: { enrolled: false, mentor: false, practicum: true } },
    mentor: { member: person({ userId: 'u-mentor' }), practice: { enrolled: false, mentor: true, practicum: true } },
    moderator: { member: { ...moderator, userId: 'u-mod', roles: [{ ...moderator.roles[0], roomTags: ['general', 'practice'] }] }, practice: { enrolled: false, mentor: false, practicum: true } },
    admin: { member: person({ userId: 'u-admin', admin: true }), practice: { enrolled: false, mentor: false, practicum: true } },
  };
  const standing = (who: keyof typeof people, where: keyof typeof rooms) => standingIn(people[who].member, rooms[where], { bannedUntil: null, session: null });
  const lead = (who: keyof typeof people, where: keyof typeof rooms) => practiceLeadRefusal(rooms[where], standing(who, where), people[who].practice)?.kind ?? 'ok';
  const observe = (who: keyof typeof people, where: keyof typeof rooms, observerId: string | null = null) =>
    practiceObserveRefusal(people[who].member, standing(who, where), { leaderId: leader, observerId }, people[who].practice)?.kind ?? 'ok';
  const review = (who: keyof typeof people, observerId: string | null) => practiceReviewRefusal(people[who].member, { leaderId: leader, observerId }, people[who].practice)?.kind ?? 'ok';

  it('lets only an enrolled trainee lead one, and only in a practice room they may enter', () => {
    expect(Object.keys(people).map((who) => [who, lead(who, 'practice'), lead(who, 'general'), lead(who, 'lockedPractice')])).toEqual([
      ['trainee', 'ok', 'rule', 'forbidden'],
      ['outsider', 'forbidden', 'rule', 'forbidden'],
      ['mentor', 'forbidden', 'rule', 'forbidden'],
      // Powers play no part: a moderator covering the room, or an admin, is not a trainee of the course.
      ['moderator', 'forbidden', 'rule', 'forbidden'],
      ['admin', 'forbidden', 'rule', 'forbidden'],
    ]);
  });

  it('asks for a course with a practicum', () => {
    expect(practiceLeadRefusal(rooms.practice, standing('trainee', 'practice'), { enrolled: true, mentor: false, practicum: false })).toEqual({ kind: 'rule', reason: 'This course asks for no practicum.' });
  });

  it('lets the course’s mentors and admins observe, never the trainee leading it, wherever they may enter', () => {
    expect(Object.keys(people).map((who) => [who, observe(who, 'practice'), observe(who, 'general'), observe(who, 'lockedPractice')])).toEqual([
      ['trainee', 'forbidden', 'forbidden', 'forbidden'],
      ['outsider', 'forbidden', 'forbidden', 'forbidden'],
      ['mentor', 'ok', 'ok', 'forbidden'],
      ['moderator', 'forbidden', 'forbidden', 'forbidden'],
      ['admin', 'ok', 'ok', 'ok'],
    ]);
  });

  it('lets the observing mentor (or an admin) score it; nobody scores a session nobody observed', () => {
    expect(Object.keys(people).map((who) => [who, review(who, 'u-mentor'), review(who, 'u-other-mentor'), review(who, null)])).toEqual([
      ['trainee', 'forbidden', 'forbidden', 'forbidden'],
      ['outsider', 'forbidden', 'forbidden', 'forbidden'],
      ['mentor', 'ok', 'forbidden', 'rule'],
      ['moderator', 'forbidden', 'forbidden', 'forbidden'],
      ['admin', 'ok', 'ok', 'rule'],
    ]);
  });
});
