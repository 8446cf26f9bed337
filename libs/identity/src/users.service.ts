import { Injectable } from '@nestjs/common';
import type { AdminUser, Me, Page, PlatformRole, Profile, RegisterRequest, UserSummary } from '@hearth/contracts';
import { Database, decodeCursor, DEFAULT_PAGE_SIZE, DomainEvents, toPage, validateInput } from '@hearth/platform';
import type { AuthUser } from './auth-user';
import { HeldCredentialsSource } from './held-credentials';
import { RegisterDto, toAdminUser, toMe } from './identity.dto';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import { assertPasswordPolicy, hashPassword } from './passwords';
import type { UserEntity } from './user.entity';
import { type NewUser, UserRepository } from './user.repository';

export interface NewAccount extends RegisterRequest {
  platformRoles?: PlatformRole[];
  /** The address is vouched for by whoever makes the account (the demo, an admin on the command line): no link to open. */
  emailVerified?: boolean;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly db: Database,
    private readonly events: DomainEvents,
    private readonly users: UserRepository,
    private readonly held: HeldCredentialsSource,
  ) {}

  /**
   * Checks the password rule and hashes the password: the slow part of making an account,
   * done before any transaction so that argon2 never holds a database connection.
   */
  async prepare(account: NewAccount): Promise<NewUser> {
    const email = account.email.trim().toLowerCase();
    assertPasswordPolicy(account.password, { username: account.username, email });
    return {
      email,
      username: account.username.trim(),
      displayName: account.displayName.trim(),
      passwordHash: await hashPassword(account.password),
      platformRoles: account.platformRoles ?? [],
      emailVerifiedAt: account.emailVerified ? new Date() : null,
    };
  }

  /**
   * Creates an account outside self-registration (the demo, the command line, tests):
   * its address counts as verified unless `emailVerified: false`. E-mail and username must
   * be free, whatever their case.
   */
  async create(account: NewAccount): Promise<UserEntity> {
    return this.insert(await this.prepare({ emailVerified: true, ...account }));
  }

  /** Writes a prepared account and tells the other contexts (`user.registered`), in one transaction. */
  insert(account: NewUser): Promise<UserEntity> {
    return this.db.transaction(async () => {
      const user = await this.users.insert(account);
      await this.events.publish('user.registered', { userId: user.id, username: user.username, displayName: user.displayName, platformRoles: user.platformRoles });
      return user;
    });
  }

  /** An admin account made outside HTTP (the command line), held to the registration rules. */
  async createAdmin(account: RegisterRequest): Promise<AdminUser> {
    const valid = await validateInput(RegisterDto, account);
    return toAdminUser(await this.create({ ...valid, platformRoles: ['admin'], emailVerified: true }));
  }

  async profile(username: string): Promise<Profile> {
    const user = await this.users.findByUsername(username);
    if (!user) throw new IdentityError(IdentityErrorCode.UserNotFound, 'There is no member with this username.');
    const me = await this.describe(user);
    return { id: me.id, username: me.username, displayName: me.displayName, facilitatorRoles: me.facilitatorRoles, badges: me.badges, memberSince: me.createdAt };
  }

  async me(caller: AuthUser): Promise<Me> {
    const user = await this.users.findById(caller.id);
    if (!user) throw new IdentityError(IdentityErrorCode.Unauthenticated, 'This account no longer exists.');
    return this.describe(user);
  }

  /** A new display name for the caller's account; the chat and every page show it from now on. */
  async rename(caller: AuthUser, displayName: string): Promise<Me> {
    return this.db.transaction(async () => {
      const user = await this.users.findById(caller.id);
      if (!user) throw new IdentityError(IdentityErrorCode.Unauthenticated, 'This account no longer exists.');
      await this.users.setDisplayName(user.id, displayName);
      await this.events.publish('user.renamed', { userId: user.id, username: user.username, displayName });
      return this.describe({ ...user, displayName });
    });
  }

  /** An account as its owner sees it, with the roles and badges held right now. */
  async describe(user: UserEntity): Promise<Me> {
    const held = await this.held.of(user.id);
    return { ...toMe(user), ...held };
  }

  /**
   * Replaces a user's platform roles. Only a current admin may: the token's roles can be
   * 15 minutes old, so the admins are read afresh and locked, which also keeps two admins
   * demoting each other at once from leaving the instance with none.
   */
  async setPlatformRoles(caller: AuthUser, userId: string, roles: PlatformRole[]): Promise<AdminUser> {
    return this.db.transaction(async () => {
      const admins = await this.users.lockAdminIds();
      if (!admins.includes(caller.id)) throw forbidden();
      const target = await this.users.findById(userId);
      if (!target) throw new IdentityError(IdentityErrorCode.UserNotFound, 'There is no user with this id.');
      if (target.platformRoles.includes('admin') && !roles.includes('admin') && admins.length <= 1) {
        throw new IdentityError(IdentityErrorCode.LastAdmin, 'This is the only admin; make someone else admin first.');
      }
      const unique = [...new Set(roles)].sort();
      await this.users.setPlatformRoles(userId, unique);
      await this.events.publish('platform_roles.changed', { userId, roles: unique, previous: [...target.platformRoles].sort(), actorId: caller.id });
      return toAdminUser({ ...target, platformRoles: unique });
    });
  }

  /** Admins look people up by the start of their username, name or e-mail. */
  async search(caller: AuthUser, query: { q?: string; cursor?: string; limit?: number }): Promise<Page<AdminUser>> {
    await this.requireAdmin(caller);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const [after] = (decodeCursor(query.cursor, ['string']) ?? [null]) as [string | null];
    const rows = await this.users.searchPage((query.q ?? '').trim(), after, limit);
    return toPage(rows, limit, (row) => [row.username.toLowerCase()], toAdminUser);
  }

  /** Refuses anyone who is not an admin right now. */
  async requireAdmin(caller: AuthUser): Promise<void> {
    if (!(await this.hasPlatformRole(caller, 'admin'))) throw forbidden();
  }

  /** Whether the caller holds the role now (the token's copy may be stale). */
  async hasPlatformRole(caller: AuthUser, role: PlatformRole): Promise<boolean> {
    const current = await this.users.findById(caller.id);
    return current?.platformRoles.includes(role) ?? false;
  }

  /** For other contexts that show who did something. */
  async summaries(ids: string[]): Promise<Map<string, UserSummary>> {
    const users = await this.users.findByIds([...new Set(ids)]);
    return new Map(users.map((user) => [user.id, toUserSummary(user)]));
  }

  /** Every admin now, to tell them what waits for them. */
  async adminIds(): Promise<string[]> {
    return this.users.adminIds();
  }

  /** Whether the instance has any account yet (a new database has none). */
  async anyExist(): Promise<boolean> {
    return this.users.anyExist();
  }

  /**
   * Who a command-line task acts as: the named user, or without a name the oldest admin.
   * Null when there is no such user (or no admin yet).
   */
  async actingAs(username?: string): Promise<AuthUser | null> {
    const user = username ? await this.users.findByUsername(username) : await this.users.findOldestAdmin();
    return user ? { id: user.id, username: user.username, platformRoles: user.platformRoles, sessionId: 'command-line' } : null;
  }

  /** The accounts behind @mentions, by lower-cased username; unknown names are absent. */
  async summariesByUsernames(usernames: string[]): Promise<Map<string, UserSummary>> {
    const users = await this.users.findByUsernames(usernames);
    return new Map(users.map((user) => [user.username.toLowerCase(), toUserSummary(user)]));
  }

  /** Where to write to people, for notifications. */
  async contacts(ids: string[]): Promise<Map<string, UserSummary & { email: string; emailVerified: boolean }>> {
    const users = await this.users.findByIds([...new Set(ids)]);
    return new Map(users.map((user) => [user.id, { ...toUserSummary(user), email: user.email, emailVerified: user.emailVerifiedAt !== null }]));
  }

  /** Among `ids`, those whose username or display name starts with `prefix`, for @mention suggestions. */
  async searchAmong(ids: string[], prefix: string, limit: number): Promise<UserSummary[]> {
    return (await this.users.searchAmong(ids, prefix, limit)).map(toUserSummary);
  }

  async summaryByUsername(username: string): Promise<UserSummary | null> {
    const user = await this.users.findByUsername(username);
    return user ? toUserSummary(user) : null;
  }
}

function toUserSummary(user: UserEntity): UserSummary {
  return { id: user.id, username: user.username, displayName: user.displayName };
}

const forbidden = () => new IdentityError(IdentityErrorCode.Forbidden, 'Only admins may do this.');
