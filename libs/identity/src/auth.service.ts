import { Injectable } from '@nestjs/common';
import type { AuthResponse, LoginRequest, RefreshResponse, RegisterRequest } from '@hearth/contracts';
import { Database } from '@hearth/platform';
import { AccessTokens } from './access-tokens';
import { EmailVerification } from './email-verification';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import { verifyDecoy, verifyPassword } from './passwords';
import { type IssuedRefreshToken, Sessions } from './sessions';
import { SignInFailures } from './sign-in-failures';
import type { UserEntity } from './user.entity';
import { UserRepository } from './user.repository';
import { UsersService } from './users.service';

/** What a sign-in hands back: the body for the client and the refresh token for its cookie. */
export interface SignedIn<T> {
  body: T;
  refresh: IssuedRefreshToken;
}

export interface ClientInfo {
  userAgent: string | null;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly db: Database,
    private readonly users: UserRepository,
    private readonly accounts: UsersService,
    private readonly accessTokens: AccessTokens,
    private readonly sessions: Sessions,
    private readonly failures: SignInFailures,
    private readonly verification: EmailVerification,
  ) {}

  /**
   * Makes the account and signs it in, the same whether or not the address is taken: an
   * address counts as someone's only once confirmed, so the new account gives it unconfirmed
   * and the link goes to the address, or (when an account confirmed it already) a note to
   * that owner instead. Nothing in the answer or its timing tells the two apart.
   */
  async register(request: RegisterRequest, client: ClientInfo): Promise<SignedIn<AuthResponse>> {
    const account = await this.accounts.prepare(request);
    return this.db.transaction(async () => {
      const user = await this.accounts.insert(account);
      await this.verification.send(user.id, user.email, 'registered');
      return this.signIn(user, client);
    });
  }

  /**
   * One answer for an unknown login and a wrong password, in the same time, with the same
   * back-off. An address can name more than one account (only one can have confirmed it):
   * the password picks which.
   */
  async login(request: LoginRequest, client: ClientInfo): Promise<SignedIn<AuthResponse>> {
    const candidates = await this.users.findByLogin(request.login);
    const first = candidates[0];
    const account = first ? `user:${first.id}` : `name:${request.login.trim().toLowerCase()}`;
    const { failing } = await this.failures.assertMayTry(account);
    let user: UserEntity | undefined;
    for (const candidate of candidates) {
      if (await verifyPassword(candidate.passwordHash, request.password)) {
        user = candidate;
        break;
      }
    }
    if (candidates.length === 0) await verifyDecoy(request.password);
    if (!user) {
      await this.failures.failed(account);
      throw new IdentityError(IdentityErrorCode.InvalidCredentials, 'The login or password is wrong.');
    }
    // A sign-in with no failures before it writes nothing here.
    if (failing) await this.failures.succeeded(account);
    return this.signIn(user, client);
  }

  async refresh(token: string | undefined): Promise<SignedIn<RefreshResponse>> {
    if (!token) throw new IdentityError(IdentityErrorCode.RefreshInvalid, 'There is no session to refresh. Sign in again.');
    const refresh = await this.sessions.rotate(token);
    const user = await this.users.findById(refresh.userId);
    if (!user) throw new IdentityError(IdentityErrorCode.RefreshInvalid, 'This account no longer exists.');
    const body = await this.accessTokens.issue({ ...sessionUser(user), sessionId: refresh.sessionId });
    return { body, refresh };
  }

  async logout(token: string | undefined): Promise<void> {
    if (token) await this.sessions.logout(token);
  }

  /** A new session for someone who proved who they are: a password, or the community's provider (SingleSignOn). */
  async signIn(user: UserEntity, client: ClientInfo): Promise<SignedIn<AuthResponse>> {
    const refresh = await this.sessions.start(user.id, client.userAgent);
    const access = await this.accessTokens.issue({ ...sessionUser(user), sessionId: refresh.sessionId });
    return { body: { user: await this.accounts.describe(user), ...access }, refresh };
  }
}

function sessionUser(user: UserEntity) {
  return { id: user.id, username: user.username, platformRoles: user.platformRoles };
}
