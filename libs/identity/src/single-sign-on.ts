import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { type AuthResponse, USERNAME_PATTERN } from '@hearth/contracts';
import { Database, type HearthConfig, InjectConfig, InstanceSecrets, type OidcConfig } from '@hearth/platform';
import * as oidc from 'openid-client';
import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { AuthService, type ClientInfo, type SignedIn } from './auth.service';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import type { UserEntity } from './user.entity';
import { UserRepository } from './user.repository';
import { UsersService } from './users.service';

/** A person's account at the community's OpenID provider, linked to their Hearth account. */
@Entity()
@Index('oidc_identity_user_id_idx', ['userId'])
export class OidcIdentityEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'oidc_identity_pkey' })
  issuer!: string;

  /** The provider's `sub`: stable for the person, unlike their e-mail or name. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'oidc_identity_pkey' })
  subject!: string;

  @Column({ type: 'uuid' })
  @ForeignKey('user', { name: 'oidc_identity_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** What the browser carries from the start of a sign-in to its callback, signed, for ten minutes. */
export interface OidcFlow {
  state: string;
  nonce: string;
  verifier: string;
  returnUrl: string;
  expiresAt: number;
}

/** Why a sign-in with the provider did not end signed in; the sign-in page words each. */
export type OidcFailure = 'cancelled' | 'expired' | 'no-email' | 'failed' | 'unavailable' | 'off';

const FLOW_MINUTES = 10;
export const OIDC_CALLBACK_PATH = '/api/v1/auth/oidc/callback';

/**
 * Signing in with the community's own accounts (OpenID Connect, authorization code with
 * PKCE, state and nonce). The first time, the provider's person is linked to a Hearth
 * account: the one that confirmed the same address, when the provider vouches for that
 * address too (`email_verified`); otherwise a new account, named from the configured claim.
 * After that the link (issuer and `sub`) decides, whatever the address or name becomes.
 */
@Injectable()
export class SingleSignOn {
  private readonly logger = new Logger('SingleSignOn');
  private configuration?: Promise<oidc.Configuration>;

  constructor(
    @InjectConfig() private readonly config: HearthConfig,
    private readonly db: Database,
    private readonly secrets: InstanceSecrets,
    private readonly users: UserRepository,
    private readonly accounts: UsersService,
    private readonly auth: AuthService,
  ) {}

  /** What the sign-in page shows: a button, when a provider is set up. */
  describe(): { enabled: boolean; name: string | null } {
    return { enabled: this.config.oidc !== null, name: this.config.oidc?.displayName ?? null };
  }

  /** The provider's address to send the browser to, and the flow to keep in its cookie. */
  async start(returnUrl: string | undefined): Promise<{ url: string; flow: string }> {
    const settings = this.settings();
    const configuration = await this.provider(settings);
    const flow: OidcFlow = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
      returnUrl: safeReturnUrl(returnUrl),
      expiresAt: Date.now() + FLOW_MINUTES * 60_000,
    };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.callbackUrl(),
      scope: settings.scopes,
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, flow: await this.seal(flow) };
  }

  /**
   * The provider sent the browser back: checks the answer against the flow the browser
   * kept, and signs the person in (linking or making their account). Throws an
   * `OidcSignInFailed` naming why, for the sign-in page.
   */
  async finish(query: string, sealedFlow: string | undefined, client: ClientInfo): Promise<{ signedIn: SignedIn<AuthResponse>; returnUrl: string }> {
    const settings = this.settings();
    const flow = sealedFlow ? await this.open(sealedFlow) : null;
    if (new URLSearchParams(query).get('error') === 'access_denied') throw new OidcSignInFailed('cancelled');
    if (!flow) throw new OidcSignInFailed('expired');
    const configuration = await this.provider(settings);
    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(
        configuration,
        new URL(`${this.callbackUrl()}${query ? `?${query}` : ''}`),
        { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true },
        { redirect_uri: this.callbackUrl() },
      );
      const idClaims = tokens.claims()!;
      const userInfo = await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
      claims = { ...idClaims, ...userInfo };
    } catch (error) {
      this.logger.warn({ err: error }, 'An OpenID Connect sign-in was refused');
      throw new OidcSignInFailed('failed');
    }
    const user = await this.accountFor(settings, claims);
    return { signedIn: await this.auth.signIn(user, client), returnUrl: flow.returnUrl };
  }

  /** The person's Hearth account: linked already, linked now by a confirmed address, or made for them. */
  private async accountFor(settings: OidcConfig, claims: Record<string, unknown>): Promise<UserEntity> {
    const subject = String(claims.sub);
    const [linked] = await this.db.query<{ userId: string }>('SELECT user_id FROM oidc_identity WHERE issuer = $1 AND subject = $2', [settings.issuer, subject]);
    if (linked) {
      const user = await this.users.findById(linked.userId);
      if (user && !user.deletedAt) return user;
    }
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
    if (!email) throw new OidcSignInFailed('no-email');
    const vouched = claims.email_verified === true;
    const owner = vouched ? await this.users.findByEmail(email) : null;
    const user =
      owner?.emailVerifiedAt && !owner.deletedAt
        ? owner
        : await this.accounts.create({
            email,
            username: await this.freeUsername(claims[settings.usernameClaim], email),
            displayName: displayNameFrom(claims, email),
            // Nobody knows it: they sign in through the provider, or choose one by "forgot my password".
            password: randomBytes(24).toString('base64url'),
            emailVerified: vouched,
          });
    await this.db.execute('INSERT INTO oidc_identity (issuer, subject, user_id) VALUES ($1, $2, $3) ON CONFLICT (issuer, subject) DO UPDATE SET user_id = excluded.user_id', [
      settings.issuer,
      subject,
      user.id,
    ]);
    return user;
  }

  /** A username from the claim (or the address), made to fit the rule, with a number when it is taken. */
  private async freeUsername(claim: unknown, email: string): Promise<string> {
    const base = toUsername(typeof claim === 'string' && claim.trim() ? claim : email.split('@')[0]);
    for (let n = 1; n <= 20; n++) {
      const candidate = n === 1 ? base : `${base.slice(0, 30 - String(n).length - 1)}-${n}`;
      if (!(await this.users.findByUsername(candidate))) return candidate;
    }
    return `${base.slice(0, 21)}-${randomBytes(4).toString('hex')}`;
  }

  private settings(): OidcConfig {
    if (!this.config.oidc) throw new IdentityError(IdentityErrorCode.SingleSignOnOff, 'Signing in with another account is not set up here.');
    return this.config.oidc;
  }

  private callbackUrl(): string {
    return `${this.config.publicUrl}${OIDC_CALLBACK_PATH}`;
  }

  /** The provider's metadata, read once (and again after a failure). An http:// issuer is for development and tests. */
  private provider(settings: OidcConfig): Promise<oidc.Configuration> {
    this.configuration ??= oidc
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, new URL(settings.issuer).protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined)
      .catch((error: unknown) => {
        this.configuration = undefined;
        this.logger.error({ err: error }, 'The OpenID provider could not be reached');
        throw new IdentityError(IdentityErrorCode.SingleSignOnUnavailable, 'The sign-in service of your community cannot be reached just now. Try again in a minute.');
      });
    return this.configuration;
  }

  private async seal(flow: OidcFlow): Promise<string> {
    const body = Buffer.from(JSON.stringify(flow)).toString('base64url');
    return `${body}.${await this.sign(body)}`;
  }

  private async open(sealed: string): Promise<OidcFlow | null> {
    const [body, signature] = sealed.split('.');
    if (!body || !signature) return null;
    const expected = Buffer.from(await this.sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    const flow = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as OidcFlow;
    return flow.expiresAt > Date.now() ? flow : null;
  }

  private sign(body: string): Promise<string> {
    return this.secrets.hmac('oidc-flow-key', body);
  }
}

export class OidcSignInFailed extends Error {
  constructor(readonly why: OidcFailure) {
    super(`OpenID Connect sign-in failed: ${why}`);
  }
}

/** Only a path of this site: a return address elsewhere would make the sign-in an open redirect. */
function safeReturnUrl(returnUrl: string | undefined): string {
  return returnUrl && /^\/(?![/\\])/.test(returnUrl) ? returnUrl : '/';
}

function toUsername(text: string): string {
  const cleaned = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9_-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 30);
  const padded = cleaned.length >= 3 ? cleaned : `${cleaned}member`.slice(0, 30);
  return USERNAME_PATTERN.test(padded) ? padded : 'member';
}

function displayNameFrom(claims: Record<string, unknown>, email: string): string {
  const name = [claims.name, [claims.given_name, claims.family_name].filter(Boolean).join(' '), claims.preferred_username].find((value) => typeof value === 'string' && value.trim());
  return (typeof name === 'string' ? name.trim() : email.split('@')[0]).slice(0, 80);
}

