import { migrations } from '@hearth/migrations';
import { Test } from '@nestjs/testing';
import { Readiness } from './health';
import { PlatformModule } from './platform.module';
import { createIntegrationContext, TEST_SERVER_ENV, testConfig, withServerClient } from './testing';

describe('Readiness (PostgreSQL)', () => {
  it('is ready on a fully migrated database', async () => {
    const ctx = await createIntegrationContext([]);
    try {
      await expect(ctx.get(Readiness).check()).resolves.toEqual({ status: 'ready', migrations: migrations.length });
    } finally {
      await ctx.close();
    }
  });

  it('is not ready, and says why, on a database never migrated', async () => {
    const serverUrl = process.env[TEST_SERVER_ENV]!;
    await withServerClient(serverUrl, (client) => client.query('CREATE DATABASE blank_for_readiness'));
    const module = await Test.createTestingModule({
      imports: [PlatformModule.forRoot({ config: testConfig(), databaseUrl: `${serverUrl}/blank_for_readiness`, migrations })],
    }).compile();
    try {
      await expect(module.get(Readiness).check()).rejects.toMatchObject({ code: 'not-ready', message: expect.stringContaining('npm run migration:run') });
    } finally {
      await module.close();
      await withServerClient(serverUrl, (client) => client.query('DROP DATABASE blank_for_readiness WITH (FORCE)'));
    }
  });
});
