import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type BadgeSummary, type BadgeVerification, describeRequirement } from '@hearth/contracts';
import { CoursesService } from '@hearth/courses';
import { type AuthUser, UsersService } from '@hearth/identity';
import { Database, DomainEvents, type HearthConfig, InjectConfig } from '@hearth/platform';
import { BADGE_CONTEXTS, BadgeIssuer, credentialDate } from './badge-issuer';
import type { JsonObject } from './badge-signing';
import { type BadgeRow, BadgesRepository, type PublicBadgeRow } from './badges.repository';
import { CompletionsRepository } from './completions.repository';
import { CredentialStatus } from './credential-status';
import { CredentialsError, CredentialsErrorCode } from './credentials.errors';
import { GrantsRepository } from './grants.repository';
import { RolesRepository } from './roles.repository';

/**
 * Badges as Open Badges 3.0 credentials. Completing a course awards its badge, and being
 * granted a role the role's: an OpenBadgeCredential naming the course or the role as the
 * achievement and its holder by a salted hash of their e-mail address, signed with the
 * instance's key (BadgeIssuer) as an `eddsa-jcs-2022` Data Integrity proof. The signed
 * document is stored as issued and served as is; revocation and suspension are published in
 * the Bitstring Status Lists its `credentialStatus` names (CredentialStatus) and by the
 * verification route, never by editing the document. A role badge follows its grant: it is
 * suspended while the grant is, and revoked for good when the grant is revoked or expires.
 */
@Injectable()
export class BadgesService implements OnApplicationBootstrap {
  constructor(
    @InjectConfig() private readonly config: HearthConfig,
    private readonly db: Database,
    private readonly events: DomainEvents,
    private readonly badges: BadgesRepository,
    private readonly courses: CoursesService,
    private readonly completions: CompletionsRepository,
    private readonly users: UsersService,
    private readonly issuerKey: BadgeIssuer,
    private readonly status: CredentialStatus,
    private readonly grants: GrantsRepository,
    private readonly roles: RolesRepository,
  ) {}

  /** A badge names its holder's address, so it waits for the address to be verified; then come those earned meanwhile, course and role badges. */
  async awardEarnedMeanwhile(userId: string): Promise<void> {
    for (const { courseId } of await this.completions.ofUser(userId)) await this.award(userId, courseId);
    for (const grant of await this.grants.held(userId)) await this.awardRole(grant.id);
  }

  /**
   * Roles held since before role badges get theirs at the first start with them (and any
   * whose holder's address is still unverified are looked at again at each start). Two
   * instances starting together issue one badge per grant: the second insert is a no-op.
   */
  async onApplicationBootstrap(): Promise<void> {
    for (const grantId of await this.badges.heldGrantsWithoutRoleBadge()) await this.awardRole(grantId);
  }

  /** The issuer's profile, with the public key verifiers check signatures with. */
  issuer(): Promise<JsonObject> {
    return this.issuerKey.profile();
  }

  /** The signed credential, exactly as issued (revoked or suspended or not: the status lists and the verification say which). */
  async credential(assertionId: string): Promise<JsonObject> {
    return (await this.findPublic(assertionId)).credential;
  }

  async verify(assertionId: string): Promise<BadgeVerification> {
    const badge = await this.findPublic(assertionId);
    const signatureValid = await this.issuerKey.verify(badge.credential);
    const revoked = badge.revokedAt !== null;
    return {
      assertionId,
      kind: badge.kind,
      signatureValid,
      revoked,
      revokedAt: badge.revokedAt?.toISOString() ?? null,
      revocationReason: badge.revocationReason,
      suspended: badge.suspended,
      suspendedUntil: badge.suspendedUntil?.toISOString() ?? null,
      valid: signatureValid && !revoked && !badge.suspended,
      issuer: this.issuerKey.url,
      verificationMethod: this.issuerKey.verificationMethod,
    };
  }

  /** The 1EdTech revocation list that badges issued before the Bitstring Status Lists point to. */
  async revocations(): Promise<JsonObject> {
    const revoked = await this.badges.revoked();
    return {
      id: `${this.config.publicUrl}/api/v1/badges/revocations`,
      issuer: this.issuerKey.url,
      revokedCredentials: revoked.map((badge) => ({ id: this.credentialId(badge.id), revoked: true, ...(badge.revocationReason ? { revocationReason: badge.revocationReason } : {}) })),
    };
  }

  /** The courses whose badge someone holds (not revoked): the chat's badge locks ask for these. */
  async heldCourseIds(userId: string): Promise<Set<string>> {
    return new Set((await this.badges.ofUser(userId)).filter((badge) => !badge.revokedAt).map((badge) => badge.courseId));
  }

  async of(userId: string): Promise<BadgeSummary[]> {
    return (await this.badges.ofUser(userId)).map((badge) => this.summary(badge));
  }

  async revoke(caller: AuthUser, assertionId: string, reason: string): Promise<BadgeSummary> {
    await this.users.requireAdmin(caller);
    return this.db.transaction(async () => {
      const badge = await this.badges.lock(assertionId);
      if (!badge) throw notFound();
      if (badge.revokedAt) throw new CredentialsError(CredentialsErrorCode.BadgeRevoked, 'This badge is revoked already.');
      await this.badges.revoke(badge.id, caller.id, reason);
      await this.events.publish('badge.revoked', { assertionId: badge.id, userId: badge.userId, courseId: badge.courseId, actorId: caller.id, reason });
      return this.summary({ ...badge, revokedAt: new Date(), revocationReason: reason });
    });
  }

  /** Every badge the person holds revoked, for a reason (their account is being deleted), inside the caller's transaction. */
  async revokeAllOf(userId: string, actorId: string, reason: string): Promise<void> {
    for (const badge of await this.badges.ofUser(userId)) {
      if (badge.revokedAt) continue;
      await this.badges.revoke(badge.id, actorId, reason);
      await this.events.publish('badge.revoked', { assertionId: badge.id, userId, courseId: badge.courseId, actorId, reason });
    }
  }

  /** An SVG medal for courses without a cover image: the course's initials. */
  async image(courseId: string): Promise<string> {
    const course = (await this.courses.briefs([courseId])).get(courseId);
    if (!course) throw notFound();
    const initials = course.title
      .split(/\s+/)
      .filter((word) => /^[\p{L}\p{N}]/u.test(word))
      .slice(0, 3)
      .map((word) => [...word][0].toUpperCase())
      .join('');
    const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" role="img" aria-label="${escape(course.title)}">
  <circle cx="100" cy="100" r="92" fill="#b3541e"/><circle cx="100" cy="100" r="78" fill="none" stroke="#fff3e0" stroke-width="4"/>
  <text x="100" y="118" font-family="sans-serif" font-size="54" font-weight="700" fill="#fff3e0" text-anchor="middle">${escape(initials)}</text>
</svg>`;
  }

  /** Awards the course's badge for a completion, once per person and course, to a verified address only. */
  async award(userId: string, courseId: string): Promise<void> {
    const [completion, course, contacts] = await Promise.all([
      this.completions.find(userId, courseId),
      this.courses.briefs([courseId]).then((courses) => courses.get(courseId)),
      this.users.contacts([userId]),
    ]);
    const recipient = contacts.get(userId);
    if (!completion || !course || !recipient?.emailVerified) return;
    const id = randomUUID();
    const issuedAt = completion.completedAt;
    const statusIndex = await this.badges.nextStatusIndex();
    const criteria = `Completed “${course.title}” (version ${completion.version}) on ${this.config.instanceName}: ${completion.evidence.requirements.map(describeRequirement).join('; ')}.`;
    const image = course.coverImageUrl?.startsWith('https://') ? course.coverImageUrl : `${this.config.publicUrl}/api/v1/badges/achievements/${course.id}/image.svg`;
    const credential = await this.signed(id, issuedAt, null, recipient.email, statusIndex, {
      id: `${this.config.publicUrl}/api/v1/badges/achievements/${course.id}`,
      type: ['Achievement'],
      name: course.title,
      description: course.summary || course.title,
      criteria: { narrative: criteria },
      image: { id: image, type: 'Image' },
    });
    const created = await this.badges.insert({ id, userId, courseId, courseVersion: completion.version, name: course.title, description: course.summary, issuedAt, credential, statusIndex });
    if (created) await this.events.publish('badge.awarded', { assertionId: id, userId, courseId, name: course.title });
  }

  /**
   * The role's badge for a grant held now, unless it has one in force (a suspension lifted
   * keeps its badge); to a verified address only, like course badges. Valid until the
   * grant's end, if it has one.
   */
  async awardRole(grantId: string): Promise<void> {
    const grant = await this.grants.findGrant(grantId);
    if (!grant || (grant.status !== 'active' && grant.status !== 'suspended')) return;
    if ((await this.badges.liveRoleBadges([grant.id])).has(grant.id)) return;
    const [role, contacts] = await Promise.all([this.roles.version(grant.roleKey, grant.roleVersion), this.users.contacts([grant.userId])]);
    const recipient = contacts.get(grant.userId);
    if (!role || !recipient?.emailVerified) return;
    const id = randomUUID();
    const issuedAt = new Date();
    const statusIndex = await this.badges.nextStatusIndex();
    const credential = await this.signed(id, issuedAt, grant.expiresAt, recipient.email, statusIndex, {
      id: `${this.config.publicUrl}/api/v1/badges/achievements/roles/${encodeURIComponent(role.key)}`,
      type: ['Achievement'],
      name: role.name,
      description: role.description || role.name,
      criteria: { narrative: `Holds the ${role.name} role on ${this.config.instanceName} (version ${role.version} of its definition), granted ${grant.source === 'manual' ? 'by an admin' : grant.source === 'review' ? 'on an admin’s review of the evidence' : 'on meeting its requirements'}.` },
    });
    await this.badges.insertRoleBadge({ id, grantId: grant.id, userId: grant.userId, statusIndex, issuedAt, credential });
  }

  /** The grant was revoked or expired: its badge ends for good (a grant made active again later gets a new one). */
  async endRoleBadge(grantId: string, reason: string | null): Promise<void> {
    await this.badges.endRoleBadge(grantId, reason);
  }

  /** An OpenBadgeCredential for `achievement`, to the holder of `email` (salted and hashed), signed. */
  private signed(id: string, issuedAt: Date, validUntil: Date | null, email: string, statusIndex: number, achievement: JsonObject): Promise<JsonObject> {
    const salt = randomBytes(16).toString('hex');
    const validFrom = credentialDate(issuedAt);
    const unsigned: JsonObject = {
      '@context': BADGE_CONTEXTS,
      id: this.credentialId(id),
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: this.issuerKey.url, type: ['Profile'], name: this.config.instanceName, url: this.config.publicUrl },
      validFrom,
      ...(validUntil ? { validUntil: credentialDate(validUntil) } : {}),
      name: achievement.name,
      credentialSubject: {
        type: ['AchievementSubject'],
        identifier: [
          {
            type: 'IdentityObject',
            hashed: true,
            identityHash: `sha256$${createHash('sha256').update(email + salt).digest('hex')}`,
            identityType: 'emailAddress',
            salt,
          },
        ],
        achievement,
      },
      credentialStatus: this.status.entries(statusIndex),
    };
    return this.issuerKey.sign(unsigned, validFrom);
  }

  private credentialId(assertionId: string): string {
    return `${this.config.publicUrl}/api/v1/badges/${assertionId}`;
  }

  private summary(badge: BadgeRow): BadgeSummary {
    const achievement = (badge.credential.credentialSubject as JsonObject).achievement as JsonObject;
    return {
      assertionId: badge.id,
      courseId: badge.courseId,
      name: badge.name,
      description: badge.description,
      // Hearth's own images by path, so they show whatever address the page was opened at.
      imageUrl: ((achievement.image as JsonObject).id as string).replace(this.config.publicUrl, ''),
      issuedAt: badge.issuedAt.toISOString(),
      revoked: badge.revokedAt !== null,
      url: this.credentialId(badge.id),
    };
  }

  private async findPublic(assertionId: string): Promise<PublicBadgeRow> {
    const badge = await this.badges.findPublic(assertionId);
    if (!badge) throw notFound();
    return badge;
  }
}

const notFound = () => new CredentialsError(CredentialsErrorCode.BadgeNotFound, 'There is no badge with this id.');
