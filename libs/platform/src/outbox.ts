import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { HearthConfig } from './config';
import { DATABASE_URL, InjectConfig } from './config.provider';
import { Database } from './database';
import { OUTBOX_SQL, WAKE_CHANNEL } from './outbox-sql';

/** Work written in the transaction that caused it, done afterwards by the worker. */
@Entity()
@Index('outbox_message_pending_idx', ['availableAt'], { where: 'done_at IS NULL AND failed_at IS NULL' })
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'outbox_message_pkey' })
  id!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ type: 'jsonb' })
  payload!: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** Not before this time: later after each failed try. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  availableAt!: Date;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  doneAt!: Date | null;

  /** Given up after too many tries; kept for a person to look at. */
  @Column({ type: 'timestamptz', nullable: true })
  failedAt!: Date | null;
}

/**
 * An outbox topic and the payload its messages carry, declared once beside the code that
 * handles it: `const EMAIL = outboxTopic<{ notificationId: string }>('notification.email')`.
 * Enqueuing and handling both take the topic itself, so a payload that does not fit the
 * handler does not compile.
 */
export interface OutboxTopic<P> {
  readonly name: string;
  /** Never set: it carries the payload's type for the compiler. */
  readonly payload?: P;
}

export function outboxTopic<P extends object>(name: string): OutboxTopic<P> {
  return { name };
}

/** A handler gets the message's payload, and the message's id for handlers that record their own completion (DomainEvents' retries). */
type OutboxHandler = (payload: unknown, message: { id: string }) => Promise<void>;

const MAX_ATTEMPTS = 8;
const BATCH = 20;
/** How long a claimed message is left to its worker before another may take it. */
const LEASE_SECONDS = 300;

/**
 * The transactional outbox. Slow work, or work that leaves the process (e-mail, pushes to
 * other instances), is enqueued inside the transaction of the change that needs it: it
 * happens if and only if the change commits, and a failing mail server never fails or
 * slows the request. The worker below does it afterwards, retrying with back-off.
 */
@Injectable()
export class Outbox {
  constructor(private readonly db: Database) {}

  /** `after`: not before this time (a reminder, an escalation); the worker's poll picks it up when due. */
  async enqueue<P>(topic: OutboxTopic<P>, payload: P, options: { after?: Date } = {}): Promise<void> {
    if (!this.db.inTransaction) throw new Error(`Outbox message ${topic.name} must be enqueued inside the transaction that caused it.`);
    if (options.after) {
      await this.db.execute('INSERT INTO outbox_message (topic, payload, available_at) VALUES ($1, $2, $3)', [topic.name, JSON.stringify(payload), options.after]);
      return;
    }
    // The notification is delivered when (and only if) the transaction commits: workers listening wake up at once.
    await this.db.query(OUTBOX_SQL.enqueue, [topic.name, JSON.stringify(payload)]);
  }
}

/**
 * Drains the outbox: every instance may run one, as rows are claimed with
 * `FOR UPDATE SKIP LOCKED`. It wakes up as soon as a message is committed (LISTEN/NOTIFY
 * on its own connection), so work such as taking a revoked role's powers away happens
 * within moments; it also polls every HEARTH_WORKER_POLL_MS, for retries that come due and
 * in case a notification is missed. 0 turns it off, as tests do, calling `drain()`.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  private readonly handlers = new Map<string, OutboxHandler>();
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<number> | undefined;
  /** Set when a wake-up comes while a drain is running: drain again after it. */
  private again = false;
  private listener: Client | null = null;
  private stopped = false;

  constructor(
    @InjectConfig() private readonly config: HearthConfig,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    private readonly db: Database,
  ) {}

  handle<P>(topic: OutboxTopic<P>, handler: (payload: P, message: { id: string }) => Promise<void>): void {
    this.handlers.set(topic.name, handler as OutboxHandler);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.workerPollMs <= 0) return;
    this.schedule();
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.listener?.end().catch(() => undefined);
    await this.draining;
  }

  /** A connection of its own that waits for NOTIFY; if it drops, it is opened again. */
  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'hearth-outbox' });
    const reopen = () => {
      if (this.listener !== client) return;
      this.listener = null;
      setTimeout(() => void this.listen(), 1000).unref();
    };
    client.on('notification', () => this.wake());
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'The outbox listener lost its connection; polling until it is back');
      reopen();
    });
    client.on('end', reopen);
    try {
      await client.connect();
      await client.query(`LISTEN ${WAKE_CHANNEL}`);
      this.listener = client;
      // Anything committed while nobody was listening.
      this.wake();
    } catch (error) {
      this.logger.warn({ err: error }, 'Cannot listen for outbox messages; polling only');
      await client.end().catch(() => undefined);
      setTimeout(() => void this.listen(), 5000).unref();
    }
  }

  private wake(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    void this.drain()
      .catch((error: unknown) => this.logger.error({ err: error }, 'Draining the outbox failed'))
      .then(() => {
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(async () => {
      await this.drain().catch((error: unknown) => this.logger.error({ err: error }, 'Draining the outbox failed'));
      this.schedule();
    }, this.config.workerPollMs);
    this.timer.unref();
  }

  /**
   * Handles what is due now; returns how many messages it handled. A drain already running may have looked before this was
   * enqueued or came due: it is waited for, and then the outbox is looked at again, so a
   * caller (a test, a command) never returns before what was due when it asked is done.
   */
  drain(): Promise<number> {
    const run = (this.draining ?? Promise.resolve(0)).catch(() => 0).then(() => this.drainBatches());
    const tracked: Promise<number> = run.finally(() => {
      if (this.draining === tracked) this.draining = undefined;
    });
    this.draining = tracked;
    return tracked;
  }

  private async drainBatches(): Promise<number> {
    let handled = 0;
    for (;;) {
      const done = await this.drainBatch();
      handled += done;
      if (done < BATCH || this.stopped) return handled;
    }
  }

  /**
   * Claims a batch in a short transaction (each claim is an attempt, and a lease: a message
   * whose worker died comes due again when the lease runs out), then handles each message
   * outside any transaction and records how it went. So a message is handled at least once
   * and, unless a worker dies between doing it and recording it, exactly once.
   */
  private async drainBatch(): Promise<number> {
    const due = await this.db.query<{ id: string; topic: string; payload: unknown; attempts: number }>(
      `UPDATE outbox_message SET attempts = attempts + 1, available_at = now() + $2 * interval '1 second'
        WHERE id IN (SELECT id FROM outbox_message
                      WHERE done_at IS NULL AND failed_at IS NULL AND available_at <= now()
                      ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id, topic, payload, attempts`,
      [BATCH, LEASE_SECONDS],
    );
    due.sort((a, b) => Number(a.id) - Number(b.id));
    for (const message of due) await this.handleOne(message);
    return due.length;
  }

  private async handleOne(message: { id: string; topic: string; payload: unknown; attempts: number }): Promise<void> {
    const handler = this.handlers.get(message.topic);
    try {
      if (!handler) throw new Error(`No handler for ${message.topic}`);
      if (message.attempts > MAX_ATTEMPTS) throw new Error('Its worker stopped during every attempt');
      await handler(message.payload, { id: message.id });
      await this.db.execute('UPDATE outbox_message SET done_at = now() WHERE id = $1', [message.id]);
    } catch (error) {
      const giveUp = message.attempts >= MAX_ATTEMPTS;
      this.logger.warn({ err: error, topic: message.topic, attempts: message.attempts }, giveUp ? 'Outbox message failed for good' : 'Outbox message failed; will retry');
      await this.db.execute(
        `UPDATE outbox_message SET last_error = $3,
                available_at = now() + least(3600, 15 * power(2, $2 - 1)) * interval '1 second',
                failed_at = CASE WHEN $4 THEN now() END
          WHERE id = $1`,
        [message.id, message.attempts, String((error as Error)?.message ?? error).slice(0, 2000), giveUp],
      );
    }
  }
}
