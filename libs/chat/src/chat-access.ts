import { Injectable } from '@nestjs/common';
import type { ChatPower, UnmetCondition } from '@hearth/contracts';
import { CoursesService } from '@hearth/courses';
import { BadgesService, GrantsService, type HeldPowers } from '@hearth/credentials';
import { type AuthUser, UsersService } from '@hearth/identity';
import type { RoomRow, SessionRow } from './chat.repository';
import { ChatRepository } from './chat.repository';

/** What one person holds right now, read once and used for every room they look at. */
export interface Holder {
  userId: string;
  admin: boolean;
  powers: HeldPowers[];
  roleKeys: Set<string>;
  badgeCourseIds: Set<string>;
  bannedFrom: Map<string, Date>;
}

export interface Standing {
  canEnter: boolean;
  banned: Date | null;
  powers: ChatPower[];
}

/**
 * Who may do what in a room, decided on the server for every action from the roles held
 * now (never from anything the client says). A role's powers apply in the rooms its
 * effects name, by id or by tag: moderator → moderate; session_leader → lead sessions;
 * on_spot_host → host ad-hoc ones. Admins hold every power everywhere. A locked room opens
 * to holders of any role or course badge it names; a removal keeps someone out for a time.
 */
@Injectable()
export class ChatAccess {
  constructor(
    private readonly chat: ChatRepository,
    private readonly grants: GrantsService,
    private readonly badges: BadgesService,
    private readonly courses: CoursesService,
    private readonly users: UsersService,
  ) {}

  async holder(caller: AuthUser | { id: string }): Promise<Holder> {
    const [admin, powers, badgeCourseIds, bannedFrom] = await Promise.all([
      this.users.hasPlatformRole({ id: caller.id } as AuthUser, 'admin'),
      this.grants.powersOf(caller.id),
      this.badges.heldCourseIds(caller.id),
      this.chat.bannedFrom(caller.id),
    ]);
    return { userId: caller.id, admin, powers, roleKeys: new Set(powers.map((p) => p.roleKey)), badgeCourseIds, bannedFrom };
  }

  standing(holder: Holder, room: RoomRow, session: SessionRow | null): Standing {
    const covering = holder.powers.filter((power) => power.roomIds.includes(room.id) || power.roomTags.some((tag) => room.tags.includes(tag)));
    const powers = new Set<ChatPower>();
    if (holder.admin || covering.some((p) => p.bundle === 'moderator')) powers.add('moderate');
    if (holder.admin || covering.some((p) => p.bundle === 'session_leader')) powers.add('lead');
    if (holder.admin || covering.some((p) => p.bundle === 'on_spot_host')) powers.add('host');
    const banned = holder.bannedFrom.get(room.id) ?? null;
    // A lock opens only to what it names: a role that merely covers the room (by its tags)
    // opens nothing, and its powers count only once its holder is inside.
    const opensTo = !isLocked(room) || holder.admin || room.lockRoleKeys.some((key) => holder.roleKeys.has(key)) || room.lockCourseIds.some((id) => holder.badgeCourseIds.has(id));
    const canEnter = room.archivedAt === null && opensTo && (banned === null || holder.admin);
    // Read-only rooms are for facilitators to post in, and for a running session's co-host.
    const coHosting = session !== null && session.coHostId === holder.userId;
    if (canEnter && (!room.readOnly || powers.size > 0 || coHosting)) powers.add('post');
    return { canEnter, banned: holder.admin ? null : banned, powers: canEnter ? [...powers] : [] };
  }

  /**
   * For a locked room someone cannot enter: each role or badge that would open it, and what
   * it takes. `seen` carries each role's answer across the rooms of one list (many rooms
   * share a lock), so a role is looked at once per list.
   */
  async unmet(holder: Holder, room: RoomRow, seen = new Map<string, Promise<UnmetCondition[]>>()): Promise<UnmetCondition[]> {
    const byRole = await Promise.all(
      room.lockRoleKeys.map((key) => {
        if (!seen.has(key)) seen.set(key, this.roleSteps(holder.userId, key));
        return seen.get(key)!;
      }),
    );
    const unmet = byRole.flat();
    const courses = await this.courses.briefs(room.lockCourseIds);
    for (const id of room.lockCourseIds) {
      const course = courses.get(id);
      if (course) unmet.push({ kind: 'course', detail: `Earn the badge of “${course.title}” by completing it`, link: `/courses/${course.slug}` });
    }
    return unmet;
  }

  private async roleSteps(userId: string, key: string): Promise<UnmetCondition[]> {
    const eligibility = await this.grants.eligibilityFor(userId, key);
    if (!eligibility) return [];
    return [{ kind: 'role', detail: `Hold the role “${eligibility.roleName}”`, link: `/roles#${key}` }, ...eligibility.unmet.filter((condition) => condition.kind !== 'manual')];
  }
}

export function isLocked(room: RoomRow): boolean {
  return room.lockCourseIds.length > 0 || room.lockRoleKeys.length > 0;
}
