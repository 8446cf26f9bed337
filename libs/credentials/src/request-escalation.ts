import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Database, DomainEvents, type HearthConfig, InjectConfig, Outbox, outboxTopic, OutboxWorker } from '@hearth/platform';
import { GrantsRepository } from './grants.repository';

const TOPIC = outboxTopic<{ requestId: string; roleName: string }>('credentials.request-waiting');

/**
 * A role request nobody decides does not wait unseen: when it is made, a reminder is put
 * in the outbox for HEARTH_GRANT_REQUEST_ESCALATE_HOURS later; if the request is still
 * pending then, `grant.request_waiting` brings it to every admin again.
 */
@Injectable()
export class RequestEscalation implements OnModuleInit {
  constructor(
    @InjectConfig() private readonly config: HearthConfig,
    private readonly db: Database,
    private readonly events: DomainEvents,
    private readonly outbox: Outbox,
    private readonly worker: OutboxWorker,
    private readonly grants: GrantsRepository,
  ) {}

  onModuleInit(): void {
    this.worker.handle(TOPIC, ({ requestId, roleName }: { requestId: string; roleName: string }) => this.remind(requestId, roleName));
  }

  /** A request just made: the admins are reminded if it is still waiting after HEARTH_GRANT_REQUEST_ESCALATE_HOURS. */
  remindLater(request: { requestId: string; roleName: string }): Promise<void> {
    return this.outbox.enqueue(TOPIC, { requestId: request.requestId, roleName: request.roleName }, { after: new Date(Date.now() + this.config.grantRequestEscalateHours * 3_600_000) });
  }

  private async remind(requestId: string, roleName: string): Promise<void> {
    const request = await this.grants.findRequest(requestId);
    if (request?.status !== 'pending') return;
    const waitingHours = Math.round((Date.now() - request.createdAt.getTime()) / 3_600_000);
    await this.db.transaction(() => this.events.publish('grant.request_waiting', { requestId, userId: request.userId, roleName, waitingHours }));
  }
}
