import { Controller, Get, Injectable, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Database } from './database';
import { PlatformError, PlatformErrorCode } from './errors';
import { ApiProblem } from './openapi';
import { Public } from './public-route';

export interface HealthStatus {
  status: 'ok';
}

export interface ReadyStatus {
  status: 'ready';
  migrations: number;
}

class HealthStatusDto implements HealthStatus {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
}

class ReadyStatusDto implements ReadyStatus {
  @ApiProperty({ enum: ['ready'] }) status!: 'ready';
  @ApiProperty({ description: 'Migrations applied' }) migrations!: number;
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
      throw new PlatformError(PlatformErrorCode.NotReady, `Not ready: ${whyNot(error)}.`, { 'Retry-After': '5' });
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

/** Why the database cannot be used, in words an operator acts on. */
function whyNot(error: unknown): string {
  const { message, driverError, code: own } = error as { code?: string; message?: string; driverError?: { code?: string } };
  const code = driverError?.code ?? own;
  if (code === '42P01') return 'no migrations have been applied; run `npm run migration:run`';
  if (code === '57P03') return 'the database is starting up or shutting down';
  if (code === '57P01' || code === '57P02') return 'the database is shutting down';
  if (code === '53300') return 'the database has no connection to spare';
  if (code === '28P01' || code === '28000') return 'the database refused the user or password in DATABASE_URL';
  if (code === '3D000') return 'the database named in DATABASE_URL does not exist';
  if (code === 'ECONNREFUSED') return 'nothing answers at the database address (is PostgreSQL running?)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the database host name in DATABASE_URL cannot be found';
  return `the database is unreachable (${code ?? message ?? 'no answer'})`;
}

@ApiTags('health')
@Public()
@Controller({ version: VERSION_NEUTRAL })
export class HealthController {
  constructor(private readonly readiness: Readiness) {}

  /** The process is up. */
  @Get('health')
  @ApiOkResponse({ type: HealthStatusDto })
  health(): HealthStatus {
    return { status: 'ok' };
  }

  /** The database is reachable and fully migrated. */
  @Get('ready')
  @ApiOkResponse({ type: ReadyStatusDto })
  @ApiProblem(503)
  ready(): Promise<ReadyStatus> {
    return this.readiness.check();
  }
}
