import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import type { HearthConfig } from './config';
import { InjectConfig } from './config.provider';
import nodemailer, { type Transporter } from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/**
 * Sends e-mail through SMTP_URL, or, with none set, writes each message as an .eml file
 * under <data>/mail, so a local instance shows what it would have sent.
 */
@Injectable()
export class Mailer {
  private readonly transport: Transporter;
  readonly folder: string;

  constructor(@InjectConfig() private readonly config: HearthConfig) {
    this.folder = join(config.dataDir, 'mail');
    // A send must end well within the outbox's lease on its message (five minutes).
    this.transport = config.smtpUrl
      ? nodemailer.createTransport({ url: config.smtpUrl, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 })
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(mail: Mail): Promise<void> {
    const info = await this.transport.sendMail({ from: this.config.mailFrom, ...mail });
    if (!this.config.smtpUrl) {
      await mkdir(this.folder, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^A-Za-z0-9-]/g, '')}.eml`;
      await writeFile(join(this.folder, name), info.message as Buffer);
    }
  }
}
