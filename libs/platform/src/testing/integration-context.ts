import type { DynamicModule, Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { migrations } from '@hearth/migrations';
import { Database } from '../database';
import { PlatformModule } from '../platform.module';
import { TestClock } from './test-clock';
import { createTestDatabase, type TestDatabase } from './test-database';
import { testConfig } from './test-config';

export interface IntegrationContext {
  module: TestingModule;
  database: TestDatabase;
  db: Database;
  /** The modules' clock: `clock.advance({ days: 2 })` instead of sleeping or rewriting rows' times. */
  clock: TestClock;
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
  const clock = new TestClock();
  const module = await Test.createTestingModule({
    imports: [PlatformModule.forRoot({ config: testConfig(env), databaseUrl: database.url, migrations, clock }), ...imports],
  }).compile();
  await module.init();
  return {
    module,
    database,
    db: module.get(Database),
    clock,
    get: (type) => module.get(type),
    close: async () => {
      await module.close();
      await database.drop();
    },
  };
}
