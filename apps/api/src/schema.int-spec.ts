import { migrations } from '@hearth/migrations';
import { revertLastMigration, runMigrations } from '@hearth/platform';
import { createIntegrationContext, type IntegrationContext } from '@hearth/platform/testing';
import { DataSource } from 'typeorm';
import { CONTEXT_MODULES } from './app.module';

describe('database schema', () => {
  let ctx: IntegrationContext;

  beforeAll(async () => {
    ctx = await createIntegrationContext(CONTEXT_MODULES);
  });
  afterAll(() => ctx.close());

  const pendingSql = async () => {
    const log = await ctx.get(DataSource).driver.createSchemaBuilder().log();
    return log.upQueries.map((query) => query.query);
  };

  it('built by the migrations is exactly what the entities describe', async () => {
    // The comparison `npm run migration:generate` makes: an entity changed without a
    // migration, or a migration that drifted from its entity, shows up as pending SQL.
    expect(await pendingSql()).toEqual([]);
  });

  it('can be taken down migration by migration and built again', async () => {
    for (let i = 0; i < migrations.length; i++) expect(await revertLastMigration(ctx.database.url, migrations)).not.toBeNull();
    expect(await revertLastMigration(ctx.database.url, migrations)).toBeNull();
    const tables = await ctx.db.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migration'`);
    expect(tables).toEqual([]);

    expect(await runMigrations(ctx.database.url, migrations)).toHaveLength(migrations.length);
    expect(await pendingSql()).toEqual([]);
  });
});
