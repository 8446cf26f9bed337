import 'reflect-metadata';
import { existsSync } from 'node:fs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { migrations } from '@hearth/migrations';
import { ConfigError, loadConfig, openDatabase, type OpenedDatabase, runMigrations } from '@hearth/platform';
import { createApp } from './app';
import { DEMO_COURSE_FOLDER, loadDemoData } from './demo-data';

/**
 * `npm start`: with no DATABASE_URL, starts the embedded PostgreSQL under ./data, brings
 * it up to date and, when it is new, loads the demo course and accounts; with DATABASE_URL, uses that server as it is (migrations are an
 * explicit step there, `npm run migration:run`). Stops in order on Ctrl-C or SIGTERM,
 * also when the signal comes while it is still starting.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  let database: OpenedDatabase | undefined;
  let app: NestFastifyApplication | undefined;
  let stopping = false;

  const stop = async (reason: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    console.log(`${reason}, stopping Hearth…`);
    await app?.close().catch((error) => console.error('Error while closing the app', error));
    await database?.stop().catch((error) => console.error('Error while stopping PostgreSQL', error));
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(`${signal} received`));

  try {
    database = await openDatabase(config);
    if (stopping) return void (await database.stop());
    if (database.embedded) {
      const applied = await runMigrations(database.url, migrations);
      if (applied.length > 0) console.log(`Applied ${applied.length} migration(s): ${applied.join(', ')}`);
    }
    app = await createApp(config, database.url);
    if (database.embedded && config.demoData && existsSync(DEMO_COURSE_FOLDER) && (await loadDemoData(app))) {
      console.log('Loaded the demo course and accounts (see the README for their passwords).');
    }
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return stop('Start failed', 1);
  }

  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(`Hearth is running at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
