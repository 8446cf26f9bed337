import { randomUUID } from 'node:crypto';
import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DiscussionsModule } from '@hearth/discussions';
import { UsersService } from '@hearth/identity';
import { NotificationsModule } from '@hearth/notifications';
import { Jobs, Mailer, Outbox, outboxTopic } from '@hearth/platform';
import { createIntegrationContext, type IntegrationContext } from '@hearth/platform/testing';

describe('the nightly purge (PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let userId: string;

  beforeAll(async () => {
    ctx = await createIntegrationContext([DiscussionsModule, NotificationsModule], {
      // A mail folder of its own: the purge deletes files in it.
      HEARTH_DATA_DIR: `/tmp/hearth-retention-${process.pid}`,
      HEARTH_RETENTION_SESSIONS_DAYS: '30',
      HEARTH_RETENTION_NOTIFICATIONS_DAYS: '180',
      HEARTH_RETENTION_OUTBOX_DAYS: '7',
      HEARTH_RETENTION_MAIL_DAYS: '14',
    });
    userId = (await ctx.get(UsersService).create({ email: 'kept@example.org', username: 'kept', displayName: 'K', password: 'correct horse battery' })).id;
  });
  afterAll(() => ctx.close());

  const count = async (sql: string) => Number((await ctx.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`))[0].n);
  const session = async (revokedDaysAgo: number | null, expiresInDays: number) => {
    const [row] = await ctx.db.query<{ id: string }>(
      `INSERT INTO session (user_id, expires_at, revoked_at, revoked_reason)
       VALUES ($1, now() + $2 * interval '1 day', CASE WHEN $3::int IS NULL THEN NULL ELSE now() - $3::int * interval '1 day' END, CASE WHEN $3::int IS NULL THEN NULL ELSE 'logout' END)
       RETURNING id`,
      [userId, expiresInDays, revokedDaysAgo],
    );
    return row.id;
  };

  it('deletes sessions over for longer than the period, and keeps live ones and recent ones', async () => {
    const live = await session(null, 60);
    const endedLongAgo = await session(31, 60);
    const endedRecently = await session(2, 60);
    const expiredLongAgo = await session(null, -40);
    await ctx.get(Jobs).run('identity.retention');
    const left = new Set((await ctx.db.query<{ id: string }>('SELECT id FROM session')).map((row) => row.id));
    expect(left.has(live)).toBe(true);
    expect(left.has(endedRecently)).toBe(true);
    expect(left.has(endedLongAgo)).toBe(false);
    expect(left.has(expiredLongAgo)).toBe(false);
  });

  it('deletes sign-in failures from before yesterday, but not a run still going', async () => {
    await ctx.db.execute(`INSERT INTO sign_in_failure (key, consecutive, last_failed_at, day, day_failures) VALUES ('\\x01', 0, now() - interval '3 days', current_date - 3, 2), ('\\x02', 6, now(), current_date, 6)`);
    await ctx.get(Jobs).run('identity.retention');
    expect(await count('sign_in_failure')).toBe(1);
  });

  it('deletes old notifications and done outbox messages, keeping failed ones', async () => {
    await ctx.db.execute(
      `INSERT INTO notification (user_id, kind, source_id, created_at) VALUES ($1, 'mention', $2, now() - interval '200 days'), ($1, 'mention', $3, now())`,
      [userId, randomUUID(), randomUUID()],
    );
    await ctx.db.transaction(() => ctx.get(Outbox).enqueue(outboxTopic<object>('test.topic'), {}));
    await ctx.db.execute(`UPDATE outbox_message SET done_at = now() - interval '8 days' WHERE topic = 'test.topic'`);
    await ctx.db.transaction(() => ctx.get(Outbox).enqueue(outboxTopic<object>('test.failed'), {}));
    await ctx.db.execute(`UPDATE outbox_message SET failed_at = now() - interval '30 days' WHERE topic = 'test.failed'`);

    await ctx.get(Jobs).run('notifications.retention');
    await ctx.get(Jobs).run('platform.retention');

    expect(await count('notification')).toBe(1);
    expect(await count(`outbox_message WHERE topic = 'test.topic'`)).toBe(0);
    expect(await count(`outbox_message WHERE topic = 'test.failed'`)).toBe(1);
  });

  it('deletes e-mail files older than the period', async () => {
    const folder = ctx.get(Mailer).folder;
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'old.eml'), 'x');
    await writeFile(join(folder, 'new.eml'), 'x');
    const longAgo = new Date(Date.now() - 15 * 86_400_000);
    await utimes(join(folder, 'old.eml'), longAgo, longAgo);
    await ctx.get(Jobs).run('platform.retention');
    const left = await readdir(folder);
    expect(left).toContain('new.eml');
    expect(left).not.toContain('old.eml');
  });
});
