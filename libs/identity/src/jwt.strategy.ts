import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, type AccessTokenPayload, AccessTokens, authUserFromPayload } from './access-tokens';
import type { AuthUser } from './auth-user';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import { SessionGate } from './session-gate';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    tokens: AccessTokens,
    private readonly gate: SessionGate,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: (_request: unknown, _token: unknown, done: (error: unknown, key?: string) => void) => {
        // A KeyObject: jsonwebtoken then skips trying the secret as a public key (see AccessTokens.verificationKey).
        tokens.verificationKey().then((key) => done(null, key as unknown as string), done);
      },
      algorithms: ['HS256'],
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
    });
  }

  /** A well-signed token of a session that has ended (signed out, reset password) no longer counts. */
  async validate(payload: AccessTokenPayload): Promise<AuthUser> {
    if (!(await this.gate.isLive(payload.sid))) {
      throw new IdentityError(IdentityErrorCode.SessionEnded, 'This sign-in has ended. Sign in again.', {
        headers: { 'WWW-Authenticate': 'Bearer error="invalid_token", error_description="The session has ended"' },
      });
    }
    return authUserFromPayload(payload);
  }
}
