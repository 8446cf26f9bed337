import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type HearthConfig, InjectConfig, InstanceSecrets } from '@hearth/platform';
import { type JsonObject, newSecretKeyMultibase, type SigningKey, signDocument, signingKey, verifyDocument } from './badge-signing';

export const BADGE_CONTEXTS = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];
const KEY_SECRET = 'badge-signing-key';
// The profile is a controller document too (it lists the key under assertionMethod), and
// neither the credentials, Open Badges nor Multikey context defines those two terms: without
// them a JSON-LD verifier drops them, and with them the key it was told to trust.
const CONTROLLER_TERMS = {
  '@protected': true,
  verificationMethod: { '@id': 'https://w3id.org/security#verificationMethod', '@type': '@id', '@container': '@set' },
  assertionMethod: { '@id': 'https://w3id.org/security#assertionMethod', '@type': '@id', '@container': '@set' },
};

/**
 * The instance as the issuer of its credentials (course badges, role badges, status lists):
 * its profile, and its Ed25519 key, generated on first start and kept in the database, that
 * signs them all.
 */
@Injectable()
export class BadgeIssuer implements OnApplicationBootstrap {
  private key: Promise<SigningKey> | null = null;

  constructor(
    @InjectConfig() private readonly config: HearthConfig,
    private readonly secrets: InstanceSecrets,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.signingKey();
  }

  get url(): string {
    return `${this.config.publicUrl}/api/v1/badges/issuer`;
  }

  get verificationMethod(): string {
    return `${this.url}#key-1`;
  }

  /** The issuer's profile, with the public key verifiers check signatures with. */
  async profile(): Promise<JsonObject> {
    const key = await this.signingKey();
    return {
      '@context': [...BADGE_CONTEXTS, 'https://w3id.org/security/multikey/v1', CONTROLLER_TERMS],
      id: this.url,
      type: ['Profile'],
      name: this.config.instanceName,
      url: this.config.publicUrl,
      verificationMethod: [{ id: this.verificationMethod, type: 'Multikey', controller: this.url, publicKeyMultibase: key.publicKeyMultibase }],
      assertionMethod: [this.verificationMethod],
    };
  }

  /** The document signed, its proof dated `created` (a credential's own validFrom). */
  async sign(document: JsonObject, created: string): Promise<JsonObject> {
    return signDocument(document, { created }, await this.signingKey());
  }

  /** Whether the document's proof is this instance's and holds. */
  async verify(document: JsonObject): Promise<boolean> {
    const key = await this.signingKey();
    return verifyDocument(document, { id: this.verificationMethod, controller: this.url, publicKeyMultibase: key.publicKeyMultibase });
  }

  private signingKey(): Promise<SigningKey> {
    this.key ??= (async () => {
      // Made before asking, as the store takes a value: the first instance's key is kept, others' dropped.
      const candidate = await newSecretKeyMultibase();
      return signingKey(await this.secrets.getOrCreate(KEY_SECRET, () => candidate), this.verificationMethod);
    })().catch((error: unknown) => {
      this.key = null;
      throw error;
    });
    return this.key;
  }
}

/** An ISO date without milliseconds, as credentials' dates are written. */
export function credentialDate(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
