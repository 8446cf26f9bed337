import { isAbsolute, resolve } from 'node:path';

/**
 * Hearth's configuration, read once from the environment at boot.
 *
 * Every variable is checked here and nowhere else: a bad value, or an unknown `HEARTH_*`
 * name (a typo that would otherwise be silently ignored), stops the start with a message
 * naming each offending variable.
 */
export interface HearthConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** An external PostgreSQL; when absent Hearth runs an embedded one under `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  /** The built web app served at `/` (`npm run build` writes it here). */
  webDir: string;
  /** HMAC secret for access tokens; when absent one is generated and kept in the database. */
  jwtSecret: string | null;
  accessTokenTtlSeconds: number;
  /** A refresh token unused for this long lapses. */
  refreshTokenTtlDays: number;
  /** A session ends this long after sign-in, however often it is refreshed. */
  sessionMaxDays: number;
  /** A spent refresh token presented again within this window is a benign race, not theft. */
  refreshReuseGraceSeconds: number;
  /**
   * Which `X-Forwarded-*` to believe: false (none), a number of proxy hops in front of
   * Hearth, or the proxies' addresses/CIDRs. Never "every hop": a client could then pick
   * its own address and dodge the rate limits.
   */
  trustProxy: false | number | string[];
  /**
   * Load the demo course and demo accounts (one shared, published password) into a new
   * embedded database: only in development on a loopback host, never with HOST=0.0.0.0.
   */
  demoData: boolean;
  /** Mark the refresh cookie Secure: always, never, or (`auto`) when the request came over HTTPS. */
  cookieSecure: 'auto' | boolean;
  /** Hosts besides Hearth's own origin that images in Markdown may come from. */
  markdownImageHosts: string[];
  /** How often this process drains the outbox; 0 leaves it to other processes. */
  workerPollMs: number;
  /** smtp:// or smtps:// for e-mail; without it, mail is written to <dataDir>/mail as .eml files. */
  smtpUrl: string | null;
  /** The From: of Hearth's e-mail. */
  mailFrom: string;
  /** The address people open Hearth at, for links in e-mail and in badges. */
  publicUrl: string;
  /** The community's name: the issuer of its badges, the sender's name in e-mail. */
  instanceName: string;
  /** A report of a chat message nobody acts on goes to the admins after this many minutes. */
  chatReportEscalateMinutes: number;
  /** A role request nobody has decided is brought to the admins again after this many hours. */
  grantRequestEscalateHours: number;
  authRateLimit: {
    /** Sign-in and registration attempts allowed per client address per window. */
    perIp: number;
    /** Attempts allowed against one account (login name or e-mail) per window. */
    perAccount: number;
    windowSeconds: number;
  };
  /** How long what is over is kept before the nightly purge deletes it, in days. */
  retentionDays: {
    /** Sessions ended or expired, their refresh tokens, spent links, old sign-in failures. */
    sessions: number;
    notifications: number;
    /** Outbox messages done. */
    outbox: number;
    /** .eml files written without SMTP_URL. */
    mail: number;
  };
  /** Wrong passwords one account takes in a UTC day before it takes no more until the next. */
  signInDailyFailureCap: number;
  /** Sign-in with the community's own accounts (OpenID Connect); null when not set up. */
  oidc: OidcConfig | null;
}

export interface OidcConfig {
  /** The provider's issuer URL; its `/.well-known/openid-configuration` is read on first use. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The ID token or userinfo claim that becomes a new account's username (`preferred_username`). */
  usernameClaim: string;
  /** What the sign-in button calls the provider: “Sign in with …”. */
  displayName: string;
  scopes: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Hearth cannot start, its configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads and validates the configuration; throws a ConfigError listing every problem at once. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): HearthConfig {
  const reader = new EnvReader(env);
  const dataDir = reader.path('HEARTH_DATA_DIR', 'data', cwd);
  const config: HearthConfig = {
    env: reader.oneOf('NODE_ENV', ['development', 'production', 'test'], 'development'),
    host: reader.string('HOST', '127.0.0.1'),
    port: reader.integer('PORT', 3000, 0, 65535),
    logLevel: reader.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    databaseUrl: reader.postgresUrl('DATABASE_URL'),
    dataDir,
    webDir: reader.path('HEARTH_WEB_DIR', 'dist/web/browser', cwd),
    jwtSecret: reader.secret('HEARTH_JWT_SECRET', 32),
    accessTokenTtlSeconds: reader.integer('HEARTH_ACCESS_TOKEN_TTL_SECONDS', 15 * 60, 1, 24 * 3600),
    refreshTokenTtlDays: reader.integer('HEARTH_REFRESH_TOKEN_TTL_DAYS', 30, 1, 365),
    sessionMaxDays: reader.integer('HEARTH_SESSION_MAX_DAYS', 90, 1, 3650),
    refreshReuseGraceSeconds: reader.integer('HEARTH_REFRESH_REUSE_GRACE_SECONDS', 10, 0, 120),
    trustProxy: reader.trustProxy('HEARTH_TRUST_PROXY'),
    demoData: reader.boolean('HEARTH_DEMO_DATA', true),
    cookieSecure: reader.autoOrBoolean('HEARTH_COOKIE_SECURE'),
    markdownImageHosts: reader.hosts('HEARTH_MARKDOWN_IMAGE_HOSTS'),
    workerPollMs: reader.integer('HEARTH_WORKER_POLL_MS', 1000, 0, 3_600_000),
    smtpUrl: reader.url('SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: reader.string('HEARTH_MAIL_FROM', 'Hearth <hearth@localhost>'),
    publicUrl: (reader.url('HEARTH_PUBLIC_URL', ['http:', 'https:']) ?? '').replace(/\/$/, ''),
    instanceName: reader.string('HEARTH_INSTANCE_NAME', 'Hearth'),
    chatReportEscalateMinutes: reader.integer('HEARTH_CHAT_REPORT_ESCALATE_MINUTES', 15, 1, 7 * 24 * 60),
    grantRequestEscalateHours: reader.integer('HEARTH_GRANT_REQUEST_ESCALATE_HOURS', 48, 1, 30 * 24),
    authRateLimit: {
      perIp: reader.integer('HEARTH_AUTH_RATE_LIMIT_PER_IP', 20, 1, 1_000_000),
      perAccount: reader.integer('HEARTH_AUTH_RATE_LIMIT_PER_ACCOUNT', 10, 1, 1_000_000),
      windowSeconds: reader.integer('HEARTH_AUTH_RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400),
    },
    retentionDays: {
      sessions: reader.integer('HEARTH_RETENTION_SESSIONS_DAYS', 30, 1, 3650),
      notifications: reader.integer('HEARTH_RETENTION_NOTIFICATIONS_DAYS', 180, 1, 3650),
      outbox: reader.integer('HEARTH_RETENTION_OUTBOX_DAYS', 7, 1, 3650),
      mail: reader.integer('HEARTH_RETENTION_MAIL_DAYS', 14, 1, 3650),
    },
    signInDailyFailureCap: reader.integer('HEARTH_SIGN_IN_DAILY_FAILURE_CAP', 50, 1, 100_000),
    oidc: reader.oidc(),
  };
  config.publicUrl ||= `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  // Accounts whose password is in the README must not be reachable from another machine.
  config.demoData &&= config.env === 'development' && isLoopback(config.host);
  reader.rejectUnknown('HEARTH_');
  if (reader.problems.length > 0) throw new ConfigError(reader.problems);
  return config;
}

/** Whether a listening address only takes connections from this machine. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

class EnvReader {
  readonly problems: string[] = [];
  private readonly known = new Set<string>();

  constructor(private readonly env: Env) {}

  private raw(name: string): string | undefined {
    this.known.add(name);
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  path(name: string, fallback: string, cwd: string): string {
    const value = this.raw(name) ?? fallback;
    return isAbsolute(value) ? value : resolve(cwd, value);
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
      return fallback;
    }
    return parsed;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['true', '1', 'yes'].includes(value)) return true;
    if (['false', '0', 'no'].includes(value)) return false;
    this.problems.push(`${name} must be true or false, got "${value}"`);
    return fallback;
  }

  autoOrBoolean(name: string): 'auto' | boolean {
    if (this.raw(name)?.toLowerCase() === 'auto' || this.raw(name) === undefined) return 'auto';
    return this.boolean(name, false);
  }

  hosts(name: string): string[] {
    const value = this.raw(name);
    if (value === undefined) return [];
    const hosts = value.split(',').map((part) => part.trim().toLowerCase()).filter(Boolean);
    const bad = hosts.filter((host) => !/^[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/.test(host));
    if (bad.length > 0) this.problems.push(`${name} must list host names separated by commas (images.example.org,cdn.example.org), got "${bad.join(', ')}"`);
    return hosts.filter((host) => !bad.includes(host));
  }

  trustProxy(name: string): false | number | string[] {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined || value === 'false' || value === '0') return false;
    if (/^[1-9]\d?$/.test(value)) return Number(value);
    const addresses = value.split(',').map((part) => part.trim());
    if (addresses.every((address) => /^[0-9a-f.:]+(\/\d{1,3})?$/.test(address) && /[.:]/.test(address))) return addresses;
    this.problems.push(
      `${name} must be false, the number of proxies in front of Hearth (usually 1), or their addresses (10.0.0.2,10.1.0.0/16), got "${value}"`,
    );
    return false;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
    return fallback;
  }

  postgresUrl(name: string): string | null {
    const value = this.raw(name);
    if (value === undefined) return null;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      this.problems.push(`${name} is not a URL (expected postgres://user:password@host:5432/database)`);
      return null;
    }
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
      this.problems.push(`${name} must start with postgres:// or postgresql://, got "${url.protocol}//"`);
      return null;
    }
    return value;
  }

  url(name: string, protocols: string[]): string | null {
    const value = this.raw(name);
    if (value === undefined) return null;
    try {
      if (protocols.includes(new URL(value).protocol)) return value;
    } catch {
      // reported below
    }
    this.problems.push(`${name} must be a ${protocols.map((p) => `${p}//`).join(' or ')} address`);
    return null;
  }

  secret(name: string, minLength: number): string | null {
    const value = this.raw(name);
    if (value === undefined) return null;
    if (value.length < minLength) {
      this.problems.push(`${name} must be at least ${minLength} characters long`);
      return null;
    }
    return value;
  }

  /** HEARTH_OIDC_*: all of issuer, client id and secret, or none of them. */
  oidc(): OidcConfig | null {
    const issuer = this.url('HEARTH_OIDC_ISSUER', ['https:', 'http:']);
    const clientId = this.raw('HEARTH_OIDC_CLIENT_ID');
    const clientSecret = this.raw('HEARTH_OIDC_CLIENT_SECRET');
    const usernameClaim = this.string('HEARTH_OIDC_USERNAME_CLAIM', 'preferred_username');
    const displayName = this.string('HEARTH_OIDC_NAME', 'your community account');
    const scopes = this.string('HEARTH_OIDC_SCOPES', 'openid email profile');
    const given = [issuer, clientId, clientSecret].filter((value) => value !== undefined && value !== null).length;
    if (given === 0) return null;
    if (!issuer || !clientId || !clientSecret) {
      this.problems.push('HEARTH_OIDC_ISSUER, HEARTH_OIDC_CLIENT_ID and HEARTH_OIDC_CLIENT_SECRET go together: set all three, or none');
      return null;
    }
    if (!scopes.split(/\s+/).includes('openid')) this.problems.push(`HEARTH_OIDC_SCOPES must include openid, got "${scopes}"`);
    return { issuer, clientId, clientSecret, usernameClaim, displayName, scopes };
  }

  rejectUnknown(prefix: string): void {
    for (const name of Object.keys(this.env)) {
      if (name.startsWith(prefix) && !this.known.has(name)) {
        this.problems.push(`${name} is not a Hearth setting (check its spelling in the README)`);
      }
    }
  }
}
