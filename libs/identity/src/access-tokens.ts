import { createSecretKey, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { PlatformRole } from '@hearth/contracts';
import { type HearthConfig, InjectConfig, InstanceSecrets } from '@hearth/platform';
import type { AuthUser } from './auth-user';
import { SessionGate } from './session-gate';

export const ACCESS_TOKEN_ISSUER = 'hearth';
export const ACCESS_TOKEN_AUDIENCE = 'hearth-api';

export interface AccessTokenPayload {
  sub: string;
  username: string;
  roles: PlatformRole[];
  sid: string;
}

/**
 * Short-lived HS256 access tokens. The key is HEARTH_JWT_SECRET when set, otherwise one
 * generated on first use and kept in the database, so every API instance shares it and
 * a restart does not sign everyone out.
 */
@Injectable()
export class AccessTokens {
  private verification?: Promise<KeyObject>;

  constructor(
    @InjectConfig() private readonly config: HearthConfig,
    private readonly secrets: InstanceSecrets,
    private readonly jwt: JwtService,
    private readonly gate: SessionGate,
  ) {}

  get ttlSeconds(): number {
    return this.config.accessTokenTtlSeconds;
  }

  signingKey(): Promise<string> {
    if (this.config.jwtSecret) return Promise.resolve(this.config.jwtSecret);
    return this.secrets.key('access-token-key', 48);
  }

  /**
   * The same key as a KeyObject, for checking tokens: given a string, jsonwebtoken first
   * tries to read it as a public key and fails (an exception per request, measured at 13%
   * of the API's CPU time under load) before taking it as a secret.
   */
  verificationKey(): Promise<KeyObject> {
    this.verification ??= this.signingKey().then(
      (key) => createSecretKey(Buffer.from(key, 'utf8')),
      (error: unknown) => {
        this.verification = undefined;
        throw error;
      },
    );
    return this.verification;
  }

  async issue(user: AuthUser): Promise<{ accessToken: string; expiresIn: number }> {
    const payload: AccessTokenPayload = { sub: user.id, username: user.username, roles: user.platformRoles, sid: user.sessionId };
    const accessToken = await this.jwt.signAsync(payload, {
      secret: await this.signingKey(),
      algorithm: 'HS256',
      expiresIn: this.ttlSeconds,
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
    });
    return { accessToken, expiresIn: this.ttlSeconds };
  }

  /**
   * The user a token names and when it runs out, or null for a token that is missing,
   * forged, expired, meant for something else or of a sign-in that has ended (for
   * connections that do not pass through the HTTP guard: the chat's socket).
   */
  async verify(token: unknown): Promise<{ user: AuthUser; expiresAt: Date } | null> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096) return null;
    let payload: AccessTokenPayload & { exp: number };
    try {
      payload = await this.jwt.verifyAsync<AccessTokenPayload & { exp: number }>(token, {
        // A KeyObject where the types say string or Buffer: jsonwebtoken takes it (see verificationKey).
        secret: (await this.verificationKey()) as unknown as Buffer,
        algorithms: ['HS256'],
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
      });
    } catch {
      return null;
    }
    // Outside the try: a database that cannot answer is a failure to report, not a bad token.
    if (!(await this.gate.isLive(payload.sid))) return null;
    return { user: authUserFromPayload(payload), expiresAt: new Date(payload.exp * 1000) };
  }
}

export function authUserFromPayload(payload: AccessTokenPayload): AuthUser {
  return { id: payload.sub, username: payload.username, platformRoles: payload.roles, sessionId: payload.sid };
}
