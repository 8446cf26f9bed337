import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerOptions } from '@nestjs/throttler';
import type { HearthConfig } from '@hearth/platform';
import { IdentityError, IdentityErrorCode } from './identity.errors';

/**
 * Two limits on sign-in and registration: per client address, and per account (the login
 * name or e-mail in the body), so guessing one account's password from many addresses is
 * slowed as much as guessing many from one.
 */
export function authThrottlers(config: HearthConfig): ThrottlerOptions[] {
  const ttl = config.authRateLimit.windowSeconds * 1000;
  return [
    { name: 'ip', ttl, limit: config.authRateLimit.perIp },
    { name: 'account', ttl, limit: config.authRateLimit.perAccount, getTracker: (request) => accountKey(request.body) },
  ];
}

function accountKey(body: unknown): string {
  const { login, email } = (body ?? {}) as { login?: unknown; email?: unknown };
  const key = typeof login === 'string' ? login : typeof email === 'string' ? email : '';
  return key.trim().toLowerCase();
}

@Injectable()
export class AuthThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(_context: ExecutionContext, limit: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, limit.timeToBlockExpire);
    throw new IdentityError(IdentityErrorCode.RateLimited, `Too many attempts. Try again in ${seconds} seconds.`, {
      headers: { 'Retry-After': String(seconds) },
    });
  }
}
