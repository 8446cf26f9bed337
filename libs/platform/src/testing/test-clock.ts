import { Clock } from '../clock';

/**
 * A clock a test moves: it runs on with the system's time, shifted by however far the
 * test has advanced or set it, so what the database stamps meanwhile (`created_at`)
 * stays in order with it.
 */
export class TestClock extends Clock {
  private offsetMs = 0;

  override now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves time forward (never back: nothing in Hearth expects time to run backwards). */
  advance(by: { days?: number; hours?: number; minutes?: number; seconds?: number; ms?: number }): Date {
    const ms = (by.days ?? 0) * 86_400_000 + (by.hours ?? 0) * 3_600_000 + (by.minutes ?? 0) * 60_000 + (by.seconds ?? 0) * 1000 + (by.ms ?? 0);
    if (ms < 0) throw new Error('The test clock only moves forward');
    this.offsetMs += ms;
    return this.now();
  }

  /** Jumps to `at`, from where it runs on. */
  set(at: Date): Date {
    this.offsetMs = at.getTime() - Date.now();
    return this.now();
  }
}
