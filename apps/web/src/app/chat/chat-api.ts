import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AttendanceRecord, ChatMessage, ChatRoom, ChatSession, CreateRoomRequest, Page, RoomMember, UpdateRoomRequest } from '@hearth/contracts';
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

  removeMessage(messageId: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`/api/v1/chat/messages/${messageId}`));
  }

  mute(roomId: string, userId: string, minutes: number): Promise<{ until: string }> {
    return firstValueFrom(this.http.post<{ until: string }>(`/api/v1/chat/rooms/${roomId}/mutes`, { userId, minutes }));
  }

  ban(roomId: string, userId: string, minutes: number): Promise<{ until: string }> {
    return firstValueFrom(this.http.post<{ until: string }>(`/api/v1/chat/rooms/${roomId}/bans`, { userId, minutes }));
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

  upcoming(roomId: string): Promise<ChatSession[]> {
    return firstValueFrom(this.http.get<ChatSession[]>(`/api/v1/chat/rooms/${roomId}/sessions`));
  }

  /** Scheduled for later (`startsAt`), or started at once (`startNow`). */
  createSession(roomId: string, request: { topic: string; startsAt?: string; startNow?: boolean }): Promise<ChatSession> {
    return firstValueFrom(this.http.post<ChatSession>(`/api/v1/chat/rooms/${roomId}/sessions`, request));
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

  coHost(sessionId: string, userId: string): Promise<ChatSession> {
    return firstValueFrom(this.http.post<ChatSession>(`/api/v1/chat/sessions/${sessionId}/co-host`, { userId }));
  }

  attendance(): Promise<AttendanceRecord[]> {
    return firstValueFrom(this.http.get<AttendanceRecord[]>('/api/v1/me/attendance'));
  }
}
