import type { DataSourceOptions, MixedList } from 'typeorm';
import { HearthNamingStrategy } from './naming-strategy';

// TypeORM's own option type for migration classes.
export type MigrationList = MixedList<string | Function>;

/**
 * Connection options shared by the API, the CLI and the test harness. The schema only
 * ever changes through migrations (`synchronize` is off everywhere).
 */
export function dataSourceOptions(url: string, migrations: MigrationList): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    applicationName: 'hearth',
    namingStrategy: new HearthNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13+; no extension to install.
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'migration',
    migrationsTransactionMode: 'each',
    migrations,
    extra: { max: 10 },
  };
}
