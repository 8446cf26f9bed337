import type { FieldError } from '@hearth/contracts';

/**
 * What went wrong, in the terms the HTTP mapping needs. Each context's error codes map
 * to one of these; the problem filter turns the kind into a status.
 */
export type ErrorKind =
  | 'invalid' // 400: the request is malformed
  | 'unauthenticated' // 401: not signed in, or the credentials are wrong
  | 'forbidden' // 403: signed in but not allowed
  | 'not_found' // 404: absent, or not visible to the caller
  | 'conflict' // 409: clashes with existing state
  | 'rule' // 422: well-formed, but breaks a rule
  | 'rate_limited' // 429
  | 'unavailable'; // 503

/**
 * The base of every error a context raises on purpose. Services throw these, never Nest
 * HTTP exceptions; the global problem filter maps them to problem+json.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: ErrorKind;

  protected constructor(
    /** Machine-readable, kebab-case; the last segment of the problem `type`. */
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    /** Response headers the problem must carry (`Retry-After`, `WWW-Authenticate`). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input that fails validation, with every failing field listed. */
export class ValidationFailedError extends DomainError {
  readonly kind = 'invalid';

  constructor(fieldErrors: FieldError[], message = 'The request has invalid fields.') {
    super('validation', message, fieldErrors);
  }
}

export enum PlatformErrorCode {
  NotReady = 'not-ready',
  NotFound = 'not-found',
}

const PLATFORM_ERROR_KINDS: Record<PlatformErrorCode, ErrorKind> = {
  [PlatformErrorCode.NotReady]: 'unavailable',
  [PlatformErrorCode.NotFound]: 'not_found',
};

export class PlatformError extends DomainError {
  readonly kind: ErrorKind;

  constructor(code: PlatformErrorCode, message: string, headers: Record<string, string> = {}) {
    super(code, message, [], headers);
    this.kind = PLATFORM_ERROR_KINDS[code];
  }
}
