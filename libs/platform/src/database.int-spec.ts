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

  describe('rows', () => {
    beforeAll(() =>
      ctx.db.execute(`CREATE TABLE "row_probe" (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), display_name text NOT NULL, seen_count int NOT NULL DEFAULT 0,
                      settings jsonb, tags text[], updated_at timestamptz)`),
    );

    it('reads columns back as camelCase fields', async () => {
      expect(await ctx.db.query(`SELECT 1 AS seen_count, 'x' AS display_name, now() IS NOT NULL AS "isNow"`)).toEqual([{ seenCount: 1, displayName: 'x', isNow: true }]);
    });

    it('inserts fields into their snake_case columns, objects and arrays as JSON, undefined ones as the default', async () => {
      const rows = await ctx.db.insert<{ id: string; displayName: string; seenCount: number; settings: unknown }>(
        'row_probe',
        [
          { displayName: 'Ada', settings: [] },
          { displayName: 'Bo', seenCount: 2, settings: { theme: 'dark' } },
        ],
        'id, display_name, seen_count, settings',
      );
      expect(rows).toEqual([
        { id: expect.any(String), displayName: 'Ada', seenCount: 0, settings: [] },
        { id: expect.any(String), displayName: 'Bo', seenCount: 2, settings: { theme: 'dark' } },
      ]);
      expect(await ctx.db.insert('row_probe', [])).toEqual([]);
      const [tagged] = await ctx.db.insert<{ tags: string[] }>('row_probe', { displayName: 'Dee', tags: ['a', 'b'] }, 'tags', { arrays: ['tags'] });
      expect(tagged.tags).toEqual(['a', 'b']);
    });

    it('updates only the fields given, and the updated_at when asked', async () => {
      const [row] = await ctx.db.insert<{ id: string }>('row_probe', { displayName: 'Cy' }, 'id');
      expect(await ctx.db.update('row_probe', row.id, { seenCount: 5, displayName: undefined, settings: { a: 1 } }, { touch: true })).toBe(1);
      expect(await ctx.db.update('row_probe', row.id, {})).toBe(0);
      const [after] = await ctx.db.query('SELECT display_name, seen_count, settings, updated_at IS NOT NULL AS touched FROM row_probe WHERE id = $1', [row.id]);
      expect(after).toEqual({ displayName: 'Cy', seenCount: 5, settings: { a: 1 }, touched: true });
    });
  });
});
