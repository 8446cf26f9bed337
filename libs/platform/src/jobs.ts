import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { HearthConfig } from './config';
import { DATABASE_URL, InjectConfig } from './config.provider';

interface ScheduledJob {
  cron: string;
  run: () => Promise<void>;
}

/**
 * Scheduled jobs, through pg-boss on Hearth's own database (schema `pgboss`). Contexts
 * register theirs while the app starts; pg-boss then runs each on its cron (UTC), once
 * per tick however many instances are up, and retries a failed run. With
 * HEARTH_WORKER_POLL_MS=0 (tests) nothing is started, and tests call `run` themselves.
 */
@Injectable()
export class Jobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly jobs = new Map<string, ScheduledJob>();
  private boss: PgBoss | null = null;

  constructor(
    @InjectConfig() private readonly config: HearthConfig,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
  ) {}

  schedule(name: string, cron: string, run: () => Promise<void>): void {
    this.jobs.set(name, { cron, run });
  }

  /** Runs a job now, as its schedule would. */
  run(name: string): Promise<void> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`No job named ${name}.`);
    return job.run();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.workerPollMs === 0 || this.jobs.size === 0) return;
    const boss = new PgBoss({ connectionString: this.databaseUrl, schema: 'pgboss', max: 2, application_name: 'hearth-jobs' });
    boss.on('error', (error) => this.logger.error({ err: error }, 'Job queue error'));
    await boss.start();
    this.boss = boss;
    for (const [name, job] of this.jobs) {
      await boss.createQueue(name);
      await boss.schedule(name, job.cron, {}, { tz: 'UTC' });
      await boss.work(name, async () => {
        await job.run();
      });
    }
    this.logger.log({ jobs: [...this.jobs.keys()] }, 'Scheduled jobs started');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.boss?.stop({ graceful: true, timeout: 10_000 });
    this.boss = null;
  }
}
