import { Injectable } from '@nestjs/common';

/**
 * The time Hearth's rules go by: when a role grant ends, a suspension or a mute runs
 * out, a sign-in or an e-mailed link stops working. Services read it here, and pass it
 * to SQL as a parameter (`$n::timestamptz`) rather than asking the database's `now()`,
 * so a test can move time forward (`TestClock` in `@hearth/platform/testing`) instead of
 * sleeping or rewriting rows. In production it is the system's time. What is only
 * bookkeeping (rows' `created_at` defaults, the outbox's own retries) stays on `now()`.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
