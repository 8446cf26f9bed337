import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Database, DomainEvents, type HearthConfig, InjectConfig, Mailer, Outbox, OutboxWorker } from '@hearth/platform';
import { AccountTokens } from './account-tokens';
import type { AuthUser } from './auth-user';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import type { UserEntity } from './user.entity';
import { UserRepository } from './user.repository';

const VERIFY_MAIL_TOPIC = 'identity.verify-email-mail';
/** How long a verification link works. */
export const VERIFY_LINK_HOURS = 48;
/** A person may ask for the link again after this long. */
const RESEND_AFTER_SECONDS = 60;

/**
 * Proving the address is yours: a link e-mailed at registration (and again on request)
 * that works once, for 48 hours, and only for the address it was sent to. Until then the
 * account reads and answers, but no badge is issued to it (a badge names the address) and
 * no e-mail but this link is sent to it. Opening it publishes `user.email_verified`, and
 * credentials then issues the badges of courses already completed.
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
  ) {}

  onModuleInit(): void {
    this.worker.handle(VERIFY_MAIL_TOPIC, (mail: VerifyMail) => this.sendMail(mail));
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

  /** "Send the link again", for the signed-in owner of an unverified address. */
  async resend(caller: AuthUser): Promise<void> {
    const user = await this.users.findById(caller.id);
    if (!user) throw new IdentityError(IdentityErrorCode.Unauthenticated, 'This account no longer exists.');
    if (user.emailVerifiedAt) throw new IdentityError(IdentityErrorCode.AlreadyVerified, 'Your e-mail address is verified already.');
    if (await this.tokens.issuedWithin(user.id, 'verify-email', RESEND_AFTER_SECONDS)) {
      throw new IdentityError(IdentityErrorCode.RateLimited, 'A link was sent less than a minute ago; look for it, or try again in a minute.', {
        headers: { 'Retry-After': String(RESEND_AFTER_SECONDS) },
      });
    }
    await this.send(user.id, user.email);
  }

  /** Opens a link: the address it was sent to is verified, if it is still the account's. */
  async verify(token: string): Promise<void> {
    await this.db.transaction(async () => {
      const spent = await this.tokens.spend(token, 'verify-email');
      if (!spent?.email || !(await this.users.markEmailVerified(spent.userId, spent.email))) {
        throw new IdentityError(IdentityErrorCode.VerifyLinkInvalid, 'This link has expired, was used already, or is for an address no longer yours. Ask for a new one from your account page.', {
          fieldErrors: [{ field: 'token', message: 'Ask for a new link from your account page.' }],
        });
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

/** The outbox's note to e-mail a verification link: why it was asked for decides what an address's owner is told. */
interface VerifyMail {
  tokenId: string;
  userId: string;
  why: 'registered' | 'asked';
}
