import { DomainError, type ErrorKind } from '@hearth/platform';

export enum ChatErrorCode {
  RoomNotFound = 'room-not-found',
  RoomClosed = 'room-closed',
  NotAllowed = 'not-allowed',
  Muted = 'muted',
  Frozen = 'room-frozen',
  ReadOnly = 'room-read-only',
  SlowMode = 'slow-mode',
  RateLimited = 'rate-limited',
  MessageNotFound = 'message-not-found',
  SessionNotFound = 'session-not-found',
  SessionRunning = 'session-running',
  SessionNotRunning = 'session-not-running',
  NotInRoom = 'not-in-room',
  SessionKindNotHere = 'session-kind-not-here',
  OnProbation = 'on-probation',
  SanctionNotFound = 'sanction-not-found',
  AppealClosed = 'appeal-closed',
  AppealNotFound = 'appeal-not-found',
  AppealDecided = 'appeal-decided',
  ReportNotFound = 'report-not-found',
  AlreadyReported = 'already-reported',
  ReportResolved = 'report-resolved',
  ShiftNotFound = 'shift-not-found',
  ShiftOverlaps = 'shift-overlaps',
  ShiftTooLong = 'shift-too-long',
  NotCovering = 'not-covering',
  RoomEmpty = 'room-empty',
  FacilitatorPresent = 'facilitator-present',
  NoHostOnline = 'no-host-online',
  NotPractice = 'not-practice',
  PracticeRule = 'practice-rule',
  AlreadyObserved = 'already-observed',
  AlreadyReviewed = 'already-reviewed',
}

const KINDS: Record<ChatErrorCode, ErrorKind> = {
  [ChatErrorCode.RoomNotFound]: 'not_found',
  [ChatErrorCode.RoomClosed]: 'forbidden',
  [ChatErrorCode.NotAllowed]: 'forbidden',
  [ChatErrorCode.Muted]: 'forbidden',
  [ChatErrorCode.Frozen]: 'forbidden',
  [ChatErrorCode.ReadOnly]: 'forbidden',
  [ChatErrorCode.SlowMode]: 'rate_limited',
  [ChatErrorCode.RateLimited]: 'rate_limited',
  [ChatErrorCode.MessageNotFound]: 'not_found',
  [ChatErrorCode.SessionNotFound]: 'not_found',
  [ChatErrorCode.SessionRunning]: 'conflict',
  [ChatErrorCode.SessionNotRunning]: 'conflict',
  [ChatErrorCode.NotInRoom]: 'rule',
  [ChatErrorCode.SessionKindNotHere]: 'rule',
  [ChatErrorCode.OnProbation]: 'rule',
  [ChatErrorCode.SanctionNotFound]: 'not_found',
  [ChatErrorCode.AppealClosed]: 'conflict',
  [ChatErrorCode.AppealNotFound]: 'not_found',
  [ChatErrorCode.AppealDecided]: 'conflict',
  [ChatErrorCode.ReportNotFound]: 'not_found',
  [ChatErrorCode.AlreadyReported]: 'conflict',
  [ChatErrorCode.ReportResolved]: 'conflict',
  [ChatErrorCode.ShiftNotFound]: 'not_found',
  [ChatErrorCode.ShiftOverlaps]: 'conflict',
  [ChatErrorCode.ShiftTooLong]: 'rule',
  [ChatErrorCode.NotCovering]: 'rule',
  [ChatErrorCode.RoomEmpty]: 'conflict',
  [ChatErrorCode.FacilitatorPresent]: 'conflict',
  [ChatErrorCode.NoHostOnline]: 'rule',
  [ChatErrorCode.NotPractice]: 'not_found',
  [ChatErrorCode.PracticeRule]: 'rule',
  [ChatErrorCode.AlreadyObserved]: 'conflict',
  [ChatErrorCode.AlreadyReviewed]: 'conflict',
};

export class ChatError extends DomainError {
  readonly kind: ErrorKind;

  constructor(code: ChatErrorCode, message: string, readonly retryAfterSeconds?: number) {
    super(code, message, [], retryAfterSeconds ? { 'Retry-After': String(retryAfterSeconds) } : {});
    this.kind = KINDS[code];
  }
}

export const roomNotFound = () => new ChatError(ChatErrorCode.RoomNotFound, 'There is no such room, or it is not open to you.');
