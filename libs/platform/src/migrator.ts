import { DataSource } from 'typeorm';
import { dataSourceOptions, type MigrationList } from './data-source';

async function withDataSource<T>(url: string, migrations: MigrationList, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = new DataSource(dataSourceOptions(url, migrations));
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** Applies every pending migration, each in its own transaction; returns the names applied. */
export function runMigrations(url: string, migrations: MigrationList): Promise<string[]> {
  return withDataSource(url, migrations, async (dataSource) => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  });
}

/** Reverts the most recent migration; returns its name, or null when none was applied. */
export function revertLastMigration(url: string, migrations: MigrationList): Promise<string | null> {
  return withDataSource(url, migrations, async (dataSource) => {
    const [last] = await dataSource.query<{ name: string }[]>('SELECT name FROM migration ORDER BY id DESC LIMIT 1').catch(() => []);
    if (!last) return null;
    await dataSource.undoLastMigration({ transaction: 'each' });
    return last.name;
  });
}
