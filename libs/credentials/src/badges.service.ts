import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type BadgeSummary, type BadgeVerification, describeRequirement } from '@hearth/contracts';
import { CoursesService } from '@hearth/courses';
import { type AuthUser, UsersService } from '@hearth/identity';
import { Database, DomainEvents, type HearthConfig, InjectConfig, InstanceSecrets } from '@hearth/platform';
import { type JsonObject, newSecretKeyMultibase, publicKeyFromMultibase, type SigningKey, signDocument, signingKey, verifyDocument } from './badge-signing';
import { type BadgeRow, BadgesRepository } from './badges.repository';
import { CompletionsRepository } from './completions.repository';
import { CredentialsError, CredentialsErrorCode } from './credentials.errors';

const CONTEXTS = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];
const KEY_SECRET = 'badge-signing-key';

/**
 * Course badges as Open Badges 3.0 credentials. Completing a course awards its badge: an
 * OpenBadgeCredential naming the course as the achievement and the trainee by a salted
 * hash of their e-mail address, signed with the instance's Ed25519 key (generated on first
 * start and kept in the database) as an `eddsa-jcs-2022` Data Integrity proof. The signed
 * document is stored as issued and served as is; revocation is published in the
 * credential's status list and by the verification route, never by editing the document.
 */
@Injectable()
export class BadgesService implements OnApplicationBootstrap {
  private key: SigningKey | null = null;

  constructor(
    @InjectConfig() private readonly config: HearthConfig,
    private readonly db: Database,
    private readonly events: DomainEvents,
    private readonly badges: BadgesRepository,
    private readonly courses: CoursesService,
    private readonly completions: CompletionsRepository,
    private readonly users: UsersService,
    private readonly secrets: InstanceSecrets,
  ) {}

  /** A badge names its holder's address, so it waits for the address to be verified; then come those earned meanwhile. */
  async awardEarnedMeanwhile(userId: string): Promise<void> {
    for (const courseId of await this.completions.courseIdsOf(userId)) await this.award(userId, courseId);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.signingKey();
  }

  get issuerUrl(): string {
    return `${this.config.publicUrl}/api/v1/badges/issuer`;
  }

  get verificationMethod(): string {
    return `${this.issuerUrl}#key-1`;
  }

  /** The issuer's profile, with the public key verifiers check signatures with. */
  async issuer(): Promise<JsonObject> {
    const key = await this.signingKey();
    return {
      '@context': [...CONTEXTS, 'https://w3id.org/security/multikey/v1'],
      id: this.issuerUrl,
      type: ['Profile'],
      name: this.config.instanceName,
      url: this.config.publicUrl,
      verificationMethod: [{ id: this.verificationMethod, type: 'Multikey', controller: this.issuerUrl, publicKeyMultibase: key.publicKeyMultibase }],
      assertionMethod: [this.verificationMethod],
    };
  }

  /** The signed credential, exactly as issued (revoked or not: the status list and the verification say which). */
  async credential(assertionId: string): Promise<JsonObject> {
    return (await this.find(assertionId)).credential;
  }

  async verify(assertionId: string): Promise<BadgeVerification> {
    const badge = await this.find(assertionId);
    const key = await this.signingKey();
    const signatureValid = verifyDocument(badge.credential, (method) => (method === this.verificationMethod ? publicKeyFromMultibase(key.publicKeyMultibase) : null));
    const revoked = badge.revokedAt !== null;
    return {
      assertionId,
      signatureValid,
      revoked,
      revokedAt: badge.revokedAt?.toISOString() ?? null,
      revocationReason: badge.revocationReason,
      valid: signatureValid && !revoked,
      issuer: this.issuerUrl,
      verificationMethod: this.verificationMethod,
    };
  }

  /** The 1EdTech revocation list that every credential's `credentialStatus` points to. */
  async revocations(): Promise<JsonObject> {
    const revoked = await this.badges.revoked();
    return {
      id: `${this.config.publicUrl}/api/v1/badges/revocations`,
      issuer: this.issuerUrl,
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
    const salt = randomBytes(16).toString('hex');
    const issuedAt = completion.completedAt;
    const criteria = `Completed “${course.title}” (version ${completion.version}) on ${this.config.instanceName}: ${completion.evidence.requirements.map(describeRequirement).join('; ')}.`;
    const image = course.coverImageUrl?.startsWith('https://') ? course.coverImageUrl : `${this.config.publicUrl}/api/v1/badges/achievements/${course.id}/image.svg`;
    const unsigned: JsonObject = {
      '@context': CONTEXTS,
      id: this.credentialId(id),
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: this.issuerUrl, type: ['Profile'], name: this.config.instanceName, url: this.config.publicUrl },
      validFrom: issuedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      name: course.title,
      credentialSubject: {
        type: ['AchievementSubject'],
        identifier: [
          {
            type: 'IdentityObject',
            hashed: true,
            identityHash: `sha256$${createHash('sha256').update(recipient.email + salt).digest('hex')}`,
            identityType: 'emailAddress',
            salt,
          },
        ],
        achievement: {
          id: `${this.config.publicUrl}/api/v1/badges/achievements/${course.id}`,
          type: ['Achievement'],
          name: course.title,
          description: course.summary || course.title,
          criteria: { narrative: criteria },
          image: { id: image, type: 'Image' },
        },
      },
      credentialStatus: { id: `${this.config.publicUrl}/api/v1/badges/revocations`, type: '1EdTechRevocationList' },
    };
    const credential = signDocument(unsigned, { created: unsigned.validFrom as string, verificationMethod: this.verificationMethod }, await this.signingKey());
    const created = await this.badges.insert({ id, userId, courseId, courseVersion: completion.version, name: course.title, description: course.summary, issuedAt, credential });
    if (created) await this.events.publish('badge.awarded', { assertionId: id, userId, courseId, name: course.title });
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

  private async find(assertionId: string): Promise<BadgeRow> {
    const badge = await this.badges.find(assertionId);
    if (!badge) throw notFound();
    return badge;
  }

  private async signingKey(): Promise<SigningKey> {
    this.key ??= signingKey(await this.secrets.getOrCreate(KEY_SECRET, newSecretKeyMultibase));
    return this.key;
  }
}

const notFound = () => new CredentialsError(CredentialsErrorCode.BadgeNotFound, 'There is no badge with this id.');
