import { Injectable } from '@nestjs/common';
import type { AuditEntry, AuditKind, Page } from '@hearth/contracts';
import { type AuthUser, UsersService } from '@hearth/identity';
import { decodeCursor, DEFAULT_PAGE_SIZE, toPage } from '@hearth/platform';
import { type AuditFilter, AuditRepository } from './audit.repository';

/** The audit log, as admins read it; its rows are written by AuditEvents (audit.events.ts). */
@Injectable()
export class AuditService {
  constructor(
    private readonly entries: AuditRepository,
    private readonly users: UsersService,
  ) {}

  /** Admins: newest first, by who did it, whom or what it concerned (an id or a username), and kind. */
  async list(caller: AuthUser, query: { actor?: string; subject?: string; kind?: AuditKind; cursor?: string; limit?: number }): Promise<Page<AuditEntry>> {
    await this.users.requireAdmin(caller);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const filter: AuditFilter = { kind: query.kind };
    if (query.actor) {
      const actorId = await this.personId(query.actor);
      if (!actorId) return { items: [], nextCursor: null };
      filter.actorId = actorId;
    }
    if (query.subject) filter.subject = (await this.personId(query.subject)) ?? query.subject;
    const [before] = (decodeCursor(query.cursor, ['serial']) ?? [null]) as [string | null];
    const page = toPage(await this.entries.page(filter, before, limit), limit, (row) => [row.id], (row) => row);
    const people = await this.users.summaries(page.items.flatMap((row) => [row.actorId, row.subjectUserId].filter((id): id is string => id !== null)));
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((row) => ({
        id: row.id,
        at: row.at.toISOString(),
        actor: row.actorId ? (people.get(row.actorId) ?? null) : null,
        kind: row.kind,
        subjectType: row.subjectType as AuditEntry['subjectType'],
        subjectId: row.subjectId,
        subjectUser: row.subjectUserId ? (people.get(row.subjectUserId) ?? null) : null,
        summary: row.summary,
        data: row.data,
      })),
    };
  }

  /** A user id as given, or the id of the user with this username. */
  private async personId(ref: string): Promise<string | null> {
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref)) return ref.toLowerCase();
    const found = await this.users.summariesByUsernames([ref.replace(/^@/, '')]);
    return [...found.values()][0]?.id ?? null;
  }
}
