import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { HearthConfig } from './config';

const INCOMING_ID = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * The id a request is logged under: a sane incoming `X-Request-Id` (so a proxy's id
 * follows the request through), or a fresh UUID. Given to Fastify as its `genReqId`;
 * pino-http and the problem filter read the same id, and it is echoed in the response.
 */
export function requestIdFor(request: Pick<IncomingMessage, 'headers'>): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : randomUUID();
}

/** Query parameters that carry secrets (a link's verification or reset token, an OpenID code). */
const SECRET_QUERY = /([?&](?:token|code|state|password|access_token|id_token)=)[^&#]*/gi;

/** A URL as it may be logged: the values of secret-bearing query parameters replaced. */
export function redactUrl(url: string): string {
  return url.includes('=') ? url.replace(SECRET_QUERY, '$1[redacted]') : url;
}

/**
 * Paths pino censors wherever they turn up in a line (an error that carries a request's
 * body, a handler logging what it was given).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.secret',
];

/** What a request's log line says about it: never its headers, so never its credentials. */
interface LoggedRequest {
  id: unknown;
  method: string;
  url: string;
  remoteAddress?: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * One log line per request (at warn for 4xx and error for 5xx) with the request's id,
 * method, URL (tokens in its query redacted), address and user agent, and the response's
 * status. Passwords and tokens anywhere in a line are censored (REDACTED_PATHS). Headers are left out
 * rather than redacted: pino-http serialises the request into every request's child
 * logger, logged or not, and cloning headers for redaction was the largest share of the
 * logging's cost per request (bench/, profile of GET /me).
 */
export function loggingParams(config: HearthConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: {
        req: (req: LoggedRequest) => ({ id: req.id, method: req.method, url: redactUrl(req.url), remoteAddress: req.remoteAddress, userAgent: req.headers['user-agent'] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      autoLogging: { ignore: (req) => req.url === '/api/health' },
    },
  };
}
