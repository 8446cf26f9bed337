import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, type AccessTokenPayload, AccessTokens, authUserFromPayload } from './access-tokens';
import type { AuthUser } from './auth-user';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(tokens: AccessTokens) {
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

  validate(payload: AccessTokenPayload): AuthUser {
    return authUserFromPayload(payload);
  }
}
