import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { migrations } from '@hearth/migrations';
import { revertLastMigration, runMigrations } from '@hearth/platform';
import { type CliDatabase, withApplication } from './context';

const MIGRATIONS_DIR = join(process.cwd(), 'migrations');

export async function migrationRun(db: CliDatabase): Promise<void> {
  const applied = await runMigrations(db.database.url, migrations);
  console.log(applied.length === 0 ? 'The database is up to date.' : `Applied: ${applied.join(', ')}`);
}

export async function migrationRevert(db: CliDatabase): Promise<void> {
  const reverted = await revertLastMigration(db.database.url, migrations);
  console.log(reverted ? `Reverted ${reverted}.` : 'No migration has been applied; nothing to revert.');
}

/**
 * Writes a migration holding the SQL that would bring the (fully migrated) database in
 * line with the entities. Read it before committing: rename constraints TypeORM could not
 * name, and check nothing is dropped by accident.
 */
export async function migrationGenerate(db: CliDatabase, name: string | undefined): Promise<void> {
  if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) {
    throw new UsageError('migration:generate needs a PascalCase name: npm run migration:generate -- AddCourses');
  }
  const pending = await runMigrations(db.database.url, migrations);
  if (pending.length > 0) console.log(`Applied pending migrations first: ${pending.join(', ')}`);

  const sql = await withApplication(db, async (app) => {
    const log = await app.get(DataSource).driver.createSchemaBuilder().log();
    return { up: log.upQueries.map((q) => q.query), down: log.downQueries.map((q) => q.query).reverse() };
  });
  if (sql.up.length === 0) {
    console.log('The entities match the database; no migration written.');
    return;
  }

  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  const file = `${timestamp}-${name}`;
  const literal = (sql: string) => '`' + sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
  const statements = (queries: string[]) => queries.map((q) => `    await db.query(${literal(q)});`).join('\n');
  await writeFile(
    join(MIGRATIONS_DIR, `${file}.ts`),
    `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(db: QueryRunner): Promise<void> {
${statements(sql.up)}
  }

  async down(db: QueryRunner): Promise<void> {
${statements(sql.down)}
  }
}
`,
  );
  const indexFile = join(MIGRATIONS_DIR, 'index.ts');
  const index = await readFile(indexFile, 'utf8');
  await writeFile(
    indexFile,
    index
      .replace(/(\nexport const migrations)/, `import { ${className} } from './${file}';\n$1`)
      .replace(/\];\s*$/, `, ${className}];\n`),
  );
  console.log(`Wrote migrations/${file}.ts (${sql.up.length} statements). Read it before committing.`);
}

export class UsageError extends Error {}
