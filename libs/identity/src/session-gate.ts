import { Injectable } from '@nestjs/common';
import { SessionRepository } from './session.repository';

/** How long an answer "this session is live" is believed before the database is asked again. */
export const SESSION_CHECK_CACHE_MS = 5_000;
const MAX_REMEMBERED = 20_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether the sign-in an access token was issued under is still going. Signing out,
 * "sign out everywhere" or a reset password must stop that session's access tokens at
 * once, not when they run out: every authenticated request and every chat connection asks
 * here. A live answer is kept for SESSION_CHECK_CACHE_MS (one query per session per few
 * seconds, not per request); an ended session never comes back, so that answer is kept.
 * Sessions ended on this instance are known at once; on another instance, within the
 * cache time.
 */
@Injectable()
export class SessionGate {
  private readonly known = new Map<string, { live: boolean; until: number }>();
  /** Checks on their way to the database: a page's parallel requests share one. */
  private readonly asking = new Map<string, Promise<boolean>>();

  constructor(private readonly sessions: SessionRepository) {}

  async isLive(sessionId: string): Promise<boolean> {
    if (!UUID.test(sessionId)) return false;
    const now = Date.now();
    const cached = this.known.get(sessionId);
    if (cached && (!cached.live || cached.until > now)) return cached.live;
    let asked = this.asking.get(sessionId);
    if (!asked) {
      asked = this.sessions.checkLive(sessionId).finally(() => this.asking.delete(sessionId));
      this.asking.set(sessionId, asked);
    }
    const live = await asked;
    // An ending that landed meanwhile wins over the answer read before it.
    if (this.known.get(sessionId)?.live !== false) this.remember(sessionId, live, now + SESSION_CHECK_CACHE_MS);
    return live && this.known.get(sessionId)?.live !== false;
  }

  /** Sessions ended here: refused from now on. */
  ended(sessionIds: string[]): void {
    for (const id of sessionIds) this.remember(id, false, Number.POSITIVE_INFINITY);
  }

  private remember(sessionId: string, live: boolean, until: number): void {
    this.known.delete(sessionId);
    this.known.set(sessionId, { live, until });
    // The oldest answers go first; a forgotten one is simply asked again.
    if (this.known.size > MAX_REMEMBERED) this.known.delete(this.known.keys().next().value!);
  }
}
