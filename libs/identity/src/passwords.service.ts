import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Database, type HearthConfig, InjectConfig, Mailer, Outbox, outboxTopic, OutboxWorker } from '@hearth/platform';
import { AccountTokens } from './account-tokens';
import type { AuthUser } from './auth-user';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import { assertPasswordPolicy, hashPassword, verifyPassword } from './passwords';
import { Sessions } from './sessions';
import { SignInFailures } from './sign-in-failures';
import type { UserEntity } from './user.entity';
import { UserRepository } from './user.repository';

const RESET_MAIL_TOPIC = outboxTopic<{ tokenId: string; userId: string }>('identity.password-reset-mail');
/** How long a reset link works. */
export const RESET_LINK_MINUTES = 30;

/**
 * Changing a password, and resetting a forgotten one by e-mail. A reset link works once,
 * for 30 minutes; using it ends every session of the account (whoever knew the old
 * password is signed out). Asking for a link answers the same whether or not an account
 * has the address: the e-mail, if any, goes out afterwards from the outbox.
 */
@Injectable()
export class PasswordsService implements OnModuleInit {
  constructor(
    @InjectConfig() private readonly config: HearthConfig,
    private readonly db: Database,
    private readonly users: UserRepository,
    private readonly tokens: AccountTokens,
    private readonly sessions: Sessions,
    private readonly failures: SignInFailures,
    private readonly outbox: Outbox,
    private readonly worker: OutboxWorker,
    private readonly mailer: Mailer,
  ) {}

  onModuleInit(): void {
    this.worker.handle(RESET_MAIL_TOPIC, ({ tokenId, userId }: { tokenId: string; userId: string }) => this.sendResetMail(tokenId, userId));
  }

  async requestReset(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (!user) return;
    await this.db.transaction(async () => {
      const tokenId = await this.tokens.issue(user.id, 'reset-password', RESET_LINK_MINUTES);
      await this.outbox.enqueue(RESET_MAIL_TOPIC, { tokenId, userId: user.id });
    });
  }

  /** Sets the new password with a reset link's token; every session of the account ends. */
  async reset(token: string, password: string): Promise<void> {
    const userId = await this.tokens.peek(token, 'reset-password');
    const user = userId ? await this.users.findById(userId) : null;
    if (!user) throw invalidLink();
    assertPasswordPolicy(password, user);
    const passwordHash = await hashPassword(password);
    await this.db.transaction(async () => {
      if ((await this.tokens.spend(token, 'reset-password'))?.userId !== user.id) throw invalidLink();
      await this.users.setPasswordHash(user.id, passwordHash);
      await this.sessions.end(user.id, null, 'password-reset');
    });
    // Whoever forgot it may have tried a few times: the new password is not kept waiting.
    await this.failures.succeeded(`user:${user.id}`);
  }

  /** A new password for the caller, who knows the current one; their other sessions end. */
  async change(caller: AuthUser, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.assertCurrent(caller, currentPassword);
    assertPasswordPolicy(newPassword, user);
    const passwordHash = await hashPassword(newPassword);
    await this.db.transaction(async () => {
      await this.users.setPasswordHash(user.id, passwordHash);
      await this.sessions.end(user.id, null, 'password-changed', caller.sessionId);
    });
  }

  /**
   * The caller's account, once they have typed its current password (a change to the
   * password or the address asks for it); wrong ones count toward the sign-in back-off.
   */
  async assertCurrent(caller: AuthUser, currentPassword: string): Promise<UserEntity> {
    const user = await this.users.findById(caller.id);
    if (!user) throw new IdentityError(IdentityErrorCode.Unauthenticated, 'This account no longer exists.');
    const account = `user:${user.id}`;
    await this.failures.assertMayTry(account);
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      await this.failures.failed(account);
      throw new IdentityError(IdentityErrorCode.WrongPassword, 'The current password is not right.', {
        fieldErrors: [{ field: 'currentPassword', message: 'This is not your current password.' }],
      });
    }
    return user;
  }

  private async sendResetMail(tokenId: string, userId: string): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user) return;
    const link = `${this.config.publicUrl}/reset-password?token=${encodeURIComponent(await this.tokens.tokenFor(tokenId))}`;
    await this.mailer.send({
      to: user.email,
      subject: `Reset your ${this.config.instanceName} password`,
      text:
        `Hello ${user.displayName},\n\nSomeone asked to reset the password of your ${this.config.instanceName} account @${user.username}. ` +
        `If it was you, choose a new one here within ${RESET_LINK_MINUTES} minutes:\n\n${link}\n\n` +
        `Setting it signs you out everywhere. If it was not you, ignore this e-mail: your password stays as it is.\n`,
    });
  }
}

const invalidLink = () =>
  new IdentityError(IdentityErrorCode.ResetLinkInvalid, 'This reset link has expired or was used already. Ask for a new one.', {
    fieldErrors: [{ field: 'token', message: 'Ask for a new reset link.' }],
  });
