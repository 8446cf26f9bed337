import { Injectable } from '@nestjs/common';
import { type Appeal, APPEAL_DAYS, type Sanction, type UserSummary } from '@hearth/contracts';
import { UsersService } from '@hearth/identity';
import { Clock } from '@hearth/platform';
import type { AppealRow, SanctionRow } from './sanctions.repository';
import { SanctionsRepository } from './sanctions.repository';
import { StandingRepository } from './standing.repository';

const DAY_MS = 86_400_000;

/**
 * Who reads a sanction, which decides what they see of it: the person it names sees why,
 * for how long, the message and their appeal, but not which moderator acted; the room's
 * moderators see the step and who took it, and of an appeal only where it stands (it is
 * between the person and the admins); admins see everything.
 */
export interface SanctionViewer {
  userId: string;
  admin: boolean;
}

/** Sanctions as the person, the room's moderators and admins read them: names, the appeal, whether it holds now. */
@Injectable()
export class SanctionViews {
  constructor(
    private readonly sanctions: SanctionsRepository,
    private readonly standings: StandingRepository,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  async of(rows: SanctionRow[], viewer: SanctionViewer, now = this.clock.now().getTime()): Promise<Sanction[]> {
    const appeals = await this.sanctions.appealsOf(rows.map((row) => row.id));
    const [people, roles] = await Promise.all([
      this.users.summaries([
        ...rows.flatMap((row) => [row.userId, row.actorId].filter((id): id is string => id !== null)),
        ...[...appeals.values()].flatMap((appeal) => (appeal.decidedBy ? [appeal.decidedBy] : [])),
      ]),
      this.standings.roleNames([...new Set(rows.flatMap((row) => (row.roleKey ? [row.roleKey] : [])))]),
    ]);
    return rows.flatMap((row) => {
      const user = people.get(row.userId);
      if (!user) return [];
      const appeal = appeals.get(row.id) ?? null;
      const own = row.userId === viewer.userId;
      const seesAppeal = own || viewer.admin;
      const holds = row.kind === 'mute' || row.kind === 'ban' || row.kind === 'role_suspended';
      return [
        {
          id: row.id,
          kind: row.kind,
          room: { id: row.roomId, name: row.roomName },
          user,
          actor: !own && row.actorId ? (people.get(row.actorId) ?? null) : null,
          reasonCode: row.reasonCode,
          reason: row.reasonNote,
          minutes: row.minutes,
          createdAt: row.createdAt.toISOString(),
          endsAt: row.endsAt?.toISOString() ?? null,
          inForce: holds && !row.liftedAt && row.endsAt !== null && row.endsAt.getTime() > now,
          messageBody: row.messageBody,
          roleName: row.roleKey ? (roles.get(row.roleKey) ?? row.roleKey) : null,
          liftedAt: row.liftedAt?.toISOString() ?? null,
          appeal: appeal ? appealView(appeal, people, seesAppeal) : null,
          canAppeal: own && appeal === null && !row.liftedAt && now - row.createdAt.getTime() < APPEAL_DAYS * DAY_MS,
        },
      ];
    });
  }
}

/** An appeal; without its words for a reader who is neither the person nor an admin. */
function appealView(row: AppealRow, people: Map<string, UserSummary>, whole: boolean): Appeal {
  return {
    id: row.id,
    status: row.status,
    body: whole ? row.body : '',
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decidedBy: row.decidedBy ? (people.get(row.decidedBy) ?? null) : null,
    decisionNote: whole ? row.decisionNote : null,
  };
}
