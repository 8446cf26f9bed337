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
 * method, URL, address and user agent, and the response's status. Headers are left out
 * rather than redacted: pino-http serialises the request into every request's child
 * logger, logged or not, and cloning headers for redaction was the largest share of the
 * logging's cost per request (bench/, profile of GET /me).
 */
export function loggingParams(config: HearthConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      serializers: {
        req: (req: LoggedRequest) => ({ id: req.id, method: req.method, url: req.url, remoteAddress: req.remoteAddress, userAgent: req.headers['user-agent'] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      autoLogging: { ignore: (req) => req.url === '/api/health' },
    },
  };
}
