import { type HearthConfig, loadConfig } from '../config';

/**
 * Configuration for tests: quiet logs, generous rate limits (every request comes from
 * 127.0.0.1) and no outbox polling, with per-test overrides as environment variables,
 * validated like production.
 */
export function testConfig(env: Record<string, string> = {}): HearthConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    HEARTH_AUTH_RATE_LIMIT_PER_IP: '100000',
    HEARTH_AUTH_RATE_LIMIT_PER_ACCOUNT: '100000',
    // Tests drain the outbox themselves, when they mean to.
    HEARTH_WORKER_POLL_MS: '0',
    ...env,
  });
}
