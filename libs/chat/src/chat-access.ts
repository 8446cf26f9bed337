import type { ChatPower, PermissionBundle, PostingClosed, ProbationRule, ProbationStanding } from '@hearth/contracts';
import type { RoomRow, SessionRow } from './chat.repository';

/** A role in force as the chat's read model has it, with how far its holder is through probation. */
export interface MemberRole {
  key: string;
  name: string;
  bundle: PermissionBundle;
  roomIds: string[];
  roomTags: string[];
  probation: ProbationRule | null;
  /** Co-hosted sessions confirmed since the grant. */
  confirmed: number;
}

/** One person's chat standing, read in one query from the chat's own tables (StandingRepository). */
export interface Member {
  userId: string;
  username: string;
  displayName: string;
  admin: boolean;
  roles: MemberRole[];
  badgeCourseIds: string[];
}

/** What a person may do in one room now. */
export interface Standing {
  canEnter: boolean;
  banned: Date | null;
  powers: ChatPower[];
  /** Set while the powers that let them moderate here are all a new holder's. */
  probation: ProbationStanding | null;
}

const POWER_OF: Record<PermissionBundle, ChatPower> = { moderator: 'moderate', session_leader: 'lead', on_spot_host: 'host' };
const ALL_POWERS: ChatPower[] = ['host', 'lead', 'moderate', 'post'];

export function isLocked(room: RoomRow): boolean {
  return room.lockCourseIds.length > 0 || room.lockRoleKeys.length > 0;
}

/** Whether a role's effects name the room, by id or by one of its tags. */
export function covers(role: Pick<MemberRole, 'roomIds' | 'roomTags'>, room: Pick<RoomRow, 'id' | 'tags'>): boolean {
  return role.roomIds.includes(room.id) || role.roomTags.some((tag) => room.tags.includes(tag));
}

/** Whether a locked room's lock names something the person holds (admins hold the key to every room). */
export function opensTo(member: Member, room: RoomRow): boolean {
  return (
    !isLocked(room) ||
    member.admin ||
    room.lockRoleKeys.some((key) => member.roles.some((role) => role.key === key)) ||
    room.lockCourseIds.some((id) => member.badgeCourseIds.includes(id))
  );
}

/**
 * Who may do what in a room, decided on the server for every action from the chat's read
 * model of the roles and badges held now (never from anything the client says).
 *
 * A locked room opens only to admins and to holders of a role or course badge its lock
 * names; a role that merely covers the room (by its tags) opens nothing. A role's powers
 * (moderator → moderate; session_leader → lead sessions; on_spot_host → host ad-hoc ones)
 * apply in the rooms its effects name, and only once its holder may enter them. Admins
 * hold every power everywhere. A removal keeps someone out until it ends. A role whose
 * definition puts new holders on probation moderates with smaller powers until enough of
 * their co-hosted sessions are confirmed; a second role moderating the room without
 * probation lifts the limit.
 */
export function standingIn(member: Member, room: RoomRow, context: { bannedUntil: Date | null; session: SessionRow | null }): Standing {
  const banned = member.admin ? null : context.bannedUntil;
  const canEnter = room.archivedAt === null && opensTo(member, room) && banned === null;
  if (!canEnter) return { canEnter: false, banned, powers: [], probation: null };
  const covering = member.roles.filter((role) => covers(role, room));
  const powers = new Set<ChatPower>(member.admin ? ALL_POWERS : covering.map((role) => POWER_OF[role.bundle]));
  // Read-only rooms are for facilitators to post in, and for a running session's co-host.
  const coHosting = context.session !== null && context.session.coHostId === member.userId;
  if (!room.readOnly || powers.size > 0 || coHosting) powers.add('post');
  return { canEnter, banned: null, powers: ALL_POWERS.filter((power) => powers.has(power)), probation: member.admin ? null : probationIn(covering) };
}

/** The limits on moderating in a room, if every role that moderates there is still on probation. */
function probationIn(covering: MemberRole[]): ProbationStanding | null {
  const moderating = covering.filter((role) => role.bundle === 'moderator');
  const onProbation = moderating.filter((role) => role.probation !== null && role.confirmed < role.probation.sessions);
  if (moderating.length === 0 || onProbation.length < moderating.length) return null;
  // Held under several probationary roles: the most generous limit, the nearest end.
  const best = onProbation.reduce((a, b) => (b.probation!.maxMinutes > a.probation!.maxMinutes ? b : a));
  const nearest = onProbation.reduce((a, b) => (b.probation!.sessions - b.confirmed < a.probation!.sessions - a.confirmed ? b : a));
  return { maxMinutes: best.probation!.maxMinutes, mayLockRoom: false, confirmed: nearest.confirmed, needed: nearest.probation!.sessions };
}

/**
 * Whether someone may post in a room now, and if not why: the one rule that the send
 * refuses by and the room's view tells the person (slow mode and the rate limit, which
 * last seconds, are the send's alone). Facilitators post through a moderator's lock and a mute.
 */
export function postingIn(member: Member, room: RoomRow, standing: Standing, mutedUntil: Date | null): (Omit<PostingClosed, 'until'> & { until: Date | null }) | null {
  if (!standing.powers.includes('post')) return { code: 'room-read-only', reason: 'Only the room’s facilitators post here.', until: null };
  if (isFacilitator(member, standing)) return null;
  if (room.frozen) return { code: 'room-frozen', reason: 'A moderator has locked the room for now; only facilitators post until it opens again.', until: null };
  if (mutedUntil) return { code: 'muted', reason: 'You are muted in this room', until: mutedUntil };
  return null;
}

/**
 * Whether someone facilitates the room by a role (moderator, session leader or on-spot host
 * covering it): who makes a room "hosted". Admins hold every power but are not counted, as
 * an admin looking in is not on duty.
 */
export function facilitates(member: Member, room: Pick<RoomRow, 'id' | 'tags'>): boolean {
  return member.roles.some((role) => covers(role, room));
}

/** A facilitator of the room (any power beyond posting) or an admin: moderators do not act on them. */
export function isFacilitator(member: Member, standing: Standing): boolean {
  return member.admin || standing.powers.some((power) => power !== 'post');
}

/** Someone's part in the course a practice session runs for, as the courses context tells it. */
export interface PracticeStanding {
  enrolled: boolean;
  /** A mentor of the course (course staff with the role `mentor`). */
  mentor: boolean;
  /** The course's published version has a practicum requirement. */
  practicum: boolean;
}

/** Why a practice step is refused: `forbidden` (403) or `rule` (422), with words for the person. */
export interface PracticeRefusal {
  kind: 'forbidden' | 'rule';
  reason: string;
}

/**
 * Practice sessions: a trainee enrolled in a course with a practicum leads one, in a room
 * tagged `practice` that they may enter, from one of the course's scripts; their roles and
 * powers play no part (a moderator or an admin not enrolled leads none). A mentor of that
 * course, or an admin, observes it and, once it has ended, scores it; never the trainee
 * leading it, and once a mentor observes, only they (or an admin) score it.
 */
export function practiceLeadRefusal(room: Pick<RoomRow, 'tags'>, standing: Standing, practice: PracticeStanding): PracticeRefusal | null {
  if (!standing.canEnter) return { kind: 'forbidden', reason: 'You cannot enter this room.' };
  if (!room.tags.includes('practice')) return { kind: 'rule', reason: 'Practice sessions run in practice rooms (tagged “practice”).' };
  if (!practice.practicum) return { kind: 'rule', reason: 'This course asks for no practicum.' };
  if (!practice.enrolled) return { kind: 'forbidden', reason: 'Only trainees enrolled in the course lead its practice sessions.' };
  return null;
}

export function practiceObserveRefusal(member: Member, standing: Standing, session: Pick<SessionRow, 'leaderId' | 'observerId'>, practice: PracticeStanding): PracticeRefusal | null {
  if (!standing.canEnter) return { kind: 'forbidden', reason: 'You cannot enter this room.' };
  if (session.leaderId === member.userId) return { kind: 'forbidden', reason: 'You lead this session; a mentor observes it.' };
  if (!practice.mentor && !member.admin) return { kind: 'forbidden', reason: 'Only the course’s mentors observe its practice sessions.' };
  return null;
}

export function practiceReviewRefusal(member: Member, session: Pick<SessionRow, 'leaderId' | 'observerId'>, practice: PracticeStanding): PracticeRefusal | null {
  if (session.leaderId === member.userId) return { kind: 'forbidden', reason: 'A mentor scores your practice session, not you.' };
  if (!practice.mentor && !member.admin) return { kind: 'forbidden', reason: 'Only the course’s mentors score its practice sessions.' };
  if (session.observerId === null) return { kind: 'rule', reason: 'No mentor observed this session; a mentor joins as observer before scoring it.' };
  if (session.observerId !== member.userId && !member.admin) return { kind: 'forbidden', reason: 'The mentor who observed this session scores it.' };
  if (!practice.practicum) return { kind: 'rule', reason: 'This course asks for no practicum any more.' };
  return null;
}
