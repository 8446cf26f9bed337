import { Injectable } from '@nestjs/common';
import { Database, DomainEvents, type HearthConfig, InjectConfig, PersonalData } from '@hearth/platform';
import type { AuthUser } from './auth-user';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import { PasswordsService } from './passwords.service';
import { UserRepository } from './user.repository';
import { UsersService } from './users.service';

/** The archive a person downloads: every context's section, and what it is. */
export interface PersonalDataArchive {
  format: 'hearth-personal-data/1';
  instance: string;
  exportedAt: string;
  /** Identity's section (IdentityPersonalData), named here for the download's file name. */
  account: { username: string } & Record<string, unknown>;
  [section: string]: unknown;
}

/**
 * A person's data: everything Hearth holds about them as one JSON archive, and the
 * deletion of their account. Each context says what it holds, how to export it and how to
 * erase it (a `PersonalDataHolder`); this runs them. The owner deletes with their
 * password; an admin may export or delete for a person, with a reason, and both are in
 * the audit log.
 */
@Injectable()
export class MyData {
  constructor(
    @InjectConfig() private readonly config: HearthConfig,
    private readonly db: Database,
    private readonly events: DomainEvents,
    private readonly registry: PersonalData,
    private readonly users: UserRepository,
    private readonly accounts: UsersService,
    private readonly passwords: PasswordsService,
  ) {}

  exportMine(caller: AuthUser): Promise<PersonalDataArchive> {
    return this.archive(caller.id);
  }

  async exportFor(caller: AuthUser, userId: string): Promise<PersonalDataArchive> {
    await this.accounts.requireAdmin(caller);
    if (!(await this.users.findById(userId))) throw noSuchPerson();
    await this.db.transaction(() => this.events.publish('user.exported', { userId, actorId: caller.id }));
    return this.archive(userId);
  }

  /** The owner's own deletion: their password first, as for any change that cannot be undone. */
  async deleteMine(caller: AuthUser, currentPassword: string): Promise<void> {
    await this.passwords.assertCurrent(caller, currentPassword);
    await this.delete(caller.id, caller.id, null);
  }

  async deleteFor(caller: AuthUser, userId: string, reason: string): Promise<void> {
    await this.accounts.requireAdmin(caller);
    await this.delete(userId, caller.id, reason);
  }

  private async archive(userId: string): Promise<PersonalDataArchive> {
    const sections = await this.registry.exportAll(userId);
    return { format: 'hearth-personal-data/1', instance: this.config.instanceName, exportedAt: new Date().toISOString(), ...sections, account: sections.account as PersonalDataArchive['account'] };
  }

  /**
   * One transaction: every context erases its share (powers first, the account last),
   * then `user.deleted` is published for the audit log. An instance keeps at least one admin.
   */
  private async delete(userId: string, actorId: string, reason: string | null): Promise<void> {
    await this.db.transaction(async () => {
      const admins = await this.users.lockAdminIds();
      const user = await this.users.lockLive(userId);
      if (!user) throw noSuchPerson();
      if (user.platformRoles.includes('admin') && admins.length <= 1) {
        throw new IdentityError(IdentityErrorCode.LastAdmin, 'This is the only admin: make someone else admin before deleting this account.');
      }
      await this.registry.eraseAll(userId, actorId);
      await this.events.publish('user.deleted', { userId, actorId, reason });
    });
  }
}

const noSuchPerson = () => new IdentityError(IdentityErrorCode.UserNotFound, 'There is no such account (or it was deleted).');
