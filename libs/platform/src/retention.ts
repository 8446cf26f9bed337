import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { HearthConfig } from './config';
import { InjectConfig } from './config.provider';
import { Database } from './database';
import { Jobs } from './jobs';
import { Mailer } from './mailer';

/** Every context's nightly purge runs at this time (UTC), each as its own job. */
export const RETENTION_CRON = '17 3 * * *';

/**
 * The platform's share of the nightly purge: outbox messages done more than
 * HEARTH_RETENTION_OUTBOX_DAYS ago (those that failed stay, for a person to look at), and
 * e-mail files older than HEARTH_RETENTION_MAIL_DAYS. Identity and notifications purge
 * their own tables in jobs of their own.
 */
@Injectable()
export class PlatformRetention implements OnModuleInit {
  private readonly logger = new Logger('Retention');

  constructor(
    @InjectConfig() private readonly config: HearthConfig,
    private readonly db: Database,
    private readonly jobs: Jobs,
    private readonly mailer: Mailer,
  ) {}

  onModuleInit(): void {
    this.jobs.schedule('platform.retention', RETENTION_CRON, async () => {
      this.logger.log(await this.purge(), 'Purged old outbox messages and e-mail files');
    });
  }

  async purge(): Promise<{ outboxMessages: number; mailFiles: number }> {
    const outboxMessages = await this.db.execute(`DELETE FROM outbox_message WHERE done_at < now() - $1 * interval '1 day'`, [this.config.retentionDays.outbox]);
    const before = Date.now() - this.config.retentionDays.mail * 86_400_000;
    let mailFiles = 0;
    for (const name of await readdir(this.mailer.folder).catch(() => [] as string[])) {
      if (!name.endsWith('.eml')) continue;
      const path = join(this.mailer.folder, name);
      if ((await stat(path)).mtimeMs < before) {
        await unlink(path);
        mailFiles += 1;
      }
    }
    return { outboxMessages, mailFiles };
  }
}
