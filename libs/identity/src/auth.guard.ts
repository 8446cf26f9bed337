import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { OPTIONAL_AUTH, PUBLIC_ROUTE } from '@hearth/platform';
import { IdentityError, IdentityErrorCode } from './identity.errors';

/**
 * Applied to every route: a valid bearer access token is required unless the route is
 * marked `@Public()`. An expired token gets its own error code so a client knows to
 * refresh rather than send the user back to the sign-in page. WebSocket events are not
 * its business: a socket proves its token once, when it connects (the chat gateway's
 * middleware), and is dropped when that token runs out.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const optional = this.reflector.getAllAndOverride<boolean>(OPTIONAL_AUTH, targets);
    if (optional && !context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers.authorization) return true;
    return super.canActivate(context);
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false, info: unknown): TUser {
    if (error) throw error;
    if (user) return user;
    if (info instanceof Error && info.name === 'TokenExpiredError') {
      throw new IdentityError(IdentityErrorCode.TokenExpired, 'The access token has expired; refresh it.', {
        headers: { 'WWW-Authenticate': 'Bearer error="invalid_token", error_description="The access token expired"' },
      });
    }
    if (info instanceof Error && info.message === 'No auth token') {
      throw new IdentityError(IdentityErrorCode.Unauthenticated, 'Sign in to continue.');
    }
    throw new IdentityError(IdentityErrorCode.TokenInvalid, 'The access token is not valid.', {
      headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
    });
  }
}
