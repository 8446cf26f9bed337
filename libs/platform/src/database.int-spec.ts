import { createIntegrationContext, type IntegrationContext } from './testing';

describe('Database transactions (PostgreSQL)', () => {
  let ctx: IntegrationContext;

  beforeAll(async () => {
    ctx = await createIntegrationContext([]);
  });
  afterAll(() => ctx.close());

  it('runs statements issued together inside a transaction one after another, in order, on its one connection', async () => {
    // pg 8 queues a query given to a busy client with a deprecation warning; pg 9 refuses it.
    let running = 0;
    let most = 0;
    const results = await ctx.db.transaction(async () => {
      const client = (ctx.db.manager.queryRunner as unknown as { databaseConnection: { query: (...args: unknown[]) => Promise<unknown> } }).databaseConnection;
      const query = client.query;
      client.query = (...args: unknown[]) => {
        most = Math.max(most, ++running);
        return query.apply(client, args).finally(() => running--);
      };
      try {
        return await Promise.all([
          ctx.db.query<{ n: number; pid: number }>('SELECT pg_sleep(0.05), 1 AS n, pg_backend_pid() AS pid'),
          ctx.db.query<{ n: number; pid: number }>('SELECT 2 AS n, pg_backend_pid() AS pid'),
          ctx.db.query<{ n: number; pid: number }>('SELECT 3 AS n, pg_backend_pid() AS pid'),
        ]);
      } finally {
        client.query = query;
      }
    });
    expect(results.map(([row]) => row.n)).toEqual([1, 2, 3]);
    expect(new Set(results.map(([row]) => row.pid)).size).toBe(1);
    expect(most).toBe(1);
  });

  it('still rolls the whole transaction back when one queued statement fails', async () => {
    await ctx.db.query('CREATE TABLE queued_probe (n int PRIMARY KEY)');
    await expect(
      ctx.db.transaction(() =>
        Promise.all([ctx.db.execute('INSERT INTO queued_probe VALUES (1)'), ctx.db.execute('INSERT INTO queued_probe VALUES (1)')]),
      ),
    ).rejects.toThrow(/duplicate key/);
    expect(await ctx.db.query('SELECT n FROM queued_probe')).toEqual([]);
  });
});
