import { Injectable } from '@nestjs/common';
import type { AdminUser, Me, PlatformRole, RegisterRequest } from '@hearth/contracts';
import { Database, validateInput } from '@hearth/platform';
import type { AuthUser } from './auth-user';
import { RegisterDto, toAdminUser, toMe } from './identity.dto';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import { assertPasswordPolicy, hashPassword } from './passwords';
import type { UserEntity } from './user.entity';
import { UserRepository } from './user.repository';

export interface NewAccount extends RegisterRequest {
  platformRoles?: PlatformRole[];
}

@Injectable()
export class UsersService {
  constructor(
    private readonly db: Database,
    private readonly users: UserRepository,
  ) {}

  /** Creates an account after checking the password rule; e-mail and username must be free. */
  async create(account: NewAccount): Promise<UserEntity> {
    const email = account.email.trim().toLowerCase();
    assertPasswordPolicy(account.password, { username: account.username, email });
    return this.users.insert({
      email,
      username: account.username.trim(),
      displayName: account.displayName.trim(),
      passwordHash: await hashPassword(account.password),
      platformRoles: account.platformRoles ?? [],
    });
  }

  /** An admin account made outside HTTP (the command line), held to the registration rules. */
  async createAdmin(account: RegisterRequest): Promise<AdminUser> {
    const valid = await validateInput(RegisterDto, account);
    return toAdminUser(await this.create({ ...valid, platformRoles: ['admin'] }));
  }

  async me(caller: AuthUser): Promise<Me> {
    const user = await this.users.findById(caller.id);
    if (!user) throw new IdentityError(IdentityErrorCode.Unauthenticated, 'This account no longer exists.');
    return toMe(user);
  }

  /**
   * Replaces a user's platform roles. Only a current admin may (the token's roles may be
   * up to 15 minutes old, so they are read afresh), and the last admin cannot be demoted.
   */
  async setPlatformRoles(caller: AuthUser, userId: string, roles: PlatformRole[]): Promise<AdminUser> {
    await this.requireAdmin(caller);
    return this.db.transaction(async () => {
      const target = await this.users.findById(userId);
      if (!target) throw new IdentityError(IdentityErrorCode.UserNotFound, 'There is no user with this id.');
      if (target.platformRoles.includes('admin') && !roles.includes('admin')) {
        const admins = await this.users.lockAdminIds();
        if (admins.length <= 1) {
          throw new IdentityError(IdentityErrorCode.LastAdmin, 'This is the only admin; make someone else admin first.');
        }
      }
      const unique = [...new Set(roles)].sort();
      await this.users.setPlatformRoles(userId, unique);
      return toAdminUser({ ...target, platformRoles: unique });
    });
  }

  /** Refuses anyone who is not an admin right now. */
  async requireAdmin(caller: AuthUser): Promise<void> {
    const current = await this.users.findById(caller.id);
    if (!current?.platformRoles.includes('admin')) {
      throw new IdentityError(IdentityErrorCode.Forbidden, 'Only admins may do this.');
    }
  }
}
