import type { DynamicModule, Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { migrations } from '@hearth/migrations';
import { Database } from '../database';
import { PlatformModule } from '../platform.module';
import { createTestDatabase, type TestDatabase } from './test-database';
import { testConfig } from './test-config';

export interface IntegrationContext {
  module: TestingModule;
  database: TestDatabase;
  db: Database;
  get<T>(type: Type<T>): T;
  close(): Promise<void>;
}

/**
 * Real modules on a real, freshly cloned database: for integration tests of a context's
 * services and repositories. Nothing is mocked.
 */
export async function createIntegrationContext(
  imports: Array<Type | DynamicModule>,
  env: Record<string, string> = {},
): Promise<IntegrationContext> {
  const database = await createTestDatabase();
  const module = await Test.createTestingModule({
    imports: [PlatformModule.forRoot({ config: testConfig(env), databaseUrl: database.url, migrations }), ...imports],
  }).compile();
  await module.init();
  return {
    module,
    database,
    db: module.get(Database),
    get: (type) => module.get(type),
    close: async () => {
      await module.close();
      await database.drop();
    },
  };
}
