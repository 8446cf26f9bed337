import { Injectable } from '@nestjs/common';
import type { PlatformRole, UserSummary } from '@hearth/contracts';
import { Database } from '@hearth/platform';
import { QueryFailedError } from 'typeorm';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import { UserEntity } from './user.entity';

export interface NewUser {
  email: string;
  username: string;
  displayName: string;
  passwordHash: string;
  platformRoles: PlatformRole[];
  /** Set for accounts whose address is vouched for (the demo, an admin made on the command line). */
  emailVerifiedAt?: Date | null;
}

const UNIQUE_VIOLATION = '23505';
/** How many accounts giving one address a sign-in by that address tries (one confirmed, the rest not). */
const MAX_LOGIN_CANDIDATES = 5;
/** A user row, read as UserEntity names its fields. */
const USER = `id, email, username, display_name, password_hash, platform_roles, email_verified_at, deleted_at, created_at, updated_at`;

@Injectable()
export class UserRepository {
  constructor(private readonly db: Database) {}

  /** Inserts a user; a clash on username (in any case), or on an address another account confirmed, becomes a 409. */
  async insert(user: NewUser): Promise<UserEntity> {
    try {
      const [row] = await this.db.query<UserEntity>(
        `INSERT INTO "user" (email, username, display_name, password_hash, platform_roles, email_verified_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${USER}`,
        [user.email, user.username, user.displayName, user.passwordHash, user.platformRoles, user.emailVerifiedAt ?? null],
      );
      return row;
    } catch (error) {
      throw asConflict(error);
    }
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.db.query<UserEntity>(`SELECT ${USER} FROM "user" WHERE id = $1`, [id]).then(([row]) => row ?? null);
  }

  findByIds(ids: string[]): Promise<UserEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.db.query<UserEntity>(`SELECT ${USER} FROM "user" WHERE id = ANY($1::uuid[])`, [ids]);
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.db.query<UserEntity>(`SELECT ${USER} FROM "user" WHERE lower(username) = lower($1)`, [username]).then(([row]) => row ?? null);
  }

  async anyExist(): Promise<boolean> {
    return (await this.db.query('SELECT 1 FROM "user" LIMIT 1')).length > 0;
  }

  findByUsernames(usernames: string[]): Promise<UserEntity[]> {
    if (usernames.length === 0) return Promise.resolve([]);
    const names = [...new Set(usernames.map((name) => name.toLowerCase()))];
    return this.db.query<UserEntity>(`SELECT ${USER} FROM "user" WHERE lower(username) = ANY($1::text[])`, [names]);
  }

  searchAmong(ids: string[], prefix: string, limit: number): Promise<UserEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    const pattern = `${prefix.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;
    return this.db.query<UserEntity>(
      `SELECT ${USER} FROM "user"
        WHERE id = ANY($1::uuid[]) AND (lower(username) LIKE $2 OR lower(display_name) LIKE $2)
        ORDER BY lower(username) LIMIT $3`,
      [ids, pattern, limit],
    );
  }

  /** Accounts whose username, display name or e-mail starts with `prefix`, by username, after a cursor. */
  searchPage(prefix: string, after: string | null, limit: number): Promise<UserEntity[]> {
    const pattern = `${prefix.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;
    return this.db.query<UserEntity>(
      `SELECT ${USER} FROM "user"
        WHERE (lower(username) LIKE $1 OR lower(display_name) LIKE $1 OR lower(email) LIKE $1) AND ($2::text IS NULL OR lower(username) > $2)
        ORDER BY lower(username) LIMIT $3`,
      [pattern, after, limit + 1],
    );
  }

  findOldestAdmin(): Promise<UserEntity | null> {
    return this.db.query<UserEntity>(`SELECT ${USER} FROM "user" WHERE 'admin' = ANY(platform_roles) ORDER BY created_at LIMIT 1`).then(([row]) => row ?? null);
  }

  /**
   * The account an address belongs to: the one that confirmed it, or else the first to give
   * it (an unconfirmed address can be given by more than one account; see `user_email_lower_key`).
   */
  findByEmail(email: string): Promise<UserEntity | null> {
    return this.db
      .query<UserEntity>(`SELECT ${USER} FROM "user" WHERE lower(email) = lower($1) ORDER BY email_verified_at IS NULL, created_at LIMIT 1`, [email.trim()])
      .then(([row]) => row ?? null);
  }

  /** The account, other than `exceptId`, that has confirmed the address, if one has. */
  async emailConfirmedByAnother(email: string, exceptId: string): Promise<UserEntity | null> {
    const [row] = await this.db.query<UserEntity>(`SELECT ${USER} FROM "user" WHERE lower(email) = lower($1) AND email_verified_at IS NOT NULL AND id <> $2`, [email, exceptId]);
    return row ?? null;
  }

  /**
   * Marks the address verified if it is still the account's; whether it was. Another
   * account having confirmed it first is a 409.
   */
  async markEmailVerified(id: string, email: string): Promise<boolean> {
    try {
      return (await this.db.execute('UPDATE "user" SET email_verified_at = coalesce(email_verified_at, now()), updated_at = now() WHERE id = $1 AND email = $2', [id, email])) > 0;
    } catch (error) {
      throw asConflict(error);
    }
  }

  /** Moves the account to a new address, confirmed (its link was opened); a 409 if another account confirmed it first. */
  async changeEmail(id: string, email: string): Promise<void> {
    try {
      await this.db.execute('UPDATE "user" SET email = $2, email_verified_at = now(), updated_at = now() WHERE id = $1', [id, email]);
    } catch (error) {
      throw asConflict(error);
    }
  }

  /**
   * What is left of a deleted account: a pseudonym for the name and handle, an address
   * that can never be mailed, a password nothing matches, no roles.
   */
  async pseudonymise(former: UserSummary): Promise<void> {
    await this.db.execute(
      `UPDATE "user" SET username = $2, display_name = $3, email = $4, email_verified_at = NULL, password_hash = '!', platform_roles = '{}', deleted_at = now(), updated_at = now() WHERE id = $1`,
      [former.id, former.username, former.displayName, `${former.id}@deleted.invalid`],
    );
  }

  /** Locks an account for its deletion; null when there is none (or it is deleted already). */
  async lockLive(id: string): Promise<UserEntity | null> {
    const [row] = await this.db.query<UserEntity>(`SELECT ${USER} FROM "user" WHERE id = $1 AND deleted_at IS NULL FOR UPDATE`, [id]);
    return row ?? null;
  }

  async setDisplayName(id: string, displayName: string): Promise<void> {
    await this.db.execute('UPDATE "user" SET display_name = $2, updated_at = now() WHERE id = $1', [id, displayName]);
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.db.execute('UPDATE "user" SET password_hash = $2, updated_at = now() WHERE id = $1', [id, passwordHash]);
  }

  /**
   * The accounts a sign-in names: by username (one at most), or by e-mail address (a
   * username has no @): the one that confirmed it first, then those that merely gave it.
   */
  findByLogin(login: string): Promise<UserEntity[]> {
    const name = login.trim();
    return name.includes('@')
      ? this.db.query<UserEntity>(`SELECT ${USER} FROM "user" WHERE lower(email) = lower($1) ORDER BY email_verified_at IS NULL, created_at LIMIT ${MAX_LOGIN_CANDIDATES}`, [name])
      : this.db.query<UserEntity>(`SELECT ${USER} FROM "user" WHERE lower(username) = lower($1)`, [name]);
  }

  async setPlatformRoles(id: string, roles: PlatformRole[]): Promise<void> {
    await this.db.execute('UPDATE "user" SET platform_roles = $2, updated_at = now() WHERE id = $1', [id, roles]);
  }

  async adminIds(): Promise<string[]> {
    return (await this.db.query<{ id: string }>(`SELECT id FROM "user" WHERE 'admin' = ANY(platform_roles) ORDER BY created_at`)).map((row) => row.id);
  }

  /**
   * Ids of every admin, locking their rows until the transaction ends, so two admins
   * demoting each other at once cannot leave the instance with none.
   */
  async lockAdminIds(): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT id FROM "user" WHERE 'admin' = ANY(platform_roles) ORDER BY id FOR UPDATE`,
    );
    return rows.map((row) => row.id);
  }
}

/** A unique violation on the user table as the 409 it means; anything else unchanged. */
function asConflict(error: unknown): unknown {
  const constraint = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
  if (!(error instanceof QueryFailedError) || constraint?.code !== UNIQUE_VIOLATION) return error;
  if (constraint.constraint === 'user_email_lower_key') {
    return new IdentityError(IdentityErrorCode.EmailTaken, 'Another account has confirmed this e-mail address.', {
      fieldErrors: [{ field: 'email', message: 'This e-mail address belongs to another account.' }],
    });
  }
  if (constraint.constraint === 'user_username_lower_key') {
    return new IdentityError(IdentityErrorCode.UsernameTaken, 'This username is taken.', {
      fieldErrors: [{ field: 'username', message: 'This username is taken (usernames ignore case).' }],
    });
  }
  return error;
}
