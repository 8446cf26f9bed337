import type { FieldError } from '@hearth/contracts';
import { DomainError, type ErrorKind } from '@hearth/platform';

export enum IdentityErrorCode {
  InvalidCredentials = 'invalid-credentials',
  Unauthenticated = 'unauthenticated',
  TokenExpired = 'token-expired',
  TokenInvalid = 'token-invalid',
  SessionEnded = 'session-ended',
  SessionNotFound = 'session-not-found',
  ResetLinkInvalid = 'reset-link-invalid',
  WrongPassword = 'wrong-password',
  VerifyLinkInvalid = 'verify-link-invalid',
  AlreadyVerified = 'already-verified',
  RefreshInvalid = 'refresh-invalid',
  RefreshReused = 'refresh-reused',
  EmailTaken = 'email-taken',
  UsernameTaken = 'username-taken',
  WeakPassword = 'weak-password',
  Forbidden = 'forbidden',
  UserNotFound = 'user-not-found',
  LastAdmin = 'last-admin',
  RateLimited = 'rate-limited',
  EmailUnchanged = 'email-unchanged',
  SingleSignOnOff = 'single-sign-on-off',
  SingleSignOnUnavailable = 'single-sign-on-unavailable',
}

const KINDS: Record<IdentityErrorCode, ErrorKind> = {
  [IdentityErrorCode.InvalidCredentials]: 'unauthenticated',
  [IdentityErrorCode.Unauthenticated]: 'unauthenticated',
  [IdentityErrorCode.TokenExpired]: 'unauthenticated',
  [IdentityErrorCode.TokenInvalid]: 'unauthenticated',
  [IdentityErrorCode.SessionEnded]: 'unauthenticated',
  [IdentityErrorCode.SessionNotFound]: 'not_found',
  [IdentityErrorCode.ResetLinkInvalid]: 'invalid',
  [IdentityErrorCode.WrongPassword]: 'invalid',
  [IdentityErrorCode.VerifyLinkInvalid]: 'invalid',
  [IdentityErrorCode.AlreadyVerified]: 'conflict',
  [IdentityErrorCode.RefreshInvalid]: 'unauthenticated',
  [IdentityErrorCode.RefreshReused]: 'unauthenticated',
  [IdentityErrorCode.EmailTaken]: 'conflict',
  [IdentityErrorCode.UsernameTaken]: 'conflict',
  [IdentityErrorCode.WeakPassword]: 'invalid',
  [IdentityErrorCode.Forbidden]: 'forbidden',
  [IdentityErrorCode.UserNotFound]: 'not_found',
  [IdentityErrorCode.LastAdmin]: 'rule',
  [IdentityErrorCode.RateLimited]: 'rate_limited',
  [IdentityErrorCode.EmailUnchanged]: 'invalid',
  [IdentityErrorCode.SingleSignOnOff]: 'not_found',
  [IdentityErrorCode.SingleSignOnUnavailable]: 'unavailable',
};

export class IdentityError extends DomainError {
  readonly kind: ErrorKind;

  constructor(
    code: IdentityErrorCode,
    message: string,
    options: { fieldErrors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(code, message, options.fieldErrors, options.headers);
    this.kind = KINDS[code];
  }
}
