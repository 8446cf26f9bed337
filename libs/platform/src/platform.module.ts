import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { Clock } from './clock';
import type { HearthConfig } from './config';
import { DATABASE_URL, HEARTH_CONFIG } from './config.provider';
import { Database } from './database';
import { DomainEvents } from './domain-events';
import { PersonalData } from './personal-data';
import { dataSourceOptions, type MigrationList } from './data-source';
import { HealthController, Readiness } from './health';
import { Idempotency, IdempotencyKeyEntity } from './idempotency';
import { Mailer } from './mailer';
import { allowMarkdownImagesFrom } from './markdown';
import { PlatformRetention } from './retention';
import { InstanceSecretEntity, InstanceSecrets } from './instance-secrets';
import { Jobs } from './jobs';
import { loggingParams } from './logging';
import { MarkdownController } from './markdown.controller';
import { Outbox, OutboxMessageEntity, OutboxWorker } from './outbox';
import { ProblemFilter } from './problem.filter';
import { PgThrottlerStorage, RateLimitEntity } from './rate-limit';

export interface PlatformOptions {
  config: HearthConfig;
  /** The database to use: DATABASE_URL, or the embedded server's. */
  databaseUrl: string;
  migrations: MigrationList;
  /** The time the rules go by: the system's, unless a test brings its own (TestClock). */
  clock?: Clock;
}

/** Config, database, logging, errors and health: what every context stands on. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot({ config, databaseUrl, migrations, clock }: PlatformOptions): DynamicModule {
    allowMarkdownImagesFrom(config.markdownImageHosts);
    return {
      module: PlatformModule,
      imports: [
        DiscoveryModule,
        LoggerModule.forRoot(loggingParams(config)),
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl, migrations), autoLoadEntities: true }),
        TypeOrmModule.forFeature([InstanceSecretEntity, RateLimitEntity, OutboxMessageEntity, IdempotencyKeyEntity]),
      ],
      controllers: [HealthController, MarkdownController],
      providers: [
        { provide: HEARTH_CONFIG, useValue: config },
        { provide: DATABASE_URL, useValue: databaseUrl },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: Clock, useValue: clock ?? new Clock() },
        Database,
        DomainEvents,
        Idempotency,
        InstanceSecrets,
        Jobs,
        Mailer,
        Outbox,
        OutboxWorker,
        PersonalData,
        PlatformRetention,
        PgThrottlerStorage,
        Readiness,
      ],
      exports: [HEARTH_CONFIG, DATABASE_URL, Clock, Database, DomainEvents, Idempotency, InstanceSecrets, Jobs, Mailer, Outbox, OutboxWorker, PersonalData, PgThrottlerStorage],
    };
  }
}
