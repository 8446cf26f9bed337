import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { migrations } from '@hearth/migrations';
import { type HearthConfig, loadConfig, openDatabase, type OpenedDatabase, Readiness, runMigrations } from '@hearth/platform';
import { AppModule } from '@hearth/api';

export interface CliDatabase {
  config: HearthConfig;
  database: OpenedDatabase;
}

/** The configured database (embedded under ./data, or DATABASE_URL), for the length of `work`. */
export async function withDatabase<T>(work: (db: CliDatabase) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    return await work({ config, database });
  } finally {
    await database.stop();
  }
}

/**
 * Hearth's modules without the HTTP server, for commands that use its services. The
 * embedded database is brought up to date first, as `npm start` does; an external one
 * must already be (the command stops with the reason otherwise).
 */
export async function withApplication<T>(db: CliDatabase, work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  if (db.database.embedded) await runMigrations(db.database.url, migrations);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config: db.config, databaseUrl: db.database.url, migrations }), {
    logger: ['error', 'warn'],
    bufferLogs: false,
  });
  try {
    await app.get(Readiness).check();
    return await work(app);
  } finally {
    await app.close();
  }
}
