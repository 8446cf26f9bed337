import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { PlatformRole } from '@hearth/contracts';

/** Who is calling, as the access token says. Checks that need current data re-read it. */
export interface AuthUser {
  id: string;
  username: string;
  platformRoles: PlatformRole[];
  /** The sign-in session (refresh-token family) the access token was issued under. */
  sessionId: string;
}

/** The signed-in caller of a route (every route not marked `@Public()`). */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser => {
  return context.switchToHttp().getRequest<{ user: AuthUser }>().user;
});

/** The caller of an `@OptionalAuth()` route: null when not signed in. */
export const OptionalUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser | null => {
  return context.switchToHttp().getRequest<{ user?: AuthUser }>().user ?? null;
});
