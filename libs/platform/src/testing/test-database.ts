import { randomBytes } from 'node:crypto';
import { TEMPLATE_DATABASE, TEST_SERVER_ENV, withServerClient } from './test-server';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh database for one test file, cloned from the migrated template in milliseconds. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env[TEST_SERVER_ENV];
  if (!serverUrl) throw new Error(`${TEST_SERVER_ENV} is not set: run the tests through jest (tools/jest-global-setup.ts).`);
  const name = `test_${randomBytes(6).toString('hex')}`;
  await withServerClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`));
  return {
    url: `${serverUrl}/${name}`,
    drop: () => withServerClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
