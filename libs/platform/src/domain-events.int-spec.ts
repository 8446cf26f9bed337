import type { DomainEventMap } from '@hearth/contracts';
import { DomainEvents } from './domain-events';
import { OutboxWorker } from './outbox';
import { createIntegrationContext, type IntegrationContext } from './testing';

/** A made-up change and what follows it, on a table of the test's own. */
describe('domain events and their followers (PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let events: DomainEvents;
  let worker: OutboxWorker;
  let failing = 0;
  const written = () => ctx.db.query<{ what: string }>('SELECT what FROM test_effect ORDER BY id').then((rows) => rows.map((row) => row.what));
  const write = async (what: string) => void (await ctx.db.execute('INSERT INTO test_effect (what) VALUES ($1)', [what]));
  const exported: DomainEventMap['user.exported'] = { userId: '00000000-0000-4000-8000-000000000001', actorId: '00000000-0000-4000-8000-000000000001' };

  beforeAll(async () => {
    ctx = await createIntegrationContext([]);
    events = ctx.get(DomainEvents);
    worker = ctx.get(OutboxWorker);
    await ctx.db.execute('CREATE TABLE test_effect (id serial PRIMARY KEY, what text NOT NULL)');
    events.on('user.exported', () => write('taking part'));
    const audit = events.follower('audit');
    audit.on('user.exported', async () => {
      await write('audit row');
      if (failing > 0) {
        failing -= 1;
        // A statement that fails, as a bug in a follower would: the transaction would be aborted without the savepoint.
        await ctx.db.execute('SELECT 1 / 0');
      }
    });
    events.follower('notifications').on('user.exported', () => write('notification'));
  });
  afterAll(() => ctx.close());
  beforeEach(async () => {
    failing = 0;
    await ctx.db.execute('TRUNCATE test_effect');
    await ctx.db.execute('UPDATE outbox_message SET done_at = now() WHERE done_at IS NULL');
  });

  const change = () =>
    ctx.db.transaction(async () => {
      await write('the change');
      await events.publish('user.exported', exported);
      await write('after the event');
    });

  it('runs those taking part first, then the followers, all in the change’s transaction', async () => {
    await change();
    expect(await written()).toEqual(['the change', 'taking part', 'audit row', 'notification', 'after the event']);
    expect(await worker.drain()).toBe(0);
  });

  it('lets the change commit when a follower fails, undoing only the followers, and follows again after the commit', async () => {
    failing = 1;
    await change();
    expect(await written()).toEqual(['the change', 'taking part', 'after the event']);

    expect(await worker.drain()).toBe(2);
    // Each following context again, on its own: the audit row and the notification, once each.
    expect((await written()).slice(3).sort()).toEqual(['audit row', 'notification']);
    expect(await worker.drain()).toBe(0);
  });

  it('keeps trying a follower that fails after the commit, without touching the change', async () => {
    failing = 2;
    await change();
    expect(await worker.drain()).toBe(2);
    expect(await written()).toEqual(['the change', 'taking part', 'after the event', 'notification']);
    const [retry] = await ctx.db.query<{ attempts: number; lastError: string }>(
      `SELECT attempts, last_error FROM outbox_message WHERE topic = 'domain-events.follow-again' AND done_at IS NULL`,
    );
    expect(retry).toEqual({ attempts: 1, lastError: expect.stringContaining('division by zero') });
  });

  it('still rolls the change back when one taking part fails', async () => {
    events.on('user.deleted', async () => {
      throw new Error('a rule of the change refused it');
    });
    await expect(
      ctx.db.transaction(async () => {
        await write('the change');
        await events.publish('user.deleted', { userId: exported.userId, actorId: exported.userId, reason: null });
      }),
    ).rejects.toThrow('refused');
    expect(await written()).toEqual([]);
  });
});
