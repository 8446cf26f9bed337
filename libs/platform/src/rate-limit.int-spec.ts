import { createIntegrationContext, type IntegrationContext } from './testing';
import { PgThrottlerStorage } from './rate-limit';

describe('PgThrottlerStorage (PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let storage: PgThrottlerStorage;

  beforeAll(async () => {
    ctx = await createIntegrationContext([]);
    storage = ctx.get(PgThrottlerStorage);
  });
  afterAll(() => ctx.close());

  it('counts hits within the window and blocks past the limit', async () => {
    const hits = [];
    for (let i = 0; i < 4; i++) hits.push(await storage.increment('k1', 60_000, 3, 30_000, 'ip'));
    expect(hits.map((h) => h.totalHits)).toEqual([1, 2, 3, 4]);
    expect(hits.map((h) => h.isBlocked)).toEqual([false, false, false, true]);
    expect(hits[3].timeToBlockExpire).toBeGreaterThan(25);
    expect(hits[3].timeToBlockExpire).toBeLessThanOrEqual(30);
    // While blocked, further hits stay blocked.
    expect((await storage.increment('k1', 60_000, 3, 30_000, 'ip')).isBlocked).toBe(true);
  });

  it('keeps separate counters per key and per throttler', async () => {
    await storage.increment('k2', 60_000, 1, 1000, 'ip');
    expect((await storage.increment('k2', 60_000, 1, 1000, 'account')).totalHits).toBe(1);
    expect((await storage.increment('k3', 60_000, 1, 1000, 'ip')).totalHits).toBe(1);
  });

  it('starts a fresh window once the old one and any block have run out', async () => {
    await storage.increment('k4', 60_000, 1, 60_000, 'ip');
    expect((await storage.increment('k4', 60_000, 1, 60_000, 'ip')).isBlocked).toBe(true);
    await ctx.db.query(`UPDATE rate_limit SET window_ends_at = now() - interval '1 ms', blocked_until = now() - interval '1 ms' WHERE key = 'ip:k4'`);
    const fresh = await storage.increment('k4', 60_000, 1, 60_000, 'ip');
    expect(fresh).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('counts every one of many simultaneous hits (one upsert each, no lost updates)', async () => {
    await Promise.all(Array.from({ length: 20 }, () => storage.increment('k5', 60_000, 100, 1000, 'ip')));
    const [row] = await ctx.db.query<{ hits: number }>(`SELECT hits FROM rate_limit WHERE key = 'ip:k5'`);
    expect(row.hits).toBe(20);
  });
});
