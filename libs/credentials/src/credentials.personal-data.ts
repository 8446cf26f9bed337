import { Injectable } from '@nestjs/common';
import { formerMember, type RequestEvidence } from '@hearth/contracts';
import { Database, HoldsPersonalData, type PersonalDataHolder, reviewCommentsErasedSql, withoutNameOf } from '@hearth/platform';
import { BadgesRepository } from './badges.repository';
import { BadgesService } from './badges.service';
import { GrantsRepository } from './grants.repository';
import { CompletionsRepository } from './completions.repository';
import { GrantsService } from './grants.service';
import { ShadowingRepository } from './shadowing.repository';

const DELETED = 'The holder deleted their account.';

/**
 * Roles and badges, first in a deletion: every role is revoked and every badge revoked
 * (their events take the powers out of the chat at once), waiting requests are closed and
 * the answers copied into their evidence dropped, and the record of completed courses
 * (with the answers it quotes) and of sessions co-hosted deleted. The history of grants is append-only and
 * stays: it names the person by id only. A name copied into someone else's evidence (a
 * mentor who signed them off) is pseudonymised with the account.
 */
@Injectable()
@HoldsPersonalData()
export class CredentialsPersonalData implements PersonalDataHolder {
  readonly section = 'credentials';
  readonly stage = 'powers' as const;

  constructor(
    private readonly db: Database,
    private readonly grants: GrantsRepository,
    private readonly grantsService: GrantsService,
    private readonly badges: BadgesRepository,
    private readonly badgesService: BadgesService,
    private readonly shadowing: ShadowingRepository,
    private readonly completions: CompletionsRepository,
  ) {}

  async export(userId: string): Promise<Record<string, unknown>> {
    const [grants, history, requests, badges, roleBadges, shadowed, completions, hosted] = await Promise.all([
      this.grants.ofUser(userId),
      this.grants.events(userId),
      this.db.query<{ roleKey: string; status: string; createdAt: Date; decidedAt: Date | null; reason: string | null; evidence: RequestEvidence }>(
        'SELECT role_key, status, created_at, decided_at, reason, evidence FROM grant_request WHERE user_id = $1 ORDER BY created_at',
        [userId],
      ),
      this.badges.ofUser(userId),
      this.badges.roleBadgesOfUser(userId),
      this.shadowing.ofUser(userId),
      this.completions.ofUser(userId),
      this.db.query<{ sessionId: string; minutes: number; endedAt: Date }>('SELECT session_id, minutes, ended_at FROM hosted_session WHERE user_id = $1 ORDER BY ended_at', [userId]),
    ]);
    return {
      // The completions badges and roles rest on, with the answers they quote.
      completions: completions.map((c) => ({ course: c.courseTitle, version: c.version, completedAt: c.completedAt.toISOString(), evidence: c.evidence })),
      // Minutes of chat sessions led or co-hosted, as roles' activity rules count them.
      sessionsHosted: hosted.map((session) => ({ sessionId: session.sessionId, minutes: session.minutes, endedAt: session.endedAt.toISOString() })),
      // Sessions co-hosted and confirmed by their leaders, as shadowing toward roles.
      sessionsCoHosted: shadowed.map((session) => ({ topic: session.topic, room: session.roomName, minutes: session.minutes, confirmedAt: session.confirmedAt.toISOString() })),
      roles: grants.map((grant) => ({
        roleKey: grant.roleKey,
        roleVersion: grant.roleVersion,
        status: grant.status,
        how: grant.source,
        grantedAt: grant.grantedAt.toISOString(),
        expiresAt: grant.expiresAt?.toISOString() ?? null,
        suspensionReason: grant.suspensionReason,
      })),
      history: history.map((event) => ({ kind: event.kind, roleKey: event.roleKey, roleVersion: event.roleVersion, reason: event.reason, at: event.at.toISOString() })),
      requests: requests.map((request) => ({
        roleKey: request.roleKey,
        status: request.status,
        createdAt: request.createdAt.toISOString(),
        decidedAt: request.decidedAt?.toISOString() ?? null,
        reason: request.reason,
        evidence: request.evidence,
      })),
      // Each badge as issued: the signed credential is the person's to keep.
      badges: badges.map((badge) => ({
        name: badge.name,
        issuedAt: badge.issuedAt.toISOString(),
        revokedAt: badge.revokedAt?.toISOString() ?? null,
        revocationReason: badge.revocationReason,
        credential: badge.credential,
      })),
      roleBadges: roleBadges.map((badge) => ({
        roleKey: badge.roleKey,
        issuedAt: badge.issuedAt.toISOString(),
        endedAt: badge.endedAt?.toISOString() ?? null,
        endReason: badge.endReason,
        credential: badge.credential,
      })),
    };
  }

  async erase(userId: string, actorId: string): Promise<void> {
    await this.grantsService.revokeAllOf(userId, actorId, DELETED);
    await this.badgesService.revokeAllOf(userId, actorId, DELETED);
    await this.db.execute(`UPDATE grant_request SET evidence = jsonb_set(evidence, '{answers}', '[]'::jsonb) WHERE user_id = $1`, [userId]);
    await this.db.execute('DELETE FROM completion_record WHERE user_id = $1', [userId]);
    await this.db.execute('DELETE FROM shadowed_session WHERE user_id = $1', [userId]);
    await this.db.execute('DELETE FROM hosted_session WHERE user_id = $1', [userId]);
    // Their review comments copied into others' completions and requests go with their reviews.
    await this.db.execute(reviewCommentsErasedSql('completion_record', 'evidence', ['mentorId']), [userId]);
    await this.db.execute(reviewCommentsErasedSql('grant_request', 'evidence', ['reviewer', 'id']), [userId]);
    // Evidence of other people's requests that names this person (as the mentor who signed off or reviewed).
    const former = formerMember(userId);
    const naming = await this.db.query<{ id: string; evidence: RequestEvidence }>('SELECT id, evidence FROM grant_request WHERE user_id <> $1 AND evidence::text LIKE $2', [
      userId,
      `%${userId}%`,
    ]);
    for (const request of naming) {
      const evidence = withoutNameOf(request.evidence, former);
      if (evidence) await this.db.execute('UPDATE grant_request SET evidence = $2 WHERE id = $1', [request.id, JSON.stringify(evidence)]);
    }
  }
}
