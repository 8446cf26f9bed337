import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Clock, type HearthConfig, InjectConfig, OutboxWorker } from '@hearth/platform';
import { ExpirySweep } from './expiry-sweep';
import { DEADLINE_TOPIC } from './grant-lifecycle';

/** However far the next deadline is, the clock looks again this often (another instance may have set a sooner one). */
const LOOK_AGAIN_MS = 60_000;
/** Woken this long after a deadline, so the Clock has surely passed it too. */
const LATE_MS = 20;

/**
 * Wakes the expiry sweep the moment a grant ends or a suspension runs out, so powers go
 * (and come back) then, not at the next five-minute run. The deadlines live in the
 * database; this is only an alarm clock set from them: at start, after a sweep, whenever
 * a change sets a deadline (the outbox's `credentials.deadline-changed`, handled by
 * whichever instance drains it), and at least every minute. Every instance keeps one;
 * the sweep locks each grant with its person, so two clocks ringing at once share the
 * work. Off with the worker (HEARTH_WORKER_POLL_MS=0), as in tests that sweep themselves.
 */
@Injectable()
export class GrantDeadlines implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('GrantDeadlines');
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private sweeping: Promise<unknown> | undefined;

  constructor(
    @InjectConfig() private readonly config: HearthConfig,
    private readonly sweep: ExpirySweep,
    private readonly worker: OutboxWorker,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.worker.handle(DEADLINE_TOPIC, () => this.arm());
  }

  onApplicationBootstrap(): void {
    // Never in the way of a start (the schema may not be migrated yet): a failed look is tried again a minute later.
    if (this.config.workerPollMs > 0) void this.armOrRetry();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Sets the alarm for the next deadline (or a minute from now, whichever is sooner). */
  async arm(): Promise<void> {
    if (this.stopped || this.config.workerPollMs === 0) return;
    const next = await this.sweep.nextDeadline();
    if (this.stopped) return;
    // The deadlines are the Clock's time; the alarm itself is a real timer (a test that moves the clock sweeps itself, or waits for the next look).
    const wait = next ? Math.min(LOOK_AGAIN_MS, Math.max(0, next.getTime() - this.clock.now().getTime() + LATE_MS)) : LOOK_AGAIN_MS;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.ring(next !== null && next.getTime() - this.clock.now().getTime() <= LATE_MS), wait);
    this.timer.unref();
  }

  private async ring(due: boolean): Promise<void> {
    try {
      if (due) {
        this.sweeping ??= this.sweep.run().finally(() => (this.sweeping = undefined));
        await this.sweeping;
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'The deadline sweep failed; trying again at the next look');
    }
    await this.armOrRetry();
  }

  private async armOrRetry(): Promise<void> {
    try {
      await this.arm();
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not read the next deadline; looking again in a minute');
      if (this.stopped) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.armOrRetry(), LOOK_AGAIN_MS);
      this.timer.unref();
    }
  }
}
