import type { RoomRow } from './chat.repository';
import { type Member, postingIn, standingIn } from './chat-access';

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
