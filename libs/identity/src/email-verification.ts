import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Database, DomainEvents, type HearthConfig, InjectConfig, Mailer, Outbox, outboxTopic, OutboxWorker } from '@hearth/platform';
import { type AccountTokenPurpose, AccountTokens } from './account-tokens';
import type { AuthUser } from './auth-user';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import { PasswordsService } from './passwords.service';
import type { UserEntity } from './user.entity';
import { UserRepository } from './user.repository';

const VERIFY_MAIL_TOPIC = outboxTopic<VerifyMail>('identity.verify-email-mail');
const CHANGE_MAIL_TOPIC = outboxTopic<ChangeMail>('identity.change-email-mail');
const CHANGED_MAIL_TOPIC = outboxTopic<ChangedMail>('identity.email-changed-mail');
/** How long a verification link works. */
export const VERIFY_LINK_HOURS = 48;
/** A person may ask for the link again after this long. */
const RESEND_AFTER_SECONDS = 60;

/**
 * The account's address and proof that it is yours: a link e-mailed at registration (and
 * again on request) that works once, for 48 hours, and only for the address it was sent
 * to. Until then the account reads and answers, but no badge is issued to it (a badge
 * names the address) and no e-mail but this link is sent to it. Opening it publishes
 * `user.email_verified`, and credentials then issues the badges of courses already completed.
 *
 * A new address works the same way: the owner asks (with their password), a link goes to
 * the new address, and the account moves to it only when that link is opened; the old
 * address is then told. An address another account confirmed is never sent a link: its
 * owner is told instead, and the asker's answer is the same as for a free address.
 */
@Injectable()
export class EmailVerification implements OnModuleInit {
  constructor(
    @InjectConfig() private readonly config: HearthConfig,
    private readonly db: Database,
    private readonly events: DomainEvents,
    private readonly users: UserRepository,
    private readonly tokens: AccountTokens,
    private readonly outbox: Outbox,
    private readonly worker: OutboxWorker,
    private readonly mailer: Mailer,
    private readonly passwords: PasswordsService,
  ) {}

  onModuleInit(): void {
    this.worker.handle(VERIFY_MAIL_TOPIC, (mail: VerifyMail) => this.sendMail(mail));
    this.worker.handle(CHANGE_MAIL_TOPIC, (mail: ChangeMail) => this.sendChangeMail(mail));
    this.worker.handle(CHANGED_MAIL_TOPIC, (mail: ChangedMail) => this.sendChangedMail(mail));
  }

  /**
   * Issues a link for the account's address and has it e-mailed after the commit (within
   * the caller's transaction). Whether another account confirmed the address already is
   * decided then, by the outbox, so the caller's answer and its timing are the same either way.
   */
  async send(userId: string, email: string, why: VerifyMail['why'] = 'asked'): Promise<void> {
    await this.db.transaction(async () => {
      const tokenId = await this.tokens.issue(userId, 'verify-email', VERIFY_LINK_HOURS * 60, email);
      await this.outbox.enqueue(VERIFY_MAIL_TOPIC, { tokenId, userId, why } satisfies VerifyMail);
    });
  }

  /**
   * A new address for the caller, who typed their password: a link to it, for 48 hours,
   * moves the account there when opened. Asking again sets aside the earlier link.
   */
  async requestChange(caller: AuthUser, email: string, currentPassword: string): Promise<void> {
    const user = await this.passwords.assertCurrent(caller, currentPassword);
    const address = email.trim().toLowerCase();
    if (address === user.email) {
      throw new IdentityError(IdentityErrorCode.EmailUnchanged, 'This is your address already.', { fieldErrors: [{ field: 'email', message: 'This is your address already.' }] });
    }
    await this.notTooSoon(user.id, 'change-email');
    await this.db.transaction(async () => {
      const tokenId = await this.tokens.issue(user.id, 'change-email', VERIFY_LINK_HOURS * 60, address);
      await this.outbox.enqueue(CHANGE_MAIL_TOPIC, { tokenId, userId: user.id, email: address } satisfies ChangeMail);
    });
  }

  /** "Send the link again", for the signed-in owner of an unverified address. */
  async resend(caller: AuthUser): Promise<void> {
    const user = await this.users.findById(caller.id);
    if (!user) throw new IdentityError(IdentityErrorCode.Unauthenticated, 'This account no longer exists.');
    if (user.emailVerifiedAt) throw new IdentityError(IdentityErrorCode.AlreadyVerified, 'Your e-mail address is verified already.');
    await this.notTooSoon(user.id, 'verify-email');
    await this.send(user.id, user.email);
  }

  private async notTooSoon(userId: string, purpose: AccountTokenPurpose): Promise<void> {
    if (await this.tokens.issuedWithin(userId, purpose, RESEND_AFTER_SECONDS)) {
      throw new IdentityError(IdentityErrorCode.RateLimited, 'A link was sent less than a minute ago; look for it, or try again in a minute.', {
        headers: { 'Retry-After': String(RESEND_AFTER_SECONDS) },
      });
    }
  }

  /**
   * Opens a link: the address it was sent to is verified, if it is still the account's;
   * or, for a change, the account moves to the new address and the old one is told.
   */
  async verify(token: string): Promise<void> {
    await this.db.transaction(async () => {
      const spent = await this.tokens.spend(token, 'verify-email', 'change-email');
      if (spent?.email && spent.purpose === 'change-email') {
        const user = await this.users.findById(spent.userId);
        if (!user) throw invalidLink();
        await this.users.changeEmail(user.id, spent.email);
        await this.outbox.enqueue(CHANGED_MAIL_TOPIC, { userId: user.id, previous: user.email } satisfies ChangedMail);
      } else if (!spent?.email || !(await this.users.markEmailVerified(spent.userId, spent.email))) {
        throw invalidLink();
      }
      await this.events.publish('user.email_verified', { userId: spent.userId });
    });
  }

  private async sendMail({ tokenId, userId, why }: VerifyMail): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user || user.emailVerifiedAt) return;
    const owner = await this.users.emailConfirmedByAnother(user.email, user.id);
    if (owner) {
      // The link would be useless (the address is the owner's) and is not sent; the owner
      // hears of a new account giving their address, once, and of nothing asked again after.
      if (why === 'registered') await this.tellOwner(owner, user);
      return;
    }
    const link = `${this.config.publicUrl}/verify-email?token=${encodeURIComponent(await this.tokens.tokenFor(tokenId))}`;
    await this.mailer.send({
      to: user.email,
      subject: `Confirm your e-mail address for ${this.config.instanceName}`,
      text:
        `Hello ${user.displayName},\n\nPlease confirm that this is the address of your ${this.config.instanceName} account @${user.username}: open this link within ${VERIFY_LINK_HOURS} hours.\n\n${link}\n\n` +
        `Until then you can read and take part, but badges wait for it. If you did not make this account, ignore this e-mail.\n`,
    });
  }

  private async sendChangeMail({ tokenId, userId, email }: ChangeMail): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user) return;
    const owner = await this.users.emailConfirmedByAnother(email, userId);
    if (owner) {
      await this.mailer.send({
        to: owner.email,
        subject: `Someone asked to use your e-mail address on ${this.config.instanceName}`,
        text:
          `Hello ${owner.displayName},\n\nThe ${this.config.instanceName} account @${user.username} asked to move to this e-mail address. ` +
          `The address is your account's (@${owner.username}), so it stays yours and nothing changes.\n\nIf that was you, you need do nothing more; if not, you need do nothing at all.\n`,
      });
      return;
    }
    const link = `${this.config.publicUrl}/verify-email?token=${encodeURIComponent(await this.tokens.tokenFor(tokenId))}`;
    await this.mailer.send({
      to: email,
      subject: `Confirm your new e-mail address for ${this.config.instanceName}`,
      text:
        `Hello ${user.displayName},\n\nYou asked to move your ${this.config.instanceName} account @${user.username} to this address. Open this link within ${VERIFY_LINK_HOURS} hours to do it:\n\n${link}\n\n` +
        `Until then your account keeps its old address. If you did not ask for this, ignore this e-mail.\n`,
    });
  }

  private async sendChangedMail({ userId, previous }: ChangedMail): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user || user.email === previous) return;
    await this.mailer.send({
      to: previous,
      subject: `Your ${this.config.instanceName} account has a new e-mail address`,
      text:
        `Hello ${user.displayName},\n\nYour ${this.config.instanceName} account @${user.username} now uses another e-mail address; this one gets no more e-mail from it.\n\n` +
        `If you did not do this, someone may know your password: choose a new one at ${this.config.publicUrl}/forgot-password using the new address, or ask an admin of ${this.config.instanceName} for help.\n`,
    });
  }

  private async tellOwner(owner: UserEntity, newcomer: UserEntity): Promise<void> {
    const site = this.config.publicUrl;
    await this.mailer.send({
      to: owner.email,
      subject: `Someone registered on ${this.config.instanceName} with your e-mail address`,
      text:
        `Hello ${owner.displayName},\n\nA new ${this.config.instanceName} account, @${newcomer.username}, was just made with this e-mail address. ` +
        `The address is already your account's (@${owner.username}), so the new account cannot confirm it, and gets no e-mail from us.\n\n` +
        `If that was you, sign in as @${owner.username} instead: ${site}/sign-in\nForgot your password? Choose a new one: ${site}/forgot-password\n\n` +
        `If it was not you, you need do nothing.\n`,
    });
  }
}

/** The outbox's note to e-mail a link to a new address. */
interface ChangeMail {
  tokenId: string;
  userId: string;
  email: string;
}

/** The outbox's note to tell the old address the account moved. */
interface ChangedMail {
  userId: string;
  previous: string;
}

const invalidLink = () =>
  new IdentityError(IdentityErrorCode.VerifyLinkInvalid, 'This link has expired, was used already, or is for an address no longer yours. Ask for a new one from your account page.', {
    fieldErrors: [{ field: 'token', message: 'Ask for a new link from your account page.' }],
  });

/** The outbox's note to e-mail a verification link: why it was asked for decides what an address's owner is told. */
interface VerifyMail {
  tokenId: string;
  userId: string;
  why: 'registered' | 'asked';
}
