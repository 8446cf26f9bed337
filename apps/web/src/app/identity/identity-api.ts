import { HttpClient, type HttpResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AuthResponse, ChangeEmailRequest, ChangePasswordRequest, LoginRequest, Me, Notice, PasswordReset, PasswordResetRequest, RefreshResponse, RegisterRequest, SignInSession, SingleSignOnInfo, UpdateProfileRequest } from '@hearth/contracts';
import { firstValueFrom } from 'rxjs';

/** The identity routes of the API. The refresh token travels in its httpOnly cookie. */
@Injectable({ providedIn: 'root' })
export class IdentityApi {
  private readonly http = inject(HttpClient);

  register(request: RegisterRequest): Promise<AuthResponse> {
    return firstValueFrom(this.http.post<AuthResponse>('/api/v1/auth/register', request));
  }

  login(request: LoginRequest): Promise<AuthResponse> {
    return firstValueFrom(this.http.post<AuthResponse>('/api/v1/auth/login', request));
  }

  /** Whether the community's own accounts can sign in here, and the provider's name. */
  singleSignOn(): Promise<SingleSignOnInfo> {
    return firstValueFrom(this.http.get<SingleSignOnInfo>('/api/v1/auth/oidc'));
  }

  refresh() {
    return this.http.post<RefreshResponse>('/api/v1/auth/refresh', null);
  }

  logout(): Promise<void> {
    return firstValueFrom(this.http.post<void>('/api/v1/auth/logout', null));
  }

  verifyEmail(token: string): Promise<void> {
    return firstValueFrom(this.http.post<void>('/api/v1/auth/verify-email', { token }));
  }

  resendVerification(): Promise<void> {
    return firstValueFrom(this.http.post<void>('/api/v1/me/email-verification', null));
  }

  requestPasswordReset(request: PasswordResetRequest): Promise<Notice> {
    return firstValueFrom(this.http.post<Notice>('/api/v1/auth/password-reset', request));
  }

  resetPassword(request: PasswordReset): Promise<void> {
    return firstValueFrom(this.http.post<void>('/api/v1/auth/password-reset/confirm', request));
  }

  changePassword(request: ChangePasswordRequest): Promise<void> {
    return firstValueFrom(this.http.put<void>('/api/v1/me/password', request));
  }

  updateProfile(request: UpdateProfileRequest): Promise<Me> {
    return firstValueFrom(this.http.patch<Me>('/api/v1/me', request));
  }

  changeEmail(request: ChangeEmailRequest): Promise<Notice> {
    return firstValueFrom(this.http.put<Notice>('/api/v1/me/email', request));
  }

  /** My data, as the file the API hands out. */
  exportMine(): Promise<HttpResponse<Blob>> {
    return firstValueFrom(this.http.get('/api/v1/me/export', { observe: 'response', responseType: 'blob' }));
  }

  deleteMine(currentPassword: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>('/api/v1/me', { body: { currentPassword } }));
  }

  /** Admin: a person's data, as their own export has it (audited). */
  exportFor(userId: string): Promise<HttpResponse<Blob>> {
    return firstValueFrom(this.http.get(`/api/v1/admin/users/${encodeURIComponent(userId)}/export`, { observe: 'response', responseType: 'blob' }));
  }

  /** Admin: deletes a person's account, with the reason the audit log keeps. */
  deleteFor(userId: string, reason: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`/api/v1/admin/users/${encodeURIComponent(userId)}`, { body: { reason } }));
  }

  sessions(): Promise<SignInSession[]> {
    return firstValueFrom(this.http.get<SignInSession[]>('/api/v1/me/sessions'));
  }

  endSession(id: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`/api/v1/me/sessions/${encodeURIComponent(id)}`));
  }

  endAllSessions(): Promise<void> {
    return firstValueFrom(this.http.delete<void>('/api/v1/me/sessions'));
  }

  me(): Promise<Me> {
    return firstValueFrom(this.http.get<Me>('/api/v1/me'));
  }
}
