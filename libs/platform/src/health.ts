import { Controller, Get, Injectable, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Database } from './database';
import { PlatformError, PlatformErrorCode } from './errors';
import { Public } from './public-route';

export interface ReadyStatus {
  status: 'ready';
  migrations: number;
}

@Injectable()
export class Readiness {
  constructor(private readonly db: Database) {}

  /** Ready when the database answers and every migration this build knows has been applied. */
  async check(): Promise<ReadyStatus> {
    let applied: Set<string>;
    try {
      const rows = await this.db.query<{ name: string }>('SELECT name FROM migration');
      applied = new Set(rows.map((row) => row.name));
    } catch (error) {
      const reason = (error as { code?: string }).code === '42P01' ? 'no migrations have been applied' : 'the database is unreachable';
      throw new PlatformError(PlatformErrorCode.NotReady, `Not ready: ${reason}. Run \`npm run migration:run\`.`);
    }
    const known = this.db.dataSource.migrations.map((migration) => migration.name ?? migration.constructor.name);
    const pending = known.filter((name) => !applied.has(name));
    if (pending.length > 0) {
      throw new PlatformError(
        PlatformErrorCode.NotReady,
        `Not ready: ${pending.length} migration(s) not applied (${pending.join(', ')}). Run \`npm run migration:run\`.`,
      );
    }
    return { status: 'ready', migrations: known.length };
  }
}

@ApiTags('health')
@Public()
@Controller({ version: VERSION_NEUTRAL })
export class HealthController {
  constructor(private readonly readiness: Readiness) {}

  /** The process is up. */
  @Get('health')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The database is reachable and fully migrated. */
  @Get('ready')
  ready(): Promise<ReadyStatus> {
    return this.readiness.check();
  }
}
