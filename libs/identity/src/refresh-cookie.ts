import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type HearthConfig, InjectConfig } from '@hearth/platform';
import type { SignedIn } from './auth.service';

export const REFRESH_COOKIE = 'hearth_refresh';
/** The cookie only travels to the auth routes, never with ordinary API calls. */
const COOKIE_PATH = '/api/v1/auth';

/**
 * The refresh token's cookie: httpOnly (no script reads it), SameSite=Strict (no CSRF),
 * and Secure as HEARTH_COOKIE_SECURE says: always, never, or (`auto`) whenever the
 * request came over HTTPS (behind a proxy, with HEARTH_TRUST_PROXY so its
 * X-Forwarded-Proto counts).
 */
@Injectable()
export class RefreshCookie {
  constructor(@InjectConfig() private readonly config: HearthConfig) {}

  read(request: FastifyRequest): string | undefined {
    return request.cookies[REFRESH_COOKIE] || undefined;
  }

  /** Puts the refresh token in its cookie and returns the body to send. */
  issue<T>(request: FastifyRequest, reply: FastifyReply, signedIn: SignedIn<T>): T {
    void reply.setCookie(REFRESH_COOKIE, signedIn.refresh.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.secure(request),
      path: COOKIE_PATH,
      expires: signedIn.refresh.expiresAt,
    });
    return signedIn.body;
  }

  /** Whether a cookie set in answer to this request is marked Secure (HEARTH_COOKIE_SECURE). */
  secure(request: FastifyRequest): boolean {
    return this.config.cookieSecure === 'auto' ? request.protocol === 'https' : this.config.cookieSecure;
  }

  clear(reply: FastifyReply): void {
    void reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH, httpOnly: true, sameSite: 'strict', secure: this.config.cookieSecure === true });
  }
}
