import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource, type EntityManager, type EntityTarget, type ObjectLiteral, QueryFailedError, type QueryResult, type QueryRunner, type Repository } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * The one way code reaches the database.
 *
 * `transaction(work)` opens a transaction and makes it ambient for everything `work`
 * awaits: every repository built from `repository()` or `manager` inside it writes
 * through the same transaction, so a service can call other services (and later, event
 * handlers) and get all-or-nothing without passing an EntityManager around.
 *
 * A nested `transaction()` joins the outer one, without a savepoint: a database error
 * inside it aborts the whole transaction, even if the caller catches it. Do not catch
 * database errors inside a transaction and carry on.
 *
 * A transaction is one connection, which runs one statement at a time: its statements are
 * queued in the order they are issued, so `Promise.all` over reads inside a transaction is
 * safe (and no faster).
 */
@Injectable()
export class Database {
  private readonly ambient = new AsyncLocalStorage<EntityManager>();

  constructor(readonly dataSource: DataSource) {}

  /** The entity manager of the transaction in progress, or the pool's. */
  get manager(): EntityManager {
    return this.ambient.getStore() ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.ambient.getStore() !== undefined;
  }

  repository<E extends ObjectLiteral>(entity: EntityTarget<E>): Repository<E> {
    return this.manager.getRepository(entity);
  }

  /** Runs SQL and returns its rows, whatever the command (`UPDATE … RETURNING` included). */
  async query<T = Record<string, unknown>>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    return (await this.run(sql, parameters)).records as T[];
  }

  /** Runs SQL and returns how many rows it changed. */
  async execute(sql: string, parameters: unknown[] = []): Promise<number> {
    return (await this.run(sql, parameters)).affected ?? 0;
  }

  private async run(sql: string, parameters: unknown[]): Promise<QueryResult> {
    const ambient = this.ambient.getStore()?.queryRunner;
    if (ambient) return ambient.query(sql, parameters, true);
    // Outside a transaction, straight to the driver's pool: a TypeORM query runner made and
    // released per statement cost more than many short reads themselves (bench/, the
    // profile of a lesson page). Errors are wrapped as TypeORM would wrap them, so the
    // problem filter and callers read `driverError` the same way.
    try {
      const result = await this.pool.query(sql, parameters);
      return { records: result.rows, raw: result.rows, affected: result.rowCount ?? undefined } as QueryResult;
    } catch (error) {
      throw new QueryFailedError(sql, parameters, error as Error);
    }
  }

  private get pool(): Pool {
    return (this.dataSource.driver as PostgresDriver).master as Pool;
  }

  /**
   * Runs `work` on the pool, outside any ambient transaction: for writes that must stick
   * whatever happens to the caller's transaction (a generated instance secret, a
   * revocation).
   */
  outsideTransaction<T>(work: () => Promise<T>): Promise<T> {
    return this.ambient.exit(work);
  }

  transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return work();
    return this.dataSource.transaction((manager) => {
      queueStatements(manager.queryRunner!);
      return this.ambient.run(manager, work);
    });
  }
}

/** Makes a query runner send its statements one after another, each once the last has finished. */
function queueStatements(runner: QueryRunner): void {
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  let last: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: unknown[]) => {
    const next = last.then(() => query(...args));
    last = next.catch(() => undefined);
    return next;
  }) as QueryRunner['query'];
}
