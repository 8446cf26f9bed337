import { STATUS_CODES } from 'node:http';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, type FieldError, type Problem } from '@hearth/contracts';
import { DomainError, type ErrorKind } from './errors';

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule: 422,
  rate_limited: 429,
  unavailable: 503,
};

/** Codes for errors raised outside our services (routing, body parsing, Nest itself). */
const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable',
  429: 'rate-limited',
};

/** The path under which problem types are named; the last segment is the error code. */
export const PROBLEM_TYPE_BASE = '/problems/';

export interface ProblemResponse {
  problem: Problem;
  headers: Record<string, string>;
}

/**
 * Turns any thrown value into a problem+json response. Domain errors carry their own
 * code and kind; HTTP and Fastify errors (unknown route, malformed JSON, body too large)
 * keep their 4xx status; anything else is a 500 whose details go to the log only.
 */
export function toProblem(error: unknown, instance: string, requestId: string | undefined): ProblemResponse {
  let status: number;
  let code: string;
  let detail: string;
  let errors: FieldError[] | undefined;
  let headers: Record<string, string> = {};

  if (error instanceof DomainError) {
    status = STATUS_BY_KIND[error.kind];
    code = error.code;
    detail = error.message;
    errors = error.fieldErrors.length > 0 ? error.fieldErrors : undefined;
    headers = { ...error.headers };
  } else if (error instanceof HttpException) {
    status = error.getStatus();
    code = CODE_BY_STATUS[status] ?? `http-${status}`;
    detail = httpExceptionDetail(error);
  } else if (isInvalidInputForDatabase(error)) {
    // A safety net: input the database refuses as text (a NUL byte, a malformed UUID) that
    // slipped past validation is still the client's mistake, not a fault.
    status = 400;
    code = 'bad-request';
    detail = 'The request holds a value the database cannot accept.';
  } else if (databaseCode(error) === '23505') {
    // A unique key refused a row: the same change made at the same moment by someone else
    // (services check first; this covers the race between their check and their write).
    status = 409;
    code = 'conflict';
    detail = 'Someone made the same change at the same moment. Reload to see it.';
  } else if (databaseCode(error) === '40P01' || databaseCode(error) === '40001') {
    // A deadlock or serialization failure: the transaction was rolled back whole, and the
    // same request sent again will most likely go through.
    status = 503;
    code = 'busy';
    detail = 'Hearth was busy with the same data and made no change. Try again.';
    headers = { 'Retry-After': '1' };
  } else if (isDatabaseUnavailable(error)) {
    // PostgreSQL restarting, shut down or out of reach: the request may be sent again.
    status = 503;
    code = 'database-unavailable';
    detail = 'Hearth cannot reach its database right now. Try again in a few seconds.';
    headers = { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) };
  } else if (isClientErrorWithStatus(error)) {
    status = error.statusCode;
    code = CODE_BY_STATUS[status] ?? `http-${status}`;
    detail = clientErrorDetail(error);
  } else {
    status = 500;
    code = 'internal';
    detail = 'Something went wrong on our side. The error was logged; quote the request id if you report it.';
  }

  if (status === 401 && !headers['WWW-Authenticate']) headers['WWW-Authenticate'] = 'Bearer';
  const problem: Problem = {
    type: `${PROBLEM_TYPE_BASE}${code}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    instance,
    ...(requestId ? { requestId } : {}),
    ...(errors ? { errors } : {}),
  };
  return { problem, headers };
}

/**
 * PostgreSQL refusing a value a client sent: "invalid text representation", "character not
 * in repertoire", "invalid datetime format", "datetime field overflow" and "numeric value
 * out of range". The checks before a query should catch these; this keeps any that slip
 * through a 400.
 */
const INVALID_INPUT_CODES = new Set(['22P02', '22021', '22007', '22008', '22003']);

function databaseCode(error: unknown): string | undefined {
  const code = (error as { driverError?: { code?: unknown } } | null)?.driverError?.code;
  return typeof code === 'string' ? code : undefined;
}

/** How long a client is asked to wait while the database is away (a restart takes a few seconds). */
const DATABASE_RETRY_AFTER_SECONDS = 5;
/**
 * PostgreSQL's "connection exception" class (08…), its shutdown and start-up states
 * (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now) and too many
 * connections; and the network's refusals on the way to it.
 */
const UNAVAILABLE_CODES = /^(08...|57P0[123]|53300|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH)$/;
/** What node-postgres says when a connection ends under a query or cannot be had in time. */
const UNAVAILABLE_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly/i;

/** Whether an error means the database could not be reached or went away (not that it refused a statement). */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  if (error instanceof AggregateError && error.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  const { code, message, driverError, cause } = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
  if (typeof code === 'string' && UNAVAILABLE_CODES.test(code)) return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
  return isDatabaseUnavailable(driverError ?? cause, depth + 1);
}

function isInvalidInputForDatabase(error: unknown): boolean {
  return INVALID_INPUT_CODES.has(databaseCode(error) ?? '');
}

function httpExceptionDetail(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : error.message;
}

interface ClientError {
  statusCode: number;
  message: string;
  code?: string;
}

function isClientErrorWithStatus(error: unknown): error is ClientError {
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500;
}

function clientErrorDetail(error: ClientError): string {
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return 'The request body is not valid JSON.';
  }
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'The request body is empty but JSON was declared.';
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'The request body has an unsupported content type; send application/json.';
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'The request body is too large.';
  return error.message;
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const requestId = requestIdOf(request);
    const { problem, headers } = toProblem(error, request.url.split('?')[0], requestId);

    if (problem.status >= 500) {
      this.logger.error({ err: error, requestId, url: request.url }, 'Request failed');
    }
    if (reply.sent) return;
    void reply.status(problem.status).headers(headers).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }
}

/** The id the request is logged under (see logging.ts), also sent back as `X-Request-Id`. */
export function requestIdOf(request: FastifyRequest): string | undefined {
  return typeof request.id === 'string' ? request.id : undefined;
}
