import { createHash } from 'node:crypto';
import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerOptions,
  type ThrottlerRequest,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { HearthConfig } from '@hearth/platform';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import { UserRepository } from './user.repository';

/**
 * Two limits on sign-in and registration: per client address, and per account, so that
 * guessing one account's password from many addresses is slowed as much as guessing many
 * from one. Each is one budget shared by both routes.
 */
export function authThrottlers(config: HearthConfig): ThrottlerOptions[] {
  const ttl = config.authRateLimit.windowSeconds * 1000;
  return [
    { name: 'ip', ttl, limit: config.authRateLimit.perIp },
    { name: 'account', ttl, limit: config.authRateLimit.perAccount },
  ];
}

@Injectable()
export class AuthThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly users: UserRepository,
  ) {
    super(options, storage, reflector);
  }

  protected override handleRequest(request: ThrottlerRequest): Promise<boolean> {
    return super.handleRequest({
      ...request,
      getTracker: request.throttler.name === 'account' ? (req) => this.accountOf(req.body) : request.getTracker,
      // Not per route (the library's default): one budget for sign-in and registration.
      // Hashed, so the table holds no addresses or e-mail addresses.
      generateKey: (_context, tracker, name) => createHash('sha256').update(`${name}:${tracker}`).digest('base64url'),
    });
  }

  /** The account a request is about: its id when it exists, so its e-mail and username share one budget. */
  private async accountOf(body: unknown): Promise<string> {
    const { login, email } = (body ?? {}) as { login?: unknown; email?: unknown };
    const name = (typeof login === 'string' ? login : typeof email === 'string' ? email : '').trim().toLowerCase().slice(0, 254);
    const [user] = name ? await this.users.findByLogin(name) : [];
    return user ? `user:${user.id}` : `name:${name}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, limit: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, limit.timeToBlockExpire);
    throw new IdentityError(IdentityErrorCode.RateLimited, `Too many attempts. Try again in ${seconds} seconds.`, {
      headers: { 'Retry-After': String(seconds) },
    });
  }
}
