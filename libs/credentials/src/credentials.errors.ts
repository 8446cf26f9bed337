import type { FieldError } from '@hearth/contracts';
import { DomainError, type ErrorKind } from '@hearth/platform';

export enum CredentialsErrorCode {
  RoleNotFound = 'role-not-found',
  RoleKeyTaken = 'role-key-taken',
  InvalidRole = 'invalid-role',
  GrantNotFound = 'grant-not-found',
  RequestNotFound = 'request-not-found',
  RequestDecided = 'request-decided',
  AlreadyHeld = 'role-already-held',
  NotActive = 'grant-not-active',
  StillActive = 'grant-still-active',
  MissingRoles = 'prerequisite-roles-missing',
  UserNotFound = 'user-not-found',
  BadgeNotFound = 'badge-not-found',
  BadgeRevoked = 'badge-revoked',
  RequestPending = 'request-pending',
  NotEligible = 'not-eligible',
  StatusListNotFound = 'status-list-not-found',
}

const KINDS: Record<CredentialsErrorCode, ErrorKind> = {
  [CredentialsErrorCode.RoleNotFound]: 'not_found',
  [CredentialsErrorCode.RoleKeyTaken]: 'conflict',
  [CredentialsErrorCode.InvalidRole]: 'invalid',
  [CredentialsErrorCode.GrantNotFound]: 'not_found',
  [CredentialsErrorCode.RequestNotFound]: 'not_found',
  [CredentialsErrorCode.RequestDecided]: 'conflict',
  [CredentialsErrorCode.AlreadyHeld]: 'conflict',
  [CredentialsErrorCode.NotActive]: 'conflict',
  [CredentialsErrorCode.StillActive]: 'conflict',
  [CredentialsErrorCode.MissingRoles]: 'rule',
  [CredentialsErrorCode.UserNotFound]: 'not_found',
  [CredentialsErrorCode.BadgeNotFound]: 'not_found',
  [CredentialsErrorCode.BadgeRevoked]: 'conflict',
  [CredentialsErrorCode.RequestPending]: 'conflict',
  [CredentialsErrorCode.NotEligible]: 'rule',
  [CredentialsErrorCode.StatusListNotFound]: 'not_found',
};

export class CredentialsError extends DomainError {
  readonly kind: ErrorKind;

  constructor(code: CredentialsErrorCode, message: string, fieldErrors: FieldError[] = []) {
    super(code, message, fieldErrors);
    this.kind = KINDS[code];
  }
}

export const roleNotFound = () => new CredentialsError(CredentialsErrorCode.RoleNotFound, 'There is no facilitator role with this key.');
