import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { DomainEventMap, DomainEventName } from '@hearth/contracts';
import { Database } from './database';
import { Outbox, OutboxWorker, outboxTopic } from './outbox';

export type DomainEventHandler<K extends DomainEventName> = (payload: DomainEventMap[K]) => Promise<void>;

/** Registers handlers under one name; `DomainEvents.follower(context)` hands one out. */
export interface EventRegistrar {
  on<K extends DomainEventName>(name: K, handler: DomainEventHandler<K>): void;
}

/** A follower's handlers of one event, done again after the commit when they failed inside it. */
const FOLLOW_AGAIN = outboxTopic<{ context: string; event: DomainEventName; payload: unknown }>('domain-events.follow-again');

type AnyHandler = DomainEventHandler<DomainEventName>;

/**
 * In-process domain events, delivered inside the publisher's transaction.
 *
 * A context that changes state publishes what happened; another context that cares has
 * registered a handler (in its `<context>.events.ts`) and updates its own tables in the
 * same transaction, so the change and its consequences commit or roll back together.
 * Handlers must be idempotent (unique keys, ON CONFLICT DO NOTHING): a retried request
 * publishes again. Work that is slow or leaves the process does not belong in a handler.
 *
 * Contexts that only follow what happened and keep a record of it for people (the audit
 * log, notifications) register through `follower(context)` instead. Their handlers run
 * after the others, inside a savepoint: when one fails, what they wrote is rolled back to
 * it, the change itself goes on to commit, and each following context's handlers of that
 * event are done again after the commit from the outbox (retried with back-off there, and
 * written once even if the worker runs a message twice). What they write then is stamped
 * with the time of the retry, and after the outbox's last try the message waits, failed,
 * for a person to look at.
 * A bug in a notification can never cost a trainee their answer.
 */
@Injectable()
export class DomainEvents implements OnModuleInit {
  private readonly logger = new Logger('DomainEvents');
  private readonly handlers = new Map<DomainEventName, AnyHandler[]>();
  private readonly followers = new Map<DomainEventName, Array<{ context: string; handler: AnyHandler }>>();
  private savepoints = 0;

  constructor(
    private readonly db: Database,
    private readonly outbox: Outbox,
    private readonly worker: OutboxWorker,
  ) {}

  onModuleInit(): void {
    // The message is marked done in the followers' own transaction: run at least once by the
    // worker, what they write is written exactly once (a second run finds it done and stops).
    this.worker.handle(FOLLOW_AGAIN, ({ context, event, payload }, message) =>
      this.db.transaction(async () => {
        if ((await this.db.execute('UPDATE outbox_message SET done_at = now() WHERE id = $1 AND done_at IS NULL', [message.id])) === 0) return;
        for (const follower of this.followers.get(event) ?? []) if (follower.context === context) await follower.handler(payload as DomainEventMap[DomainEventName]);
      }),
    );
  }

  on<K extends DomainEventName>(name: K, handler: DomainEventHandler<K>): void {
    const list = this.handlers.get(name) ?? [];
    list.push(handler as unknown as AnyHandler);
    this.handlers.set(name, list);
  }

  /** Handlers of a context that follows events without taking part in them (see above). */
  follower(context: string): EventRegistrar {
    return {
      on: (name, handler) => {
        const list = this.followers.get(name) ?? [];
        list.push({ context, handler: handler as unknown as AnyHandler });
        this.followers.set(name, list);
      },
    };
  }

  async publish<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): Promise<void> {
    if (!this.db.inTransaction) throw new Error(`The event ${name} must be published inside the transaction that caused it.`);
    for (const handler of this.handlers.get(name) ?? []) await handler(payload);
    const following = this.followers.get(name);
    if (following?.length) await this.follow(name, payload, following);
  }

  private async follow(name: DomainEventName, payload: DomainEventMap[DomainEventName], following: Array<{ context: string; handler: AnyHandler }>): Promise<void> {
    const savepoint = `follow_${++this.savepoints}`;
    await this.db.execute(`SAVEPOINT ${savepoint}`);
    try {
      for (const follower of following) await follower.handler(payload);
      await this.db.execute(`RELEASE SAVEPOINT ${savepoint}`);
    } catch (error) {
      await this.db.execute(`ROLLBACK TO SAVEPOINT ${savepoint}`);
      const contexts = [...new Set(following.map((follower) => follower.context))];
      this.logger.warn({ err: error, event: name, contexts }, 'Following an event failed; the change goes on, and its followers try again after the commit');
      for (const context of contexts) await this.outbox.enqueue(FOLLOW_AGAIN, { context, event: name, payload });
    }
  }
}
