import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource, type EntityManager, QueryFailedError, type QueryResult, type QueryRunner } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { camelCaseRows, snakeCase } from './rows';

/**
 * The one way code reaches the database, and the one way repositories read it: SQL that
 * names columns as the schema does (snake_case), rows handed back with camelCase keys
 * (`created_at` → `createdAt`, here and nowhere else), typed by the repository's row
 * interface. No TypeORM repositories and no `AS "camelCase"` aliases; entities describe the
 * schema (the migrations are checked against them) and are not used to read or write.
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

  /**
   * Runs SQL and returns its rows, whatever the command (`UPDATE … RETURNING` included),
   * their column names in camelCase.
   */
  async query<T = Record<string, unknown>>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    return camelCaseRows<T>((await this.run(sql, parameters)).records);
  }

  /**
   * Inserts rows into `table`, each field written to the column its name becomes in
   * snake_case (`bodyMd` → `body_md`); fields left undefined take the column's default.
   * Objects and arrays are written as JSON, for jsonb columns, but for the fields `arrays`
   * names, written as PostgreSQL arrays (`uuid[]`, `text[]` columns). Returns the
   * `returning` columns of the rows inserted.
   */
  async insert<T = Record<string, unknown>>(table: string, rows: object | object[], returning = '*', { arrays = [] as string[] } = {}): Promise<T[]> {
    const list = (Array.isArray(rows) ? rows : [rows]) as Array<Record<string, unknown>>;
    if (list.length === 0) return [];
    const fields = [...new Set(list.flatMap((row) => Object.keys(row).filter((field) => row[field] !== undefined)))];
    const parameters: unknown[] = [];
    const values = list.map(
      (row) => `(${fields.map((field) => (row[field] === undefined ? 'DEFAULT' : `$${parameters.push(arrays.includes(field) ? row[field] : asParameter(row[field]))}`)).join(', ')})`,
    );
    return this.query<T>(
      `INSERT INTO "${table}" (${fields.map((field) => `"${snakeCase(field)}"`).join(', ')}) VALUES ${values.join(', ')} RETURNING ${returning}`,
      parameters,
    );
  }

  /**
   * Updates the row of `table` whose id is `id` with the fields `changes` defines (undefined
   * ones left alone), written as `insert` writes them; `touch` also sets its `updated_at` to
   * now(). Returns how many rows it changed (0 or 1).
   */
  async update(table: string, id: string, changes: object, { touch = false } = {}): Promise<number> {
    const fields = Object.entries(changes).filter(([, value]) => value !== undefined);
    if (fields.length === 0) return 0;
    const assignments = fields.map(([field], i) => `"${snakeCase(field)}" = $${i + 2}`);
    if (touch) assignments.push('updated_at = now()');
    return this.execute(`UPDATE "${table}" SET ${assignments.join(', ')} WHERE id = $1`, [id, ...fields.map(([, value]) => asParameter(value))]);
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

/** A value as a parameter: objects and arrays as JSON, the rest as they are. */
function asParameter(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Date || Buffer.isBuffer(value)) return value;
  return JSON.stringify(value);
}
