import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AppealCase,
  AttendanceRecord,
  ChatMessage,
  ChatReport,
  ChatRoom,
  ChatSession,
  ChatShift,
  CoverageWeek,
  CreateRoomRequest,
  CreateShiftRequest,
  HostCall,
  ModerationHistory,
  ModerationReason,
  Page,
  PracticeSessionView,
  PracticumReviewRequest,
  ReportRequest,
  RoleSuspensionTaken,
  RoomMember,
  Sanction,
  SanctionTaken,
  ScheduleSessionRequest,
  TimedSanctionTaken,
  UpcomingSession,
  UpdateRoomRequest,
} from '@hearth/contracts';
import { firstValueFrom } from 'rxjs';

/** The chat's HTTP routes: rooms, history, moderation and sessions. Live traffic goes through ChatSocket. */
@Injectable({ providedIn: 'root' })
export class ChatApi {
  private readonly http = inject(HttpClient);

  rooms(): Promise<ChatRoom[]> {
    return firstValueFrom(this.http.get<ChatRoom[]>('/api/v1/chat/rooms'));
  }

  room(id: string): Promise<ChatRoom> {
    return firstValueFrom(this.http.get<ChatRoom>(`/api/v1/chat/rooms/${id}`));
  }

  createRoom(request: CreateRoomRequest): Promise<ChatRoom> {
    return firstValueFrom(this.http.post<ChatRoom>('/api/v1/chat/rooms', request));
  }

  updateRoom(id: string, request: UpdateRoomRequest): Promise<ChatRoom> {
    return firstValueFrom(this.http.patch<ChatRoom>(`/api/v1/chat/rooms/${id}`, request));
  }

  archive(id: string, archived: boolean): Promise<ChatRoom> {
    return firstValueFrom(this.http.post<ChatRoom>(`/api/v1/chat/rooms/${id}/archive`, { archived }));
  }

  /** Older messages, newest first. */
  history(roomId: string, cursor: string | null): Promise<Page<ChatMessage>> {
    const params = cursor ? new HttpParams().set('cursor', cursor) : undefined;
    return firstValueFrom(this.http.get<Page<ChatMessage>>(`/api/v1/chat/rooms/${roomId}/messages`, { params }));
  }

  people(roomId: string): Promise<RoomMember[]> {
    return firstValueFrom(this.http.get<RoomMember[]>(`/api/v1/chat/rooms/${roomId}/people`));
  }

  /** People are here and no facilitator is: the room's on-spot hosts who are online are told. */
  askForHost(roomId: string): Promise<HostCall> {
    return firstValueFrom(this.http.post<HostCall>(`/api/v1/chat/rooms/${roomId}/host-calls`, {}));
  }

  /** Each room's hours of an ISO week, covered or not. */
  coverage(week: string): Promise<CoverageWeek> {
    return firstValueFrom(this.http.get<CoverageWeek>('/api/v1/chat/coverage', { params: new HttpParams().set('week', week) }));
  }

  shifts(week: string): Promise<ChatShift[]> {
    return firstValueFrom(this.http.get<ChatShift[]>('/api/v1/chat/shifts', { params: new HttpParams().set('week', week) }));
  }

  createShift(roomId: string, request: CreateShiftRequest): Promise<ChatShift> {
    return firstValueFrom(this.http.post<ChatShift>(`/api/v1/chat/rooms/${roomId}/shifts`, request));
  }

  removeShift(shiftId: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`/api/v1/chat/shifts/${shiftId}`));
  }

  /** One's own (no reason), or someone else's as a moderator (with one). */
  removeMessage(messageId: string, reason?: ModerationReason): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`/api/v1/chat/messages/${messageId}`, { body: reason ?? {} }));
  }

  warn(roomId: string, userId: string, reason: ModerationReason): Promise<SanctionTaken> {
    return firstValueFrom(this.http.post<SanctionTaken>(`/api/v1/chat/rooms/${roomId}/warnings`, { userId, ...reason }));
  }

  mute(roomId: string, userId: string, minutes: number, reason: ModerationReason): Promise<TimedSanctionTaken> {
    return firstValueFrom(this.http.post<TimedSanctionTaken>(`/api/v1/chat/rooms/${roomId}/mutes`, { userId, minutes, ...reason }));
  }

  ban(roomId: string, userId: string, minutes: number, reason: ModerationReason): Promise<TimedSanctionTaken> {
    return firstValueFrom(this.http.post<TimedSanctionTaken>(`/api/v1/chat/rooms/${roomId}/bans`, { userId, minutes, ...reason }));
  }

  /** For `days`, or until a refresher course is redone (`{ refresherCourseId }`) and an admin reinstates the role. */
  suspendRole(roomId: string, userId: string, roleKey: string, span: { days: number } | { refresherCourseId: string }, reason: ModerationReason): Promise<RoleSuspensionTaken> {
    return firstValueFrom(this.http.post<RoleSuspensionTaken>(`/api/v1/chat/rooms/${roomId}/role-suspensions`, { userId, roleKey, ...span, ...reason }));
  }

  moderationHistory(roomId: string, userId: string): Promise<ModerationHistory> {
    return firstValueFrom(this.http.get<ModerationHistory>(`/api/v1/chat/rooms/${roomId}/people/${userId}/moderation`));
  }

  report(messageId: string, request: ReportRequest): Promise<ChatReport> {
    return firstValueFrom(this.http.post<ChatReport>(`/api/v1/chat/messages/${messageId}/reports`, request));
  }

  reports(roomId: string, status: 'open' | 'actioned' | 'dismissed', cursor: string | null): Promise<Page<ChatReport>> {
    let params = new HttpParams().set('status', status);
    if (cursor) params = params.set('cursor', cursor);
    return firstValueFrom(this.http.get<Page<ChatReport>>(`/api/v1/chat/rooms/${roomId}/reports`, { params }));
  }

  dismissReport(reportId: string, note: string): Promise<ChatReport> {
    return firstValueFrom(this.http.post<ChatReport>(`/api/v1/chat/reports/${reportId}/dismiss`, { note }));
  }

  mySanctions(): Promise<Sanction[]> {
    return firstValueFrom(this.http.get<Sanction[]>('/api/v1/chat/sanctions/mine'));
  }

  sanction(id: string): Promise<Sanction> {
    return firstValueFrom(this.http.get<Sanction>(`/api/v1/chat/sanctions/${id}`));
  }

  appeal(sanctionId: string, body: string): Promise<Sanction> {
    return firstValueFrom(this.http.post<Sanction>(`/api/v1/chat/sanctions/${sanctionId}/appeal`, { body }));
  }

  appeals(status: 'pending' | 'confirmed' | 'overturned', cursor: string | null): Promise<Page<AppealCase>> {
    let params = new HttpParams().set('status', status);
    if (cursor) params = params.set('cursor', cursor);
    return firstValueFrom(this.http.get<Page<AppealCase>>('/api/v1/admin/chat/appeals', { params }));
  }

  decideAppeal(appealId: string, outcome: 'confirmed' | 'overturned', note: string): Promise<AppealCase> {
    return firstValueFrom(this.http.post<AppealCase>(`/api/v1/admin/chat/appeals/${appealId}/decision`, { outcome, note }));
  }

  slowMode(roomId: string, seconds: number): Promise<ChatRoom> {
    return firstValueFrom(this.http.put<ChatRoom>(`/api/v1/chat/rooms/${roomId}/slow-mode`, { seconds }));
  }

  freeze(roomId: string, frozen: boolean): Promise<ChatRoom> {
    return firstValueFrom(this.http.put<ChatRoom>(`/api/v1/chat/rooms/${roomId}/freeze`, { frozen }));
  }

  welcome(roomId: string, userId: string): Promise<void> {
    return firstValueFrom(this.http.post<void>(`/api/v1/chat/rooms/${roomId}/welcome`, { userId }));
  }

  /** The next sessions in every room I may enter. */
  upcomingForMe(): Promise<UpcomingSession[]> {
    return firstValueFrom(this.http.get<UpcomingSession[]>('/api/v1/chat/sessions/upcoming'));
  }

  upcoming(roomId: string): Promise<ChatSession[]> {
    return firstValueFrom(this.http.get<ChatSession[]>(`/api/v1/chat/rooms/${roomId}/sessions`));
  }

  /** Scheduled for later (`startsAt`), or started at once (`startNow`); a practice session names its course and script. */
  createSession(roomId: string, request: ScheduleSessionRequest & { startNow?: boolean }): Promise<ChatSession> {
    return firstValueFrom(this.http.post<ChatSession>(`/api/v1/chat/rooms/${roomId}/sessions`, request));
  }

  /** A practice session with its script, rubric and review. */
  practice(sessionId: string): Promise<PracticeSessionView> {
    return firstValueFrom(this.http.get<PracticeSessionView>(`/api/v1/chat/sessions/${sessionId}/practice`));
  }

  observe(sessionId: string): Promise<PracticeSessionView> {
    return firstValueFrom(this.http.post<PracticeSessionView>(`/api/v1/chat/sessions/${sessionId}/observe`, {}));
  }

  reviewPractice(sessionId: string, request: PracticumReviewRequest): Promise<PracticeSessionView> {
    return firstValueFrom(this.http.post<PracticeSessionView>(`/api/v1/chat/sessions/${sessionId}/practicum-review`, request));
  }

  startSession(sessionId: string): Promise<ChatSession> {
    return firstValueFrom(this.http.post<ChatSession>(`/api/v1/chat/sessions/${sessionId}/start`, {}));
  }

  endSession(sessionId: string): Promise<ChatSession> {
    return firstValueFrom(this.http.post<ChatSession>(`/api/v1/chat/sessions/${sessionId}/end`, {}));
  }

  pin(sessionId: string, messageId: string): Promise<ChatSession> {
    return firstValueFrom(this.http.post<ChatSession>(`/api/v1/chat/sessions/${sessionId}/pin`, { messageId }));
  }

  confirmCoHost(sessionId: string): Promise<ChatSession> {
    return firstValueFrom(this.http.post<ChatSession>(`/api/v1/chat/sessions/${sessionId}/co-host/confirm`, {}));
  }

  coHost(sessionId: string, userId: string): Promise<ChatSession> {
    return firstValueFrom(this.http.post<ChatSession>(`/api/v1/chat/sessions/${sessionId}/co-host`, { userId }));
  }

  attendance(): Promise<AttendanceRecord[]> {
    return firstValueFrom(this.http.get<AttendanceRecord[]>('/api/v1/me/attendance'));
  }
}
