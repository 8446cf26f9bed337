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

/** One log line per request, at warn for 4xx and error for 5xx; credentials never logged. */
export function loggingParams(config: HearthConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
        censor: '[redacted]',
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      autoLogging: { ignore: (req) => req.url === '/api/health' },
    },
  };
}
