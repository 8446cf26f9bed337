import { Jobs } from '@hearth/platform';
import { createIntegrationContext, type IntegrationContext } from '@hearth/platform/testing';
import { CredentialsModule } from './credentials.module';

describe('the expiry sweep as a scheduled job (PostgreSQL, pg-boss)', () => {
  let ctx: IntegrationContext;

  beforeAll(async () => {
    // Background work on, as in production (the outbox's poll is made long so it stays out of the way).
    ctx = await createIntegrationContext([CredentialsModule], { HEARTH_WORKER_POLL_MS: '3600000' });
  });
  afterAll(() => ctx.close());

  it('is scheduled in pg-boss on Hearth’s database every five minutes, in UTC', async () => {
    const schedules = await ctx.db.query<{ name: string; cron: string; timezone: string }>('SELECT name, cron, timezone FROM pgboss.schedule ORDER BY name');
    expect(schedules).toContainEqual({ name: 'credentials-expiry-sweep', cron: '*/5 * * * *', timezone: 'UTC' });
    // The nightly purges are scheduled the same way.
    expect(schedules).toContainEqual({ name: 'identity.retention', cron: '17 3 * * *', timezone: 'UTC' });
    expect(schedules).toContainEqual({ name: 'platform.retention', cron: '17 3 * * *', timezone: 'UTC' });
  });

  it('runs on demand as its schedule would', async () => {
    await expect(ctx.get(Jobs).run('credentials-expiry-sweep')).resolves.toBeUndefined();
    expect(() => ctx.get(Jobs).run('no-such-job')).toThrow('No job named no-such-job.');
  });
});
