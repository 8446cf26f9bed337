import { Injectable } from '@nestjs/common';
import type { DomainEventMap, DomainEventName } from '@hearth/contracts';
import { Database } from './database';

export type DomainEventHandler<K extends DomainEventName> = (payload: DomainEventMap[K]) => Promise<void>;

/**
 * In-process domain events, delivered inside the publisher's transaction.
 *
 * A context that changes state publishes what happened; another context that cares has
 * registered a handler (in its `onModuleInit`) and updates its own tables in the same
 * transaction, so the change and its consequences commit or roll back together. Handlers
 * must be idempotent (unique keys, ON CONFLICT DO NOTHING): a retried request publishes
 * again. Work that is slow or leaves the process does not belong in a handler.
 */
@Injectable()
export class DomainEvents {
  private readonly handlers = new Map<DomainEventName, Array<DomainEventHandler<DomainEventName>>>();

  constructor(private readonly db: Database) {}

  on<K extends DomainEventName>(name: K, handler: DomainEventHandler<K>): void {
    const list = this.handlers.get(name) ?? [];
    list.push(handler as unknown as DomainEventHandler<DomainEventName>);
    this.handlers.set(name, list);
  }

  async publish<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): Promise<void> {
    if (!this.db.inTransaction) throw new Error(`The event ${name} must be published inside the transaction that caused it.`);
    for (const handler of this.handlers.get(name) ?? []) await handler(payload);
  }
}
