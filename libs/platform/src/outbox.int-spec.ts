import { DATABASE_URL, HEARTH_CONFIG } from './config.provider';
import { Outbox, OutboxWorker, outboxTopic } from './outbox';
import { createIntegrationContext, type IntegrationContext } from './testing';

describe('the outbox (PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let outbox: Outbox;
  let worker: OutboxWorker;
  let topic = 0;

  beforeAll(async () => {
    ctx = await createIntegrationContext([]);
    outbox = ctx.get(Outbox);
    worker = ctx.get(OutboxWorker);
  });
  afterAll(() => ctx.close());
  beforeEach(async () => {
    // Every test starts with nothing pending and its own topic.
    await ctx.db.execute('UPDATE outbox_message SET done_at = now() WHERE done_at IS NULL');
    topic += 1;
  });

  const enqueue = (payloads: unknown[]) => ctx.db.transaction(async () => {
    for (const payload of payloads) await outbox.enqueue(outboxTopic<{ n: number }>(`test-${topic}`), payload);
  });
  const rows = () =>
    ctx.db.query<{ payload: unknown; attempts: number; done: boolean; failed: boolean; lastError: string | null; dueIn: number }>(
      `SELECT payload, attempts, done_at IS NOT NULL AS done, failed_at IS NOT NULL AS failed, last_error,
              round(extract(epoch FROM available_at - now()))::int AS due_in
         FROM outbox_message WHERE topic = $1 ORDER BY id`,
      [`test-${topic}`],
    );

  it('refuses a message written outside a transaction: it would not be tied to any change', async () => {
    await expect(outbox.enqueue(outboxTopic<object>('x'), {})).rejects.toThrow(/inside the transaction/);
  });

  it('does nothing when the change that wrote a message rolls back', async () => {
    await expect(
      ctx.db.transaction(async () => {
        await outbox.enqueue(outboxTopic<{ n: number }>(`test-${topic}`), { n: 1 });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await rows()).toEqual([]);
  });

  it('handles each due message once, in order, outside any transaction', async () => {
    const seen: Array<{ payload: unknown; inTransaction: boolean }> = [];
    worker.handle(outboxTopic<{ n: number }>(`test-${topic}`), async (payload) => void seen.push({ payload, inTransaction: ctx.db.inTransaction }));
    await enqueue(Array.from({ length: 25 }, (_, n) => ({ n })));

    expect(await worker.drain()).toBe(25);
    expect(seen.map((s) => s.payload)).toEqual(Array.from({ length: 25 }, (_, n) => ({ n })));
    expect(seen.every((s) => !s.inTransaction)).toBe(true);
    expect(await worker.drain()).toBe(0);
    expect((await rows()).every((row) => row.done && row.attempts === 1)).toBe(true);
  });

  it('retries a failed message later, with growing delays, and gives up after eight tries', async () => {
    worker.handle(outboxTopic<{ n: number }>(`test-${topic}`), async () => {
      throw new Error('the mail server is down');
    });
    await enqueue([{ n: 1 }]);
    await worker.drain();
    expect(await rows()).toEqual([expect.objectContaining({ attempts: 1, done: false, failed: false, lastError: 'the mail server is down', dueIn: 15 })]);
    expect(await worker.drain()).toBe(0);

    const delays = [];
    for (let attempt = 2; attempt <= 8; attempt++) {
      await ctx.db.execute('UPDATE outbox_message SET available_at = now() WHERE topic = $1', [`test-${topic}`]);
      await worker.drain();
      delays.push((await rows())[0].dueIn);
    }
    expect(delays.slice(0, 6)).toEqual([30, 60, 120, 240, 480, 960]);
    expect(await rows()).toEqual([expect.objectContaining({ attempts: 8, failed: true, done: false })]);
  });

  it('leaves a claimed message to its worker, and takes it back once the lease runs out', async () => {
    const handled: unknown[] = [];
    worker.handle(outboxTopic<{ n: number }>(`test-${topic}`), async (payload) => void handled.push(payload));
    await enqueue([{ n: 1 }]);
    // Another worker claimed it, then died before recording the outcome.
    await ctx.db.execute(`UPDATE outbox_message SET attempts = 1, available_at = now() + interval '300 seconds' WHERE topic = $1`, [`test-${topic}`]);
    expect(await worker.drain()).toBe(0);
    await ctx.db.execute('UPDATE outbox_message SET available_at = now() WHERE topic = $1', [`test-${topic}`]);
    expect(await worker.drain()).toBe(1);
    expect(handled).toEqual([{ n: 1 }]);
    expect(await rows()).toEqual([expect.objectContaining({ attempts: 2, done: true })]);
  });

  it('lets two workers drain together without handling any message twice', async () => {
    const other = new OutboxWorker(ctx.get(HEARTH_CONFIG as never), ctx.get(DATABASE_URL as never), ctx.db);
    const counts = new Map<number, number>();
    const handler = async ({ n }: { n: number }) => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      counts.set(n, (counts.get(n) ?? 0) + 1);
    };
    worker.handle(outboxTopic<{ n: number }>(`test-${topic}`), handler);
    other.handle(outboxTopic<{ n: number }>(`test-${topic}`), handler);
    await enqueue(Array.from({ length: 60 }, (_, n) => ({ n })));

    const [a, b] = await Promise.all([worker.drain(), other.drain()]);
    expect(a + b).toBe(60);
    expect(counts.size).toBe(60);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
  });
});

describe('the outbox worker, listening (PostgreSQL)', () => {
  let ctx: IntegrationContext;

  beforeAll(async () => {
    // Polling once an hour: only a wake-up can explain a message handled within seconds.
    ctx = await createIntegrationContext([], { HEARTH_WORKER_POLL_MS: '3600000' });
  });
  afterAll(() => ctx.close());

  it('handles a message as soon as the transaction that wrote it commits, and not before', async () => {
    const handled: unknown[] = [];
    ctx.get(OutboxWorker).handle(outboxTopic<{ n: number }>('test-wake'), async (payload) => void handled.push(payload));
    await ctx.db.transaction(async () => {
      await ctx.get(Outbox).enqueue(outboxTopic<{ n: number }>('test-wake'), { n: 1 });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(handled).toEqual([]);
    });
    for (let waited = 0; handled.length === 0 && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(handled).toEqual([{ n: 1 }]);
  });
});
